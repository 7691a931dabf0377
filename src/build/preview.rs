//! The preview's pipeline (`irbook serve`): the same stages as `pipeline`, but what a
//! save did not touch is kept between saves, and the results go out in two phases.
//!
//! Kept between saves:
//! - each language's translator, while no `.ftl` file of that language changed;
//! - each playbook's rendered output, with what it was made from: its loaded source (the
//!   front half hands back the same one while its files are unchanged,
//!   `check::FrontCache`) and, per language, the translation messages its views looked
//!   up, with the messages those refer to (`translations::recording`);
//! - the book-wide facts of the events (`EventFacts`).
//!
//! So a save renders again only the playbooks whose inputs changed, found without
//! localizing the others:
//! - its YAML changed (another source, another text);
//! - a message it read changed: every message of a `.ftl` file that changed counts as
//!   changed (a playbook's text may come from any file of its language, and a message
//!   may refer to another: the recorded messages say which files matter);
//! - what every page shares changed (`Unit::shared_inputs`: theme, interface strings,
//!   the book's title and languages, and `book.toml`): every playbook;
//! - the book-wide facts of one of its events changed (its exports depend on them).
//!
//! Phase 1 publishes those playbooks' own files (pages, Markdown, exports); phase 2
//! (`BookWide`, which owns what it reads, so that it may run on another thread while
//! the next save's phase 1 runs) assembles the book-wide outputs (indexes, search,
//! print pages, catalog) from every playbook's kept summary. The server answers
//! requests for the playbooks' pages between the two.

use super::{assemble, ready, summaries, Failure, Held, Localizer, PlaybookOutput, Unit};
use crate::cache::Key;
use crate::check::Checked;
use crate::diag::Diagnostics;
use crate::i18n::translations::{recording, Translator};
use crate::i18n::ui::Ui;
use crate::load::{Book, Source};
use crate::model::Playbook;
use crate::registry::Registry;
use crate::render::catalog::facts::EventFacts;
use crate::render::html::Site;
use crate::render::Files;
use crate::timing::stage;
use crate::view::{self, RenderContext};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// What the preview keeps between saves (see the module comment).
#[derive(Default)]
pub struct Preview {
    translators: BTreeMap<String, Translator>,
    /// The inputs every page shares, as of the last build.
    shared: Option<Key>,
    /// The book-wide facts of the events, and the playbook ids (book order) they were
    /// gathered from.
    facts: Option<(EventFacts, Vec<String>)>,
    units: HashMap<String, Kept>,
}

/// Phase 2 of a rebuild: the book-wide outputs, from every playbook's kept summary.
pub struct BookWide {
    book: Book,
    locales: crate::check::Locales,
    views: Vec<view::BookView>,
    uis: BTreeMap<String, Ui>,
    outputs: Vec<Arc<PlaybookOutput>>,
    /// Per language (book order), whether its book-wide files are made (`keep`).
    makes: Vec<bool>,
    /// Per language, whether its book-wide files are those of the last rebuild: see
    /// `Preview::playbooks`.
    unchanged: Vec<bool>,
}

impl BookWide {
    /// The book's languages (book order), each with whether its book-wide files are the
    /// same as the last rebuild's would be.
    pub fn languages(&self) -> impl Iterator<Item = (&str, bool)> {
        self.views
            .iter()
            .map(|v| v.lang.as_str())
            .zip(self.unchanged.iter().copied())
    }

    /// Leaves out the book-wide files of the languages for which `keep` holds: the
    /// caller keeps those it has (`of_language` tells which they are).
    pub fn keep(&mut self, keep: impl Fn(&str) -> bool) {
        self.makes = self.views.iter().map(|v| !keep(&v.lang)).collect();
    }

    /// The languages whose book-wide files are not made (`keep`).
    pub fn kept_languages(&self) -> Vec<String> {
        self.views
            .iter()
            .zip(&self.makes)
            .filter(|(_, makes)| !**makes)
            .map(|(v, _)| v.lang.clone())
            .collect()
    }

    /// Assembles the book-wide outputs into `output`.
    pub fn run(self, output: &dyn super::Output) -> Result<(), String> {
        let BookWide {
            book,
            locales,
            views,
            uis,
            mut outputs,
            makes,
            unchanged: _,
        } = self;
        // Made by the catalog, beside the other book-wide pages.
        let digest = crate::digest::SourceDigest::later(&book.playbooks, &locales);
        drop(locales);
        let ctx = RenderContext {
            book: &book,
            registry: Registry::embedded(),
            views,
            uis,
            source_digest: digest,
        };
        let site = Site::new(&ctx)?.only_languages(makes);
        let (books, pieces) = summaries(&ctx, &mut outputs);
        stage("book", || {
            assemble(&ctx, &site, &books, pieces, &Held::Kept(&outputs), output)
        })
    }
}

