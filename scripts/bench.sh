#!/usr/bin/env bash
# Benchmark: generate a book of N playbooks (each a copy of the Amazon Q playbook, with
# its French translation), then time `irbook check` and `irbook build` on it with the
# release binary, and record peak memory. When `hugo` is installed, also build the Hugo
# peer (../shared/bench/hugo-corpus.sh: the same playbook as 2N Markdown pages, Hugo's
# least-work template), pair by pair in the same run, and print irbook/Hugo ratios.
# See benches/README.md.
#
#   scripts/bench.sh [N[,N…]] [RUNS]   sizes (default 1000), RUNS timed rounds (default 5)
#   scripts/bench.sh 1000,10000 3      both sizes, and the 10,000 / 1,000 ratios
#
# Environment: BENCH_DIR (default bench-out/), IRBOOK (a prebuilt binary; default: build
# target/release/irbook with cargo), HUGO_CORPUS (default ../shared/bench/hugo-corpus.sh),
# NO_HUGO=1 to skip the peer.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${1:-1000}"
RUNS="${2:-5}"
case "$SIZES" in *[!0-9,]* | "" | ,* | *, | *,,*) echo "usage: scripts/bench.sh [N[,N…]] [RUNS]" >&2; exit 2 ;; esac
case "$RUNS" in *[!0-9]* | "") echo "usage: scripts/bench.sh [N[,N…]] [RUNS]" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "RUNS must be at least 1" >&2; exit 2; }
IFS=, read -r -a NS <<<"$SIZES"
for n in "${NS[@]}"; do [ "$n" -ge 1 ] || { echo "N must be at least 1" >&2; exit 2; }; done

if [ -z "${IRBOOK:-}" ]; then
  cargo build --release --quiet --bin irbook
  IRBOOK="${CARGO_TARGET_DIR:-target}/release/irbook"
fi
TIME=/usr/bin/time
if ! "$TIME" -v true >/dev/null 2>&1; then
  echo "error: GNU time is needed for peak memory: apt-get install time" >&2
  exit 2
fi
if [ -z "${HUGO_CORPUS:-}" ]; then
  # ../shared from the main checkout, ../../shared from a worktree under wt/.
  for c in ../shared/bench/hugo-corpus.sh ../../shared/bench/hugo-corpus.sh; do
    [ -f "$c" ] && HUGO_CORPUS=$c && break
  done
fi
HUGO_CORPUS="${HUGO_CORPUS:-../shared/bench/hugo-corpus.sh}"
REFERENCE="$(dirname "$HUGO_CORPUS")/../reference"
HUGO=""
if [ -z "${NO_HUGO:-}" ] && command -v hugo >/dev/null 2>&1 && [ -f "$HUGO_CORPUS" ] \
  && [ -f "$REFERENCE/amazon-q.en.md" ] && [ -f "$REFERENCE/amazon-q.fr.md" ]; then
  HUGO=$(command -v hugo)
else
  echo "note: no Hugo peer (hugo not installed, or $HUGO_CORPUS missing): irbook only" >&2
fi

BENCH="${BENCH_DIR:-bench-out}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# The irbook book of N playbooks × (en + every language of locales/): scripts/bench-book.sh.
generate_book() { scripts/bench-book.sh "$1" "$2"; }

# One timed run: prints "seconds peak_kib cpu_seconds" (user + system time: on a shared
# machine, CPU time is far less disturbed by other work than wall time).
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
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
  awk -v a="$end" -v b="$start" -v k="$kib" -v c="$cpu" 'BEGIN { printf "%.4f %s %s\n", a - b, k, c }'
}

