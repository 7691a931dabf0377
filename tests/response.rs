//! The response metadata on the built book: triggers, severity, roles and ATT&CK badges on
//! the pages of every language, and the same facts in the catalog.

mod common;
use common::*;
use std::path::PathBuf;

fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = shipped_book();
    let out = irbook(dir.path(), &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let book = dir.path().join("book");
    (dir, book)
}

#[test]
fn french_page_shows_the_new_sections_translated() {
    let (_dir, book) = built();
    let fr = std::fs::read_to_string(book.join("fr/amazon-q.html")).unwrap();
    for needle in [
        "Déclencheurs, gravité et techniques",
        "Types de résultats GuardDuty",
        "<code>UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS</code>",
        "Niveaux de gravité",
        "P1 (critique)",
        // The French criteria of P1, from locales/fr/amazon-q.ftl.
        "Du contenu a été détruit ou exposé",
        // Role names in French, from [language.fr.roles] of book.toml.
        "Ingénieur cloud",
        // ATT&CK badges: id, name, link to the technique's page.
        r#"href="https://attack.mitre.org/techniques/T1078/004/" lang="en"><code>T1078.004</code> Cloud Accounts</a>"#,
        "Dernière revue",
    ] {
        assert!(fr.contains(needle), "fr page lacks {needle:?}");
    }
    // Review and approval dates: each under its own label, in French, never as ISO text.
    assert!(
        fr.contains(
            r#"<dt>Dernière revue</dt><dd><time datetime="2026-12-01">1er décembre 2026</time>"#
        ),
        "review date"
    );
    assert!(
        fr.contains(
            r#"<dt>Approuvé le</dt><dd><time datetime="2026-11-01">1er novembre 2026</time>"#
        ),
        "approval date"
    );
    let en = std::fs::read_to_string(book.join("en/amazon-q.html")).unwrap();
    assert!(en.contains("Security operations analyst"));
    assert!(en.contains("Content was destroyed or exposed"));
    // The group's badge sits under its heading.
    assert!(en.contains(r#"href="https://attack.mitre.org/techniques/T1485/""#));
}

#[test]
fn markdown_edition_has_the_response_section() {
    let (_dir, book) = built();
    let md = std::fs::read_to_string(book.join("markdown/fr/src/amazon-q.md")).unwrap();
    assert!(md.contains("### Niveaux de gravité"), "{md}");
    assert!(
        md.contains("| P1 (critique) | Du contenu a été détruit"),
        "{md}"
    );
    assert!(
        md.contains("[T1530 Data from Cloud Storage](https://attack.mitre.org/techniques/T1530/)")
    );
    assert!(md.contains("`IAM.1`"));
}

#[test]
fn catalog_carries_triggers_techniques_and_severity() {
    let (_dir, book) = built();
    let c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(book.join("catalog.json")).unwrap()).unwrap();
    assert_eq!(c["catalog_version"], "2.1.0");
    assert_eq!(c["registry"]["attack"], "18.1");
    let p = &c["playbooks"][0];
    assert_eq!(p["id"], "amazon-q");
    let attack: Vec<&str> = p["attack"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        attack.contains(&"T1530") && attack.contains(&"T1136.003"),
        "{attack:?}"
    );
    let mut sorted = attack.clone();
    sorted.sort();
    assert_eq!(attack, sorted);
    assert_eq!(p["triggers"]["securityhub"][0], "IAM.1");
    assert_eq!(p["severity"][0]["level"], "p1");
    assert!(p["severity"][0]["criteria"]["fr"]
        .as_str()
        .unwrap()
        .starts_with("Du contenu"));
    assert_eq!(p["sources"][0]["licence"], "CC BY 4.0");
}

#[test]
fn sigma_rules_carry_real_attack_tags_with_their_tactics() {
    let (_dir, book) = built();
    let text =
        std::fs::read_to_string(book.join("detections/sigma/aws_cloudtrail_amazon_q.yml")).unwrap();
    let attack = irbook::registry::attack::Attack::embedded();
    let mut techniques = 0;
    for rule in text.split("\n---\n") {
        let tags: Vec<&str> = rule
            .lines()
            .skip_while(|l| *l != "tags:")
            .skip(1)
            .take_while(|l| l.starts_with("- "))
            .map(|l| &l[2..])
            .collect();
        for tag in tags.iter().filter(|t| t.starts_with("attack.t")) {
            let id = tag["attack.".len()..].to_ascii_uppercase();
            let t = attack
                .technique(&id)
                .unwrap_or_else(|| panic!("{tag} is no ATT&CK technique"));
            for tactic in &t.tactics {
                assert!(
                    tags.contains(&format!("attack.{tactic}").as_str()),
                    "{tag} without attack.{tactic}"
                );
            }
            techniques += 1;
        }
        assert!(rule.contains("status: experimental"), "{rule}");
    }
    assert!(techniques > 0, "no rule has an ATT&CK tag");
    assert!(
        text.contains("title: Amazon Q Changes - Indices\n"),
        "{text}"
    );
}

#[test]
fn cloudtrail_lake_export_says_it_is_for_existing_lake_users() {
    let (_dir, book) = built();
    let sql =
        std::fs::read_to_string(book.join("detections/cloudtrail-lake/amazon-q.sql")).unwrap();
    assert!(
        sql.contains("-- For existing CloudTrail Lake users"),
        "{sql}"
    );
    assert!(sql.contains("31 May 2026"), "{sql}");
}

/// HTML text back to plain text (the entities minijinja writes).
fn unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2f;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn pages_offer_each_groups_security_lake_query_and_mark_cloudtrail_lake() {
    let (_dir, book) = built();
    let file = std::fs::read_to_string(book.join("detections/security-lake/amazon-q.sql")).unwrap();
    let en = std::fs::read_to_string(book.join("en/amazon-q.html")).unwrap();
    // The page's copy of the indices group's query holds the same statement as the file.
    let blocks: Vec<String> = en
        .split("<pre><code data-copy=\"\">")
        .skip(1)
        .map(|b| unescape(b.split("</code></pre>").next().unwrap()))
        .collect();
    let page_query = blocks
        .iter()
        .find(|b| b.contains("-- group: indices ("))
        .expect("the indices group's Security Lake query on the page");
    let statement = &page_query[page_query.find("-- group: indices (").unwrap()..];
    assert!(file.contains(statement), "{statement}\nnot in\n{file}");
    assert!(statement.contains("api.operation IN ("), "{statement}");
    assert!(statement.contains("'DeleteIndex'"), "{statement}");
    // Every group with events has its statement in the file, and each is offered.
    let statements = file.matches("-- group: ").count();
    assert_eq!(
        statements,
        blocks.iter().filter(|b| b.contains("-- group: ")).count()
    );
    assert!(statements >= 10, "{statements}");
    assert!(en.contains(r#"href="../detections/security-lake/amazon-q.sql""#));
    // CloudTrail Lake: for existing users, in both languages.
    assert!(en.contains("for existing CloudTrail Lake users only"));
    let fr = std::fs::read_to_string(book.join("fr/amazon-q.html")).unwrap();
    assert!(fr.contains("réservé aux utilisateurs actuels de CloudTrail Lake"));
    let lake =
        std::fs::read_to_string(book.join("detections/cloudtrail-lake/amazon-q.sql")).unwrap();
    assert!(lake.starts_with("-- ") && lake.contains("-- For existing CloudTrail Lake users"));
}
