//! One language's view of the whole book.

use super::localize::playbook_view;
use super::PlaybookView;
use crate::i18n::translations::Translator;
use crate::i18n::ui::Ui;
use crate::load::Book;
use crate::registry::Registry;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: String,
    pub name: String,
}

/// One language's view of the whole book.
#[derive(Debug, Clone, Serialize)]
pub struct BookView {
    pub lang: String,
    pub source_lang: String,
    pub title: String,
    /// The language the title is in (the source's when this language has none).
    pub title_lang: String,
    pub description: Option<String>,
    pub description_lang: String,
    pub languages: Vec<LanguageView>,
    pub playbooks: Vec<PlaybookView>,
}

/// Builds the view of `book` in the translator's language. The book must have passed
/// validation.
pub fn build(book: &Book, registry: &Registry, translator: &Translator, ui: &Ui) -> BookView {
    let _ = ui;
    let mut view = book_meta(book, &translator.lang);
    view.playbooks = book
        .playbooks
        .iter()
        .map(|s| playbook_view(s, registry, translator))
        .collect();
    view.playbooks.sort_by(|a, b| a.id.cmp(&b.id));
    name_roles(book, &mut view);
    view
}

/// Gives each step's role its name in the view's language. Role names live in
/// book.toml (`[roles]`, `[language.<lang>.roles]`): a playbook view only knows the ids.
pub fn name_roles(book: &Book, view: &mut BookView) {
    let lang = view.lang.clone();
    for step in view.playbooks.iter_mut().flat_map(|p| p.steps.iter_mut()) {
        step.role_name = step
            .role
            .as_deref()
            .and_then(|r| book.config.role_name(&lang, r));
    }
}

/// The view of `book` in `lang` without its playbooks: title, description, languages.
/// The pipeline localizes the playbooks one by one and fills them in.
pub fn book_meta(book: &Book, lang: &str) -> BookView {
    let languages = book
        .config
        .languages()
        .into_iter()
        .map(|code| LanguageView {
            name: book.config.language_name(&code),
            code,
        })
        .collect();
    let own = book.config.language.get(lang);
    let source_lang = book.config.book.source_language.clone();
    // The title and description of this language from book.toml, else the source's
    // (marked with the source language, so pages can set `lang` on them).
    let (title, title_lang) = match own.and_then(|l| l.title.clone()) {
        Some(t) => (t, lang.to_owned()),
        None => (book.config.book.title.clone(), source_lang.clone()),
    };
    let (description, description_lang) = match own.and_then(|l| l.description.clone()) {
        Some(d) => (Some(d), lang.to_owned()),
        None => (book.config.book.description.clone(), source_lang.clone()),
    };
    BookView {
        lang: lang.to_owned(),
        source_lang,
        title,
        title_lang,
        description,
        description_lang,
        languages,
        playbooks: Vec::new(),
    }
}
