//! The Markdown edition's response section: triggers, severity levels, ATT&CK techniques,
//! sources and related playbooks (the same facts as the HTML page's section).

use super::doc::Doc;
use super::escape;
use crate::i18n::ui::Ui;
use crate::view::{PlaybookView, Text};

pub fn response(d: &mut Doc, p: &PlaybookView, ui: &Ui) {
    let r = &p.response;
    if !r.has_triggers()
        && r.severity.is_empty()
        && r.all_techniques.is_empty()
        && r.sources.is_empty()
        && r.related.is_empty()
    {
        return;
    }
    d.heading(
        2,
        &escape::inline(&ui.get("section-response")),
        Some("response"),
    );
    if r.has_triggers() {
        d.heading(3, &escape::inline(&ui.get("response-triggers")), None);
        let mut items = Vec::new();
        for (label, list) in [
            ("trigger-guardduty", &r.guardduty),
            ("trigger-securityhub", &r.securityhub),
            ("trigger-cloudtrail", &r.cloudtrail),
        ] {
            if !list.is_empty() {
                let codes: Vec<String> = list.iter().map(|n| escape::code(n)).collect();
                let label = format!("**{}**", escape::inline(&ui.get(label)));
                // ui.ftl's `field` pattern: "label: value" with each language's spacing.
                items.push(ui.with_args("field", &[("label", label), ("value", codes.join(", "))]));
            }
        }
        d.bullets(items);
    }
    if !r.severity.is_empty() {
        d.heading(3, &escape::inline(&ui.get("response-severity")), None);
        let header = [
            escape::inline(&ui.get("severity-level")),
            escape::inline(&ui.get("severity-criteria")),
            escape::inline(&ui.get("severity-questions")),
        ];
        let rows: Vec<Vec<String>> = r
            .severity
            .iter()
            .map(|l| {
                let questions: Vec<String> = l.questions.iter().map(|q| d.cell(q)).collect();
                vec![
                    escape::inline(&ui.get(&format!("severity-{}", l.level))),
                    d.cell(&l.criteria),
                    questions.join(" "),
                ]
            })
            .collect();
        d.table(&header, &rows);
    }
    if !r.all_techniques.is_empty() {
        d.heading(3, &escape::inline(&ui.get("response-attack")), None);
        let items: Vec<String> = r.all_techniques.iter().map(|t| technique(d, t)).collect();
        d.bullets(items);
    }
    if !r.sources.is_empty() {
        d.heading(3, &escape::inline(&ui.get("response-sources")), None);
        let items: Vec<String> = r
            .sources
            .iter()
            .map(|s| {
                let title = Text {
                    text: s.title.clone(),
                    lang: String::new(),
                    fallback: false,
                    outdated: false,
                };
                let link = d.link(&title, &s.url);
                match &s.licence {
                    Some(l) => format!("{link} ({})", escape::inline(l)),
                    None => link,
                }
            })
            .collect();
        d.bullets(items);
    }
    if !r.related.is_empty() {
        d.heading(3, &escape::inline(&ui.get("response-related")), None);
        let items: Vec<String> = r
            .related
            .iter()
            .map(|id| {
                let title = Text {
                    text: id.clone(),
                    lang: String::new(),
                    fallback: false,
                    outdated: false,
                };
                d.link(&title, &format!("{id}.md"))
            })
            .collect();
        d.bullets(items);
    }
}

/// An ATT&CK technique as a link to its page: id and (English) name.
pub fn technique(d: &mut Doc, t: &crate::view::TechniqueView) -> String {
    let title = Text {
        text: format!("{} {}", t.id, t.name),
        lang: "en".to_owned(),
        fallback: false,
        outdated: false,
    };
    d.link(&title, &t.url)
}
