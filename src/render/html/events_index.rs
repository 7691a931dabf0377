//! The event index of one language: every event name of every playbook, A to Z, with
//! each place that covers it (an event-table row, a data-event section). A responder
//! arrives here with a name from a CloudTrail record.

use crate::i18n::translations::Resolved;
use crate::render::markdown_inline::plain;
use crate::view::BookView;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct IndexEvent<'a> {
    pub name: &'a str,
    /// What the filter box matches, lower-case: the name and, for each place, the
    /// service, event source, IAM action (`service:Name`), resource type, the
    /// playbook's endpoints and the event's description. A responder pastes any of
    /// these from a CloudTrail record or a policy.
    pub key: String,
    /// The playbooks that cover the event, each with its places, in book order.
    pub playbooks: Vec<InPlaybook<'a>>,
}

#[derive(Serialize)]
pub struct InPlaybook<'a> {
    pub title: &'a Resolved,
    pub places: Vec<Place<'a>>,
}

#[derive(Serialize)]
pub struct Place<'a> {
    /// `<id>.html#<anchor>`, relative to the language folder.
    pub href: String,
    /// `group` (an event table) or `data` (a data-event resource type).
    pub kind: &'static str,
    /// The group's title for `group` places.
    pub group_title: Option<&'a Resolved>,
    /// The resource type for `data` places.
    pub resource_type: Option<&'a str>,
    pub service: Option<&'a str>,
    pub common: bool,
}

/// The index of `book`, names sorted case-insensitively (ties by exact name, so the
/// order never depends on the input's), places in playbook then page order.
pub fn build(book: &BookView) -> Vec<IndexEvent<'_>> {
    let mut by_name: BTreeMap<(String, &str), Vec<(&Resolved, Place)>> = BTreeMap::new();
    let mut keys: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for pb in &book.playbooks {
        let endpoints = pb.endpoints.iter().map(|e| e.host.to_lowercase());
        let endpoints: Vec<String> = endpoints.collect();
        for g in &pb.groups {
            for ev in &g.events {
                let key = keys.entry(ev.name.as_str()).or_default();
                key.extend([
                    ev.service.to_lowercase(),
                    ev.event_source.to_lowercase(),
                    format!("{}:{}", ev.service, ev.name).to_lowercase(),
                ]);
                key.extend(ev.data_resource_types.iter().map(|t| t.to_lowercase()));
                key.extend(ev.description.iter().map(|d| plain(&d.text).to_lowercase()));
                key.extend(endpoints.iter().cloned());
                by_name
                    .entry((ev.name.to_lowercase(), ev.name.as_str()))
                    .or_default()
                    .push((
                        &pb.title,
                        Place {
                            href: format!("{}.html#{}", pb.id, ev.anchor),
                            kind: "group",
                            group_title: Some(&g.title),
                            resource_type: None,
                            service: Some(&ev.service),
                            common: ev.common,
                        },
                    ));
            }
        }
        for d in &pb.data_events {
            for name in &d.events {
                let key = keys.entry(name.as_str()).or_default();
                key.insert(d.resource_type.to_lowercase());
                if let Some(service) = &d.service {
                    key.insert(format!("{service}:{name}").to_lowercase());
                    key.insert(service.to_lowercase());
                }
                key.extend(endpoints.iter().cloned());
                by_name
                    .entry((name.to_lowercase(), name.as_str()))
                    .or_default()
                    .push((
                        &pb.title,
                        Place {
                            href: format!("{}.html#{}", pb.id, d.anchor),
                            kind: "data",
                            group_title: None,
                            resource_type: Some(&d.resource_type),
                            service: d.service.as_deref(),
                            common: false,
                        },
                    ));
            }
        }
    }
    by_name
        .into_iter()
        .map(|((key, name), places)| {
            let mut playbooks: Vec<InPlaybook> = Vec::new();
            for (title, place) in places {
                match playbooks.last_mut() {
                    Some(last) if std::ptr::eq(last.title, title) => last.places.push(place),
                    _ => playbooks.push(InPlaybook {
                        title,
                        places: vec![place],
                    }),
                }
            }
            let mut haystack = key;
            for k in keys.get(name).into_iter().flatten() {
                haystack.push(' ');
                haystack.push_str(k);
            }
            IndexEvent {
                name,
                key: haystack,
                playbooks,
            }
        })
        .collect()
}
