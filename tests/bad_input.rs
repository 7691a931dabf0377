//! No input makes irbook panic, hang or eat memory: each hostile file is a diagnostic
//! naming the file, and exit code 1.

mod common;
use common::*;

/// Checks a book holding one playbook file with `bytes` and returns its diagnostics.
fn check_file(bytes: &[u8]) -> Vec<serde_json::Value> {
    let dir = book_with(&[]);
    std::fs::write(dir.path().join("content/playbooks/bad.yaml"), bytes).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert!(!diags.is_empty());
    assert!(
        diags
            .iter()
            .all(|d| d["file"] == "content/playbooks/bad.yaml"),
        "{diags:#?}"
    );
    diags
}

fn codes(diags: &[serde_json::Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn empty_file() {
    let d = check_file(b"");
    assert_eq!(codes(&d), ["E0103"]);
    assert!(d[0]["message"].as_str().unwrap().contains("empty"));
}

#[test]
fn truncated_file() {
    let full = std::fs::read(repo().join("content/playbooks/amazon-q.yaml")).unwrap();
    let d = check_file(&full[..full.len() / 3]);
    assert!(!d.is_empty());
}

#[test]
fn tabs_in_indentation() {
    let d = check_file(b"id: bad\ntitle: t\nsummary: s\nescalation:\n\t- who?\n");
    assert_eq!(codes(&d), ["E0100"]);
    assert_eq!(d[0]["line"], 5);
    assert!(d[0]["help"].as_str().unwrap().contains("tabs"), "{d:#?}");
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let d = check_file(&garbage);
    // Not UTF-8, at the first bad byte.
    assert_eq!(codes(&d), ["E0005"], "{d:#?}");
    let first_bad = std::str::from_utf8(&garbage).unwrap_err().valid_up_to();
    let before = String::from_utf8_lossy(&garbage[..first_bad]);
    let line = before.matches('\n').count() as u64 + 1;
    assert_eq!(d[0]["line"].as_u64(), Some(line), "{d:#?}");
}

#[test]
fn key_of_the_wrong_type() {
    let d = check_file(b"id: bad\ntitle: [not, text]\nsummary: s\n");
    assert_eq!(codes(&d), ["E0102"]);
    assert_eq!(d[0]["line"], 2);
}

#[test]
fn unknown_phase_suggests() {
    let d =
        check_file(b"id: bad\ntitle: t\nsummary: s\nsteps:\n  - phase: contaiment\n    text: x\n");
    assert_eq!(codes(&d), ["E0104"]);
    assert!(
        d[0]["help"].as_str().unwrap().contains("`containment`"),
        "{d:#?}"
    );
}

#[test]
fn missing_required_field() {
    let d = check_file(b"id: bad\ntitle: t\n");
    assert_eq!(codes(&d), ["E0103"]);
    assert!(d[0]["message"].as_str().unwrap().contains("summary"));
}

#[test]
fn deeply_nested_document() {
    let mut text = String::from("id: bad\ntitle: t\nsummary: s\nnotes: ");
    text.push_str(&"[".repeat(10_000));
    text.push_str(&"]".repeat(10_000));
    let d = check_file(text.as_bytes());
    assert!(
        ["E0105", "E0100", "E0102"].contains(&d[0]["code"].as_str().unwrap()),
        "{d:#?}"
    );
}

#[test]
fn huge_file_is_refused_before_parsing() {
    let mut text = String::from("id: bad\ntitle: t\nsummary: s\nescalation:\n");
    while text.len() < 5 * 1024 * 1024 {
        text.push_str("  - Who decides when forensics start, and who is told?\n");
    }
    let d = check_file(text.as_bytes());
    assert_eq!(codes(&d), ["E0105"]);
}

#[test]
fn billion_laughs_is_refused() {
    let mut text = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    let text = format!(
        "id: bad\ntitle: t\nsummary: s\nnotes:\n  bomb:\n    title: x\n    markdown: x\n{text}"
    );
    let d = check_file(text.as_bytes());
    assert!(
        ["E0105", "E0101"].contains(&d[0]["code"].as_str().unwrap()),
        "{d:#?}"
    );
    // The anchors come before any unknown key can stop the parse: make sure the bomb
    // itself is refused when it sits where a value is expected.
    let mut bomb = String::from("id: bad\ntitle: t\nsummary: s\nescalation:\n  a: &a0 lol\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    let d = check_file(bomb.as_bytes());
    assert_eq!(
        codes(&d),
        ["E0102"],
        "refused at the first alias, before any expansion"
    );
}

#[test]
fn several_documents_in_one_file() {
    let d = check_file(b"id: bad\ntitle: t\nsummary: s\n---\nid: other\n");
    assert_eq!(codes(&d), ["E0100"]);
    assert!(d[0]["message"]
        .as_str()
        .unwrap()
        .contains("more than one YAML document"));
}

#[test]
fn duplicate_keys() {
    let d = check_file(b"id: bad\ntitle: t\ntitle: u\nsummary: s\n");
    assert_eq!(codes(&d), ["E0106"]);
    assert_eq!(d[0]["line"], 3);
}

#[test]
fn yes_is_not_a_boolean_for_text() {
    let d = check_file(b"id: bad\ntitle: t\nsummary: s\nstatus: yes\n");
    assert!(!d.is_empty());
}

#[test]
fn invalid_book_toml_is_a_diagnostic() {
    let dir = book_with(&[]);
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \n").unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(diags[0]["file"], "book.toml");
    assert_eq!(diags[0]["code"], "E0002");
}
