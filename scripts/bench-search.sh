#!/usr/bin/env bash
# Search benchmark: a catalogue of about 204,000 stories, built by `horizon fetch` from the corpus that
# ../shared/bench/gen_corpus.py generates (4,000 feeds x 60 items, read as file: URLs), then typical
# queries timed as whole `horizon search` processes, with a check of each query's first screen.
#   scripts/bench-search.sh            (figures in bench/search-results.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
feeds=${FEEDS:-4000}
items=${ITEMS:-60}
corpus=${CORPUS:-/tmp/bench-corpus/s$feeds}
work=${WORK:-/tmp/horizon-search-bench}

swift build -c release --product horizon >/dev/null
horizon=$root/.build/release/horizon
[ -f "$corpus/files.txt" ] || python3 ../shared/bench/gen_corpus.py --feeds "$feeds" --items "$items" --seed 1 --out "$corpus"

mkdir -p "$work"
python3 - "$corpus" "$work/feeds.json" "$root/feeds.json" <<'PY'
import json, sys
corpus, out, shipped = sys.argv[1:4]
files = [l.strip() for l in open(f"{corpus}/files.txt") if l.strip()]
config = json.load(open(shipped))
config["feeds"] = [{"id": f"f{i:04d}", "url": f"file://{corpus}/{f}", "title": f.split("/")[-1]} for i, f in enumerate(files)]
config.setdefault("fetch", {})["maxPerHost"] = 64
config["fetch"]["maxConcurrent"] = 64
json.dump(config, open(out, "w"), indent=1)
PY
if [ ! -f "$work/data/catalogue.json" ]; then
    echo "== building the catalogue: horizon fetch over $feeds feeds"
    /usr/bin/time -f "fetch: %e s wall, %M KB peak" "$horizon" --config "$work/feeds.json" --data "$work/data" fetch --quiet || true
fi
python3 scripts/bench_search.py "$horizon" "$work/feeds.json" "$work/data"
