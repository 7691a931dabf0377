//! `irbook import` on a whole real collection (../shared/reference/collection: 18
//! documents × 6 languages, test data kept outside the repository): every playbook and
//! language imports; `check` then reports the collection's invented names and nothing
//! else as unknown; the names the documents use are structured (recall against a
//! reviewed ground truth); every group's names are checked; translations are complete
//! where they align and keep the English identifiers; the book builds in six languages
//! once the invented names are corrected.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

/// The collection imported once into a fresh book, shared by the tests (read-only).
fn imported() -> Option<&'static Path> {
    static BOOK: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let coll = collection()?;
        let dir = tempfile::tempdir().unwrap();
        let out = irbook(dir.path(), &["import", coll.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        Some(dir)
    })
    .as_ref()
    .map(|d| d.path())
}

/// Imported playbook id of each source document (from the header comment of its YAML).
fn ids_by_document(book: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(book.join("content/playbooks")).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let source = text
            .lines()
            .find_map(|l| l.strip_prefix("# Imported from "))
            .and_then(|l| l.split(".md").next())
            .unwrap()
            .to_owned();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        out.insert(source, id);
    }
    out
}

/// A copy of the imported book that a test may change.
fn writable_copy(book: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "locales"] {
        copy_dir(&book.join(sub), &dir.path().join(sub));
    }
    std::fs::copy(book.join("book.toml"), dir.path().join("book.toml")).unwrap();
    dir
}

const UNKNOWN_NAME_CODES: [&str; 5] = ["E0201", "E0202", "E0203", "E0206", "E0207"];

#[test]
fn every_playbook_and_language_imports_and_non_playbooks_are_skipped() {
    let Some(coll) = collection() else { return };
    let dir = tempfile::tempdir().unwrap();
    // A dry run writes nothing and prints the table.
    let out = irbook(dir.path(), &["import", coll.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!dir.path().join("content").exists());
    let table = stdout(&out);
    assert!(table.starts_with("document"), "{table}");
    for skipped in [
        "Resource_Glossary.md",
        "Playbook_Development_Guide.md",
        "AWS_Help.md",
    ] {
        let row = table.lines().find(|l| l.starts_with(skipped)).unwrap();
        assert!(
            row.contains("skipped") && row.contains("not a playbook"),
            "{row}"
        );
    }
    let Some(book) = imported() else { return };
    let ids = ids_by_document(book);
    for playbook in [
        "Amazon_Q",
        "Code_Exposure",
        "EC2_Forensics",
        "Ransom_Response_S3",
    ] {
        let id = &ids[playbook];
        for lang in ["de", "es", "fr", "ja", "zh"] {
            let ftl = book.join(format!("locales/{lang}/{id}.ftl"));
            assert!(ftl.is_file(), "{}", ftl.display());
        }
    }
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    for lang in ["de", "es", "fr", "ja", "zh"] {
        assert!(toml.contains(&format!("[language.{lang}]")), "{toml}");
    }
}

#[test]
fn check_reports_the_invented_names_and_nothing_else_as_unknown() {
    let Some(book) = imported() else { return };
    let (code, diags) = check_json(book, &[]);
    assert_eq!(code, 1);
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    for d in diags
        .iter()
        .filter(|d| UNKNOWN_NAME_CODES.contains(&d["code"].as_str().unwrap()))
    {
        assert!(d["file"].as_str().unwrap().ends_with(".yaml"), "{d:#}");
        assert!(d["line"].as_u64().unwrap() > 0 && d["column"].as_u64().unwrap() > 0);
        let msg = d["message"].as_str().unwrap();
        let name = msg.split('`').nth(1).unwrap().to_owned();
        unknown.insert(name);
    }
    let expected: BTreeSet<String> = [
        "GetApplications",
        "StartDataSourceSyncJobs",
        "StopDataSourceSyncJobs",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(unknown, expected, "{diags:#?}");
}

#[test]
fn the_names_the_documents_use_are_structured() {
    let Some(book) = imported() else { return };
    let ids = ids_by_document(book);
    let truth =
        std::fs::read_to_string(repo().join("tests/fixtures/import/collection-ground-truth.tsv"))
            .unwrap();
    let (mut found, mut total) = (0, 0);
    let mut per_document = Vec::new();
    for line in truth
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (doc, names) = line.split_once('\t').unwrap();
        let id = ids
            .get(doc)
            .unwrap_or_else(|| panic!("{doc} was not imported as a playbook"));
        let (mut f, mut t) = (0, 0);
        let mut missing = Vec::new();
        for name in names.split_whitespace() {
            let out = irbook(book, &["lookup", name, "--json"]);
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                v["known"], true,
                "ground truth lists `{name}`, which the registry does not know"
            );
            t += 1;
            let used = v["used_by"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u.as_str().unwrap().starts_with(&format!("{id}:")));
            if used {
                f += 1;
            } else {
                missing.push(name);
            }
        }
        eprintln!("recall {doc}: {f}/{t} missing {missing:?}");
        per_document.push((doc.to_owned(), f, t));
        found += f;
        total += t;
    }
    let recall = found as f64 / total as f64;
    eprintln!("recall overall: {found}/{total} = {:.1}%", 100.0 * recall);
    assert!(
        recall >= 0.95,
        "recall {:.1}% < 95%: {per_document:?}",
        100.0 * recall
    );
}

