#!/usr/bin/env bash
# Crash test: kills `horizon fetch` with SIGKILL at random moments, KILLS times (default 50), while it
# fetches, parses, merges and writes a growing catalogue (the feeds of a gen_corpus.py corpus, read from
# file:// URLs, 20 more feeds each run). After every kill the catalogue must load, and no item stored
# before that run may be missing. Then ARCHIVE_KILLS (default 20) more kills while stories move to the
# archive and come back from it (catalogue.json and every archive month must load; no story may be lost).
# After every kill `horizon repair --dry-run` must find nothing to repair.
# Then two runs are started at once: the second must wait or exit 75, never interleave.
#   scripts/crash-test.sh [KILLS]        (about 15 minutes with the defaults)
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

ids() { # the item ids of the catalogue (catalogue.json and every archive month), one per line; fails when a file does not load
  python3 -c '
import glob, json, os, sys
ids = set()
for path in sorted(glob.glob(sys.argv[1] + "/archive/*.json")) + [sys.argv[1] + "/catalogue.json"]:
    if not os.path.exists(path): continue
    d = json.load(open(path))
    assert d["schemaVersion"] == 1
    ids.update(item["id"] for item in d["items"])
for i in sorted(ids): print(i)
' "$work/data"
}

# attempt COMPLETE: one `horizon fetch --all`. With COMPLETE 1 it runs to the end and is timed ($duration);
# with 0 it is killed with SIGKILL at a random moment inside a run of that length, half of the time in its
# last third, where the catalogue is written. Sets $state (completed, killed, or finished before the kill)
# and $delay.
attempt() {
  if [ "$1" -eq 1 ]; then
    start=$(date +%s.%N)
    "$horizon" --config "$work/feeds.json" --data "$work/data" --log-level info fetch --all --quiet 2> "$work/run.err"
    duration=$(python3 -c "print(max(0.2, $(date +%s.%N) - $start))")
    delay=$duration
    state=completed
  else
    delay=$(python3 -c "import random; d=$duration; print(round(random.uniform(0, d) if random.random() < 0.5 else random.uniform(0.66 * d, 1.1 * d), 3))")
    "$horizon" --config "$work/feeds.json" --data "$work/data" fetch --all --quiet 2>/dev/null &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then state=killed; else state=finished; fi
    wait "$pid" 2>/dev/null || true
  fi
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
  # Every fifth run completes (the catalogue grows, and the run is timed); the others are killed.
  attempt $(( run % 5 == 0 ))
  [ "$state" = killed ] && killed=$((killed + 1))
  if ls "$work/data"/catalogue.json.tmp-* >/dev/null 2>&1; then killed_during_write=$((killed_during_write + 1)); fi
  if ! ids > "$work/after.txt"; then
    echo "run $run: the catalogue does not load after the kill" >&2
    exit 1
  fi
  # A kill must never leave a state the next run's integrity check calls damaged.
  if ! "$horizon" --config "$work/feeds.json" --data "$work/data" repair --dry-run | grep -q "nothing to repair"; then
    echo "run $run: after the kill, repair finds damage:" >&2
    "$horizon" --config "$work/feeds.json" --data "$work/data" repair --dry-run >&2
    exit 1
  fi
  lost=$(comm -23 <(sort "$work/before.txt") <(sort "$work/after.txt") | wc -l)
  lost_total=$((lost_total + lost))
  printf 'run %2d: %-9s after %5.3f s; items before %6d, after %6d, lost %d\n' "$run" "$state" "$delay" \
    "$(wc -l < "$work/before.txt")" "$(wc -l < "$work/after.txt")" "$lost" | tee -a "$work/log"
  rm -f "$work/data"/catalogue.json.tmp-*
done

# The archive: each run sees a window of 100 feeds that moves on by 150 (coming back to the first
# after six runs), and before each run every date in catalogue.json is moved 35 days back, so that
# stories leave for the archive in batches and come back from it while runs are killed.
echo
echo "archive: runs killed while stories move to the archive and come back from it"
window() { # window START: feeds START..START+99 of the corpus
  python3 - "$corpus" "$1" "$work/feeds.json" "$PWD/feeds.json" <<'PY'
import json, sys
corpus, start, out, shipped = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
files = [l.strip() for l in open(f"{corpus}/files.txt") if l.strip()]
config = json.load(open(shipped))
config["feeds"] = [{"id": f"f{i:04d}", "url": f"file://{corpus}/{files[i]}", "title": files[i]} for i in range(start, start + 100)]
json.dump(config, open(out, "w"))
PY
}
age() { # moves every date in catalogue.json 35 days back (no run holds the lock)
  python3 - "$work/data/catalogue.json" <<'PY'
import datetime, json, os, sys
path = sys.argv[1]
d = json.load(open(path))
def back(text):
    t = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ") - datetime.timedelta(days=35)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")
for item in d["items"]:
    item["firstSeen"], item["lastSeen"] = back(item["firstSeen"]), back(item["lastSeen"])
    for source in item["sources"]:
        source["firstSeen"] = back(source["firstSeen"])
json.dump(d, open(path + ".aged", "w"))
os.replace(path + ".aged", path)
PY
}
rm -rf "$work/data"
archive_kills=0
archive_during_write=0
archive_runs=0
restored_runs=0
duration=1
while [ "$archive_kills" -lt "${ARCHIVE_KILLS:-20}" ]; do  # ARCHIVE_KILLS: kills in this part (default 20)
  archive_runs=$((archive_runs + 1))
  window $(( (archive_runs * 150) % 900 ))
  [ -f "$work/data/catalogue.json" ] && age
  ids > "$work/before.txt"
  rm -f "$work/data/feeds-state.json"
  attempt $(( archive_runs % 3 != 2 ))
  [ "$state" = killed ] && archive_kills=$((archive_kills + 1))
  [ "$state" = completed ] && grep -q "restored=[1-9]" "$work/run.err" && restored_runs=$((restored_runs + 1))
  if ! ids > "$work/after.txt"; then
    echo "archive run $archive_runs: the catalogue does not load after the kill" >&2
    exit 1
  fi
  lost=$(comm -23 "$work/before.txt" "$work/after.txt" | wc -l)
  lost_total=$((lost_total + lost))
  months=$(ls "$work/data/archive" 2>/dev/null | grep -c '\.json$' || true)
  printf 'archive run %2d: %-9s after %5.3f s; items before %6d, after %6d, lost %d; archive months %d\n' "$archive_runs" "$state" "$delay" \
    "$(wc -l < "$work/before.txt")" "$(wc -l < "$work/after.txt")" "$lost" "$months" | tee -a "$work/log"
  if ls "$work/data"/catalogue.json.tmp-* "$work/data"/archive/*.tmp-* >/dev/null 2>&1; then archive_during_write=$((archive_during_write + 1)); fi
  rm -f "$work/data"/catalogue.json.tmp-* "$work/data"/archive/*.tmp-*
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
echo "$killed kills in $run runs ($killed_during_write left a half-written temporary catalogue behind), and $archive_kills kills in $archive_runs runs moving stories to and from the archive ($archive_during_write left a temporary file behind; $restored_runs completed runs took stories back): every catalogue loaded, $lost_total items lost"
[ "$lost_total" -eq 0 ] && [ "$second" -eq 75 ]