/// Whether `rel`, a book-wide file, belongs to language `lang` (and so is not made when
/// `BookWide::keep` leaves that language out): its pages and the Markdown book's.
pub fn of_language(rel: &str, lang: &str) -> bool {
    let under = |dir: &str| {
        dir.strip_prefix(lang)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    under(rel) || rel.strip_prefix("markdown/").is_some_and(under)
}

/// One playbook as last rendered.
struct Kept {
    source: Arc<Source<Playbook>>,
    /// Per language (book order): the messages its views read.
    reads: Vec<BTreeSet<String>>,
    /// Its chapters, search fragments and summary (its own files are published).
    output: Arc<PlaybookOutput>,
    /// The names of its own files.
    files: Vec<String>,
}

/// What phase 1 of a rebuild publishes: the files of the playbooks rendered again, the
/// files of playbooks gone, which playbooks were rendered (ids, book order) and how many
/// the book has; and the diagnostics.
pub struct Published {
    pub files: Files,
    pub removed: Vec<String>,
    pub rendered: Vec<String>,
    pub playbooks: usize,
    pub diags: Diagnostics,
}

impl Preview {
    /// Phase 1: renders the playbooks whose inputs changed in `checked` since the last
    /// call and hands their files to `publish`; returns phase 2, ready to run (on any
    /// thread: it owns what it reads). `config` is the fingerprint of `book.toml` as
    /// checked. On an error nothing is published, and what is kept stays true to what
    /// was.
    pub fn rebuild(
        &mut self,
        checked: Checked,
        config: Option<[u8; 32]>,
        publish: &mut dyn FnMut(Published),
    ) -> Result<BookWide, (Failure, Diagnostics)> {
        let (book, locales, diags) = ready(checked)?;
        let registry = Registry::embedded();
        let langs = book.config.languages();
        // 2. the translators (kept unless a file of their language changed), what every
        // page shares, the playbooks in book order and the facts of their events
        let (translators, changed) =
            stage("translators", || self.translators(&book, &langs, &locales));
        let locales_dir = book.locales_dir();
        let ctx = RenderContext {
            book: &book,
            registry,
            views: translators
                .iter()
                .map(|t| view::book_meta(&book, t))
                .collect(),
            uis: langs
                .iter()
                .map(|l| (l.clone(), Ui::new(l, Some(&locales_dir))))
                .collect(),
            // Only the catalog reads it: computed for the book-wide phase.
            source_digest: String::new().into(),
        };
        let localizer = Localizer::whole(&book, registry, translators);
        let sources = localizer.sources();
        let same_order = self
            .facts
            .as_ref()
            .is_some_and(|(_, ids)| *ids == localizer.ids);
        let (facts, old_facts) =
            stage("event facts", || self.event_facts(sources.iter(), registry));
        // 3. the playbooks whose inputs changed, rendered and published
        let phase1 = Site::new(&ctx).and_then(|site| {
            let site = site.with_languages_side_by_side();
            let unit = Unit {
                ctx: &ctx,
                localizer: &localizer,
                facts: &facts,
                site: &site,
            };
            stage("playbooks", || {
                self.playbooks(&unit, &changed, same_order, old_facts.as_ref(), config)
            })
        });
        let (outputs, mut update) = match phase1 {
            Ok(done) => done,
            Err(e) => {
                // What the kept playbooks were made from is no longer known: start over.
                self.translators.clear();
                return Err((Failure::Io(e), diags));
            }
        };
        let ids = localizer.ids.clone();
        self.translators = langs
            .into_iter()
            .zip(localizer.into_translators())
            .collect();
        self.facts = Some((facts, ids));
        let unchanged = std::mem::take(&mut update.unchanged);
        publish(Published {
            files: update.files,
            removed: update.removed,
            rendered: update.rendered,
            playbooks: outputs.len(),
            diags,
        });
        let RenderContext { views, uis, .. } = ctx;
        Ok(BookWide {
            makes: vec![true; views.len()],
            book,
            locales,
            views,
            uis,
            outputs,
            unchanged,
        })
    }

    /// Phase 1 (see the module comment): renders the playbooks whose inputs changed and
    /// keeps them; returns every playbook's output in book order and what changed.
    ///
    /// And per language, whether its book-wide files are unchanged: they are made of
    /// what every page shares, the book's translator in that language, and each
    /// playbook's summary view, print chapter and search fragment in that language, in
    /// book order. So they are unchanged when the shared inputs are, the playbooks are
    /// the same in the same order (`same_order`), no message of that language changed,
    /// and each playbook rendered again has the same three parts in that language as
    /// before (a change of an English title leaves the French files as they are).
    fn playbooks(
        &mut self,
        unit: &Unit,
        changed: &[Option<BTreeSet<String>>],
        same_order: bool,
        old_facts: Option<&EventFacts>,
        config: Option<[u8; 32]>,
    ) -> Result<(Vec<Arc<PlaybookOutput>>, Update), String> {
        let localizer = unit.localizer;
        let registry = localizer.registry;
        let sources = localizer.sources();
        let sources: Vec<&Arc<Source<Playbook>>> = sources.iter().collect();
        let mut shared = unit.shared_inputs();
        shared.extend_from_slice(&config.unwrap_or_default());
        let shared = Key::shared(&shared);
        let everything = self.shared != Some(shared);
        let stale = |source: &Arc<Source<Playbook>>| {
            let Some(kept) = self.units.get(source.doc.id.as_str()) else {
                return true;
            };
            everything
                || !same_source(&kept.source, source)
                || kept.reads.len() != changed.len()
                || changed.iter().zip(&kept.reads).any(|(c, reads)| match c {
                    None => true,
                    Some(c) => c.iter().any(|id| reads.contains(id)),
                })
                || old_facts.is_some_and(|old| {
                    old.fingerprint(&source.doc, registry)
                        != unit.facts.fingerprint(&source.doc, registry)
                })
        };
        let dirty: Vec<usize> = (0..sources.len())
            .into_par_iter()
            .filter(|&p| stale(sources[p]))
            .collect();
        let fresh = dirty
            .par_iter()
            .map(|&p| render_one(unit, sources[p]))
            .collect::<Result<Vec<_>, String>>()?;
        // Kept from here on: nothing below fails.
        let mut old = std::mem::take(&mut self.units);
        let mut update = Update {
            unchanged: changed
                .iter()
                .map(|c| !everything && same_order && c.as_ref().is_some_and(|c| c.is_empty()))
                .collect(),
            ..Update::default()
        };
        for (kept, files) in fresh {
            let id = kept.source.doc.id.to_string();
            match old.remove(&id) {
                Some(before) => {
                    for (n, same) in update.unchanged.iter_mut().enumerate() {
                        *same = *same && same_in_language(&before.output, &kept.output, n);
                    }
                    update.removed.extend(before.files);
                }
                None => update.unchanged.fill(false),
            }
            update.files.extend(files);
            update.rendered.push(id.clone());
            self.units.insert(id, kept);
        }
        for source in &sources {
            let id = source.doc.id.as_str();
            if let Some(kept) = old.remove(id) {
                self.units.insert(id.to_owned(), kept);
            }
        }
        // Playbooks gone from the book.
        update
            .removed
            .extend(old.into_values().flat_map(|k| k.files));
        update.removed.retain(|f| !update.files.contains_key(f));
        self.shared = Some(shared);
        let outputs = sources
            .iter()
            .filter_map(|s| self.units.get(s.doc.id.as_str()))
            .map(|k| Arc::clone(&k.output))
            .collect();
        Ok((outputs, update))
    }

    /// The book-wide facts of the events of `playbooks` (book order); with them, the
    /// facts they replace when they differ. The kept facts stand while the book has the
    /// same playbooks in the same order and each changed one adds the same facts.
    fn event_facts<'a>(
        &mut self,
        playbooks: impl Iterator<Item = &'a Arc<Source<Playbook>>> + Clone,
        registry: &Registry,
    ) -> (EventFacts, Option<EventFacts>) {
        let gather = || EventFacts::of(playbooks.clone().map(|s| &**s), registry);
        let Some((old, ids)) = self.facts.take() else {
            return (gather(), None);
        };
        let same_book = playbooks
            .clone()
            .map(|s| s.doc.id.as_str())
            .eq(ids.iter().map(String::as_str));
        let same_facts = same_book
            && playbooks
                .clone()
                .all(|s| match self.units.get(s.doc.id.as_str()) {
                    Some(k) if same_source(&k.source, s) => true,
                    Some(k) => {
                        EventFacts::of([&*k.source], registry) == EventFacts::of([&**s], registry)
                    }
                    None => false,
                });
        if same_facts {
            return (old, None);
        }
        let new = gather();
        if new == old {
            (new, None)
        } else {
            (new, Some(old))
        }
    }

    /// Each language's translator, in book order: the kept one when the files of its
    /// language are those it was made from, else a new one; and per language, the
    /// messages that may translate differently than before (None: all of them).
    fn translators(
        &mut self,
        book: &Book,
        langs: &[String],
        locales: &crate::check::Locales,
    ) -> (Vec<Translator>, Vec<Option<BTreeSet<String>>>) {
        let source = &book.config.book.source_language;
        let mut kept = std::mem::take(&mut self.translators);
        langs
            .iter()
            .map(|lang| {
                let locale = locales.get(lang);
                match kept.remove(lang) {
                    Some(t) if t.made_from(locale) => (t, Some(BTreeSet::new())),
                    Some(t) => {
                        let changed = t.changed_messages(locale);
                        (Translator::new(lang, source, locale), Some(changed))
                    }
                    None => (Translator::new(lang, source, locale), None),
                }
            })
            .unzip()
    }
}

