//! `cacao/<lang>/<playbook>.json`: every playbook, in every language, as an OASIS CACAO
//! Security Playbooks v2.0 document, the format SOAR tools (CACAO Roaster, SOARCA…) read.
//!
//! The workflow runs from a `start` step to an `end` step through the playbook's phases,
//! in the order of the incident-response life cycle:
//! - each step (`steps:`), then each containment and recovery action at the end of its
//!   phase, is an `action` step with one `manual` command (its text), carried out by the
//!   agent of its role (a `group` agent per role the playbook uses) or, without a role, by
//!   the incident response team;
//! - the detection phase opens with an `action` step holding the playbook's Sigma rules
//!   (the ones of `detections/sigma/`) as `sigma` commands, base64-encoded as the
//!   specification requires, carried out by a SIEM (`security-category` agent);
//! - after the detection phase, each escalation question is a `manual` step whose answer
//!   (escalate or not) goes into a boolean playbook variable, then an `if-condition` step
//!   on that variable whose `on_true` branch (escalate, then the branch's own `end`) runs
//!   when the answer is yes;
//! - ATT&CK techniques are labels (`attack.t1530`, `attack.<tactic>`, as in Sigma) and
//!   external references (`mitre-attack`, with the technique id), on the playbook and on
//!   the steps that name them; triggers are labels (`guardduty:<finding type>`…).
//!
//! A playbook with nothing to do (no step, action, rule or question) has no export: CACAO
//! requires at least one action step. Dates come from the playbook (`owners.approved`,
//! `owners.reviewed`), never from the clock, so that builds are byte-identical.
//! `docs/cacao.md` describes the export for its users.

mod ids;

pub use ids::book_identity;

use super::detections::sigma::RuleDoc;
use crate::i18n::ui::Ui;
use crate::model::{Phase, Status};
use crate::view::{ActionView, PlaybookView, TechniqueView, Text};
use base64::Engine as _;
use serde_json::{json, Map, Value};
use uuid::Uuid;

/// Folder of the exports in the output.
pub const DIR: &str = "cacao";

/// Where the export of playbook `id` in `lang` is, relative to the output root.
pub fn file_path(lang: &str, id: &str) -> String {
    format!("{DIR}/{lang}/{id}.json")
}

/// The export of playbook `p` in the language of `book` (`cacao/<lang>/<id>.json`), with
/// its Sigma rules `rules`; None when it would have no action step. `identity` names the
/// book (`book_identity`).
pub fn playbook_file(
    identity: &str,
    base_url: Option<&str>,
    book: &crate::view::BookView,
    ui: &Ui,
    p: &PlaybookView,
    rules: &[RuleDoc],
) -> Option<Result<(String, Vec<u8>), String>> {
    let lang = &book.lang;
    let input = Input {
        book: identity,
        lang,
        translation: (*lang != book.source_lang).then_some(lang.as_str()),
        base_url,
        ui,
        rules,
    };
    let doc = playbook(p, &input)?;
    let text = serde_json::to_string_pretty(&doc)
        .map(|mut t| {
            t.push('\n');
            t.into_bytes()
        })
        .map_err(|e| format!("cannot write the CACAO export of `{}`: {e}", p.id));
    Some(text.map(|t| (file_path(lang, &p.id), t)))
}

/// What one export needs besides the playbook's view.
struct Input<'a> {
    book: &'a str,
    lang: &'a str,
    /// The language, when it is not the source language.
    translation: Option<&'a str>,
    base_url: Option<&'a str>,
    ui: &'a Ui,
    rules: &'a [RuleDoc],
}

