//! The trigger index (`triggers.md`) and the ATT&CK technique index (`techniques.md`) of
//! the Markdown edition: the same data as the site's pages (`render::response_index`).

use super::doc::Doc;
use super::escape;
use crate::i18n::ui::Ui;
use crate::render::markdown_inline::plain;
use crate::render::response_index::{self, Place};
use crate::view::BookView;

/// GuardDuty finding types, Security Hub controls and CloudTrail events → playbooks.
pub fn triggers(view: &BookView, ui: &Ui) -> String {
    let index = response_index::triggers(view);
    let mut d = Doc::new();
    d.heading(1, &escape::inline(&ui.get("triggers-heading")), None);
    d.block(&escape::inline(&ui.get("triggers-intro")));
    if index.is_empty() {
        d.block(&escape::inline(&ui.get("triggers-none")));
    }
    for (kind, rows) in [
        ("guardduty", &index.guardduty),
        ("securityhub", &index.securityhub),
        ("cloudtrail", &index.cloudtrail),
    ] {
        if rows.is_empty() {
            continue;
        }
        d.heading(
            2,
            &escape::inline(&ui.get(&format!("trigger-{kind}"))),
            Some(kind),
        );
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|t| {
                let links: Vec<String> = t
                    .playbooks
                    .iter()
                    .map(|p| d.link(p.title, &format!("{}.md#{}", p.id, p.md_anchor)))
                    .collect();
                vec![escape::code_cell(t.name), escape::pipes(&links.join(", "))]
            })
            .collect();
        d.table(
            &[
                escape::cell(&ui.get(&format!("triggers-col-{kind}"))),
                escape::cell(&ui.get("triggers-col-playbooks")),
            ],
            &rows,
        );
    }
    d.finish()
}

/// ATT&CK techniques → the playbooks covering them, and where.
pub fn techniques(view: &BookView, ui: &Ui) -> String {
    let index = response_index::techniques(view);
    let mut d = Doc::new();
    d.heading(1, &escape::inline(&ui.get("techniques-heading")), None);
    d.block(&escape::inline(&format!(
        "{} ({})",
        ui.get("techniques-intro"),
        ui.count("techniques-count", index.len())
    )));
    let rows: Vec<Vec<String>> = index
        .iter()
        .map(|e| {
            let t = e.technique;
            let technique = match escape::url(&t.url) {
                Some(u) => format!(
                    "[{} {}]({u})",
                    escape::code(&t.id),
                    escape::link_text(&t.name)
                ),
                None => format!("{} {}", escape::code(&t.id), escape::link_text(&t.name)),
            };
            let places: Vec<String> = e
                .playbooks
                .iter()
                .flat_map(|p| {
                    d.fallback |= p.title.fallback;
                    let title = escape::link_text(&p.title.text);
                    p.places
                        .iter()
                        .map(|pl| {
                            let href = format!("{}.md#{}", p.id, pl.md_anchor);
                            let href = escape::url(&href).unwrap_or_default();
                            format!("[{title} › {}]({href})", place_label(pl, ui))
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            vec![
                escape::pipes(&technique),
                escape::cell(&t.tactics.join(", ")),
                escape::pipes(&places.join(", ")),
            ]
        })
        .collect();
    if !rows.is_empty() {
        d.table(
            &[
                escape::cell(&ui.get("techniques-col-technique")),
                escape::cell(&ui.get("techniques-col-tactics")),
                escape::cell(&ui.get("techniques-col-where")),
            ],
            &rows,
        );
    }
    d.finish()
}

/// "the playbook as a whole", "step: <its text, short>", "event group: <title>".
fn place_label(pl: &Place, ui: &Ui) -> String {
    let Some(label) = pl.label else {
        return escape::link_text(&ui.get("techniques-place-playbook"));
    };
    let words = plain(&label.text);
    let short: String = if words.chars().count() > 60 {
        let cut: String = words.chars().take(60).collect();
        format!("{}…", cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut))
    } else {
        words
    };
    let prefix = if pl.kind == "step" {
        "techniques-place-step"
    } else {
        "techniques-place-group"
    };
    escape::link_text(&format!("{} {short}", ui.get(prefix)))
}
