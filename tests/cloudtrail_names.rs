//! CloudTrail's own event names (S3's public-access-block calls…): accepted by `check`,
//! suggested when a playbook uses the API name, shown both ways by `lookup`; and group
//! names checked against every service when the group's service is unknown.

mod common;
use common::*;

const S3: &str = "id: s3-exposure
title: A bucket made public
summary: What to do when a bucket's public access block is removed.
status: draft
detection:
  groups:
    guardrails:
      title: Public access guardrails
      service: s3
      events:
        - DeleteBucketPublicAccessBlock
        - PutPublicAccessBlock
        - PutBucketLifecycle
        - GetBucketPublicAccessBlocks
";

/// The diagnostics about `name` itself (not the warnings that its row lacks a description,
/// which every bare name of this fixture gets).
fn diag_for<'a>(diags: &'a [serde_json::Value], name: &str) -> Vec<&'a serde_json::Value> {
    diags
        .iter()
        .filter(|d| d["code"] != "W0309")
        .filter(|d| d["message"].as_str().unwrap_or("").contains(name))
        .collect()
}

#[test]
fn cloudtrail_names_are_accepted_and_api_names_point_to_them() {
    let dir = book_with(&[("s3-exposure.yaml", S3)]);
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    // The CloudTrail names themselves are fine.
    assert!(
        diag_for(&diags, "`DeleteBucketPublicAccessBlock`").is_empty(),
        "{diags:#?}"
    );
    assert!(
        diag_for(&diags, "`PutBucketLifecycle`").is_empty(),
        "{diags:#?}"
    );
    // The API name is a warning that names the CloudTrail one, at its line and column.
    let api = diag_for(&diags, "`PutPublicAccessBlock`");
    assert_eq!(api.len(), 1, "{diags:#?}");
    assert_eq!(api[0]["code"], "W0305");
    assert_eq!(api[0]["line"], 12);
    assert_eq!(api[0]["column"], 11);
    let help = api[0]["help"].as_str().unwrap();
    assert!(help.contains("PutBucketPublicAccessBlock"), "{help}");
    assert!(help.contains("PutAccountPublicAccessBlock"), "{help}");
    // A plural typo of a CloudTrail name is suggested its singular.
    let typo = diag_for(&diags, "GetBucketPublicAccessBlocks");
    assert_eq!(typo.len(), 1, "{diags:#?}");
    assert_eq!(typo[0]["code"], "E0201");
    assert!(
        typo[0]["help"]
            .as_str()
            .unwrap()
            .contains("`GetBucketPublicAccessBlock`"),
        "{:#?}",
        typo[0]
    );
}

#[test]
fn lookup_names_both_the_api_and_the_cloudtrail_name() {
    let dir = book_with(&[]);
    let out = irbook(dir.path(), &["lookup", "PutPublicAccessBlock", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = doc.to_string();
    assert!(text.contains("PutBucketPublicAccessBlock"), "{text}");
    let out = irbook(dir.path(), &["lookup", "DeleteBucketPublicAccessBlock"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("DeletePublicAccessBlock"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn names_of_a_group_with_an_unknown_service_are_still_checked() {
    let yaml = "id: mystery
title: Mystery
summary: A group whose service nobody could name.
status: draft
detection:
  groups:
    g:
      title: Some events
      service: unknown
      events: [CreateAccessKey, GetApplications]
";
    let dir = book_with(&[("mystery.yaml", yaml)]);
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"E0204"), "{diags:#?}");
    let invented = diag_for(&diags, "GetApplications");
    assert_eq!(invented.len(), 1, "{diags:#?}");
    assert_eq!(invented[0]["code"], "E0201");
    assert_eq!(invented[0]["line"], 10);
    assert!(diag_for(&diags, "CreateAccessKey").is_empty(), "{diags:#?}");
}
