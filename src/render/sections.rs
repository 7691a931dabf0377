//! Which fields of a playbook's view each section of its page shows. The HTML page, the
//! search index, the outdated-translation marks and the Markdown edition all read these,
//! so that a section added to the page (playbook_body.html) is added here once.

use crate::view::walk::{walk_fields, Visit};
use crate::view::PlaybookView;

/// The sections of a playbook that have content, in the order of its page, which the
/// Markdown edition follows too. Each key names the section's `id` and its heading
/// (`section-<key>` in ui.ftl).
pub fn present(pb: &PlaybookView) -> Vec<&'static str> {
    let c = &pb.classification;
    let r = &pb.response;
    let has = [
        (
            "response",
            r.has_triggers()
                || !(r.severity.is_empty()
                    && r.all_techniques.is_empty()
                    && r.sources.is_empty()
                    && r.related.is_empty()),
        ),
        ("steps", !pb.steps.is_empty()),
        ("tools", !pb.tools.is_empty()),
        (
            "objectives",
            !(pb.determine.is_empty()
                && pb.recover.is_empty()
                && pb.caf.is_empty()
                && pb.response.objectives_intro.is_none()),
        ),
        (
            "classification",
            !(c.ttps.is_empty()
                && c.category.is_none()
                && c.resource.is_none()
                && c.indicators.is_empty()
                && c.log_sources.is_empty()
                && c.teams.is_empty()),
        ),
        ("preparation", !pb.preparation.is_empty()),
        ("escalation", !pb.escalation.is_empty()),
        (
            "service-model",
            pb.model_intro.is_some() || !pb.components.is_empty(),
        ),
        (
            "detection",
            !(pb.detection_notes.is_empty()
                && pb.endpoints.is_empty()
                && pb.groups.is_empty()
                && pb.data_events.is_empty()),
        ),
        (
            "analysis",
            !pb.analysis.is_empty() || pb.response.analysis_intro.is_some(),
        ),
        ("containment", !pb.containment.is_empty()),
        ("recovery", !pb.recovery.is_empty()),
        ("data-protection", !pb.data_protection.is_empty()),
        (
            "permissions",
            !(pb.permission_notes.is_empty() && pb.tasks.is_empty()),
        ),
        ("lessons", !pb.lessons.is_empty()),
        (
            "backlog",
            !(pb.backlog_addressed.is_empty() && pb.backlog_current.is_empty()),
        ),
        ("notes", !pb.notes.is_empty()),
    ];
    has.into_iter()
        .filter(|(_, y)| *y)
        .map(|(k, _)| k)
        .collect()
}

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
    sections
        .iter()
        .copied()
        .filter(|s| {
            let mut found = FindOutdated(false);
            walk_fields(pb, fields_of(s), &mut found);
            found.0
        })
        .collect()
}

/// Whether a walked value holds a resolved text marked outdated (`outdated: true`).
struct FindOutdated(bool);

impl Visit for FindOutdated {
    fn string(&mut self, _: Option<&str>, _: &str) {}

    fn flag(&mut self, key: &str, value: bool) {
        self.0 |= key == "outdated" && value;
    }

    fn enter(&mut self, _: &str) -> bool {
        !self.0
    }
}
