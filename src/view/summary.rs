//! What the book-wide pages read of a playbook: its view with everything else taken out.
//!
//! The pipeline renders each playbook's own files from its full views, then keeps only
//! this summary for the pages that list the whole book (lists, print contents, event,
//! trigger and technique indexes, the Markdown books' indexes, the ATT&CK layer), so that
//! a book's memory does not grow with every playbook's texts. Those pages take a
//! `BookView` of summaries; what they read must stay in it (the suite renders them from
//! summaries and from full views and compares, `summaries_render_the_book_wide_pages…`).

use super::PlaybookView;

/// `view` without what no book-wide page reads. Kept: id, title, summary, version,
/// status, approved, services, event count, the event groups (titles, events, ATT&CK
/// techniques), the data events, the endpoints, the steps that name techniques (key,
/// phase, text, techniques), the triggers and techniques of the response section.
pub fn summary(mut view: PlaybookView) -> PlaybookView {
    let r = &mut view.response;
    r.owner = None;
    r.reviewed = None;
    r.sources = Vec::new();
    r.related = Vec::new();
    r.severity = Vec::new();
    r.objectives_intro = None;
    r.analysis_intro = None;
    view.steps.retain(|s| !s.attack.is_empty());
    for s in &mut view.steps {
        s.role = None;
        s.role_name = None;
    }
    for e in view.groups.iter_mut().flat_map(|g| g.events.iter_mut()) {
        e.access_level = None;
        e.read_only = None;
    }
    for e in &mut view.endpoints {
        e.label = None;
    }
    view.author = None;
    view.approver = None;
    view.tools = Vec::new();
    view.determine = Vec::new();
    view.recover = Vec::new();
    view.caf = Vec::new();
    view.classification.ttps = Vec::new();
    view.classification.category = None;
    view.classification.resource = None;
    view.classification.indicators = Vec::new();
    view.classification.log_sources = Vec::new();
    view.classification.teams = Vec::new();
    view.preparation = Vec::new();
    view.escalation = Vec::new();
    view.escalation_keys = Vec::new();
    view.model_intro = None;
    view.components = Vec::new();
    view.detection_notes = Vec::new();
    view.common = Vec::new();
    view.data_events_intro = None;
    view.data_only_events = Vec::new();
    view.analysis = Vec::new();
    view.containment = Vec::new();
    view.recovery = Vec::new();
    view.data_protection = Vec::new();
    view.permission_notes = Vec::new();
    view.tasks = Vec::new();
    view.lessons = Vec::new();
    view.backlog_addressed = Vec::new();
    view.backlog_current = Vec::new();
    view.notes = Vec::new();
    view
}
