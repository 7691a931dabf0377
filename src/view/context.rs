//! Everything a renderer may read: the views of every language, the interface strings,
//! the book (its config and root) and the digest of its sources. It lives here, below
//! the renderers, so that the pipeline (`build`) calls the renderers and the renderers
//! never call back up into it.

use super::BookView;
use crate::i18n::ui::Ui;
use crate::load::Book;
use crate::registry::Registry;
use std::collections::BTreeMap;

pub struct RenderContext<'a> {
    pub book: &'a Book,
    pub registry: &'a Registry,
    /// One view per language, the source language first.
    pub views: Vec<BookView>,
    pub uis: BTreeMap<String, Ui>,
    /// What the catalog says it was built from (`digest::source_digest` of the
    /// playbooks and the Fluent files as read): known, or named before the translation
    /// files are let go and made when the catalog is (`SourceDigest::later`).
    pub source_digest: crate::digest::SourceDigest,
}

impl RenderContext<'_> {
    pub fn ui(&self, lang: &str) -> &Ui {
        self.uis
            .get(lang)
            .or_else(|| self.uis.values().next())
            .expect("a book has at least its source language")
    }
}
