//! For renderer tests: the shipped book's views in every language, localized as a build
//! does (loaded without the registry check, which needs the real registry).

use crate::check::Locales;
use crate::i18n::translations::Translator;
use crate::i18n::ui::Ui;
use crate::load::Book;
use crate::registry::Registry;
use crate::view::{self, BookView};
use std::collections::BTreeMap;
use std::path::Path;

pub struct Shipped {
    pub book: Book,
    pub locales: Locales,
    pub views: Vec<BookView>,
    pub uis: BTreeMap<String, Ui>,
}

pub fn shipped() -> Shipped {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (book, _) = crate::load::load_book(root).expect("the shipped book loads");
    let book = book.expect("book.toml parses");
    let (locales, _) = crate::i18n::load_locales(&book);
    let source = book.config.book.source_language.clone();
    let mut views = Vec::new();
    let mut uis = BTreeMap::new();
    for lang in book.config.languages() {
        let tr = Translator::new(&lang, &source, locales.get(&lang));
        let ui = Ui::new(&lang, Some(&book.locales_dir()));
        views.push(view::build(&book, Registry::embedded(), &tr, &ui));
        uis.insert(lang, ui);
    }
    Shipped {
        book,
        locales,
        views,
        uis,
    }
}
