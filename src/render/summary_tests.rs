//! The book-wide pages read only what `view::summary` keeps of each playbook: rendered
//! from the summaries, they are byte for byte the pages rendered from the full views.

use crate::i18n::translations::Translator;
use crate::i18n::ui::Ui;
use crate::registry::Registry;
use crate::render::{detections, html::Site, markdown};
use crate::view::{self, BookView, RenderContext};
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn summaries_render_the_book_wide_pages_as_the_full_views_do() {
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
    let summaries: Vec<BookView> = views
        .iter()
        .map(|b| BookView {
            playbooks: b.playbooks.iter().cloned().map(view::summary).collect(),
            ..b.clone()
        })
        .collect();
    assert!(summaries[0].playbooks.iter().all(|p| p.notes.is_empty()));
    let ctx = RenderContext {
        book: &book,
        registry: Registry::embedded(),
        views: views.clone(),
        uis,
        locales,
    };
    let site = Site::new(&ctx).expect("the theme loads");
    let site_files = |books: &[BookView]| {
        let files = std::sync::Mutex::new(crate::render::Files::new());
        site.book(books, &[], &|rel, bytes| {
            files.lock().unwrap().insert(rel, bytes);
            Ok(())
        })
        .expect("renders");
        files.into_inner().unwrap()
    };
    assert_eq!(site_files(&views), site_files(&summaries));
    for n in 0..views.len() {
        assert_eq!(
            site.print_frame(&views[n], n).expect("renders"),
            site.print_frame(&summaries[n], n).expect("renders")
        );
    }
    assert_eq!(
        markdown::book_pages(&ctx, &views),
        markdown::book_pages(&ctx, &summaries)
    );
    let url = Some("https://example.com/book");
    let layer = detections::navigator_file(&views[0], url).expect("renders");
    assert!(layer.is_some(), "the shipped book names ATT&CK techniques");
    assert_eq!(
        layer,
        detections::navigator_file(&summaries[0], url).expect("renders")
    );
}
