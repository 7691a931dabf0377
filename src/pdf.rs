//! PDFs of the print pages, made inside the build: `irbook build --pdf` and `irbook pdf`
//! add `<lang>/playbooks.pdf` to the files of the build before they are written, so a
//! PDF lands in the output in the same atomic step as the pages it was printed from.
//!
//! irbook does not lay out pages itself: the print page and its stylesheet say how the
//! book looks on paper (cover, running header, page numbers in `@page` margin boxes,
//! breaks), and a local Chromium or Chrome honours them. Chromium has no
//! `target-counter()`, so the contents get their page numbers in two passes: print once
//! with a marker in each playbook's title, read on which page each marker is
//! (`pdftotext`, when installed; else the contents have no numbers), print again with
//! the numbers written into the contents. Headings become the PDF's bookmarks
//! (`--generate-pdf-document-outline`).
//!
//! A plain `irbook build` does not print, and keeps the previous PDF of a language only
//! while that language's print page and stylesheet are byte for byte those it was
//! printed from: a PDF of older content is dropped rather than left to mislead.

use crate::render::Files;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The PDF of a language: `<lang>/playbooks.pdf`.
pub const PDF_FILE: &str = "playbooks.pdf";

/// How long one print may take before irbook gives up on the browser.
const TIMEOUT: Duration = Duration::from_secs(180);

/// Browser commands looked for on PATH, in order, after `$CHROME`.
pub const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
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

/// Languages with a print page among `files`: `(lang, "<lang>/print.html")`.
fn print_pages(files: &Files) -> Vec<(String, String)> {
    files
        .keys()
        .filter_map(|k| {
            let lang = k.strip_suffix("/print.html")?;
            (!lang.contains('/')).then(|| (lang.to_owned(), k.clone()))
        })
        .collect()
}

/// Whether the file at `rel` is printed from, for some language: see `print_inputs`.
pub fn is_print_input(rel: &str) -> bool {
    rel.starts_with("assets/")
        || rel
            .strip_suffix("/print.html")
            .or_else(|| rel.strip_suffix("/print.css"))
            .is_some_and(|lang| !lang.contains('/'))
}

/// What a print page is printed from: the page and the files it loads. A PDF is current
/// while these bytes are the same.
fn print_inputs<'a>(files: &'a Files, lang: &str) -> Vec<(&'a String, &'a Vec<u8>)> {
    files
        .iter()
        .filter(|(k, _)| {
            k.starts_with("assets/")
                || **k == format!("{lang}/print.html")
                || **k == format!("{lang}/print.css")
        })
        .collect()
}

/// Prints every language's print page and adds the PDFs to `files`. Returns the paths
/// added.
pub fn print_into(files: &mut Files, chrome: &Path, paper: Paper) -> Result<Vec<String>, String> {
    let pages = print_pages(files);
    if pages.is_empty() {
        return Err("no <lang>/print.html in the build (a theme without print.html?)".into());
    }
    let dir = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let mut added = Vec::new();
    for (lang, page) in pages {
        for (path, bytes) in print_inputs(files, &lang) {
            let target = dir.path().join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(&target, bytes).map_err(|e| e.to_string())?;
        }
        let html = String::from_utf8_lossy(&files[&page]).into_owned();
        let source = dir.path().join(&page);
        let pdf = dir.path().join(&lang).join(PDF_FILE);
        let printing = |what: &str| {
            std::fs::write(&source, what).map_err(|e| e.to_string())?;
            print(chrome, &source, &pdf, paper)
                .map_err(|e| format!("printing {lang} with {}: {e}", chrome.display()))
        };
        // First pass: each playbook's heading carries a marker that the text of the
        // PDF shows on the page where it starts.
        let starts = contents_entries(&html);
        let numbers = if starts.is_empty() || !have_pdftotext() {
            Vec::new()
        } else {
            printing(&with_markers(&html, &starts))?;
            start_pages(&pdf, starts.len())
        };
        printing(&with_page_numbers(&html, &numbers))?;
        let bytes = std::fs::read(&pdf).map_err(|e| e.to_string())?;
        let path = format!("{lang}/{PDF_FILE}");
        files.insert(path.clone(), bytes);
        added.push(path);
    }
    Ok(added)
}

