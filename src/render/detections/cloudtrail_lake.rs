//! `cloudtrail-lake/<playbook>.sql`: the playbook's events in a CloudTrail Lake event data
//! store (camel-case field names as in CloudTrail records). For existing Lake users only:
//! CloudTrail Lake is closed to new customers since 31 May 2026.

use super::athena::conditions;
use super::selection::{Header, Selection};

/// Placeholder for the event data store id (the last part of its ARN). Not a valid
/// identifier on purpose: the query cannot run until it is replaced.
pub const EVENT_DATA_STORE: &str = "<event_data_store_id>";

pub fn query(header: &Header, selections: &[Selection]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("-- {line}\n"));
    }
    // CloudTrail Lake takes no new customers since 31 May 2026: say so before anyone tries.
    out.push_str(
        "-- For existing CloudTrail Lake users: CloudTrail Lake is closed to new customers since\n\
         -- 31 May 2026. New AWS customers query CloudTrail through Amazon Security Lake or Athena.\n",
    );
    out.push_str(&format!(
        "-- Replace {EVENT_DATA_STORE} with your event data store's id, and bound eventTime to\n\
         -- the incident's window to limit the data scanned (and billed), e.g.\n\
         --   AND eventTime >= '2026-01-01 00:00:00'\n"
    ));
    out.push_str(
        "SELECT\n  eventTime,\n  eventSource,\n  eventName,\n  awsRegion,\n  sourceIPAddress,\n  \
         userIdentity.arn,\n  userIdentity.type,\n  errorCode,\n  errorMessage,\n  \
         requestParameters\n",
    );
    out.push_str(&format!("FROM {EVENT_DATA_STORE}\nWHERE (\n"));
    out.push_str(&conditions(selections, "eventSource", "eventName", "  "));
    out.push_str(")\nORDER BY eventTime DESC\n");
    out
}
