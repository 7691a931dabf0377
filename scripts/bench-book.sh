#!/usr/bin/env bash
# Writes a benchmark book: N copies of the Amazon Q playbook with its French translation
# (scripts/bench.sh and scripts/bench-serve.sh use it; see benches/README.md).
#
#   scripts/bench-book.sh N DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] && [ "$1" -ge 1 ] 2>/dev/null || { echo "usage: scripts/bench-book.sh N DIR" >&2; exit 2; }

# Writes the irbook book of N playbooks × (en + every language of locales/).
# Ids rewritten: `id: amazon-q` → `id: pb-0001`, message ids `amazon-q-` → `pb-0001-`.
generate_book() {
  local n=$1 book=$2
  rm -rf "$book"
  mkdir -p "$book/content/playbooks" "$book/locales"
  cp book.toml "$book/"
  cp -r schema "$book/" 2>/dev/null || true
  for lang in locales/*/; do
    mkdir -p "$book/$lang"
    for f in ui.ftl book.ftl; do [ -f "$lang/$f" ] && cp "$lang/$f" "$book/$lang/"; done
  done
  # One awk process writes every copy (a sed per file costs minutes at 10,000).
  awk -v n="$n" -v yaml="$book/content/playbooks" -v ftl="$book/locales/fr" '
    FNR == 1 { file++ }
    file == 1 { y[++ny] = $0 }
    file == 2 { f[++nf] = $0 }
    END {
      for (i = 1; i <= n; i++) {
        id = sprintf("pb-%04d", i)
        out = yaml "/" id ".yaml"
        for (k = 1; k <= ny; k++) {
          line = y[k]
          if (line == "id: amazon-q") line = "id: " id
          print line > out
        }
        close(out)
        out = ftl "/" id ".ftl"
        for (k = 1; k <= nf; k++) {
          line = f[k]
          if (line ~ /^amazon-q-/) line = id substr(line, 9)
          print line > out
        }
        close(out)
      }
    }' content/playbooks/amazon-q.yaml locales/fr/amazon-q.ftl
  echo "generated $book: $n playbooks × $(ls -d locales/*/ | wc -l) languages ($(du -sh "$book" | cut -f1))"
}

generate_book "$1" "$2"
