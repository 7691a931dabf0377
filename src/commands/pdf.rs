//! `irbook pdf`: build, then print each language's `print.html` to
//! `<out>/<lang>/playbooks.pdf` with a locally installed Chromium or Chrome.
//!
//! irbook does not lay out pages itself: the print page and its stylesheet already say
//! how the book looks on paper, and a real browser engine is the one that honours them
//! (page breaks, repeated table headers, link targets after links).

use super::exit;
use crate::cli::{BuildArgs, Paper, PdfArgs};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one language may take to print before irbook gives up on the browser.
const TIMEOUT: Duration = Duration::from_secs(180);

/// Browser commands looked for on PATH, in order, after `$CHROME`.
const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

pub fn run(args: &PdfArgs) -> i32 {
    let Some(chrome) = find_browser() else {
        eprintln!(
            "error: `irbook pdf` prints with Chromium or Chrome, and none was found\n\
             (looked at $CHROME, then for {} on PATH)\n\
             help: install one, e.g. `apt-get install chromium` on Debian or Ubuntu, or set \
             CHROME=/path/to/chrome",
            CANDIDATES.join(", ")
        );
        return exit::FAILURE;
    };
    let build_args = BuildArgs {
        book: crate::cli::BookDir {
            dir: args.book.dir.clone(),
        },
        dest_dir: args.dest_dir.clone(),
        force: args.force,
        quiet: args.quiet,
    };
    let outcome = match super::build::build_and_report(&build_args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let pages = print_pages(&outcome.out);
    if pages.is_empty() {
        eprintln!(
            "error: no <lang>/print.html in {} (a theme without print.html?)",
            outcome.out.display()
        );
        return exit::FAILURE;
    }
    for (lang, page) in pages {
        let pdf = page.with_file_name("playbooks.pdf");
        if let Err(e) = print(&chrome, &page, &pdf, args.paper) {
            eprintln!("error: printing {lang} with {}: {e}", chrome.display());
            return exit::FAILURE;
        }
        if !args.quiet {
            eprintln!("wrote {}", pdf.display());
        }
    }
    exit::OK
}

/// `$CHROME` if set, else the first candidate found on PATH.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(c) = std::env::var_os("CHROME").filter(|c| !c.is_empty()) {
        return Some(PathBuf::from(c));
    }
    let path = std::env::var_os("PATH")?;
    CANDIDATES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// `(lang, <out>/<lang>/print.html)` for every language folder, sorted.
fn print_pages(out: &Path) -> Vec<(String, PathBuf)> {
    let mut pages: Vec<(String, PathBuf)> = std::fs::read_dir(out)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let page = e.path().join("print.html");
            page.is_file()
                .then(|| (e.file_name().to_string_lossy().into_owned(), page))
        })
        .collect();
    pages.sort();
    pages
}

fn print(chrome: &Path, page: &Path, pdf: &Path, paper: Paper) -> Result<(), String> {
    let page = page
        .canonicalize()
        .map_err(|e| format!("{}: {e}", page.display()))?;
    let mut url = url::Url::from_file_path(&page)
        .map_err(|()| format!("{} is not an absolute path", page.display()))?;
    // The print stylesheet picks the paper size from this fragment (a named @page).
    url.set_fragment(Some(match paper {
        Paper::A4 => "paper-a4",
        Paper::Letter => "paper-letter",
    }));
    let pdf_abs = std::path::absolute(pdf).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&pdf_abs);
    let profile = tempfile::tempdir().map_err(|e| format!("temporary profile: {e}"))?;
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf_abs.display()))
        .arg(url.as_str())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the browser: {e}"))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no PDF after {} s", TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut stderr);
    }
    let written = std::fs::metadata(&pdf_abs).map(|m| m.len()).unwrap_or(0);
    if !status.success() || written == 0 {
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "the browser exited with {status} and wrote no PDF\n{}",
            tail.join("\n")
        ));
    }
    Ok(())
}
