#!/bin/sh
# Long fuzz runs: each input kind of tests/fuzz.rs for CASES cases (default 1,000,000),
# in release mode, at the lowest priority. Failing inputs are saved under
# proptest-regressions/ and replayed by every later `cargo test`.
#   scripts/fuzz.sh              # all four kinds, 1M cases each
#   CASES=100000 scripts/fuzz.sh fluent
set -eu
cd "$(dirname "$0")/.."
cases="${CASES:-1000000}"
filter="${1:-}"
PROPTEST_CASES="$cases" exec nice -n 19 cargo test --release --test fuzz -- --test-threads 1 $filter