#[test]
fn a_one_letter_change_in_any_imported_group_is_an_unknown_event() {
    let Some(book) = imported() else { return };
    let dir = writable_copy(book);
    let mut changed: Vec<(String, u64, String)> = Vec::new();
    let pb_dir = dir.path().join("content/playbooks");
    for e in std::fs::read_dir(&pb_dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let p = irbook::load::parse_playbook(&text, &name).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for g in p.detection.groups.iter() {
            let Some(ev) = g.value.events.first() else {
                continue;
            };
            let original = ev.value.name.as_str();
            let line = ev.value.name.pos.line as usize;
            // One letter changed: the second letter becomes another one.
            let mut chars: Vec<char> = original.chars().collect();
            chars[1] = if chars[1] == 'x' { 'q' } else { 'x' };
            let typo: String = chars.into_iter().collect();
            let l = &mut lines[line - 1];
            assert!(l.contains(original), "{l}");
            *l = l.replacen(original, &typo, 1);
            changed.push((format!("content/playbooks/{name}"), line as u64, typo));
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    }
    assert!(changed.len() >= 10, "{changed:?}");
    let (_, diags) = check_json(dir.path(), &[]);
    for (file, line, typo) in &changed {
        assert!(
            diags.iter().any(|d| d["code"] == "E0201"
                && d["file"] == file.as_str()
                && d["line"] == *line
                && d["message"].as_str().unwrap().contains(typo.as_str())),
            "no E0201 for `{typo}` at {file}:{line}"
        );
    }
}

#[test]
fn translations_keep_the_english_identifiers_and_show_their_coverage() {
    let Some(book) = imported() else { return };
    let out = irbook(book, &["i18n", "status"]);
    let text = stdout(&out) + &stderr(&out);
    for lang in ["de", "es", "fr", "ja", "zh"] {
        assert!(
            text.lines().any(|l| l.starts_with(lang)
                && l.contains('%')
                && !l.trim_end().ends_with(" 0.0%")),
            "{lang} has no coverage line: {text}"
        );
    }
    // Every message of every .ftl is one the English playbook has (no obsolete or
    // unknown ids: identifiers such as event names in ids match the English).
    let (_, diags) = check_json(book, &[]);
    let stray: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["code"] == "W0404" || d["code"] == "E0403")
        .collect();
    assert!(stray.is_empty(), "{stray:#?}");
    // The translated tables of the Amazon Q playbook: event ids are the English names.
    let ids = ids_by_document(book);
    let id = &ids["Amazon_Q"];
    let fr = std::fs::read_to_string(book.join(format!("locales/fr/{id}.ftl"))).unwrap();
    assert!(fr.contains(&format!("{id}-event-")), "{fr}");
    assert!(!fr.contains("Obtenir une conversation ="), "{fr}");
}

