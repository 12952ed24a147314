#!/usr/bin/env bash
# Renders the HTML digest of the offline demo in headless Chromium at a phone width (390 px) and a
# desktop width (1280 px), to check how a hub team will see it. Writes two PNG files.
#   scripts/screenshot-digest.sh [OUT_DIR]        (default /tmp/horizon-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/horizon-screenshots}"

scripts/setup.sh
if ! command -v chromium >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
swift build -c release --product horizon >/dev/null
horizon=.build/release/horizon

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r demo "$work/demo"
"$horizon" --config "$work/demo/feeds.json" --data "$work/data" fetch --quiet 2>/dev/null || true
"$horizon" --config "$work/demo/feeds.json" --data "$work/data" digest --hub dorset --out "$work/digests" --quiet
page=$(ls "$work"/digests/dorset-*.html)

mkdir -p "$out"
shoot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$1" --screenshot="$2" "file://$page" >/dev/null 2>&1
}
shoot 390,2400 "$out/digest-phone.png"
shoot 1280,1900 "$out/digest-desktop.png"
echo "$out/digest-phone.png"
echo "$out/digest-desktop.png"
