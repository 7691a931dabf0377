//! Event rows: an event as the playbook names it, joined with what the registry knows
//! of it, and the anchors that the pages and the event index link to.

use super::Text;
use crate::i18n::translations::Translator;
use crate::registry::{AccessLevel, Registry};
use serde::Serialize;

/// An event as a responder needs it, joined with the registry.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub name: String,
    pub service: String,
    /// CloudTrail `eventSource`, e.g. `qbusiness.amazonaws.com`.
    pub event_source: String,
    pub description: Option<Text>,
    /// The description is the registry's, that is IAM's permission wording ("Grants
    /// permission to…"), not the playbook's: pages mark it as such (`check` warns on it).
    pub description_is_iam: bool,
    /// "List", "Read", "Write", "Permissions management", "Tagging"; None if unknown.
    pub access_level: Option<String>,
    pub read_only: Option<bool>,
    /// Listed among the events common in normal use.
    pub common: bool,
    /// Known to the registry for its service.
    pub verified: bool,
    /// Data-event resource types whose selectors log this event (empty: management event).
    pub data_resource_types: Vec<String>,
    /// HTML anchor: `event-<group>-<Name>`, or the data section's anchor for an event in no
    /// group.
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataEventsView {
    pub resource_type: String,
    pub service: Option<String>,
    pub events: Vec<String>,
    /// Anchor: `data-<resource type with :: replaced by ->`.
    pub anchor: String,
}

/// Anchor of an event row in a playbook page.
pub fn event_anchor(group: &str, name: &str) -> String {
    format!("event-{group}-{name}")
}

/// Anchor of a data-event resource type section.
pub fn data_anchor(resource_type: &str) -> String {
    format!("data-{}", resource_type.replace("::", "-"))
}

pub fn access_level_name(level: AccessLevel) -> Option<&'static str> {
    match level {
        AccessLevel::List => Some("List"),
        AccessLevel::Read => Some("Read"),
        AccessLevel::Write => Some("Write"),
        AccessLevel::PermissionsManagement => Some("Permissions management"),
        AccessLevel::Tagging => Some("Tagging"),
        AccessLevel::Unknown => None,
    }
}

/// What identifies an event row, before the registry and the translations are joined in.
pub(super) struct EventSpec<'a> {
    pub service: &'a str,
    pub name: &'a str,
    /// The writer's description, if any (else the registry's is used).
    pub own_description: Option<&'a str>,
    pub message_id: String,
    pub common: bool,
    pub data_resource_types: Vec<String>,
    pub anchor: String,
}

/// An event joined with the registry, its description resolved in the translator's language.
pub(super) fn event_view(registry: &Registry, tr: &Translator, spec: EventSpec) -> EventView {
    let EventSpec { service, name, .. } = spec;
    let info = registry.event(service, name);
    let english = spec
        .own_description
        .or_else(|| info.as_ref().and_then(|i| i.description));
    EventView {
        name: name.to_owned(),
        service: service.to_owned(),
        event_source: info
            .as_ref()
            .map(|i| i.event_source.to_owned())
            .or_else(|| registry.service_event_source(service).map(str::to_owned))
            .unwrap_or_else(|| format!("{service}.amazonaws.com")),
        description: english.map(|en| tr.text(&spec.message_id, en)),
        description_is_iam: spec.own_description.is_none() && english.is_some(),
        access_level: info
            .as_ref()
            .and_then(|i| access_level_name(i.access_level))
            .map(str::to_owned),
        read_only: info.as_ref().and_then(|i| i.read_only),
        common: spec.common,
        verified: info.is_some(),
        data_resource_types: spec.data_resource_types,
        anchor: spec.anchor,
    }
}
