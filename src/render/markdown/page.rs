//! One playbook as a Markdown chapter: the same sections, in the same order, as the HTML
//! page, with headings that never skip a level.

use super::doc::{anchor_tag, Doc};
use super::escape;
use super::response::technique;
use crate::i18n::ui::Ui;
use crate::model::{CafComponent, Phase, Status};
use crate::render::sections;
use crate::view::{ActionView, EventView, GroupView, PlaybookView, Text};

pub fn render(p: &PlaybookView, ui: &Ui) -> String {
    let mut d = Doc::new();
    let title = d.heading_text(&p.title);
    d.heading(1, &title, None);
    d.para(&p.summary);
    overview(&mut d, p, ui);
    // The page's sections, in its order; an outdated one says so under its heading.
    let present = sections::present(p);
    let outdated = sections::outdated(p, &present);
    for key in present {
        let start = d.len();
        section(&mut d, p, ui, key);
        if outdated.contains(&key) {
            d.insert_after_heading(start, &outdated_note(ui));
        }
    }
    let fallback = d.fallback;
    let body = d.finish();
    if !fallback {
        return body;
    }
    // Say once, under the title, that some texts are still in English.
    let note = format!("> {}\n", escape::inline(&ui.get("fallback-note")));
    match body.split_once("\n\n") {
        Some((h1, rest)) => format!("{h1}\n\n{note}\n{rest}"),
        None => format!("{body}\n{note}"),
    }
}

/// One section of the page (`sections::present` names them).
fn section(d: &mut Doc, p: &PlaybookView, ui: &Ui, key: &str) {
    match key {
        "response" => super::response::response(d, p, ui),
        "steps" => steps(d, p, ui),
        "tools" => tools(d, p, ui),
        "objectives" => objectives(d, p, ui),
        "classification" => classification(d, p, ui),
        "preparation" => text_section(d, ui.get("section-preparation"), &p.preparation),
        "escalation" => text_section(d, ui.get("section-escalation"), &p.escalation),
        "service-model" => service_model(d, p, ui),
        "detection" => detection(d, p, ui),
        "analysis" => analysis(d, p, ui),
        "containment" => actions(d, ui.get("section-containment"), &p.containment, ui),
        "recovery" => actions(d, ui.get("section-recovery"), &p.recovery, ui),
        "data-protection" => text_section(d, ui.get("section-data-protection"), &p.data_protection),
        "permissions" => permissions(d, p, ui),
        "lessons" => text_section(d, ui.get("section-lessons"), &p.lessons),
        "backlog" => backlog(d, p, ui),
        "notes" => notes(d, p, ui),
        // A section the page gained and this edition does not know yet: its heading at
        // least, so that the outline stays the page's.
        other => d.heading(
            2,
            &escape::inline(&ui.get(&format!("section-{other}"))),
            None,
        ),
    }
}

/// The site's "outdated translation" note, without its link: the other language's
/// edition is another mdBook, which a relative link cannot reach.
fn outdated_note(ui: &Ui) -> String {
    let mark = format!("**{}**", escape::inline(&ui.get("outdated-mark")));
    format!(
        "> {}",
        pair(ui, mark, escape::inline(&ui.get("outdated-note")))
    )
}

pub fn status_name(ui: &Ui, status: Status) -> String {
    ui.get(match status {
        Status::Draft => "status-draft",
        Status::Active => "status-active",
        Status::Deprecated => "status-deprecated",
    })
}

