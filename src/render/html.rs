//! The HTML site: per language a playbook list, one page per playbook, an event index
//! and a print page; at the root a language chooser and the theme's assets.
//!
//! Pages link to each other and to `assets/` by relative paths only, and load nothing
//! from elsewhere, so that the folder works from a web server, a file share or a USB
//! stick. Pages are rendered in parallel; the output is a sorted map, so the same input
//! gives the same bytes.

mod engine;
mod events_index;
mod pages;
mod theme;

use super::Files;
use crate::view::BookView;
use crate::view::RenderContext;
use engine::Engine;
use pages::{Common, LanguageLink};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use theme::Theme;

pub fn render(ctx: &RenderContext) -> Result<Files, String> {
    // The theme is read here, once, before any page is rendered: it is an input of the
    // renderer like the view, and only this renderer knows its layout.
    let theme_dir = ctx
        .book
        .config
        .build
        .theme
        .as_ref()
        .map(|t| ctx.book.root.join(t));
    let theme = Theme::load(theme_dir.as_deref())?;
    let engine = Engine::new(&theme)?;

    let langs: Vec<Lang> = ctx
        .views
        .iter()
        .map(|view| {
            let ui = pages::ui_strings(ctx.ui(&view.lang));
            Lang {
                view,
                shared: engine::Shared::new(&SharedVars { ui: ui.clone() }),
                ui,
                index: events_index::build(view),
                title_lang: view.title_lang.clone(),
            }
        })
        .collect();

    // The print pages and event indices hold the whole book: they go first, so that
    // they do not start last and leave the other cores idle.
    let mut jobs: Vec<Job> = Vec::new();
    for n in 0..langs.len() {
        jobs.extend([Job::Print(n), Job::Events(n)]);
    }
    jobs.push(Job::Chooser);
    for (n, lang) in langs.iter().enumerate() {
        jobs.push(Job::List(n));
        jobs.extend((0..lang.view.playbooks.len()).map(|p| Job::Playbook(n, p)));
    }
    let pages: Vec<(String, Vec<u8>)> = jobs
        .par_iter()
        .map(|job| job.render(ctx, &langs, &engine))
        .collect::<Result<_, String>>()?;

    let mut files: Files = pages.into_iter().collect();
    let indexes: Vec<(String, Vec<u8>)> = langs
        .par_iter()
        .map(|l| (format!("{}/search-index.js", l.view.lang), search_index(l)))
        .collect();
    files.extend(indexes);
    for (path, bytes) in theme.assets {
        files.insert(format!("assets/{path}"), bytes);
    }
    Ok(files)
}

/// The search index of a language, its sections titled as the pages title them.
fn search_index(l: &Lang) -> Vec<u8> {
    crate::render::search::index_script(l.view, |pb| {
        pages::sections(pb)
            .into_iter()
            .map(|key| crate::render::search::Section {
                key,
                title: l.ui[&format!("section-{key}")].clone(),
            })
            .collect()
    })
}

/// One language's view with what its pages share.
struct Lang<'a> {
    view: &'a BookView,
    ui: BTreeMap<String, String>,
    /// `ui`, converted for the engine once.
    shared: engine::Shared,
    index: Vec<events_index::IndexEvent<'a>>,
    title_lang: String,
}

#[derive(Serialize)]
struct SharedVars {
    /// Interface strings by id: `ui['nav-events']`.
    ui: BTreeMap<String, String>,
}

/// One page to render: indices into the languages and their playbooks.
enum Job {
    Chooser,
    List(usize),
    Events(usize),
    Print(usize),
    Playbook(usize, usize),
}

