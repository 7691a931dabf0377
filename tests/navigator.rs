//! The ATT&CK Navigator layer (`detections/attack-navigator.json`) against the layer file
//! format 4.5 (checks written from the format's definition, in
//! ../shared/reference/interop/attack-navigator-layer/layerformat-v4.5.md).

mod common;
use common::*;
use serde_json::Value;

/// The shipped book plus a second playbook from `irbook new` (which names T1078.004, as
/// the Amazon Q playbook does), with a base URL so that layer links are absolute.
fn layer() -> Value {
    let dir = shipped_book();
    let out = irbook(dir.path(), &["new", "iam-keys"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let toml = dir.path().join("book.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[output.catalog]\nbase-url = \"https://ir.example.com/book/\"\n");
    std::fs::write(&toml, text).unwrap();
    let out = irbook(dir.path(), &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("book/detections/attack-navigator.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn is_technique_id(s: &str) -> bool {
    let b = s.as_bytes();
    let d = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    (b.len() == 5 && b[0] == b'T' && d(&b[1..]))
        || (b.len() == 9 && b[0] == b'T' && d(&b[1..5]) && b[5] == b'.' && d(&b[6..]))
}

fn is_hex_color(s: &str) -> bool {
    s.starts_with('#') && matches!(s.len(), 7 | 9) && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// "a.b.c" ≥ "4.9.0".
fn at_least_4_9(v: &str) -> bool {
    let n: Vec<u32> = v.split('.').map(|x| x.parse().unwrap_or(0)).collect();
    n >= vec![4, 9, 0]
}

/// Every property the format defines for a layer, a technique, and the nested objects.
const LAYER_KEYS: &[&str] = &[
    "versions",
    "name",
    "description",
    "domain",
    "customDataURL",
    "filters",
    "sorting",
    "layout",
    "hideDisabled",
    "techniques",
    "gradient",
    "legendItems",
    "showTacticRowBackground",
    "tacticRowBackground",
    "selectTechniquesAcrossTactics",
    "selectSubtechniquesWithParent",
    "selectVisibleTechniques",
    "metadata",
    "links",
];
const TECHNIQUE_KEYS: &[&str] = &[
    "techniqueID",
    "tactic",
    "comment",
    "enabled",
    "score",
    "color",
    "metadata",
    "links",
    "showSubtechniques",
];
const LAYOUT_KEYS: &[&str] = &[
    "layout",
    "showID",
    "showName",
    "showAggregateScores",
    "countUnscored",
    "aggregateFunction",
    "expandedSubtechniques",
];

fn only_keys(obj: &Value, allowed: &[&str], what: &str) {
    for k in obj
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object"))
        .keys()
    {
        assert!(
            allowed.contains(&k.as_str()),
            "{what}: `{k}` is not a property of format 4.5"
        );
    }
}

fn metadata_ok(list: &Value, what: &str) {
    for m in list.as_array().unwrap() {
        if m.get("divider").is_some() {
            assert!(m["divider"].is_boolean(), "{what}: divider");
            continue;
        }
        assert!(
            m["name"].is_string() && m["value"].is_string(),
            "{what}: metadata {m}"
        );
    }
}

fn links_ok(list: &Value, what: &str) {
    for l in list.as_array().unwrap() {
        assert!(l["label"].is_string(), "{what}: link label");
        let url = l["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "{what}: {url}"
        );
    }
}

#[test]
fn layer_follows_format_4_5() {
    let l = layer();
    only_keys(&l, LAYER_KEYS, "layer");
    // Required properties.
    assert!(l["name"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(l["domain"], "enterprise-attack");
    let v = &l["versions"];
    only_keys(v, &["attack", "navigator", "layer"], "versions");
    assert_eq!(v["layer"], "4.5");
    assert!(at_least_4_9(v["navigator"].as_str().unwrap()), "{v}");
    // The ATT&CK version is recorded: the registry's release (18.1) as its major.
    assert_eq!(v["attack"], "18");
    assert!(l["metadata"].to_string().contains("18.1"));
    metadata_ok(&l["metadata"], "layer");
    let sorting = l["sorting"].as_u64().unwrap();
    assert!(sorting <= 3);
    only_keys(&l["layout"], LAYOUT_KEYS, "layout");
    assert!(["side", "flat", "mini"].contains(&l["layout"]["layout"].as_str().unwrap()));
    assert!(["none", "all", "annotated"]
        .contains(&l["layout"]["expandedSubtechniques"].as_str().unwrap()));
    let g = &l["gradient"];
    only_keys(g, &["colors", "minValue", "maxValue"], "gradient");
    let colors = g["colors"].as_array().unwrap();
    assert!(colors.len() >= 2);
    assert!(colors.iter().all(|c| is_hex_color(c.as_str().unwrap())));
    assert!(g["maxValue"].as_f64().unwrap() > g["minValue"].as_f64().unwrap());
    for t in l["techniques"].as_array().unwrap() {
        only_keys(t, TECHNIQUE_KEYS, "technique");
        let id = t["techniqueID"].as_str().unwrap();
        assert!(is_technique_id(id), "{id}");
        assert!(t["score"].is_number() && t["comment"].is_string() && t["enabled"].is_boolean());
        metadata_ok(&t["metadata"], id);
        links_ok(&t["links"], id);
        if t.get("showSubtechniques").is_some() {
            assert!(
                !id.contains('.'),
                "showSubtechniques is only valid on a technique"
            );
        }
    }
}

#[test]
fn score_counts_the_playbooks_and_comments_name_them() {
    let l = layer();
    let techniques = l["techniques"].as_array().unwrap();
    let by_id = |id: &str| techniques.iter().find(|t| t["techniqueID"] == id).unwrap();
    // Both playbooks name T1078.004; only Amazon Q names T1530.
    let shared = by_id("T1078.004");
    assert_eq!(shared["score"], 2);
    let comment = shared["comment"].as_str().unwrap();
    assert!(
        comment.contains("amazon-q") && comment.contains("iam-keys"),
        "{comment}"
    );
    let urls: Vec<&str> = shared["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "https://ir.example.com/book/en/amazon-q.html",
            "https://ir.example.com/book/en/iam-keys.html"
        ]
    );
    assert_eq!(by_id("T1530")["score"], 1);
    assert_eq!(l["gradient"]["maxValue"], 2);
    // Ids sorted, each once.
    let ids: Vec<&str> = techniques
        .iter()
        .map(|t| t["techniqueID"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
}
