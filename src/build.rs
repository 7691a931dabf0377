//! The whole pipeline, readable in one function (`pipeline`, after `checked`), as
//! mdBook's `MDBook::build` or Zola's `Site::build`:
//!
//! 1. **check** (`checked`): load every playbook, validate it against the registry, read
//!    and check the translations; stop on errors;
//! 2. **prepare** (`Localizer`, `EventFacts`): a translator per language, the book's own
//!    texts, and what the book as a whole says of each event that one playbook's exports
//!    depend on (a quick pass over the loaded playbooks);
//! 3. **each playbook** (`Unit::render`), in parallel: its views in every language
//!    (`view`), its pages, print chapters and search fragments (`render::html`), its
//!    Markdown chapters, its catalog piece, detection files and CACAO exports; its files
//!    go out as soon as they are made, and only a light summary of it stays
//!    (`view::summary`, its catalog piece, its search fragments). Taken from the cache
//!    when its inputs are unchanged (`cache`: the preview keeps one between saves);
//! 4. **assemble the book-wide outputs** from the summaries: language chooser, lists,
//!    event, trigger and technique indexes, search indexes (from the fragments), print
//!    pages (a frame rendered once, the chapters streamed into it from `Chapters`), the
//!    Markdown books' indexes, `catalog.json` (the pieces merged) and the ATT&CK layer;
//! 5. **write** (`write`), for `irbook build`: into a staging folder, swapped in whole.
//!
//! Used by `irbook build`, `irbook catalog` and the preview server.

mod preview;
pub use preview::{of_language, BookWide, Preview, Published};

use crate::cache::{self, Key};
use crate::check::Checked;
use crate::diag::Diagnostics;
use crate::i18n::translations::Translator;
use crate::i18n::ui::Ui;
use crate::load::{Book, Source};
use crate::model::Playbook;
use crate::registry::Registry;
use crate::render::catalog::facts::EventFacts;
use crate::render::html::{PlaybookFiles, Site};
use crate::render::{self, Files};
use crate::timing::stage;
use crate::view::{self, BookView, PlaybookView, RenderContext};
use crate::write::{Staging, WriteError};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod scope;
mod spool;

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

/// One playbook, rendered: its own files, and what the book-wide assembly needs of it.
pub struct PlaybookOutput {
    /// Its pages, print chapters and search index fragments, per language.
    site: PlaybookFiles,
    /// Its Markdown chapters, per language.
    markdown: Vec<(String, Vec<u8>)>,
    /// Its detection files (queries, Sigma rules) and CACAO exports.
    exports: Vec<(String, Vec<u8>)>,
    /// For the book-wide outputs; taken by the assembly when nothing else keeps it.
    summary: Option<Summary>,
}

/// What the book-wide outputs read of a playbook.
#[derive(Clone)]
struct Summary {
    /// Its part of the catalog.
    catalog: render::catalog::Compact,
    /// Its view in each language as the book-wide pages read it (`view::summary`).
    views: Vec<PlaybookView>,
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

/// Where the pipeline puts each file as soon as it is rendered: memory (the preview,
/// `irbook catalog`) or the staging folder of a build. Called from many threads.
pub trait Output: Sync {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), String>;

    /// A large file made of pieces (a print page: its frame and the chapters between),
    /// written by `write` into the sink it is given. By default gathered, then `put`.
    fn put_with(&self, rel: String, write: &Writer) -> Result<(), String> {
        gather_and_put(self, rel, write)
    }
}

pub use crate::render::Writer;

fn gather_and_put<O: Output + ?Sized>(
    output: &O,
    rel: String,
    write: &Writer,
) -> Result<(), String> {
    let mut bytes = Vec::new();
    write(&mut bytes).map_err(|e| format!("cannot write {rel}: {e}"))?;
    output.put(rel, bytes)
}

/// Files kept in memory.
#[derive(Default)]
pub struct Memory(Mutex<Files>);

impl Output for Memory {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), String> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel, bytes);
        Ok(())
    }
}