pub fn code_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| escape::code(n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn label(ui: &Ui, id: &str) -> String {
    escape::cell(&ui.get(id))
}

/// `**Label**: value`, with the language's own punctuation (French puts a space before
/// the colon): `value` is already escaped.
fn field(ui: &Ui, id: &str, value: String) -> String {
    pair(ui, format!("**{}**", escape::inline(&ui.get(id))), value)
}

/// `label: value` for two pieces of already-safe Markdown.
pub fn pair(ui: &Ui, label: String, value: String) -> String {
    ui.with_args("field", &[("label", label), ("value", value)])
}

/// The fields under the title, as the page's header shows them (no heading there either).
fn overview(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    let mut items = vec![field(
        ui,
        "label-status",
        escape::inline(&status_name(ui, p.status)),
    )];
    let plain = |id: &str, v: &Option<String>| v.as_ref().map(|v| field(ui, id, escape::inline(v)));
    items.extend(plain("label-version", &p.version));
    if let Some(date) = &p.approved {
        items.push(field(ui, "label-approved", escape::inline(&ui.date(date))));
    }
    items.extend(plain("label-author", &p.author));
    items.extend(plain("label-approver", &p.approver));
    items.extend(plain("label-owner", &p.response.owner));
    if let Some(date) = &p.response.reviewed {
        items.push(field(ui, "label-reviewed", escape::inline(&ui.date(date))));
    }
    if !p.services.is_empty() {
        items.push(field(ui, "label-services", code_list(&p.services)));
    }
    items.push(field(
        ui,
        "col-events",
        escape::inline(&ui.count("events-count", p.event_count)),
    ));
    d.bullets(items);
}

fn tools(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    if p.tools.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-tools")), None);
    let items: Vec<String> = p
        .tools
        .iter()
        .map(|t| {
            let name = Text {
                text: t.name.clone(),
                lang: String::new(),
                fallback: false,
                outdated: false,
            };
            let link = d.link(&name, &t.url);
            match &t.text {
                Some(x) => pair(ui, link, d.text(x)),
                None => link,
            }
        })
        .collect();
    d.bullets(items);
}

fn objectives(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    let intro = p.response.objectives_intro.as_ref();
    if p.determine.is_empty() && p.recover.is_empty() && p.caf.is_empty() && intro.is_none() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-objectives")), None);
    if let Some(i) = intro {
        d.para(i);
    }
    sub_list(d, 3, ui.get("objectives-determine"), &p.determine);
    sub_list(d, 3, ui.get("objectives-recover"), &p.recover);
    if !p.caf.is_empty() {
        d.heading(3, &escape::inline(&ui.get("objectives-caf")), None);
        d.bullets(p.caf.iter().map(|c| {
            escape::inline(&ui.get(match c {
                CafComponent::Directive => "caf-directive",
                CafComponent::Detective => "caf-detective",
                CafComponent::Responsive => "caf-responsive",
                CafComponent::Preventive => "caf-preventive",
            }))
        }));
    }
}

fn classification(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    let c = &p.classification;
    let mut items = Vec::new();
    // One value stays on its line; several become a nested list (no separator to localize).
    let many = |d: &mut Doc, items: &mut Vec<String>, id: &str, texts: &[Text]| match texts {
        [] => {}
        [one] => items.push(field(ui, id, d.text(one))),
        _ => {
            let mut s = format!("**{}**", escape::inline(&ui.get(id)));
            for t in texts {
                s.push_str(&format!("\n- {}", d.text(t)));
            }
            items.push(s);
        }
    };
    many(d, &mut items, "classification-ttps", &c.ttps);
    many(
        d,
        &mut items,
        "classification-category",
        c.category.as_slice(),
    );
    many(
        d,
        &mut items,
        "classification-resource",
        c.resource.as_slice(),
    );
    many(d, &mut items, "classification-indicators", &c.indicators);
    if !c.log_sources.is_empty() {
        let v = escape::inline(&c.log_sources.join(", "));
        items.push(field(ui, "classification-log-sources", v));
    }
    many(d, &mut items, "classification-teams", &c.teams);
    if items.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-classification")), None);
    d.bullets(items);
}

fn steps(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    if p.steps.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-steps")), None);
    for phase in Phase::ALL {
        let texts: Vec<&Text> = p
            .steps
            .iter()
            .filter(|s| s.phase == phase)
            .map(|s| &s.text)
            .collect();
        if texts.is_empty() {
            continue;
        }
        let name = escape::inline(&ui.get(&format!("phase-{}", phase.key())));
        d.heading(3, &name, Some(&format!("phase-{}", phase.key())));
        let items: Vec<String> = texts.into_iter().map(|t| d.text(t)).collect();
        d.numbered(items);
    }
}

fn analysis(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    match &p.response.analysis_intro {
        None => text_section(d, ui.get("section-analysis"), &p.analysis),
        Some(intro) => {
            d.heading(2, &escape::inline(&ui.get("section-analysis")), None);
            d.para(intro);
            let items: Vec<String> = p.analysis.iter().map(|t| d.text(t)).collect();
            d.bullets(items);
        }
    }
}

fn text_section(d: &mut Doc, heading: String, items: &[Text]) {
    if items.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&heading), None);
    let items: Vec<String> = items.iter().map(|t| d.text(t)).collect();
    d.bullets(items);
}

