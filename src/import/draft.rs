//! The imported playbook as plain data, before it is written as YAML. Keys of keyed
//! lists are chosen by `emit`, so the mapping code only collects values in order.

#[derive(Debug, Default)]
pub struct Draft {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub author: Option<String>,
    pub approver: Option<String>,
    pub approved: Option<String>,
    pub tools: Vec<Tool>,
    pub determine: Vec<String>,
    pub recover: Vec<String>,
    /// CAF components as format keys (`directive`, `preventive`…).
    pub caf: Vec<&'static str>,
    pub ttps: Vec<String>,
    pub category: Option<String>,
    pub resource: Option<String>,
    pub indicators: Vec<String>,
    pub log_sources: Vec<String>,
    pub teams: Vec<String>,
    pub steps: Vec<Step>,
    pub preparation: Vec<String>,
    pub escalation: Vec<String>,
    pub model_intro: Option<String>,
    /// `(name, text)`.
    pub components: Vec<(String, String)>,
    pub detection_notes: Vec<String>,
    /// `(host, label)`.
    pub endpoints: Vec<(String, Option<String>)>,
    pub common: Vec<String>,
    pub groups: Vec<Group>,
    pub data_events_intro: Option<String>,
    /// Resource type → event names, in order of first appearance.
    pub data_events: Vec<(String, Vec<String>)>,
    pub analysis: Vec<String>,
    pub containment: Vec<Action>,
    pub recovery: Vec<Action>,
    pub data_protection: Vec<String>,
    pub permission_notes: Vec<String>,
    pub tasks: Vec<Task>,
    pub lessons: Vec<String>,
    pub addressed: Vec<String>,
    pub current: Vec<String>,
    /// `(title, markdown)`.
    pub notes: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct Step {
    /// The phase key (`detection`…).
    pub phase: &'static str,
    pub text: String,
    /// Names the step refers to (events, or IAM actions `prefix:Action`).
    pub events: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Tool {
    pub name: String,
    pub url: String,
    pub text: Option<String>,
}

#[derive(Debug, Default)]
pub struct Group {
    pub title: String,
    /// Filled in once the whole document is read (see `sections::infer_services`).
    pub service: String,
    /// `(name, description)`.
    pub events: Vec<(String, Option<String>)>,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Action {
    pub text: String,
    /// `(title, url)`.
    pub links: Vec<(String, String)>,
    pub note: Option<String>,
}

#[derive(Debug, Default)]
pub struct Task {
    pub text: String,
    pub actions: Vec<String>,
}
