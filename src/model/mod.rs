//! The playbook source format: what a writer can type in `content/playbooks/<id>.yaml`.
//!
//! Every struct denies unknown fields, so a misspelt key is an error with a suggestion,
//! never silently ignored. Prose fields (`Text`) take inline Markdown and are translated;
//! identifiers (`Name`: event names, services, resource types, endpoints, URLs) are
//! structure and are never translated.

pub mod data_only;
pub mod items;
pub mod messages;
pub mod response;
pub mod short;
pub mod spanned;

use items::Items;
pub use response::{Level, Severity, Source, Techniques, Triggers};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use short::{FromShort, Short};
pub use spanned::{Pos, Sp};

/// Prose in the source language (English), inline Markdown allowed; translated.
pub type Text = Sp<String>;
/// An identifier: an API name, a service prefix, a URL… never translated.
pub type Name = Sp<String>;

/// One incident-response playbook.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "irbook playbook")]
pub struct Playbook {
    /// Stable identifier: lower-case letters, digits and `-`; must match the file name.
    pub id: Name,
    /// The playbook's title, e.g. "Responding to Amazon Q security events".
    pub title: Text,
    /// One or two sentences: what this playbook is for.
    pub summary: Text,
    /// Version of this playbook, e.g. "1.2".
    #[serde(default)]
    pub version: Option<Sp<Version>>,
    /// draft, active or deprecated.
    #[serde(default)]
    pub status: Sp<Status>,
    /// Who wrote and who approved this playbook, and when.
    #[serde(default)]
    pub owners: Owners,
    /// Documents this playbook is derived from, with their licence.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Ids of other playbooks of the book a responder may need next.
    #[serde(default)]
    pub related: Vec<Name>,
    /// The GuardDuty findings, Security Hub controls and CloudTrail events that call for it.
    #[serde(default)]
    pub triggers: Triggers,
    /// MITRE ATT&CK technique ids this playbook responds to, e.g. `T1530`.
    #[serde(default)]
    #[schemars(inner(regex(pattern = response::TECHNIQUE_PATTERN)))]
    pub attack: Techniques,
    /// Severity levels P1–P4 with their criteria and triage questions.
    #[serde(default)]
    pub severity: Severity,
    /// Tools this playbook refers to (Prowler…).
    #[serde(default)]
    pub tools: Items<Tool>,
    /// What responders aim for while running the playbook.
    #[serde(default)]
    pub objectives: Objectives,
    /// How incidents of this kind are classified and handled.
    #[serde(default)]
    pub classification: Classification,
    /// The ordered response steps, each tagged with its NIST phase.
    #[serde(default)]
    pub steps: Items<Step>,
    /// What to have in place before an incident.
    #[serde(default)]
    pub preparation: Items<String>,
    /// Questions to settle with the business before and during escalation.
    #[serde(default)]
    pub escalation: Items<String>,
    /// The service's components, each with a description.
    #[serde(default)]
    pub service_model: ServiceModel,
    /// Notes, endpoints and CloudTrail events to look for.
    #[serde(default)]
    pub detection: Detection,
    /// A sentence introducing the analysis questions.
    #[serde(default)]
    pub analysis_intro: Option<Text>,
    /// Questions to answer once the incident is confirmed.
    #[serde(default)]
    pub analysis: Items<String>,
    /// Containment and eradication actions, with links.
    #[serde(default)]
    pub containment: Items<Short<Action>>,
    /// Recovery actions, with links.
    #[serde(default)]
    pub recovery: Items<Short<Action>>,
    /// Notes on the data the service stores and where.
    #[serde(default)]
    pub data_protection: Items<String>,
    /// The IAM permissions needed for given tasks.
    #[serde(default)]
    pub permissions: Permissions,
    /// What the team learnt; company-specific items.
    #[serde(default)]
    pub lessons: Items<String>,
    /// Improvements to this playbook.
    #[serde(default)]
    pub backlog: Backlog,
    /// Free-form sections that fit no other field (imports put unknown sections here).
    #[serde(default)]
    pub notes: Items<Note>,
}