#[test]
fn the_book_builds_in_six_languages_once_the_invented_names_are_corrected() {
    let Some(book) = imported() else { return };
    let dir = writable_copy(book);
    correct_collection(dir.path());
    let out = irbook(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for lang in ["en", "de", "es", "fr", "ja", "zh"] {
        assert!(
            dir.path().join(format!("book/{lang}/index.html")).is_file(),
            "{lang}"
        );
    }
}

#[test]
fn a_translation_of_one_file_is_imported_with_its_records() {
    let Some(coll) = collection() else { return };
    let docs = coll.join("docs");
    let dir = tempfile::tempdir().unwrap();
    let fr = format!("fr={}", docs.join("fr/fr.Amazon_Q.md").display());
    let en = docs.join("Amazon_Q.md");
    let out = irbook(
        dir.path(),
        &[
            "import",
            en.to_str().unwrap(),
            "--id",
            "q-test",
            "--translation",
            &fr,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(report.contains("messages translated into `fr`"), "{report}");
    // The lower-cased name of the French table is restored, and the repair reported.
    assert!(
        report.contains("event name `getIndex` restored to the English `GetIndex`"),
        "{report}"
    );
    let ftl = std::fs::read_to_string(dir.path().join("locales/fr/q-test.ftl")).unwrap();
    assert!(
        ftl.contains("\n# en: ") && ftl.contains("\n# hash: "),
        "{ftl}"
    );
    assert!(ftl.contains("q-test-title = "), "{ftl}");
    let toml = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
    assert!(toml.contains("[language.fr]"), "{toml}");
    // A malformed specification is a usage error, not a crash.
    let out = irbook(
        dir.path(),
        &["import", en.to_str().unwrap(), "--translation", "nope"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

mod generated {
    //! Property tests over generated Markdown in the collection's shapes: the import
    //! never panics, what it writes loads, and every line is accounted for: each line
    //! carries a marker word that must be in the YAML or named by the report, or the
    //! report must say the line (or the block it is in) was dropped.
    use irbook::import::{import_markdown, Kind, Options};
    use proptest::prelude::*;

    fn fragment() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            Just("GetObject".to_owned()),
            Just("`DeleteBucketCORS`".to_owned()),
            Just("*PutBucketPolicy*".to_owned()),
            Just("s3:GetObject".to_owned()),
            Just("日本語のテキスト".to_owned()),
            Just("texte\u{a0}français".to_owned()),
            Just("[lien] (https://example.com)".to_owned()),
            Just("aws iam create-access-key".to_owned()),
            "[a-zA-Z]{1,8}",
        ];
        let heading = prop_oneof![
            Just("## Containment".to_owned()),
            Just("### S3 Block Public Access".to_owned()),
            Just("## Detection and Analysis".to_owned()),
            Just("### Event Names".to_owned()),
            Just("## Post Incident Activity".to_owned()),
            Just("#### Notes".to_owned()),
        ];
        prop_oneof![
            heading.prop_map(|h| format!("{h} MARK\n")),
            word.clone().prop_map(|w| format!("Text MARK {w}\n")),
            word.clone()
                .prop_map(|w| format!("* item MARK {w}\n    * nested MARK {w}\n")),
            word.clone()
                .prop_map(|w| format!("1. [**CONTAINMENT**] step MARK {w}\n")),
            word.clone()
                .prop_map(|w| format!("| Event | Notes |\n|---|---|\n| MARK {w} | x |\n")),
            word.clone()
                .prop_map(|w| format!("```json\n{{\"Action\": [\"{w}\"]}} MARK\n```\n")),
            word.prop_map(|w| format!("<table><tr><td>MARK {w}</td></tr></table>\n")),
            Just("---\n".to_owned()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn generated_markdown_never_panics_and_loses_no_line(
            parts in proptest::collection::vec(fragment(), 1..14)
        ) {
            // Number the markers so that each line can be found again.
            let mut md = String::from("# Incident Response Playbook: Generated\n\n");
            let mut n = 0;
            for p in &parts {
                let mut p = p.clone();
                while p.contains("MARK ") || p.contains("MARK\n") {
                    n += 1;
                    p = p.replacen("MARK", &format!("m{n}q"), 1);
                }
                md.push_str(&p);
                md.push('\n');
            }
            let opts = Options { id: Some("generated".into()), source_name: "g.md".into() };
            let imported = import_markdown(&md, &opts).expect("imports");
            irbook::load::parse_playbook(&imported.yaml, "generated.yaml").expect("loads");
            let dropped: Vec<usize> = imported
                .report
                .entries
                .iter()
                .filter(|e| e.kind == Kind::Dropped)
                .map(|e| e.line)
                .collect();
            for (i, line) in md.lines().enumerate() {
                let Some(start) = line.find(" m").or_else(|| line.find(">m")).map(|s| s + 1) else {
                    continue;
                };
                let marker: String = line[start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if !marker.ends_with('q') {
                    continue;
                }
                let kept = imported.yaml.contains(&marker);
                // Dropped with its block, or named by the report (a heading mapped to a
                // field is reported with its title).
                let reported = dropped.iter().any(|&d| d > 0 && d <= i + 1)
                    || imported.report.entries.iter().any(|e| e.message.contains(&marker));
                prop_assert!(kept || reported, "line {} `{line}` is neither in the YAML nor reported dropped\n{md}\n{}", i + 1, imported.yaml);
            }
        }
    }
}
