//! `athena/<playbook>.sql`: the playbook's events in CloudTrail logs stored in S3, queried
//! with Amazon Athena (Trino SQL) over the table that CloudTrail's console or the Athena
//! documentation creates (lower-case column names, `useridentity` a struct).
//!
//! The query sticks to plain SQL (no Trino-only functions) so that it also runs on DuckDB,
//! which the test suite uses to check it against sample records.

use super::selection::{sql_string, Header, Selection};

/// Placeholder for the table name: a valid identifier, so the query parses as is.
pub const TABLE: &str = "cloudtrail_logs";

pub fn query(header: &Header, selections: &[Selection]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("-- {line}\n"));
    }
    out.push_str(&format!(
        "-- Replace {TABLE} with your Athena table of CloudTrail logs. On a large table, narrow\n\
         -- the scan with its partition columns or a time range, e.g.\n\
         --   AND eventtime >= '2026-01-01T00:00:00Z'\n"
    ));
    out.push_str(
        "SELECT\n  eventtime,\n  eventsource,\n  eventname,\n  awsregion,\n  sourceipaddress,\n  \
         useridentity.arn AS useridentity_arn,\n  useridentity.type AS useridentity_type,\n  \
         errorcode,\n  errormessage,\n  requestparameters\n",
    );
    out.push_str(&format!("FROM {TABLE}\nWHERE (\n"));
    out.push_str(&conditions(selections, "eventsource", "eventname", "  "));
    out.push_str(")\nORDER BY eventtime;\n");
    out
}

/// `(source = '…' AND name IN ('…', …))` per selection, joined by OR, one name per line
/// so that a diff between two builds shows which events changed.
pub fn conditions(selections: &[Selection], source: &str, name: &str, indent: &str) -> String {
    let mut out = String::new();
    for (i, s) in selections.iter().enumerate() {
        let or = if i == 0 { "" } else { "OR " };
        out.push_str(&format!(
            "{indent}{or}({source} = {} AND {name} IN (\n",
            sql_string(&s.event_source)
        ));
        let names: Vec<String> = s
            .event_names
            .iter()
            .map(|n| format!("{indent}    {}", sql_string(n)))
            .collect();
        out.push_str(&names.join(",\n"));
        out.push_str("))\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_condition_per_event_source() {
        let header = Header {
            id: "x".into(),
            title: "X".into(),
        };
        let q = query(
            &header,
            &[
                Selection {
                    event_source: "a.amazonaws.com".into(),
                    event_names: vec!["A1".into(), "A2".into()],
                },
                Selection {
                    event_source: "b.amazonaws.com".into(),
                    event_names: vec!["B".into()],
                },
            ],
        );
        assert!(q.contains("  (eventsource = 'a.amazonaws.com' AND eventname IN (\n      'A1',\n      'A2'))\n"), "{q}");
        assert!(
            q.contains("  OR (eventsource = 'b.amazonaws.com' AND eventname IN (\n      'B'))\n"),
            "{q}"
        );
        assert!(q.trim_end().ends_with("ORDER BY eventtime;"));
    }
}
