//! One language's view of the whole book.

use super::localize::playbook_view;
use super::PlaybookView;
use crate::i18n::extract::{role_name_id, BOOK_DESCRIPTION_ID, BOOK_TITLE_ID};
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
    let mut view = book_meta(book, translator);
    view.playbooks = book
        .playbooks
        .iter()
        .map(|s| playbook_view(s, registry, translator))
        .collect();
    view.playbooks.sort_by(|a, b| a.id.cmp(&b.id));
    name_roles(book, translator, &mut view);
    view
}

/// Gives each step's role its name in the view's language. Role names are the book's
/// (English in book.toml `[roles]`, translations in `locales/<lang>/book.ftl`): a
/// playbook view only knows the ids.
pub fn name_roles(book: &Book, translator: &Translator, view: &mut BookView) {
    for p in &mut view.playbooks {
        name_playbook_roles(book, translator, p);
    }
}

/// `name_roles` for one playbook's view.
pub fn name_playbook_roles(book: &Book, translator: &Translator, view: &mut PlaybookView) {
    for step in &mut view.steps {
        step.role_name = step.role.as_deref().and_then(|r| {
            let english = book.config.roles.get(r)?;
            Some(translator.text(&role_name_id(r), english).text)
        });
    }
}

/// The view of `book` in the translator's language without its playbooks: title,
/// description, languages. The pipeline localizes the playbooks one by one and fills them in.
pub fn book_meta(book: &Book, translator: &Translator) -> BookView {
    let lang = translator.lang.as_str();
    let languages = book
        .config
        .languages()
        .into_iter()
        .map(|code| LanguageView {
            name: book.config.language_name(&code),
            code,
        })
        .collect();
    let source_lang = book.config.book.source_language.clone();
    // The title and description in this language (locales/<lang>/book.ftl), else the
    // source's, marked with the source language so pages can set `lang` on them.
    let in_lang = |id: &str, english: &str| {
        let r = translator.text(id, english);
        let shown_lang = if r.fallback || translator.is_source {
            source_lang.clone()
        } else {
            lang.to_owned()
        };
        (r.text, shown_lang)
    };
    let (title, title_lang) = in_lang(BOOK_TITLE_ID, &book.config.book.title);
    let (description, description_lang) = match &book.config.book.description {
        Some(d) => {
            let (text, l) = in_lang(BOOK_DESCRIPTION_ID, d);
            (Some(text), l)
        }
        None => (None, source_lang.clone()),
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