min() { printf '%s\n' "$@" | sort -g | head -1; }
max() { printf '%s\n' "$@" | sort -g | tail -1; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

declare -A BUILD_MIN BUILD_PEAK
for N in "${NS[@]}"; do
  BOOK="$BENCH/book-$N"
  generate_book "$N" "$BOOK"
  if [ -n "$HUGO" ]; then
    "$HUGO_CORPUS" "$REFERENCE/amazon-q.en.md" "$REFERENCE/amazon-q.fr.md" "$N" "$BENCH/hugo-$N" >/dev/null
    echo "generated $BENCH/hugo-$N: $((2 * N)) Markdown pages"
  fi
  check_t=() check_m=() build_t=() build_m=() hugo_t=() hugo_m=() r_build=() r_check=()
  build_c=() hugo_c=() r_cpu=()
  for round in $(seq 1 "$RUNS"); do
    # One round: the three commands back to back, so that each ratio compares runs made
    # under the same load (the machines are shared).
    read -r ct cm _ < <(run "$IRBOOK" check -q "$BOOK")
    rm -rf "$OUT/book"
    read -r bt bm bc < <(run "$IRBOOK" build -q "$BOOK" -d "$OUT/book")
    check_t+=("$ct") check_m+=("$cm") build_t+=("$bt") build_m+=("$bm") build_c+=("$bc")
    line=$(printf 'round %s: check %.3f s, build %.3f s (%s MiB, %s s CPU)' "$round" "$ct" "$bt" \
      "$(mib "$bm")" "$bc")
    if [ -n "$HUGO" ]; then
      rm -rf "$OUT/hugo"
      read -r ht hm hc < <(run "$HUGO" --source "$BENCH/hugo-$N" --destination "$OUT/hugo" --quiet)
      hugo_t+=("$ht") hugo_m+=("$hm") hugo_c+=("$hc")
      r_build+=("$(ratio "$bt" "$ht")") r_check+=("$(ratio "$ct" "$ht")") r_cpu+=("$(ratio "$bc" "$hc")")
      line+=$(printf ', hugo %.3f s (%s MiB, %s s CPU): build/hugo %s, check/hugo %s, build/hugo CPU %s' \
        "$ht" "$(mib "$hm")" "$hc" "${r_build[-1]}" "${r_check[-1]}" "${r_cpu[-1]}")
    fi
    echo "N=$N $line"
  done
  printf '%-6s N=%-5s runs=%s  min %7.3f s  median %7.3f s  peak RSS %7s MiB\n' \
    check "$N" "$RUNS" "$(min "${check_t[@]}")" "$(median "${check_t[@]}")" "$(mib "$(max "${check_m[@]}")")"
  printf '%-6s N=%-5s runs=%s  min %7.3f s  median %7.3f s  peak RSS %7s MiB\n' \
    build "$N" "$RUNS" "$(min "${build_t[@]}")" "$(median "${build_t[@]}")" "$(mib "$(max "${build_m[@]}")")"
  if [ -n "$HUGO" ]; then
    printf '%-6s N=%-5s runs=%s  min %7.3f s  median %7.3f s  peak RSS %7s MiB\n' \
      hugo "$N" "$RUNS" "$(min "${hugo_t[@]}")" "$(median "${hugo_t[@]}")" "$(mib "$(max "${hugo_m[@]}")")"
    echo "ratio  N=$N  build/hugo min $(min "${r_build[@]}") median $(median "${r_build[@]}")" \
      " check/hugo min $(min "${r_check[@]}") median $(median "${r_check[@]}")  (pair by pair)"
    echo "cpu    N=$N  build/hugo CPU time min $(min "${r_cpu[@]}") median $(median "${r_cpu[@]}")" \
      " (user + system; irbook $(min "${build_c[@]}") s, hugo $(min "${hugo_c[@]}") s at best)"
  fi
  files=$(find "$OUT/book" -type f | wc -l)
  pages=$(find "$OUT/book" -name '*.html' | wc -l)
  echo "build output N=$N: $files files, $pages HTML pages, $(du -sh "$OUT/book" | cut -f1)"
  BUILD_MIN[$N]=$(min "${build_t[@]}")
  BUILD_PEAK[$N]=$(max "${build_m[@]}")
done

# Scaling: each larger size against the first (e.g. 10,000 against 1,000).
first="${NS[0]}"
for N in "${NS[@]:1}"; do
  echo "scale  N=$N vs N=$first: build time ×$(ratio "${BUILD_MIN[$N]}" "${BUILD_MIN[$first]}")" \
    " peak memory ×$(ratio "${BUILD_PEAK[$N]}" "${BUILD_PEAK[$first]}") (min times, max peaks)"
done
