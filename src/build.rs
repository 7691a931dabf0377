//! The whole pipeline, readable in one function (`render_book_cached`), as mdBook's
//! `MDBook::build` or Zola's `Site::build`:
//!
//! 1. **check** (`check`): load every playbook, validate it against the registry, read and
//!    check the translations; stop on errors;
//! 2. **localize** (`view`): every playbook's view in every language, in parallel;
//! 3. **render each playbook** (`render::html`, `render::markdown`): its page and print
//!    chapter in every language, its Markdown chapters; in parallel, and taken from the
//!    cache when its inputs are unchanged (`cache`: the preview keeps one between saves);
//! 4. **assemble the book-wide outputs** from the playbooks' views and rendered chapters:
//!    language chooser, lists, event indexes, print pages, the Markdown books' indexes,
//!    the catalog and the detection exports;
//! 5. **write** (`write`), for `irbook build`: into a staging folder, swapped in whole.
//!
//! Used by `irbook build`, `irbook catalog` and the preview server.

use crate::cache::{self, Key};
use crate::check::Checked;
use crate::diag::Diagnostics;
use crate::i18n::translations::Translator;
use crate::i18n::ui::Ui;
use crate::load::Book;
use crate::registry::Registry;
use crate::render::html::{PlaybookFiles, Site};
use crate::render::{self, Files};
use crate::timing::stage;
use crate::view::{self, PlaybookView, RenderContext};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Outcome {
    pub out: PathBuf,
    pub files: usize,
    pub pages: usize,
    /// The PDFs printed by this build (`<lang>/playbooks.pdf`), if asked to print.
    pub pdfs: Vec<String>,
    pub elapsed: Duration,
}

/// Why a build stopped.
pub enum Failure {
    /// The content has errors (diagnostics say which): exit 1.
    Content,
    /// Usage or I/O: exit 2.
    Io(String),
}

/// One playbook, rendered: what the book-wide assembly needs of it besides its views.
pub struct PlaybookOutput {
    /// Its pages and print chapters, per language.
    site: PlaybookFiles,
    /// Its Markdown chapters, per language.
    markdown: Vec<(String, Vec<u8>)>,
}

/// The per-playbook results a preview keeps between rebuilds.
pub type Cache = cache::Cache<PlaybookOutput>;

/// A book rendered into memory.
pub struct Rendered {
    pub book: Book,
    pub files: Files,
    pub diags: Diagnostics,
    /// Ids of the playbooks rendered this time (the others came from the cache).
    pub rendered: Vec<String>,
    pub playbooks: usize,
}

/// Runs check and, when the content has no errors, renders every output into memory.
pub fn render_book(dir: &Path) -> Result<(Book, Files, Diagnostics), (Failure, Diagnostics)> {
    let r = render_book_cached(dir, None)?;
    Ok((r.book, r.files, r.diags))
}

/// The pipeline (see the module comment). With a cache, playbooks whose inputs did not
/// change since the build that filled it are not rendered again, and the cache is
/// refreshed with this build's results.
pub fn render_book_cached(
    dir: &Path,
    cache: Option<&mut Cache>,
) -> Result<Rendered, (Failure, Diagnostics)> {
    // 1. check
    let Checked {
        book,
        diags,
        locales,
    } = crate::check::check_book(dir).map_err(|e| (Failure::Io(e), Diagnostics::new()))?;
    let book = match book {
        Some(b) if !diags.has_errors() => b,
        _ => return Err((Failure::Content, diags)),
    };
    let registry = Registry::embedded();

    // 2. localize
    let ctx = stage("views", || localize(&book, registry, locales));

    // 3. render each playbook, or take it from the cache
    let site = match Site::new(&ctx) {
        Ok(s) => s,
        Err(e) => return Err((Failure::Io(e), diags)),
    };
    let (outputs, rendered) = match stage("playbooks", || render_playbooks(&ctx, &site, cache)) {
        Ok(r) => r,
        Err(e) => return Err((Failure::Io(e), diags)),
    };

    // 4. assemble the book-wide outputs
    let files = match stage("book", || assemble(&ctx, &site, &outputs)) {
        Ok(f) => f,
        Err(e) => return Err((Failure::Io(e), diags)),
    };
    let playbooks = outputs.len();
    drop(site);
    drop(ctx);
    Ok(Rendered {
        book,
        files,
        diags,
        rendered,
        playbooks,
    })
}

/// Every playbook's view in every language (each playbook × language on its own thread),
/// gathered into one view of the book per language.
fn localize<'b>(
    book: &'b Book,
    registry: &'b Registry,
    locales: crate::check::Locales,
) -> RenderContext<'b> {
    let source = &book.config.book.source_language;
    let locales_dir = book.locales_dir();
    let mut views = Vec::new();
    let mut uis = BTreeMap::new();
    for lang in book.config.languages() {
        let translator = Translator::new(&lang, source, locales.get(&lang));
        let mut view = view::book_meta(book, &lang);
        view.playbooks = book
            .playbooks
            .par_iter()
            .map(|s| view::playbook_view(s, registry, &translator))
            .collect();
        view.playbooks.sort_by(|a, b| a.id.cmp(&b.id));
        view::name_roles(book, &mut view);
        uis.insert(lang.clone(), Ui::new(&lang, Some(&locales_dir)));
        views.push(view);
    }
    RenderContext {
        book,
        registry,
        views,
        uis,
        locales,
    }
}

