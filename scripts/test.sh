#!/usr/bin/env bash
# Installs what is missing, builds everything (the end-to-end tests run the built horizon
# binary, which `swift test` alone does not relink), and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh test
swift build --build-tests
swift test --skip-build "$@"
