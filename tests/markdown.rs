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
