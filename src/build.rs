//! The whole pipeline: check → localize → render → write. Used by `irbook build` and by
//! the preview server.

use crate::diag::Diagnostics;
use crate::i18n::translations::Translator;
use crate::i18n::ui::Ui;
use crate::load::Book;
use crate::registry::Registry;
use crate::render::{self, Files};
use crate::view::{self, BookView, RenderContext};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct Outcome {
    pub out: PathBuf,
    pub files: usize,
    pub pages: usize,
    pub elapsed: Duration,
}

/// Why a build stopped.
pub enum Failure {
    /// The content has errors (diagnostics say which): exit 1.
    Content,
    /// Usage or I/O: exit 2.
    Io(String),
}

/// Runs check and, when the content has no errors, renders every output into memory.
pub fn render_book(dir: &Path) -> Result<(Book, Files, Diagnostics), (Failure, Diagnostics)> {
    let crate::check::Checked {
        book,
        diags,
        locales,
    } = match crate::check::check_book(dir) {
        Ok(r) => r,
        Err(e) => return Err((Failure::Io(e), Diagnostics::new())),
    };
    let book = match book {
        Some(b) if !diags.has_errors() => b,
        _ => return Err((Failure::Content, diags)),
    };
    let registry = Registry::embedded();
    let source = book.config.book.source_language.clone();
    let languages = book.config.languages();
    let locales_dir = book.locales_dir();
    let pairs: Vec<(BookView, Ui)> = crate::timing::stage("views", || {
        languages
            .par_iter()
            .map(|lang| {
                let translator = Translator::new(lang, &source, locales.get(lang));
                let ui = Ui::new(lang, Some(&locales_dir));
                (view::build(&book, registry, &translator, &ui), ui)
            })
            .collect()
    });
    let mut views = Vec::new();
    let mut uis = BTreeMap::new();
    for (v, ui) in pairs {
        uis.insert(v.lang.clone(), ui);
        views.push(v);
    }
    let files = {
        let ctx = RenderContext {
            book: &book,
            registry,
            views,
            uis,
            locales,
        };
        match render::render_all(&ctx) {
            Ok(f) => f,
            Err(e) => return Err((Failure::Io(e), diags)),
        }
    };
    Ok((book, files, diags))
}

/// Builds the book in `dir` into `out` (default: the book's build dir). `force` replaces
/// a non-empty output folder that no earlier build wrote (never a source of the book).
pub fn build(
    dir: &Path,
    out: Option<&Path>,
    force: bool,
) -> Result<(Outcome, Diagnostics), (Failure, Diagnostics)> {
    let start = Instant::now();
    let (book, files, diags) = render_book(dir)?;
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| book.root.join(&book.config.build.build_dir));
    let dest = crate::write::Destination {
        out: out.clone(),
        sources: book.sources(),
        force,
    };
    if let Err(e) = crate::timing::stage("write", || crate::write::write_atomically(&dest, &files))
    {
        let message = match e {
            crate::write::WriteError::Refused(r) => r.0,
            crate::write::WriteError::Io(e) => format!("cannot write {}: {e}", out.display()),
        };
        return Err((Failure::Io(message), diags));
    }
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    Ok((
        Outcome {
            out,
            files: files.len(),
            pages,
            elapsed: start.elapsed(),
        },
        diags,
    ))
}
