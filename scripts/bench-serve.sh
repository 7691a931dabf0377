#!/usr/bin/env bash
# Benchmark of the preview: on a book of N playbooks (scripts/bench-book.sh), start
# `irbook serve`, then RUNS times change the title of one playbook and measure
# - "rebuild": the server's own figure for the rebuild that followed, up to the
#   publication of the re-rendered playbook's pages ("built … in X ms");
# - "book-wide": the server's figure for the book-wide pages assembled right after
#   (indexes, search, print pages, catalog: "assembled … in X ms");
# - "served": from the save to the first response of the playbook's page that shows the
#   new title (the watcher's debounce, the rebuild and the HTTP request included).
# Each save waits for the book-wide pages of the one before.
#
#   scripts/bench-serve.sh [N] [RUNS]     defaults: 1000 playbooks, 5 saves
#
# Environment: IRBOOK (a prebuilt binary; default: build target/release/irbook),
# BENCH_DIR (default bench-out/), PORT (default 3917), KEEP_LOG (a file to keep the
# server's log in: with IRBOOK_TIMINGS=1 it holds each stage's time). See
# benches/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-1000}"
RUNS="${2:-5}"
case "$N$RUNS" in *[!0-9]* | "") echo "usage: scripts/bench-serve.sh [N] [RUNS]" >&2; exit 2 ;; esac
PORT="${PORT:-3917}"
if [ -z "${IRBOOK:-}" ]; then
  cargo build --release --quiet --bin irbook
  IRBOOK="${CARGO_TARGET_DIR:-target}/release/irbook"
fi
command -v curl >/dev/null || { echo "error: curl is needed" >&2; exit 2; }

BOOK="$(mktemp -d)"
LOG="$BOOK.log"
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  if [ -n "${KEEP_LOG:-}" ] && [ -f "$LOG" ]; then cp "$LOG" "$KEEP_LOG"; fi
  rm -rf "$BOOK" "$LOG"
}
trap cleanup EXIT
scripts/bench-book.sh "$N" "$BOOK" >/dev/null

now() { date +%s.%N; }
ms() { awk -v a="$2" -v b="$1" 'BEGIN { printf "%.0f", (a - b) * 1000 }'; }
builds() { grep -c '^built ' "$LOG" || true; }
assemblies() { grep -c '^assembled ' "$LOG" || true; }

start=$(now)
"$IRBOOK" serve "$BOOK" --port "$PORT" 2>"$LOG" >/dev/null &
SERVER=$!
until [ "$(assemblies)" -ge 1 ] && grep -q '^serving http' "$LOG"; do
  kill -0 "$SERVER" 2>/dev/null || { echo "error: irbook serve stopped:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.05
done
echo "N=$N first build: $(ms "$start" "$(now)") ms ($(grep '^built ' "$LOG" | tail -1); $(grep '^assembled ' "$LOG" | tail -1))"

PAGE="http://127.0.0.1:$PORT/en/pb-0001.html"
YAML="$BOOK/content/playbooks/pb-0001.yaml"
served=() rebuilt=() assembled=()
for run in $(seq 1 "$RUNS"); do
  title="Saved title number $run"
  before=$(builds)
  before_book=$(assemblies)
  t0=$(now)
  sed -i "s/^title: .*/title: $title/" "$YAML"
  # (Not `curl | grep -q`: with pipefail, grep quitting early fails the pipeline.)
  until [[ "$(curl -fs "$PAGE" || true)" == *"$title"* ]]; do
    sleep 0.01
  done
  t1=$(now)
  until [ "$(builds)" -gt "$before" ]; do sleep 0.01; done
  until [ "$(assemblies)" -gt "$before_book" ]; do sleep 0.01; done
  line=$(grep '^built ' "$LOG" | tail -1)
  book=$(grep '^assembled ' "$LOG" | tail -1)
  served+=("$(ms "$t0" "$t1")")
  rebuilt+=("$(sed -E 's/.* in ([0-9]+) ms.*/\1/' <<<"$line")")
  assembled+=("$(sed -E 's/.* in ([0-9]+) ms.*/\1/' <<<"$book")")
  echo "save $run: served after ${served[-1]} ms; $line; $book"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
echo "serve  N=$N  saves=$RUNS  served median $(median "${served[@]}") ms  rebuild median $(median "${rebuilt[@]}") ms  book-wide median $(median "${assembled[@]}") ms"