fn sub_list(d: &mut Doc, level: usize, heading: String, items: &[Text]) {
    if items.is_empty() {
        return;
    }
    d.heading(level, &escape::inline(&heading), None);
    let items: Vec<String> = items.iter().map(|t| d.text(t)).collect();
    d.bullets(items);
}

fn service_model(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    if p.model_intro.is_none() && p.components.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-service-model")), None);
    if let Some(intro) = &p.model_intro {
        d.para(intro);
    }
    let items: Vec<String> = p
        .components
        .iter()
        .map(|c| {
            let name = format!("**{}**", d.text(&c.name));
            pair(ui, name, d.text(&c.text))
        })
        .collect();
    d.bullets(items);
}

fn detection(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    d.heading(2, &escape::inline(&ui.get("section-detection")), None);
    sub_list(d, 3, ui.get("detection-notes"), &p.detection_notes);
    if !p.endpoints.is_empty() {
        d.heading(3, &escape::inline(&ui.get("detection-endpoints")), None);
        let items: Vec<String> = p
            .endpoints
            .iter()
            .map(|e| match &e.label {
                Some(l) => pair(ui, escape::code(&e.host), d.text(l)),
                None => escape::code(&e.host),
            })
            .collect();
        d.bullets(items);
    }
    if !p.common.is_empty() {
        d.heading(3, &escape::inline(&ui.get("detection-common")), None);
        d.block(&code_list(&p.common));
    }
    for g in &p.groups {
        group(d, g, ui);
    }
    if p.data_events_intro.is_some() || !p.data_events.is_empty() {
        d.heading(3, &escape::inline(&ui.get("detection-data-events")), None);
        if let Some(intro) = &p.data_events_intro {
            d.para(intro);
        }
        let rows: Vec<Vec<String>> = p
            .data_events
            .iter()
            .map(|de| {
                vec![
                    format!(
                        "{}{}",
                        anchor_tag(&de.anchor),
                        escape::code_cell(&de.resource_type)
                    ),
                    escape::pipes(&code_list(&de.events)),
                ]
            })
            .collect();
        if !rows.is_empty() {
            d.table(
                &[label(ui, "col-resource-type"), label(ui, "col-events")],
                &rows,
            );
        }
    }
}

fn group(d: &mut Doc, g: &GroupView, ui: &Ui) {
    let title = d.heading_text(&g.title);
    d.heading(3, &title, Some(&format!("group-{}", g.key)));
    if !g.attack.is_empty() {
        let techniques: Vec<String> = g.attack.iter().map(|t| technique(d, t)).collect();
        d.block(&techniques.join(" · "));
    }
    let source = g
        .events
        .first()
        .map(|e| e.event_source.clone())
        .unwrap_or_else(|| format!("{}.amazonaws.com", g.service));
    let service = pair(
        ui,
        escape::inline(&ui.get("col-service")),
        escape::code(&g.service),
    );
    let source = pair(
        ui,
        escape::inline(&ui.get("label-event-source")),
        escape::code(&source),
    );
    d.block(&format!("{service} · {source}"));
    let rows: Vec<Vec<String>> = g.events.iter().map(|e| event_row(d, e, ui)).collect();
    d.table(
        &[
            label(ui, "col-event"),
            label(ui, "col-service"),
            label(ui, "col-access"),
            label(ui, "col-description"),
        ],
        &rows,
    );
}