impl Playbook {
    /// Gives values written in a short form (`- Delete the keys.` for an action, a bare
    /// event name, a bare endpoint) the position of the item they were written as, so
    /// that every diagnostic about them points at the right line.
    pub fn fill_short_form_positions(&mut self) {
        for list in [&mut self.containment, &mut self.recovery] {
            for item in &mut list.entries {
                let outer = item.value.pos;
                let text = &mut item.value.value.0.text;
                text.pos = text.pos.or(outer);
            }
        }
        for e in &mut self.detection.endpoints {
            e.value.0.host.pos = e.value.0.host.pos.or(e.pos);
        }
        for g in &mut self.detection.groups.entries {
            for ev in &mut g.value.value.events {
                ev.value.0.name.pos = ev.value.0.name.pos.or(ev.pos);
            }
        }
    }
}

/// A version string. A writer may type `1.2` unquoted; it is kept as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(transparent)]
pub struct Version(#[schemars(with = "VersionSchema")] pub String);

#[allow(dead_code)] // only describes the schema
#[derive(JsonSchema)]
#[serde(untagged)]
enum VersionSchema {
    Text(String),
    Number(f64),
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Version;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a version such as \"1.2\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Version, E> {
                Ok(Version(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Version, E> {
                Ok(Version(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Version, E> {
                Ok(Version(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Version, E> {
                Ok(Version(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being written; not yet for responders.
    #[default]
    Draft,
    /// Reviewed and in use.
    Active,
    /// Kept for reference; do not follow.
    Deprecated,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Owners {
    /// Who wrote the playbook.
    #[serde(default)]
    pub author: Option<Name>,
    /// Who approved it.
    #[serde(default)]
    pub approver: Option<Name>,
    /// Date of the last approval, `YYYY-MM-DD`.
    #[serde(default)]
    pub approved: Option<Sp<String>>,
    /// The team that keeps the playbook up to date.
    #[serde(default)]
    pub owner: Option<Name>,
    /// Date of the last review, `YYYY-MM-DD`.
    #[serde(default)]
    pub reviewed: Option<Sp<String>>,
}

/// A tool the playbook refers to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// The tool's name, kept as written (a product name is not translated).
    pub name: Name,
    /// Where to find it.
    pub url: Name,
    /// What it does for the responder.
    #[serde(default)]
    pub text: Option<Text>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    /// A sentence introducing the objectives.
    #[serde(default)]
    pub intro: Option<Text>,
    /// What the responders must determine.
    #[serde(default)]
    pub determine: Items<String>,
    /// What recovery must achieve.
    #[serde(default)]
    pub recover: Items<String>,
    /// Components of the AWS CAF security perspective this playbook enhances.
    #[serde(default)]
    pub caf: Vec<Sp<CafComponent>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CafComponent {
    Directive,
    Detective,
    Responsive,
    Preventive,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Tactics, techniques and procedures.
    #[serde(default)]
    pub ttps: Items<String>,
    /// Category, e.g. "Log analysis".
    #[serde(default)]
    pub category: Option<Text>,
    /// The resource concerned.
    #[serde(default)]
    pub resource: Option<Text>,
    /// What may reveal such an incident.
    #[serde(default)]
    pub indicators: Items<String>,
    /// Log sources to collect (CloudTrail…): names, not translated.
    #[serde(default)]
    pub log_sources: Vec<Name>,
    /// Teams involved.
    #[serde(default)]
    pub teams: Items<String>,
}

/// A response step.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub phase: Sp<Phase>,
    pub text: Text,
    /// Who does this step: a role id declared in `book.toml` (`[roles]`).
    #[serde(default)]
    pub role: Option<Name>,
    /// ATT&CK techniques this step responds to.
    #[serde(default)]
    #[schemars(inner(regex(pattern = response::TECHNIQUE_PATTERN)))]
    pub attack: Techniques,
    /// CloudTrail event names (or IAM actions, `prefix:Action`) this step refers to,
    /// e.g. `[GetPublicAccessBlock, PutBucketPolicy]`. Checked against the registry like
    /// the detection tables, and listed by `irbook lookup`; never translated.
    #[serde(default)]
    pub events: Vec<Name>,
}

/// The phases of the NIST SP 800-61 incident-response life cycle.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Preparation,
    /// Detection and analysis.
    Detection,
    /// Containment and eradication.
    Containment,
    Recovery,
    /// Post-incident activity.
    PostIncident,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Preparation,
        Phase::Detection,
        Phase::Containment,
        Phase::Recovery,
        Phase::PostIncident,
    ];

    /// The key used in YAML, anchors and message ids.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Preparation => "preparation",
            Phase::Detection => "detection",
            Phase::Containment => "containment",
            Phase::Recovery => "recovery",
            Phase::PostIncident => "post-incident",
        }
    }
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceModel {
    /// A sentence introducing the components.
    #[serde(default)]
    pub intro: Option<Text>,
    #[serde(default)]
    pub components: Items<Component>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub name: Text,
    pub text: Text,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Detection {
    /// Notes and considerations for the analyst.
    #[serde(default)]
    pub notes: Items<String>,
    /// CloudTrail event sources (service endpoints) of the events below.
    #[serde(default)]
    pub endpoints: Vec<Sp<Short<Endpoint>>>,
    /// Event names most often seen in normal use (each must appear in `groups`).
    #[serde(default)]
    pub common: Vec<Name>,
    /// Management events, grouped; the key of each group is its anchor.
    #[serde(default)]
    pub groups: Items<Group>,
    /// A sentence introducing the data events.
    #[serde(default)]
    pub data_events_intro: Option<Text>,
    /// Data-plane events per CloudTrail resource type (`AWS::QBusiness::Index: [ListDocuments, …]`).
    #[serde(default)]
    pub data_events: ResourceEvents,
}

/// A CloudTrail event source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The event source, e.g. `qbusiness.amazonaws.com`.
    pub host: Name,
    /// What this endpoint serves.
    #[serde(default)]
    pub label: Option<Text>,
}

impl FromShort for Endpoint {
    const SHORT_FORM: &'static str = "an event source such as `qbusiness.amazonaws.com`";
    fn from_short(s: String) -> Self {
        Endpoint {
            host: Sp::new(s, Pos::UNKNOWN),
            label: None,
        }
    }
}

/// A group of management events of one service.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group's heading, e.g. "Creating an index".
    pub title: Text,
    /// IAM service prefix the events belong to (`qbusiness`, `q`, `iam`…).
    pub service: Name,
    /// The events: an API name, or `{ name, description }`.
    pub events: Vec<Sp<Short<Event>>>,
    /// ATT&CK techniques these events may reveal.
    #[serde(default)]
    #[schemars(inner(regex(pattern = response::TECHNIQUE_PATTERN)))]
    pub attack: Techniques,
}

/// A CloudTrail event and what it means for a responder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The API name exactly as CloudTrail logs it, e.g. `DeleteIndex`.
    pub name: Name,
    /// What the event means for a responder. Without it the row shows IAM's permission
    /// wording, and `check` warns.
    #[serde(default)]
    pub description: Option<Text>,
}

impl FromShort for Event {
    const SHORT_FORM: &'static str = "an API name such as `GetIndex`";
    fn from_short(s: String) -> Self {
        Event {
            name: Sp::new(s, Pos::UNKNOWN),
            description: None,
        }
    }
}

/// Event names per CloudTrail data-event resource type.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct ResourceEvents(pub Items<Vec<Name>>);

impl JsonSchema for ResourceEvents {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ResourceEvents".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names = generator.subschema_for::<Vec<String>>();
        schemars::json_schema!({
            "description": "Data-plane event names per CloudTrail resource type (the `resources.type` of a data-event selector).",
            "type": "object",
            "propertyNames": { "pattern": "^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$" },
            "additionalProperties": names
        })
    }
}

/// An action with optional links (containment, recovery).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What to do.
    pub text: Text,
    /// Where to do it or read more.
    #[serde(default)]
    pub links: Vec<Link>,
    /// A caution or remark shown under the action.
    #[serde(default)]
    pub note: Option<Text>,
}

impl FromShort for Action {
    const SHORT_FORM: &'static str = "the action, as text";
    fn from_short(s: String) -> Self {
        Action {
            text: Sp::new(s, Pos::UNKNOWN),
            links: Vec::new(),
            note: None,
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The link's text.
    pub title: Text,
    /// An `https://` address.
    pub url: Name,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    /// General remarks on the permissions model.
    #[serde(default)]
    pub notes: Items<String>,
    /// Tasks and the IAM actions each needs.
    #[serde(default)]
    pub tasks: Items<Task>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The task, e.g. "Ask Amazon Q questions in the console".
    pub text: Text,
    /// IAM actions as `prefix:Action`, e.g. `q:StartConversation`.
    pub actions: Vec<Name>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backlog {
    #[serde(default)]
    pub addressed: Items<String>,
    #[serde(default)]
    pub current: Items<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub title: Text,
    /// Markdown, kept as written.
    pub markdown: Text,
}
