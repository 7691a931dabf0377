//! `irbook import`: the real binary on the reference playbook and on fixtures in the
//! collection's style, plus a seeded fuzz loop through the library function.

use irbook::import::{import_bytes, import_markdown, Options};
use irbook::load::parse_playbook;
use irbook::model::Playbook;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The English reference playbook, beside the repository in `shared/reference/`.
fn reference() -> PathBuf {
    let p = manifest().join("../shared/reference/amazon-q.en.md");
    assert!(
        p.is_file(),
        "the reference playbook is missing: expected {} (shared/reference/ beside the repository)",
        p.display()
    );
    p
}

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/import").join(name)
}

fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"t\"\n").unwrap();
    dir
}

fn irbook(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_irbook"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run irbook")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn load(path: &Path) -> Playbook {
    let text = std::fs::read_to_string(path).expect("imported file");
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../schema/playbook.schema.json\n"),
        "schema comment first"
    );
    parse_playbook(&text, "imported.yaml").unwrap_or_else(|d| panic!("does not load: {d:?}"))
}

fn event_names(p: &Playbook) -> BTreeSet<String> {
    let d = &p.detection;
    let mut names: BTreeSet<String> = d
        .groups
        .iter()
        .flat_map(|g| g.value.events.iter().map(|e| e.value.name.value.clone()))
        .collect();
    names.extend(d.common.iter().map(|n| n.value.clone()));
    names.extend(
        d.data_events
            .0
            .iter()
            .flat_map(|r| r.value.iter().map(|n| n.value.clone())),
    );
    names
}

