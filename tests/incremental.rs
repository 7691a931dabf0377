//! A build into an existing output rewrites only what changed: unchanged files keep their
//! bytes, inode and modification time (web servers and rsync rely on them), changed
//! ones are new, and the result is the same as a build into an empty folder.

mod common;
use common::*;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

fn stamp(path: &Path) -> (i64, i64, u64) {
    let m = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (m.mtime(), m.mtime_nsec(), m.ino())
}

fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let book = shipped_book();
    let out = book.path().join("site");
    let first = irbook(book.path(), &["build", "-q", "-d", "site"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let css = out.join("assets/irbook.css");
    let schema = out.join("catalog.schema.json");
    let page = out.join("en/amazon-q.html");
    let before = (stamp(&css), stamp(&schema), stamp(&page));
    // Timestamps have a coarse grain on some file systems: let the clock move on.
    std::thread::sleep(std::time::Duration::from_millis(1100));

    edit(
        &amazon_q(book.path()),
        "title: Responding to Amazon Q security events",
        "title: Responding to Amazon Q events (revised)",
    );
    let second = irbook(book.path(), &["build", "-q", "-d", "site"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stamp(&css), before.0, "an unchanged asset was rewritten");
    assert_eq!(
        stamp(&schema),
        before.1,
        "an unchanged schema was rewritten"
    );
    assert_ne!(
        stamp(&page),
        before.2,
        "the edited playbook's page was kept"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Responding to Amazon Q events (revised)"));

    // The same bytes as a build from nothing.
    let fresh = irbook(book.path(), &["build", "-q", "-d", "fresh"]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert!(
        tree(&out) == tree(&book.path().join("fresh")),
        "incremental and fresh builds differ"
    );
}
