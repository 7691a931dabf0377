//! The swap is one atomic step: while builds run, the output is never missing; a build
//! killed at any point (the swap included) leaves a whole output, the previous build or
//! the new one; builds of one output queue; and what killed builds left is cleaned by the
//! next one. Before, the swap was two renames, the output vanished between them, and two
//! concurrent builds failed with "Directory not empty".
//!
//! Checked against the two-rename swap (the exchange disabled): both reading tests see
//! the output missing (5,727 and 104,847 times in one run on a busy machine).

mod common;

use common::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Starts `irbook build` at the lowest priority when `nice` is there: the reader threads
/// of the tests then run while a build sits between two system calls, as on a busy
/// machine, which is where a swap that is not one step shows its gap.
fn spawn_build(dir: &Path) -> Child {
    let nice = Command::new("nice")
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    let mut cmd = if nice {
        let mut c = Command::new("nice");
        c.args(["-n", "10"]).arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    cmd.args(["build", "--quiet"])
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

/// What a reader of the output saw while builds ran.
struct Seen {
    reads: u64,
    /// The output folder or the page was not there.
    missing: u64,
    /// The page was there but was none of the versions built.
    torn: u64,
}

/// Reads the output from another thread until `stop` is set: mostly whether the folder
/// is there (the quickest look, so the most of them), and every 16th time the whole page,
/// which must be one of `versions`.
fn read_the_output_meanwhile(
    root: &Path,
    page: &str,
    versions: Vec<Vec<u8>>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Seen> {
    let out = root.join("book");
    let page = out.join(page);
    std::thread::spawn(move || {
        let mut seen = Seen {
            reads: 0,
            missing: 0,
            torn: 0,
        };
        while !stop.load(Ordering::SeqCst) {
            seen.reads += 1;
            if !seen.reads.is_multiple_of(16) {
                if std::fs::symlink_metadata(&out).is_err() {
                    seen.missing += 1;
                }
                continue;
            }
            match std::fs::read(&page) {
                Err(_) => seen.missing += 1,
                Ok(bytes) if !versions.contains(&bytes) => seen.torn += 1,
                Ok(_) => {}
            }
        }
        seen
    })
}

impl Seen {
    fn assert_always_whole(&self) {
        let Seen {
            reads,
            missing,
            torn,
        } = self;
        eprintln!("{reads} reads of the output, {missing} missing, {torn} torn");
        assert!(*reads > 1000, "too few reads to mean anything: {reads}");
        assert_eq!(
            *missing, 0,
            "the output was missing in {missing} of {reads} reads"
        );
        assert_eq!(
            *torn, 0,
            "the page was no whole version in {torn} of {reads} reads"
        );
    }
}

#[test]
fn the_output_never_goes_missing_during_builds() {
    // A one-playbook book: quick builds, so many swaps in little time.
    let dir = book_with(&[]);
    let root = dir.path().to_path_buf();
    assert!(irbook(&root, &["new", "small"]).status.success());
    assert!(irbook(&root, &["build", "--quiet"]).status.success());
    let page = std::fs::read(root.join("book/en/index.html")).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = read_the_output_meanwhile(&root, "en/index.html", vec![page], Arc::clone(&stop));
    for _ in 0..16 {
        let out = spawn_build(&root).wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    stop.store(true, Ordering::SeqCst);
    reader.join().unwrap().assert_always_whole();
    assert_eq!(litter(&root), [".book.irbook-lock"]);
}

/// A small xorshift generator: random kill times without a dependency; the seed is
/// printed so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let seed = std::env::var("KILL_SEED").ok().and_then(|s| s.parse().ok());
        let seed = seed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
        eprintln!("kill times seeded with KILL_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Whether the build `pid` has written the marker into its staging folder: it is about
/// to swap, or has swapped and is removing the previous output (which carries the marker
/// too, under the staging folder's name).
fn at_the_swap(root: &Path, pid: u32) -> bool {
    root.join(format!(".book.irbook-new-{pid}-0"))
        .join(".irbook-output")
        .exists()
}

/// Kills builds at random moments and right at the swap, while another thread reads a
/// page of the output without a pause. Each build changes the book's title, so that a
/// kill before the swap must leave the previous output and a kill after it the new
/// one: whole either way, never a mix, and never missing for the reader. Before, the swap
/// was two renames: the reader saw no output between them, and a kill there left none.
#[test]
fn a_build_killed_at_any_moment_leaves_an_output_whole_and_present() {
    const TITLE: &str = "title = \"Incident response playbooks";
    const PAGE: &str = "en/index.html";
    let dir = shipped_book();
    let root = dir.path().to_path_buf();
    let toml = root.join("book.toml");
    let plain = std::fs::read_to_string(&toml).unwrap();
    assert!(plain.contains(TITLE), "the shipped book.toml changed");
    let variants = [
        plain.clone(),
        plain.replacen(TITLE, &format!("{TITLE} (B)"), 1),
    ];
    let mut outputs = Vec::new();
    let mut span = 0;
    for text in &variants {
        std::fs::write(&toml, text).unwrap();
        let start = Instant::now();
        assert!(spawn_build(&root).wait().unwrap().success());
        span = span.max(start.elapsed().as_micros() as u64);
        outputs.push(files_of(&root.join("book")));
    }
    assert!(
        outputs[0][PAGE] != outputs[1][PAGE],
        "the variants look alike"
    );
    let mut current = 1; // the output on disk: the last built

    let stop = Arc::new(AtomicBool::new(false));
    let versions = vec![outputs[0][PAGE].clone(), outputs[1][PAGE].clone()];
    let reader = read_the_output_meanwhile(&root, PAGE, versions, Arc::clone(&stop));

    let mut rng = Rng::seeded();
    // Per kind of kill (at the swap, random): how many left the previous output, how
    // many the new one.
    let mut landed = [[0; 2]; 2];
    for i in 0..16u64 {
        let next = 1 - current;
        std::fs::write(&toml, &variants[next]).unwrap();
        let started = Instant::now();
        let mut child = spawn_build(&root);
        let moment = if i % 2 == 0 {
            // As soon as the marker shows the build is at the swap (looked for every
            // 50 µs: the marker stays until the old output is removed, and a spinning
            // loop would only take the CPU from the build).
            while !at_the_swap(&root, child.id()) && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(50));
            }
            // How long a build takes to reach the swap now, the reader running.
            span = span.max(started.elapsed().as_micros() as u64);
            "at the swap".to_owned()
        } else {
            // Anywhere in the build, and a little past the swap.
            let wait = rng.below(span + span / 4);
            std::thread::sleep(Duration::from_micros(wait));
            format!("{wait} µs into the build")
        };
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup
        let _ = child.wait();
        assert!(
            root.join("book").is_dir(),
            "after a kill {moment} (kill {i}) there is no output"
        );
        let now = files_of(&root.join("book"));
        let kind = (i % 2) as usize;
        if now == outputs[current] {
            landed[kind][0] += 1;
        } else {
            assert!(
                now == outputs[next],
                "after a kill {moment} (kill {i}) the output is neither build whole"
            );
            landed[kind][1] += 1;
            current = next;
        }
    }
    // A build that runs to its end, after all those kills.
    std::fs::write(&toml, &variants[1 - current]).unwrap();
    assert!(irbook(&root, &["build", "--quiet"]).status.success());
    stop.store(true, Ordering::SeqCst);
    let seen = reader.join().unwrap();
    eprintln!(
        "kills at the swap left the previous output {} times, the new one {}; random \
         kills {} and {}",
        landed[0][0], landed[0][1], landed[1][0], landed[1][1]
    );
    assert!(files_of(&root.join("book")) == outputs[1 - current]);
    seen.assert_always_whole();
    // The last build cleaned whatever the killed ones left beside the output.
    assert_eq!(litter(&root), [".book.irbook-lock"]);
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
