#!/usr/bin/env bash
# Site benchmark: `horizon site` for one hub over a catalogue of about 204,000 stories collected over
# two years (the growth benchmark's: 24 archive months and catalogue.json), as a whole process, then
# again after a fetch that adds about 1,000 stories. Reports wall time, peak memory, and how many
# files each build wrote or left alone. Best of RUNS builds (default 3).
#   scripts/bench-site.sh            (figures in bench/site-results.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-3}
work=${WORK:-/tmp/horizon-site-bench}
search=${SEARCH_WORK:-/tmp/horizon-search-bench}

source scripts/common.sh
search_catalogue "$search"
release_builds horizon horizon-bench

rm -rf "$work"
mkdir -p "$work"
"$bench" age --data "$search/data" --out "$work/data" --days 760 >/dev/null
# The innovation records and weekly counts, as runs keep them.
"$horizon" --config "$root/feeds.json" --data "$work/data" innovations rebuild >/dev/null
python3 ../shared/bench/gen_corpus.py --feeds 20 --items 50 --seed 11 --out "$work/new" >/dev/null
python3 - "$work/new" "$work/new.json" "$root/feeds.json" <<'PY'
import json, sys
corpus, out, shipped = sys.argv[1:4]
files = [l.strip() for l in open(f"{corpus}/files.txt") if l.strip()]
config = json.load(open(shipped))
config["feeds"] = [{"id": f"n-{i:02d}", "url": f"file://{corpus}/{f}", "title": f.split("/")[-1]} for i, f in enumerate(files)]
json.dump(config, open(out, "w"), indent=1)
PY
stories=$(python3 -c "import json,sys,glob; print(sum(len(json.load(open(f))['items']) for f in glob.glob(sys.argv[1] + '/archive/*.json') + [sys.argv[1] + '/catalogue.json']))" "$work/data")

build() {  # label, folder; prints the best of $runs
    local best=""
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time.txt" "$horizon" --config "$root/feeds.json" --data "$work/data" \
            site --hub dorset --out "$2" >"$work/out.txt"
        read -r wall kb <"$work/time.txt"
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$wall" "${best%% *}"; then
            best="$wall $kb $(cat "$work/out.txt")"
        fi
        # Only a build that changes nothing can be repeated alike.
        [ "$1" = "again, nothing new" ] || break
    done
    read -r wall kb rest <<<"$best"
    printf '%-44s %6.2f s  peak %4d MB  %s\n' "$1" "$wall" "$((kb / 1024))" "$rest"
}

echo "== horizon site --hub dorset over $stories stories (release build; best of $runs where repeated)"
build cold "$work/site"
build "again, nothing new" "$work/site"
"$horizon" --config "$work/new.json" --data "$work/data" fetch --all --quiet || true
build "after a fetch adding ~1,000 stories" "$work/site"
du -sh "$work/site" | sed 's/^/== site size: /'
