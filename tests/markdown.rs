//! The Markdown output builds with the real `mdbook`, without a warning, in every
//! language; content cannot inject HTML through it.
//!
//! `mdbook` must be on PATH: `.ci/run` installs it. Outside CI the mdBook part is skipped
//! (with a note) when it is missing; with `CI` set, a missing mdbook fails the test.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// Whether `mdbook` can be run; panics under CI when it cannot.
fn have_mdbook() -> bool {
    let found = Command::new("mdbook")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!(
                "mdbook is not on PATH but CI is set: install it with \
                 `cargo install mdbook --locked` (see .ci/install-tools)"
            );
        }
        eprintln!("note: mdbook not on PATH; skipping the mdbook build check");
    }
    found
}

/// Runs `mdbook build` on one language's source; returns its stderr.
fn mdbook_build(book: &Path, dest: &Path) -> String {
    let out = Command::new("mdbook")
        .arg("build")
        .arg(book)
        .arg("--dest-dir")
        .arg(dest)
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG")
        .env_remove("MDBOOK_LOG")
        .output()
        .expect("run mdbook");
    let err = stderr(&out);
    assert!(
        out.status.success(),
        "mdbook build {} failed:\n{err}",
        book.display()
    );
    err
}

/// Every line mdbook prints must be an INFO line: anything else is a warning or error.
fn assert_no_warning(stderr: &str, what: &str) {
    let bad: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("INFO"))
        .collect();
    assert!(
        bad.is_empty(),
        "mdbook warned on {what}:\n{}",
        bad.join("\n")
    );
}

fn build(dir: &Path) -> std::path::PathBuf {
    let out = irbook(dir, &["build", "-q"]);
    assert_eq!(out.status.code(), Some(0), "build failed: {}", stderr(&out));
    dir.join("book")
}

#[test]
fn shipped_book_builds_with_mdbook_without_warning() {
    let dir = shipped_book();
    let book = build(dir.path());
    for lang in ["en", "fr"] {
        let src = book.join("markdown").join(lang);
        for f in [
            "book.toml",
            "src/SUMMARY.md",
            "src/README.md",
            "src/events.md",
            "src/amazon-q.md",
        ] {
            assert!(src.join(f).is_file(), "{lang}/{f} missing");
        }
        let toml = std::fs::read_to_string(src.join("book.toml")).unwrap();
        assert!(toml.contains(&format!("language = \"{lang}\"")));
    }
    // All 53 events of the Amazon Q playbook are in the index.
    let events = std::fs::read_to_string(book.join("markdown/en/src/events.md")).unwrap();
    let rows = events.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, 53, "{events}");
    if !have_mdbook() {
        return;
    }
    let html = tempfile::tempdir().unwrap();
    for lang in ["en", "fr"] {
        let dest = html.path().join(lang);
        let err = mdbook_build(&book.join("markdown").join(lang), &dest);
        assert_no_warning(&err, lang);
        let page = std::fs::read_to_string(dest.join("amazon-q.html")).unwrap();
        assert!(
            page.contains("id=\"event-indices-DeleteIndex\""),
            "anchor kept"
        );
        assert!(dest.join("events.html").is_file());
    }
}

