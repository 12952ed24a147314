#!/usr/bin/env bash
# Scores the parser against the feedparser conformance corpus (../shared/conformance) through
# ../shared/tools/conformance_check.py, and prints the score by folder.
#   scripts/conformance.sh [checker options, e.g. -k wellformed/atom10 -v]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product horizon >/dev/null
python3 ../shared/tools/conformance_check.py -j "$(nproc)" "$@" -- "$PWD/.build/release/horizon" parse --format neutral
