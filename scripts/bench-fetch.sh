#!/usr/bin/env bash
# Fetch benchmark: the 1000-feed corpus of ../shared/bench/gen_corpus.py served by nginx on 127.0.0.1,
# `horizon fetch --all` cold (new data directory) and warm (nothing changed), side by side in one run
# with sfeed_update (with curl -z) and newsboat -x reload, through ../shared/bench/run_bench.sh.
#   scripts/bench-fetch.sh [FEEDS]     (default 1000; results in /tmp/bench-results/cFEEDS)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
feeds=${1:-1000}
bench=$root/../shared/bench
corpus=/tmp/bench-corpus/c$feeds
port=${PORT:-8089}
export BENCH_RUN=${BENCH_RUN:-/tmp/bench-run}

scripts/setup.sh
missing=()
for p in sfeed newsboat nginx-light hyperfine time curl; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then apt-get install -y -qq "${missing[@]}" >/dev/null; fi
swift build -c release --product horizon >/dev/null
[ -d "$corpus" ] || python3 "$bench/gen_corpus.py" --feeds "$feeds" --items 50 --seed 1 --out "$corpus"

state=$BENCH_RUN/state-c$feeds
mkdir -p "$state"
scripts/corpus-config.py "$corpus" "$port" "$state/horizon.json"

"$bench/serve.sh" stop >/dev/null 2>&1 || true
"$bench/serve.sh" start "$corpus" "$port"
trap '"$bench/serve.sh" stop >/dev/null 2>&1 || true' EXIT

export OURS_FETCH_CMD="$root/.build/release/horizon --config $state/horizon.json --data $state/ours fetch --all --quiet"
export OURS_FETCH_RESET="rm -rf $state/ours"
ONLY=${ONLY:-"sfeed_update_cond newsboat ours_fetch"} RUNS=${RUNS:-3} PORT=$port \
  "$bench/run_bench.sh" "$corpus" "c$feeds"
python3 "$bench/summarize.py" "${BENCH_OUT:-/tmp/bench-results}/c$feeds" 2>/dev/null || ls "${BENCH_OUT:-/tmp/bench-results}/c$feeds"
