//! The front half of every command that reads content: load the book, validate it
//! against the registry, read and check its translations. `irbook check` reports what
//! this finds; `build` and `serve` go on to render when it finds no error.
//!
//! The unit of work is the playbook (`playbook::check`: its YAML, its rules, its `.ftl`
//! file in every language, its translation check), run in parallel; what spans
//! playbooks comes after, from small outlines of them (`book_wide`): unique ids, related
//! playbooks, roles, references between translation files, the book's own files
//! (`ui.ftl`, `book.ftl`) and the `.ftl` files that belong to no playbook.

mod cache;
mod playbook;

pub use cache::{Changes, FrontCache};
use cache::{Lookup, Origin};
pub use playbook::Keep;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::i18n::translations::{check_translation, check_ui, Found};
use crate::i18n::{self, Locale};
use crate::load::{self, Book};
use crate::registry::Registry;
use crate::timing::stage;
use crate::validate::Outline;
use playbook::{Context, Translation, Unit};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Every language's translation files, by language.
pub type Locales = BTreeMap<String, Locale>;

/// What checking a book found.
pub struct Checked {
    /// None when the book could not be loaded at all (the diagnostics say why). With
    /// `Keep::Diagnostics`, a book without its playbooks; with `Keep::Build`, playbooks
    /// without their texts.
    pub book: Option<Book>,
    pub diags: Diagnostics,
    /// The translations read while checking, so that a build does not read and parse
    /// them a second time (empty with `Keep::Diagnostics`; the playbooks' files lean
    /// with `Keep::Build`).
    pub locales: Locales,
    /// The playbook files whose front half ran this time (the others came from a
    /// `FrontCache`), as shown in diagnostics.
    pub rechecked: Vec<String>,
    /// How many playbook files the book has.
    pub playbook_files: usize,
}

/// Loads and validates the book in `dir`, keeping what a build renders. `Err` is an I/O
/// failure (exit 2); content errors are diagnostics.
pub fn check_book(dir: &Path) -> Result<Checked, String> {
    check_with(dir, Keep::Everything, None)
}

/// `check_book` for `irbook build`: the playbooks without their texts, their
/// translations lean (`Keep::Build`); the build reads each translation again with its
/// playbook, so that memory holds the book's model, not its files.
pub fn check_for_build(dir: &Path) -> Result<Checked, String> {
    check_with(dir, Keep::Build, None)
}

/// `check_book` for `irbook check`: only the diagnostics are kept.
pub fn check_diagnostics(dir: &Path) -> Result<Diagnostics, String> {
    check_with(dir, Keep::Diagnostics, None).map(|c| c.diags)
}

/// `check_book` for the preview: the playbooks whose files are unchanged since the
/// last call are taken from `front`, which then holds this check's results.
pub fn check_book_cached(dir: &Path, front: &mut FrontCache) -> Result<Checked, String> {
    check_with(dir, Keep::Everything, Some(front))
}

fn check_with(
    dir: &Path,
    keep: Keep,
    mut front: Option<&mut FrontCache>,
) -> Result<Checked, String> {
    let mut diags = Diagnostics::new();
    let Some(opened) = stage("load", || load::open_book(dir, &mut diags)).map_err(|e| e.0)? else {
        return Ok(finish(None, diags, Locales::new(), (Vec::new(), 0)));
    };
    if let Some(front) = front.as_deref_mut() {
        front.set_config(&opened.config_text);
    }
    let registry = Registry::embedded();
    let ftl = locale_listing(dir, &opened.config);
    let targets = targets(&opened.config);
    let ctx = Context {
        root: dir,
        registry,
        ftl: &ftl,
        targets: &targets,
        keep,
    };
    // Each playbook from the cache when its files are unchanged, else checked now.
    let languages: Vec<String> = ftl.iter().map(|(lang, _)| lang.clone()).collect();
    let units: Vec<(Arc<Unit>, Origin)> = stage("playbooks", || {
        let cached = front.as_deref();
        opened
            .files
            .par_iter()
            .map(|path| {
                let stamps = match cached.map(|c| c.lookup(dir, &languages, path)) {
                    Some(Lookup::Hit(unit, inputs)) => return (unit, Origin::Cached(inputs)),
                    Some(Lookup::Miss(stamps)) => stamps,
                    None => Vec::new(),
                };
                (Arc::new(playbook::check(&ctx, path)), Origin::Fresh(stamps))
            })
            .collect()
    });
    let units_count = units.len();
    let rechecked = opened
        .files
        .iter()
        .zip(&units)
        .filter(|(_, (_, origin))| matches!(origin, Origin::Fresh(_)))
        .map(|(path, _)| crate::diag::display_path(dir, path))
        .collect();
    let book = Book {
        root: dir.to_path_buf(),
        config: opened.config,
        playbooks: Vec::new(),
    };
    let (book, locales) = stage("book-wide", || {
        book_wide(
            book,
            &ftl,
            units.iter().map(|(u, _)| &**u),
            keep,
            &mut diags,
        )
    });
    if let Some(front) = front {
        let kept = opened
            .files
            .into_iter()
            .zip(units)
            .map(|(path, (unit, origin))| (path, unit, origin));
        front.replace(dir, &languages, kept);
    }
    if keep != Keep::Everything {
        reread_sources(dir, &mut diags);
    }
    let locales = match keep {
        Keep::Everything | Keep::Build => locales,
        Keep::Diagnostics => Locales::new(),
    };
    let files = units_count;
    Ok(finish(Some(book), diags, locales, (rechecked, files)))
}