/// What phase 1 changed.
#[derive(Default)]
struct Update {
    files: Files,
    removed: Vec<String>,
    rendered: Vec<String>,
    /// Per language, whether its book-wide files are unchanged (see `playbooks`).
    unchanged: Vec<bool>,
}

/// Whether what the book-wide files of the `n`-th language read of a playbook is the
/// same in two renderings of it: its summary view, print chapter and search fragment.
fn same_in_language(a: &PlaybookOutput, b: &PlaybookOutput, n: usize) -> bool {
    // The views are compared as the templates see them: serialized.
    let view = |o: &PlaybookOutput| {
        o.summary
            .as_ref()
            .and_then(|s| s.views.get(n))
            .and_then(|v| serde_json::to_vec(v).ok())
    };
    let fragment = |o: &PlaybookOutput| o.site.search.get(n).map(|f| f.encode());
    let (chapter_a, chapter_b) = (a.site.chapters.get(n), b.site.chapters.get(n));
    chapter_a.is_some()
        && chapter_a == chapter_b
        && fragment(a).is_some_and(|f| Some(f) == fragment(b))
        && view(a).is_some_and(|v| Some(v) == view(b))
}

/// Whether two loaded playbooks are the same source (the front half hands back the same
/// one for unchanged files; a re-read file may still hold the same text).
fn same_source(a: &Arc<Source<Playbook>>, b: &Arc<Source<Playbook>>) -> bool {
    Arc::ptr_eq(a, b) || (a.text == b.text && a.shown == b.shown && a.path == b.path)
}

