//! Property tests over generated hostile input, for each kind of file irbook reads:
//! playbook YAML, Fluent, book.toml and Markdown to import. Each must come back as a
//! value or a diagnostic, never a panic, within a time bound. `cargo test` runs a modest
//! number of cases; `scripts/fuzz.sh` runs many more (PROPTEST_CASES). Inputs that ever
//! failed are kept by proptest under proptest-regressions/ and replayed first.

use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Fragments that exercise each format's traps, mixed with arbitrary text.
fn pieces(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(tokens).prop_map(str::to_owned),
            1 => "\\PC{0,12}",
            1 => prop::collection::vec(any::<u8>(), 0..8)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

const YAML: &[&str] = &[
    "id: x\n",
    "title: T\n",
    "summary: S\n",
    "steps:\n",
    "  a:\n",
    "    phase: detection\n",
    "    text: ",
    "detection:\n",
    "  groups:\n",
    "    g:\n",
    "      service: qbusiness\n",
    "      events:\n",
    "        - DeleteIndex\n",
    "        - name: ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!binary ",
    "'",
    "\"",
    "\n",
    "  ",
    "\t",
    ": ",
    "? ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "#",
    "%YAML 1.2\n",
    "<<: *a\n",
    "yes",
    "~",
    "0x1F",
    "1e999",
    "\u{feff}",
];
const FTL: &[&str] = &[
    "a = ", "-t = ", "\n", "  ", "{", "}", "{ $v }", "{ -t }", "{ a }", "{ \"", "\" }", ".attr = ",
    "[one]", "*[other]", " -> ", "# ", "## ", "### ", "NUMBER(", ")", "\\u0041", "\\\\", "\r\n",
    "{{{{{{{{", "}}}}}}}}", "a.b = ", "x",
];
const TOML: &[&str] = &[
    "[book]\n",
    "title = ",
    "\"t\"\n",
    "[build]\n",
    "build-dir = ",
    "theme = ",
    "[language.fr]\n",
    "name = ",
    "[[x]]\n",
    "'''",
    "\"\"\"",
    "=",
    "\n",
    "[",
    "]",
    "{",
    "}",
    "1979-05-27",
    "inf",
    "src = ",
    "source-language = ",
    "\"pt-BR\"",
    "[output.catalog]\n",
    "base-url = ",
];
const MARKDOWN: &[&str] = &[
    "# Title\n",
    "## Points of Contact\n",
    "## Detection\n",
    "[**DETECTION**] ",
    "| a | b |\n",
    "|---|---|\n",
    "* ",
    "1. ",
    "```\n",
    "`",
    "**",
    "_",
    "<script>",
    "](",
    "[",
    "\n\n",
    "    ",
    "> ",
    "---\n",
    "DeleteIndex",
    "qbusiness.amazonaws.com",
    "AWS::QBusiness::Index",
    "&amp;",
    "<!-- ",
    " -->",
    "\\",
    "|",
    "\n",
];

/// Runs `f` and fails if it took longer than two seconds.
fn bounded<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(2),
        "{what} took {took:?} on {input:?}"
    );
    out
}

fn config() -> ProptestConfig {
    // Modest by default; PROPTEST_CASES overrides it (scripts/fuzz.sh).
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(64),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn playbook_yaml_never_panics(text in pieces(YAML)) {
        bounded("parse_playbook", &text, || {
            let _ = irbook::load::parse_playbook(&text, "fuzz.yaml");
        });
    }

    #[test]
    fn fluent_never_panics(text in pieces(FTL)) {
        bounded("ftl", &text, || {
            let doc = irbook::i18n::ftl::parse(&text);
            if irbook::i18n::ftl::check_parsable(&text).is_ok() {
                let known = doc.messages.iter().map(|m| m.id.clone()).collect();
                let _ = irbook::i18n::references::unresolved(&text, &known);
            }
        });
    }

    #[test]
    fn book_toml_never_panics(text in pieces(TOML)) {
        bounded("config", &text, || {
            let _ = irbook::config::parse(&text, "book.toml");
        });
    }

    #[test]
    fn markdown_import_never_panics(text in pieces(MARKDOWN)) {
        bounded("import", &text, || {
            let opts = irbook::import::Options { id: None, source_name: "fuzz.md".into() };
            if let Ok(imported) = irbook::import::import_bytes(text.as_bytes(), &opts) {
                // What import writes must load (or be a diagnostic), never panic.
                let _ = irbook::load::parse_playbook(&imported.yaml, "imported.yaml");
            }
        });
    }
}

proptest! {
    #![proptest_config(config())]

    /// What `i18n update` writes always parses back: any event name or key gives a
    /// valid id, any English text a pattern, and the file lists exactly those ids.
    #[test]
    fn i18n_update_output_parses_back(
        entries in prop::collection::btree_map("\\PC{1,16}", "\\PC{0,40}", 1..8),
        playbook in "[a-z][a-z0-9-]{0,10}",
        group in "\\PC{1,10}",
    ) {
        let mut expected = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (event, en) in &entries {
            let id = irbook::model::messages::event_description_id(&playbook, &group, event);
            if !seen.insert(id.clone()) {
                continue; // two names escaping alike (e.g. `a b` and `a_20b`)
            }
            expected.push(irbook::i18n::extract::Expected {
                id,
                en: en.clone(),
                file: "x.yaml".into(),
                pos: irbook::model::Pos::new(1, 1),
            });
        }
        for pseudo in [false, true] {
            let mut report = irbook::i18n::update::Report::default();
            let text = irbook::i18n::update::render_file("### header\n", &expected, None, pseudo, &mut report);
            let doc = irbook::i18n::ftl::parse(&text);
            prop_assert!(doc.errors.is_empty(), "{:?}\n{}", doc.errors, text);
            let ids: Vec<&str> = doc.messages.iter().map(|m| m.id.as_str()).collect();
            let want: Vec<&str> = expected.iter().map(|e| e.id.as_str()).collect();
            prop_assert_eq!(ids, want);
        }
    }
}
