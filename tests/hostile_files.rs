//! Files that are not what they seem: no crash, no hang, no leak. Each case failed before:
//! deep Fluent nesting aborted irbook (stack overflow), a FIFO as book.toml blocked it
//! forever, special files and `*.YAML` playbooks were skipped without a word, a link to a
//! file outside the book was followed and its lines printed, non-UTF-8 book.toml had no
//! position, and a failed write to standard output or error panicked (exit 101).

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn deeply_nested_fluent_is_a_diagnostic_in_every_command() {
    let dir = shipped_book();
    let ftl = dir.path().join("locales/fr/amazon-q.ftl");
    std::fs::write(&ftl, deeply_nested_ftl()).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let deep = find(&diags, "E0105");
    assert_eq!(deep.len(), 1, "{diags:#?}");
    assert_eq!(deep[0]["file"], "locales/fr/amazon-q.ftl");
    assert_eq!(
        (deep[0]["line"].as_u64(), deep[0]["column"].as_u64()),
        (Some(1), Some(50))
    );
    for args in BOOK_READERS {
        let (code, _, err) = run_bounded(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("nest deeper"), "{args:?}: {err}");
    }
    // The interface strings too.
    std::fs::copy(repo().join("locales/fr/amazon-q.ftl"), &ftl).unwrap();
    std::fs::write(dir.path().join("locales/fr/ui.ftl"), deeply_nested_ftl()).unwrap();
    for args in BOOK_READERS {
        let (code, _, err) = run_bounded(dir.path(), args);
        assert_eq!(code, 1, "{args:?}: {err}");
    }
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
    // The file exists: refused, it is not also reported as a missing translation.
    assert!(find(&diags, "W0401").is_empty(), "{diags:#?}");
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

/// `lookup` reads the book only to list where a name is used: in a broken book it still
/// answers from the registry, without waiting on the special file.
fn assert_lookup_answers(dir: &Path) {
    let (status, out, err) = run_bounded(dir, &["lookup", "DeleteIndex", "--dir", "."]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("DeleteIndex"), "{out}");
}

/// `mknod PATH c 1 5` (a device like /dev/zero inside the book); false where not allowed
/// (not root), and the caller skips that case.
fn make_zero_device(path: &Path) -> bool {
    Command::new("mknod")
        .arg(path)
        .args(["c", "1", "5"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Replaces `path` by what `make` puts there, then checks that every reader reports it
/// with `code` and `word` and exits 1, without waiting or reading it.
fn assert_special_book_toml(code: &str, word: &str, make: impl Fn(&Path) -> bool) {
    let dir = shipped_book();
    let toml = dir.path().join("book.toml");
    std::fs::remove_file(&toml).unwrap();
    if !make(&toml) {
        eprintln!("skipped: cannot make a {word} here");
        return;
    }
    for args in BOOK_READERS {
        let (status, _, err) = run_bounded(dir.path(), args);
        assert_eq!(status, 1, "{args:?}: {err}");
        assert!(err.contains(code) && err.contains(word), "{args:?}: {err}");
    }
    assert_lookup_answers(dir.path());
}

/// A FIFO blocked every command forever; /dev/zero (or a device like it) ate memory.
#[test]
fn a_fifo_or_device_as_a_source_is_reported_not_waited_for() {
    assert_special_book_toml("E0003", "FIFO", |p| {
        mkfifo(p);
        true
    });
    assert_special_book_toml("E0003", "device", make_zero_device);
    #[cfg(unix)]
    assert_special_book_toml("E0004", "outside the book", |p| {
        std::os::unix::fs::symlink("/dev/zero", p).is_ok()
    });

    // Playbooks and translations.
    let dir = shipped_book();
    mkfifo(&dir.path().join("content/playbooks/pipe.yaml"));
    mkfifo(&dir.path().join("locales/fr/pipe.ftl"));
    let mut expected = vec!["content/playbooks/pipe.yaml", "locales/fr/pipe.ftl"];
    if make_zero_device(&dir.path().join("content/playbooks/zero.yaml"))
        && make_zero_device(&dir.path().join("locales/fr/zero.ftl"))
    {
        expected = vec![
            "content/playbooks/pipe.yaml",
            "content/playbooks/zero.yaml",
            "locales/fr/pipe.ftl",
            "locales/fr/zero.ftl",
        ];
    }
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let special: Vec<_> = find(&diags, "E0003")
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(special, expected);
    for args in BOOK_READERS {
        let (status, _, err) = run_bounded(dir.path(), args);
        assert_eq!(status, 1, "{args:?}: {err}");
    }
    assert_lookup_answers(dir.path());
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
    // Every command that reads the book: a content error (1) with that position, where
    // it was an I/O failure (2) with none.
    for args in BOOK_READERS {
        let (status, _, err) = run_bounded(dir.path(), args);
        assert_eq!(status, 1, "{args:?}: {err}");
        assert!(err.contains("book.toml:2:4"), "{args:?}: {err}");
    }

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

/// Runs irbook in `dir` with the given standard output; stderr is captured.
fn run_with_stdout(dir: &Path, args: &[&str], out: impl Into<Stdio>) -> std::process::Output {
    run_with(dir, args, out.into(), Stdio::piped())
}

/// Runs irbook in `dir` with the given standard output and error.
fn run_with(dir: &Path, args: &[&str], out: Stdio, err: Stdio) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .output()
        .expect("run irbook")
}

/// `/dev/full` opened for writing, where the system has it.
fn dev_full() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
}

/// A pipe whose reader is already gone.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

/// Standard output that cannot be written, for every command that prints there: a full
/// disk ends with a message, a closed pipe quietly; both exit 2, never a panic (before:
/// exit 101 with a panic message; `import --dry-run` still did until this test).
#[test]
fn output_errors_end_with_exit_2() {
    let dir = shipped_book();
    let markdown = dir.path().join("to-import");
    std::fs::create_dir(&markdown).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/import/variants.md"),
        markdown.join("variants.md"),
    )
    .unwrap();
    let commands: [&[&str]; 16] = [
        &["lookup", "DeleteIndex"],
        &["lookup", "DeleteIndex", "--json"],
        &["lookup", "DeleteIndex", "--dir", "."],
        &["lookup", "T1078"],
        &["catalog", "--quiet"],
        &["catalog", "--events-only", "--quiet"],
        &["schema"],
        &["registry", "info"],
        &["check", "--format", "json"],
        &["i18n", "status"],
        &["i18n", "status", "--json"],
        &["import", "to-import", "--dry-run"],
        &["--help"],
        &["check", "--help"],
        &["--version"],
        &["i18n", "help"],
    ];
    for args in commands {
        // Each prints something when it can, so each case below writes and fails.
        let fine = run_with_stdout(dir.path(), args, Stdio::piped());
        assert_eq!(fine.status.code(), Some(0), "{args:?}: {}", stderr(&fine));
        assert!(!fine.stdout.is_empty(), "{args:?} printed nothing");
        if let Some(full) = dev_full() {
            let out = run_with_stdout(dir.path(), args, full);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?} > /dev/full: {err}");
            assert!(err.contains("cannot write"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
        let out = run_with_stdout(dir.path(), args, closed_pipe());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?} | closed: {err}");
        // Quietly: no word about the pipe (`import` still reports its work on stderr).
        assert!(
            !err.contains("panicked") && !err.contains("cannot write"),
            "{args:?}: {err}"
        );
    }
}

/// Diagnostics that cannot be written (standard error on a full disk or a closed pipe)
/// end with exit 2, an I/O failure. Before, `eprintln!` panicked: exit 101.
#[test]
fn a_standard_error_that_cannot_be_written_exits_2() {
    let dir = shipped_book();
    edit(&amazon_q(dir.path()), "status: active", "status: [active");
    let mut commands: Vec<&[&str]> = BOOK_READERS.to_vec();
    commands.push(&["lookup", "NoSuchOperationAnywhere"]);
    for args in commands {
        // Each has something to say on stderr (and exits 1 for it).
        let fine = run_with(dir.path(), args, Stdio::null(), Stdio::piped());
        assert_eq!(fine.status.code(), Some(1), "{args:?}: {}", stderr(&fine));
        assert!(!fine.stderr.is_empty(), "{args:?} said nothing");
        if let Some(full) = dev_full() {
            let out = run_with(dir.path(), args, Stdio::null(), full.into());
            assert_eq!(out.status.code(), Some(2), "{args:?} 2> /dev/full");
        }
        let out = run_with(dir.path(), args, Stdio::null(), closed_pipe().into());
        assert_eq!(out.status.code(), Some(2), "{args:?} 2>| closed");
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
    // No French page shows `{$service}` literally: the build stops, as check does.
    let (code, _, err) = run_bounded(dir.path(), &["build", "--quiet"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0405"), "{err}");
    assert!(!dir.path().join("book").exists(), "a build was written");
}
