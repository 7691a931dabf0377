//! Everything a renderer may read: the views of every language, the interface strings,
//! the book (its config and root) and the translation files as read. It lives here, below
//! the renderers, so that the pipeline (`build`) calls the renderers and the renderers
//! never call back up into it.

use super::BookView;
use crate::i18n::ui::Ui;
use crate::i18n::Locale;
use crate::load::Book;
use crate::registry::Registry;
use std::collections::BTreeMap;

pub struct RenderContext<'a> {
    pub book: &'a Book,
    pub registry: &'a Registry,
    /// One view per language, the source language first.
    pub views: Vec<BookView>,
    pub uis: BTreeMap<String, Ui>,
    /// The Fluent files of every language, as read (the catalog digests their bytes).
    pub locales: BTreeMap<String, Locale>,
}

impl RenderContext<'_> {
    pub fn ui(&self, lang: &str) -> &Ui {
        self.uis
            .get(lang)
            .or_else(|| self.uis.values().next())
            .expect("a book has at least its source language")
    }
}
