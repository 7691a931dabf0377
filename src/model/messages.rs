//! The translatable texts of a playbook, each with a message id derived from structure.
//!
//! Ids are built from the playbook id, the section and the item's key (or the event name),
//! never from positions in the file, so reordering items keeps every translation. This is
//! the single list that i18n extraction, the localizer and the checks all walk.

use super::items::Items;
use super::{Playbook, Sp};

/// Owned id + borrowed text.
#[derive(Debug, Clone)]
pub struct OwnedMessage<'a> {
    pub id: String,
    pub text: &'a Sp<String>,
}

/// A list section whose items each carry a message: its id is `<playbook>-<section>-<key>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSection {
    Determine,
    Recover,
    Ttp,
    Indicator,
    Team,
    Step,
    Preparation,
    Escalation,
    DetectionNote,
    Analysis,
    DataProtection,
    PermissionsNote,
    Task,
    Lesson,
    BacklogAddressed,
    BacklogCurrent,
}

impl ListSection {
    /// The section's part of a message id.
    pub fn name(self) -> &'static str {
        match self {
            ListSection::Determine => "determine",
            ListSection::Recover => "recover",
            ListSection::Ttp => "ttp",
            ListSection::Indicator => "indicator",
            ListSection::Team => "team",
            ListSection::Step => "step",
            ListSection::Preparation => "preparation",
            ListSection::Escalation => "escalation",
            ListSection::DetectionNote => "detection-note",
            ListSection::Analysis => "analysis",
            ListSection::DataProtection => "data-protection",
            ListSection::PermissionsNote => "permissions-note",
            ListSection::Task => "task",
            ListSection::Lesson => "lesson",
            ListSection::BacklogAddressed => "backlog-addressed",
            ListSection::BacklogCurrent => "backlog-current",
        }
    }
}

/// A section of actions (text, links, note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionSection {
    Containment,
    Recovery,
}

impl ActionSection {
    pub fn name(self) -> &'static str {
        match self {
            ActionSection::Containment => "containment",
            ActionSection::Recovery => "recovery",
        }
    }
}

/// Message id of an item of a list section.
pub fn item_id(playbook: &str, section: ListSection, key: &str) -> String {
    fluent_id(&format!("{playbook}-{}-{key}", section.name()))
}

/// A text that a playbook has at most once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Summary,
    Category,
    Resource,
    ModelIntro,
    DataEventsIntro,
    ObjectivesIntro,
    AnalysisIntro,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Category => "category",
            Field::Resource => "resource",
            Field::ModelIntro => "model-intro",
            Field::DataEventsIntro => "data-events-intro",
            Field::ObjectivesIntro => "objectives-intro",
            Field::AnalysisIntro => "analysis-intro",
        }
    }
}

/// Message id of a text the playbook has at most once.
pub fn field_id(playbook: &str, field: Field) -> String {
    fluent_id(&format!("{playbook}-{}", field.name()))
}

pub fn tool_text_id(playbook: &str, tool: &str) -> String {
    fluent_id(&format!("{playbook}-tool-{tool}-text"))
}

pub fn component_name_id(playbook: &str, component: &str) -> String {
    fluent_id(&format!("{playbook}-component-{component}-name"))
}

pub fn component_text_id(playbook: &str, component: &str) -> String {
    fluent_id(&format!("{playbook}-component-{component}-text"))
}

pub fn group_title_id(playbook: &str, group: &str) -> String {
    fluent_id(&format!("{playbook}-group-{group}-title"))
}

/// Message id of an action's text.
pub fn action_id(playbook: &str, section: ActionSection, key: &str) -> String {
    fluent_id(&format!("{playbook}-{}-{key}", section.name()))
}

/// Message id of the title of an action's link (`number` counts from 1).
pub fn action_link_id(playbook: &str, section: ActionSection, key: &str, number: usize) -> String {
    fluent_id(&format!(
        "{playbook}-{}-{key}-link-{number}",
        section.name()
    ))
}

pub fn action_note_id(playbook: &str, section: ActionSection, key: &str) -> String {
    fluent_id(&format!("{playbook}-{}-{key}-note", section.name()))
}

pub fn note_title_id(playbook: &str, note: &str) -> String {
    fluent_id(&format!("{playbook}-note-{note}-title"))
}

pub fn note_markdown_id(playbook: &str, note: &str) -> String {
    fluent_id(&format!("{playbook}-note-{note}-markdown"))
}

/// Message id of the criteria of a severity level (`level` is `p1`…`p4`).
pub fn severity_criteria_id(playbook: &str, level: &str) -> String {
    fluent_id(&format!("{playbook}-severity-{level}-criteria"))
}

/// Message id of a triage question of a severity level.
pub fn severity_question_id(playbook: &str, level: &str, key: &str) -> String {
    fluent_id(&format!("{playbook}-severity-{level}-question-{key}"))
}

/// Message id of an event's description within a group.
pub fn event_description_id(playbook: &str, group: &str, event: &str) -> String {
    fluent_id(&format!("{playbook}-event-{group}-{event}"))
}

/// Message id of the description of an event listed only among the data events (in no
/// group): see `data_only`.
pub fn data_event_description_id(playbook: &str, event: &str) -> String {
    fluent_id(&format!("{playbook}-data-event-{event}"))
}

/// Message id of an endpoint's label (dots are not allowed in Fluent ids; `fluent_id`
/// would escape them, this keeps the ids translators already have).
pub fn endpoint_label_id(playbook: &str, host: &str) -> String {
    fluent_id(&format!(
        "{playbook}-endpoint-{}-label",
        host.replace('.', "-")
    ))
}