impl Memory {
    pub fn into_files(self) -> Files {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs check and, when the content has no errors, renders every output into memory.
pub fn render_book(dir: &Path) -> Result<(Book, Files, Diagnostics), (Failure, Diagnostics)> {
    let r = render_book_cached(dir, None)?;
    Ok((r.book, r.files, r.diags))
}

/// Check, then the pipeline into memory. With a cache, playbooks whose inputs did not
/// change since the build that filled it are not rendered again, and the cache is
/// refreshed with this build's results.
pub fn render_book_cached(
    dir: &Path,
    cache: Option<&mut Cache>,
) -> Result<Rendered, (Failure, Diagnostics)> {
    render_checked(checked(dir)?, cache)
}

/// `render_book_cached` of a book checked already (the preview checks with its own
/// cache of the front half, `check::FrontCache`).
pub fn render_checked(
    checked: Checked,
    cache: Option<&mut Cache>,
) -> Result<Rendered, (Failure, Diagnostics)> {
    let (book, locales, diags) = ready(checked)?;
    let memory = Memory::default();
    let (rendered, playbooks) = match pipeline(&book, locales, cache, &memory) {
        Ok(r) => r,
        Err(e) => return Err((Failure::Io(e), diags)),
    };
    Ok(Rendered {
        book,
        files: memory.into_files(),
        diags,
        rendered,
        playbooks,
    })
}

/// Step 1: the book, loaded and checked, with its translations; or why not.
fn checked(dir: &Path) -> Result<Checked, (Failure, Diagnostics)> {
    crate::check::check_book(dir).map_err(|e| (Failure::Io(e), Diagnostics::new()))
}

/// A checked book, if it has no errors.
fn ready(
    checked: Checked,
) -> Result<(Book, crate::check::Locales, Diagnostics), (Failure, Diagnostics)> {
    let Checked {
        book,
        diags,
        locales,
        ..
    } = checked;
    match book {
        Some(b) if !diags.has_errors() => Ok((b, locales, diags)),
        _ => Err((Failure::Content, diags)),
    }
}

/// Steps 2 to 4 (see the module comment): every file of a checked book goes to `output`
/// as soon as it is rendered. Returns the ids of the playbooks rendered (the others came
/// from `cache`) and the number of playbooks.
pub fn pipeline(
    book: &Book,
    locales: crate::check::Locales,
    cache: Option<&mut Cache>,
    output: &dyn Output,
) -> Result<(Vec<String>, usize), String> {
    pipeline_of(book, book.playbooks.clone(), locales, cache, output)
}

/// `pipeline` of the playbooks `playbooks` (the book's, which it need not hold): without
/// a cache, each is dropped once its views are made, unless the caller keeps it.
fn pipeline_of(
    book: &Book,
    playbooks: Vec<Arc<Source<Playbook>>>,
    locales: crate::check::Locales,
    cache: Option<&mut Cache>,
    output: &dyn Output,
) -> Result<(Vec<String>, usize), String> {
    let registry = Registry::embedded();
    // 2. what localizing each playbook needs, and the facts of the book that its exports
    // depend on
    // A build translates each playbook from its part of the locales; the preview keeps
    // whole translators.
    let parts = cache.is_none();
    let (ctx, localizer) = stage("views", || {
        Localizer::new(book, playbooks, registry, locales, parts)
    })?;
    let facts = stage("event facts", || {
        let sources: Vec<Arc<Source<Playbook>>> = (0..localizer.ids.len())
            .filter_map(|p| localizer.source(p))
            .collect();
        EventFacts::of(sources.iter().map(|s| &**s), registry)
    });
    // 3. localize and render each playbook, or take it from the cache; without a cache to
    // keep them in, the print chapters wait on disk for the print pages
    let site = Site::new(&ctx)?;
    let spool = match cache {
        None => Some(Spool::new(ctx.views.len(), localizer.ids.len()).map_err(|e| e.to_string())?),
        Some(_) => None,
    };
    let unit = Unit {
        ctx: &ctx,
        localizer: &localizer,
        facts: &facts,
        site: &site,
    };
    let (mut outputs, rendered) = stage("playbooks", || {
        render_playbooks(&unit, cache, spool.as_ref(), output)
    })?;
    // The translators (every message of every language) and the facts are done with.
    drop(localizer);
    drop(facts);
    // 4. assemble the book-wide outputs from the playbooks' summaries
    let (books, pieces) = summaries(&ctx, &mut outputs);
    let held = match &spool {
        Some(s) => Held::Spooled(s),
        None => Held::Kept(&outputs),
    };
    stage("book", || {
        assemble(&ctx, &site, &books, pieces, &held, output)
    })?;
    Ok((rendered, outputs.len()))
}

/// What localizing a playbook needs: the book, the registry, a translator per language
/// (in the views' order), and the playbooks in book order (by id).
struct Localizer<'b> {
    book: &'b Book,
    registry: &'b Registry,
    translators: Vec<Translators>,
    /// The playbooks in book order; with `Translators::Parts`, each is taken (and, unless
    /// the caller keeps it, dropped) once its views are made.
    sources: Vec<Mutex<Option<Arc<Source<Playbook>>>>>,
    /// Their ids.
    ids: Vec<String>,
    take: bool,
}

/// How a language's playbooks are translated.
enum Translators {
    /// By one translator of the whole locale (the preview keeps the files between saves).
    Whole(Box<Translator>),
    /// Each by a translator of its own part of the locale (`scope`), made when it is
    /// localized, then dropped with the part: a build holds each `.ftl` file only while
    /// a playbook that reads it is rendered.
    Parts {
        lang: String,
        source: String,
        /// Per playbook (book order), taken when it is localized.
        parts: Vec<Mutex<Option<crate::i18n::Locale>>>,
    },
}

impl<'b> Localizer<'b> {
    /// The localizer, and the context of the renderers: the book's own texts in each
    /// language (its views, without playbooks: each is localized with its pages), the
    /// interface strings, the translation files. With `parts`, each playbook is
    /// translated from its part of each locale (see `Translators::Parts`).
    fn new(
        book: &'b Book,
        mut playbooks: Vec<Arc<Source<Playbook>>>,
        registry: &'b Registry,
        locales: crate::check::Locales,
        parts: bool,
    ) -> Result<(RenderContext<'b>, Localizer<'b>), String> {
        let source = &book.config.book.source_language;
        let locales_dir = book.locales_dir();
        playbooks.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        // A book checked for a build holds its files lean: the digest reads them again,
        // when the catalog is made.
        let source_digest = crate::digest::SourceDigest::later(&playbooks, &locales);
        // The names each playbook's views look up besides its own: the book's texts.
        let book_ids: Vec<String> = crate::i18n::extract::book_own_messages(book)
            .into_iter()
            .map(|e| e.id)
            .collect();
        let mut views = Vec::new();
        let mut uis = BTreeMap::new();
        let mut translators = Vec::new();
        for lang in book.config.languages() {
            let locale = locales.get(&lang);
            let translators_of_lang = match locale {
                Some(locale) if parts && &lang != source => {
                    let index = scope::Index::new(locale);
                    let book_part = index.part(book_ids.iter().map(String::as_str));
                    let translator = Translator::new(&lang, source, Some(&book_part));
                    views.push(view::book_meta(book, &translator));
                    let parts = playbooks
                        .par_iter()
                        .map(|playbook| {
                            let ids = crate::i18n::extract::playbook_messages(playbook, registry);
                            let ids = ids.iter().map(|e| e.id.as_str());
                            Mutex::new(Some(
                                index.part(ids.chain(book_ids.iter().map(String::as_str))),
                            ))
                        })
                        .collect();
                    Translators::Parts {
                        lang: lang.clone(),
                        source: source.clone(),
                        parts,
                    }
                }
                _ => {
                    let translator = Translator::new(&lang, source, locale);
                    views.push(view::book_meta(book, &translator));
                    Translators::Whole(Box::new(translator))
                }
            };
            uis.insert(lang.clone(), Ui::new(&lang, Some(&locales_dir)));
            translators.push(translators_of_lang);
        }
        // The translators and parts hold what they need of the Fluent files: the files
        // go now.
        drop(locales);
        let ctx = RenderContext {
            book,
            registry,
            views,
            uis,
            source_digest,
        };
        let localizer = Localizer {
            book,
            registry,
            translators,
            ids: playbooks.iter().map(|s| s.doc.id.to_string()).collect(),
            sources: playbooks.into_iter().map(|s| Mutex::new(Some(s))).collect(),
            take: parts,
        };
        Ok((ctx, localizer))
    }

