//! The parts of a playbook that say when it applies and who runs it: its sources,
//! related playbooks, triggers, severity levels and ATT&CK techniques.

use super::items::Items;
use super::{Name, Text};
use schemars::JsonSchema;
use serde::Deserialize;

/// A document this playbook is derived from or relies on.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's title, kept as written (not translated).
    pub title: Name,
    /// Where it is published.
    pub url: Name,
    /// Its licence, e.g. `CC BY-SA 4.0`.
    #[serde(default)]
    pub licence: Option<Name>,
}

/// What raises this playbook: the alerts and events a responder is paged by.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Triggers {
    /// GuardDuty finding types, e.g. `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`.
    #[serde(default)]
    pub guardduty: Vec<Name>,
    /// Security Hub control ids, e.g. `IAM.1`.
    #[serde(default)]
    pub securityhub: Vec<Name>,
    /// CloudTrail event names; each must appear in the playbook's event groups.
    #[serde(default)]
    pub cloudtrail: Vec<Name>,
}

impl Triggers {
    pub fn is_empty(&self) -> bool {
        self.guardduty.is_empty() && self.securityhub.is_empty() && self.cloudtrail.is_empty()
    }
}

/// Severity levels, P1 (most urgent) to P4, each with its criteria.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Severity {
    #[serde(default)]
    pub p1: Option<Level>,
    #[serde(default)]
    pub p2: Option<Level>,
    #[serde(default)]
    pub p3: Option<Level>,
    #[serde(default)]
    pub p4: Option<Level>,
}

impl Severity {
    /// The declared levels in order, with their keys (`p1`…).
    pub fn levels(&self) -> Vec<(&'static str, &Level)> {
        [
            ("p1", &self.p1),
            ("p2", &self.p2),
            ("p3", &self.p3),
            ("p4", &self.p4),
        ]
        .into_iter()
        .filter_map(|(k, l)| l.as_ref().map(|l| (k, l)))
        .collect()
    }
}

/// One severity level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// When an incident has this severity.
    pub criteria: Text,
    /// Triage questions that place an incident at this level.
    #[serde(default)]
    pub questions: Items<String>,
}

/// MITRE ATT&CK Enterprise technique or sub-technique ids, e.g. `T1078.004`.
pub type Techniques = Vec<Name>;

/// The shape of a technique id, for the editor schema: editors flag `T1078.4` as it is
/// typed; `irbook check` then tells whether the id exists (and suggests the near one).
pub const TECHNIQUE_PATTERN: &str = r"^T[0-9]{4}(\.[0-9]{3})?$";
