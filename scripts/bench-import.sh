#!/usr/bin/env bash
# Benchmark: `irbook import` of a whole Markdown collection (default: the reference
# collection beside the repository, 18 documents × 6 languages) into a fresh book, with
# the release binary. Prints each run's wall time and the best and median.
#
#   scripts/bench-import.sh [COLLECTION] [RUNS]   (default ../shared/reference/collection, 5)
#
# Environment: IRBOOK (a prebuilt binary; default: build target/release/irbook).
set -euo pipefail
cd "$(dirname "$0")/.."

COLLECTION="${1:-../shared/reference/collection}"
RUNS="${2:-5}"
[ -d "$COLLECTION" ] || { echo "error: no collection at $COLLECTION" >&2; exit 2; }
case "$RUNS" in *[!0-9]*|"") echo "usage: scripts/bench-import.sh [COLLECTION] [RUNS]" >&2; exit 2 ;; esac

if [ -z "${IRBOOK:-}" ]; then
  cargo build --release --quiet --bin irbook
  IRBOOK="$PWD/${CARGO_TARGET_DIR:-target}/release/irbook"
fi
COLLECTION="$(cd "$COLLECTION" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

times=()
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/book" && mkdir -p "$WORK/book"
  start=$(date +%s.%N)
  (cd "$WORK/book" && "$IRBOOK" import "$COLLECTION" >/dev/null 2>&1)
  end=$(date +%s.%N)
  t=$(awk "BEGIN { print $end - $start }")
  times+=("$t")
  printf 'run %d: %.3f s\n' "$i" "$t"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
best=$(echo "$sorted" | head -1)
median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
printf 'import of %s: best %.3f s, median %.3f s over %d runs (%s)\n' \
  "$(basename "$COLLECTION")" "$best" "$median" "$RUNS" "$("$IRBOOK" --version 2>/dev/null || echo irbook)"
