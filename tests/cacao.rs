//! The CACAO export (`cacao/<lang>/<playbook>.json`) against the OASIS CACAO v2.0 JSON
//! schemas, vendored unchanged in tests/fixtures/cacao-json-schemas (Apache-2.0, with
//! their LICENSE), for every playbook of every book at hand: the shipped book (plus a
//! playbook from `irbook new`), the HTML fixture (a clean and a hostile playbook), and the
//! whole collection imported into a book (six languages).
//!
//! Each schema is registered under its `$id`, so that the references between files resolve
//! in memory: nothing is fetched. The schemas declare draft-07 but use
//! `unevaluatedProperties: false`, a 2019-09 keyword, to close their objects; a draft-07
//! validator ignores it. So each export is validated twice:
//! - as published (draft-07), which is what a validator told nothing does;
//! - strictly: every schema read with `unevaluatedProperties` in force, so that an unknown
//!   property anywhere is an error. One adjustment is needed for this reading
//!   to accept any command at all: `command-data.json` closes itself with
//!   `unevaluatedProperties: false` while `manual.json` and `sigma.json` add their
//!   properties (`command`, `command_b64`) beside it in an `allOf`; there a closed
//!   subschema does not see its siblings' properties, so every command with a command in
//!   it would fail. `action.json` also refers commands to `command-data.json` only, never
//!   to the per-type schemas. The strict reading therefore validates each command against
//!   its own type's schema (`commands/<type>.json`), with `command-data.json` opened (its
//!   own `unevaluatedProperties` removed, in memory), and the steps with their commands
//!   set aside. The files on disk stay as published.
//!
//! What a schema cannot say is checked here too: every step a step points to exists, the
//! start step is the workflow's `start`, every step is reachable from it and every branch
//! ends at an `end`, agents named by steps are defined, the ids are stable UUIDs (v5 for a
//! playbook, v4 for the rest, as the specification requires), and the Sigma commands decode
//! to the rules of `detections/sigma/`.

mod common;
use base64::Engine as _;
use common::*;
use jsonschema::{Draft, Resource, Validator};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn schema_dir() -> PathBuf {
    repo().join("tests/fixtures/cacao-json-schemas/schemas")
}

/// Every vendored schema, by path relative to `schemas/`.
fn schemas() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in walk(&schema_dir()) {
        let rel = entry
            .strip_prefix(schema_dir())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&entry).unwrap();
        out.insert(rel, serde_json::from_str(&text).unwrap());
    }
    assert!(out.len() > 40, "the vendored schemas are missing");
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A validator for `root` (a path under `schemas/`) with every schema registered under
/// its `$id`. `strict` reads them all with `unevaluatedProperties` in force (see the module
/// comment): as 2020-12, whose `unevaluatedProperties` is 2019-09's, because jsonschema
/// 0.33 in its 2019-09 mode cannot resolve these schemas' `#/$defs/…` pointers across
/// files.
fn validator(root: &str, strict: bool) -> Validator {
    let mut all = schemas();
    let draft = if strict {
        for (rel, s) in all.iter_mut() {
            s.as_object_mut().unwrap().remove("$schema");
            if rel == "commands/command-data.json" {
                s.as_object_mut().unwrap().remove("unevaluatedProperties");
            }
        }
        Draft::Draft202012
    } else {
        Draft::Draft7
    };
    let root_schema = all[root].clone();
    let resources = all.into_values().map(|s| {
        let id = s["$id"].as_str().unwrap().to_owned();
        let resource = if strict {
            draft.create_resource(s)
        } else {
            Resource::from_contents(s).unwrap()
        };
        (id, resource)
    });
    jsonschema::options()
        .with_draft(draft)
        .with_resources(resources)
        .build(&root_schema)
        .unwrap()
}

struct Validators {
    published: Validator,
    strict: Validator,
    commands: BTreeMap<String, Validator>,
}

fn validators() -> &'static Validators {
    static V: OnceLock<Validators> = OnceLock::new();
    V.get_or_init(|| Validators {
        published: validator("playbook.json", false),
        strict: validator("playbook.json", true),
        commands: ["manual", "sigma"]
            .into_iter()
            .map(|t| (t.to_owned(), validator(&format!("commands/{t}.json"), true)))
            .collect(),
    })
}

