//! The book-level pages: the introduction (the playbook list), the event index, the
//! `SUMMARY.md` that orders the chapters, and `book.toml`.

use super::doc::{row_line, table_head, Doc};
use super::escape;
use super::page::{code_list, status_name};
use crate::i18n::ui::Ui;
use crate::view::{data_anchor, BookView};
use std::collections::BTreeMap;
use std::io::{self, Write};

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

/// Every event name of every playbook, A to Z, each linked to the sections covering it,
/// written into `w` row by row: the index holds positions in `view`, and each row's
/// text is made when it is written.
pub fn write_events(view: &BookView, ui: &Ui, w: &mut dyn Write) -> io::Result<()> {
    let mut d = Doc::new();
    // Each playbook's and each group's link text, once.
    let titles: Vec<String> = view
        .playbooks
        .iter()
        .map(|p| link_text(&mut d, &p.title))
        .collect();
    let sections: Vec<Vec<String>> = view
        .playbooks
        .iter()
        .map(|p| {
            p.groups
                .iter()
                .map(|g| link_text(&mut d, &g.title))
                .collect()
        })
        .collect();
    let data_mark = escape::link_text(&ui.get("data-event-mark"));
    /// Where an event is named: playbook, then group and event, or data section.
    enum At {
        Group(usize, usize, usize),
        Data(usize, usize),
    }
    let mut index: BTreeMap<(String, &str), Vec<At>> = BTreeMap::new();
    for (pi, p) in view.playbooks.iter().enumerate() {
        for (gi, g) in p.groups.iter().enumerate() {
            for (ei, e) in g.events.iter().enumerate() {
                let at = At::Group(pi, gi, ei);
                index.entry(sort_key(&e.name)).or_default().push(at);
            }
        }
        for (di, de) in p.data_events.iter().enumerate() {
            for name in &de.events {
                index
                    .entry(sort_key(name))
                    .or_default()
                    .push(At::Data(pi, di));
            }
        }
    }
    d.heading(1, &escape::inline(&ui.get("events-heading")), None);
    d.block(&escape::inline(&ui.get("events-intro-markdown")));
    if index.is_empty() {
        return w.write_all(d.finish().as_bytes());
    }
    w.write_all(d.unfinished().as_bytes())?;
    w.write_all(
        table_head(&[
            escape::cell(&ui.get("col-event")),
            escape::cell(&ui.get("events-col-where")),
        ])
        .as_bytes(),
    )?;
    for ((_, name), places) in &index {
        let links: Vec<String> = places
            .iter()
            .map(|at| {
                let p = |pi: usize| &view.playbooks[pi];
                let (pi, section, href) = match *at {
                    At::Group(pi, gi, ei) => (
                        pi,
                        sections[pi][gi].clone(),
                        format!("{}.md#{}", p(pi).id, p(pi).groups[gi].events[ei].anchor),
                    ),
                    At::Data(pi, di) => {
                        let de = &p(pi).data_events[di];
                        (
                            pi,
                            format!("{data_mark} {}", escape::code(&de.resource_type)),
                            format!("{}.md#{}", p(pi).id, data_anchor(&de.resource_type)),
                        )
                    }
                };
                let href = escape::url(&href).unwrap_or_default();
                format!("[{} › {section}]({href})", titles[pi])
            })
            .collect();
        let cells = [escape::code_cell(name), escape::pipes(&links.join(", "))];
        w.write_all(row_line(&cells).as_bytes())?;
    }
    Ok(())
}

fn link_text(d: &mut Doc, t: &crate::view::Text) -> String {
    d.fallback |= t.fallback;
    escape::link_text(&t.text)
}

/// A to Z regardless of case, exact name second so the order is total.
fn sort_key(name: &str) -> (String, &str) {
    (name.to_lowercase(), name)
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