    /// A localizer of whole translators (`translators`: one per language, in the
    /// views' order), for the preview: it keeps them between saves.
    fn whole(book: &'b Book, registry: &'b Registry, translators: Vec<Translator>) -> Self {
        let mut playbooks = book.playbooks.clone();
        playbooks.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        Localizer {
            book,
            registry,
            translators: translators
                .into_iter()
                .map(|t| Translators::Whole(Box::new(t)))
                .collect(),
            ids: playbooks.iter().map(|s| s.doc.id.to_string()).collect(),
            sources: playbooks.into_iter().map(|s| Mutex::new(Some(s))).collect(),
            take: false,
        }
    }

    /// Its whole translators (none are made of parts in a localizer from `whole`).
    fn whole_translators(&self) -> Vec<&Translator> {
        self.translators
            .iter()
            .filter_map(|t| match t {
                Translators::Whole(tr) => Some(&**tr),
                Translators::Parts { .. } => None,
            })
            .collect()
    }

    /// `whole_translators`, given back.
    fn into_translators(self) -> Vec<Translator> {
        self.translators
            .into_iter()
            .filter_map(|t| match t {
                Translators::Whole(tr) => Some(*tr),
                Translators::Parts { .. } => None,
            })
            .collect()
    }

    /// The playbooks in book order (those not taken).
    fn sources(&self) -> Vec<Arc<Source<Playbook>>> {
        (0..self.ids.len()).filter_map(|p| self.source(p)).collect()
    }

