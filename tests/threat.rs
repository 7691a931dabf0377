//! `irbook check` on the playbook's ATT&CK techniques, triggers, roles and related
//! playbooks: each mistake is reported at its file:line:column with the right hint.

mod common;
use common::*;

/// Puts `to` in place of `from` in a copy of the shipped book's playbook and checks it.
fn defect(from: &str, to: &str, strict: bool) -> (tempfile::TempDir, i32, Vec<serde_json::Value>) {
    let dir = shipped_book();
    edit(&amazon_q(dir.path()), from, to);
    let extra: &[&str] = if strict { &["--strict"] } else { &[] };
    let (code, diags) = check_json(dir.path(), extra);
    (dir, code, diags)
}

/// The one diagnostic with `code`, asserted to sit at `needle`'s line and column.
fn at<'a>(
    dir: &std::path::Path,
    diags: &'a [serde_json::Value],
    code: &str,
    needle: &str,
) -> &'a serde_json::Value {
    let (line, col) = position_of(&amazon_q(dir), needle);
    let found = find(diags, code);
    let d = found
        .iter()
        .find(|d| d["line"] == line && d["column"] == col)
        .unwrap_or_else(|| {
            panic!(
                "no {code} at {line}:{col} for {needle:?}; got {}",
                serde_json::to_string_pretty(diags).unwrap()
            )
        });
    assert_eq!(d["file"], "content/playbooks/amazon-q.yaml");
    d
}

fn words(d: &serde_json::Value) -> String {
    format!("{} {} {}", d["message"], d["label"], d["help"])
}

#[test]
fn typo_in_a_technique_id_suggests_the_real_one() {
    let (dir, code, diags) = defect(
        "attack: [T1078.004, T1530, T1213, T1485]",
        "attack: [T1078.04, T1530, T1213, T1485]",
        false,
    );
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0215", "T1078.04,");
    assert!(
        words(d).contains("`T1078.004` (Cloud Accounts)"),
        "{}",
        words(d)
    );
}

#[test]
fn a_name_written_instead_of_an_id_is_pointed_to_its_id() {
    let (dir, code, diags) = defect("attack: [T1485]\n", "attack: [Data Destruction]\n", false);
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0215", "Data Destruction");
    assert!(words(d).contains("`T1485`"), "{}", words(d));
}

#[test]
fn revoked_technique_names_its_replacement() {
    // T1066 (Indicator Removal from Tools) was revoked in favour of T1027.005.
    let (dir, code, diags) = defect("attack: [T1526]", "attack: [T1066]", false);
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0216", "T1066");
    let w = words(d);
    assert!(w.contains("revoked"), "{w}");
    assert!(w.contains("use `T1027.005`"), "{w}");
}

#[test]
fn technique_of_no_cloud_platform_warns_and_fails_strict() {
    // T1547 Boot or Logon Autostart Execution: Windows, Linux, macOS only.
    let (dir, code, diags) = defect("attack: [T1213]\n", "attack: [T1547]\n", true);
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "W0306", "T1547");
    assert!(words(d).contains("Windows"), "{}", words(d));
    let (_, code, _) = defect("attack: [T1213]\n", "attack: [T1547]\n", false);
    assert_eq!(code, 0, "a warning alone does not fail a normal check");
}

#[test]
fn undeclared_role_lists_the_declared_ones() {
    let (dir, code, diags) = defect("role: ir-lead", "role: incident-lead", false);
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0217", "incident-lead");
    let w = words(d);
    assert!(w.contains("book.toml"), "{w}");
    assert!(w.contains("`ir-lead`"), "{w}");
}

#[test]
fn malformed_finding_type_points_at_the_faulty_part() {
    let (dir, code, diags) = defect(
        "- InitialAccess:IAMUser/AnomalousBehavior",
        "- InitialAccess:IAMUser",
        false,
    );
    assert_eq!(code, 1);
    // The resource type lacks its `/ThreatFamily`: the caret is on the resource type.
    let (line, col) = position_of(&amazon_q(dir.path()), "InitialAccess:IAMUser");
    let d = find(&diags, "E0219")[0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line), Some(col + 14))
    );
    assert!(
        words(d).contains("ThreatPurpose:ResourceType/ThreatFamily"),
        "{}",
        words(d)
    );

    // A misspelt threat purpose: error at the start, with the right spelling.
    let (dir, _, diags) = defect(
        "- Impact:IAMUser/AnomalousBehavior",
        "- Impakt:IAMUser/AnomalousBehavior",
        false,
    );
    let d = at(dir.path(), &diags, "E0219", "Impakt");
    assert!(words(d).contains("`Impact`"), "{}", words(d));

    // A fault further in: the column moves to the family name.
    let (dir, _, diags) = defect(
        "- Impact:IAMUser/AnomalousBehavior",
        "- Impact:IAMUser/Anomalous Behavior",
        false,
    );
    at(dir.path(), &diags, "E0219", "Anomalous Behavior");
}

#[test]
fn well_formed_but_unknown_finding_type_warns_with_a_suggestion() {
    let (dir, code, diags) = defect(
        "InstanceCredentialExfiltration.OutsideAWS",
        "InstanceCredentialExfiltration.OutsideAws",
        false,
    );
    assert_eq!(code, 0);
    let d = at(
        dir.path(),
        &diags,
        "W0307",
        "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAws",
    );
    assert!(words(d).contains("OutsideAWS`?"), "{}", words(d));
}

#[test]
fn malformed_security_hub_control_id() {
    let (dir, code, diags) = defect("securityhub: [IAM.1,", "securityhub: [IAM-1,", false);
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0220", "IAM-1");
    assert!(words(d).contains("IAM.1"), "{}", words(d));
}

#[test]
fn cloudtrail_trigger_must_be_an_event_of_the_playbook() {
    let (dir, code, diags) = defect(
        "cloudtrail: [DeleteApplication,",
        "cloudtrail: [DeleteApplications,",
        false,
    );
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0104", "DeleteApplications");
    assert!(words(d).contains("`DeleteApplication`"), "{}", words(d));
}

#[test]
fn related_playbook_must_exist() {
    let (dir, code, diags) = defect(
        "attack: [T1078.004, T1530, T1213, T1485]",
        "attack: [T1078.004, T1530, T1213, T1485]\nrelated: [amazon-s3]",
        false,
    );
    assert_eq!(code, 1);
    let d = at(dir.path(), &diags, "E0218", "amazon-s3");
    assert!(words(d).contains("amazon-s3"), "{}", words(d));
}

#[test]
fn event_group_without_technique_gets_a_hint_that_never_fails() {
    let (dir, code, diags) = defect(
        "      attack: [T1136.003, T1098, T1087.004, T1069.003]\n",
        "",
        true,
    );
    assert_eq!(code, 0, "a hint passes even --strict");
    let d = at(dir.path(), &diags, "H0501", "users-groups:");
    assert_eq!(d["severity"], "hint");
    assert!(words(d).contains("T1136.003"), "{}", words(d));
}
