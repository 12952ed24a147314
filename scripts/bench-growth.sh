#!/usr/bin/env bash
# Growth benchmark: a catalogue of about 204,000 stories collected over two years (the search
# benchmark's catalogue, its sightings spread over 760 days and archived as runs would), then
# `horizon fetch` runs that each add about 1,000 new stories from feeds read as file: URLs.
# Reports the time the run spends loading and saving the catalogue (from its debug log), the
# run's wall time and peak memory, and the same for a run that moves a month to the archive.
#   scripts/bench-growth.sh            (figures in bench/growth-results.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${WORK:-/tmp/horizon-growth-bench}
search=${SEARCH_WORK:-/tmp/horizon-search-bench}

source scripts/common.sh
search_catalogue "$search"
release_builds horizon horizon-bench

rm -rf "$work"
mkdir -p "$work"
echo "== a catalogue collected over two years"
"$bench" age --data "$search/data" --out "$work/data" --days 760
du -sh "$work/data/catalogue.json" "$work/data/archive" | sed 's/^/   /'

# Three batches of new stories: 20 feeds x 50 items each, other seeds than the catalogue's.
for seed in 11 12 13; do
    python3 ../shared/bench/gen_corpus.py --feeds 20 --items 50 --seed "$seed" --out "$work/new$seed" >/dev/null
    python3 - "$work/new$seed" "$work/feeds$seed.json" "$root/feeds.json" "$seed" <<'PY'
import json, sys
corpus, out, shipped, seed = sys.argv[1:5]
files = [l.strip() for l in open(f"{corpus}/files.txt") if l.strip()]
config = json.load(open(shipped))
config["feeds"] = [{"id": f"n{seed}-{i:02d}", "url": f"file://{corpus}/{f}", "title": f.split("/")[-1]} for i, f in enumerate(files)]
json.dump(config, open(out, "w"), indent=1)
PY
done

run() {  # label, data directory, feeds file
    local log=$work/run.log
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$horizon" --config "$3" --data "$2" --log-level debug fetch --all >"$work/out.txt" 2>"$log"
    python3 - "$1" "$log" "$work/time.txt" "$work/out.txt" <<'PY'
import re, sys
label, log, timing, out = sys.argv[1:5]
phases = {}
for line in open(log):
    m = re.search(r"phase=([^=]+?) seconds=([0-9.]+)", line) or re.search(r"seconds=([0-9.]+).*phase=([^=]+?) \[", line)
    if not m: continue
    name, secs = (m.group(1), m.group(2)) if m.re.pattern.startswith("phase") else (m.group(2), m.group(1))
    phases[name.strip()] = phases.get(name.strip(), 0) + float(secs)
wall, kb = open(timing).read().split()
load = phases.get("load catalogue", 0) + phases.get("restore from archive", 0)
save = phases.get("health and save", 0)
index = phases.get("search index", 0)
summary = next((l.split(": ", 1)[1] for l in open(log) if "run finished" in l), "")
print(f"{label:<34} load {load:6.3f} s  save {save:6.3f} s  (together {load + save:6.3f} s)  search index {index:6.3f} s  run {float(wall):6.2f} s  peak {int(kb) // 1024} MB")
print(f"{'':<34} {summary}")
PY
}

echo "== runs adding new stories (catalogue.json holds the last 60 days; 24 archive months untouched)"
run "run 1: ~1,000 new stories" "$work/data" "$work/feeds11.json"
run "run 2: ~1,000 new stories" "$work/data" "$work/feeds12.json"
echo "== a run that first moves a month of stories to the archive (last archived 31 days ago)"
"$bench" age --data "$search/data" --out "$work/due" --days 760 --archived-days-ago 31 | sed 's/^/   /'
run "run 3: ~1,000 new, archive batch" "$work/due" "$work/feeds13.json"
ls "$work/due/archive" | grep -c json | sed 's/^/   archive months after the batch: /'
run "run 4: ~1,000 new, after the batch" "$work/due" "$work/feeds12.json"
"$bench" catalogue --data "$work/data" | sed 's/^/== full load and rewrite (prune, rematch): /'
echo "== search over the whole catalogue (every archive month and catalogue.json)"
python3 scripts/bench_search.py "$horizon" "$search/feeds.json" "$work/data" | tail -12
