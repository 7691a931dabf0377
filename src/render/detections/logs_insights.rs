//! `logs-insights/<playbook>.txt`: the playbook's events in a CloudWatch Logs log group
//! that a trail delivers to, for CloudWatch Logs Insights.

use super::selection::{insights_string, Header, Selection};

/// Logs Insights returns at most 10,000 rows; ask for all of them.
const LIMIT: u32 = 10_000;

pub fn query(header: &Header, selections: &[Selection]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(
        "# Run it on the log group your CloudTrail trail delivers to, over the incident's window.\n\
         # requestParameters is flattened into fields (requestParameters.applicationId…): see\n\
         # @message for the whole record.\n",
    );
    out.push_str(
        "fields @timestamp, eventSource, eventName, awsRegion, sourceIPAddress, userIdentity.arn, \
         userIdentity.type, errorCode, errorMessage, @message\n",
    );
    let conditions: Vec<String> = selections
        .iter()
        .map(|s| {
            let names: Vec<String> = s.event_names.iter().map(|n| insights_string(n)).collect();
            format!(
                "(eventSource = {} and eventName in [{}])",
                insights_string(&s.event_source),
                names.join(", ")
            )
        })
        .collect();
    out.push_str(&format!("| filter {}\n", conditions.join("\n    or ")));
    out.push_str(&format!("| sort @timestamp desc\n| limit {LIMIT}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_each_source_on_its_names() {
        let q = query(
            &Header {
                id: "x".into(),
                title: "X".into(),
            },
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
        assert!(q.contains("| filter (eventSource = \"a.amazonaws.com\" and eventName in [\"A1\", \"A2\"])\n    or (eventSource = \"b.amazonaws.com\" and eventName in [\"B\"])\n"), "{q}");
        assert!(q.contains("| sort @timestamp desc\n"));
    }
}
