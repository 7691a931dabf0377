//! Helpers shared by the integration tests: fixture books in temporary folders and a way
//! to run the real `irbook` binary on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_irbook");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped book (book.toml, content, locales, schema) in a temporary folder.
pub fn shipped_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = repo();
    std::fs::copy(root.join("book.toml"), dir.path().join("book.toml")).unwrap();
    for sub in ["content", "locales", "schema"] {
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    dir
}

/// An empty book (English only) with the given playbook files.
pub fn book_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"Test book\"\n",
    )
    .unwrap();
    let pb = dir.path().join("content/playbooks");
    std::fs::create_dir_all(&pb).unwrap();
    for (name, text) in files {
        std::fs::write(pb.join(name), text).unwrap();
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `root` with its bytes, by its `/`-separated path inside `root`.
pub fn files_of(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.expect("walk the folder"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The commands that read a whole book (book.toml and every source), as run from the
/// book's folder: they share exit codes (1 for content errors, 2 for no readable book).
pub const BOOK_READERS: [&[&str]; 5] = [
    &["check"],
    &["build", "--quiet"],
    &["catalog", "--quiet"],
    &["i18n", "update"],
    &["i18n", "status"],
];

pub fn irbook(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run irbook")
}

/// Runs irbook with a deadline: (exit code, stdout, stderr). A hang fails the test; a
/// signal (a crash) too.
pub fn run_bounded(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn irbook");
    // Drained meanwhile, so that a large output cannot block the child.
    let drain = |mut from: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = from.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("irbook {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let code = status
        .code()
        .unwrap_or_else(|| panic!("irbook {args:?} was killed by a signal: {status:?}"));
    (code, out.join().unwrap(), err.join().unwrap())
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs `irbook check --format json` and returns (exit code, diagnostics).
pub fn check_json(dir: &Path, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = irbook(dir, &args);
    let code = out.status.code().expect("exit code (no signal)");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check printed no JSON ({e}): {}", stdout(&out)));
    let diags = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    (code, diags)
}

/// The playbook file of the shipped book copy.
pub fn amazon_q(dir: &Path) -> PathBuf {
    dir.join("content/playbooks/amazon-q.yaml")
}

/// Replaces the first occurrence of `from` (which must exist) in a file.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "fixture text not found: {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// 1-based (line, column) of the first occurrence of `needle` in a file.
pub fn position_of(path: &Path, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(path).unwrap();
    for (i, line) in text.lines().enumerate() {
        if let Some(col) = line.find(needle) {
            return (i as u64 + 1, line[..col].chars().count() as u64 + 1);
        }
    }
    panic!("{needle:?} not in {}", path.display());
}

pub fn find<'a>(diags: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

/// The collection (../shared/reference/collection, test data kept beside the repository),
/// or None (the test is skipped, with a message) when it is absent. On CI ($CI set) its
/// absence is a failure: the tests must run there.
pub fn collection() -> Option<PathBuf> {
    let p = repo().join("../shared/reference/collection");
    if p.join("docs").is_dir() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the collection is missing at {} (it must be present on CI)",
        p.display()
    );
    eprintln!(
        "skipped: the collection is not at {} (test data kept beside the repository)",
        p.display()
    );
    None
}

/// Corrects, in a book imported from the collection, the event names the collection
/// invented (`GetApplications`…), then removes the second listing of the names the
/// corrections made duplicates (the only errors left, which this asserts): what a writer
/// does before the imported book builds.
pub fn correct_collection(dir: &Path) {
    let fixes = [
        ("\"GetApplications\"", "\"GetApplication\""),
        ("\"StartDataSourceSyncJobs\"", "\"StartDataSourceSyncJob\""),
        ("\"StopDataSourceSyncJobs\"", "\"StopDataSourceSyncJob\""),
    ];
    for e in std::fs::read_dir(dir.join("content/playbooks")).unwrap() {
        let path = e.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in fixes {
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).unwrap();
    }
    let (_, diags) = check_json(dir, &[]);
    let mut dups: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for d in diags
        .iter()
        .filter(|d| d["severity"] == "error" || d["code"].as_str().unwrap().starts_with('E'))
    {
        assert_eq!(d["code"], "E0208", "only duplicates should be left: {d:#}");
        dups.entry(d["file"].as_str().unwrap().to_owned())
            .or_default()
            .push(d["line"].as_u64().unwrap() as usize);
    }
    for (file, lines) in dups {
        let path = dir.join(&file);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .enumerate()
            .filter(|(i, _)| !lines.contains(&(i + 1)))
            .map(|(_, l)| l)
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
}

/// The collection imported into a fresh book and corrected so that it builds (six
/// languages); None when the collection is absent (see `collection`).
pub fn buildable_collection() -> Option<tempfile::TempDir> {
    let coll = collection()?;
    let dir = tempfile::tempdir().unwrap();
    let out = irbook(dir.path(), &["import", coll.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    correct_collection(dir.path());
    Some(dir)
}

/// A Fluent file whose one message nests 5,000 placeables: it overflowed the stack of the
/// Fluent parser (SIGABRT) before irbook checked the nesting first.
pub fn deeply_nested_ftl() -> String {
    format!(
        "amazon-q-title = {}x{}\n",
        "{".repeat(5000),
        "}".repeat(5000)
    )
}