/// The CACAO playbook of `p`, or None when it would have no action step.
fn playbook(p: &PlaybookView, input: &Input) -> Option<Value> {
    let uuid = ids::playbook_uuid(input.book, &p.id, input.translation);
    let mut w = Workflow::new(uuid);
    let phase_name = |ph: Phase| input.ui.get(&format!("phase-{}", ph.key()));
    for phase in Phase::ALL {
        if phase == Phase::Detection && !input.rules.is_empty() {
            w.sigma_step(input);
        }
        for s in p.steps.iter().filter(|s| s.phase == phase) {
            let role = s
                .role
                .as_deref()
                .map(|r| (r, s.role_name.as_deref().unwrap_or(r)));
            let agent = w.role_agent(role, input.ui);
            w.manual(
                input.ui,
                &format!("step/{}", s.key),
                &phase_name(phase),
                (&s.text, s.text.text.clone()),
                agent,
                phase,
                technique_refs(&s.attack),
            );
        }
        let actions: &[ActionView] = match phase {
            Phase::Containment => &p.containment,
            Phase::Recovery => &p.recovery,
            _ => &[],
        };
        for a in actions {
            let agent = w.role_agent(None, input.ui);
            let links = a
                .links
                .iter()
                .map(|l| json!({ "name": l.title.text, "url": l.url }))
                .collect();
            let description = match &a.note {
                Some(note) => format!("{}\n\n{}", a.text.text, note.text),
                None => a.text.text.clone(),
            };
            w.manual(
                input.ui,
                &format!("{}/{}", phase.key(), a.key),
                &phase_name(phase),
                (&a.text, description),
                agent,
                phase,
                links,
            );
        }
        if phase == Phase::Detection {
            for (key, question) in p.escalation_keys.iter().zip(&p.escalation) {
                w.escalation(key, question, input.ui);
            }
        }
    }
    if !w.has_action {
        return None;
    }
    Some(w.into_playbook(p, input))
}

/// `playbook_activity` of a manual step of each phase.
fn activity(phase: Phase) -> &'static str {
    match phase {
        Phase::Preparation => "configure-systems",
        Phase::Detection => "analyze-collected-data",
        Phase::Containment => "restrict-access",
        Phase::Recovery => "restore-capabilities",
        Phase::PostIncident => "compose-content",
    }
}

/// `playbook_types` a phase's steps make the playbook address.
fn types(phase: Phase) -> &'static [&'static str] {
    match phase {
        Phase::Preparation => &["prevention"],
        Phase::Detection => &["detection", "investigation"],
        Phase::Containment => &["mitigation"],
        Phase::Recovery | Phase::PostIncident => &["remediation"],
    }
}

/// External references for ATT&CK techniques, as STIX writes them (`mitre-attack`).
fn technique_refs(techniques: &[TechniqueView]) -> Vec<Value> {
    techniques
        .iter()
        .map(|t| {
            json!({
                "name": "mitre-attack",
                "description": t.name,
                "url": t.url,
                "external_id": t.id,
            })
        })
        .collect()
}

/// The Sigma tags of techniques: tactics, then technique ids.
fn technique_labels(techniques: &[TechniqueView]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in techniques {
        for tactic in &t.tactics {
            push_once(&mut out, format!("attack.{tactic}"));
        }
    }
    for t in techniques {
        push_once(&mut out, format!("attack.{}", t.id.to_ascii_lowercase()));
    }
    out
}

fn push_once<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// A step's name for a user interface: its phase (or section) and the start of its text,
/// on one line, punctuated as the language wants (`cacao-step-name`).
fn step_name(ui: &Ui, prefix: &str, text: &str) -> String {
    const MAX: usize = 80;
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short = if flat.chars().count() <= MAX {
        flat
    } else {
        let cut: String = flat.chars().take(MAX).collect();
        let at_word = cut.rfind(' ').map(|i| &cut[..i]).unwrap_or(&cut);
        format!("{}…", at_word.trim_end_matches([',', ';', ':', '.']))
    };
    ui.with_args(
        "cacao-step-name",
        &[("section", prefix.to_owned()), ("text", short)],
    )
}

/// The workflow under construction: the main line of steps in the order they run (each
/// linked to the next when the workflow is finished), the branches off it, the agents.
struct Workflow {
    uuid: Uuid,
    line: Vec<(String, Value)>,
    branches: Vec<(String, Value)>,
    agents: Map<String, Value>,
    variables: Map<String, Value>,
    activities: Vec<&'static str>,
    types: Vec<&'static str>,
    has_action: bool,
    has_sigma: bool,
}

impl Workflow {
    fn new(uuid: Uuid) -> Workflow {
        Workflow {
            uuid,
            line: Vec::new(),
            branches: Vec::new(),
            agents: Map::new(),
            variables: Map::new(),
            activities: Vec::new(),
            types: Vec::new(),
            has_action: false,
            has_sigma: false,
        }
    }

    fn id(&self, kind: &str, key: &str) -> String {
        ids::object_id(kind, &self.uuid, key)
    }

