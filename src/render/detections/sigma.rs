//! `sigma/*.yml`: Sigma rules for CloudTrail (`logsource: product aws, service cloudtrail`),
//! one file per playbook holding its rules as YAML documents (`---` between them), the
//! multi-document form SigmaHQ's tooling (`sigma check`, `sigma convert`) reads as a rule
//! collection. One file per rule made a large book write tens of thousands of tiny files.
//!
//! Per event group of a playbook (and per playbook for the data events in no group):
//! - an *activity* rule with every event of the group, level `informational`, tagged
//!   `detection.threat-hunting`: a hunting query and a dashboard panel, not an alert, since
//!   groups hold events common in normal use;
//! - a *changes* rule with the group's events that are not read-only and not common in
//!   normal use, level `medium`: what an alerting team routes to an analyst.
//!
//! When both would select the same events, only the changes rule is written.
//!
//! Ids are UUIDv5 of the playbook and group keys, so a rule keeps its id across builds and
//! machines, and SIEM content pipelines can track it.

use crate::model::Status;
use crate::render::catalog::model::{AccessLevel, EventEntry};
use crate::view::PlaybookView;
use serde::Serialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::selection::Selection;

/// irbook's namespace for rule ids (random, fixed forever: changing it changes every id).
const NAMESPACE: Uuid = Uuid::from_u128(0xb098674e_8ccd_425d_bbfe_43979e2f7e89);

/// Key of the pseudo-group of data events that are in no group.
const DATA_ONLY_KEY: &str = "data-only";

pub struct RuleFile {
    pub file_name: String,
    pub yaml: String,
}

/// The Sigma file of playbook `playbook_id` whose rules are `rules` (see `rules`):
/// `aws_cloudtrail_<playbook>.yml` with every rule, or None when it has none.
pub fn playbook_file(playbook_id: &str, rules: &[RuleDoc]) -> Option<RuleFile> {
    if rules.is_empty() {
        return None;
    }
    let yaml = rules
        .iter()
        .map(|r| r.yaml.as_str())
        .collect::<Vec<_>>()
        .join("---\n");
    Some(RuleFile {
        file_name: file_name(playbook_id),
        yaml,
    })
}

/// `aws_cloudtrail_<playbook, snake case>.yml`.
pub fn file_name(playbook_id: &str) -> String {
    format!("aws_cloudtrail_{}.yml", snake(playbook_id))
}

/// One rule of a playbook: its title and its YAML document.
pub struct RuleDoc {
    pub title: String,
    pub yaml: String,
}

/// A Sigma rule, fields in the order SigmaHQ writes them.
#[derive(Serialize)]
struct Rule {
    title: String,
    id: String,
    status: &'static str,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<String>,
    author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    logsource: Value,
    detection: Value,
    falsepositives: Vec<String>,
    level: &'static str,
}

/// A set of events a playbook groups together, with where the playbook explains them.
struct Group<'a> {
    key: &'a str,
    /// For the rule's title.
    title: String,
    /// For its description: `in the group "Indices"`.
    phrase: String,
    anchor: String,
    events: Vec<&'a EventEntry>,
    /// ATT&CK techniques of the group (the playbook's own for the data events in no group).
    techniques: &'a [crate::view::TechniqueView],
}

/// Every rule of playbook `p` as a YAML document, in a stable order.
pub fn rules<'a>(
    p: &PlaybookView,
    mine: &super::PlaybookEvents<'a>,
    lang: &str,
    base_url: Option<&str>,
) -> Result<Vec<RuleDoc>, String> {
    let mut groups: Vec<Group> = p
        .groups
        .iter()
        .map(|g| Group {
            key: &g.key,
            title: one_line(&g.title.text),
            phrase: format!("in the group \"{}\"", one_line(&g.title.text)),
            anchor: format!("group-{}", g.key),
            events: mine
                .by_group
                .get(g.key.as_str())
                .cloned()
                .unwrap_or_default(),
            techniques: if g.attack.is_empty() {
                &p.response.techniques
            } else {
                &g.attack
            },
        })
        .collect();
    if let Some(first) = p.data_only_events.first() {
        if p.groups.iter().any(|g| g.key == DATA_ONLY_KEY) {
            return Err(format!(
                "playbook `{}`: the group key `{DATA_ONLY_KEY}` is reserved for the Sigma rule of the data events in no group; rename the group",
                p.id
            ));
        }
        groups.push(Group {
            key: DATA_ONLY_KEY,
            title: "other data events".to_owned(),
            phrase: "listed only among the data events".to_owned(),
            anchor: first.anchor.clone(),
            events: mine.in_no_group.clone(),
            techniques: &p.response.techniques,
        });
    }
    let page = format!("{lang}/{}.html", p.id);
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| !g.events.is_empty()) {
        let changes: Vec<&EventEntry> = g
            .events
            .iter()
            .copied()
            // "Changes": events whose IAM access level is not List or Read (unknown
            // counts as a change: better one alert too many).
            .filter(|e| {
                !matches!(
                    e.iam_access_level,
                    Some(AccessLevel::List | AccessLevel::Read)
                ) && !e.common
            })
            .collect();
        let at = format!("{page}#{}", g.anchor);
        if changes.len() != g.events.len() {
            out.push(rule_file(p, g, Kind::Activity, &g.events, &at, base_url)?);
        }
        if !changes.is_empty() {
            out.push(rule_file(p, g, Kind::Changes, &changes, &at, base_url)?);
        }
    }
    Ok(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Activity,
    Changes,
}