    /// The `p`-th playbook (book order), unless it was taken.
    fn source(&self, p: usize) -> Option<Arc<Source<Playbook>>> {
        let kept = self.sources[p].lock().unwrap_or_else(|e| e.into_inner());
        kept.clone()
    }

    /// The views of the `p`-th playbook (book order), one per language. With
    /// `Translators::Parts`, only once: its source and translations are then let go.
    fn views(&self, p: usize) -> Result<Vec<PlaybookView>, String> {
        let source = match self.take {
            true => self.sources[p]
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take(),
            false => self.source(p),
        };
        let Some(source) = source else {
            return Err(format!("playbook `{}` localized twice", self.ids[p]));
        };
        let view = |tr: &Translator| {
            let mut view = view::playbook_view(&source, self.registry, tr);
            view::name_playbook_roles(self.book, tr, &mut view);
            view
        };
        self.translators
            .iter()
            .map(|t| match t {
                Translators::Whole(tr) => Ok(view(tr)),
                Translators::Parts {
                    lang,
                    source,
                    parts,
                } => {
                    let part = parts[p].lock().unwrap_or_else(|e| e.into_inner()).take();
                    let part = part.map(|l| self.read_again(l)).transpose()?;
                    Ok(view(&Translator::new(lang, source, part.as_ref())))
                }
            })
            .collect()
    }

    /// `part` with its lean files (`LocaleFile::lean`) read again whole. A file that
    /// can no longer be read, or no longer parses, changed since the check: the build
    /// stops rather than render what was not checked.
    fn read_again(&self, mut part: crate::i18n::Locale) -> Result<crate::i18n::Locale, String> {
        for file in part.files.values_mut() {
            if !file.lean {
                continue;
            }
            let (whole, diags) = crate::i18n::load_locale_file(&self.book.root, &file.path);
            match whole {
                Some(whole) if !diags.has_errors() => *file = Arc::new(whole),
                _ => return Err(format!("{} changed during the build", file.shown)),
            }
        }
        Ok(part)
    }
}

/// What rendering one playbook needs.
struct Unit<'u, 'b> {
    ctx: &'u RenderContext<'b>,
    localizer: &'u Localizer<'b>,
    facts: &'u EventFacts,
    site: &'u Site<'u>,
}

impl Unit<'_, '_> {
    /// Everything of one playbook, from its views (one per language, in book order).
    fn render(&self, views: Vec<PlaybookView>) -> Result<PlaybookOutput, String> {
        let ctx = self.ctx;
        let source = &ctx.views[0];
        let refs: Vec<&PlaybookView> = views.iter().collect();
        let site = self.site.playbook(views.iter())?;
        let markdown = ctx
            .views
            .iter()
            .zip(&views)
            .map(|(v, pb)| render::markdown::chapter(ctx, &v.lang, pb))
            .collect();
        let languages: Vec<String> = ctx.views.iter().map(|v| v.lang.clone()).collect();
        let mut piece = render::catalog::piece(&languages, &refs, ctx.registry);
        self.facts.apply(&refs[0].id, &mut piece.events)?;
        let base_url = ctx.book.config.output.catalog.base_url.as_deref();
        let (mut exports, rules) =
            render::detections::playbook_files(refs[0], &piece.events, &source.lang, base_url)?;
        let identity = render::cacao::book_identity(&ctx.book.config);
        for (book, pb) in ctx.views.iter().zip(&views) {
            let ui = ctx.ui(&book.lang);
            if let Some(file) =
                render::cacao::playbook_file(&identity, base_url, book, ui, pb, &rules)
            {
                exports.push(file?);
            }
        }
        Ok(PlaybookOutput {
            site,
            markdown,
            exports,
            summary: Some(Summary {
                catalog: piece.compact()?,
                views: views.into_iter().map(view::summary).collect(),
            }),
        })
    }

