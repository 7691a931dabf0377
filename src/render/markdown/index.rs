//! The book-level pages: the introduction (the playbook list), the event index, the
//! `SUMMARY.md` that orders the chapters, and `book.toml`.

use super::doc::Doc;
use super::escape;
use super::page::{code_list, status_name};
use crate::i18n::ui::Ui;
use crate::view::{data_anchor, BookView};
use std::collections::BTreeMap;

/// The introduction (`README.md`: mdBook makes it `index.html`, GitHub shows it when
/// browsing the folder).
pub fn readme(view: &BookView, ui: &Ui) -> String {
    let mut d = Doc::new();
    d.heading(1, &escape::inline(&view.title), None);
    if let Some(desc) = &view.description {
        if view.lang == view.source_lang {
            d.block(&escape::inline(desc));
        }
    }
    d.block(&escape::inline(&ui.get("playbooks-intro")));
    let rows: Vec<Vec<String>> = view
        .playbooks
        .iter()
        .map(|p| {
            let link = d.link(&p.title, &format!("{}.md", p.id));
            let summary = d.cell(&p.summary);
            vec![
                format!("{}<br>{summary}", escape::pipes(&link)),
                escape::pipes(&code_list(&p.services)),
                escape::cell(&status_name(ui, p.status)),
                escape::cell(
                    &p.approved
                        .as_deref()
                        .map(|a| ui.date(a))
                        .unwrap_or_default(),
                ),
                escape::cell(&ui.count("events-count", p.event_count)),
            ]
        })
        .collect();
    d.heading(2, &escape::inline(&ui.get("playbooks-heading")), None);
    d.block(&escape::inline(
        &ui.count("playbooks-count", view.playbooks.len()),
    ));
    if !rows.is_empty() {
        let header: Vec<String> = [
            "col-playbook",
            "label-services",
            "label-status",
            "label-last-review",
            "col-events",
        ]
        .iter()
        .map(|id| escape::cell(&ui.get(id)))
        .collect();
        d.table(&header, &rows);
    }
    d.finish()
}

/// One place an event is covered: the link target and its label.
struct Where {
    playbook_title: String,
    section: String,
    href: String,
}

/// Every event name of every playbook, A to Z, each linked to the sections covering it.
pub fn events(view: &BookView, ui: &Ui) -> String {
    let mut d = Doc::new();
    let mut index: BTreeMap<(String, String), Vec<Where>> = BTreeMap::new();
    for p in &view.playbooks {
        let title = link_text(&mut d, &p.title);
        for g in &p.groups {
            let section = link_text(&mut d, &g.title);
            for e in &g.events {
                index.entry(sort_key(&e.name)).or_default().push(Where {
                    playbook_title: title.clone(),
                    section: section.clone(),
                    href: format!("{}.md#{}", p.id, e.anchor),
                });
            }
        }
        for de in &p.data_events {
            for name in &de.events {
                index.entry(sort_key(name)).or_default().push(Where {
                    playbook_title: title.clone(),
                    section: format!(
                        "{} {}",
                        escape::link_text(&ui.get("data-event-mark")),
                        escape::code(&de.resource_type)
                    ),
                    href: format!("{}.md#{}", p.id, data_anchor(&de.resource_type)),
                });
            }
        }
    }
    d.heading(1, &escape::inline(&ui.get("events-heading")), None);
    d.block(&escape::inline(&ui.get("events-intro-markdown")));
    let rows: Vec<Vec<String>> = index
        .iter()
        .map(|((_, name), wheres)| {
            let links: Vec<String> = wheres
                .iter()
                .map(|w| {
                    let href = escape::url(&w.href).unwrap_or_default();
                    format!("[{} › {}]({href})", w.playbook_title, w.section)
                })
                .collect();
            vec![escape::code_cell(name), escape::pipes(&links.join(", "))]
        })
        .collect();
    if !rows.is_empty() {
        d.table(
            &[
                escape::cell(&ui.get("col-event")),
                escape::cell(&ui.get("events-col-where")),
            ],
            &rows,
        );
    }
    d.finish()
}

fn link_text(d: &mut Doc, t: &crate::view::Text) -> String {
    d.fallback |= t.fallback;
    escape::link_text(&t.text)
}

/// A to Z regardless of case, exact name second so the order is total.
fn sort_key(name: &str) -> (String, String) {
    (name.to_lowercase(), name.to_owned())
}

/// `SUMMARY.md`: the introduction, one chapter per playbook, the trigger, event and
/// technique indexes.
pub fn summary(view: &BookView, ui: &Ui) -> String {
    let mut s = String::from("# Summary\n\n");
    s.push_str(&format!(
        "[{}](README.md)\n\n",
        escape::link_text(&ui.get("playbooks-heading"))
    ));
    for p in &view.playbooks {
        s.push_str(&format!(
            "- [{}]({}.md)\n",
            escape::link_text(&p.title.text),
            p.id
        ));
    }
    if !view.playbooks.is_empty() {
        s.push('\n');
    }
    s.push_str(&format!(
        "---\n\n[{}](triggers.md)\n[{}](events.md)\n[{}](techniques.md)\n",
        escape::link_text(&ui.get("triggers-heading")),
        escape::link_text(&ui.get("events-heading")),
        escape::link_text(&ui.get("techniques-heading"))
    ));
    s
}

/// `book.toml` for mdBook. Values go through the TOML serializer, so a title with quotes
/// or backslashes stays valid.
pub fn book_toml(view: &BookView) -> String {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut s = String::from("# Generated by irbook: edit the playbooks, not this file.\n");
    s.push_str("[book]\n");
    s.push_str(&format!("title = {}\n", quote(&view.title)));
    if let Some(desc) = &view.description {
        if view.lang == view.source_lang {
            s.push_str(&format!("description = {}\n", quote(desc)));
        }
    }
    s.push_str(&format!("language = {}\n", quote(&view.lang)));
    s.push_str("src = \"src\"\n");
    s.push_str("\n[output.html]\n");
    // Playbooks are read offline and on paper: no search index fetched at run time is
    // needed for the chapters to work, but keep search (it is local) and the print page.
    s.push_str("no-section-label = true\n");
    s
}
