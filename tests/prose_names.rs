//! Names in prose: code spans in any text, and a step's `events`, are checked against
//! the registry, at the line and column of the name inside the YAML string.

mod common;
use common::*;

const PLAYBOOK: &str = r#"id: prose
title: Names in prose
summary: Review `GetApplications` calls and `CloudTrail` in general.
status: draft
steps:
  look:
    phase: detection
    text: >-
      Search CloudTrail for `GetPublicAccessBlock`
      and `StopDataSourceSyncJobs`, then for `getIndex`.
    events: [PutBucketPolicy, StartDataSourceSyncJobs, s3:PutBucketPolicyy]
  quoted:
    phase: containment
    text: "Call `DeleteBucketCORS` from \"the console\", then `DeleteBucketCORS` again"
escalation:
  - Ask who owns `qbusines.amazonaws.com` and `AWS::S3::Objects`.
notes:
  raw:
    title: Raw
    markdown: |
      Grant `s3:GetObject` and `iam:CreateAccessKeys`; ignore `s3:Get*` and `AccessDenied`.
"#;

fn find<'a>(diags: &'a [serde_json::Value], needle: &str) -> &'a serde_json::Value {
    let hits: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains(needle))
        .collect();
    assert_eq!(hits.len(), 1, "{needle}: {diags:#?}");
    hits[0]
}

fn at(d: &serde_json::Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

#[test]
fn code_spans_in_prose_are_checked_at_their_own_column() {
    let dir = book_with(&[("prose.yaml", PLAYBOOK)]);
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    // Plain scalar on the key's line.
    let d = find(&diags, "`GetApplications`");
    assert_eq!(d["code"], "E0201");
    assert_eq!(at(d), (3, 18));
    assert!(
        d["help"].as_str().unwrap().contains("GetApplication"),
        "{d:#}"
    );
    // Inside a folded scalar, on its second line.
    let d = find(&diags, "`StopDataSourceSyncJobs`");
    assert_eq!(at(d), (10, 12));
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("StopDataSourceSyncJob`"),
        "{d:#}"
    );
    let d = find(&diags, "`getIndex`");
    assert_eq!(at(d), (10, 47));
    assert!(d["help"].as_str().unwrap().contains("GetIndex"), "{d:#}");
    // A step's events: the list items themselves.
    let d = find(&diags, "`StartDataSourceSyncJobs`");
    assert_eq!(d["code"], "E0201");
    assert_eq!(d["line"], 11);
    let d = find(&diags, "`s3:PutBucketPolicyy`");
    assert_eq!(d["code"], "E0206");
    // Double-quoted scalar: both occurrences, each at its own column.
    let cors: Vec<(u64, u64)> = diags
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("`DeleteBucketCORS`")
        })
        .map(at)
        .collect();
    assert_eq!(cors, vec![(14, 18), (14, 64)], "{diags:#?}");
    // Event source and resource type in a question.
    let d = find(&diags, "`qbusines.amazonaws.com`");
    assert_eq!(d["code"], "E0207");
    assert_eq!(at(d), (16, 19));
    let d = find(&diags, "`AWS::S3::Objects`");
    assert_eq!(d["code"], "E0205");
    // IAM action in a literal block.
    let d = find(&diags, "`iam:CreateAccessKeys`");
    assert_eq!(d["code"], "E0206");
    assert_eq!(at(d), (21, 33));
    // An API name that CloudTrail logs under another name: the same warning as in a table.
    let d = find(&diags, "`GetPublicAccessBlock`");
    assert_eq!(d["code"], "W0305");
    assert_eq!(at(d), (9, 30));
    // Real names and things that are no API names are left alone.
    for fine in [
        "PutBucketPolicy`",
        "s3:GetObject",
        "Get*",
        "AccessDenied",
        "`CloudTrail`",
    ] {
        assert!(
            !diags
                .iter()
                .any(|d| d["message"].as_str().unwrap().contains(fine)),
            "{fine} reported: {diags:#?}"
        );
    }
}

#[test]
fn a_step_event_shows_in_lookup() {
    let yaml = PLAYBOOK.replace("s3:PutBucketPolicyy", "s3:PutBucketAcl");
    let dir = book_with(&[("prose.yaml", &yaml)]);
    let out = irbook(dir.path(), &["lookup", "PutBucketPolicy", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("step `look`"), "{text}");
}
