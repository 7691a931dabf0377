//! `irbook check` on the shipped book and on copies of it with the reference playbook's
//! defects put back in: each must be an error at its line and column, with the right hint.

mod common;
use common::*;

#[test]
fn shipped_book_is_clean_even_strict() {
    let out = irbook(&repo(), &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ok: no problems found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn shipped_playbook_names_the_53_events_of_the_reference() {
    let path = repo().join("content/playbooks/amazon-q.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let p = irbook::load::parse_playbook(&text, "amazon-q.yaml").expect("parses");
    let mut names = std::collections::BTreeSet::new();
    for g in p.detection.groups.iter() {
        for e in &g.value.events {
            names.insert(e.value.name.value.clone());
        }
    }
    for entry in p.detection.data_events.0.iter() {
        for n in entry.value.value.iter() {
            names.insert(n.value.clone());
        }
    }
    for c in &p.detection.common {
        names.insert(c.value.clone());
    }
    let reference = [
        "GetConversation",
        "GetTroubleshootingResults",
        "SendMessage",
        "StartConversation",
        "StartTroubleshootingAnalysis",
        "StartTroubleshootingResolutionExplanation",
        "CreateApplication",
        "DeleteApplication",
        "GetApplication",
        "ListApplications",
        "UpdateApplication",
        "CreateIndex",
        "DeleteIndex",
        "GetIndex",
        "ListIndices",
        "UpdateIndex",
        "CreateRetriever",
        "DeleteRetriever",
        "GetRetriever",
        "ListRetrievers",
        "UpdateRetriever",
        "CreateDataSource",
        "DeleteDataSource",
        "GetDataSource",
        "ListDataSources",
        "UpdateDataSource",
        "StartDataSourceSyncJob",
        "StopDataSourceSyncJob",
        "ListDataSourceSyncJobs",
        "BatchPutDocument",
        "BatchDeleteDocument",
        "Chat",
        "ChatSync",
        "DeleteConversation",
        "ListConversations",
        "ListMessages",
        "CreateUser",
        "DeleteUser",
        "GetUser",
        "UpdateUser",
        "PutGroup",
        "DeleteGroup",
        "GetGroup",
        "ListGroups",
        "CreatePlugin",
        "DeletePlugin",
        "GetPlugin",
        "UpdatePlugin",
        "UpdateChatControlsConfiguration",
        "DeleteChatControlsConfiguration",
        "GetChatControlsConfiguration",
        "PutFeedback",
        "ListDocuments",
    ];
    assert_eq!(reference.len(), 53);
    let expected: std::collections::BTreeSet<String> =
        reference.iter().map(|s| s.to_string()).collect();
    assert_eq!(names, expected);
}

/// Puts `to` in place of `from` in a copy of the shipped playbook and checks it.
fn defect(from: &str, to: &str) -> (tempfile::TempDir, i32, Vec<serde_json::Value>) {
    let dir = shipped_book();
    edit(&amazon_q(dir.path()), from, to);
    let (code, diags) = check_json(dir.path(), &[]);
    (dir, code, diags)
}

/// Asserts a diagnostic with `code` at the position of `needle` whose help or label
/// mentions `hint`.
fn assert_diag(
    dir: &std::path::Path,
    diags: &[serde_json::Value],
    code: &str,
    needle: &str,
    hint: &str,
) {
    let (line, col) = position_of(&amazon_q(dir), needle);
    let found = find(diags, code);
    let at: Vec<_> = found
        .iter()
        .filter(|d| d["line"] == line && d["column"] == col)
        .collect();
    assert!(
        !at.is_empty(),
        "no {code} at {line}:{col} for {needle:?}; got {}",
        serde_json::to_string_pretty(diags).unwrap()
    );
    let d = at[0];
    assert_eq!(d["file"], "content/playbooks/amazon-q.yaml");
    let words = format!("{} {} {}", d["message"], d["help"], d["label"]);
    assert!(
        words.contains(hint),
        "{code} at {line}:{col} does not mention {hint:?}: {words}"
    );
}

#[test]
fn lower_cased_api_name_suggests_the_real_case() {
    let (dir, code, diags) = defect("        - name: GetIndex\n", "        - name: getIndex\n");
    assert_eq!(code, 1);
    assert_diag(dir.path(), &diags, "E0201", "getIndex", "`GetIndex`");
    let d = &find(&diags, "E0201")[0];
    assert!(d["message"].as_str().unwrap().contains("case-sensitive"));
}

#[test]
fn translated_event_name_says_names_are_never_translated() {
    let (dir, code, diags) = defect(
        "        - name: GetConversation\n",
        "        - name: Obtenir une conversation\n",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0202",
        "Obtenir une conversation",
        "never translated",
    );
}

#[test]
fn translated_data_plane_event_is_reported() {
    let (dir, code, diags) = defect(
        "      - BatchPutDocument\n      - BatchDeleteDocument\n      - PutFeedback",
        "      - Document de sortie par lots\n      - BatchDeleteDocument\n      - PutFeedback",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0202",
        "Document de sortie par lots",
        "never translated",
    );
}

#[test]
fn plural_typo_suggests_the_singular() {
    let (dir, code, diags) = defect(
        "        - name: StartDataSourceSyncJob\n",
        "        - name: StartDataSourceSyncJobs\n",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0201",
        "StartDataSourceSyncJobs",
        "`StartDataSourceSyncJob`",
    );
}

#[test]
fn plural_typo_in_data_events_suggests_the_singular() {
    let (dir, code, diags) = defect(
        "      - StopDataSourceSyncJob\n      - BatchPutDocument",
        "      - StopDataSourceSyncJobs\n      - BatchPutDocument",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0201",
        "StopDataSourceSyncJobs",
        "`StopDataSourceSyncJob`",
    );
}

#[test]
fn invented_common_event_suggests_the_real_one() {
    let (dir, code, diags) = defect(
        "ListRetrievers, GetApplication]",
        "ListRetrievers, GetApplications]",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0201",
        "GetApplications",
        "`GetApplication`",
    );
}

#[test]
fn event_of_another_service_names_its_service() {
    let (dir, code, diags) = defect(
        "      service: qbusiness\n      events:\n        - name: CreateApplication",
        "      service: qbusiness\n      events:\n        - GetConversation\n        - name: CreateApplication",
    );
    assert_eq!(code, 1);
    // The first GetConversation of the file is in the `q` group; ours is the second.
    let found = find(&diags, "E0203");
    assert_eq!(found.len(), 1, "{diags:#?}");
    let msg = found[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("not a `qbusiness` action") && msg.contains("`q`"),
        "{msg}"
    );
    let _ = dir;
}

#[test]
fn duplicate_permission_is_reported() {
    let (dir, code, diags) = defect(
        "        - \"q:StartTroubleshootingResolutionExplanation\"",
        "        - \"q:StartTroubleshootingAnalysis\"",
    );
    assert_eq!(code, 1);
    let found = find(&diags, "E0208");
    assert_eq!(found.len(), 1, "{diags:#?}");
    assert_eq!(
        found[0]["line"],
        position_of(
            &amazon_q(dir.path()),
            "        - \"q:StartTroubleshootingAnalysis\""
        )
        .0 + 2
    );
    assert!(found[0]["related"][0]["message"]
        .as_str()
        .unwrap()
        .contains("first"));
}

#[test]
fn duplicate_event_in_a_group_is_reported() {
    let (_dir, code, diags) = defect(
        "        - name: StartTroubleshootingAnalysis\n",
        "        - StartTroubleshootingAnalysis\n        - name: StartTroubleshootingAnalysis\n",
    );
    assert_eq!(code, 1);
    assert_eq!(find(&diags, "E0208").len(), 1, "{diags:#?}");
}

#[test]
fn description_repeating_the_name_warns_and_fails_strict() {
    let dir = shipped_book();
    edit(
        &amazon_q(dir.path()),
        "        - name: StartTroubleshootingAnalysis\n          description: >-\n",
        "        - name: StartTroubleshootingAnalysis\n          description: >-\n            StartTroubleshootingAnalysis\n",
    );
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(find(&diags, "W0302").len(), 1, "{diags:#?}");
    // The French file lacks a translation for the new description: a warning too.
    assert_eq!(code, 0, "warnings alone do not fail: {diags:#?}");
    let (strict, _) = check_json(dir.path(), &["--strict"]);
    assert_eq!(strict, 1);
}

/// An event row must say what the event means: with no description of its own it shows
/// IAM's permission wording (or nothing), so `check` warns, at the name, and `--strict` fails.
#[test]
fn event_without_a_description_of_its_own_warns_at_its_name() {
    let dir = shipped_book();
    let path = amazon_q(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    // The GetUser item with its description becomes a bare name.
    let start = text
        .find("        - name: GetUser\n")
        .expect("GetUser item");
    let end = start + text[start..].find("        - name: UpdateUser").unwrap();
    let bare = format!("{}        - GetUser\n{}", &text[..start], &text[end..]);
    std::fs::write(&path, bare).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "a warning alone does not fail: {diags:#?}");
    assert_diag(dir.path(), &diags, "W0309", "GetUser", "`description:`");
    let d = &find(&diags, "W0309")[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("IAM's \"Grants permission to get a user\""),
        "{d:#?}"
    );
    assert_eq!(find(&diags, "W0309").len(), 1, "{diags:#?}");
    let (strict, _) = check_json(dir.path(), &["--strict"]);
    assert_eq!(strict, 1);
    // The snippet shows the line, the caret under the name.
    let human = stderr(&irbook(dir.path(), &["check"]));
    assert!(
        human.contains("warning[W0309 event-without-description]") && human.contains("^^^^^^^"),
        "{human}"
    );
}

#[test]
fn description_copied_from_iam_warns_at_the_description() {
    let (dir, _, diags) = defect(
        "          description: >-\n            A user was removed",
        "          description: >-\n            Grants permission to delete a user. A user was removed",
    );
    assert_diag(
        dir.path(),
        &diags,
        "W0309",
        "Grants permission to delete",
        "own words",
    );
}

#[test]
fn event_listed_only_among_data_events_warns_with_the_way_out() {
    // `ListAttachments` is a data event of an application that no group lists.
    let (dir, _, diags) = defect(
        "    AWS::QBusiness::DataSource:\n",
        "      - ListAttachments\n    AWS::QBusiness::DataSource:\n",
    );
    assert_diag(
        dir.path(),
        &diags,
        "W0309",
        "ListAttachments",
        "detection.groups",
    );
}

#[test]
fn markdown_link_broken_by_a_space_is_reported() {
    let (dir, code, diags) = defect(
        "Check\n      [supported Regions](https",
        "Check\n      [supported Regions] (https",
    );
    assert_eq!(code, 1);
    let found = find(&diags, "E0211");
    assert_eq!(found.len(), 1, "{diags:#?}");
    assert!(found[0]["message"].as_str().unwrap().contains("space"));
    let _ = dir;
}

#[test]
fn malformed_and_dangerous_urls_are_reported() {
    let (dir, code, diags) = defect(
        "url: https://github.com/prowler-cloud/prowler",
        "url: javascript:alert(1)",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0211",
        "javascript:alert(1)",
        "https://",
    );
}

#[test]
fn unknown_resource_type_suggests_the_nearest() {
    let (dir, code, diags) = defect(
        "    AWS::QBusiness::Index:\n",
        "    AWS::QBusiness::Indx:\n",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0205",
        "AWS::QBusiness::Indx",
        "AWS::QBusiness::Index",
    );
}

#[test]
fn unknown_endpoint_and_unknown_service() {
    let (dir, code, diags) = defect(
        "    - host: qbusiness.amazonaws.com",
        "    - host: qbusines.amazonaws.com",
    );
    assert_eq!(code, 1);
    assert_diag(
        dir.path(),
        &diags,
        "E0207",
        "qbusines.amazonaws.com",
        "qbusiness.amazonaws.com",
    );
    let (dir, code, diags) = defect("      service: qbusiness\n", "      service: qbusines\n");
    assert_eq!(code, 1);
    let (line, col) = position_of(&amazon_q(dir.path()), "service: qbusines\n".trim_end());
    let d = find(&diags, "E0204");
    assert_eq!(d.len(), 1, "{diags:#?}");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(line), Some(col + 9))
    );
    assert!(d[0]["help"].as_str().unwrap().contains("`qbusiness`"));
}

#[test]
fn unknown_iam_action_suggests() {
    let (dir, code, diags) = defect("\"q:SendMessage\"", "\"q:SendMesage\"");
    assert_eq!(code, 1);
    assert_diag(dir.path(), &diags, "E0206", "q:SendMesage", "q:SendMessage");
}

#[test]
fn misspelt_key_suggests_the_right_one() {
    let (dir, code, diags) = defect("\nsummary:", "\nsumary:");
    assert_eq!(code, 1);
    assert_diag(dir.path(), &diags, "E0101", "sumary", "`summary`");
}

#[test]
fn every_problem_of_the_book_is_reported_in_one_run() {
    let dir = shipped_book();
    let path = amazon_q(dir.path());
    edit(
        &path,
        "        - name: GetIndex\n",
        "        - name: getIndex\n",
    );
    edit(
        &path,
        "        - name: StartDataSourceSyncJob\n",
        "        - name: StartDataSourceSyncJobs\n",
    );
    edit(
        &path,
        "ListRetrievers, GetApplication]",
        "ListRetrievers, GetApplications]",
    );
    std::fs::write(
        dir.path().join("content/playbooks/other.yaml"),
        "id: other\ntitle: t\nsummary: s\nsteps: 3\n",
    )
    .unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.len() >= 4, "{diags:#?}");
    assert!(diags
        .iter()
        .any(|d| d["file"] == "content/playbooks/other.yaml" && d["code"] == "E0102"));
}

