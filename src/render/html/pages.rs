//! What each page template receives. The view model holds the book's content; these
//! structs add what only a page needs: where it sits (the relative path to the root),
//! the interface strings, the language switcher, dates and counts already localized.
//! Templates therefore never compute a URL or a plural themselves.

use crate::i18n::translations::Resolved;
use crate::i18n::ui::Ui;
use crate::model::Phase;
use crate::render::detections::{file_paths, group_queries, FilePaths, GroupQueries};
use crate::view::{BookView, DataEventsView, PlaybookView, StepView};
use serde::Serialize;
use std::collections::BTreeMap;

/// Shared by every page.
#[derive(Serialize)]
pub struct Common<'a> {
    /// The page's language (`<html lang>`).
    pub lang: &'a str,
    /// Relative path from the page to the output root: `""` or `"../"`.
    pub root: &'static str,
    /// The kind of page, on `<body data-page>` for the script.
    pub page: &'static str,
    pub book_title: &'a str,
    /// Language of the title: the source's unless book.toml gives one for this language.
    pub book_title_lang: &'a str,
    /// book.toml's description for this language, else the source's.
    pub book_description: Option<&'a str>,
    pub book_description_lang: &'a str,
    pub source_lang: &'a str,
    /// The same page in every language of the book, when there are few enough to link
    /// each from every page (`languages_inline`); empty otherwise.
    pub languages: Vec<LanguageLink>,
    pub languages_count: usize,
    pub languages_inline: bool,
    /// The root chooser, told which page to open in the language chosen.
    pub languages_chooser: String,
    /// The language's search index script, relative to the page (empty: no search).
    pub search_index: &'static str,
}

/// Beyond this many languages a page links to the language chooser instead of to the
/// same page in each language: a link per language on every page of every language
/// would make the output grow with the square of the number of languages.
pub const MAX_INLINE_LANGUAGES: usize = 8;

#[derive(Serialize)]
pub struct LanguageLink {
    pub code: String,
    pub name: String,
    /// Relative to the current page.
    pub href: String,
    pub current: bool,
    /// "Read this page in Français", in the page's language.
    pub label: String,
}

/// A playbook as the list, the playbook page and the print page show it.
#[derive(Serialize)]
pub struct PlaybookPage<'a> {
    pub pb: &'a PlaybookView,
    /// `<id>.html`, relative to the language folder.
    pub href: String,
    /// Prefix of every `id` in the playbook's body: empty, since the body is rendered
    /// as for the page; its print chapter gets `print_prefix` from `chapter::print`.
    /// Kept for themes written when the body was rendered twice.
    pub idp: String,
    pub phases: Vec<PhaseSteps<'a>>,
    pub approved: Option<String>,
    /// `owners.reviewed`, as a date in the page's language.
    pub reviewed: Option<String>,
    pub events_count: String,
    /// The common events, each with the anchor of its first row in the event tables.
    pub common: Vec<NameAnchor<'a>>,
    /// The data-event tables, each event with the anchor of its row in an event table.
    pub data: Vec<DataSection<'a>>,
    /// Keys of the sections this playbook has, in page order: the table of contents and
    /// the body both read it, so they cannot disagree.
    pub sections: Vec<&'static str>,
    /// The sections showing a translation made from English that changed since.
    pub outdated: Vec<&'static str>,
    /// Each event group's ready queries, by group key (not on the print page).
    pub queries: BTreeMap<&'a str, GroupQueries>,
    /// The playbook's files under `detections/`, relative to the output root.
    pub detection_files: Option<FilePaths>,
}

#[derive(Serialize)]
pub struct NameAnchor<'a> {
    pub name: &'a str,
    pub anchor: Option<&'a str>,
    /// Title of the group whose table has that row.
    pub group: Option<&'a Resolved>,
}

#[derive(Serialize)]
pub struct DataSection<'a> {
    pub d: &'a DataEventsView,
    pub rows: Vec<NameAnchor<'a>>,
}

#[derive(Serialize)]
pub struct PhaseSteps<'a> {
    pub key: &'static str,
    pub steps: Vec<&'a StepView>,
}

#[derive(Serialize)]
pub struct ListPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub playbooks: Vec<ListEntry<'a>>,
    pub playbooks_count: String,
}

#[derive(Serialize)]
pub struct OnePage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub p: PlaybookPage<'a>,
}

