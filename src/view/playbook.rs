//! What a playbook page shows, as data: every text already in the page's language.

use super::{DataEventsView, EventView, ResponseView, TechniqueView, Text};
use crate::model::{CafComponent, Phase, Status};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PlaybookView {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub version: Option<String>,
    pub status: Status,
    pub author: Option<String>,
    pub approver: Option<String>,
    /// `YYYY-MM-DD`.
    pub approved: Option<String>,
    /// Services (IAM prefixes) of the event groups and data events, sorted.
    pub services: Vec<String>,
    /// Distinct event names across groups and data events.
    pub event_count: usize,
    pub tools: Vec<ToolView>,
    pub determine: Vec<Text>,
    pub recover: Vec<Text>,
    pub caf: Vec<CafComponent>,
    pub classification: ClassificationView,
    pub steps: Vec<StepView>,
    pub preparation: Vec<Text>,
    pub escalation: Vec<Text>,
    /// The escalation questions' keys, in the same order (stable ids in exports).
    pub escalation_keys: Vec<String>,
    pub model_intro: Option<Text>,
    pub components: Vec<ComponentView>,
    pub detection_notes: Vec<Text>,
    pub endpoints: Vec<EndpointView>,
    pub common: Vec<String>,
    pub groups: Vec<GroupView>,
    pub data_events_intro: Option<Text>,
    pub data_events: Vec<DataEventsView>,
    /// Events listed only among the data events (in no group), in document order; their
    /// anchor is the section of the first resource type listing them.
    pub data_only_events: Vec<EventView>,
    pub analysis: Vec<Text>,
    pub containment: Vec<ActionView>,
    pub recovery: Vec<ActionView>,
    pub data_protection: Vec<Text>,
    pub permission_notes: Vec<Text>,
    pub tasks: Vec<TaskView>,
    pub lessons: Vec<Text>,
    pub backlog_addressed: Vec<Text>,
    pub backlog_current: Vec<Text>,
    pub notes: Vec<NoteView>,
    /// Owner, sources, triggers, severity levels, ATT&CK techniques, intros.
    pub response: ResponseView,
}

#[derive(Debug, Clone, Serialize)]
pub struct ToolView {
    pub key: String,
    pub name: String,
    pub url: String,
    pub text: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassificationView {
    pub ttps: Vec<Text>,
    pub category: Option<Text>,
    pub resource: Option<Text>,
    pub indicators: Vec<Text>,
    pub log_sources: Vec<String>,
    pub teams: Vec<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub key: String,
    pub phase: Phase,
    pub text: Text,
    /// Role id, and its name in the page's language (set by the book view).
    pub role: Option<String>,
    pub role_name: Option<String>,
    pub attack: Vec<TechniqueView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentView {
    pub key: String,
    pub name: Text,
    pub text: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndpointView {
    pub host: String,
    pub label: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// The group's key: its anchor is `group-<key>`.
    pub key: String,
    pub title: Text,
    pub service: String,
    pub events: Vec<EventView>,
    pub attack: Vec<TechniqueView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub key: String,
    pub text: Text,
    pub links: Vec<LinkView>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: Text,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    pub key: String,
    pub text: Text,
    /// IAM actions, `prefix:Action`.
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub key: String,
    pub title: Text,
    pub markdown: Text,
}