/// Diagnostics in their final form: carets past opening quotes, sorted.
fn finish(
    book: Option<Book>,
    mut diags: Diagnostics,
    locales: Locales,
    (rechecked, playbook_files): (Vec<String>, usize),
) -> Checked {
    diags.skip_opening_quotes();
    diags.sort();
    Checked {
        book,
        diags,
        locales,
        rechecked,
        playbook_files,
    }
}

/// Every language of the book (source first) with its `.ftl` files by name.
fn locale_listing(root: &Path, config: &Config) -> Vec<(String, BTreeMap<String, PathBuf>)> {
    config
        .languages()
        .into_iter()
        .map(|lang| {
            let files = i18n::locale_paths(root, &lang)
                .into_iter()
                .map(|p| (i18n::file_stem(&p), p))
                .collect();
            (lang, files)
        })
        .collect()
}

fn targets(config: &Config) -> Vec<(String, String)> {
    config
        .target_languages()
        .into_iter()
        .map(|lang| {
            let name = config.language_name(&lang);
            (lang, name)
        })
        .collect()
}

/// Gathers the playbooks' units (in book order) into the book and its locales, and runs
/// what spans playbooks.
fn book_wide<'u>(
    mut book: Book,
    ftl: &[(String, BTreeMap<String, PathBuf>)],
    units: impl Iterator<Item = &'u Unit>,
    keep: Keep,
    diags: &mut Diagnostics,
) -> (Book, Locales) {
    let mut locales: Locales = ftl
        .iter()
        .map(|(lang, _)| {
            let locale = Locale {
                lang: lang.clone(),
                ..Locale::default()
            };
            (lang.clone(), locale)
        })
        .collect();
    let mut outlines: Vec<Outline> = Vec::new();
    for unit in units {
        diags.merge(unit.diags.clone());
        book.playbooks.extend(unit.source.clone());
        let Some(outline) = &unit.outline else {
            continue;
        };
        // Two playbooks with one id read the same files: the first one's are kept.
        let id = outline.id.as_str();
        for ((lang, _), t) in ftl.iter().zip(&unit.translations) {
            let locale = locales.get_mut(lang).expect("every language has a locale");
            match t {
                Translation::Loaded(f) => {
                    locale
                        .files
                        .entry(id.to_owned())
                        .or_insert_with(|| Arc::clone(f));
                }
                Translation::Refused => {
                    locale.unreadable.insert(id.to_owned());
                }
                Translation::Absent => {}
            }
        }
        outlines.push(outline.clone());
    }
    load_other_files(&book.root, ftl, &mut locales, diags);
    book_wide_rules(&book.root, &book.config, &mut outlines, diags);
    if keep == Keep::Diagnostics {
        message_ids_again(&mut locales, &book.root);
    }
    for locale in locales.values() {
        i18n::report_unresolved(locale, diags);
    }
    let own = crate::i18n::extract::book_own_messages(&book);
    for (lang, name) in targets(&book.config) {
        let locale = &locales[&lang];
        let name_of_file = crate::i18n::extract::BOOK_FILE;
        let found = match locale.files.get(name_of_file) {
            Some(f) => Found::File(f),
            None if locale.unreadable.contains(name_of_file) => Found::Refused,
            None => Found::Absent,
        };
        check_translation(diags, &lang, &name, name_of_file, &own, found);
        check_ui(diags, &lang, &name, locale);
    }
    if keep != Keep::Everything {
        diags.keep_sources_in_use();
    }
    (book, locales)
}