    /// What a playbook's files depend on besides its own views, as bytes for its
    /// fingerprint: the pages' shared inputs (`Site::shared_inputs`) and the exports'
    /// (the book's identity and address).
    fn shared_inputs(&self) -> Vec<u8> {
        let config = &self.ctx.book.config;
        let mut bytes = self.site.shared_inputs();
        for part in [
            render::cacao::book_identity(config).as_str(),
            config.output.catalog.base_url.as_deref().unwrap_or(""),
        ] {
            bytes.push(0);
            bytes.extend_from_slice(part.as_bytes());
        }
        bytes
    }
}

/// Step 3: each playbook localized and rendered (or taken from `cache`), its own files
/// put to `output` (its print chapters into `spool` when there is one) and its views
/// dropped; what the book-wide outputs need of it, in book order; and the ids of the
/// playbooks rendered now.
fn render_playbooks(
    unit: &Unit<'_, '_>,
    cache: Option<&mut Cache>,
    spool: Option<&Spool>,
    output: &dyn Output,
) -> Result<(Vec<Arc<PlaybookOutput>>, Vec<String>), String> {
    let localizer = unit.localizer;
    let count = localizer.ids.len();
    let id_of = |p: usize| localizer.ids[p].clone();
    let Some(cache) = cache else {
        // Nothing to keep: each playbook's files go out as soon as they are rendered, its
        // print chapters to the spool; only its search fragments and summary stay. No
        // keys to compute.
        let outputs = (0..count)
            .into_par_iter()
            .map(|p| {
                let mut out = unit.render(localizer.views(p)?)?;
                for (rel, bytes) in out
                    .site
                    .pages
                    .drain(..)
                    .chain(out.markdown.drain(..))
                    .chain(out.exports.drain(..))
                {
                    output.put(rel, bytes)?;
                }
                if let Some(spool) = spool {
                    spool.keep(p, &mut out).map_err(|e| e.to_string())?;
                }
                Ok(Arc::new(out))
            })
            .collect::<Result<Vec<_>, String>>()?;
        return Ok((outputs, (0..count).map(id_of).collect()));
    };
    let shared = Key::shared(&unit.shared_inputs());
    let results: Vec<(Key, Arc<PlaybookOutput>, bool)> = (0..count)
        .into_par_iter()
        .map(|p| {
            let views = localizer.views(p)?;
            let mut key = Key::builder(&shared);
            for v in &views {
                key.json(v)?;
            }
            let source = localizer.source(p).ok_or("a playbook was let go")?;
            key.bytes(&unit.facts.fingerprint(&source.doc, localizer.registry));
            let key = key.finish();
            let (out, fresh) = match cache.get(&views[0].id, &key) {
                Some(hit) => (hit, false),
                None => (Arc::new(unit.render(views)?), true),
            };
            for (rel, bytes) in out
                .site
                .pages
                .iter()
                .chain(&out.markdown)
                .chain(&out.exports)
            {
                output.put(rel.clone(), bytes.clone())?;
            }
            Ok((key, out, fresh))
        })
        .collect::<Result<_, String>>()?;
    let ids: Vec<String> = (0..count).map(id_of).collect();
    let rendered = ids
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.2)
        .map(|(id, _)| id.clone())
        .collect();
    cache.replace(
        ids.into_iter()
            .zip(&results)
            .map(|(id, (key, out, _))| (id, *key, Arc::clone(out))),
    );
    Ok((results.into_iter().map(|r| r.1).collect(), rendered))
}

/// The book in each language with its playbooks' summaries, and the playbooks' catalog
/// pieces, in book order: taken from the outputs when nothing else holds them (a build),
/// copied when the preview's cache keeps them.
fn summaries(
    ctx: &RenderContext,
    outputs: &mut [Arc<PlaybookOutput>],
) -> (Vec<Arc<BookView>>, Vec<render::catalog::Compact>) {
    let mut books: Vec<BookView> = ctx.views.clone();
    let mut pieces = Vec::with_capacity(outputs.len());
    for out in outputs {
        let summary = match Arc::get_mut(out) {
            Some(own) => own.summary.take(),
            None => out.summary.clone(),
        };
        let Some(summary) = summary else { continue };
        for (book, view) in books.iter_mut().zip(summary.views) {
            book.playbooks.push(view);
        }
        pieces.push(summary.catalog);
    }
    // Shared, not copied, by the event indexes, which read them as their pages are
    // written (`render::html::Site::book`).
    (books.into_iter().map(Arc::new).collect(), pieces)
}

