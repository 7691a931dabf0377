//! The book-wide trigger and ATT&CK technique indexes: `<lang>/triggers.html` and
//! `<lang>/techniques.html` on the site (linked from every page's navigation), and
//! `triggers.md` / `techniques.md` in the Markdown edition. A responder paged by a
//! GuardDuty finding finds its type there and the playbook to open.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// The shipped book plus `iam-keys` (from `irbook new`), which shares one GuardDuty
/// finding type and technique T1078.004 with the Amazon Q playbook.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = shipped_book();
    let out = irbook(dir.path(), &["new", "iam-keys"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    edit(
        &dir.path().join("content/playbooks/iam-keys.yaml"),
        "guardduty: [UnauthorizedAccess:IAMUser/MaliciousIPCaller]",
        "guardduty: [UnauthorizedAccess:IAMUser/MaliciousIPCaller, InitialAccess:IAMUser/AnomalousBehavior]",
    );
    let out = irbook(dir.path(), &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let book = dir.path().join("book");
    (dir, book)
}

fn read(book: &Path, rel: &str) -> String {
    std::fs::read_to_string(book.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The table row of `id` (`<tr id="…">` up to `</tr>`).
fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<tr id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no row {id}"));
    let end = html[start..].find("</tr>").unwrap() + start;
    &html[start..end]
}

/// Every `href="x.html#anchor"` of `html` that points into the language folder.
fn local_links(html: &str) -> Vec<(String, String)> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| {
            let href = &s[..s.find('"')?];
            let (page, anchor) = href.split_once('#')?;
            (!page.contains('/') && page.ends_with(".html"))
                .then(|| (page.to_owned(), anchor.to_owned()))
        })
        .collect()
}

#[test]
fn a_guardduty_finding_type_leads_to_every_playbook_it_triggers() {
    let (_dir, book) = built();
    let en = read(&book, "en/triggers.html");
    // GuardDuty first, then Security Hub, then CloudTrail.
    let (gd, sh, ct) = (
        en.find("id=\"guardduty\"").unwrap(),
        en.find("id=\"securityhub\"").unwrap(),
        en.find("id=\"cloudtrail\"").unwrap(),
    );
    assert!(gd < sh && sh < ct);
    let shared = row(&en, "guardduty-InitialAccess:IAMUser/AnomalousBehavior");
    assert!(
        shared.contains(r#"href="amazon-q.html#response""#),
        "{shared}"
    );
    assert!(
        shared.contains(r#"href="iam-keys.html#response""#),
        "{shared}"
    );
    let only_q = row(
        &en,
        "guardduty-UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
    );
    assert!(only_q.contains("amazon-q.html") && !only_q.contains("iam-keys.html"));
    assert!(row(
        &en,
        "guardduty-UnauthorizedAccess:IAMUser/MaliciousIPCaller"
    )
    .contains("iam-keys.html"));
    // Finding types sorted by name.
    let impact = en
        .find("guardduty-Impact:IAMUser/AnomalousBehavior")
        .unwrap();
    let initial = en
        .find("guardduty-InitialAccess:IAMUser/AnomalousBehavior")
        .unwrap();
    let unauth = en.find("guardduty-UnauthorizedAccess:").unwrap();
    assert!(impact < initial && initial < unauth);
    // Security Hub controls, and CloudTrail events linked to their row in the tables.
    assert!(row(&en, "securityhub-IAM.1").contains("amazon-q.html#response"));
    assert!(row(&en, "cloudtrail-DeleteIndex").contains("amazon-q.html#event-indices-DeleteIndex"));
    // Every link lands on an anchor of the target page.
    for (page, anchor) in local_links(&en) {
        let target = read(&book, &format!("en/{page}"));
        assert!(
            target.contains(&format!("id=\"{anchor}\"")),
            "{page}#{anchor} does not exist"
        );
    }
}

#[test]
fn a_playbooks_triggers_link_to_their_rows_of_the_index() {
    let (_dir, book) = built();
    for lang in ["en", "fr"] {
        let page = read(&book, &format!("{lang}/amazon-q.html"));
        let index = read(&book, &format!("{lang}/triggers.html"));
        let links: Vec<String> = page
            .split("href=\"triggers.html#")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_owned())
            .collect();
        // 3 GuardDuty finding types, 2 Security Hub controls, 4 CloudTrail events.
        assert_eq!(links.len(), 9, "{links:?}");
        assert!(links.contains(&"guardduty-InitialAccess:IAMUser/AnomalousBehavior".to_owned()));
        for anchor in links {
            assert!(
                index.contains(&format!("<tr id=\"{anchor}\">")),
                "{lang}: no row {anchor}"
            );
        }
    }
}

#[test]
fn the_technique_index_names_where_each_technique_is_covered() {
    let (_dir, book) = built();
    let en = read(&book, "en/techniques.html");
    let t1078 = row(&en, "T1078.004");
    assert!(t1078.contains(r#"href="https://attack.mitre.org/techniques/T1078/004/""#));
    assert!(t1078.contains("Cloud Accounts") && t1078.contains("initial-access"));
    // Both playbooks; the Amazon Q playbook as a whole and two of its steps.
    assert!(t1078.contains(r#"href="amazon-q.html#response""#));
    assert!(t1078.contains(r#"href="amazon-q.html#step-rotate-keys""#));
    assert!(t1078.contains(r#"href="amazon-q.html#step-analyse-cloudtrail""#));
    assert!(t1078.contains("iam-keys.html#"));
    // Groups by title.
    let t1485 = row(&en, "T1485");
    assert!(t1485.contains(r#"href="amazon-q.html#group-indices""#));
    assert!(t1485.contains("event group:") && t1485.contains("Indices"));
    // Sorted by id.
    assert!(en.find("id=\"T1069.003\"").unwrap() < en.find("id=\"T1485\"").unwrap());
    for (page, anchor) in local_links(&en) {
        let target = read(&book, &format!("en/{page}"));
        assert!(
            target.contains(&format!("id=\"{anchor}\"")),
            "{page}#{anchor} does not exist"
        );
    }
}

#[test]
fn both_indexes_are_in_french_and_in_every_pages_navigation() {
    let (_dir, book) = built();
    let fr = read(&book, "fr/triggers.html");
    for needle in [
        "<html lang=\"fr\"",
        "Quel playbook pour cette alerte\u{202f}?",
        "Types de résultats GuardDuty",
        "Type de résultat",
        "Playbooks à ouvrir",
        // The French title of the playbook links to the French page.
        "Réagir aux événements de sécurité impliquant Amazon Q",
    ] {
        assert!(fr.contains(needle), "fr/triggers.html lacks {needle:?}");
    }
    let fr_t = read(&book, "fr/techniques.html");
    for needle in [
        "Techniques MITRE ATT&amp;CK",
        "Tactiques",
        "le playbook dans son ensemble",
        "groupe d’événements\u{202f}:",
    ] {
        assert!(fr_t.contains(needle), "fr/techniques.html lacks {needle:?}");
    }
    for lang in ["en", "fr"] {
        for page in [
            "index.html",
            "amazon-q.html",
            "events.html",
            "techniques.html",
        ] {
            let html = read(&book, &format!("{lang}/{page}"));
            assert!(
                html.contains("<a href=\"triggers.html\"")
                    && html.contains("<a href=\"techniques.html\""),
                "{lang}/{page} has no link to the indexes"
            );
        }
    }
    let own = read(&book, "fr/triggers.html");
    assert!(
        own.contains(r#"<a href="triggers.html" aria-current="page">Alertes et déclencheurs</a>"#)
    );
}

#[test]
fn the_markdown_edition_has_both_indexes() {
    let (_dir, book) = built();
    let summary = read(&book, "markdown/fr/src/SUMMARY.md");
    assert!(summary.contains("(triggers.md)") && summary.contains("(techniques.md)"));
    let triggers = read(&book, "markdown/fr/src/triggers.md");
    assert!(triggers.starts_with("# Quel playbook pour cette alerte"));
    let line = triggers
        .lines()
        .find(|l| l.contains("`InitialAccess:IAMUser/AnomalousBehavior`"))
        .expect("the shared finding type");
    assert!(line.contains("(amazon-q.md#response)") && line.contains("(iam-keys.md#response)"));
    let techniques = read(&book, "markdown/en/src/techniques.md");
    let line = techniques
        .lines()
        .find(|l| l.contains("`T1485`"))
        .expect("T1485");
    assert!(line.contains("(amazon-q.md#group-indices)"), "{line}");
    // Every anchor the indexes link to exists in the chapter.
    for (file, lang) in [("triggers.md", "fr"), ("techniques.md", "en")] {
        let text = read(&book, &format!("markdown/{lang}/src/{file}"));
        for link in text.split("](").skip(1) {
            let href = &link[..link.find(')').unwrap()];
            let Some((chapter, anchor)) = href.split_once('#') else {
                continue;
            };
            if chapter.starts_with("http") {
                continue;
            }
            let target = read(&book, &format!("markdown/{lang}/src/{chapter}"));
            assert!(
                target.contains(&format!("<a id=\"{anchor}\"></a>")),
                "{file}: {href} has no anchor"
            );
        }
    }
}

#[test]
fn a_book_without_triggers_says_so() {
    let dir = book_with(&[]);
    let out = irbook(dir.path(), &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = read(&dir.path().join("book"), "en/triggers.html");
    assert!(html.contains("No playbook of this book names its triggers yet."));
    assert!(!html.contains("<table"));
}