#[test]
fn reference_import_keeps_the_event_names_and_reports_unmapped_sections() {
    let dir = book();
    let src = reference();
    let out = irbook(
        &["import", src.to_str().unwrap(), "--id", "q-imported", "."],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let p = load(&dir.path().join("content/playbooks/q-imported.yaml"));
    let names = event_names(&p);
    assert!(
        names.len() >= 50,
        "{} distinct names: {names:?}",
        names.len()
    );
    // Names are kept as written, typos included, so that `check` can report them.
    assert!(names.contains("GetApplications"));
    assert!(names.contains("StartDataSourceSyncJobs"));
    assert_eq!(p.title.as_str(), "Responding to Amazon Q Security Events");
    assert!(p.owners.author.is_none(), "placeholder author left out");
    assert_eq!(
        p.steps.len(),
        4,
        "the three empty preparation steps are skipped"
    );
    assert_eq!(p.detection.endpoints.len(), 2);
    assert_eq!(p.detection.groups.len(), 10);
    let general = &p.detection.groups.entries[0].value;
    assert_eq!(general.service.as_str(), "q");
    assert_eq!(p.tools.entries[0].value.name.as_str(), "Prowler");
    assert_eq!(p.containment.len(), 12);
    assert_eq!(
        p.permissions.tasks.entries[0].value.actions[0].as_str(),
        "q:StartConversation"
    );
    // What fits no field is in notes, and the report says so, with lines.
    let note_titles: Vec<&str> = p.notes.iter().map(|n| n.value.title.as_str()).collect();
    assert!(note_titles.contains(&"Preamble"), "{note_titles:?}");
    assert!(err.contains("amazon-q.en.md:3: kept in notes"), "{err}");
    assert!(
        err.contains("kept in notes") && err.contains("Event Names"),
        "{err}"
    );
    assert!(err.contains(":61: dropped: step 1 has no text"), "{err}");
    assert!(err.contains("guessed: service of group"), "{err}");
}

#[test]
fn second_import_needs_force() {
    let dir = book();
    let src = reference();
    let args = ["import", src.to_str().unwrap(), "--id", "q-imported"];
    assert_eq!(irbook(&args, dir.path()).status.code(), Some(0));
    let again = irbook(&args, dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"));
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(irbook(&forced, dir.path()).status.code(), Some(0));
}

#[test]
fn id_defaults_to_the_slugified_title() {
    let dir = book();
    let src = reference();
    let out = irbook(&["import", src.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir
        .path()
        .join("content/playbooks/responding-to-amazon-q-security-events.yaml");
    assert_eq!(
        load(&path).id.as_str(),
        "responding-to-amazon-q-security-events"
    );
}

#[test]

fn check_reports_the_reference_typos() {
    let dir = book();
    let src = reference();
    let out = irbook(
        &["import", src.to_str().unwrap(), "--id", "q-imported"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let check = irbook(&["check"], dir.path());
    let text = format!(
        "{}{}",
        stderr(&check),
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(check.status.code(), Some(1), "{text}");
    assert!(text.contains("GetApplications"), "{text}");
    assert!(text.contains("StartDataSourceSyncJobs"), "{text}");
}

#[test]
fn variants_fixture_maps_every_convention() {
    let dir = book();
    let src = fixture("variants.md");
    let out = irbook(
        &["import", src.to_str().unwrap(), "--id", "widgets"],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let p = load(&dir.path().join("content/playbooks/widgets.yaml"));
    assert_eq!(p.owners.author.as_ref().unwrap().as_str(), "Jane Writer");
    assert!(p.owners.approver.is_none());
    assert_eq!(p.owners.approved.as_ref().unwrap().as_str(), "2025-03-14");
    let phases: Vec<_> = p.steps.iter().map(|s| s.value.phase.value.key()).collect();
    assert_eq!(
        phases,
        [
            "preparation",
            "detection",
            "containment",
            "recovery",
            "post-incident"
        ]
    );
    assert!(err.contains("step 6 has no text"), "{err}");
    assert_eq!(p.objectives.caf.len(), 2);
    let teams: Vec<&str> = p
        .classification
        .teams
        .iter()
        .map(|t| t.value.as_str())
        .collect();
    assert_eq!(
        teams,
        [
            "Security Operations Center (SOC, night shift)",
            "Cloud Engineering"
        ]
    );
    assert_eq!(p.service_model.components.len(), 2);
    // Endpoints from the nested list; a 3-column table with readOnly; two groups with
    // bold and italic titles; a row with a missing closing pipe; a row without description.
    let hosts: Vec<&str> = p
        .detection
        .endpoints
        .iter()
        .map(|e| e.value.host.as_str())
        .collect();
    assert_eq!(hosts, ["widget.amazonaws.com", "widgetjobs.amazonaws.com"]);
    let groups: Vec<(&str, &str, Vec<String>)> = p
        .detection
        .groups
        .iter()
        .map(|g| {
            (
                g.value.title.as_str(),
                g.value.service.as_str(),
                g.value
                    .events
                    .iter()
                    .map(|e| e.value.name.value.clone())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(groups.len(), 3, "{groups:?}");
    assert_eq!(groups[0].0, "Widget management");
    assert_eq!(groups[0].2, ["CreateWidget", "GetWidget", "ListWidgetz"]);
    assert_eq!(groups[1].0, "Jobs");
    assert_eq!(
        groups[1].1, "widget",
        "stated in the permissions as widget:StartJob"
    );
    assert_eq!(groups[1].2, ["StartJob", "stopJob"]);
    assert_eq!(groups[2].0, "Sharing");
    assert_eq!(groups[2].2, ["ShareWidget", "Partager le widget"]);
    let get = &p.detection.groups.entries[0].value.events[1].value;
    assert_eq!(
        get.description.as_ref().unwrap().as_str(),
        "GetWidget Returns one widget",
        "description kept as written"
    );
    assert!(p.detection.groups.entries[1].value.events[1]
        .value
        .description
        .is_none());
    assert!(err.contains("readOnly"), "{err}");
    assert_eq!(p.detection.data_events.0.len(), 2);
    assert_eq!(p.analysis.len(), 2);
    // Links: a normal one, and one broken by a space, recovered and reported.
    let c = &p.containment.entries;
    assert_eq!(
        c[0].value.links[0].url.as_str(),
        "https://example.com/disable"
    );
    assert!(c[0].value.note.is_some());
    assert_eq!(
        c[1].value.links[0].url.as_str(),
        "https://example.com/sessions"
    );
    assert_eq!(
        c[1].value.text.as_str(),
        "Revoke sessions, see the sessions guide"
    );
    assert!(err.contains("broken by a space"), "{err}");
    let tasks: Vec<Vec<String>> = p
        .permissions
        .tasks
        .iter()
        .map(|t| t.value.actions.iter().map(|a| a.value.clone()).collect())
        .collect();
    assert_eq!(
        tasks,
        [
            vec!["widget:StartJob", "widget:GetWidget"],
            vec!["ShareWidget"]
        ]
    );
    // The unknown section lands in notes whole: image and <details> included.
    let vendor = p
        .notes
        .iter()
        .find(|n| n.value.title.as_str() == "Vendor Contacts")
        .expect("unknown section in notes");
    let md = vendor.value.markdown.as_str();
    assert!(
        md.contains("![Image](/images/widgets.png)") && md.contains("<details>"),
        "{md}"
    );
    assert!(err.contains("image `/images/widgets.png`"), "{err}");
    assert!(err.contains("HTML block"), "{err}");
    assert_eq!(p.backlog.current.len(), 1);
    assert_eq!(p.lessons.len(), 1);
}

#[test]
fn french_style_fixture_repairs_what_translation_broke() {
    let dir = book();
    let src = fixture("broken-fr.md");
    let out = irbook(&["import", src.to_str().unwrap()], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let p = load(&dir.path().join("content/playbooks/widgets-dexemple.yaml"));
    assert_eq!(
        p.tools.entries[0].value.url.as_str(),
        "https://example.com/widgetscan"
    );
    assert!(p
        .summary
        .contains("[WidgetScan](https://example.com/widgetscan)"));
    assert_eq!(p.detection.endpoints.len(), 1);
    // The delimiter row is malformed (`|<NBSP>: ---`, as machine translation left it), so
    // CommonMark sees no table; its rows are still read, names as written.
    let names = event_names(&p);
    for n in [
        "getWidget",
        "ListWidgets",
        "Obtenir un widget",
        "Obtenir les données",
    ] {
        assert!(names.contains(n), "{n} in {names:?}");
    }
    assert!(err.contains("malformed delimiter row"), "{err}");
    let types: Vec<&str> = p
        .detection
        .data_events
        .0
        .iter()
        .map(|i| i.key.as_str())
        .collect();
    assert_eq!(types, ["AWS::Widget::Object"]);
    assert_eq!(
        p.containment.entries[0].value.links[0].url.as_str(),
        "https://example.com/disable"
    );
}

#[test]
fn garbage_never_crashes_the_binary() {
    let dir = book();
    let mut rng = Rng(7);
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"# only a title".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x80],
        (0..4096).map(|_| rng.next() as u8).collect(),
        "| a\n|---|---|---|\n| b | c | d | e | f\n"
            .repeat(50)
            .into_bytes(),
        "  * x\n".repeat(3000).into_bytes(),
        vec![b'a'; irbook::import::MAX_INPUT_BYTES + 1],
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case{i}.md"));
        std::fs::write(&file, bytes).unwrap();
        for id in [Some(format!("case-{i}")), None] {
            let mut args = vec!["import".to_owned(), file.to_string_lossy().into_owned()];
            if let Some(id) = &id {
                args.extend(["--id".to_owned(), id.clone()]);
            }
            let out = Command::new(env!("CARGO_BIN_EXE_irbook"))
                .args(&args)
                .current_dir(dir.path())
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "case {i} ({id:?}) exited {code:?}: {}",
                stderr(&out)
            );
        }
    }
}

/// A small seeded PRNG (xorshift): reproducible inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Markdown-ish text built from the collection's building blocks and hostile pieces.
fn random_markdown(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "# Incident Response Playbook: X\n",
        "## Points of Contact\n",
        "Author: `Author Name` \\\nApprover: x\\\nLast Date Approved: \n",
        "## Executive Summary\n",
        "## Response Steps\n",
        "1. [**PREPARATION**] a\n",
        "2. [**detection & analysis**]\n",
        "3. [**NOPE**] b\n",
        "## Detection and Analysis\n",
        "### Notes and Considerations\n",
        "* Endpoints:\n    * A: a.amazonaws.com\n    * : \n",
        "### Event Names\n",
        "| Event Names | readOnly | Description |\n| --- | --- | --- |\n",
        "| ***G*** | --- |\n",
        "| `E` | true | d\n",
        "| `\"\\\\` | x | y | z | w |\n",
        "| : --- | : --- |\n",
        "### Data plane events in CloudTrail\n",
        "**L**: AWS::A::B\n",
        "**L**: AWS : :A : :B\n",
        "* N\n",
        "    * deeper\n        * deeper still\n",
        "## Containment and Eradication\n",
        "* [t](https://x) and [u] (https://y)\n",
        "* [](\n",
        "## IAM Permissions\n",
        "* task:\n  * A [Example: \"p:A\"]\n  * B\n",
        "## Something Else\n",
        "<details>\n<summary>s</summary>\n\nx\n</details>\n",
        "![Image](/i.png)\n",
        "```\ncode: \"quoted\"\n```\n",
        "> quote\n",
        "* * *\n",
        "\n",
        "\t\u{0}\u{85}\u{2028}\u{feff}é: #&*!|{}[]>%@`\n",
        "- \n",
        "| \n",
        "[^1]: note\n",
        "#",
        "*",
        "**a**: b, c (d, e), \n",
    ];
    let n = (rng.next() % 40) as usize;
    (0..n).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn fuzz_imports_always_load_back() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let opts = Options {
        id: Some("fuzz".into()),
        source_name: "fuzz.md".into(),
    };
    for i in 0..400 {
        let md = random_markdown(&mut rng);
        let imported = import_markdown(&md, &opts)
            .unwrap_or_else(|e| panic!("case {i} failed: {e}\n--- input ---\n{md}"));
        if let Err(d) = parse_playbook(&imported.yaml, "fuzz.yaml") {
            panic!(
                "case {i} does not load: {d:?}\n--- input ---\n{md}\n--- yaml ---\n{}",
                imported.yaml
            );
        }
    }
    // Random bytes: either an error (not UTF-8) or a playbook that loads.
    for _ in 0..200 {
        let len = (rng.next() % 300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if let Ok(imported) = import_bytes(&bytes, &opts) {
            parse_playbook(&imported.yaml, "fuzz.yaml").expect("loads");
        }
    }
}
