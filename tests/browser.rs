//! Browser checks in headless Chromium: `tests/browser/site.test.mjs` run with Node's test
//! runner and playwright-core on the machine's Chromium (see tests/browser/README.md).
//! This wrapper makes them part of `cargo test`: it installs playwright-core from the
//! lockfile when missing, and hands the script the binary under test. When $CI is set, a
//! missing Chromium or Node is a failure; elsewhere the test says it skipped.

mod common;
use common::*;
use std::process::Command;

fn have(cmd: &str) -> bool {
    Command::new(cmd).arg("--version").output().is_ok()
}

fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "the browser tests need {what} in CI (.ci/install-tools installs it)"
    );
    eprintln!("skipped: no {what} here");
}

/// `tests/browser` with its Node modules installed from the lockfile (once, even when
/// several tests ask at the same time).
fn node_modules() -> std::path::PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = repo().join("tests/browser");
    let installed = ["playwright-core", "@fluent/syntax"]
        .iter()
        .all(|m| dir.join("node_modules").join(m).is_dir());
    if !installed {
        let npm = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .output()
            .expect("run npm");
        assert!(npm.status.success(), "npm ci: {}", stderr(&npm));
    }
    dir
}

/// The Fluent files, read by Fluent's reference parser (JavaScript).
#[test]
fn fluent_files_pass_the_reference_parser() {
    if !have("node") || !have("npm") {
        return missing("Node.js and npm");
    }
    let dir = node_modules();
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "ftl.test.mjs"])
        .current_dir(&dir)
        .output()
        .expect("run node");
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("pass 2"), "{}", stdout(&out));
}

#[test]
fn site_in_headless_chromium() {
    if irbook::commands::pdf::find_browser().is_none() {
        return missing("Chromium (apt-get install chromium)");
    }
    if !have("node") || !have("npm") {
        return missing("Node.js and npm");
    }
    let dir = node_modules();
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "site.test.mjs"])
        .current_dir(&dir)
        .env("IRBOOK_BIN", BIN)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "browser tests failed:\n{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    // Each check ran (none skipped for want of Chromium).
    let report = stdout(&out);
    assert!(
        report.contains("skipped 0") && report.contains("fail 0"),
        "{report}"
    );
}
