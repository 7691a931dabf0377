//! The book-wide indexes of the response metadata, for a responder who arrives with a name
//! from an alert: what triggers each playbook (a GuardDuty finding type, a Security Hub
//! control, a CloudTrail event → the playbooks it pages) and which playbooks cover each
//! ATT&CK technique (→ the playbook itself, its steps, its event groups). Data only, built
//! from one language's view: the HTML and Markdown renderers lay it out.

use crate::model::Phase;
use crate::view::{BookView, PlaybookView, TechniqueView, Text};
use serde::Serialize;
use std::collections::BTreeMap;

/// A playbook a name leads to, and where on its page.
#[derive(Serialize)]
pub struct Target<'a> {
    pub id: &'a str,
    pub title: &'a Text,
    /// The anchor on the HTML page and on the Markdown chapter (they differ for steps).
    pub html_anchor: String,
    pub md_anchor: String,
}

/// One trigger name and the playbooks it triggers, in book order.
#[derive(Serialize)]
pub struct Trigger<'a> {
    pub name: &'a str,
    pub playbooks: Vec<Target<'a>>,
}

/// Every trigger of the book by kind, each list sorted by name (case-insensitively, then
/// exactly, so that the order is total).
#[derive(Serialize, Default)]
pub struct Triggers<'a> {
    pub guardduty: Vec<Trigger<'a>>,
    pub securityhub: Vec<Trigger<'a>>,
    pub cloudtrail: Vec<Trigger<'a>>,
}

impl Triggers<'_> {
    pub fn is_empty(&self) -> bool {
        self.guardduty.is_empty() && self.securityhub.is_empty() && self.cloudtrail.is_empty()
    }
}

/// Where a playbook covers a technique.
#[derive(Serialize)]
pub struct Place<'a> {
    /// `playbook` (its own techniques), `step` or `group`.
    pub kind: &'static str,
    /// The step's text or the group's title; None for the playbook itself.
    pub label: Option<&'a Text>,
    pub html_anchor: String,
    pub md_anchor: String,
}

#[derive(Serialize)]
pub struct CoveredBy<'a> {
    pub id: &'a str,
    pub title: &'a Text,
    pub places: Vec<Place<'a>>,
}

/// A technique and the playbooks covering it, in book order.
#[derive(Serialize)]
pub struct Technique<'a> {
    pub technique: &'a TechniqueView,
    pub playbooks: Vec<CoveredBy<'a>>,
}

fn sort_key(name: &str) -> (String, String) {
    (name.to_lowercase(), name.to_owned())
}

/// The triggers of `book`.
pub fn triggers(book: &BookView) -> Triggers<'_> {
    type ByName<'a> = BTreeMap<(String, String), Trigger<'a>>;
    let mut kinds: [ByName; 3] = Default::default();
    for p in &book.playbooks {
        let r = &p.response;
        for (by_name, names) in kinds
            .iter_mut()
            .zip([&r.guardduty, &r.securityhub, &r.cloudtrail])
        {
            for name in names {
                let trigger = by_name.entry(sort_key(name)).or_insert_with(|| Trigger {
                    name,
                    playbooks: Vec::new(),
                });
                if trigger.playbooks.last().is_some_and(|t| t.id == p.id) {
                    continue; // listed twice in one playbook: one link is enough
                }
                // A CloudTrail event leads to its row in the playbook's event tables when it
                // has one; everything else to the response section that lists it.
                let anchor = std::ptr::eq(names, &r.cloudtrail)
                    .then(|| event_anchor(p, name))
                    .flatten()
                    .unwrap_or_else(|| "response".to_owned());
                trigger.playbooks.push(Target {
                    id: &p.id,
                    title: &p.title,
                    html_anchor: anchor.clone(),
                    md_anchor: anchor,
                });
            }
        }
    }
    let [guardduty, securityhub, cloudtrail] = kinds.map(|k| k.into_values().collect());
    Triggers {
        guardduty,
        securityhub,
        cloudtrail,
    }
}

/// The anchor of event `name`'s first row in the playbook's event groups.
fn event_anchor(p: &PlaybookView, name: &str) -> Option<String> {
    p.groups
        .iter()
        .flat_map(|g| &g.events)
        .find(|e| e.name == name)
        .map(|e| e.anchor.clone())
}

/// The techniques of `book`, sorted by id.
pub fn techniques(book: &BookView) -> Vec<Technique<'_>> {
    let mut by_id: BTreeMap<&str, Technique> = BTreeMap::new();
    for p in &book.playbooks {
        // (technique, place) in page order: the playbook's own, its steps, its groups.
        let mut seen: Vec<(&TechniqueView, Place)> = Vec::new();
        for t in &p.response.techniques {
            let place = Place {
                kind: "playbook",
                label: None,
                html_anchor: "response".to_owned(),
                md_anchor: "response".to_owned(),
            };
            seen.push((t, place));
        }
        for s in &p.steps {
            for t in &s.attack {
                seen.push((t, step_place(s.key.as_str(), s.phase, &s.text)));
            }
        }
        for g in &p.groups {
            for t in &g.attack {
                let anchor = format!("group-{}", g.key);
                seen.push((
                    t,
                    Place {
                        kind: "group",
                        label: Some(&g.title),
                        html_anchor: anchor.clone(),
                        md_anchor: anchor,
                    },
                ));
            }
        }
        let mut places: BTreeMap<&str, Vec<Place>> = BTreeMap::new();
        let mut first: BTreeMap<&str, &TechniqueView> = BTreeMap::new();
        for (t, place) in seen {
            first.entry(t.id.as_str()).or_insert(t);
            places.entry(t.id.as_str()).or_default().push(place);
        }
        for (id, places) in places {
            by_id
                .entry(id)
                .or_insert_with(|| Technique {
                    technique: first[id],
                    playbooks: Vec::new(),
                })
                .playbooks
                .push(CoveredBy {
                    id: &p.id,
                    title: &p.title,
                    places,
                });
        }
    }
    by_id.into_values().collect()
}

fn step_place<'a>(key: &str, phase: Phase, text: &'a Text) -> Place<'a> {
    Place {
        kind: "step",
        label: Some(text),
        html_anchor: format!("step-{key}"),
        // Markdown chapters anchor phases, not single steps.
        md_anchor: format!("phase-{}", phase.key()),
    }
}
