//! Files that are not what they seem: no crash, no hang, no leak. Each case failed before:
//! deep Fluent nesting aborted irbook (stack overflow), a FIFO as book.toml blocked it
//! forever, special files and `*.YAML` playbooks were skipped without a word, a link to a
//! file outside the book was followed and its lines printed, non-UTF-8 book.toml had no
//! position, and a failed write to standard output panicked (exit 101).

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs irbook with a deadline: (exit code, stdout, stderr). A hang fails the test.
fn run_bounded(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn irbook");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            let code = status
                .code()
                .unwrap_or_else(|| panic!("killed by a signal: {status:?}"));
            return (code, stdout(&out), stderr(&out));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("irbook {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

const DEEP_FTL: &str = "amazon-q-title = ";

fn deep_ftl() -> String {
    format!("{DEEP_FTL}{}x{}\n", "{".repeat(5000), "}".repeat(5000))
}

#[test]
fn deeply_nested_fluent_is_a_diagnostic_in_every_command() {
    let dir = shipped_book();
    let ftl = dir.path().join("locales/fr/amazon-q.ftl");
    std::fs::write(&ftl, deep_ftl()).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let deep = find(&diags, "E0105");
    assert_eq!(deep.len(), 1, "{diags:#?}");
    assert_eq!(deep[0]["file"], "locales/fr/amazon-q.ftl");
    assert_eq!(
        (deep[0]["line"].as_u64(), deep[0]["column"].as_u64()),
        (Some(1), Some(50))
    );
    for args in [
        vec!["build", "--quiet"],
        vec!["catalog", "--quiet"],
        vec!["i18n", "update"],
        vec!["i18n", "status"],
    ] {
        let (code, _, err) = run_bounded(dir.path(), &args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("nest deeper"), "{args:?}: {err}");
    }
    // The interface strings too: the build falls back to the built-in ones.
    std::fs::copy(repo().join("locales/fr/amazon-q.ftl"), &ftl).unwrap();
    std::fs::write(dir.path().join("locales/fr/ui.ftl"), deep_ftl()).unwrap();
    let (code, _, err) = run_bounded(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
}

/// Found by the 1M-case fuzz run: fluent-syntax 0.12 panics when a `\\u` escape in a
/// string literal is cut short by a non-ASCII character (it slices inside the character).
#[test]
fn a_unicode_escape_cut_by_a_non_ascii_character_is_a_diagnostic() {
    let dir = shipped_book();
    let ftl = dir.path().join("locales/fr/amazon-q.ftl");
    std::fs::write(&ftl, "amazon-q-title = { \"\\u00！\" }\n").unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let cut = find(&diags, "E0105");
    assert_eq!(cut.len(), 1, "{diags:#?}");
    assert_eq!(
        (cut[0]["line"].as_u64(), cut[0]["column"].as_u64()),
        (Some(1), Some(21))
    );
    for args in [vec!["build", "--quiet"], vec!["i18n", "status"]] {
        let (code, _, err) = run_bounded(dir.path(), &args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("hex digits"), "{args:?}: {err}");
    }
}

#[test]
fn a_fifo_or_device_as_a_source_is_reported_not_waited_for() {
    // book.toml
    let dir = shipped_book();
    let toml = dir.path().join("book.toml");
    std::fs::remove_file(&toml).unwrap();
    mkfifo(&toml);
    let (code, _, err) = run_bounded(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0003") && err.contains("FIFO"), "{err}");
    // a playbook and a translation
    let dir = shipped_book();
    mkfifo(&dir.path().join("content/playbooks/pipe.yaml"));
    mkfifo(&dir.path().join("locales/fr/pipe.ftl"));
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let special: Vec<_> = find(&diags, "E0003")
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        special,
        ["content/playbooks/pipe.yaml", "locales/fr/pipe.ftl"]
    );
}

#[cfg(unix)]
#[test]
fn links_loops_and_misnamed_playbooks_are_reported() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "id: x\ntitle: TOP-SECRET-LINE\n").unwrap();
    let dir = shipped_book();
    let pb = dir.path().join("content/playbooks");
    std::os::unix::fs::symlink(&secret, pb.join("leak.yaml")).unwrap();
    std::os::unix::fs::symlink(pb.join("loop-b.yaml"), pb.join("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink(pb.join("loop-a.yaml"), pb.join("loop-b.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("locales/fr/zero.ftl")).unwrap();
    std::fs::write(pb.join("shout.YAML"), "id: shout\n").unwrap();
    let out = irbook(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        !err.contains("TOP-SECRET"),
        "the target's content leaked: {err}"
    );
    let (_, diags) = check_json(dir.path(), &[]);
    let of = |code: &str| -> Vec<String> {
        find(&diags, code)
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        of("E0004"),
        ["content/playbooks/leak.yaml", "locales/fr/zero.ftl"]
    );
    assert_eq!(
        of("E0003"),
        [
            "content/playbooks/loop-a.yaml",
            "content/playbooks/loop-b.yaml"
        ]
    );
    assert_eq!(of("E0006"), ["content/playbooks/shout.YAML"]);
}

#[test]
fn non_utf8_sources_have_the_position_of_the_first_bad_byte() {
    let dir = shipped_book();
    let toml = dir.path().join("book.toml");
    let mut bytes = std::fs::read(&toml).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 1; // start of line 2
    bytes.insert(at + 3, 0xff);
    std::fs::write(&toml, &bytes).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "E0005");
    assert_eq!(
        (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
        (Some(2), Some(4))
    );

    let dir = shipped_book();
    std::fs::write(
        dir.path().join("locales/fr/amazon-q.ftl"),
        b"a = b\nc = d\xc3(\n",
    )
    .unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let bad = find(&diags, "E0005");
    assert_eq!(bad.len(), 1, "{diags:#?}");
    assert_eq!(
        (bad[0]["line"].as_u64(), bad[0]["column"].as_u64()),
        (Some(2), Some(6))
    );
}

#[test]
fn oversized_sources_are_refused_before_reading_them_whole() {
    let dir = shipped_book();
    let toml = dir.path().join("book.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(&format!("# {}\n", "x".repeat(300 * 1024)));
    std::fs::write(&toml, text).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(diags[0]["code"], "E0105", "{diags:#?}");

    let dir = shipped_book();
    let big = format!("# {}\n", "x".repeat(5 * 1024 * 1024));
    std::fs::write(dir.path().join("locales/fr/amazon-q.ftl"), big).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(find(&diags, "E0105").len(), 1, "{diags:#?}");
}

#[test]
fn markdown_to_import_must_be_a_bounded_regular_file() {
    let dir = book_with(&[]);
    let fifo = dir.path().join("old.md");
    mkfifo(&fifo);
    let (code, _, err) = run_bounded(dir.path(), &["import", "old.md", "--id", "x"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("FIFO"), "{err}");
    let (code, _, err) = run_bounded(dir.path(), &["import", "/dev/zero", "--id", "x"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

/// Standard output that cannot be written: a full disk ends with a message, a closed pipe
/// quietly; both exit 2, never a panic.
#[test]
fn output_errors_end_with_exit_2() {
    let dir = shipped_book();
    let commands: [&[&str]; 6] = [
        &["lookup", "DeleteIndex"],
        &["catalog", "--quiet"],
        &["schema"],
        &["registry", "info"],
        &["check", "--format", "json"],
        &["i18n", "status"],
    ];
    for args in commands {
        if Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let out = Command::new(BIN)
                .args(args)
                .current_dir(dir.path())
                .stdout(full)
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?} > /dev/full: {err}");
            assert!(err.contains("cannot write"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
        // A pipe whose reader is already gone.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .stdout(writer)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?} | closed: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("cannot write"),
            "{args:?}: {err}"
        );
    }
}

/// Fluent references that resolve to nothing used to pass `check` and show literally on
/// the French page.
#[test]
fn unresolvable_fluent_references_are_errors() {
    let dir = shipped_book();
    let ftl = dir.path().join("locales/fr/amazon-q.ftl");
    let text = std::fs::read_to_string(&ftl).unwrap();
    let title = text
        .lines()
        .find(|l| l.starts_with("amazon-q-title = "))
        .expect("a French title")
        .to_owned();
    let broken = text.replacen(
        &title,
        "amazon-q-title = Réagir { $service } avec { -marque } et { autre-message }",
        1,
    );
    std::fs::write(&ftl, broken).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    let refs = find(&diags, "E0405");
    let messages: Vec<&str> = refs
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(refs.len(), 3, "{messages:?}");
    assert!(messages[0].contains("$service") && messages[1].contains("-marque"));
    assert!(messages[2].contains("autre-message"), "{messages:?}");
    let (line, _) = position_of(&ftl, "amazon-q-title = ");
    assert!(refs.iter().all(|d| d["line"].as_u64() == Some(line)));
    assert_eq!(refs[0]["column"].as_u64(), Some(28));
}
