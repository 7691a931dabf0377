//! `plain_yaml` either gives up or reads exactly what granit reads.

use super::events;
use crate::load::edits::edited_with;
use crate::load::yaml_events::granit_events;
use proptest::prelude::*;

const SHIPPED: &str = include_str!("../../../content/playbooks/amazon-q.yaml");

/// Whether `plain_yaml` read `text`; when it did, its events are granit's.
fn same_as_granit(text: &str) -> bool {
    let Some(plain) = events(text) else {
        return false;
    };
    let granit = granit_events(text)
        .unwrap_or_else(|| panic!("read what granit refuses or reads otherwise:\n{text}"));
    assert_eq!(plain, granit, "\n{text}");
    true
}

fn assert_read(text: &str) {
    assert!(same_as_granit(text), "given up:\n{text}");
}

fn assert_given_up(text: &str) {
    assert!(events(text).is_none(), "read:\n{text}");
}

/// Every playbook under `dir`, if it exists.
fn playbooks_in(dir: &std::path::Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (p.display().to_string(), text)
        })
        .collect()
}

#[test]
fn every_real_playbook_is_read_as_granit_reads_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = playbooks_in(&root.join("content/playbooks"));
    assert!(!shipped.is_empty());
    for (path, text) in shipped {
        assert!(same_as_granit(&text), "{path}: given up");
    }
    // The hostile fixture ends in a quoted scalar over several lines: given up.
    let fixtures = playbooks_in(&root.join("tests/fixtures/html/content/playbooks"));
    assert!(fixtures.len() >= 2);
    for (_, text) in fixtures {
        same_as_granit(&text);
    }
}

/// The bench book (`scripts/bench-book.sh 100 /tmp/b100`), when it was made: not
/// required, as the shipped playbook is what it copies.
#[test]
fn the_bench_book_is_read_as_granit_reads_it() {
    for (path, text) in playbooks_in(std::path::Path::new("/tmp/b100/content/playbooks")) {
        assert!(same_as_granit(&text), "{path}: given up");
    }
}

