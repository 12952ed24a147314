#!/usr/bin/env bash
# Builds the Dorset hub's static site from the offline demo (with a decision or two, so the board has
# something to show) and renders its home, a theme, an innovation and the board in headless Chromium
# at a phone width (390 px) and a desktop width (1280 px), and prints the board to PDF.
#   scripts/screenshot-site.sh [OUT_DIR]        (default /tmp/horizon-site-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/horizon-site-screenshots}"

source scripts/common.sh
scripts/setup.sh browser
release_builds horizon
demo_copy
h() { "$horizon" --config "$work/demo/feeds.json" --data "$work/data" "$@"; }
h fetch --quiet 2>/dev/null || true
# Decisions for the board: a story shortlisted, an innovation watched, one rejected.
ids=$(h search --hub dorset --format json | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)))')
set -- $ids
h mark "$1" --hub dorset --status shortlisted --by "A. Analyst" --note "For the March board: fits frailty and winter" >/dev/null
h mark "$2" --hub dorset --status rejected --by "A. Analyst" --note "Already commissioned locally" >/dev/null
innovation=$(h innovations --hub dorset --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
h mark "$innovation" --hub dorset --status watching --by "B. Lead" --note "Ask the ICB about spread" >/dev/null
h site --hub dorset --out "$work/site" --quiet
theme=$(ls "$work/site/themes" | head -1)

mkdir -p "$out"
shoot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$1" --screenshot="$2" "file://$3" >/dev/null 2>&1
  echo "$2"
}
for page in "index.html home" "themes/$theme theme" "innovations/$innovation.html innovation" "board.html board"; do
  set -- $page
  shoot 390,2400 "$out/site-$2-phone.png" "$work/site/$1"
  shoot 1280,1600 "$out/site-$2-desktop.png" "$work/site/$1"
done
chromium --headless=new --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/site-board.pdf" \
  "file://$work/site/board.html" >/dev/null 2>&1
echo "$out/site-board.pdf"
