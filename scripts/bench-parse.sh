#!/usr/bin/env bash
# Parse benchmark, side by side in one run through ../shared/bench/run_bench.sh: xmllint --noout (libxml2's
# floor), sfeed, Python feedparser and horizon-bench parse (one core, like the others), over the corpus of
# ../shared/bench/gen_corpus.py (1000 feeds x 50 items). Then Horizon with both cores, as `fetch` parses.
#   scripts/bench-parse.sh [FEEDS]     (results in /tmp/bench-results/parse-cFEEDS; table on stdout)
set -euo pipefail
cd "$(dirname "$0")/.."
feeds=${1:-1000}
bench=$PWD/../shared/bench
corpus=/tmp/bench-corpus/c$feeds
missing=()
for p in sfeed python3-feedparser libxml2-utils hyperfine time; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
swift build -c release --product horizon-bench >/dev/null
[ -f "$corpus/files.txt" ] || python3 "$bench/gen_corpus.py" --feeds "$feeds" --items 50 --seed 1 --out "$corpus"
# Horizon twice in the same run: on one core like the peers, then on every core as `fetch` parses.
export OURS_PARSE_CMD="$PWD/.build/release/horizon-bench parse --corpus $corpus --runs 1"
ONLY="xmllint sfeed feedparser ours_parse" RUNS_PY=${RUNS_PY:-3} "$bench/run_bench.sh" "$corpus" "parse-c$feeds" >/dev/null
export OURS_PARSE_CMD="$PWD/.build/release/horizon-bench parse --corpus $corpus --runs 1 --jobs $(nproc)"
ONLY="ours_parse" "$bench/run_bench.sh" "$corpus" "parse-c$feeds-jobs" >/dev/null
python3 "$bench/summarize.py" "/tmp/bench-results/parse-c$feeds" 2>/dev/null || ls "/tmp/bench-results/parse-c$feeds"
echo
echo "Horizon on $(nproc) cores (the fetch pipeline parses this way), same harness:"
python3 "$bench/summarize.py" "/tmp/bench-results/parse-c$feeds-jobs" 2>/dev/null | grep -i ours
