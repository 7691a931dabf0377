//! The book-wide pages read only what `view::summary` keeps of each playbook: rendered
//! from the summaries, they are byte for byte the pages rendered from the full views.

use crate::registry::Registry;
use crate::render::{detections, html::Site, markdown};
use crate::view::{self, BookView, RenderContext};
use std::sync::Arc;

#[test]
fn summaries_render_the_book_wide_pages_as_the_full_views_do() {
    let crate::render::shipped_book::Shipped {
        book,
        locales,
        views,
        uis,
    } = crate::render::shipped_book::shipped();
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
        source_digest: crate::digest::source_digest(&book.playbooks, &locales).into(),
    };
    let site = Site::new(&ctx).expect("the theme loads");
    let site_files = |books: &[BookView]| {
        let books: Vec<Arc<BookView>> = books.iter().cloned().map(Arc::new).collect();
        let files = std::sync::Mutex::new(crate::render::Files::new());
        let no_index = |_| {
            Ok(crate::render::search::index_script(Vec::<
                crate::render::search::Fragment,
            >::new()))
        };
        let put = |rel, bytes| {
            files.lock().unwrap().insert(rel, bytes);
            Ok(())
        };
        let put_with = |rel: String, write: &crate::render::Writer| {
            let mut bytes = Vec::new();
            write(&mut bytes).map_err(|e| e.to_string())?;
            put(rel, bytes)
        };
        site.book(&books, &no_index, &put, &put_with)
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
    for (view, summary) in views.iter().zip(&summaries) {
        let events = |book| {
            let (_, write) = markdown::events_page(&ctx, book);
            let mut bytes = Vec::new();
            write(&mut bytes).expect("writes");
            bytes
        };
        assert_eq!(events(view), events(summary));
    }
    let url = Some("https://example.com/book");
    let layer = detections::navigator_file(&views[0], url).expect("renders");
    assert!(layer.is_some(), "the shipped book names ATT&CK techniques");
    assert_eq!(
        layer,
        detections::navigator_file(&summaries[0], url).expect("renders")
    );
}