/// One playbook localized (recording the messages each language's view read) and
/// rendered; its own files apart from what is kept of it.
fn render_one(unit: &Unit, source: &Arc<Source<Playbook>>) -> Result<(Kept, Files), String> {
    let localizer = unit.localizer;
    let translators = localizer.whole_translators();
    let mut reads = Vec::with_capacity(translators.len());
    let views = translators
        .into_iter()
        .map(|tr| {
            let (view, ids) = recording(|| {
                let mut view = view::playbook_view(source, localizer.registry, tr);
                view::name_playbook_roles(localizer.book, tr, &mut view);
                view
            });
            reads.push(tr.dependencies(ids));
            view
        })
        .collect();
    let mut out = unit.render(views)?;
    let files: Files = out
        .site
        .pages
        .drain(..)
        .chain(out.markdown.drain(..))
        .chain(out.exports.drain(..))
        .collect();
    let kept = Kept {
        source: Arc::clone(source),
        reads,
        output: Arc::new(out),
        files: files.keys().cloned().collect(),
    };
    Ok((kept, files))
}

#[cfg(test)]
mod tests {
    use super::of_language;

    #[test]
    fn a_languages_files_are_its_folder_and_its_markdown_books() {
        assert!(of_language("fr/events.html", "fr"));
        assert!(of_language("markdown/fr/src/SUMMARY.md", "fr"));
        assert!(!of_language("fr-ca/events.html", "fr"));
        assert!(!of_language("markdown/fr-ca/book.toml", "fr"));
        assert!(!of_language("catalog.json", "fr"));
        assert!(!of_language("index.html", "en"));
        assert!(!of_language("assets/fr/x.css", "fr"));
    }
}
