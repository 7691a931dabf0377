//! The event index of one language: every event name of every playbook, A to Z, with
//! each place that covers it (an event-table row, a data-event section). A responder
//! arrives here with a name from a CloudTrail record.
//!
//! The index holds only positions in the book (`At`); each row (`IndexEvent`) is made
//! when the page's template reaches it (`engine::Rows`) and let go after. At ten thousand
//! playbooks the rows together are hundreds of megabytes as template values, and the page
//! itself as large: it is written as it is rendered.

use super::engine::Rows;
use crate::i18n::translations::Resolved;
use crate::render::markdown_inline::plain;
use crate::view::BookView;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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

/// The index of a book: its rows as positions in it, names sorted case-insensitively
/// (ties by exact name, so the order never depends on the input's), each row's places
/// in playbook then page order.
pub struct Index {
    book: Arc<BookView>,
    rows: Vec<Vec<At>>,
}

/// A place an event is named, in the book: playbook `pb`, and where in it.
#[derive(Clone, Copy)]
struct At {
    pb: u32,
    what: Where,
}

#[derive(Clone, Copy)]
enum Where {
    /// Event `e` of event group `g`.
    Group { g: u32, e: u32 },
    /// Event name `n` of data-event section `d`.
    Data { d: u32, n: u32 },
}

/// Positions are `u32`: a book has far fewer playbooks, groups and events than that.
fn at(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

pub fn build(book: Arc<BookView>) -> Index {
    let mut by_name: BTreeMap<(String, &str), Vec<At>> = BTreeMap::new();
    for (p, pb) in book.playbooks.iter().enumerate() {
        for (g, group) in pb.groups.iter().enumerate() {
            for (e, ev) in group.events.iter().enumerate() {
                let what = Where::Group { g: at(g), e: at(e) };
                by_name
                    .entry((ev.name.to_lowercase(), ev.name.as_str()))
                    .or_default()
                    .push(At { pb: at(p), what });
            }
        }
        for (d, section) in pb.data_events.iter().enumerate() {
            for (n, name) in section.events.iter().enumerate() {
                let what = Where::Data { d: at(d), n: at(n) };
                by_name
                    .entry((name.to_lowercase(), name.as_str()))
                    .or_default()
                    .push(At { pb: at(p), what });
            }
        }
    }
    let rows = by_name.into_values().collect();
    Index { book, rows }
}

impl Index {
    /// The event name at `at` and the place it stands for. The key words it adds go to
    /// `key`.
    fn place(&self, at: At, key: &mut BTreeSet<String>) -> Option<(&str, &Resolved, Place<'_>)> {
        let pb = self.book.playbooks.get(at.pb as usize)?;
        key.extend(pb.endpoints.iter().map(|e| e.host.to_lowercase()));
        Some(match at.what {
            Where::Group { g, e } => {
                let group = pb.groups.get(g as usize)?;
                let ev = group.events.get(e as usize)?;
                key.extend([
                    ev.service.to_lowercase(),
                    ev.event_source.to_lowercase(),
                    format!("{}:{}", ev.service, ev.name).to_lowercase(),
                ]);
                key.extend(ev.data_resource_types.iter().map(|t| t.to_lowercase()));
                key.extend(ev.description.iter().map(|d| plain(&d.text).to_lowercase()));
                let place = Place {
                    href: format!("{}.html#{}", pb.id, ev.anchor),
                    kind: "group",
                    group_title: Some(&group.title),
                    resource_type: None,
                    service: Some(&ev.service),
                    common: ev.common,
                };
                (ev.name.as_str(), &pb.title, place)
            }
            Where::Data { d, n } => {
                let section = pb.data_events.get(d as usize)?;
                let name = section.events.get(n as usize)?;
                key.insert(section.resource_type.to_lowercase());
                if let Some(service) = &section.service {
                    key.insert(format!("{service}:{name}").to_lowercase());
                    key.insert(service.to_lowercase());
                }
                let place = Place {
                    href: format!("{}.html#{}", pb.id, section.anchor),
                    kind: "data",
                    group_title: None,
                    resource_type: Some(&section.resource_type),
                    service: section.service.as_deref(),
                    common: false,
                };
                (name.as_str(), &pb.title, place)
            }
        })
    }
}

impl Rows for Index {
    type Row<'a> = IndexEvent<'a>;

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn row(&self, i: usize) -> Option<IndexEvent<'_>> {
        let mut key = BTreeSet::new();
        let mut name = "";
        let mut playbooks: Vec<InPlaybook> = Vec::new();
        for &at in self.rows.get(i)? {
            let (event, title, place) = self.place(at, &mut key)?;
            name = event;
            match playbooks.last_mut() {
                Some(last) if std::ptr::eq(last.title, title) => last.places.push(place),
                _ => playbooks.push(InPlaybook {
                    title,
                    places: vec![place],
                }),
            }
        }
        let mut haystack = name.to_lowercase();
        for k in key {
            haystack.push(' ');
            haystack.push_str(&k);
        }
        Some(IndexEvent {
            name,
            key: haystack,
            playbooks,
        })
    }
}
