//! Localization with Project Fluent: English lives in the YAML; every other language lives
//! in `locales/<lang>/<playbook-id>.ftl` (plus `ui.ftl` for the site's own words).
//!
//! Identifiers (event names, IAM actions, resource types, endpoints, URLs) are never
//! messages: they are structure and stay as written in every language.

pub mod escape;
pub mod extract;
pub mod ftl;
pub mod hash;
pub mod pseudo;
pub mod references;
pub mod status;
pub mod translations;
pub mod ui;
pub mod update;

use crate::diag::{self, display_path, Diagnostic, Diagnostics};
use crate::load::Book;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One `.ftl` file of a locale, parsed.
#[derive(Debug, Clone)]
pub struct LocaleFile {
    pub path: PathBuf,
    pub shown: String,
    pub text: Arc<str>,
    pub doc: ftl::FtlDoc,
    /// The file parsed for Fluent's runtime, made on first use (`runtime`): `check` never
    /// needs it, and the preview keeps it with the file between rebuilds.
    pub runtime: std::sync::OnceLock<Arc<fluent_bundle::FluentResource>>,
    /// Made by `lean`: only what tells which messages the file holds and which it
    /// refers to. Read again whole (`load_locale_file`) before it translates anything.
    pub lean: bool,
}

impl LocaleFile {
    pub fn new(path: PathBuf, shown: String, text: Arc<str>, doc: ftl::FtlDoc) -> LocaleFile {
        LocaleFile {
            path,
            shown,
            text,
            doc,
            runtime: std::sync::OnceLock::new(),
            lean: false,
        }
    }

    /// What a build keeps of a playbook's file between the check and that playbook's
    /// turn to be rendered, when the file is read again: the ids of its messages, its
    /// references, and of its text only the lines that may define a term (they start
    /// with `-`). Enough to tell which files a playbook reads (`build::scope`) and to
    /// report references that resolve nowhere; a fraction of the file's size, so that a
    /// build does not hold the whole book's translations at once.
    pub fn lean(&self) -> LocaleFile {
        let terms: String = self
            .text
            .lines()
            .filter(|line| line.starts_with('-'))
            .flat_map(|line| [line, "\n"])
            .collect();
        let messages = self
            .doc
            .messages
            .iter()
            .map(|m| ftl::FtlMessage {
                id: m.id.clone(),
                line: m.line,
                en: None,
                was: None,
                en_hash: None,
                value_hash: None,
                notes: Vec::new(),
                raw: String::new(),
                is_empty: m.is_empty,
                obsolete: m.obsolete,
            })
            .collect();
        let doc = ftl::FtlDoc {
            messages,
            errors: Vec::new(),
            references: self.doc.references.clone(),
        };
        LocaleFile {
            lean: true,
            ..LocaleFile::new(self.path.clone(), self.shown.clone(), terms.into(), doc)
        }
    }

    /// The file as Fluent's runtime reads it. Syntax errors are reported by `check`;
    /// what parsed is kept.
    pub fn runtime(&self) -> &Arc<fluent_bundle::FluentResource> {
        self.runtime.get_or_init(|| {
            Arc::new(
                match fluent_bundle::FluentResource::try_new(self.text.to_string()) {
                    Ok(r) => r,
                    Err((r, _)) => r,
                },
            )
        })
    }
}

/// Every file of one language: `ui` and one per playbook id.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    pub lang: String,
    /// Shared: the preview keeps each playbook's files between rebuilds.
    pub files: BTreeMap<String, Arc<LocaleFile>>,
    /// Files that exist but were refused (unreadable, or not fit for a Fluent parser):
    /// already reported, so never reported again as missing.
    pub unreadable: std::collections::BTreeSet<String>,
}

/// The `.ftl` files of `locales/<lang>/`, sorted (none when the folder is missing).
pub fn locale_paths(root: &std::path::Path, lang: &str) -> Vec<PathBuf> {
    let dir = root.join("locales").join(lang);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}

/// The name a locale file is known by: its file name without `.ftl` (a playbook id,
/// `ui` or `book`).
pub fn file_stem(path: &std::path::Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

/// Reads and parses one `.ftl` file of the book. `None` when it is refused (unreadable,
/// or not fit for a Fluent parser): the diagnostics say why. Fluent syntax errors are
/// diagnostics too, but the rest of the file still loads.
pub fn load_locale_file(
    root: &std::path::Path,
    path: &std::path::Path,
) -> (Option<LocaleFile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let shown = display_path(root, path);
    let text: Arc<str> =
        match crate::read::shared_text(path, crate::read::MAX_FTL_BYTES, Some(root)) {
            Ok(t) => t,
            Err(e) => {
                diags.push(e.to_diagnostic(&shown));
                return (None, diags);
            }
        };
    diags.add_source(&shown, text.clone());
    // Never handed to a Fluent parser (they recurse per level): not loaded at all.
    if let Err(e) = ftl::check_parsable(&text) {
        diags.push(Diagnostic::new(diag::RESOURCE_LIMIT, &shown, e.pos, e.message).help(e.help));
        return (None, diags);
    }
    let doc = ftl::parse_checked(&text);
    for e in &doc.errors {
        diags.push(
            Diagnostic::new(diag::FLUENT_SYNTAX, &shown, e.pos, format!("Fluent syntax error: {}", e.message))
                .help("text with `{`, `}`, or a line starting with `[`, `*` or `.` must be escaped, e.g. `{\"{\"}`; `irbook i18n update` writes these safely"),
        );
    }
    let file = LocaleFile::new(path.to_path_buf(), shown, text, doc);
    (Some(file), diags)
}

/// Reads `locales/<lang>/*.ftl` for every language of the book. Fluent syntax errors
/// become diagnostics (the rest of the file still loads).
pub fn load_locales(book: &Book) -> (BTreeMap<String, Locale>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut out = BTreeMap::new();
    for lang in book.config.languages() {
        let mut locale = Locale {
            lang: lang.clone(),
            ..Locale::default()
        };
        for path in locale_paths(&book.root, &lang) {
            let stem = file_stem(&path);
            let (file, d) = load_locale_file(&book.root, &path);
            diags.merge(d);
            match file {
                Some(file) => {
                    locale.files.insert(stem, Arc::new(file));
                }
                None => {
                    locale.unreadable.insert(stem);
                }
            }
        }
        report_unresolved(&locale, &mut diags);
        out.insert(lang, locale);
    }
    (out, diags)
}

/// Reports the references of the playbooks' translations that cannot resolve (`ui.ftl`
/// is irbook's own and its messages do take variables).
pub fn report_unresolved(locale: &Locale, diags: &mut Diagnostics) {
    let content = || locale.files.iter().filter(|(stem, _)| *stem != "ui");
    // Which messages the language defines matters only to message references, rare:
    // the set is made only when one is found.
    let known = std::cell::OnceCell::new();
    let is_known = |id: &str| {
        known
            .get_or_init(|| {
                content()
                    .flat_map(|(_, f)| f.doc.messages.iter().map(|m| m.id.as_str()))
                    .collect::<std::collections::HashSet<&str>>()
            })
            .contains(id)
    };
    for (_, file) in content() {
        for u in file
            .doc
            .references
            .iter()
            .filter_map(|r| r.unresolved(&is_known))
        {
            diags.push(
                Diagnostic::new(diag::FLUENT_REFERENCE, &file.shown, u.pos, u.what).help(
                    "it would show literally on the page; write the text itself, or `{\"{\"}` for a brace",
                ),
            );
        }
    }
}
