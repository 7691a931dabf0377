//! The swap is one atomic step: while builds run, the output is never missing; a build
//! killed at any point leaves the previous output whole; builds of one output queue; and
//! what killed builds left is cleaned by the next one. Before, the swap was two renames,
//! the output vanished between them, and two concurrent builds failed with "Directory
//! not empty".

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn spawn_build(dir: &Path) -> Child {
    Command::new(BIN)
        .args(["build", "--quiet"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn irbook")
}

/// The names beside the output, in the book's folder, that are not sources.
fn litter(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !["book.toml", "content", "locales", "schema", "book"].contains(&n.as_str()))
        .collect();
    v.sort();
    v
}

#[test]
fn the_output_never_goes_missing_during_builds() {
    // A one-playbook book: quick builds, so many swaps in little time.
    let dir = book_with(&[]);
    let root = dir.path().to_path_buf();
    assert!(irbook(&root, &["new", "small"]).status.success());
    assert!(irbook(&root, &["build", "--quiet"]).status.success());
    let done = Arc::new(AtomicBool::new(false));
    let builder = {
        let (root, done) = (root.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            for _ in 0..15 {
                let out = irbook(&root, &["build", "--quiet"]);
                assert!(out.status.success(), "{}", stderr(&out));
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let page = root.join("book/en/index.html");
    let (mut polls, mut missing) = (0u64, 0u64);
    while !done.load(Ordering::SeqCst) {
        polls += 1;
        if std::fs::metadata(&page).is_err() {
            missing += 1;
        }
    }
    builder.join().unwrap();
    assert!(polls > 1000, "too few polls to mean anything: {polls}");
    assert_eq!(
        missing, 0,
        "the output was missing in {missing} of {polls} polls"
    );
    assert_eq!(litter(&root), [".book.irbook-lock"]);
}

#[test]
fn a_killed_build_leaves_the_previous_output_whole() {
    let dir = shipped_book();
    let root = dir.path();
    assert!(irbook(root, &["build", "--quiet"]).status.success());
    let reference = files_of(&root.join("book"));
    // How long a build takes here, to spread the kills over all of it, swap included.
    let start = Instant::now();
    assert!(irbook(root, &["build", "--quiet"]).status.success());
    let span = start.elapsed().as_micros() as u64;
    let kills = 16u64;
    for i in 0..kills {
        let mut child = spawn_build(root);
        std::thread::sleep(Duration::from_micros(span * (i + 1) / kills));
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup
        let _ = child.wait();
        let now = files_of(&root.join("book"));
        assert!(
            now == reference,
            "after a kill at {}/{kills} of a build the output differs",
            i + 1
        );
    }
    // The next build cleans whatever the killed ones left beside the output.
    assert!(irbook(root, &["build", "--quiet"]).status.success());
    assert!(files_of(&root.join("book")) == reference);
    assert_eq!(litter(root), [".book.irbook-lock"]);
}

#[test]
fn concurrent_builds_of_one_output_queue() {
    let dir = shipped_book();
    let root = dir.path();
    assert!(irbook(root, &["build", "--quiet"]).status.success());
    let reference = files_of(&root.join("book"));
    let children: Vec<Child> = (0..4).map(|_| spawn_build(root)).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a concurrent build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(files_of(&root.join("book")) == reference);
    assert_eq!(litter(root), [".book.irbook-lock"]);
}

#[test]
fn stale_temporary_folders_are_cleaned() {
    let dir = shipped_book();
    let root = dir.path();
    for stale in [".book.irbook-new-4242-0/en", ".book.irbook-old-4242-1/fr"] {
        std::fs::create_dir_all(root.join(stale)).unwrap();
    }
    let out = irbook(root, &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(litter(root), [".book.irbook-lock"]);
}
