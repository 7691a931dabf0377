//! The HTML site: per language a playbook list, one page per playbook, an event index, a
//! trigger index, an ATT&CK technique index and a print page; at the root a language
//! chooser and the theme's assets.
//!
//! Pages link to each other and to `assets/` by relative paths only, and load nothing
//! from elsewhere, so that the folder works from a web server, a file share or a USB
//! stick. Pages are rendered in parallel; the output is a sorted map, so the same input
//! gives the same bytes.

mod chapter;
mod engine;
mod events_index;
mod pages;
mod theme;

use super::response_index;
use super::{Put, PutWith};
use crate::view::RenderContext;
use crate::view::{BookView, PlaybookView};
use engine::Engine;
use pages::{Common, LanguageLink};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use theme::Theme;

/// What the site holds of one playbook, in every language: its page and its print
/// chapter. A pure function of the playbook's views and of what every page shares (the
/// theme, the interface strings, the book's title and languages).
#[derive(Debug, Clone)]
pub struct PlaybookFiles {
    /// `(<lang>/<id>.html, bytes)`, one per language in book order.
    pub pages: Vec<(String, Vec<u8>)>,
    /// The print page's chapter, per language in book order.
    pub chapters: Vec<String>,
    /// Its part of the search index, per language in book order.
    pub search: Vec<crate::render::search::Fragment>,
}

/// Makes the search index script of the `n`-th language of the book.
pub type SearchIndex<'a> = dyn Fn(usize) -> Result<Vec<u8>, String> + Sync + 'a;

/// The site renderer, ready: theme loaded, templates compiled, the strings every page of
/// a language shares converted once.
pub struct Site<'c> {
    ctx: &'c RenderContext<'c>,
    theme: Theme,
    engine: Engine,
    langs: Vec<Lang<'c>>,
    /// Render a playbook's languages side by side (`with_languages_side_by_side`).
    languages_side_by_side: bool,
}

