//! Every command that reads the book exits 1 when the content has errors and 2 when there
//! is no readable book (usage or I/O), as `check` does. Before, `i18n update` and
//! `i18n status` exited 2 on a YAML content error.

mod common;

use common::*;

#[test]
fn content_errors_exit_1_in_every_command() {
    let dir = shipped_book();
    edit(&amazon_q(dir.path()), "status: active", "status: [active");
    for args in BOOK_READERS {
        let out = irbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("amazon-q.yaml"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // A bad book.toml is content too.
    let dir = shipped_book();
    edit(&dir.path().join("book.toml"), "[book]", "[book]\ntitel = 1");
    for args in BOOK_READERS {
        let out = irbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn no_book_exits_2_in_every_command() {
    let empty = tempfile::tempdir().unwrap();
    for args in BOOK_READERS {
        let out = irbook(empty.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("book.toml"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = irbook(empty.path(), &["import", "missing.md", "--id", "x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // `pdf` builds first; `serve` used to serve an empty site, saying "no problems found".
    for args in [&["pdf", "--quiet"][..], &["serve", "--port", "0"]] {
        let (code, _, err) = run_bounded(empty.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("no book.toml"), "{args:?}: {err}");
    }
    let (code, _, err) = run_bounded(empty.path(), &["serve", "--port", "0", "missing"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a folder"), "{err}");
}

/// `pdf` reports content errors as `build` does (when a browser is there to print with;
/// without one it exits 2 before reading anything).
#[test]
fn pdf_exits_1_on_content_errors() {
    if irbook::commands::pdf::find_browser().is_none() {
        eprintln!("skipped: no Chromium or Chrome");
        return;
    }
    let dir = shipped_book();
    edit(&amazon_q(dir.path()), "status: active", "status: [active");
    let (code, _, err) = run_bounded(dir.path(), &["pdf", "--quiet"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("amazon-q.yaml"), "{err}");
    assert!(!dir.path().join("book").exists());
}

#[test]
fn a_clean_book_exits_0_in_every_command() {
    let dir = shipped_book();
    for args in BOOK_READERS {
        let out = irbook(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}