#[test]
fn human_output_is_rustc_style() {
    let dir = shipped_book();
    edit(
        &amazon_q(dir.path()),
        "        - name: GetIndex\n",
        "        - name: getIndex\n",
    );
    let out = irbook(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    let (line, col) = position_of(&amazon_q(dir.path()), "getIndex");
    assert!(text.contains("error[E0201 unknown-event]"), "{text}");
    assert!(
        text.contains(&format!("content/playbooks/amazon-q.yaml:{line}:{col}")),
        "{text}"
    );
    assert!(text.contains("^^^^^^^^"), "caret under the name: {text}");
    assert!(text.contains("help:"), "{text}");
    assert!(text.contains("failed: "), "{text}");
}

#[test]
fn duplicate_playbook_ids_and_id_mismatch() {
    let dir = shipped_book();
    let text = std::fs::read_to_string(amazon_q(dir.path())).unwrap();
    std::fs::write(dir.path().join("content/playbooks/copy.yaml"), text).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(find(&diags, "E0210").len(), 1, "{diags:#?}");
    assert_eq!(find(&diags, "E0212").len(), 1, "{diags:#?}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = irbook(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("book.toml"));
    let out = irbook(dir.path(), &["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_playbook_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = irbook(dir.path(), &["new", "iam-keys"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("content/playbooks/iam-keys.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../../schema/playbook.schema.json"));
    assert!(dir.path().join("schema/playbook.schema.json").exists());
    let out = irbook(dir.path(), &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A second `new` with the same id refuses to overwrite.
    let out = irbook(dir.path(), &["new", "iam-keys"]);
    assert_eq!(out.status.code(), Some(2));
    let out = irbook(dir.path(), &["new", "Bad_Id"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `irbook check` drops each playbook's text once its own checks are done; the
/// diagnostics found across playbooks afterwards (an unknown related playbook, a
/// reference to a message of another file) still show the line they point at, and a
/// reference to a message another file defines is not reported.
#[test]
fn diagnostics_across_playbooks_keep_their_snippets() {
    let book = shipped_book();
    let yaml = std::fs::read_to_string(amazon_q(book.path())).unwrap();
    std::fs::write(
        book.path().join("content/playbooks/other.yaml"),
        format!(
            "{}\nrelated: [amazon-q, amazon-qq]\n",
            yaml.replace("id: amazon-q", "id: other")
        ),
    )
    .unwrap();
    std::fs::write(
        book.path().join("locales/fr/other.ftl"),
        "other-title = Voir { amazon-q-title } et { nowhere-title }\n",
    )
    .unwrap();
    let out = irbook(book.path(), &["check"]);
    let text = stderr(&out);
    // The related playbook that does not exist, with its line.
    assert!(
        text.contains("no playbook of the book has the id `amazon-qq`"),
        "{text}"
    );
    assert!(text.contains("related: [amazon-q, amazon-qq]"), "{text}");
    // The reference to a message no file defines, with its line; the one that another
    // file (amazon-q.ftl) defines is fine.
    assert!(
        text.contains("`{ nowhere-title }`: no such message in this language"),
        "{text}"
    );
    assert!(
        text.contains("other-title = Voir { amazon-q-title }"),
        "{text}"
    );
    assert!(!text.contains("`{ amazon-q-title }`"), "{text}");
}

/// A playbook with nothing of its own to report is read the light way, without
/// positions (`load::parse_light`). The rules across playbooks still point into it at
/// the right place: the unknown related playbook, the undeclared role, and the first
/// use of an id that another playbook takes again.
#[test]
fn rules_across_playbooks_point_into_a_clean_playbook() {
    let dir = shipped_book();
    let playbook = amazon_q(dir.path());
    edit(
        &playbook,
        "\nstatus: active\n",
        "\nstatus: active\nrelated: [amazon-qq]\n",
    );
    edit(
        &dir.path().join("book.toml"),
        "cloud-engineer = \"Cloud engineer\"\n",
        "",
    );
    let text = std::fs::read_to_string(&playbook).unwrap();
    std::fs::write(dir.path().join("content/playbooks/copy.yaml"), text).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    let at = |d: &serde_json::Value| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
    let in_clean = |code: &str| -> Vec<(u64, u64)> {
        find(&diags, code)
            .into_iter()
            .filter(|d| d["file"] == "content/playbooks/amazon-q.yaml")
            .map(at)
            .collect()
    };
    let after = |needle: &str, skip: u64| {
        let (line, col) = position_of(&playbook, needle);
        (line, col + skip)
    };
    assert_eq!(
        in_clean("E0218"),
        [position_of(&playbook, "amazon-qq")],
        "{diags:#?}"
    );
    // Each use of the undeclared role; the first one here.
    let roles = in_clean("E0217");
    assert_eq!(roles.len(), 3, "{diags:#?}");
    assert_eq!(roles[0], after("role: cloud-engineer", 6), "{diags:#?}");
    // The duplicate id is reported in the copy; its first use is in the clean playbook.
    let duplicate = find(&diags, "E0210");
    assert_eq!(duplicate.len(), 1, "{diags:#?}");
    let first = &duplicate[0]["related"][0];
    assert_eq!(
        first["file"], "content/playbooks/amazon-q.yaml",
        "{first:#}"
    );
    assert_eq!(at(first), after("id: amazon-q", 4), "{first:#}");
}