fn event_row(d: &mut Doc, e: &EventView, ui: &Ui) -> Vec<String> {
    let mut name = format!("{}{}", anchor_tag(&e.anchor), escape::code_cell(&e.name));
    if e.common {
        name.push_str(&format!(" *({})*", label(ui, "event-common-mark")));
    }
    if !e.verified {
        name.push_str(&format!(" *({})*", label(ui, "event-unverified")));
    }
    let mut description = e
        .description
        .as_ref()
        .map(|t| d.cell(t))
        .unwrap_or_default();
    if e.description_is_iam && !description.is_empty() {
        description = format!("*({})* {description}", label(ui, "event-iam-text"));
    }
    if !e.data_resource_types.is_empty() {
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(&format!(
            "*{}:* {}",
            label(ui, "data-event-mark"),
            escape::pipes(&code_list(&e.data_resource_types))
        ));
    }
    // The IAM access level, in the page's language, as the HTML table shows it.
    let access = match &e.access_level {
        Some(level) => label(
            ui,
            &format!("access-level-{}", level.to_lowercase().replace(' ', "-")),
        ),
        None => label(ui, "access-unknown"),
    };
    vec![name, escape::code_cell(&e.service), access, description]
}

fn actions(d: &mut Doc, heading: String, items: &[ActionView], ui: &Ui) {
    if items.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&heading), None);
    let rendered: Vec<String> = items
        .iter()
        .map(|a| {
            let mut s = d.text(&a.text);
            // Links and the note nest under their action, indented as list children.
            for l in &a.links {
                let link = d.link(&l.title, &l.url);
                s.push_str(&format!("\n- {link}"));
            }
            if let Some(n) = &a.note {
                let note = d.text(n);
                let label = format!("**{}**", escape::inline(&ui.get("action-note")));
                s.push_str(&format!("\n- {}", pair(ui, label, note)));
            }
            s
        })
        .collect();
    d.numbered(rendered);
}

fn permissions(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    if p.permission_notes.is_empty() && p.tasks.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-permissions")), None);
    let notes: Vec<String> = p.permission_notes.iter().map(|t| d.text(t)).collect();
    d.bullets(notes);
    if !p.tasks.is_empty() {
        let rows: Vec<Vec<String>> = p
            .tasks
            .iter()
            .map(|t| vec![d.cell(&t.text), escape::pipes(&code_list(&t.actions))])
            .collect();
        d.table(
            &[label(ui, "col-task"), label(ui, "permissions-task-actions")],
            &rows,
        );
    }
}

fn backlog(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    if p.backlog_addressed.is_empty() && p.backlog_current.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-backlog")), None);
    sub_list(d, 3, ui.get("backlog-addressed"), &p.backlog_addressed);
    sub_list(d, 3, ui.get("backlog-current"), &p.backlog_current);
}

fn notes(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    if p.notes.is_empty() {
        return;
    }
    d.heading(2, &escape::inline(&ui.get("section-notes")), None);
    for n in &p.notes {
        let title = d.heading_text(&n.title);
        d.heading(3, &title, Some(&format!("note-{}", n.key)));
        d.fallback |= n.markdown.fallback;
        // Notes are block Markdown kept as written, but a note cannot add headings above
        // its own level or raw HTML.
        d.block(&demote_headings(&escape::html(&n.markdown.text)));
    }
}

/// Turns `# x` lines of a note into level-4+ headings, so the page's outline stays ordered.
fn demote_headings(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<String> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_owned());
        } else if let Some(rest) = trimmed.strip_prefix('#') {
            let level = 1 + rest.chars().take_while(|&c| c == '#').count();
            let after = &rest[level - 1..];
            if level <= 6 && (after.is_empty() || after.starts_with(' ')) {
                let new = (level + 3).min(6);
                out.push_str(&"#".repeat(new));
                out.push_str(after);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_headings_are_demoted() {
        assert_eq!(
            demote_headings("# A\ntext\n```\n# code\n```\n### B"),
            "#### A\ntext\n```\n# code\n```\n###### B\n"
        );
        assert_eq!(demote_headings("#tag"), "#tag\n");
    }
}
