//! `security-lake/<playbook>.sql`: the playbook's events in Amazon Security Lake, where new
//! AWS customers query CloudTrail (CloudTrail Lake takes no new customers since 31 May
//! 2026). Security Lake stores CloudTrail management events as OCSF records (API Activity,
//! AWS source version 2) in the table `amazon_security_lake_table_<region>_cloud_trail_mgmt_2_0`
//! of the Glue database `amazon_security_lake_glue_db_<region>`, queried with Athena. The
//! CloudTrail fields are nested structs there: `api.service.name` is the event source,
//! `api.operation` the event name, `actor.user.uid` the caller, `src_endpoint.ip` its
//! address, `time_dt` the event time.
//!
//! One statement per event group, each after a `-- group: <key>` comment line, so that a
//! responder runs the one the page points at. Plain SQL with struct field access only, no
//! Trino-only function: the same text runs on DuckDB, which the test suite uses to run each
//! statement on sample OCSF records (tests/detections/test_queries.py).

use super::athena::conditions;
use super::selection::{Header, Selection};

/// The us-east-1 table, unqualified: it runs as is with the Security Lake database of
/// us-east-1 selected, and is a valid identifier elsewhere (the comment says what to change).
pub const TABLE: &str = "amazon_security_lake_table_us_east_1_cloud_trail_mgmt_2_0";

/// An event group, as the statement's comment names it.
pub struct GroupLabel<'a> {
    pub key: &'a str,
    pub title: &'a str,
}

/// The whole file: the header, then one statement per group (groups without events are
/// left out by the caller).
pub fn file(header: &Header, groups: &[(GroupLabel, Vec<Selection>)]) -> String {
    let mut out = preamble(header);
    for (label, selections) in groups {
        out.push('\n');
        out.push_str(&statement(label, selections));
    }
    out
}

/// One group's query with the header, as the playbook page offers it.
pub fn query(header: &Header, label: &GroupLabel, selections: &[Selection]) -> String {
    let mut out = preamble(header);
    out.push_str(&statement(label, selections));
    out
}

fn preamble(header: &Header) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("-- {line}\n"));
    }
    out.push_str(&format!(
        "-- Amazon Security Lake (OCSF, AWS source version 2), with Athena. {TABLE} is\n\
         -- us-east-1's table: use your region's, in its database\n\
         --   amazon_security_lake_glue_db_<region>.amazon_security_lake_table_<region>_cloud_trail_mgmt_2_0\n\
         -- and narrow the scan to the incident's window with the partition column, e.g.\n\
         --   AND eventday >= '20260101'\n\
         -- The table holds management events only: Security Lake keeps S3 and Lambda data\n\
         -- events in their own tables and does not collect other services' data events.\n"
    ));
    out
}

fn statement(label: &GroupLabel, selections: &[Selection]) -> String {
    let mut out = format!("-- group: {} ({})\n", label.key, one_line(label.title));
    out.push_str(
        "SELECT\n  time_dt,\n  api.service.name AS api_service_name,\n  \
         api.operation AS api_operation,\n  cloud.region AS cloud_region,\n  \
         actor.user.uid AS actor_user_uid,\n  src_endpoint.ip AS src_endpoint_ip,\n  \
         api.response.error AS api_response_error,\n  \
         api.response.message AS api_response_message,\n  \
         api.request.uid AS api_request_uid,\n  \
         http_request.user_agent AS http_request_user_agent\n",
    );
    out.push_str(&format!("FROM {TABLE}\nWHERE (\n"));
    out.push_str(&conditions(
        selections,
        "api.service.name",
        "api.operation",
        "  ",
    ));
    out.push_str(")\nORDER BY time_dt;\n");
    out
}

/// A title on one line: a newline would end the comment.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_statement_per_group_over_the_ocsf_fields() {
        let header = Header {
            id: "x".into(),
            title: "X".into(),
        };
        let sel = |s: &str, n: &str| Selection {
            event_source: s.into(),
            event_names: vec![n.into()],
        };
        let text = file(
            &header,
            &[
                (
                    GroupLabel {
                        key: "a",
                        title: "First\ngroup",
                    },
                    vec![sel("a.amazonaws.com", "A")],
                ),
                (
                    GroupLabel {
                        key: "b",
                        title: "Second",
                    },
                    vec![sel("b.amazonaws.com", "B")],
                ),
            ],
        );
        assert_eq!(text.matches("SELECT").count(), 2, "{text}");
        assert!(text.contains("-- group: a (First group)\nSELECT"), "{text}");
        assert!(text.contains(
            "  (api.service.name = 'a.amazonaws.com' AND api.operation IN (\n      'A'))\n"
        ));
        assert_eq!(text.matches(&format!("FROM {TABLE}\n")).count(), 2);
        assert!(text.trim_end().ends_with("ORDER BY time_dt;"));
    }
}