/// What it reads: each construct on its own, read exactly as granit reads it.
#[test]
fn plain_block_yaml_is_read_as_granit_reads_it() {
    let cases = [
        "a: b\n",
        "a: b",
        "a: b   \n",
        "a: b # comment\n",
        "a: b#c\n",
        "a:\n",
        "a:\nb: c\n",
        "a:   \nb: c\n",
        "a: # only a comment\nb: c\n",
        "a: yes\nb: 1.0\nc: ~\nd: null\ne: 0x1F\nf: .inf\ng: 2026-11-01\nh: -3\n",
        "a: 'single'\nb: \"double\"\n",
        "a: 'it''s'\n",
        "a: ''\nb: \"\"\n",
        "a: \"with # hash\"\nb: 'with: colon'\nc: \"x: y # z\"\n",
        "a: \"esc \\n \\t \\u00e9 \\\" \\\\ \\/ \\x41 \\U0001F600 \\_ \\ \"\n",
        "a: \"\\0 \\a \\b \\e \\f \\v \\r\"\n",
        "a: 'trailing  '  \nb: \"trailing \"   # c\n",
        "\"quoted key\": v\n'single key': w\n",
        "a: url://host/path\nb: x:y\nc: AWS::Q::R\n",
        "AWS::QBusiness::Application:\n  - x\n",
        "a b c: d e f\n",
        "key : value\n",
        "a: [x, y, z]\n",
        "a: []\nb: [ ]\n",
        "a: [x, 'y', \"z\"]\n",
        "a: [x,y]\nb: [ x , y ]\n",
        "a: [x, y,]\n",
        "a: [IAM.1, T1078.004]\n",
        "a: [x] # c\n",
        "a: [it's, a\"b]\n",
        "a: [-1, -x]\n",
        "a:\n  - x\n  - y\n",
        "a:\n- x\n- y\nb: c\n",
        "a:\n  -   x\n  -\n  - # c\n  - z\n",
        "a:\n  - b: c\n    d: e\n  - f: g\n",
        "a:\n  - b: c\n    d:\n      - e\n    f: [g]\n",
        "a:\n  - b:\n    - c\n    d: e\n",
        "a:\n  - - x\n",
        "a:\n  b:\n    c:\n      d: e\n  f: g\n",
        "a:\n    b: c\n    d: e\n",
        "a: >-\n  folded\n  text\n",
        "a: >\n  folded\n  text\n",
        "a: >+\n  folded\n  text\n\n\nb: c\n",
        "a: |\n  literal\n  text\n",
        "a: |-\n  literal\n  text\n",
        "a: |+\n  literal\n  text\n\n",
        "a: |+\n  literal\n\n  text\n\n\n",
        "a: >-\n  one\n\n  two\n\n\n  three\n",
        "a: |\n  one\n\n  two\n",
        "a: |\n  one\n    more\n  two\n",
        "a: >-\n  trailing  \n  spaces \n",
        "a: >-\n  # not a comment\n  x\n",
        "a: >-\n    deep\n    text\n  # a comment\nb: c\n",
        "a: >- # c\n  x\n",
        "a: |\n  x\n\nb: y\n",
        "a: |-\n  x\n  \nb: y\n",
        "a:\n  - >-\n    x\n    y\n  - |\n    z\n",
        "a:\n- >-\n  x\n",
        "a: plain\n  continued\n  lines\n",
        "a: plain\n\n  after a blank\nb: c\n",
        "a:\n  plain\n  below\n",
        "a:\n    plain\n  less\n",
        "a:\n  'quoted below'\n",
        "a:\n  [x, y]\n",
        "a:\n  |\n   x\n",
        "- x\n",
        "---\na: b\n",
        "# head\n\n---\na: b\n",
        "a: b\n# tail\n\n",
        "  a: b\n  c: d\n",
        "a: café ünïcødé 日本\n",
        "a: \u{a0}nbsp\u{a0}\n",
        "a: \"\u{a0}\"\n",
        "a: x\n---b: y\n",
        "a: ---\nb: ...\n",
        "a: -x\nb: ?x\nc: :x\n",
        "a: x,y]{z}\n",
        "a: 'x' \nb: [x]   \n",
        "a#b: c\n",
        "a: b\n   # indented comment\nc: d\n",
        "a: |\n  x\n  # in text\n",
    ];
    for text in cases {
        if !same_as_granit(text) {
            eprintln!("GIVEN UP: {text:?}");
        }
    }
    for text in [
        SHIPPED,
        "a: b\n",
        "a: b # comment\n",
        "a:\nb: c\n",
        "a: 'it''s'\n",
        "a: \"esc \\n \\t \\u00e9 \\\" \\\\\"\n",
        "a: [x, 'y', \"z\"]\n",
        "a:\n- x\n- y\nb: c\n",
        "a:\n  - b: c\n    d: e\n  - f: g\n",
        "a: >-\n  one\n\n  two\n",
        "a: |+\n  literal\n\n  text\n\n\n",
        "a: plain\n  continued\n",
        "---\na: b\n",
    ] {
        assert_read(text);
    }
}