/// What `Playbook::walk_messages` calls with each message: how to make its id, and its
/// text.
type Push<'a, 'f> = dyn FnMut(&dyn Fn() -> String, &'a Sp<String>) + 'f;

impl Playbook {
    /// Every text a person reads, in document order, with its message id. Event
    /// descriptions that default to the registry's are not here (they are not in the
    /// source); see `i18n::extract`.
    pub fn messages<'a>(&'a self) -> Vec<OwnedMessage<'a>> {
        let mut out = Vec::new();
        self.walk_messages(&mut |mid: &dyn Fn() -> String, text: &'a Sp<String>| {
            out.push(OwnedMessage { id: mid(), text });
        });
        out
    }

    /// Every translatable text, without ids (no id is made).
    pub fn texts(&self) -> Vec<&Sp<String>> {
        let mut out = Vec::new();
        self.walk_messages(&mut |_: &dyn Fn() -> String, text| out.push(text));
        out
    }

    /// Calls `push` with every message in document order: how to make its id (ids are
    /// allocated, and `texts` needs none) and its text.
    fn walk_messages<'a>(&'a self, push: &mut Push<'a, '_>) {
        use ListSection as L;
        let id = self.id.as_str();
        push(&|| field_id(id, Field::Title), &self.title);
        push(&|| field_id(id, Field::Summary), &self.summary);
        for t in &self.tools {
            if let Some(text) = &t.value.text {
                push(&|| tool_text_id(id, t.key.as_str()), text);
            }
        }
        if let Some(t) = &self.objectives.intro {
            push(&|| field_id(id, Field::ObjectivesIntro), t);
        }
        for (level, l) in self.severity.levels() {
            push(&|| severity_criteria_id(id, level), &l.criteria);
            for q in &l.questions {
                push(
                    &|| severity_question_id(id, level, q.key.as_str()),
                    &q.value,
                );
            }
        }
        let items = |push: &mut Push<'a, '_>, section: ListSection, items: &'a Items<String>| {
            for i in items {
                push(&|| item_id(id, section, i.key.as_str()), &i.value);
            }
        };
        items(push, L::Determine, &self.objectives.determine);
        items(push, L::Recover, &self.objectives.recover);
        let c = &self.classification;
        items(push, L::Ttp, &c.ttps);
        if let Some(t) = &c.category {
            push(&|| field_id(id, Field::Category), t);
        }
        if let Some(t) = &c.resource {
            push(&|| field_id(id, Field::Resource), t);
        }
        items(push, L::Indicator, &c.indicators);
        items(push, L::Team, &c.teams);
        for s in &self.steps {
            push(&|| item_id(id, L::Step, s.key.as_str()), &s.value.text);
        }
        items(push, L::Preparation, &self.preparation);
        items(push, L::Escalation, &self.escalation);
        if let Some(t) = &self.service_model.intro {
            push(&|| field_id(id, Field::ModelIntro), t);
        }
        for comp in &self.service_model.components {
            let k = comp.key.as_str();
            push(&|| component_name_id(id, k), &comp.value.name);
            push(&|| component_text_id(id, k), &comp.value.text);
        }
        let d = &self.detection;
        items(push, L::DetectionNote, &d.notes);
        for e in &d.endpoints {
            if let Some(label) = &e.value.label {
                push(&|| endpoint_label_id(id, e.value.host.as_str()), label);
            }
        }
        for g in &d.groups {
            let gk = g.key.as_str();
            push(&|| group_title_id(id, gk), &g.value.title);
            for ev in &g.value.events {
                if let Some(desc) = &ev.value.description {
                    push(
                        &|| event_description_id(id, gk, ev.value.name.as_str()),
                        desc,
                    );
                }
            }
        }
        if let Some(t) = &d.data_events_intro {
            push(&|| field_id(id, Field::DataEventsIntro), t);
        }
        if let Some(t) = &self.analysis_intro {
            push(&|| field_id(id, Field::AnalysisIntro), t);
        }
        items(push, L::Analysis, &self.analysis);
        for (section, list) in [
            (ActionSection::Containment, &self.containment),
            (ActionSection::Recovery, &self.recovery),
        ] {
            for a in list {
                let k = a.key.as_str();
                push(&|| action_id(id, section, k), &a.value.text);
                for (n, link) in a.value.links.iter().enumerate() {
                    push(&|| action_link_id(id, section, k, n + 1), &link.title);
                }
                if let Some(note) = &a.value.note {
                    push(&|| action_note_id(id, section, k), note);
                }
            }
        }
        items(push, L::DataProtection, &self.data_protection);
        items(push, L::PermissionsNote, &self.permissions.notes);
        for t in &self.permissions.tasks {
            push(&|| item_id(id, L::Task, t.key.as_str()), &t.value.text);
        }
        items(push, L::Lesson, &self.lessons);
        items(push, L::BacklogAddressed, &self.backlog.addressed);
        items(push, L::BacklogCurrent, &self.backlog.current);
        for n in &self.notes {
            let k = n.key.as_str();
            push(&|| note_title_id(id, k), &n.value.title);
            push(&|| note_markdown_id(id, k), &n.value.markdown);
        }
    }
}

/// Makes any text a valid Fluent identifier (`[a-zA-Z][a-zA-Z0-9_-]*`): each other byte
/// becomes `_XX` (its hex value), and an id not starting with a letter gets `x_` in
/// front. Ids of valid names are unchanged; an event named "Delete Plugin" (the very
/// mistake check reports) used to give an id with a space that `i18n update` wrote and
/// then could not read back.
pub fn fluent_id(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    if !raw.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.push_str("x_");
    }
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out
}
