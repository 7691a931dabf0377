//! The JSON Schema of the source format, checked with an independent validator.

mod common;
use common::*;

fn schema() -> serde_json::Value {
    let out = irbook(&repo(), &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("schema is JSON")
}

fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).expect("valid YAML")
}

#[test]
fn schema_is_draft_07_and_closed() {
    let s = schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(s["additionalProperties"], false);
    assert!(
        jsonschema::draft7::meta::is_valid(&s),
        "not a valid draft-07 schema"
    );
}

#[test]
fn shipped_playbook_passes_and_a_misspelt_key_fails() {
    let validator = jsonschema::draft7::new(&schema()).expect("compiles");
    let text = std::fs::read_to_string(repo().join("content/playbooks/amazon-q.yaml")).unwrap();
    let doc = yaml_to_json(&text);
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let bad = yaml_to_json(&text.replacen("\nsummary:", "\nsumary:", 1));
    assert!(!validator.is_valid(&bad));
    let bad_phase = yaml_to_json(&text.replacen("phase: recovery", "phase: recover", 1));
    assert!(!validator.is_valid(&bad_phase) || !text.contains("phase: recovery"));
}

#[test]
fn committed_schema_is_current() {
    let committed = std::fs::read_to_string(repo().join("schema/playbook.schema.json")).unwrap();
    let out = irbook(&repo(), &["schema"]);
    assert_eq!(
        committed,
        stdout(&out),
        "schema/playbook.schema.json is stale: run `irbook schema -o schema/playbook.schema.json`"
    );
}

#[test]
fn skeleton_passes_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    irbook(dir.path(), &["new", "demo"]);
    let text = std::fs::read_to_string(dir.path().join("content/playbooks/demo.yaml")).unwrap();
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    assert!(validator.is_valid(&yaml_to_json(&text)));
}

#[test]
fn technique_ids_have_their_shape_in_the_schema() {
    // On the playbook, a step and an event group: the editor flags a malformed id.
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let text = std::fs::read_to_string(repo().join("content/playbooks/amazon-q.yaml")).unwrap();
    for (from, to) in [
        ("attack: [T1078.004, T1530", "attack: [T1078.4, T1530"),
        (
            "    attack: [T1078.004]\n    text: Search",
            "    attack: [t1078.004]\n    text: Search",
        ),
        ("attack: [T1485]", "attack: [Data Destruction]"),
    ] {
        assert!(text.contains(from), "fixture text not found: {from:?}");
        let bad = yaml_to_json(&text.replacen(from, to, 1));
        // (The shipped text passes: shipped_playbook_passes_and_a_misspelt_key_fails.)
        assert!(!validator.is_valid(&bad), "{to:?} passed");
    }
}