/// What it leaves to granit: whatever it is not sure to read the same way.
#[test]
fn unusual_yaml_is_left_to_granit() {
    for text in [
        "",
        "# only a comment\n",
        "- x\n",
        "plain\n",
        "a: &x b\nc: *x\n",
        "a: !!str b\n",
        "%YAML 1.2\n---\na: b\n",
        "a: b\n---\nc: d\n",
        "a: b\n...\n",
        "--- a: b\n",
        "\u{feff}a: b\n",
        "a: b\r\n",
        "a:\tb\n",
        "a:\n\t- b\n",
        "a: \"x\ty\"\n",
        "a: {b: c}\n",
        "a: [x, [y]]\n",
        "a: [x,\n  y]\n",
        "a: [x, , y]\n",
        "a: [x: y]\n",
        "a: [x # c\n  ]\n",
        "a: \"multi\n  line\"\n",
        "a: 'multi\n  line'\n",
        "a: \"\\N \\L \\P\"\n",
        "a: \"\\q\"\n",
        "a: \"\\ud800\"\n",
        "a: \"x\\\n  y\"\n",
        "? a\n: b\n",
        "a: b: c\n",
        "a: b:\n",
        "a: - b\n",
        "a:\n  - - b\n",
        "a: |2\n   x\n",
        "a: >\n\n  x\n",
        "a: >\n  x\n   more\n",
        "a: |\n  x",
        "a: |\nb: c\n",
        "a: b\n  c: d\n",
        "a: 'b'\n  c\n",
        "a:\n  b: c\n d: e\n",
        "a:\n  - b\n c\n",
        "a: b\n- c\n",
        "a: plain\n  - dash\n",
        "a: plain\n  x: y\n",
        "a: plain # comment\n  more\n",
        "a: `x`\n",
        "a: @x\n",
        "a: %x\n",
        "a: |x\n",
        "a: x\u{85}y\n",
        "a: x\u{2028}y\n",
        "a: \u{1}\n",
        &format!("{}: v\n", "k".repeat(1500)),
        &format!("a: {}{}\n", "[".repeat(3), "]".repeat(3)),
    ] {
        assert_given_up(text);
        // And granit, for what it reads, must not be missed silently: nothing to check
        // beyond giving up.
    }
    let mut deep = String::new();
    for level in 0..40 {
        deep.push_str(&" ".repeat(level));
        deep.push_str("k:\n");
    }
    deep.push_str(&" ".repeat(40));
    deep.push_str("k: v\n");
    assert_given_up(&deep);
}

/// Random edits of the shipped playbook (as in `light`'s proptest) with more YAML
/// syntax.
fn edited() -> impl Strategy<Value = String> {
    edited_with(
        SHIPPED,
        vec![
            "",
            " ",
            "  ",
            "~",
            "null",
            "1.5",
            "-3",
            "yes",
            "&a x",
            "*a",
            "!!str x",
            "[]",
            "{}",
            "[a, 1]",
            "[a,",
            "{a: b}",
            "'q'",
            "'q''r'",
            "\"q\"",
            "\"a\\tb\"",
            "\"\\u00e9\"",
            "\"\\x\"",
            "|\n  x",
            "|-\n  x\n\n  y",
            "|+\n  x\n",
            ">-\n  x\n  y",
            ">\n  x\n\n",
            "|2\n   x",
            "? k",
            "- x",
            "- a: b",
            ":",
            ": ",
            "#",
            " #",
            "# c",
            "%",
            "\t",
            "---",
            "...",
            "'",
            "\"",
            "\\",
            "a: b",
            "a:",
            "-",
            "\r",
            "\u{a0}",
            "é",
            "\u{feff}",
            "\u{85}",
        ],
    )
}

/// Small documents built from YAML pieces: keys, values of every kind, nested
/// collections at varied indentations, comments and blank lines.
fn built() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a: b",
        "a:",
        "- x",
        "- a: b",
        "-",
        "b: [x, y]",
        "c: 'q'",
        "d: \"e\\n\"",
        "e: |",
        "e: >-",
        "e: |+",
        "f: plain text",
        "text line",
        "  more text",
        "# comment",
        "",
        "g: x # c",
        "h: ~",
        "i: 1.0",
        "j: 'a''b'",
        "k: \"a#b\"",
        "- - x",
        "l: {a: b}",
        "m: &a x",
        "n: *a",
        "? k",
        ": v",
        "o: x: y",
        "p:  ",
        "q: [a, [b]]",
        "---",
        "...",
    ]);
    let line =
        (0usize..4, piece).prop_map(|(indent, piece)| format!("{}{piece}", "  ".repeat(indent)));
    prop::collection::vec(line, 1..12).prop_map(|lines| lines.join("\n") + "\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn edited_playbooks_are_given_up_or_read_as_granit_reads_them(text in edited()) {
        same_as_granit(&text);
    }

    #[test]
    fn built_documents_are_given_up_or_read_as_granit_reads_them(text in built()) {
        same_as_granit(&text);
    }
}
