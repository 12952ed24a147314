#!/usr/bin/env bash
# Builds Horizon and runs the main job (fetch, match, store, digest, and each hub's static site)
# on the bundled offline demo (demo/feeds.json, whose feeds are files under demo/samples), then
# says where the catalogue, digests and sites are. The demo's data directory is ./demo-data.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product horizon
horizon=".build/release/horizon"

export HORIZON_CONFIG=demo/feeds.json HORIZON_DATA=demo-data
echo
echo "== horizon fetch"
"$horizon" fetch
echo
echo "== horizon digest"
"$horizon" digest --seen-since 7d
echo
echo "== horizon site"
"$horizon" site --all --out demo-site
echo
echo "Catalogue: $PWD/demo-data/catalogue.json"
echo "Digests:   $PWD/demo-data/digests/"
echo "Sites:     $PWD/demo-site/dorset/index.html (and one folder per hub)"
echo "Try:       $horizon --config demo/feeds.json --data demo-data search '\"virtual ward\" frailty'"
