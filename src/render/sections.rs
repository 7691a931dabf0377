//! Which fields of a playbook's view each section of its page shows. The HTML page, the
//! search index and the outdated-translation marks all read this one table, so that a
//! section added to the page (playbook_body.html) is added here once.

use crate::view::PlaybookView;
use serde_json::Value;

/// The view fields shown by section `key` (`section-<key>` in ui.ftl). A field not
/// listed is shown at the page's top or nowhere.
pub fn fields_of(section: &str) -> &'static [&'static str] {
    match section {
        // Triggers, severity, ATT&CK, sources, related playbooks (issue 13); the
        // objectives' and analysis' intros it also holds count here too.
        "response" => &["response"],
        "steps" => &["steps"],
        "tools" => &["tools"],
        "objectives" => &["determine", "recover", "caf"],
        "classification" => &["classification"],
        "preparation" => &["preparation"],
        "escalation" => &["escalation"],
        "service-model" => &["model_intro", "components"],
        "detection" => &[
            "detection_notes",
            "endpoints",
            "data_events_intro",
            "groups",
        ],
        "analysis" => &["analysis"],
        "containment" => &["containment"],
        "recovery" => &["recovery"],
        "data-protection" => &["data_protection"],
        "permissions" => &["permission_notes", "tasks"],
        "lessons" => &["lessons"],
        "backlog" => &["backlog_addressed", "backlog_current"],
        "notes" => &["notes"],
        _ => &[],
    }
}

/// The sections among `sections` that show a translation made from older English.
pub fn outdated<'a>(pb: &PlaybookView, sections: &[&'a str]) -> Vec<&'a str> {
    let fields = serde_json::to_value(pb).unwrap_or(Value::Null);
    sections
        .iter()
        .copied()
        .filter(|s| {
            fields_of(s)
                .iter()
                .filter_map(|f| fields.get(*f))
                .any(has_outdated)
        })
        .collect()
}

/// Whether a value holds a resolved text marked outdated.
fn has_outdated(v: &Value) -> bool {
    match v {
        Value::Object(map) => {
            map.get("outdated") == Some(&Value::Bool(true)) || map.values().any(has_outdated)
        }
        Value::Array(items) => items.iter().any(has_outdated),
        _ => false,
    }
}