#[derive(Serialize)]
pub struct EventsPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    /// `events` (the rows, `events_index::Index`) is given to the template beside these.
    pub events_count: String,
}

/// `<lang>/triggers.html`: GuardDuty finding types, Security Hub controls and CloudTrail
/// events → the playbooks they trigger.
#[derive(Serialize)]
pub struct TriggersPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub triggers: &'a crate::render::response_index::Triggers<'a>,
}

/// `<lang>/techniques.html`: ATT&CK techniques → the playbooks covering them.
#[derive(Serialize)]
pub struct TechniquesPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub techniques: &'a [crate::render::response_index::Technique<'a>],
    pub techniques_count: String,
}

#[derive(Serialize)]
pub struct PrintPage<'a> {
    #[serde(flatten)]
    pub common: Common<'a>,
    pub playbooks: Vec<PrintEntry<'a>>,
    /// The cover's date: the latest review of any playbook, localized. (Not the build's
    /// date: two builds of the same sources give the same bytes.)
    pub edition: Option<String>,
    /// The book's languages by name, when few enough to list on every print page.
    pub language_names: Vec<String>,
}

/// A playbook on the list: what its card shows. Not the whole view: the list of a book
/// of thousands of playbooks would copy the book into the template's values.
#[derive(Serialize)]
pub struct ListEntry<'a> {
    pub pb: ListCard<'a>,
    /// `<id>.html`, relative to the language folder.
    pub href: String,
    /// `pb.approved`, as a date in the page's language.
    pub approved: Option<String>,
    pub events_count: String,
}

#[derive(Serialize)]
pub struct ListCard<'a> {
    pub id: &'a str,
    pub title: &'a crate::view::Text,
    pub summary: &'a crate::view::Text,
    pub status: crate::model::Status,
    pub services: &'a [String],
    pub version: Option<&'a str>,
    pub approved: Option<&'a str>,
    pub event_count: usize,
}

pub fn list_entry<'a>(pb: &'a PlaybookView, ui: &Ui) -> ListEntry<'a> {
    ListEntry {
        pb: ListCard {
            id: &pb.id,
            title: &pb.title,
            summary: &pb.summary,
            status: pb.status,
            services: &pb.services,
            version: pb.version.as_deref(),
            approved: pb.approved.as_deref(),
            event_count: pb.event_count,
        },
        href: format!("{}.html", pb.id),
        approved: pb.approved.as_deref().map(|d| ui.date(d)),
        events_count: ui.count("events-count", pb.event_count),
    }
}

/// A playbook on the print page: its contents entry and where its chapter goes. Only
/// what the contents show: the chapters are rendered with the playbooks' pages and
/// streamed into the page between the pieces of this template's output.
#[derive(Serialize)]
pub struct PrintEntry<'a> {
    pub pb: PrintTitle<'a>,
    /// `<id>.html`, relative to the language folder.
    pub href: String,
    /// Prefix of every `id` in the chapter: `<id>--`.
    pub idp: String,
    /// Where the chapter goes: the template inserts it with `|safe`.
    pub body: &'static str,
}

#[derive(Serialize)]
pub struct PrintTitle<'a> {
    pub id: &'a str,
    pub title: &'a crate::view::Text,
    pub version: Option<&'a str>,
}

pub fn print_entry<'a>(pb: &'a PlaybookView, body: &'static str) -> PrintEntry<'a> {
    PrintEntry {
        pb: PrintTitle {
            id: &pb.id,
            title: &pb.title,
            version: pb.version.as_deref(),
        },
        href: format!("{}.html", pb.id),
        idp: print_prefix(&pb.id),
        body,
    }
}

/// What every id of playbook `id`'s print chapter starts with, so that the playbooks
/// sharing the print page never share an id.
pub fn print_prefix(id: &str) -> String {
    format!("{id}--")
}

/// "Edition of <the latest `approved` date of the book's playbooks>", localized.
pub fn edition(book: &BookView, ui: &Ui) -> Option<String> {
    book.playbooks
        .iter()
        .filter_map(|pb| pb.approved.as_deref())
        .max()
        .map(|d| ui.with_args("print-edition", &[("date", ui.date(d))]))
}