/// Keeps the previous output's PDF of each language whose print inputs are unchanged.
pub fn carry_over(previous: &Path, files: &mut Files) {
    let mut kept = Vec::new();
    for (lang, _) in print_pages(files) {
        let Ok(pdf) = std::fs::read(previous.join(&lang).join(PDF_FILE)) else {
            continue;
        };
        let same = print_inputs(files, &lang)
            .into_iter()
            .all(|(path, bytes)| std::fs::read(previous.join(path)).is_ok_and(|old| old == *bytes));
        if same {
            kept.push((format!("{lang}/{PDF_FILE}"), pdf));
        }
    }
    files.extend(kept);
}

/// The template marks each contents entry `<span class="toc-page" data-toc-id="P">`,
/// where `P` prefixes the ids of that playbook's body (`amazon-q--`).
const ENTRY: &str = "<span class=\"toc-page\" data-toc-id=\"";

/// The id prefixes of the contents entries, in order.
fn contents_entries(html: &str) -> Vec<String> {
    html.split(ENTRY)
        .skip(1)
        .filter_map(|rest| rest.find('"').map(|end| unescape(&rest[..end])))
        .collect()
}

fn marker(n: usize) -> String {
    format!("IRBOOKSTART{n}X")
}

/// The page with each playbook's title (`id="<P>title"`) preceded by its marker.
fn with_markers(html: &str, starts: &[String]) -> String {
    let mut out = html.to_owned();
    for (n, prefix) in starts.iter().enumerate() {
        let heading = format!("id=\"{prefix}title\">");
        if let Some(at) = out.find(&heading) {
            out.insert_str(at + heading.len(), &format!("{} ", marker(n)));
        }
    }
    out
}

fn have_pdftotext() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The 1-based page where each marker shows in `pdf` (0 when not found).
fn start_pages(pdf: &Path, count: usize) -> Vec<usize> {
    let Some(text) = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
    else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    (0..count)
        .map(|n| {
            let m = marker(n);
            pages
                .iter()
                .position(|p| p.contains(&m))
                .map_or(0, |p| p + 1)
        })
        .collect()
}

/// The page with the contents entries numbered (entries without a number stay empty).
fn with_page_numbers(html: &str, numbers: &[usize]) -> String {
    let mut parts = html.split(ENTRY);
    let mut out = parts.next().unwrap_or_default().to_owned();
    for (n, rest) in parts.enumerate() {
        out.push_str(ENTRY);
        match (numbers.get(n).filter(|p| **p > 0), rest.find("\">")) {
            (Some(page), Some(end)) => {
                out.push_str(&rest[..end + 2]);
                out.push_str(&page.to_string());
                out.push_str(&rest[end + 2..]);
            }
            _ => out.push_str(rest),
        }
    }
    out
}

/// The five entities the engine writes in attribute values.
fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn print(chrome: &Path, page: &Path, pdf: &Path, paper: Paper) -> Result<(), String> {
    let mut url = url::Url::from_file_path(page)
        .map_err(|()| format!("{} is not an absolute path", page.display()))?;
    // The print stylesheet picks the paper size from this fragment (a named @page).
    url.set_fragment(Some(match paper {
        Paper::A4 => "paper-a4",
        Paper::Letter => "paper-letter",
    }));
    let _ = std::fs::remove_file(pdf);
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
            "--generate-pdf-document-outline",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
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
    let written = std::fs::metadata(pdf).map(|m| m.len()).unwrap_or(0);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_entries_get_markers_then_numbers() {
        let html = format!(
            "<ol><li>{ENTRY}a--\"></span></li><li>{ENTRY}b--\"></span></li></ol>\
             <h2 id=\"a--title\">A</h2><h2 id=\"b--title\">B</h2>"
        );
        let starts = contents_entries(&html);
        assert_eq!(starts, ["a--", "b--"]);
        let marked = with_markers(&html, &starts);
        assert!(marked.contains("id=\"a--title\">IRBOOKSTART0X A</h2>"));
        assert!(marked.contains("id=\"b--title\">IRBOOKSTART1X B</h2>"));
        let numbered = with_page_numbers(&html, &[3, 0]);
        assert!(numbered.contains(&format!("{ENTRY}a--\">3</span>")));
        assert!(numbered.contains(&format!("{ENTRY}b--\"></span>")));
    }
}
