//! The front half of every command that reads content: load the book, validate it
//! against the registry, read and check its translations. `irbook check` reports what
//! this finds; `build` and `serve` go on to render when it finds no error.

use crate::diag::Diagnostics;
use crate::i18n::Locale;
use crate::load::{self, Book};
use crate::registry::Registry;
use crate::timing::stage;
use std::collections::BTreeMap;
use std::path::Path;

/// Every language's translation files, by language.
pub type Locales = BTreeMap<String, Locale>;

/// What checking a book found.
pub struct Checked {
    /// None when the book could not be loaded at all (the diagnostics say why).
    pub book: Option<Book>,
    pub diags: Diagnostics,
    /// The translations read while checking, so that a build does not read and parse
    /// them a second time.
    pub locales: Locales,
}

/// Loads and validates the book in `dir`. `Err` is an I/O failure (exit 2); content
/// errors are diagnostics.
pub fn check_book(dir: &Path) -> Result<Checked, String> {
    let (book, mut diags) = stage("load", || load::load_book(dir)).map_err(|e| e.0)?;
    let mut locales = Locales::new();
    if let Some(book) = &book {
        let registry = Registry::embedded();
        diags.merge(stage("validate", || {
            crate::validate::validate(book, registry)
        }));
        let (loaded, locale_diags) = stage("locales", || crate::i18n::load_locales(book));
        diags.merge(locale_diags);
        diags.merge(stage("i18n check", || {
            crate::i18n::translations::check(book, registry, &loaded)
        }));
        locales = loaded;
    }
    diags.skip_opening_quotes();
    diags.sort();
    Ok(Checked {
        book,
        diags,
        locales,
    })
}