    /// The agent of a role (id, name in this language), or the incident response team.
    fn role_agent(&mut self, role: Option<(&str, &str)>, ui: &Ui) -> String {
        let (key, name) = match role {
            Some((id, name)) => (format!("role/{id}"), name.to_owned()),
            None => ("team".to_owned(), ui.get("cacao-team")),
        };
        let id = self.id("group", &key);
        self.agents
            .entry(id.clone())
            .or_insert_with(|| json!({ "type": "group", "name": name }));
        id
    }

    /// An action step with one manual command (`text`, and the step's description) on
    /// the main line.
    #[allow(clippy::too_many_arguments)]
    fn manual(
        &mut self,
        ui: &Ui,
        key: &str,
        prefix: &str,
        (text, description): (&Text, String),
        agent: String,
        phase: Phase,
        refs: Vec<Value>,
    ) {
        let id = self.id("action", key);
        let mut step = json!({
            "type": "action",
            "name": step_name(ui, prefix, &text.text),
            "description": description,
            "agent": agent,
            "commands": [{
                "type": "manual",
                "command": text.text,
                "playbook_activity": activity(phase),
            }],
        });
        if !refs.is_empty() {
            step["external_references"] = Value::Array(refs);
        }
        push_once(&mut self.activities, activity(phase));
        for t in types(phase) {
            push_once(&mut self.types, *t);
        }
        self.has_action = true;
        self.line.push((id, step));
    }

    /// The playbook's Sigma rules, run by a SIEM.
    fn sigma_step(&mut self, input: &Input) {
        let agent = self.id("security-category", "siem");
        self.agents.insert(
            agent.clone(),
            json!({
                "type": "security-category",
                "name": input.ui.get("cacao-siem"),
                "category": ["siem"],
            }),
        );
        let b64 = base64::engine::general_purpose::STANDARD;
        let commands: Vec<Value> = input
            .rules
            .iter()
            .map(|r| {
                json!({
                    "type": "sigma",
                    "description": r.title,
                    "command_b64": b64.encode(r.yaml.as_bytes()),
                    "playbook_activity": "match-indicator",
                })
            })
            .collect();
        let id = self.id("action", "sigma");
        let name = input.ui.get("cacao-sigma");
        self.line.push((
            id,
            json!({
                "type": "action",
                "name": name,
                "agent": agent,
                "commands": commands,
            }),
        ));
        push_once(&mut self.activities, "match-indicator");
        push_once(&mut self.types, "detection");
        self.has_action = true;
        self.has_sigma = true;
    }

    /// An escalation question: a manual step that records the answer in a boolean
    /// variable, then an if-condition whose true branch escalates and ends.
    fn escalation(&mut self, key: &str, question: &Text, ui: &Ui) {
        let var = variable_name(key, self.variables.len());
        self.variables.insert(
            var.clone(),
            json!({
                "type": "bool",
                "description": question.text,
                "value": "false",
            }),
        );
        let agent = self.role_agent(None, ui);
        let ask = self.id("action", &format!("escalation/{key}"));
        self.line.push((
            ask,
            json!({
                "type": "action",
                "name": step_name(ui, &ui.get("section-escalation"), &question.text),
                "description": question.text,
                "agent": agent,
                "commands": [{
                    "type": "manual",
                    "command": question.text,
                    "playbook_activity": "identify-audience",
                }],
                "out_args": [var],
            }),
        ));
        let escalate = self.id("action", &format!("escalation/{key}/escalate"));
        let end = self.id("end", &format!("escalation/{key}"));
        let branch_agent = self.role_agent(None, ui);
        self.branches.push((
            escalate.clone(),
            json!({
                "type": "action",
                "name": ui.get("cacao-escalate"),
                "agent": branch_agent,
                "commands": [{
                    "type": "manual",
                    "command": ui.get("cacao-escalate"),
                    "playbook_activity": "deliver-content",
                }],
                "on_completion": end,
            }),
        ));
        self.branches.push((end, json!({ "type": "end" })));
        let branch = self.id("if-condition", &format!("escalation/{key}"));
        self.line.push((
            branch,
            json!({
                "type": "if-condition",
                "name": ui.get("cacao-escalate-if"),
                "condition": format!("{var}:value = 'true'"),
                "on_true": escalate,
            }),
        ));
        push_once(&mut self.activities, "identify-audience");
        push_once(&mut self.activities, "deliver-content");
        push_once(&mut self.types, "notification");
    }

