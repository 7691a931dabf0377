//! What the book as a whole says of each event that one playbook's exports depend on.
//!
//! A playbook's Sigma rules (and the CACAO exports that embed them) leave out of its
//! "changes" rules the events that are read-only or common in normal use, and the catalog
//! decides that book-wide: an event is common when any playbook lists it as common, and
//! its IAM access level is the one of its first occurrence in the book. So that each
//! playbook's exports can be made with its pages, in parallel, these facts are gathered
//! first, from the playbooks as loaded and the registry (no localization): a quick pass
//! over the book.

use super::collect::access_level;
use super::model::{AccessLevel, EventEntry};
use crate::load::Source;
use crate::model::data_only::data_only_events;
use crate::model::Playbook;
use crate::registry::Registry;
use std::collections::{BTreeSet, HashMap};

/// The book-wide facts of every event, by (event source, event name).
#[derive(Debug, Default, PartialEq)]
pub struct EventFacts {
    by_event: HashMap<(String, String), Fact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fact {
    /// Some playbook lists it among the events common in normal use.
    common: bool,
    /// The access level of its first occurrence, in book order.
    level: Option<AccessLevel>,
}

impl EventFacts {
    /// The facts of `playbooks`, which must be in book order (sorted by id).
    pub fn of<'a>(
        playbooks: impl IntoIterator<Item = &'a Source<Playbook>>,
        registry: &Registry,
    ) -> EventFacts {
        let mut by_event: HashMap<(String, String), Fact> = HashMap::new();
        for source in playbooks {
            occurrences(&source.doc, registry, |key, common, level| {
                by_event
                    .entry(key)
                    .and_modify(|f| f.common |= common)
                    .or_insert(Fact { common, level });
            });
        }
        EventFacts { by_event }
    }

    /// Gives a playbook's own event entries (its catalog piece's) their book-wide
    /// `common` and `iam_access_level`. An entry these facts do not know, or one common
    /// in the playbook but not in the book, means that this pass and the localized view
    /// disagree on a playbook's events: an internal error, never silently wrong exports.
    pub fn apply(&self, playbook: &str, events: &mut [EventEntry]) -> Result<(), String> {
        for e in events {
            let key = (e.event_source.clone(), e.event_name.clone());
            match self.by_event.get(&key) {
                Some(f) if f.common || !e.common => {
                    e.common = f.common;
                    e.iam_access_level = f.level;
                }
                _ => {
                    return Err(format!(
                        "internal error: the book-wide facts of event {} (playbook `{playbook}`) \
                         disagree with its view",
                        e.id
                    ))
                }
            }
        }
        Ok(())
    }

    /// The facts of the events of `playbook` as bytes, for its fingerprint: its exports
    /// change when another playbook changes them.
    pub fn fingerprint(&self, playbook: &Playbook, registry: &Registry) -> Vec<u8> {
        let mut out = Vec::new();
        occurrences(playbook, registry, |key, _, _| {
            let f = self.by_event.get(&key);
            out.extend_from_slice(key.0.as_bytes());
            out.push(0);
            out.extend_from_slice(key.1.as_bytes());
            out.push(0);
            out.extend_from_slice(format!("{:?}\n", f.map(|f| (f.common, f.level))).as_bytes());
        });
        out
    }
}

/// Calls `f` with each event occurrence of `p` (its groups' events, then the events in
/// no group, as the view lists them): its key, whether `p` lists it as common, and its
/// access level. The event source and the access level come from the registry as the
/// view joins them (`view::events`).
fn occurrences(
    p: &Playbook,
    registry: &Registry,
    mut f: impl FnMut((String, String), bool, Option<AccessLevel>),
) {
    let common: BTreeSet<&str> = p.detection.common.iter().map(|c| c.as_str()).collect();
    let mut one = |service: &str, name: &str| {
        let info = registry.event(service, name);
        let source = info
            .as_ref()
            .map(|i| i.event_source.to_owned())
            .or_else(|| registry.service_event_source(service).map(str::to_owned))
            .unwrap_or_else(|| format!("{service}.amazonaws.com"));
        let level = info
            .as_ref()
            .and_then(|i| crate::view::access_level_name(i.access_level))
            .and_then(access_level);
        f((source, name.to_owned()), common.contains(name), level);
    };
    for g in &p.detection.groups {
        for ev in &g.value.events {
            one(g.value.service.as_str(), ev.value.name.as_str());
        }
    }
    let service_of = |rtype: &str| registry.resource_type(rtype).map(|r| r.service.to_owned());
    for d in data_only_events(p, service_of) {
        one(&d.service, d.name.as_str());
    }
}
