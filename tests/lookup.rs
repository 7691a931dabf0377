//! `irbook lookup` answers for names of any AWS service, and says where the book uses them.

mod common;
use common::*;

fn lookup(name: &str) -> (i32, String, String) {
    let out = irbook(&repo(), &["lookup", name]);
    (out.status.code().unwrap(), stdout(&out), stderr(&out))
}

#[test]
fn names_of_any_service() {
    for (name, source) in [
        ("InvokeModel", "bedrock.amazonaws.com"),
        ("DeleteTrail", "cloudtrail.amazonaws.com"),
        ("ConsoleLogin", "signin.amazonaws.com"),
        ("RunInstances", "ec2.amazonaws.com"),
        ("CreateAccessKey", "iam.amazonaws.com"),
        ("GetConversation", "q.amazonaws.com"),
    ] {
        let (code, out, err) = lookup(name);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(
            out.contains(source),
            "{name} should come from {source}: {out}"
        );
    }
}

#[test]
fn access_level_and_read_only() {
    let (code, out, _) = lookup("DeleteTrail");
    assert_eq!(code, 0);
    assert!(out.contains("access level: Write (changes state)"), "{out}");
    let (_, out, _) = lookup("GetIndex");
    assert!(out.contains("(read-only)"), "{out}");
}

#[test]
fn shows_which_playbooks_use_the_name() {
    let (code, out, _) = lookup("DeleteIndex");
    assert_eq!(code, 0);
    assert!(
        out.contains("used by:") && out.contains("amazon-q"),
        "{out}"
    );
}

#[test]
fn iam_actions_resource_types_and_event_sources() {
    let (code, out, _) = lookup("q:StartConversation");
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = lookup("AWS::QBusiness::Index");
    assert_eq!(code, 0);
    assert!(out.contains("qbusiness"), "{out}");
    let (code, out, _) = lookup("bedrock.amazonaws.com");
    assert_eq!(code, 0);
    assert!(out.contains("bedrock"), "{out}");
}

#[test]
fn unknown_name_exits_1_with_suggestions() {
    let (code, _, err) = lookup("StartDataSourceSyncJobs");
    assert_eq!(code, 1);
    assert!(err.contains("StartDataSourceSyncJob"), "{err}");
    let (code, _, err) = lookup("getIndex");
    assert_eq!(code, 1);
    assert!(err.contains("GetIndex"), "{err}");
}

#[test]
fn json_output() {
    let out = irbook(&repo(), &["lookup", "--json", "GetIndex"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["known"], true);
    let matches = v["registry"]["matches"].as_array().unwrap();
    assert_eq!(
        matches[0]["service"], "qbusiness",
        "the book's own service comes first"
    );
    assert!(matches.len() > 1, "GetIndex exists in other services too");
    let qbusiness = &matches[0];
    assert_eq!(qbusiness["event_source"], "qbusiness.amazonaws.com");
    assert_eq!(qbusiness["iam_action"], "qbusiness:GetIndex");
    assert_eq!(qbusiness["read_only"], true);
    assert!(
        v["used_by"].to_string().contains("event group `indices`"),
        "{v:#}"
    );
}
