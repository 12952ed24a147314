#!/usr/bin/env bash
# Crash test: kills `horizon fetch` with SIGKILL at random moments, KILLS times (default 50), while it
# fetches, parses, merges and writes a growing catalogue (the feeds of a gen_corpus.py corpus, read from
# file:// URLs, 20 more feeds each run). After every kill the catalogue must load, and no item stored
# before that run may be missing. Then two runs are started at once: the second must wait or exit 75,
# never interleave.
#   scripts/crash-test.sh [KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-50}
corpus=/tmp/bench-corpus/c1000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scripts/setup.sh >/dev/null
swift build -c release --product horizon >/dev/null
horizon=$PWD/.build/release/horizon
[ -d "$corpus" ] || python3 ../shared/bench/gen_corpus.py --feeds 1000 --items 50 --seed 1 --out "$corpus" >/dev/null

config() { # config FEEDS: the first FEEDS feeds of the corpus, as file:// URLs
  python3 - "$corpus" "$1" "$work/feeds.json" "$PWD/feeds.json" <<'PY'
import json, sys
corpus, count, out, shipped = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
files = [l.strip() for l in open(f"{corpus}/files.txt") if l.strip()][:count]
config = json.load(open(shipped))
config["feeds"] = [{"id": f"f{i:04d}", "url": f"file://{corpus}/{f}", "title": f} for i, f in enumerate(files)]
json.dump(config, open(out, "w"))
PY
}

ids() { # the item ids of the catalogue, one per line; fails when the catalogue does not load
  python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except FileNotFoundError:
    sys.exit(0)
assert d["schemaVersion"] == 1
for item in d["items"]: print(item["id"])
' "$work/data/catalogue.json"
}

feeds=20
config $feeds
"$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet
lost_total=0
killed_during_write=0
duration=0.5
killed=0
run=0
while [ "$killed" -lt "$kills" ]; do
  run=$((run + 1))
  ids > "$work/before.txt"
  if [ "$feeds" -lt 1000 ]; then
    feeds=$((feeds + 20))
    config $feeds
  else
    # Every feed is in: forget what was fetched, so each run parses everything and rewrites the whole catalogue.
    rm -f "$work/data/feeds-state.json"
  fi
  # Every fifth run completes (the catalogue grows, and the run is timed); the others are killed at a
  # random moment inside a run of that length, half of them in its last third, where the catalogue is written.
  if [ $((run % 5)) -eq 0 ]; then
    start=$(date +%s.%N)
    "$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet 2>/dev/null
    duration=$(python3 -c "print(max(0.2, $(date +%s.%N) - $start))")
    delay=$duration
    state=completed
  else
    delay=$(python3 -c "import random; d=$duration; print(round(random.uniform(0, d) if random.random() < 0.5 else random.uniform(0.66 * d, 1.1 * d), 3))")
    "$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet 2>/dev/null &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then state=killed; killed=$((killed + 1)); else state=finished; fi
    wait "$pid" 2>/dev/null || true
  fi
  if ls "$work/data"/catalogue.json.tmp-* >/dev/null 2>&1; then killed_during_write=$((killed_during_write + 1)); fi
  if ! ids > "$work/after.txt"; then
    echo "run $run: the catalogue does not load after the kill" >&2
    exit 1
  fi
  lost=$(comm -23 <(sort "$work/before.txt") <(sort "$work/after.txt") | wc -l)
  lost_total=$((lost_total + lost))
  printf 'run %2d: %-9s after %5.3f s; items before %6d, after %6d, lost %d\n' "$run" "$state" "$delay" \
    "$(wc -l < "$work/before.txt")" "$(wc -l < "$work/after.txt")" "$lost" | tee -a "$work/log"
  rm -f "$work/data"/catalogue.json.tmp-*
done

echo
echo "concurrent runs:"
config 1000
rm -rf "$work/data"
"$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet 2>/dev/null &
first=$!
sleep 0.3
set +e
"$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet 2> "$work/second.err"
second=$?
set -e
wait $first
first_status=$?
echo "  first run exit $first_status; second run (started 0.3 s later) exit $second: $(head -1 "$work/second.err")"
"$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet --wait 60 &
third=$!
sleep 0.2
"$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet --wait 60
fourth=$?
wait $third
echo "  with --wait 60 both complete in turn: exits $? and $fourth; catalogue items: $(ids | wc -l)"

echo
echo "$killed kills in $run runs ($killed_during_write left a half-written temporary catalogue behind): every catalogue loaded, $lost_total items lost"
[ "$lost_total" -eq 0 ] && [ "$second" -eq 75 ]