fn errors(v: &Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

/// Schema errors of an export, as published and strictly (empty: valid).
fn schema_errors(doc: &Value) -> Vec<String> {
    let v = validators();
    let mut out = errors(&v.published, doc);
    // Strictly: the commands against their own type's schema, then the playbook with each
    // step's commands reduced to their type (checked by command-data.json's vocabulary).
    let mut reduced = doc.clone();
    if let Some(workflow) = reduced["workflow"].as_object_mut() {
        for (id, step) in workflow.iter_mut() {
            let Some(commands) = step.get_mut("commands").and_then(Value::as_array_mut) else {
                continue;
            };
            for (i, c) in commands.iter_mut().enumerate() {
                let kind = c["type"].as_str().unwrap_or("").to_owned();
                match v.commands.get(&kind) {
                    Some(cv) => out.extend(
                        errors(cv, c)
                            .into_iter()
                            .map(|e| format!("{id} command {i}: {e}")),
                    ),
                    None => out.push(format!("{id} command {i}: unexpected type {kind:?}")),
                }
                *c = json!({ "type": kind });
            }
        }
    }
    out.extend(errors(&v.strict, &reduced));
    out
}

/// Builds `dir` and returns the output folder's exports, by path under `cacao/`.
fn exports(dir: &Path) -> BTreeMap<String, Value> {
    let out = irbook(dir, &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let root = dir.join("book/cacao");
    let mut docs = BTreeMap::new();
    for p in walk(&root) {
        let rel = p
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let doc = serde_json::from_str(&std::fs::read_to_string(&p).unwrap())
            .unwrap_or_else(|e| panic!("{rel}: not JSON: {e}"));
        docs.insert(rel, doc);
    }
    docs
}

fn uuid_version(id: &str) -> Option<u32> {
    let (_, uuid) = id.rsplit_once("--")?;
    let parts: Vec<&str> = uuid.split('-').collect();
    if parts.len() != 5 || parts.iter().map(|p| p.len()).collect::<Vec<_>>() != [8, 4, 4, 4, 12] {
        return None;
    }
    if !"89ab".contains(parts[3].chars().next()?) {
        return None;
    }
    parts[2].chars().next()?.to_digit(16)
}

/// What the schema cannot check: links, agents, reachability, ids, variables.
fn reference_errors(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let workflow = doc["workflow"].as_object().expect("a workflow");
    let agents = doc["agent_definitions"].as_object();
    let targets = doc["target_definitions"].as_object();
    let variables: BTreeSet<&str> = doc["playbook_variables"]
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let start = doc["workflow_start"].as_str().unwrap_or("");
    if workflow.get(start).map(|s| &s["type"]) != Some(&json!("start")) {
        out.push(format!("workflow_start {start} is not a start step"));
    }
    if uuid_version(doc["id"].as_str().unwrap_or("")) != Some(5) {
        out.push(format!("playbook id {} is not a UUIDv5", doc["id"]));
    }
    let mut ends_of_branches: Vec<&str> = Vec::new();
    for (id, step) in workflow {
        if uuid_version(id) != Some(4) {
            out.push(format!("step id {id} is not a UUIDv4"));
        }
        let kind = step["type"].as_str().unwrap_or("");
        if !id.starts_with(&format!("{kind}--")) {
            out.push(format!("{id}: type {kind} does not match the id"));
        }
        for link in [
            "on_completion",
            "on_success",
            "on_failure",
            "on_true",
            "on_false",
        ] {
            if let Some(to) = step.get(link) {
                let to = to.as_str().unwrap_or("");
                if !workflow.contains_key(to) {
                    out.push(format!("{id}.{link} → {to}: no such step"));
                }
            }
        }
        if kind != "end" && step.get("on_completion").is_none() {
            out.push(format!("{id}: a {kind} step leads nowhere"));
        }
        if let Some(agent) = step.get("agent") {
            let a = agent.as_str().unwrap_or("");
            if !agents.is_some_and(|m| m.contains_key(a)) {
                out.push(format!("{id}: agent {a} is not defined"));
            }
        }
        for t in step["targets"].as_array().into_iter().flatten() {
            let t = t.as_str().unwrap_or("");
            if !targets.is_some_and(|m| m.contains_key(t)) {
                out.push(format!("{id}: target {t} is not defined"));
            }
        }
        for var in step["out_args"].as_array().into_iter().flatten() {
            if !variables.contains(var.as_str().unwrap_or("")) {
                out.push(format!("{id}: out_arg {var} is not a playbook variable"));
            }
        }
        if kind == "if-condition" {
            let cond = step["condition"].as_str().unwrap_or("");
            let var = cond.split(':').next().unwrap_or("");
            if !variables.contains(var) {
                out.push(format!(
                    "{id}: condition {cond:?} names no playbook variable"
                ));
            }
            // The true branch must end at its own end step.
            let mut at = step["on_true"].as_str().unwrap_or("");
            let mut seen = 0;
            while let Some(s) = workflow.get(at) {
                if s["type"] == "end" {
                    ends_of_branches.push(at);
                    break;
                }
                at = s["on_completion"].as_str().unwrap_or("");
                seen += 1;
                if seen > workflow.len() {
                    out.push(format!("{id}: its true branch loops"));
                    break;
                }
            }
        }
        for c in step["commands"].as_array().into_iter().flatten() {
            if let Some(activity) = c["playbook_activity"].as_str() {
                let listed = doc["playbook_activities"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == activity));
                if !listed {
                    out.push(format!(
                        "{id}: activity {activity} not in playbook_activities"
                    ));
                }
            }
        }
        for r in step["external_references"].as_array().into_iter().flatten() {
            let top = doc["external_references"].as_array();
            if !top.is_some_and(|t| t.contains(r)) {
                out.push(format!("{id}: reference {r} not at the playbook level"));
            }
        }
    }
    let main_end: Vec<&str> = {
        // Follow the main line from the start.
        let mut at = start;
        let mut line = Vec::new();
        for _ in 0..=workflow.len() {
            match workflow.get(at) {
                Some(s) if s["type"] == "end" => {
                    line.push(at);
                    break;
                }
                Some(s) => at = s["on_completion"].as_str().unwrap_or(""),
                None => break,
            }
        }
        line
    };
    if main_end.len() != 1 {
        out.push("the main line from the start never reaches an end step".to_owned());
    }
    let unique: BTreeSet<&&str> = ends_of_branches.iter().collect();
    if unique.len() != ends_of_branches.len()
        || ends_of_branches.iter().any(|e| main_end.contains(e))
    {
        out.push("a true branch does not end at its own end step".to_owned());
    }
    // Every step is reachable from the start.
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    let mut todo = vec![start];
    while let Some(at) = todo.pop() {
        if !reached.insert(at) {
            continue;
        }
        if let Some(s) = workflow.get(at) {
            for link in ["on_completion", "on_true", "on_false"] {
                if let Some(to) = s[link].as_str() {
                    todo.push(to);
                }
            }
        }
    }
    for id in workflow.keys() {
        if !reached.contains(id.as_str()) {
            out.push(format!("{id} cannot be reached from the start"));
        }
    }
    out
}

/// Validates every export of a built book; returns them.
fn check_book(dir: &Path) -> BTreeMap<String, Value> {
    let docs = exports(dir);
    assert!(!docs.is_empty(), "no CACAO export in {}", dir.display());
    let mut problems = Vec::new();
    for (rel, doc) in &docs {
        for e in schema_errors(doc).into_iter().chain(reference_errors(doc)) {
            problems.push(format!("{rel}: {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    docs
}

/// The Sigma documents of a playbook's rule file.
fn sigma_documents(dir: &Path, playbook: &str) -> Vec<String> {
    let file = format!("aws_cloudtrail_{}.yml", playbook.replace('-', "_"));
    let text = std::fs::read_to_string(dir.join("book/detections/sigma").join(file)).unwrap();
    text.split("---\n").map(str::to_owned).collect()
}

fn steps_of<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    doc["workflow"]
        .as_object()
        .unwrap()
        .values()
        .filter(|s| s["type"] == kind)
        .collect()
}

#[test]
fn the_shipped_book_exports_valid_cacao_in_each_language() {
    let dir = shipped_book();
    let out = irbook(dir.path(), &["new", "iam-keys"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = check_book(dir.path());
    let names: Vec<&str> = docs.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "en/amazon-q.json",
            "en/iam-keys.json",
            "fr/amazon-q.json",
            "fr/iam-keys.json"
        ]
    );
    let en = &docs["en/amazon-q.json"];
    let fr = &docs["fr/amazon-q.json"];
    // Phases in order: preparation, the Sigma rules, detection, escalation, containment…
    let mut at = en["workflow_start"].as_str().unwrap();
    let mut names = Vec::new();
    loop {
        let s = &en["workflow"][at];
        if s["type"] == "end" {
            break;
        }
        names.push(s["name"].as_str().unwrap_or("").to_owned());
        at = s["on_completion"].as_str().unwrap();
    }
    let first = |prefix: &str| names.iter().position(|n| n.starts_with(prefix)).unwrap();
    assert!(first("Preparation:") < first("Run the playbook's Sigma rules"));
    assert!(first("Run the playbook's Sigma rules") < first("Detection and analysis:"));
    assert!(first("Detection and analysis:") < first("Escalation procedures:"));
    assert!(first("Escalation procedures:") < first("Containment and eradication:"));
    assert!(first("Containment and eradication:") < first("Recovery:"));
    // Roles are agents, by their names in each language.
    let role_names = |d: &Value| -> BTreeSet<String> {
        d["agent_definitions"]
            .as_object()
            .unwrap()
            .values()
            .map(|a| a["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(role_names(en).contains("Incident response lead"));
    assert!(role_names(fr).contains("Responsable de la réponse à incident"));
    assert!(role_names(fr).contains("Équipe de réponse aux incidents"));
    // A step with a role is carried out by that role's agent.
    let rotate = steps_of(en, "action")
        .into_iter()
        .find(|s| s["description"] == "Delete or rotate the IAM user access keys involved.")
        .expect("the rotate-keys step");
    let agent = &en["agent_definitions"][rotate["agent"].as_str().unwrap()];
    assert_eq!(agent["name"], "Cloud engineer");
    assert_eq!(agent["type"], "group");
    assert_eq!(rotate["external_references"][0]["external_id"], "T1078.004");
    // Escalation: five questions, each a manual step then an if-condition on its answer.
    let ifs = steps_of(en, "if-condition");
    assert_eq!(ifs.len(), 5);
    assert!(en["playbook_variables"]["__escalate_pr-legal__"]["type"] == "bool");
    assert_eq!(en["playbook_processing_summary"]["if_logic"], true);
    // ATT&CK and triggers in labels and references.
    let labels: Vec<&str> = en["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    for l in [
        "attack.t1530",
        "attack.impact",
        "guardduty:UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
        "securityhub:IAM.1",
        "cloudtrail:DeleteIndex",
    ] {
        assert!(labels.contains(&l), "{l} not in {labels:?}");
    }
    assert!(en["external_references"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["external_id"] == "T1485"
            && r["url"] == "https://attack.mitre.org/techniques/T1485/"));
    // The Sigma commands are the rules of detections/sigma, base64-encoded.
    let b64 = base64::engine::general_purpose::STANDARD;
    let decoded: Vec<String> = steps_of(en, "action")
        .iter()
        .flat_map(|s| s["commands"].as_array().unwrap())
        .filter(|c| c["type"] == "sigma")
        .map(|c| {
            String::from_utf8(b64.decode(c["command_b64"].as_str().unwrap()).unwrap()).unwrap()
        })
        .collect();
    assert_eq!(decoded, sigma_documents(dir.path(), "amazon-q"));
    // French: translated texts, same structure, derived from the English playbook.
    assert_eq!(
        fr["name"],
        "Réagir aux événements de sécurité impliquant Amazon Q"
    );
    assert_eq!(fr["derived_from"], json!([en["id"]]));
    assert_ne!(fr["id"], en["id"]);
    assert_eq!(
        fr["workflow"].as_object().unwrap().len(),
        en["workflow"].as_object().unwrap().len()
    );
    assert!(steps_of(fr, "if-condition")
        .iter()
        .all(|s| s["name"] == "Faut-il escalader maintenant\u{202f}?"));
    // Dates come from the playbook.
    assert_eq!(en["created"], "2026-11-01T00:00:00.000Z");
    assert_eq!(en["modified"], "2026-12-01T00:00:00.000Z");
}

#[test]
fn ids_are_stable_across_builds_and_edits_elsewhere() {
    let dir = shipped_book();
    let before = exports(dir.path());
    // Another step's text changes, a step is added: the other ids stay.
    let yaml = amazon_q(dir.path());
    edit(
        &yaml,
        "text: Search CloudTrail for Amazon Q API calls that nobody can account for.",
        "text: Search CloudTrail for the Amazon Q API calls that nobody can account for.",
    );
    edit(
        &yaml,
        "  rotate-keys:\n",
        "  isolate:\n    phase: containment\n    text: Isolate the affected application.\n  rotate-keys:\n",
    );
    let after = exports(dir.path());
    let en_before = &before["en/amazon-q.json"];
    let en_after = &after["en/amazon-q.json"];
    assert_eq!(en_before["id"], en_after["id"]);
    let keys = |d: &Value| -> BTreeSet<String> {
        d["workflow"].as_object().unwrap().keys().cloned().collect()
    };
    let (b, a) = (keys(en_before), keys(en_after));
    assert!(b.is_subset(&a), "ids changed: {:?}", b.difference(&a));
    assert_eq!(a.len(), b.len() + 1);
    // The step whose text changed kept its id and has the new text.
    let changed = en_after["workflow"]
        .as_object()
        .unwrap()
        .values()
        .filter(|s| {
            s["description"]
                == "Search CloudTrail for the Amazon Q API calls that nobody can account for."
        })
        .count();
    assert_eq!(changed, 1);
}

#[test]
fn the_fixture_books_export_valid_cacao_hostile_text_included() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/html"), dir.path());
    let docs = check_book(dir.path());
    assert!(docs.contains_key("en/hostile.json") && docs.contains_key("fr/sample.json"));
    // Hostile text is data: carried as is inside JSON strings.
    let hostile = &docs["en/hostile.json"];
    assert!(hostile["name"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
}

#[test]
fn the_imported_collection_exports_valid_cacao_in_six_languages() {
    let Some(dir) = common::buildable_collection() else {
        return;
    };
    let docs = check_book(dir.path());
    // A playbook has an export when it has something to do: steps, containment or
    // recovery actions, escalation questions, or Sigma rules.
    let mut expected = BTreeSet::new();
    for e in std::fs::read_dir(dir.path().join("content/playbooks")).unwrap() {
        let path = e.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let acts = text.lines().any(|l| {
            ["steps:", "containment:", "recovery:", "escalation:"]
                .iter()
                .any(|k| l.starts_with(k))
        });
        let sigma = format!(
            "book/detections/sigma/aws_cloudtrail_{}.yml",
            id.replace('-', "_")
        );
        if acts || dir.path().join(sigma).is_file() {
            expected.insert(id);
        }
    }
    let en: BTreeSet<String> = docs
        .keys()
        .filter_map(|k| {
            k.strip_prefix("en/")?
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .collect();
    assert!(expected.len() >= 10, "{expected:?}");
    assert_eq!(en, expected);
    for lang in ["de", "es", "fr", "ja", "zh"] {
        let mine: BTreeSet<String> = docs
            .keys()
            .filter_map(|k| {
                k.strip_prefix(&format!("{lang}/"))?
                    .strip_suffix(".json")
                    .map(str::to_owned)
            })
            .collect();
        assert_eq!(mine, en, "{lang}");
    }
}

#[test]
fn the_validation_catches_what_it_should() {
    // A known-good export, then one mistake at a time: each is reported.
    let dir = shipped_book();
    let docs = exports(dir.path());
    let good = docs["en/amazon-q.json"].clone();
    assert!(schema_errors(&good).is_empty() && reference_errors(&good).is_empty());
    let first_action = |d: &mut Value| -> String {
        let start = d["workflow_start"].as_str().unwrap().to_owned();
        d["workflow"][&start]["on_completion"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    let mut unknown_property = good.clone();
    let a = first_action(&mut unknown_property);
    unknown_property["workflow"][&a]["colour"] = json!("red");
    assert!(
        !schema_errors(&unknown_property).is_empty(),
        "unknown step property"
    );

    let mut bad_command = good.clone();
    bad_command["workflow"][&a]["commands"][0]["commnd"] = json!("typo");
    assert!(
        !schema_errors(&bad_command).is_empty(),
        "unknown command property"
    );

    let mut sigma_without_rule = good.clone();
    sigma_without_rule["workflow"][&a]["commands"][0] = json!({"type": "sigma"});
    assert!(
        !schema_errors(&sigma_without_rule).is_empty(),
        "sigma without command_b64"
    );

    let mut bad_id = good.clone();
    bad_id["id"] = json!("playbook--not-a-uuid");
    assert!(!schema_errors(&bad_id).is_empty(), "malformed id");

    let mut dangling = good.clone();
    dangling["workflow"][&a]["on_completion"] =
        json!("action--00000000-0000-4000-8000-000000000000");
    assert!(!reference_errors(&dangling).is_empty(), "dangling link");

    let mut no_agent = good.clone();
    let agent = no_agent["workflow"][&a]["agent"]
        .as_str()
        .unwrap()
        .to_owned();
    no_agent["agent_definitions"]
        .as_object_mut()
        .unwrap()
        .remove(&agent);
    assert!(!reference_errors(&no_agent).is_empty(), "undefined agent");
}
