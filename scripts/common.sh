# Steps the benchmark and screenshot scripts share. Sourced from the project root:
#   source scripts/common.sh

# The search benchmark's catalogue of about 204,000 stories in DIR/data, made when missing.
search_catalogue() { [ -f "$1/data/catalogue.json" ] || WORK=$1 scripts/bench-search.sh >/dev/null; }

# Release builds of the products named (horizon, horizon-bench), quietly; $horizon and $bench are
# their paths.
release_builds() {
    local product
    for product in "$@"; do swift build -c release --product "$product" >/dev/null; done
    horizon=$PWD/.build/release/horizon
    bench=$PWD/.build/release/horizon-bench
}

# A copy of the offline demo in a temporary folder, $work, removed when the script exits.
demo_copy() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cp -r demo "$work/demo"
}