    fn into_playbook(self, p: &PlaybookView, input: &Input) -> Value {
        let start = self.id("start", "start");
        let end = self.id("end", "end");
        let mut workflow = Map::new();
        let first = self
            .line
            .first()
            .map(|l| l.0.clone())
            .unwrap_or(end.clone());
        workflow.insert(
            start.clone(),
            json!({ "type": "start", "on_completion": first }),
        );
        let next: Vec<String> = self
            .line
            .iter()
            .skip(1)
            .map(|l| l.0.clone())
            .chain([end.clone()])
            .collect();
        let if_logic = !self.variables.is_empty();
        for ((id, mut step), next) in self.line.into_iter().zip(next) {
            step["on_completion"] = json!(next);
            workflow.insert(id, step);
        }
        workflow.extend(self.branches);
        workflow.insert(end, json!({ "type": "end" }));

        let r = &p.response;
        let mut labels = technique_labels(&r.all_techniques);
        for (prefix, names) in [
            ("guardduty", &r.guardduty),
            ("securityhub", &r.securityhub),
            ("cloudtrail", &r.cloudtrail),
        ] {
            labels.extend(names.iter().map(|n| format!("{prefix}:{n}")));
        }
        let mut refs: Vec<Value> = Vec::new();
        if let Some(base) = input.base_url {
            refs.push(json!({
                "name": p.title.text,
                "url": format!("{}/{}/{}.html", base.trim_end_matches('/'), input.lang, p.id),
            }));
        }
        for s in &r.sources {
            let mut source = json!({ "name": s.title, "url": s.url });
            if let Some(l) = &s.licence {
                source["description"] = json!(l);
            }
            refs.push(source);
        }
        refs.extend(technique_refs(&r.all_techniques));
        // Every reference a step uses must also be at the playbook level.
        for step in workflow.values() {
            for link in step["external_references"].as_array().into_iter().flatten() {
                if !refs.contains(link) {
                    refs.push(link.clone());
                }
            }
        }
        let (created, modified) = dates(p);
        let mut doc = json!({
            "type": "playbook",
            "spec_version": "cacao-2.0",
            "id": format!("playbook--{}", self.uuid),
            "name": p.title.text,
            "description": p.summary.text,
            "playbook_types": self.types,
            "playbook_activities": self.activities,
            "playbook_processing_summary": {
                "manual_playbook": !self.has_sigma,
                "if_logic": if_logic,
            },
            "created_by": ids::creator_id(input.book),
            "created": created,
            "modified": modified,
        });
        if p.status == Status::Deprecated {
            doc["revoked"] = json!(true);
        }
        if input.translation.is_some() {
            let source = ids::playbook_uuid(input.book, &p.id, None);
            doc["derived_from"] = json!([format!("playbook--{source}")]);
        }
        if !labels.is_empty() {
            doc["labels"] = json!(labels);
        }
        if !refs.is_empty() {
            doc["external_references"] = Value::Array(refs);
        }
        if !self.variables.is_empty() {
            doc["playbook_variables"] = Value::Object(self.variables);
        }
        doc["workflow_start"] = json!(start);
        doc["workflow"] = Value::Object(workflow);
        doc["agent_definitions"] = Value::Object(self.agents);
        doc
    }
}

/// `__escalate_<key>__`: a CACAO variable name (letters, digits, `_` and `-`; the key of
/// a positional list is its number) for the answer to an escalation question.
fn variable_name(key: &str, index: usize) -> String {
    let clean: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(150)
        .collect();
    if clean.is_empty() {
        format!("__escalate_{index}__")
    } else {
        format!("__escalate_{clean}__")
    }
}

/// `created` and `modified` (RFC 3339 with milliseconds, as CACAO wants them): the
/// approval date and the last review date, whichever the playbook has; the Unix epoch
/// when it has neither (a date that cannot be taken for a real one).
fn dates(p: &PlaybookView) -> (String, String) {
    let stamp = |d: &str| format!("{d}T00:00:00.000Z");
    let approved = p.approved.as_deref();
    let reviewed = p.response.reviewed.as_deref();
    let created = approved.or(reviewed).unwrap_or("1970-01-01");
    let modified = match (approved, reviewed) {
        (Some(a), Some(r)) => a.max(r),
        _ => created,
    };
    (stamp(created), stamp(modified))
}
