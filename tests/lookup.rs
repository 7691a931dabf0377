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
fn iam_access_level_is_named_for_what_it_is() {
    let (code, out, _) = lookup("DeleteTrail");
    assert_eq!(code, 0);
    assert!(out.contains("IAM access level: Write\n"), "{out}");
    let (_, out, _) = lookup("GetIndex");
    assert!(out.contains("IAM access level: Read\n"), "{out}");
    // Not "read-only": the IAM level says nothing of whether a call changed anything.
    assert!(!out.contains("read-only"), "{out}");
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
    assert_eq!(qbusiness["iam_access_level"], "Read");
    assert!(qbusiness.get("read_only").is_none(), "{qbusiness:#}");
    assert!(
        v["used_by"].to_string().contains("event group `indices`"),
        "{v:#}"
    );
}

#[test]
fn attack_technique_shows_registry_data_and_playbooks() {
    let (code, out, err) = lookup("T1530");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("T1530 Data from Cloud Storage"), "{out}");
    assert!(
        out.contains("https://attack.mitre.org/techniques/T1530/"),
        "{out}"
    );
    assert!(out.contains("tactics: collection"), "{out}");
    assert!(out.contains("IaaS"), "{out}");
    assert!(
        out.contains("used by:") && out.contains("amazon-q: ATT&CK techniques"),
        "{out}"
    );

    let (code, out, _) = lookup("T1078.004");
    assert_eq!(code, 0);
    assert!(
        out.contains("Cloud Accounts") && out.contains("sub-technique"),
        "{out}"
    );
    assert!(out.contains("step `rotate-keys`"), "{out}");
}

#[test]
fn revoked_technique_names_its_replacement_and_typos_are_suggested() {
    let (code, out, _) = lookup("T1066");
    assert_eq!(code, 0);
    assert!(
        out.contains("status: revoked (replaced by T1027.005)"),
        "{out}"
    );
    let (code, _, err) = lookup("T1078.04");
    assert_eq!(code, 1);
    assert!(err.contains("T1078.004 (Cloud Accounts)"), "{err}");
}

#[test]
fn guardduty_finding_type_and_its_playbooks() {
    let name = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS";
    let (code, out, err) = lookup(name);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("GuardDuty finding type"), "{out}");
    assert!(out.contains("threat purpose: UnauthorizedAccess"), "{out}");
    assert!(out.contains("amazon-q: GuardDuty trigger"), "{out}");
    let (code, _, _) = lookup("Exfiltration:S3/ObjectRead.Unusual");
    assert_eq!(code, 0);
}

#[test]
fn event_lists_the_techniques_of_attack_analytics() {
    let (code, out, _) = lookup("StopLogging");
    assert_eq!(code, 0);
    assert!(out.contains("T1562.001 Disable or Modify Tools"), "{out}");
}