impl<'c> Site<'c> {
    pub fn new(ctx: &'c RenderContext<'c>) -> Result<Site<'c>, String> {
        // The theme is read here, once, before any page is rendered: it is an input of
        // the renderer like the view, and only this renderer knows its layout.
        let theme_dir = ctx
            .book
            .config
            .build
            .theme
            .as_ref()
            .map(|t| ctx.book.root.join(t));
        let theme = Theme::load(theme_dir.as_deref())?;
        let engine = Engine::new(&theme)?;
        let langs = ctx
            .views
            .iter()
            .map(|view| {
                let ui = pages::ui_strings(ctx.ui(&view.lang));
                Lang {
                    view,
                    shared: engine::Shared::new(&SharedVars { ui: ui.clone() }),
                    ui,
                    title_lang: view.title_lang.clone(),
                }
            })
            .collect();
        Ok(Site {
            ctx,
            theme,
            engine,
            langs,
            languages_side_by_side: false,
        })
    }

    /// What every playbook's page depends on besides the playbook itself, as bytes for
    /// a fingerprint (`cache`): the theme's templates, and per language the interface
    /// strings and the book's title, description and languages.
    pub fn shared_inputs(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Inputs<'a> {
            templates: &'a BTreeMap<String, String>,
            langs: Vec<Lang<'a>>,
        }
        /// What `common` reads of a language (not its playbooks: each has its own key).
        #[derive(Serialize)]
        struct Lang<'a> {
            ui: &'a BTreeMap<String, String>,
            lang: &'a str,
            source_lang: &'a str,
            title: &'a str,
            title_lang: &'a str,
            description: Option<&'a str>,
            description_lang: &'a str,
            languages: &'a [crate::view::LanguageView],
        }
        let inputs = Inputs {
            templates: &self.theme.templates,
            langs: self
                .langs
                .iter()
                .map(|l| Lang {
                    ui: &l.ui,
                    lang: &l.view.lang,
                    source_lang: &l.view.source_lang,
                    title: &l.view.title,
                    title_lang: &l.title_lang,
                    description: l.view.description.as_deref(),
                    description_lang: &l.view.description_lang,
                    languages: &l.view.languages,
                })
                .collect(),
        };
        serde_json::to_vec(&inputs).unwrap_or_default()
    }

    /// This site renders each playbook's languages side by side: for the preview, which
    /// renders the one playbook saved. A build leaves it off: its playbooks already keep
    /// every core busy, and one language at a time holds less in memory.
    pub fn with_languages_side_by_side(mut self) -> Self {
        self.languages_side_by_side = true;
        self
    }

    /// The page and print chapter of one playbook in every language; `views` holds its
    /// view in each language, in book order.
    pub fn playbook<'v>(
        &self,
        views: impl Iterator<Item = &'v PlaybookView>,
    ) -> Result<PlaybookFiles, String> {
        let languages: Vec<_> = self.langs.iter().zip(views).collect();
        let render = |(l, pb): (&Lang, &PlaybookView)| {
            let ui = self.ctx.ui(&l.view.lang);
            let file = format!("{}.html", pb.id);
            let outdated = crate::render::sections::outdated(pb, &pages::sections(pb));
            let page = pages::OnePage {
                common: common(self.ctx, l, "playbook", Some(&file)),
                p: pages::playbook_page(pb, ui, &outdated),
            };
            // The body once, for the page and for the print chapter.
            let page = engine::Page::new(&page);
            let body = self
                .engine
                .render_page(engine::PLAYBOOK_BODY, &page, &l.shared)?;
            let chapter = chapter::print(&body, &pages::print_prefix(&pb.id));
            let html = self.engine.render_with_body(
                "playbook.html",
                &page,
                &l.shared,
                chapter::page(&body),
            )?;
            let path = format!("{}/{file}", l.view.lang);
            Ok(((path, html.into_bytes()), chapter, search_fragment(l, pb)))
        };
        // A playbook's languages do not depend on each other; collected in book order.
        let rendered = if self.languages_side_by_side {
            languages
                .into_par_iter()
                .map(render)
                .collect::<Result<Vec<_>, String>>()?
        } else {
            languages
                .into_iter()
                .map(render)
                .collect::<Result<Vec<_>, String>>()?
        };
        let mut out = PlaybookFiles {
            pages: Vec::with_capacity(rendered.len()),
            chapters: Vec::with_capacity(rendered.len()),
            search: Vec::with_capacity(rendered.len()),
        };
        for (page, chapter, search) in rendered {
            out.pages.push(page);
            out.chapters.push(chapter);
            out.search.push(search);
        }
        Ok(out)
    }

    /// The book-wide files of the site, each given to `put` as soon as it is made:
    /// language chooser, lists, event indexes, search indexes (`search_index` makes the
    /// `n`-th language's from the playbooks' fragments: `crate::render::search`), and
    /// the theme's assets. `books` is the book in each language, its playbooks as
    /// `view::summary` keeps them. The playbooks' own pages are theirs; the print pages
    /// are streamed (`print_frame`), and so are the event indexes, through `put_with`.
    pub fn book(
        &self,
        books: &[Arc<BookView>],
        search_index: &SearchIndex,
        put: &Put,
        put_with: &PutWith,
    ) -> Result<(), String> {
        // The event indexes hold the whole book: they go first, so that they do not
        // start last and leave the other cores idle.
        let mut jobs: Vec<Job> = Vec::new();
        for n in 0..self.langs.len() {
            jobs.extend([Job::Events(n), Job::Triggers(n), Job::Techniques(n)]);
        }
        jobs.push(Job::Chooser);
        jobs.extend((0..self.langs.len()).map(Job::List));
        jobs.par_iter().try_for_each(|job| {
            crate::timing::stage(job.name(), || self.run_job(books, job, put, put_with))
        })?;
        self.langs.par_iter().enumerate().try_for_each(|(n, l)| {
            let index = crate::timing::stage("html: search index", || search_index(n))?;
            put(format!("{}/search-index.js", l.view.lang), index)?;
            put(
                format!("{}/print.css", l.view.lang),
                pages::print_css(&l.view.title, &l.ui),
            )
        })?;
        for (path, bytes) in &self.theme.assets {
            put(format!("assets/{path}"), bytes.clone())?;
        }
        Ok(())
    }

    /// The print page of language `n` (`<lang>/print.html`) without its chapters: the
    /// pieces of text that go around them, one more than there are playbooks. The
    /// chapters, rendered with the playbooks' pages, go between them as the page is
    /// written: the whole page is never one value in memory, nor the book one template
    /// value.
    /// `book`: the book in that language, its playbooks' summaries (`view::summary`).
    pub fn print_frame(&self, book: &BookView, n: usize) -> Result<(String, Vec<String>), String> {
        let (ctx, l) = (self.ctx, &self.langs[n]);
        let common = common(ctx, l, "print", Some("print.html"));
        let language_names = if common.languages_inline {
            l.view.languages.iter().map(|x| x.name.clone()).collect()
        } else {
            Vec::new()
        };
        let page = pages::PrintPage {
            common,
            edition: pages::edition(book, ctx.ui(&l.view.lang)),
            language_names,
            playbooks: book
                .playbooks
                .iter()
                .map(|pb| pages::print_entry(pb, CHAPTER))
                .collect(),
        };
        let html = self.engine.render("print.html", &page, &l.shared)?;
        let pieces: Vec<String> = html.split(CHAPTER).map(str::to_owned).collect();
        if pieces.len() != page.playbooks.len() + 1 {
            return Err(format!(
                "theme: print.html must insert each playbook's `p.body` once \
                 ({} insertions for {} playbooks)",
                pieces.len() - 1,
                page.playbooks.len()
            ));
        }
        Ok((format!("{}/print.html", l.view.lang), pieces))
    }

    /// The event index of language `n` (`<lang>/events.html`), written as it is rendered:
    /// its rows are made one at a time as the template reads them (`events_index`).
    /// `book`: the book in that language, its playbooks' summaries.
    fn events_page(
        &self,
        book: &Arc<BookView>,
        n: usize,
        put_with: &PutWith,
    ) -> Result<(), String> {
        let (ctx, l) = (self.ctx, &self.langs[n]);
        let index = Arc::new(events_index::build(Arc::clone(book)));
        let page = pages::EventsPage {
            common: common(ctx, l, "events", Some("events.html")),
            events_count: ctx
                .ui(&l.view.lang)
                .count("events-count", engine::Rows::len(&*index)),
        };
        // The theme's diagnostic, not "cannot write …", when the template fails.
        let theme_error = Mutex::new(None);
        let written = put_with(format!("{}/events.html", l.view.lang), &|w| {
            let list = ("events", &index);
            match self
                .engine
                .render_streamed("events.html", &page, list, &l.shared, w)
            {
                Ok(()) => Ok(()),
                Err(engine::Streamed::Write(e)) => Err(e),
                Err(engine::Streamed::Theme(msg)) => {
                    let e = std::io::Error::other(msg.clone());
                    *theme_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(msg);
                    Err(e)
                }
            }
        });
        match theme_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(msg) => Err(msg),
            None => written,
        }
    }

    /// Renders the page of `job` and gives it to `put` (or, streamed, to `put_with`).
    fn run_job(
        &self,
        books: &[Arc<BookView>],
        job: &Job,
        put: &Put,
        put_with: &PutWith,
    ) -> Result<(), String> {
        let (ctx, langs, engine) = (self.ctx, &self.langs, &self.engine);
        let (path, html) = match *job {
            Job::Chooser => ("index.html".to_owned(), chooser(ctx, langs, engine)?),
            Job::List(n) => {
                let l = &langs[n];
                let ui = ctx.ui(&l.view.lang);
                let page = pages::ListPage {
                    common: common(ctx, l, "list", Some("index.html")),
                    playbooks: books[n]
                        .playbooks
                        .iter()
                        .map(|pb| pages::list_entry(pb, ui))
                        .collect(),
                    playbooks_count: ui.count("playbooks-count", books[n].playbooks.len()),
                };
                (
                    format!("{}/index.html", l.view.lang),
                    engine.render("playbooks.html", &page, &l.shared)?,
                )
            }
            Job::Events(n) => return self.events_page(&books[n], n, put_with),
            Job::Triggers(n) => {
                let l = &langs[n];
                let triggers = response_index::triggers(&books[n]);
                let page = pages::TriggersPage {
                    common: common(ctx, l, "triggers", Some("triggers.html")),
                    triggers: &triggers,
                };
                (
                    format!("{}/triggers.html", l.view.lang),
                    engine.render("triggers.html", &page, &l.shared)?,
                )
            }
            Job::Techniques(n) => {
                let l = &langs[n];
                let techniques = response_index::techniques(&books[n]);
                let page = pages::TechniquesPage {
                    common: common(ctx, l, "techniques", Some("techniques.html")),
                    techniques: &techniques,
                    techniques_count: ctx
                        .ui(&l.view.lang)
                        .count("techniques-count", techniques.len()),
                };
                (
                    format!("{}/techniques.html", l.view.lang),
                    engine.render("techniques.html", &page, &l.shared)?,
                )
            }
        };
        put(path, html.into_bytes())
    }
}