/// Step 4: the book-wide outputs, put to `output`: assembled from the playbooks'
/// summaries (`books`: the book in each language; `pieces`: their catalog parts), search
/// fragments and print chapters.
fn assemble(
    ctx: &RenderContext,
    site: &Site,
    books: &[Arc<BookView>],
    pieces: Vec<render::catalog::Compact>,
    held: &Held,
    output: &dyn Output,
) -> Result<(), String> {
    let search_index = |n: usize| held.search_index(n);
    let base_url = ctx.book.config.output.catalog.base_url.as_deref();
    // The site, the print pages and the catalog are independent: side by side.
    let put = |rel: String, bytes: Vec<u8>| output.put(rel, bytes);
    let put_with = |rel: String, write: &Writer| output.put_with(rel, write);
    let (html, (print, catalog)) = rayon::join(
        || stage("html", || site.book(books, &search_index, &put, &put_with)),
        || {
            rayon::join(
                || print_pages(site, books, held, output),
                || {
                    stage("catalog", || {
                        let catalog = render::catalog::merge(ctx, pieces)?;
                        output.put_with(render::catalog::CATALOG_FILE.to_owned(), &|w| {
                            catalog.write(w, &|p, start, len| held.catalog_refs(p, start, len))
                        })?;
                        let mut files = Files::new();
                        files.insert(
                            render::catalog::SCHEMA_FILE.to_owned(),
                            render::catalog::schema::catalog_schema_text().into_bytes(),
                        );
                        files.extend(render::detections::navigator_file(&books[0], base_url)?);
                        Ok::<_, String>(files)
                    })
                },
            )
        },
    );
    print?;
    html?;
    let mut files = catalog?;
    // The languages whose book-wide files are kept (`Site::only_languages`) are left out.
    let made: Vec<Arc<BookView>> = books
        .iter()
        .enumerate()
        .filter(|(n, _)| site.makes(*n))
        .map(|(_, b)| Arc::clone(b))
        .collect();
    files.extend(render::markdown::book_pages(ctx, &made));
    made.par_iter().try_for_each(|book| {
        stage("markdown: events index", || {
            let (rel, write) = render::markdown::events_page(ctx, book);
            output.put_with(rel, &write)
        })
    })?;
    files.insert(
        "playbook.schema.json".to_owned(),
        crate::schema::playbook_schema_text().into_bytes(),
    );
    files
        .into_par_iter()
        .try_for_each(|(rel, bytes)| output.put(rel, bytes))
}

/// The print page of every language, streamed to `output`: the frame rendered once, each
/// playbook's chapter copied into it from `held`.
fn print_pages(
    site: &Site,
    books: &[Arc<BookView>],
    held: &Held,
    output: &dyn Output,
) -> Result<(), String> {
    let made: Vec<usize> = (0..books.len()).filter(|&n| site.makes(n)).collect();
    made.into_par_iter().try_for_each(|n| {
        stage("html: print page", || {
            let (rel, frame) = site.print_frame(&books[n], n)?;
            output.put_with(rel, &|w: &mut dyn Write| {
                for (p, piece) in frame.iter().enumerate() {
                    w.write_all(piece.as_bytes())?;
                    if p + 1 < frame.len() {
                        held.copy_chapter(p, n, w)?;
                    }
                }
                Ok(())
            })
        })
    })
}

/// Where what the book-wide outputs read of each playbook besides its summary (its
/// print chapters, search fragments and catalog references) waits for them.
enum Held<'a> {
    /// With each playbook's output (the preview's cache keeps them between saves).
    Kept(&'a [Arc<PlaybookOutput>]),
    /// In a spool on disk (a build: together they are as large as the book's pages).
    Spooled(&'a Spool),
}

/// The spool's channels, for a book of `langs` languages: the print chapters of each
/// language, then the search fragments of each, then the catalog's references.
struct Channels {
    langs: usize,
}

impl Channels {
    fn count(&self) -> usize {
        2 * self.langs + 1
    }
    fn chapters(&self, n: usize) -> usize {
        n
    }
    fn search(&self, n: usize) -> usize {
        self.langs + n
    }
    fn catalog(&self) -> usize {
        2 * self.langs
    }
}

impl Held<'_> {
    /// Copies the chapter of playbook `p` in language `n` into `w`.
    fn copy_chapter(&self, p: usize, n: usize, w: &mut dyn Write) -> io::Result<()> {
        match self {
            Held::Kept(outputs) => w.write_all(
                outputs[p]
                    .site
                    .chapters
                    .get(n)
                    .map_or(&[][..], |c| c.as_bytes()),
            ),
            Held::Spooled(spool) => spool.spool.copy(spool.channels.chapters(n), p, w),
        }
    }

    /// The search index script of language `n`, from every playbook's fragment.
    fn search_index(&self, n: usize) -> Result<Vec<u8>, String> {
        match self {
            Held::Kept(outputs) => Ok(render::search::index_script(
                outputs.iter().map(|o| &o.site.search[n]),
            )),
            Held::Spooled(spool) => {
                // Read back one at a time, in book order; the first failure stops it.
                let mut failed = None;
                let fragments = (0..spool.playbooks).map_while(|p| {
                    let fragment = spool
                        .spool
                        .read(spool.channels.search(n), p)
                        .map_err(|e| e.to_string())
                        .and_then(|bytes| {
                            render::search::Fragment::decode(&bytes)
                                .ok_or_else(|| "a spooled search fragment is damaged".to_owned())
                        });
                    fragment.map_err(|e| failed = Some(e)).ok()
                });
                let script = render::search::index_script(fragments);
                match failed {
                    Some(e) => Err(format!("cannot make the search index: {e}")),
                    None => Ok(script),
                }
            }
        }
    }

    /// `len` bytes of the catalog references of playbook `p`, from `start`
    /// (`render::catalog::Compact::spool`).
    fn catalog_refs(&self, p: usize, start: u64, len: usize) -> io::Result<Vec<u8>> {
        match self {
            Held::Kept(_) => Err(io::Error::other("no spooled catalog references")),
            Held::Spooled(spool) => spool
                .spool
                .read_part(spool.channels.catalog(), p, start, len),
        }
    }
}