impl Job {
    fn render(
        &self,
        ctx: &RenderContext,
        langs: &[Lang],
        engine: &Engine,
    ) -> Result<(String, Vec<u8>), String> {
        let (path, html) = match *self {
            Job::Chooser => ("index.html".to_owned(), chooser(ctx, langs, engine)?),
            Job::List(n) => {
                let l = &langs[n];
                let ui = ctx.ui(&l.view.lang);
                let page = pages::ListPage {
                    common: common(ctx, l, "list", Some("index.html")),
                    playbooks: l
                        .view
                        .playbooks
                        .iter()
                        .map(|pb| pages::playbook_page(pb, ui, false))
                        .collect(),
                    playbooks_count: ui.count("playbooks-count", l.view.playbooks.len()),
                };
                (
                    format!("{}/index.html", l.view.lang),
                    engine.render("playbooks.html", &page, &l.shared)?,
                )
            }
            Job::Events(n) => {
                let l = &langs[n];
                let page = pages::EventsPage {
                    common: common(ctx, l, "events", Some("events.html")),
                    events: &l.index,
                    events_count: ctx.ui(&l.view.lang).count("events-count", l.index.len()),
                };
                (
                    format!("{}/events.html", l.view.lang),
                    engine.render("events.html", &page, &l.shared)?,
                )
            }
            Job::Print(n) => {
                let l = &langs[n];
                let ui = ctx.ui(&l.view.lang);
                let page = pages::PrintPage {
                    common: common(ctx, l, "print", Some("print.html")),
                    playbooks: l
                        .view
                        .playbooks
                        .iter()
                        .map(|pb| pages::playbook_page(pb, ui, true))
                        .collect(),
                };
                (
                    format!("{}/print.html", l.view.lang),
                    engine.render("print.html", &page, &l.shared)?,
                )
            }
            Job::Playbook(n, p) => {
                let l = &langs[n];
                let pb = &l.view.playbooks[p];
                let file = format!("{}.html", pb.id);
                let page = pages::OnePage {
                    common: common(ctx, l, "playbook", Some(&file)),
                    p: pages::playbook_page(pb, ctx.ui(&l.view.lang), false),
                };
                (
                    format!("{}/{file}", l.view.lang),
                    engine.render("playbook.html", &page, &l.shared)?,
                )
            }
        };
        Ok((path, html.into_bytes()))
    }
}

fn common<'a>(
    ctx: &RenderContext,
    l: &'a Lang,
    page: &'static str,
    path_in_lang: Option<&str>,
) -> Common<'a> {
    Common {
        lang: &l.view.lang,
        root: if path_in_lang.is_some() { "../" } else { "" },
        page,
        book_title: &l.view.title,
        book_title_lang: &l.title_lang,
        book_description: l.view.description.as_deref(),
        book_description_lang: &l.view.description_lang,
        source_lang: &l.view.source_lang,
        languages: pages::language_links(l.view, ctx.ui(&l.view.lang), path_in_lang),
        languages_count: l.view.languages.len(),
        languages_inline: l.view.languages.len() <= pages::MAX_INLINE_LANGUAGES,
        languages_chooser: match path_in_lang {
            Some(p) => format!("../index.html?to={p}#languages"),
            None => "index.html#languages".to_owned(),
        },
        search_index: if path_in_lang.is_some() {
            "search-index.js"
        } else {
            ""
        },
    }
}

/// The root page: each language offered in its own words.
fn chooser(ctx: &RenderContext, langs: &[Lang], engine: &Engine) -> Result<String, String> {
    #[derive(Serialize)]
    struct Choice<'a> {
        #[serde(flatten)]
        link: &'a LanguageLink,
        title: &'a str,
        title_lang: &'a str,
        prompt: &'a str,
    }
    #[derive(Serialize)]
    struct Page<'a> {
        #[serde(flatten)]
        common: Common<'a>,
        choices: Vec<Choice<'a>>,
    }
    let source = &langs[0];
    let common = common(ctx, source, "chooser", None);
    let links: Vec<LanguageLink> =
        pages::language_links(source.view, ctx.ui(&source.view.lang), None);
    let choices = links
        .iter()
        .zip(langs)
        .map(|(link, l)| Choice {
            link,
            title: &l.view.title,
            title_lang: &l.title_lang,
            prompt: &l.ui["choose-language"],
        })
        .collect();
    engine.render("chooser.html", &Page { common, choices }, &source.shared)
}