/// `<lang>/print.css`: what the paper needs in this language that a shared stylesheet
/// cannot say: the running header (the book's title) and the page-number wording. CSS
/// `content` takes only strings, so the title is written as one, escaped.
pub fn print_css(book_title: &str, ui: &BTreeMap<String, String>) -> Vec<u8> {
    let page = css_string(&ui["print-page"]);
    let title = css_string(book_title);
    format!(
        "/* Generated by irbook: the running header and page numbers of print.html. */\n\
         @page {{\n  @top-left {{ content: {title}; }}\n  \
         @bottom-right {{ content: {page} \" \" counter(page) \" / \" counter(pages); }}\n}}\n\
         @page :first {{\n  @top-left {{ content: none; }}\n  @bottom-right {{ content: none; }}\n}}\n"
    )
    .into_bytes()
}

/// A CSS string literal: quotes and backslashes escaped, control characters as escapes.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c == '<' || c == '>' => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every interface string of the built-in set, in the language of `ui` (the book may
/// override any of them in its `locales/<lang>/ui.ftl`).
pub fn ui_strings(ui: &Ui) -> BTreeMap<String, String> {
    crate::i18n::ui::default_ids("en")
        .into_iter()
        .map(|id| {
            let text = ui.get(&id);
            (id, text)
        })
        .collect()
}

/// The language switcher of a page at `path_in_lang` (`amazon-q.html`) in `lang`;
/// `None` for the root chooser, whose links go into each language folder. Empty for a
/// page of a book with more than [`MAX_INLINE_LANGUAGES`]: it links to the chooser.
pub fn language_links(book: &BookView, ui: &Ui, path_in_lang: Option<&str>) -> Vec<LanguageLink> {
    if path_in_lang.is_some() && book.languages.len() > MAX_INLINE_LANGUAGES {
        return Vec::new();
    }
    book.languages
        .iter()
        .map(|l| LanguageLink {
            code: l.code.clone(),
            name: l.name.clone(),
            href: match path_in_lang {
                Some(p) => format!("../{}/{p}", l.code),
                None => format!("{}/index.html", l.code),
            },
            current: path_in_lang.is_some() && l.code == book.lang,
            label: ui.with_args("other-language", &[("language", l.name.clone())]),
        })
        .collect()
}

/// `outdated`: its sections showing an outdated translation (`sections::outdated`).
/// The same page makes the print chapter (`chapter::print`).
pub fn playbook_page<'a>(
    pb: &'a PlaybookView,
    ui: &Ui,
    outdated: &[&'static str],
) -> PlaybookPage<'a> {
    let phases = Phase::ALL
        .iter()
        .map(|phase| PhaseSteps {
            key: phase.key(),
            steps: pb.steps.iter().filter(|s| s.phase == *phase).collect(),
        })
        .filter(|p| !p.steps.is_empty())
        .collect();
    // First row of each event name in the event tables, for links from the lists of
    // common and data events.
    let mut rows: BTreeMap<&str, (&str, &Resolved)> = BTreeMap::new();
    for g in &pb.groups {
        for ev in &g.events {
            rows.entry(ev.name.as_str())
                .or_insert((ev.anchor.as_str(), &g.title));
        }
    }
    let named = |name: &'a str| NameAnchor {
        name,
        anchor: rows.get(name).map(|r| r.0),
        group: rows.get(name).map(|r| r.1),
    };
    PlaybookPage {
        pb,
        href: format!("{}.html", pb.id),
        idp: String::new(),
        phases,
        approved: pb.approved.as_deref().map(|d| ui.date(d)),
        reviewed: pb.response.reviewed.as_deref().map(|d| ui.date(d)),
        events_count: ui.count("events-count", pb.event_count),
        common: pb.common.iter().map(|n| named(n)).collect(),
        data: pb
            .data_events
            .iter()
            .map(|d| DataSection {
                d,
                rows: d.events.iter().map(|n| named(n)).collect(),
            })
            .collect(),
        outdated: outdated.to_vec(),
        queries: pb
            .groups
            .iter()
            .filter_map(|g| Some((g.key.as_str(), group_queries(pb, g)?)))
            .collect(),
        detection_files: (!pb.groups.is_empty()).then(|| file_paths(&pb.id)),
        sections: sections(pb),
    }
}

/// The sections of a playbook page that have content, in order (shared with the Markdown
/// edition and the search index).
pub use crate::render::sections::present as sections;
