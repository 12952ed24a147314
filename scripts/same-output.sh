#!/usr/bin/env bash
# Checks that a change kept Horizon's output: two horizon binaries fetch the same corpus (the
# 1,000-feed corpus of ../shared/bench/gen_corpus.py, served by nginx on 127.0.0.1), and their
# catalogues must hold the same items (run times aside) and their search indexes the same bytes
# (the header's record of the catalogue file's inode and time, and the dates of
# items dated by the run, aside).
#   scripts/same-output.sh OLD_HORIZON NEW_HORIZON [FEEDS]
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 feeds=${3:-1000}
bench=$PWD/../shared/bench
corpus=/tmp/bench-corpus/c$feeds
port=${PORT:-8089}
work=$(mktemp -d)
[ -d "$corpus" ] || python3 "$bench/gen_corpus.py" --feeds "$feeds" --items 50 --seed 1 --out "$corpus" >/dev/null
scripts/corpus-config.py "$corpus" "$port" "$work/horizon.json"
"$bench/serve.sh" stop >/dev/null 2>&1 || true
"$bench/serve.sh" start "$corpus" "$port" >/dev/null
trap '"$bench/serve.sh" stop >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
"$old" --config "$work/horizon.json" --data "$work/old" fetch --all --quiet
"$new" --config "$work/horizon.json" --data "$work/new" fetch --all --quiet
python3 - "$work/old" "$work/new" <<'PY'
import json, sys
old, new = sys.argv[1:3]
RUN_TIMES = {"firstSeen", "lastSeen", "revised"}
def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in RUN_TIMES}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value
a = json.load(open(f"{old}/catalogue.json"))["items"]
b = json.load(open(f"{new}/catalogue.json"))["items"]
assert len(a) == len(b), f"items: {len(a)} before, {len(b)} after"
for x, y in zip(a, b):
    assert strip(x) == strip(y), f"item {x['id']} differs"
ia = bytearray(open(f"{old}/search.idx", "rb").read())
ib = bytearray(open(f"{new}/search.idx", "rb").read())
import struct
docs = struct.unpack_from("<Q", ia, 80)[0]
for buf in (ia, ib):
    buf[24:64] = bytes(40)  # the catalogue file's size, mtime and inode, and the newest item's date
    # An item with no date of its own is dated by when the run first saw it.
    for n, item in enumerate(a):
        if not item.get("published") and not item.get("updated"):
            buf[docs + 48 * n:docs + 48 * n + 8] = bytes(8)
assert ia == ib, "search.idx differs"
print(f"same output: {len(a)} items, catalogue item for item; search.idx ({len(ia)} bytes) byte for byte")
PY
