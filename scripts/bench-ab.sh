#!/usr/bin/env bash
# Two builds of horizon side by side in one run, to show a change costs nothing:
#   fetch:  `fetch --all` cold (new data directory) and refresh (all 304) on the 1,000-feed corpus of
#           ../shared/bench/gen_corpus.py served by nginx on 127.0.0.1; wall time and peak memory;
#   search: typical queries as whole processes over the catalogue that fetch built.
# The two builds alternate run by run, so that the machine's noise falls on both.
#   scripts/bench-ab.sh OLD_HORIZON NEW_HORIZON [RUNS]     (default 7 runs; best and median reported)
#   OLD_DROP="innovations" leaves keys the old build does not know out of its configuration;
#   OLD_FEEDS=FILE gives the old build the themes, hubs and settings of FILE (its own commit's feeds.json).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 runs=${3:-7}
bench=$PWD/../shared/bench
corpus=/tmp/bench-corpus/c1000
port=${PORT:-8089}
work=$(mktemp -d)
[ -d "$corpus" ] || python3 "$bench/gen_corpus.py" --feeds 1000 --items 50 --seed 1 --out "$corpus" >/dev/null
scripts/corpus-config.py "$corpus" "$port" "$work/horizon.json"
# The old build gets the configuration without the keys it does not know yet (OLD_DROP="innovations").
if [ -n "${OLD_FEEDS:-}" ]; then
    scripts/corpus-config.py "$corpus" "$port" "$work/horizon-old.json" "$OLD_FEEDS"
else
    cp "$work/horizon.json" "$work/horizon-old.json"
fi
python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); [c.pop(k, None) for k in sys.argv[2:]]; json.dump(c, open(sys.argv[1], "w"))' \
    "$work/horizon-old.json" ${OLD_DROP:-}
"$bench/serve.sh" stop >/dev/null 2>&1 || true
"$bench/serve.sh" start "$corpus" "$port" >/dev/null
trap '"$bench/serve.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# One measurement: wall seconds and peak KB of a command, as "seconds kb".
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true; cat "$work/time"; }
for round in $(seq 1 "$runs"); do
    for side in old new; do
        binary=${!side}
        rm -rf "$work/$side"
        config=$work/horizon.json
        [ "$side" = old ] && config=$work/horizon-old.json
        echo "$side cold $(measure "$binary" --config "$config" --data "$work/$side" fetch --all --quiet)" >>"$work/results"
        echo "$side refresh $(measure "$binary" --config "$config" --data "$work/$side" fetch --all --quiet)" >>"$work/results"
    done
done
queries=('"virtual ward"' 'frailty falls OR fracture' 'care home* -children' 'title:digital theme:digital-transformation')
for round in $(seq 1 "$runs"); do
    for side in old new; do
        binary=${!side}
        config=$work/horizon.json
        [ "$side" = old ] && config=$work/horizon-old.json
        for query in "${queries[@]}"; do
            # Ten searches in a row, for a time well above the clock's resolution.
            echo "$side search×10:$query $(measure sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null; done' - \
                "$binary" --config "$config" --data "$work/new" search "$query" --limit 20)" >>"$work/results"
        done
    done
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, rest = line.split(" ", 1)
    phase, seconds, kb = rest.rsplit(" ", 2)
    rows.setdefault((phase, side), []).append((float(seconds), int(kb)))
print(f"{'phase':<52} {'old best':>9} {'new best':>9} {'old med':>8} {'new med':>8} {'new/old':>8} {'old MB':>7} {'new MB':>7}")
for phase in dict.fromkeys(p for p, _ in rows):
    o, n = rows[(phase, "old")], rows[(phase, "new")]
    ob, nb = min(s for s, _ in o), min(s for s, _ in n)
    om, nm = statistics.median(s for s, _ in o), statistics.median(s for s, _ in n)
    print(f"{phase:<52} {ob:9.2f} {nb:9.2f} {om:8.2f} {nm:8.2f} {nb / ob:8.2f} {max(k for _, k in o) / 1024:7.0f} {max(k for _, k in n) / 1024:7.0f}")
PY
