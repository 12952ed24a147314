#!/usr/bin/env bash
# Renders the HTML digest of the offline demo in headless Chromium at a phone width (390 px) and a
# desktop width (1280 px), to check how a hub team will see it: an ordinary day, and a day the
# network failed (every feed unreachable: the digest carries one line about it). Writes four PNG files.
#   scripts/screenshot-digest.sh [OUT_DIR]        (default /tmp/horizon-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/horizon-screenshots}"

source scripts/common.sh
scripts/setup.sh browser
release_builds horizon
demo_copy
"$horizon" --config "$work/demo/feeds.json" --data "$work/data" fetch --quiet 2>/dev/null || true
"$horizon" --config "$work/demo/feeds.json" --data "$work/data" digest --hub dorset --out "$work/digests" --quiet
page=$(ls "$work"/digests/dorset-*.html)

# The outage: the same catalogue, every feed now unreachable (nothing listens on port 9).
cp -r "$work/demo" "$work/outage"
python3 - "$work/outage/feeds.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
for feed in config["feeds"]:
    feed["url"] = "http://127.0.0.1:9/" + feed["id"] + ".xml"
json.dump(config, open(path, "w"), indent=2)
PY
"$horizon" --config "$work/outage/feeds.json" --data "$work/data" fetch --quiet --all 2>/dev/null || true
"$horizon" --config "$work/outage/feeds.json" --data "$work/data" digest --hub dorset --seen-since 30d \
  --out "$work/outage-digests" --quiet
outage=$(ls "$work"/outage-digests/dorset-*.html)

mkdir -p "$out"
shoot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$1" --screenshot="$2" "file://$3" >/dev/null 2>&1
  echo "$2"
}
shoot 390,3000 "$out/digest-phone.png" "$page"
shoot 1280,2200 "$out/digest-desktop.png" "$page"
shoot 390,1600 "$out/digest-outage-phone.png" "$outage"
shoot 1280,1200 "$out/digest-outage-desktop.png" "$outage"
