//! The front half of one playbook, as one task: load its YAML, validate it, read its
//! translation in every language and check that translation against it. A pure function
//! of the playbook's files, the book's config and the registry, so that the playbooks run
//! in parallel and the preview can keep each result until one of those files changes.

use crate::diag::Diagnostics;
use crate::i18n::ftl::FtlDoc;
use crate::i18n::translations::{check_translation, Found};
use crate::i18n::LocaleFile;
use crate::load::Source;
use crate::model::Playbook;
use crate::registry::Registry;
use crate::validate::Outline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a check keeps besides the diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The loaded playbooks and translations, for a build to render.
    Everything,
    /// Only what the book-wide rules read (`irbook check`): memory then grows with the
    /// diagnostics, not with the book.
    Diagnostics,
    /// For `irbook build`: the loaded playbooks without their texts, and their
    /// translations lean (`LocaleFile::lean`); the build reads each translation again
    /// when its playbook is rendered, so that the whole book's `.ftl` files are never
    /// in memory at once.
    Build,
}

/// What every playbook's task shares.
pub struct Context<'a> {
    pub root: &'a Path,
    pub registry: &'a Registry,
    /// Every language of the book (source first) with its `.ftl` files by name.
    pub ftl: &'a [(String, BTreeMap<String, PathBuf>)],
    /// The translation targets, with their names as diagnostics say them.
    pub targets: &'a [(String, String)],
    pub keep: Keep,
}

/// One playbook's front half.
pub struct Unit {
    /// The playbook, when it loaded (and `Keep::Everything`).
    pub source: Option<Arc<Source<Playbook>>>,
    /// What the book-wide rules read of it, when it loaded.
    pub outline: Option<Outline>,
    /// Per language of the book, in `Context::ftl` order: its file named after the
    /// playbook's id.
    pub translations: Vec<Translation>,
    pub diags: Diagnostics,
}

/// A language's file for one playbook.
#[derive(Clone)]
pub enum Translation {
    Absent,
    /// It exists but was refused (reported in the unit's diagnostics).
    Refused,
    Loaded(Arc<LocaleFile>),
}

impl Translation {
    fn found(&self) -> Found<'_> {
        match self {
            Translation::Absent => Found::Absent,
            Translation::Refused => Found::Refused,
            Translation::Loaded(f) => Found::File(f),
        }
    }
}

/// The front half of the playbook at `path`.
///
/// The YAML is read the light way first (`load::parse_light`: no positions, half the
/// cost). A playbook with nothing to report is done then. Otherwise its diagnostics need
/// positions: it is parsed again the full way and checked again, so that what is
/// reported is exactly what the full parse alone reports (its translation files are
/// not read twice).
pub fn check(ctx: &Context, path: &Path) -> Unit {
    let (text, diags, shown) = match crate::load::read_playbook_file(ctx.root, path) {
        Ok(read) => read,
        Err(diags) => return not_loaded(diags),
    };
    let mut translations = None;
    if let Some(doc) = crate::load::parse_light(&text) {
        let source = Source {
            path: path.to_path_buf(),
            shown: shown.clone(),
            text: Arc::clone(&text),
            doc,
        };
        let read = read_translations(ctx, source.doc.id.as_str());
        let unit = checked(ctx, source, &read, diags.clone());
        if unit.diags.items().is_empty() {
            return unit;
        }
        // The full parse gives the same id, hence the same translation files.
        translations = Some(read);
    }
    let mut diags = diags;
    match crate::load::parse_playbook(&text, &shown) {
        Ok(doc) => {
            let source = Source {
                path: path.to_path_buf(),
                shown,
                text,
                doc,
            };
            let read =
                translations.unwrap_or_else(|| read_translations(ctx, source.doc.id.as_str()));
            checked(ctx, source, &read, diags)
        }
        Err(d) => {
            diags.push(*d);
            not_loaded(diags)
        }
    }
}

fn not_loaded(diags: Diagnostics) -> Unit {
    Unit {
        source: None,
        outline: None,
        translations: Vec::new(),
        diags,
    }
}

/// The playbook's file in every language of the book (`Context::ftl` order), with what
/// reading each one reported.
fn read_translations(ctx: &Context, id: &str) -> Vec<(Translation, Diagnostics)> {
    ctx.ftl
        .iter()
        .map(|(_, files)| match files.get(id) {
            None => (Translation::Absent, Diagnostics::new()),
            Some(ftl) => {
                let (file, d) = crate::i18n::load_locale_file(ctx.root, ftl);
                let t = file.map_or(Translation::Refused, |f| Translation::Loaded(Arc::new(f)));
                (t, d)
            }
        })
        .collect()
}

/// Validates the loaded playbook and checks its translations against it.
fn checked(
    ctx: &Context,
    source: Source<Playbook>,
    read: &[(Translation, Diagnostics)],
    mut diags: Diagnostics,
) -> Unit {
    diags.extend(crate::validate::validate_playbook(&source, ctx.registry));
    let id = source.doc.id.as_str();
    let translations: Vec<Translation> = read
        .iter()
        .map(|(t, d)| {
            diags.merge(d.clone());
            t.clone()
        })
        .collect();
    // Made once for every target language.
    let expected = crate::i18n::extract::playbook_messages(&source, ctx.registry);
    for (lang, name) in ctx.targets {
        let at = ctx.ftl.iter().position(|(l, _)| l == lang);
        let found = at.map_or(Found::Absent, |at| translations[at].found());
        check_translation(&mut diags, lang, name, id, &expected, found);
    }
    let outline = Some(Outline::of(&source));
    match ctx.keep {
        Keep::Build => {
            diags.keep_sources_in_use();
            let reserved = crate::i18n::extract::RESERVED_FILES.contains(&id);
            Unit {
                source: Some(Arc::new(Source {
                    text: Arc::from(""),
                    ..source
                })),
                outline,
                translations: translations
                    .into_iter()
                    .map(|t| match t {
                        Translation::Loaded(f) if !reserved => {
                            Translation::Loaded(Arc::new(f.lean()))
                        }
                        t => t,
                    })
                    .collect(),
                diags,
            }
        }
        Keep::Everything => Unit {
            source: Some(Arc::new(source)),
            outline,
            translations,
            diags,
        },
        Keep::Diagnostics => {
            diags.keep_sources_in_use();
            // A playbook may take a reserved file's name (an error of its own): that
            // file is then checked whole by the book-wide rules, so kept whole.
            let reserved = crate::i18n::extract::RESERVED_FILES.contains(&id);
            Unit {
                source: None,
                outline,
                translations: translations
                    .into_iter()
                    .map(|t| match t {
                        Translation::Loaded(f) if !reserved => {
                            Translation::Loaded(Arc::new(outline_of(&f)))
                        }
                        t => t,
                    })
                    .collect(),
                diags,
            }
        }
    }
}

/// What the book-wide rules read of a translation file: the references it makes. Not
/// even its message ids: they matter only when some file of the language refers to a
/// message, which is rare; `check::message_ids_again` reads them again then.
fn outline_of(file: &LocaleFile) -> LocaleFile {
    LocaleFile::new(
        file.path.clone(),
        file.shown.clone(),
        Arc::from(""),
        FtlDoc {
            messages: Vec::new(),
            errors: Vec::new(),
            references: file.doc.references.clone(),
        },
    )
}
