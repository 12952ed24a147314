#!/usr/bin/env bash
# Fuzzes the feed parser with libFuzzer and AddressSanitizer, seeded with the demo samples, the test
# fixtures and the feedparser conformance corpus.
#   scripts/fuzz.sh [SECONDS]     (default 600; findings in fuzz/crashes/, the grown corpus in fuzz/corpus/)
# A crash file replays with the plain build: swift build --product horizon-fuzz && .build/debug/horizon-fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
swift build -c release --scratch-path .build-fuzz --product horizon-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
work=${FUZZ_DIR:-fuzz}
mkdir -p "$work/corpus" "$work/seeds" "$work/crashes"
cp demo/samples/* Tests/HorizonTests/Fixtures/*.xml "$work/seeds/" 2>/dev/null || true
if [ -d ../shared/conformance/feedparser ]; then
    find ../shared/conformance/feedparser -name '*.xml' | head -2200 | while read -r f; do
        cp "$f" "$work/seeds/$(echo "$f" | tr '/' '_')"
    done
fi
ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/horizon-fuzz "$work/corpus" "$work/seeds" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix="$work/crashes/" -print_final_stats=1 2>&1 | tee "$work/fuzz.log" | grep -E "^#[0-9]+ +(DONE|pulse)|ERROR|stat::|SUMMARY" || true
