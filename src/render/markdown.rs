//! The Markdown output: one mdBook source per language, `markdown/<lang>/`, that reads
//! well on GitHub too (GFM tables, explicit anchors, relative `.md` links).
//!
//! Every content text is inline Markdown already; `escape` keeps its formatting and
//! escapes raw HTML, so nothing from content reaches a page as markup.

mod doc;
pub mod escape;
mod index;
mod page;
mod response;
mod response_index;

use super::Files;
use crate::view::{BookView, PlaybookView, RenderContext};
use rayon::prelude::*;
use std::borrow::Borrow;
use std::io::{self, Write};

/// The whole Markdown output at once.
pub fn render(ctx: &RenderContext) -> Result<Files, String> {
    // Playbook chapters are independent: render them in parallel over languages ×
    // playbooks; the book-level pages are cheap and come from one thread per language.
    let jobs: Vec<(usize, usize)> = ctx
        .views
        .iter()
        .enumerate()
        .flat_map(|(v, view)| (0..view.playbooks.len()).map(move |p| (v, p)))
        .collect();
    let chapters: Vec<(String, Vec<u8>)> = jobs
        .par_iter()
        .map(|&(v, p)| chapter(ctx, &ctx.views[v].lang, &ctx.views[v].playbooks[p]))
        .collect();
    let mut files: Files = chapters.into_iter().collect();
    files.extend(book_pages(ctx, &ctx.views));
    for view in &ctx.views {
        let (rel, write) = events_page(ctx, view);
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| format!("cannot write {rel}: {e}"))?;
        files.insert(rel, bytes);
    }
    Ok(files)
}

/// One playbook's chapter in `lang`: `markdown/<lang>/src/<id>.md`. A pure function of
/// the playbook's view and the language's interface strings.
pub fn chapter(ctx: &RenderContext, lang: &str, pb: &PlaybookView) -> (String, Vec<u8>) {
    (
        format!("{}/{}.md", src_dir(lang), pb.id),
        page::render(pb, ctx.ui(lang)).into_bytes(),
    )
}

/// The pages of each language's book that list the whole book: `book.toml`,
/// `SUMMARY.md`, `README.md`, `triggers.md`, `techniques.md`, and not the largest,
/// `events.md` (`events_page`). `books` is the book in each language (its playbooks'
/// summaries are enough, `view::summary`).
pub fn book_pages<B: Borrow<BookView>>(ctx: &RenderContext, books: &[B]) -> Files {
    let mut files = Files::new();
    for view in books {
        let view = view.borrow();
        let ui = ctx.ui(&view.lang);
        let root = root_dir(&view.lang);
        files.insert(format!("{root}/book.toml"), index::book_toml(view).into());
        let src = src_dir(&view.lang);
        files.insert(format!("{src}/SUMMARY.md"), index::summary(view, ui).into());
        files.insert(format!("{src}/README.md"), index::readme(view, ui).into());
        files.insert(
            format!("{src}/triggers.md"),
            response_index::triggers(view, ui).into(),
        );
        files.insert(
            format!("{src}/techniques.md"),
            response_index::techniques(view, ui).into(),
        );
    }
    files
}

/// The event index of `view`'s language, `markdown/<lang>/src/events.md`: its path, and
/// what writes it into a sink row by row (at ten thousand playbooks it is over a hundred
/// megabytes).
pub fn events_page<'a>(
    ctx: &'a RenderContext,
    view: &'a BookView,
) -> (
    String,
    impl Fn(&mut dyn Write) -> io::Result<()> + Sync + 'a,
) {
    let ui = ctx.ui(&view.lang);
    (
        format!("{}/events.md", src_dir(&view.lang)),
        move |w: &mut dyn Write| index::write_events(view, ui, w),
    )
}

fn root_dir(lang: &str) -> String {
    format!("markdown/{lang}")
}

fn src_dir(lang: &str) -> String {
    format!("markdown/{lang}/src")
}

#[cfg(test)]
mod tests;
