#!/usr/bin/env bash
# Benchmark: the cost of reporting many diagnostics. Generates two books and times
# `irbook check` on each with the release binary:
#   - one playbook with N unknown events (default 100,000: a 2.8 MB file, N errors);
#   - one French file with N obsolete messages (N warnings).
# Each diagnostic must cost about the same whatever its line: a report that scans the
# file per diagnostic is quadratic (before the line index: 151 s and 79 s).
#
#   scripts/bench-diagnostics.sh [N]
#
# Environment: IRBOOK (a prebuilt binary; default: build target/release/irbook).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-100000}"
case "$N" in *[!0-9]*|"") echo "usage: scripts/bench-diagnostics.sh [N]" >&2; exit 2 ;; esac
if [ -z "${IRBOOK:-}" ]; then
  cargo build --release --quiet --bin irbook
  IRBOOK="$PWD/${CARGO_TARGET_DIR:-target}/release/irbook"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

events="$WORK/events"
mkdir -p "$events/content/playbooks"
printf '[book]\ntitle = "Unknown events"\n[language.en]\nname = "English"\n' > "$events/book.toml"
{
  printf 'id: many\ntitle: Many unknown events\nsummary: Every event is misspelt.\n'
  printf 'status: active\ndetection:\n  groups:\n    g:\n      title: Group\n'
  printf '      service: qbusiness\n      events:\n'
  awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "        - DeleteIndexx%d\n", i }'
} > "$events/content/playbooks/many.yaml"

obsolete="$WORK/obsolete"
mkdir -p "$obsolete/content/playbooks" "$obsolete/locales/fr"
printf '[book]\ntitle = "Obsolete"\n[language.en]\nname = "English"\n[language.fr]\nname = "Français"\n' > "$obsolete/book.toml"
printf 'id: obs\ntitle: Obsolete messages\nsummary: A French file full of obsolete messages.\nstatus: active\n' \
  > "$obsolete/content/playbooks/obs.yaml"
{
  printf 'obs-title = Messages obsolètes\nobs-summary = Un fichier plein de messages obsolètes.\n'
  awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "obs-gone-%d = Texte disparu %d\n", i, i }'
} > "$obsolete/locales/fr/obs.ftl"

for book in events obsolete; do
  start=$(date +%s.%N)
  (cd "$WORK/$book" && "$IRBOOK" check > /dev/null 2> "$WORK/$book.err") || true
  end=$(date +%s.%N)
  printf '%-9s N=%s  %.2f s  (%s)\n' "$book" "$N" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$(tail -n 1 "$WORK/$book.err")"
done
