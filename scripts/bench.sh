#!/usr/bin/env bash
# Benchmark: generate a book of N playbooks (each a copy of the Amazon Q playbook, with
# its French translation), then time `irbook check` and `irbook build` on it with the
# release binary, and record peak memory. See benches/README.md.
#
#   scripts/bench.sh [N] [RUNS]      N playbooks (default 1000), RUNS timed runs (default 5)
#
# Environment: BENCH_DIR (default bench-out/), IRBOOK (a prebuilt binary; default: build
# target/release/irbook with cargo).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-1000}"
RUNS="${2:-5}"
case "$N$RUNS" in *[!0-9]*) echo "usage: scripts/bench.sh [N] [RUNS]" >&2; exit 2 ;; esac
[ "$N" -ge 1 ] && [ "$RUNS" -ge 1 ] || { echo "N and RUNS must be at least 1" >&2; exit 2; }

if [ -z "${IRBOOK:-}" ]; then
  cargo build --release --quiet --bin irbook
  IRBOOK="${CARGO_TARGET_DIR:-target}/release/irbook"
fi
TIME=/usr/bin/time
if ! "$TIME" -v true >/dev/null 2>&1; then
  echo "error: GNU time is needed for peak memory: apt-get install time" >&2
  exit 2
fi

BOOK="${BENCH_DIR:-bench-out}/book-$N"
rm -rf "$BOOK"
mkdir -p "$BOOK/content/playbooks" "$BOOK/locales"
cp book.toml "$BOOK/"
cp -r schema "$BOOK/" 2>/dev/null || true
for lang in locales/*/; do
  mkdir -p "$BOOK/$lang"
  [ -f "$lang/ui.ftl" ] && cp "$lang/ui.ftl" "$BOOK/$lang/"
done

# Ids rewritten: `id: amazon-q` → `id: pb-0001`, message ids `amazon-q-` → `pb-0001-`.
SRC_YAML=content/playbooks/amazon-q.yaml
SRC_FTL=locales/fr/amazon-q.ftl
for i in $(seq 1 "$N"); do
  id=$(printf 'pb-%04d' "$i")
  sed "s/^id: amazon-q\$/id: $id/" "$SRC_YAML" >"$BOOK/content/playbooks/$id.yaml"
  sed "s/^amazon-q-/$id-/" "$SRC_FTL" >"$BOOK/locales/fr/$id.ftl"
done
echo "generated $BOOK: $N playbooks × $(ls -d locales/*/ | wc -l) languages" \
  "($(du -sh "$BOOK" | cut -f1))"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# One timed run: prints "seconds peak_kib".
run() {
  local log="$OUT/time.log"
  local start end
  start=$(date +%s.%N)
  if ! "$TIME" -v -o "$log" "$@" >/dev/null 2>"$OUT/err.log"; then
    echo "error: $* failed:" >&2
    tail -20 "$OUT/err.log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  local kib
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  awk -v a="$end" -v b="$start" -v k="$kib" 'BEGIN { printf "%.4f %s\n", a - b, k }'
}

# min, median and peak memory over RUNS runs of a command.
measure() {
  local name="$1"
  shift
  local times=() mems=()
  for _ in $(seq 1 "$RUNS"); do
    read -r t m < <(run "$@")
    times+=("$t")
    mems+=("$m")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  local min median peak
  min=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}')
  peak=$(printf '%s\n' "${mems[@]}" | sort -n | tail -1)
  printf '%-6s N=%-5s runs=%s  min %6.3f s  median %6.3f s  peak RSS %6.1f MiB\n' \
    "$name" "$N" "$RUNS" "$min" "$median" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')"
}

measure check "$IRBOOK" check -q "$BOOK"
measure build "$IRBOOK" build -q "$BOOK" -d "$OUT/book"
files=$(find "$OUT/book" -type f | wc -l)
pages=$(find "$OUT/book" -name '*.html' | wc -l)
echo "build output: $files files, $pages HTML pages, $(du -sh "$OUT/book" | cut -f1)"