/// A build's spool, and which channel holds what.
struct Spool {
    spool: spool::Spool,
    channels: Channels,
    playbooks: usize,
}

impl Spool {
    fn new(langs: usize, playbooks: usize) -> io::Result<Spool> {
        let channels = Channels { langs };
        Ok(Spool {
            spool: spool::Spool::new(channels.count(), playbooks)?,
            channels,
            playbooks,
        })
    }

    /// Moves what `out` (the `p`-th playbook's output) holds for the book-wide outputs,
    /// but its summary, into the spool.
    fn keep(&self, p: usize, out: &mut PlaybookOutput) -> io::Result<()> {
        let ch = &self.channels;
        for (n, chapter) in out.site.chapters.drain(..).enumerate() {
            self.spool.put(ch.chapters(n), p, chapter.as_bytes())?;
        }
        for (n, fragment) in out.site.search.drain(..).enumerate() {
            self.spool.put(ch.search(n), p, &fragment.encode())?;
        }
        if let Some(summary) = &mut out.summary {
            summary
                .catalog
                .spool(|record| self.spool.put(ch.catalog(), p, record))?;
        }
        Ok(())
    }
}

/// The staging folder of a build as an `Output`: each file is written as it comes, or,
/// when the previous output (one irbook wrote) has the same bytes at the same path,
/// hard-linked from there, so that an unchanged file keeps its modification time for
/// web servers and rsync. The previous output itself is never written to.
struct Disk<'s> {
    staging: &'s Staging,
    previous: Option<PathBuf>,
    files: AtomicUsize,
    pages: AtomicUsize,
    kept: AtomicUsize,
    /// When PDFs are to be printed or carried over: the files they are made from
    /// (`pdf::is_print_input`), kept in memory as they pass.
    print_inputs: Option<Mutex<Files>>,
}

