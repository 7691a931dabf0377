#!/usr/bin/env bash
# Checks the detection exports of the shipped book with the tools detection teams use:
#   - sigma check (pySigma's validators) and sigma convert to Splunk on the Sigma rules;
#   - the Athena, CloudTrail Lake, Logs Insights and Sigma selections run on sample
#     CloudTrail records (DuckDB as the SQL engine): exactly the playbook's records match.
#
# Installs its Python tools from PyPI into a virtual environment (reused when present).
# Needs no network once installed: the validators that download their data are excluded:
# pySigma's ATT&CK and D3FEND tag validators, and SigmaHQ's (pysigma-validators-sigmahq)
# taxonomy, file-name prefix, Windows and technique-tactic validators. irbook's ATT&CK tags
# come from its own ATT&CK registry (ids and tactics checked by `irbook check`); every other
# SigmaHQ convention validator runs.
#
# Environment: IRBOOK (the binary; default: cargo build), IRBOOK_DETECTIONS_VENV (the
# virtual environment; default: .ci/venv, the one .ci/install-tools makes).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${IRBOOK_DETECTIONS_VENV:-$root/.ci/venv}
playbook=amazon-q

if ! "$venv/bin/python" -c 'import duckdb, yaml, sigma.backends.splunk, sigma.validators.sigmahq' 2>/dev/null \
    || [ ! -x "$venv/bin/sigma" ]; then
    echo "installing the detection tools into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi

irbook=${IRBOOK:-}
if [ -z "$irbook" ]; then
    (cd "$root" && cargo build --quiet --bin irbook)
    irbook="${CARGO_TARGET_DIR:-$root/target}/debug/irbook"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$irbook" build "$root" --dest-dir "$work/book" --quiet
sigma_dir="$work/book/detections/sigma"

echo "== sigma check"
offline=(-x attacktag -x d3_fendtag
    -x sigmahq_category_event_id -x sigmahq_category_windows_provider_name
    -x sigmahq_fieldname_cast -x sigmahq_invalid_fieldname -x sigmahq_redundant_field
    -x sigmahq_filename_prefix -x sigmahq_logsource_unknown
    -x sigmahq_tags_techniques_without_tactics)
"$venv/bin/sigma" check --fail-on-issues "${offline[@]}" "$sigma_dir"

echo "== sigma convert -t splunk"
"$venv/bin/sigma" convert -t splunk --without-pipeline "$sigma_dir" > "$work/splunk.txt"
# One file per playbook, one YAML document per rule: count the documents.
rules=$("$venv/bin/python" -c 'import sys, yaml, pathlib
print(sum(len(list(yaml.safe_load_all(p.read_text()))) for p in pathlib.Path(sys.argv[1]).glob("*.yml")))' "$sigma_dir")
queries=$(grep -c 'eventSource=' "$work/splunk.txt" || true)
if [ "$rules" -eq 0 ] || [ "$queries" -ne "$rules" ]; then
    echo "error: $rules Sigma rules but $queries Splunk queries" >&2
    cat "$work/splunk.txt" >&2
    exit 1
fi
echo "$rules rules converted"

echo "== queries on sample CloudTrail records"
"$venv/bin/python" "$here/test_queries.py" "$work/book" "$playbook"