/// The rules across playbooks (`validate::book_wide`). Their findings do not depend on
/// positions, but their diagnostics point into the playbooks: the playbooks they point
/// into that were read the light way (no positions) are parsed again the full way, and
/// the rules run again with those outlines.
fn book_wide_rules(
    root: &Path,
    config: &Config,
    outlines: &mut [Outline],
    diags: &mut Diagnostics,
) {
    let found = crate::validate::book_wide(config, outlines);
    let named: std::collections::HashSet<&str> = found
        .iter()
        .flat_map(|d| {
            std::iter::once(d.file.as_str()).chain(d.related.iter().map(|r| r.file.as_str()))
        })
        .collect();
    let unpositioned: Vec<usize> = (0..outlines.len())
        .filter(|&i| !outlines[i].positioned && named.contains(outlines[i].shown.as_str()))
        .collect();
    if unpositioned.is_empty() {
        diags.extend(found);
        return;
    }
    let positioned: Vec<Option<Outline>> = unpositioned
        .par_iter()
        .map(|&i| {
            let (source, _) = load::load_playbook_file(root, &root.join(&outlines[i].shown));
            source.map(|s| Outline::of(&s))
        })
        .collect();
    for (i, outline) in unpositioned.into_iter().zip(positioned) {
        // A file changed or gone since it was read keeps its first outline.
        if let Some(outline) = outline.filter(|o| o.id.value == outlines[i].id.value) {
            outlines[i] = outline;
        }
    }
    diags.extend(crate::validate::book_wide(config, outlines));
}

/// The `.ftl` files no playbook took: `ui.ftl`, `book.ftl`, and translations of
/// playbooks that did not load or do not exist (still checked for syntax and
/// references).
fn load_other_files(
    root: &Path,
    ftl: &[(String, BTreeMap<String, PathBuf>)],
    locales: &mut Locales,
    diags: &mut Diagnostics,
) {
    let others: Vec<(&String, &String, &PathBuf)> = ftl
        .iter()
        .flat_map(|(lang, files)| {
            let locale = &locales[lang];
            files
                .iter()
                .filter(|(stem, _)| {
                    !locale.files.contains_key(*stem) && !locale.unreadable.contains(*stem)
                })
                .map(move |(stem, path)| (lang, stem, path))
        })
        .collect();
    let loaded: Vec<_> = others
        .par_iter()
        .map(|(_, _, path)| i18n::load_locale_file(root, path))
        .collect();
    for ((lang, stem, _), (file, d)) in others.into_iter().zip(loaded) {
        diags.merge(d);
        let locale = locales.get_mut(lang).expect("every language has a locale");
        match file {
            Some(f) => {
                locale.files.insert(stem.clone(), Arc::new(f));
            }
            None => {
                locale.unreadable.insert(stem.clone());
            }
        }
    }
}

/// With `Keep::Diagnostics` the playbooks' translation files keep only their references
/// (see `playbook::outline_of`). In a language where one refers to a message, which
/// messages every file defines is needed again: those files are read again (they were
/// read whole a moment ago, and nothing is reported from this reading).
fn message_ids_again(locales: &mut Locales, root: &Path) {
    for locale in locales.values_mut() {
        let refers_to_messages = locale.files.values().any(|f| {
            f.doc
                .references
                .iter()
                .any(|r| matches!(r, i18n::references::Reference::Message { .. }))
        });
        if !refers_to_messages {
            continue;
        }
        for file in locale.files.values_mut() {
            if !file.text.is_empty() {
                continue;
            }
            let Ok(text) = crate::read::text(&file.path, crate::read::MAX_FTL_BYTES, Some(root))
            else {
                continue;
            };
            let mut whole = (**file).clone();
            whole.doc.messages = i18n::ftl::parse(&text).messages;
            *file = Arc::new(whole);
        }
    }
}

/// With `Keep::Diagnostics` the playbooks' texts are dropped once their own checks are
/// done; a book-wide diagnostic about one of them (a duplicate id, an unknown related
/// playbook) reads its file again for its snippet.
fn reread_sources(root: &Path, diags: &mut Diagnostics) {
    for shown in diags.missing_sources() {
        let path = root.join(&shown);
        if let Ok(text) = crate::read::text(&path, crate::read::MAX_PLAYBOOK_BYTES, Some(root)) {
            diags.add_source(&shown, text.into());
        }
    }
}
