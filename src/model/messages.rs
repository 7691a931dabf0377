//! The translatable texts of a playbook, each with a message id derived from structure.
//!
//! Ids are built from the playbook id, the section and the item's key (or the event name),
//! never from positions in the file, so reordering items keeps every translation. This is
//! the single list that i18n extraction, the localizer and the checks all walk.

use super::{Playbook, Sp};

/// Owned id + borrowed text.
#[derive(Debug, Clone)]
pub struct OwnedMessage<'a> {
    pub id: String,
    pub text: &'a Sp<String>,
}

/// Message id of an event's description within a group.
pub fn event_description_id(playbook: &str, group: &str, event: &str) -> String {
    format!("{playbook}-event-{group}-{event}")
}

/// Message id of the description of an event listed only among the data events (in no
/// group): see `data_only`.
pub fn data_event_description_id(playbook: &str, event: &str) -> String {
    format!("{playbook}-data-event-{event}")
}

/// Message id of an endpoint's label (dots are not allowed in Fluent ids).
pub fn endpoint_label_id(playbook: &str, host: &str) -> String {
    format!("{playbook}-endpoint-{}-label", host.replace('.', "-"))
}

impl Playbook {
    /// Every text a person reads, in document order, with its message id. Event
    /// descriptions that default to the registry's are not here (they are not in the
    /// source); see `i18n::extract`.
    pub fn messages<'a>(&'a self) -> Vec<OwnedMessage<'a>> {
        let id = self.id.as_str();
        let mut out = Vec::new();
        let mut push = |mid: String, text: &'a Sp<String>| {
            out.push(OwnedMessage { id: mid, text });
        };
        push(format!("{id}-title"), &self.title);
        push(format!("{id}-summary"), &self.summary);
        for t in &self.tools {
            if let Some(text) = &t.value.text {
                push(format!("{id}-tool-{}-text", t.key.as_str()), text);
            }
        }
        if let Some(t) = &self.objectives.intro {
            push(format!("{id}-objectives-intro"), t);
        }
        for (level, l) in self.severity.levels() {
            push(format!("{id}-severity-{level}-criteria"), &l.criteria);
            for q in &l.questions {
                push(
                    format!("{id}-severity-{level}-question-{}", q.key.as_str()),
                    &q.value,
                );
            }
        }
        for i in &self.objectives.determine {
            push(format!("{id}-determine-{}", i.key.as_str()), &i.value);
        }
        for i in &self.objectives.recover {
            push(format!("{id}-recover-{}", i.key.as_str()), &i.value);
        }
        let c = &self.classification;
        for i in &c.ttps {
            push(format!("{id}-ttp-{}", i.key.as_str()), &i.value);
        }
        if let Some(t) = &c.category {
            push(format!("{id}-category"), t);
        }
        if let Some(t) = &c.resource {
            push(format!("{id}-resource"), t);
        }
        for i in &c.indicators {
            push(format!("{id}-indicator-{}", i.key.as_str()), &i.value);
        }
        for i in &c.teams {
            push(format!("{id}-team-{}", i.key.as_str()), &i.value);
        }
        for s in &self.steps {
            push(format!("{id}-step-{}", s.key.as_str()), &s.value.text);
        }
        for i in &self.preparation {
            push(format!("{id}-preparation-{}", i.key.as_str()), &i.value);
        }
        for i in &self.escalation {
            push(format!("{id}-escalation-{}", i.key.as_str()), &i.value);
        }
        if let Some(t) = &self.service_model.intro {
            push(format!("{id}-model-intro"), t);
        }
        for comp in &self.service_model.components {
            let k = comp.key.as_str();
            push(format!("{id}-component-{k}-name"), &comp.value.name);
            push(format!("{id}-component-{k}-text"), &comp.value.text);
        }
        let d = &self.detection;
        for i in &d.notes {
            push(format!("{id}-detection-note-{}", i.key.as_str()), &i.value);
        }
        for e in &d.endpoints {
            if let Some(label) = &e.value.label {
                push(endpoint_label_id(id, e.value.host.as_str()), label);
            }
        }
        for g in &d.groups {
            let gk = g.key.as_str();
            push(format!("{id}-group-{gk}-title"), &g.value.title);
            for ev in &g.value.events {
                if let Some(desc) = &ev.value.description {
                    push(event_description_id(id, gk, ev.value.name.as_str()), desc);
                }
            }
        }
        if let Some(t) = &d.data_events_intro {
            push(format!("{id}-data-events-intro"), t);
        }
        if let Some(t) = &self.analysis_intro {
            push(format!("{id}-analysis-intro"), t);
        }
        for i in &self.analysis {
            push(format!("{id}-analysis-{}", i.key.as_str()), &i.value);
        }
        for (section, list) in [
            ("containment", &self.containment),
            ("recovery", &self.recovery),
        ] {
            for a in list {
                let k = a.key.as_str();
                push(format!("{id}-{section}-{k}"), &a.value.text);
                for (n, link) in a.value.links.iter().enumerate() {
                    push(format!("{id}-{section}-{k}-link-{}", n + 1), &link.title);
                }
                if let Some(note) = &a.value.note {
                    push(format!("{id}-{section}-{k}-note"), note);
                }
            }
        }
        for i in &self.data_protection {
            push(format!("{id}-data-protection-{}", i.key.as_str()), &i.value);
        }
        for i in &self.permissions.notes {
            push(
                format!("{id}-permissions-note-{}", i.key.as_str()),
                &i.value,
            );
        }
        for t in &self.permissions.tasks {
            push(format!("{id}-task-{}", t.key.as_str()), &t.value.text);
        }
        for i in &self.lessons {
            push(format!("{id}-lesson-{}", i.key.as_str()), &i.value);
        }
        for i in &self.backlog.addressed {
            push(
                format!("{id}-backlog-addressed-{}", i.key.as_str()),
                &i.value,
            );
        }
        for i in &self.backlog.current {
            push(format!("{id}-backlog-current-{}", i.key.as_str()), &i.value);
        }
        for n in &self.notes {
            let k = n.key.as_str();
            push(format!("{id}-note-{k}-title"), &n.value.title);
            push(format!("{id}-note-{k}-markdown"), &n.value.markdown);
        }
        out
    }

    /// Every translatable text, without ids.
    pub fn texts(&self) -> Vec<&Sp<String>> {
        self.messages().into_iter().map(|m| m.text).collect()
    }
}