impl Output for Disk<'_> {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), String> {
        self.files.fetch_add(1, Ordering::Relaxed);
        if rel.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(kept) = &self.print_inputs {
            if crate::pdf::is_print_input(&rel) {
                kept.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(rel.clone(), bytes.clone());
            }
        }
        if let Some(previous) = &self.previous {
            if self.link_unchanged(previous, &rel, &bytes) {
                self.kept.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        self.staging
            .write(&rel, &bytes)
            .map_err(|e| format!("cannot write {rel}: {e}"))
    }

    fn put_with(&self, rel: String, write: &Writer) -> Result<(), String> {
        if self.print_inputs.is_some() && crate::pdf::is_print_input(&rel) {
            // Kept for the PDFs anyway: gathered in memory.
            return gather_and_put(self, rel, write);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        if rel.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        let cannot = |e: io::Error| format!("cannot write {rel}: {e}");
        let file = self.staging.create_file(&rel).map_err(cannot)?;
        let mut sink = io::BufWriter::with_capacity(1 << 20, file);
        write(&mut sink).map_err(cannot)?;
        sink.into_inner().map_err(|e| cannot(e.into_error()))?;
        if let Some(previous) = &self.previous {
            if same_contents(&previous.join(&rel), &self.staging.path().join(&rel))
                && self.link_from(previous, &rel)
            {
                self.kept.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    }
}

/// Whether two files hold the same bytes, read piece by piece.
fn same_contents(a: &Path, b: &Path) -> bool {
    if !std::fs::symlink_metadata(a).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (Ok(ma), Ok(mb)) = (fa.metadata(), fb.metadata()) else {
        return false;
    };
    if ma.len() != mb.len() {
        return false;
    }
    let (mut ra, mut rb) = (io::BufReader::new(fa), io::BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let Ok(n) = ra.read(&mut ba) else {
            return false;
        };
        if n == 0 {
            return true;
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

impl Disk<'_> {
    /// Links `previous/rel` into the staging folder if it is a plain file holding
    /// exactly `bytes`. Any failure just means "write it".
    fn link_unchanged(&self, previous: &Path, rel: &str, bytes: &[u8]) -> bool {
        let old = previous.join(rel);
        let same = std::fs::symlink_metadata(&old)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == bytes);
        same && self.link_from(previous, rel)
    }

    /// Hard-links `previous/rel` into the staging folder, in place of what is there.
    fn link_from(&self, previous: &Path, rel: &str) -> bool {
        if rel
            .split('/')
            .any(|p| p == ".." || p == "." || p.is_empty())
        {
            return false;
        }
        let new = self.staging.path().join(rel);
        if let Some(dir) = new.parent() {
            if std::fs::create_dir_all(dir).is_err() {
                return false;
            }
        }
        // Linked aside, then renamed over what was written: a failure leaves that.
        let aside = new.with_extension("irbook-link");
        if std::fs::hard_link(previous.join(rel), &aside).is_err() {
            return false;
        }
        if std::fs::rename(&aside, &new).is_err() {
            let _ = std::fs::remove_file(&aside);
            return false;
        }
        true
    }
}

/// Builds the book in `dir` into `out` (default: the book's build dir). `force` replaces
/// a non-empty output folder that no earlier build wrote (never a source of the book).
/// Files go into a staging folder as they are rendered (step 5), which replaces the
/// output in one step when every file is there; a failure leaves the output untouched.
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
    // Checked for a build: what the playbooks and translations hold for the renderers,
    // not their files (each playbook's translations are read again with it).
    let checked =
        crate::check::check_for_build(dir).map_err(|e| (Failure::Io(e), Diagnostics::new()));
    let (mut book, locales, mut diags) = ready(checked?)?;
    // The pipeline adds no diagnostic: the texts of files that none points into need not
    // outlive the playbooks and translations they are read from.
    diags.keep_sources_in_use();
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| book.root.join(&book.config.build.build_dir));
    let dest = crate::write::Destination {
        out: out.clone(),
        sources: book.sources(),
        force,
    };
    let refused = |e: WriteError| match e {
        WriteError::Refused(r) => r.0,
        WriteError::Io(e) => format!("cannot write {}: {e}", out.display()),
    };
    let staging = match Staging::create(&dest) {
        Ok(s) => s,
        Err(e) => return Err((Failure::Io(refused(e)), diags)),
    };
    // Only an output irbook wrote lends its files (the marker says so).
    let previous = out
        .join(crate::write::MARKER)
        .is_file()
        .then(|| out.clone());
    // The PDFs are printed from the print pages and assets: keep those in memory only
    // when there is a PDF to print, or one in the previous output that may be kept.
    let pdf_inputs = print.is_some()
        || previous.as_ref().is_some_and(|p| {
            book.config
                .languages()
                .iter()
                .any(|l| p.join(l).join(crate::pdf::PDF_FILE).is_file())
        });
    let mut disk = Disk {
        staging: &staging,
        previous,
        files: AtomicUsize::new(0),
        pages: AtomicUsize::new(0),
        kept: AtomicUsize::new(0),
        print_inputs: pdf_inputs.then(Mutex::default),
    };
    // The pipeline holds the playbooks, and lets each go once its views are made.
    let playbooks = std::mem::take(&mut book.playbooks);
    if let Err(e) = pipeline_of(&book, playbooks, locales, None, &disk) {
        // Dropping the staging folder removes it; the output is untouched.
        return Err((Failure::Io(e), diags));
    }
    // The PDFs, from the print inputs kept above.
    let mut inputs = disk
        .print_inputs
        .take()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .unwrap_or_default();
    let before: std::collections::BTreeSet<String> = inputs.keys().cloned().collect();
    let printed = match print {
        Some(p) => stage("pdf", || {
            crate::pdf::print_into(&mut inputs, p.browser, p.paper)
        }),
        None => {
            crate::pdf::carry_over(&out, &mut inputs);
            Ok(Vec::new())
        }
    };
    let pdfs = match printed {
        Ok(p) => p,
        Err(e) => return Err((Failure::Io(e), diags)),
    };
    for (rel, bytes) in inputs.into_iter().filter(|(k, _)| !before.contains(k)) {
        if let Err(e) = disk.put(rel, bytes) {
            return Err((Failure::Io(e), diags));
        }
    }
    let (files, pages) = (disk.files.into_inner(), disk.pages.into_inner());
    if let Err(e) = stage("write", || staging.commit()) {
        return Err((Failure::Io(refused(e)), diags));
    }
    Ok((
        Outcome {
            out,
            files,
            pages,
            pdfs,
            elapsed: start.elapsed(),
        },
        diags,
    ))
}