fn rule_file(
    p: &PlaybookView,
    g: &Group,
    kind: Kind,
    events: &[&EventEntry],
    at: &str,
    base_url: Option<&str>,
) -> Result<RuleDoc, String> {
    let subject = p
        .classification
        .resource
        .as_ref()
        .map(|r| one_line(&r.text))
        .unwrap_or_else(|| p.id.clone());
    let playbook = format!("the playbook \"{}\" ({})", one_line(&p.title.text), p.id);
    let (name, level, mut tags) = match kind {
        Kind::Activity => (
            "activity",
            "informational",
            vec!["detection.threat-hunting".to_owned()],
        ),
        Kind::Changes => ("changes", "medium", vec![]),
    };
    tags.extend(attack_tags(g.techniques));
    let description = match kind {
        Kind::Activity => format!(
            "Every CloudTrail event {} of {playbook}. Some are common in normal use: for hunting and dashboards rather than alerting. The playbook explains them at {at} in the built book.",
            g.phrase
        ),
        Kind::Changes => format!(
            "CloudTrail events {} of {playbook} that are neither read-only nor common in normal use: each deserves a look by an analyst. The playbook explains them and what to do at {at} in the built book.",
            g.phrase
        ),
    };
    let falsepositives = match kind {
        Kind::Activity => vec![format!(
            "Normal use of {subject} by known identities and applications"
        )],
        Kind::Changes => vec![
            "Planned administration by known identities: compare with your change records"
                .to_owned(),
        ],
    };
    let title = title_case(&format!("{subject} {name} - {}", g.title));
    let rule = Rule {
        title: title.clone(),
        id: rule_id(&p.id, g.key, kind).to_string(),
        status: status(p.status),
        description,
        references: base_url.map(|b| vec![join_url(b, at)]).unwrap_or_default(),
        author: p.author.clone().unwrap_or_else(|| "irbook".to_owned()),
        date: p.approved.clone(),
        tags,
        logsource: json!({ "product": "aws", "service": "cloudtrail" }),
        detection: detection(&Selection::of(events.iter().copied())),
        falsepositives,
        level,
    };
    let yaml = serde_saphyr::to_string(&rule)
        .map_err(|e| format!("cannot write the Sigma rule of `{}`: {e}", g.key))?;
    Ok(RuleDoc { title, yaml })
}

/// `selection` for one event source; `selection_1`, `selection_2`… and `1 of selection_*`
/// for several.
fn detection(selections: &[Selection]) -> Value {
    let item = |s: &Selection| json!({ "eventSource": s.event_source, "eventName": s.event_names });
    let mut map = Map::new();
    if let [only] = selections {
        map.insert("selection".into(), item(only));
        map.insert("condition".into(), "selection".into());
    } else {
        for (i, s) in selections.iter().enumerate() {
            map.insert(format!("selection_{}", i + 1), item(s));
        }
        map.insert("condition".into(), "1 of selection_*".into());
    }
    Value::Object(map)
}

fn rule_id(playbook: &str, group: &str, kind: Kind) -> Uuid {
    let name = match kind {
        Kind::Activity => format!("{playbook}/{group}"),
        Kind::Changes => format!("{playbook}/{group}/changes"),
    };
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

/// Sigma's status from the playbook's. Generated selections are not tuned on anyone's
/// logs and carry no regression tests, so SigmaHQ's convention makes them `experimental`
/// whatever the playbook's review state (a build-date rule would make builds differ).
fn status(s: Status) -> &'static str {
    match s {
        Status::Draft | Status::Active => "experimental",
        Status::Deprecated => "deprecated",
    }
}

/// Sigma ATT&CK tags: `attack.<tactic>` for each tactic, then `attack.t<id>` for each
/// technique (lower case, as the Sigma specification writes them), each once.
fn attack_tags(techniques: &[crate::view::TechniqueView]) -> Vec<String> {
    let mut tactics: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for t in techniques {
        for tactic in &t.tactics {
            let tag = format!("attack.{tactic}");
            if !tactics.contains(&tag) {
                tactics.push(tag);
            }
        }
        let tag = format!("attack.{}", t.id.to_ascii_lowercase());
        if !ids.contains(&tag) {
            ids.push(tag);
        }
    }
    tactics.extend(ids);
    tactics
}

/// SigmaHQ's title case: every word starts with a capital but the short words its
/// convention keeps lower case.
fn title_case(title: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "new", "of", "on", "or", "over",
        "the", "through", "to", "via", "with", "without",
    ];
    title
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if (i > 0 && SMALL.contains(&w)) || !w.chars().all(|c| !c.is_uppercase()) {
                return w.to_owned();
            }
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// SigmaHQ file names are lower snake case.
fn snake(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join_url(base: &str, rel: &str) -> String {
    format!("{}/{rel}", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = rule_id("amazon-q", "indices", Kind::Activity);
        assert_eq!(a, rule_id("amazon-q", "indices", Kind::Activity));
        assert_ne!(a, rule_id("amazon-q", "indices", Kind::Changes));
        assert_ne!(a, rule_id("amazon-q", "retrievers", Kind::Activity));
        assert_eq!(a.get_version_num(), 5);
    }

    #[test]
    fn several_sources_get_one_selection_each() {
        let d = detection(&[
            Selection {
                event_source: "a.amazonaws.com".into(),
                event_names: vec!["A".into()],
            },
            Selection {
                event_source: "b.amazonaws.com".into(),
                event_names: vec!["B".into()],
            },
        ]);
        assert_eq!(d["condition"], "1 of selection_*");
        assert_eq!(d["selection_2"]["eventSource"], "b.amazonaws.com");
    }

    #[test]
    fn file_names_are_snake_case() {
        assert_eq!(snake("amazon-q"), "amazon_q");
        assert_eq!(
            join_url("https://x.example/pb/", "en/a.html#g"),
            "https://x.example/pb/en/a.html#g"
        );
    }
}