/// Step 3: each playbook's own files, in book order, and the ids of those rendered now.
fn render_playbooks(
    ctx: &RenderContext,
    site: &Site,
    cache: Option<&mut Cache>,
) -> Result<(Vec<Arc<PlaybookOutput>>, Vec<String>), String> {
    let count = ctx.views[0].playbooks.len();
    let views_of =
        |p: usize| -> Vec<&PlaybookView> { ctx.views.iter().map(|v| &v.playbooks[p]).collect() };
    let render_one = |views: &[&PlaybookView]| -> Result<PlaybookOutput, String> {
        Ok(PlaybookOutput {
            site: site.playbook(views.iter().copied())?,
            markdown: ctx
                .views
                .iter()
                .zip(views)
                .map(|(v, pb)| render::markdown::chapter(ctx, &v.lang, pb))
                .collect(),
        })
    };
    let Some(cache) = cache else {
        // No cache to fill: no keys to compute.
        let outputs = (0..count)
            .into_par_iter()
            .map(|p| render_one(&views_of(p)).map(Arc::new))
            .collect::<Result<Vec<_>, String>>()?;
        let ids = ctx.views[0]
            .playbooks
            .iter()
            .map(|p| p.id.clone())
            .collect();
        return Ok((outputs, ids));
    };
    let shared = Key::shared(&site.shared_inputs());
    let results: Vec<(Key, Arc<PlaybookOutput>, bool)> = (0..count)
        .into_par_iter()
        .map(|p| {
            let views = views_of(p);
            let json: Vec<Vec<u8>> = views
                .iter()
                .map(|v| serde_json::to_vec(v).map_err(|e| e.to_string()))
                .collect::<Result<_, String>>()?;
            let key = Key::of(&shared, json.iter().map(Vec::as_slice));
            match cache.get(&views[0].id, &key) {
                Some(hit) => Ok((key, hit, false)),
                None => Ok((key, Arc::new(render_one(&views)?), true)),
            }
        })
        .collect::<Result<_, String>>()?;
    let ids = &ctx.views[0].playbooks;
    let rendered = ids
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.2)
        .map(|(pb, _)| pb.id.clone())
        .collect();
    cache.replace(
        ids.iter()
            .zip(&results)
            .map(|(pb, (key, out, _))| (pb.id.clone(), *key, Arc::clone(out))),
    );
    Ok((results.into_iter().map(|r| r.1).collect(), rendered))
}

/// Step 4: the book-wide outputs, and every playbook's own files gathered in.
fn assemble(
    ctx: &RenderContext,
    site: &Site,
    outputs: &[Arc<PlaybookOutput>],
) -> Result<Files, String> {
    let site_files: Vec<&PlaybookFiles> = outputs.iter().map(|o| &o.site).collect();
    // The site and the catalog are independent: side by side.
    let (html, catalog) = rayon::join(
        || stage("html", || site.book(&site_files)),
        || {
            stage("catalog", || {
                let (catalog, mut files) = render::catalog::render(ctx)?;
                files.extend(render::detections::render(ctx, &catalog)?);
                Ok::<_, String>(files)
            })
        },
    );
    let mut files = html?;
    files.extend(catalog?);
    files.extend(render::markdown::book_pages(ctx));
    for o in outputs {
        files.extend(o.markdown.iter().cloned());
    }
    files.insert(
        "playbook.schema.json".to_owned(),
        crate::schema::playbook_schema_text().into_bytes(),
    );
    Ok(files)
}

/// Builds the book in `dir` into `out` (default: the book's build dir). `force` replaces
/// a non-empty output folder that no earlier build wrote (never a source of the book).
pub fn build(
    dir: &Path,
    out: Option<&Path>,
    force: bool,
) -> Result<(Outcome, Diagnostics), (Failure, Diagnostics)> {
    build_with(dir, out, force, None)
}

/// A browser and a paper size: print the PDFs as part of the build.
pub struct PrintWith<'a> {
    pub browser: &'a Path,
    pub paper: crate::pdf::Paper,
}

/// [`build`], printing the PDFs into the build when `print` is given; without it, the
/// previous output's PDFs that are still current are kept (see `pdf`).
pub fn build_with(
    dir: &Path,
    out: Option<&Path>,
    force: bool,
    print: Option<PrintWith>,
) -> Result<(Outcome, Diagnostics), (Failure, Diagnostics)> {
    let start = Instant::now();
    let (book, mut files, diags) = render_book(dir)?;
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| book.root.join(&book.config.build.build_dir));
    let printed = match print {
        Some(p) => crate::timing::stage("pdf", || {
            crate::pdf::print_into(&mut files, p.browser, p.paper)
        }),
        None => {
            crate::pdf::carry_over(&out, &mut files);
            Ok(Vec::new())
        }
    };
    let pdfs = match printed {
        Ok(p) => p,
        Err(e) => return Err((Failure::Io(e), diags)),
    };
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
            pdfs,
            elapsed: start.elapsed(),
        },
        diags,
    ))
}