/// A playbook's part of its language's search index, its sections titled as its page
/// titles them.
fn search_fragment(l: &Lang, pb: &PlaybookView) -> crate::render::search::Fragment {
    let sections = pages::sections(pb)
        .into_iter()
        .map(|key| crate::render::search::Section {
            key,
            title: l.ui[&format!("section-{key}")].clone(),
        })
        .collect();
    crate::render::search::fragment(pb, &l.view.lang, sections)
}

/// One language's view with what its pages share.
struct Lang<'a> {
    view: &'a BookView,
    ui: BTreeMap<String, String>,
    /// `ui`, converted for the engine once.
    shared: engine::Shared,
    title_lang: String,
}

#[derive(Serialize)]
struct SharedVars {
    /// Interface strings by id: `ui['nav-events']`.
    ui: BTreeMap<String, String>,
}

/// Where a chapter goes in the print page's template output (`print_frame`). Content
/// cannot produce it: every text is escaped, so `<!--` comes only from the theme.
const CHAPTER: &str = "<!--irbook:chapter-->";

/// One book-wide page to render: indices into the languages.
enum Job {
    Chooser,
    List(usize),
    Events(usize),
    Triggers(usize),
    Techniques(usize),
}

impl Job {
    /// The stage name in `IRBOOK_TIMINGS` output.
    fn name(&self) -> &'static str {
        match self {
            Job::Chooser => "html: chooser",
            Job::List(_) => "html: list",
            Job::Events(_) => "html: events index",
            Job::Triggers(_) => "html: trigger index",
            Job::Techniques(_) => "html: technique index",
        }
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
