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

use super::Files;
use crate::view::RenderContext;
use rayon::prelude::*;

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
        .map(|&(v, p)| {
            let view = &ctx.views[v];
            let pb = &view.playbooks[p];
            (
                format!("{}/{}.md", src_dir(&view.lang), pb.id),
                page::render(pb, ctx.ui(&view.lang)).into_bytes(),
            )
        })
        .collect();
    let mut files: Files = chapters.into_iter().collect();
    for view in &ctx.views {
        let ui = ctx.ui(&view.lang);
        let root = root_dir(&view.lang);
        files.insert(format!("{root}/book.toml"), index::book_toml(view).into());
        let src = src_dir(&view.lang);
        files.insert(format!("{src}/SUMMARY.md"), index::summary(view, ui).into());
        files.insert(format!("{src}/README.md"), index::readme(view, ui).into());
        files.insert(format!("{src}/events.md"), index::events(view, ui).into());
    }
    Ok(files)
}

fn root_dir(lang: &str) -> String {
    format!("markdown/{lang}")
}

fn src_dir(lang: &str) -> String {
    format!("markdown/{lang}/src")
}

#[cfg(test)]
mod tests;