#[test]
fn two_builds_are_identical() {
    let dir = shipped_book();
    let read = |d: &Path| {
        let mut files = std::collections::BTreeMap::new();
        for lang in ["en", "fr"] {
            let src = d.join("book/markdown").join(lang).join("src");
            for e in std::fs::read_dir(&src).unwrap() {
                let e = e.unwrap();
                files.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
        files
    };
    build(dir.path());
    let first = read(dir.path());
    build(dir.path());
    assert_eq!(first, read(dir.path()));
}

#[test]
fn script_payloads_come_out_escaped() {
    let dir = shipped_book();
    let pb = amazon_q(dir.path());
    edit(
        &pb,
        "title: Responding to Amazon Q security events",
        "title: \"Amazon Q <script>alert(1)</script> | <img src=x onerror=alert(2)>\"",
    );
    edit(
        &pb,
        "    text: Delete IAM users that nobody authorized.",
        "    text: \"Delete [users](javascript:alert(3)) <b onclick=alert(4)>now</b>\"",
    );
    let book = build(dir.path());
    let md = std::fs::read_to_string(book.join("markdown/en/src/amazon-q.md")).unwrap();
    assert!(
        md.starts_with("# Amazon Q &lt;script&gt;alert(1)&lt;/script&gt; | &lt;img"),
        "{md}"
    );
    // `\](` is an escaped bracket: the text shows as typed, no link.
    let unlinked = md.replace("\\](", "");
    for bad in ["<script", "<img", "<b onclick", "](javascript:"] {
        assert!(!unlinked.contains(bad), "{bad} in:\n{md}");
    }
    if !have_mdbook() {
        return;
    }
    let html = tempfile::tempdir().unwrap();
    let err = mdbook_build(&book.join("markdown/en"), html.path());
    assert_no_warning(&err, "en with payloads");
    let page = std::fs::read_to_string(html.path().join("amazon-q.html")).unwrap();
    for bad in [
        "<script>alert",
        "<img src=x",
        "<b onclick",
        "href=\"javascript:",
    ] {
        assert!(!page.contains(bad), "{bad} reached the mdBook page");
    }
}

/// The headings (level 2 and 3) of a site page's playbook, in order, as plain text; the
/// page's own table of contents is left out (mdBook has its own sidebar).
fn site_outline(html: &str) -> Vec<String> {
    let toc = html.find("<nav class=\"toc\"").expect("toc");
    let body = &html[toc + html[toc..].find("</nav>").unwrap()..];
    let mut out = Vec::new();
    for level in body.split("<h").skip(1) {
        let n = level.as_bytes()[0];
        if n != b'2' && n != b'3' {
            continue;
        }
        let inner = &level[level.find('>').unwrap() + 1..level.find("</h").unwrap()];
        out.push(format!(
            "{} {}",
            "#".repeat((n - b'0') as usize),
            plain(inner)
        ));
    }
    out
}

/// The same for a Markdown chapter.
fn markdown_outline(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .map(|l| {
            let (hashes, text) = l.split_once(' ').unwrap();
            format!("{hashes} {}", plain(&text.replace('`', "")))
        })
        .collect()
}

/// Text without tags, entities decoded, spaces collapsed.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn markdown_has_the_sections_order_and_labels_of_the_site() {
    let dir = shipped_book();
    let book = build(dir.path());
    for lang in ["en", "fr"] {
        let site = std::fs::read_to_string(book.join(lang).join("amazon-q.html")).unwrap();
        let md = std::fs::read_to_string(book.join("markdown").join(lang).join("src/amazon-q.md"))
            .unwrap();
        let (site, md) = (site_outline(&site), markdown_outline(&md));
        assert!(site.len() > 30, "{site:#?}");
        assert_eq!(md, site, "{lang}: Markdown headings differ from the site's");
    }
}

/// No interface text of the English edition in the French one: every English `ui.ftl`
/// value that French translates differently must not appear in the French Markdown.
#[test]
fn french_markdown_has_no_english_interface_text() {
    let dir = shipped_book();
    let book = build(dir.path());
    let values = |lang: &str| -> std::collections::BTreeMap<String, String> {
        std::fs::read_to_string(repo().join("locales").join(lang).join("ui.ftl"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(" = "))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect()
    };
    let (en, fr) = (values("en"), values("fr"));
    // Words the French content itself uses (an API's `List` prefix in "opérations List ou
    // Get") are content, not interface.
    let content = std::fs::read_to_string(repo().join("locales/fr/amazon-q.ftl")).unwrap();
    let english: Vec<&String> = en
        .iter()
        .filter(|(k, v)| !v.contains('{') && v.len() >= 4 && fr.get(*k) != Some(*v))
        .filter(|(_, v)| !content.contains(v.as_str()))
        .map(|(_, v)| v)
        .collect();
    assert!(english.len() > 50, "{english:?}");
    let src = book.join("markdown/fr/src");
    for e in std::fs::read_dir(&src).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // ATT&CK is published in English only: its technique names stay English.
        let parts: Vec<&str> = text.split("](https://attack.mitre.org/").collect();
        let last = parts.len() - 1;
        let text: String = parts
            .iter()
            .enumerate()
            .map(|(i, part)| match part.rfind("[T") {
                Some(at) if i < last => &part[..at],
                _ => part,
            })
            .collect();
        for v in &english {
            // Whole words only: "Write" must not match "Writers".
            let leaks = text.match_indices(v.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + v.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            assert!(!leaks, "English {v:?} in {}", path.display());
        }
    }
}

/// The Markdown says what changed in its language too: an English change marks the French
/// section, under its heading, as the site does.
#[test]
fn an_english_change_marks_the_french_markdown_section_outdated() {
    let dir = shipped_book();
    let md =
        |book: &Path| std::fs::read_to_string(book.join("markdown/fr/src/amazon-q.md")).unwrap();
    let before = md(&build(dir.path()));
    assert!(
        !before.contains("Traduction à revoir"),
        "marked before any change"
    );
    edit(
        &amazon_q(dir.path()),
        "Turn on CloudTrail data events for the Amazon Q Business resource types",
        "Turn on CloudTrail data events, in every Region, for the Amazon Q Business resource types",
    );
    let after = md(&build(dir.path()));
    let marks: Vec<usize> = after
        .match_indices("> **Traduction à revoir**")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(marks.len(), 1, "{after}");
    let heading = after[..marks[0]].trim_end().lines().last().unwrap();
    assert_eq!(heading, "## Étapes de réponse");
    // The English edition marks nothing.
    let en = std::fs::read_to_string(dir.path().join("book/markdown/en/src/amazon-q.md")).unwrap();
    assert!(!en.contains("Outdated translation"));
}

/// What mdBook makes of it: no link nested in a heading's own link, an events page that
/// sends the reader to mdBook's search (and no filter box it does not have), and that
/// search indexes the event names and the French text.
#[test]
fn mdbook_headings_hold_no_nested_link_and_its_search_finds_events() {
    if !have_mdbook() {
        return;
    }
    let dir = shipped_book();
    // A group title with a link, to show that headings drop links but keep the words.
    edit(
        &amazon_q(dir.path()),
        "title: Indices\n",
        "title: \"Indices ([docs](https://docs.aws.amazon.com/amazonq/))\"\n",
    );
    let book = build(dir.path());
    let html = tempfile::tempdir().unwrap();
    for lang in ["en", "fr"] {
        let dest = html.path().join(lang);
        assert_no_warning(
            &mdbook_build(&book.join("markdown").join(lang), &dest),
            lang,
        );
        for page in ["amazon-q.html", "events.html"] {
            let text = std::fs::read_to_string(dest.join(page)).unwrap();
            let main = &text[text.find("<main>").unwrap()..text.find("</main>").unwrap()];
            let mut headings = 0;
            for h in main
                .split("<h")
                .skip(1)
                .filter(|h| h.starts_with(|c: char| c.is_ascii_digit()))
            {
                let h = &h[..h.find("</h").unwrap()];
                assert_eq!(h.matches("<a ").count(), 1, "{lang}/{page}: <h{h}");
                headings += 1;
            }
            assert!(headings > 0);
        }
        let page = std::fs::read_to_string(dest.join("amazon-q.html")).unwrap();
        assert!(page.contains("id=\"group-indices\""), "anchor kept");
        let events = std::fs::read_to_string(dest.join("events.html")).unwrap();
        let intro = if lang == "fr" {
            "utilisez la recherche du livre"
        } else {
            "use the book's search"
        };
        assert!(events.contains(intro), "{lang}: {events}");
        assert!(!events.contains("Type a name") && !events.contains("Saisissez"));
        let index = std::fs::read_to_string(dest.join("searchindex.js"))
            .or_else(|_| std::fs::read_to_string(dest.join("searchindex.json")))
            .expect("mdBook's search index");
        assert!(
            index.contains("DeleteIndex"),
            "{lang}: no DeleteIndex in the search index"
        );
    }
    let fr = std::fs::read_to_string(html.path().join("fr/searchindex.js")).unwrap_or_default();
    assert!(fr.contains("supprim"), "French text indexed");
}
