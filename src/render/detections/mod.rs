//! Exports for detection tools, written under `detections/`: Sigma rules and ready-to-run
//! queries for Amazon Security Lake, Athena, CloudTrail Lake and CloudWatch Logs Insights. Each is derived from
//! the catalog (which events, from which event source) and the source-language view
//! (titles, owners, status); `docs/catalog.md` says what each file is for.

mod athena;
mod cloudtrail_lake;
mod logs_insights;
pub mod navigator;
mod security_lake;
mod selection;
pub mod sigma;

use super::catalog::model::EventEntry;
use crate::view::{GroupView, PlaybookView};
use selection::Selection;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The catalog's events of one playbook, in catalog order.
#[derive(Default)]
pub struct PlaybookEvents<'c> {
    pub all: Vec<&'c EventEntry>,
    /// By group key.
    pub by_group: HashMap<&'c str, Vec<&'c EventEntry>>,
    /// Events in none of the playbook's groups (data events only).
    pub in_no_group: Vec<&'c EventEntry>,
}

/// Every playbook's events, in one pass over `events` (the catalog's, or one playbook's
/// own entries): scanning the catalog once per playbook would be quadratic in a large
/// book whose playbooks share their events.
fn index(events: &[EventEntry]) -> HashMap<&str, PlaybookEvents<'_>> {
    let mut out: HashMap<&str, PlaybookEvents> = HashMap::new();
    for e in events {
        let mut grouped: HashSet<&str> = HashSet::new();
        for g in &e.groups {
            grouped.insert(g.playbook.as_str());
            let list = out
                .entry(g.playbook.as_str())
                .or_default()
                .by_group
                .entry(g.group.as_str())
                .or_default();
            if list.last().is_none_or(|last| !std::ptr::eq(*last, e)) {
                list.push(e);
            }
        }
        for r in &e.playbooks {
            let mine = out.entry(r.id.as_str()).or_default();
            mine.all.push(e);
            if !grouped.contains(r.id.as_str()) {
                mine.in_no_group.push(e);
            }
        }
    }
    out
}

/// Folder of the exports in the output.
pub const DIR: &str = "detections";

/// The queries of one event group, as its playbook page offers them: the playbook's own
/// queries narrowed to the group's events (same text, same placeholders).
#[derive(Debug, Clone, Serialize)]
pub struct GroupQueries {
    pub security_lake: String,
    pub athena: String,
    pub cloudtrail_lake: String,
    pub logs_insights: String,
}

/// The queries of group `g` of playbook `p`; None when it has no events.
pub fn group_queries(p: &PlaybookView, g: &GroupView) -> Option<GroupQueries> {
    let events = &g.events;
    let selections = Selection::group(
        events
            .iter()
            .map(|e| (e.event_source.as_str(), e.name.as_str())),
    );
    if selections.is_empty() {
        return None;
    }
    let header = selection::Header::new(p);
    let label = security_lake::GroupLabel {
        key: &g.key,
        title: &g.title.text,
    };
    Some(GroupQueries {
        security_lake: security_lake::query(&header, &label, &selections),
        athena: athena::query(&header, &selections),
        cloudtrail_lake: cloudtrail_lake::query(&header, &selections),
        logs_insights: logs_insights::query(&header, &selections),
    })
}

/// Where the files of playbook `id` are, relative to the output root.
#[derive(Debug, Clone, Serialize)]
pub struct FilePaths {
    pub security_lake: String,
    pub athena: String,
    pub cloudtrail_lake: String,
    pub logs_insights: String,
    pub sigma: String,
}

pub fn file_paths(id: &str) -> FilePaths {
    FilePaths {
        security_lake: format!("{DIR}/security-lake/{id}.sql"),
        athena: format!("{DIR}/athena/{id}.sql"),
        cloudtrail_lake: format!("{DIR}/cloudtrail-lake/{id}.sql"),
        logs_insights: format!("{DIR}/logs-insights/{id}.txt"),
        sigma: format!("{DIR}/sigma/{}", sigma::file_name(id)),
    }
}

/// `attack-navigator.json`, the book's ATT&CK Navigator layer, from the source
/// language's view of the book (only what `view::summary` keeps of each playbook is
/// read); None when no playbook names a technique.
pub fn navigator_file(
    source: &crate::view::BookView,
    base_url: Option<&str>,
) -> Result<Option<(String, Vec<u8>)>, String> {
    let layer = navigator::layer(source, base_url);
    if layer["techniques"].as_array().is_none_or(|t| t.is_empty()) {
        return Ok(None);
    }
    let mut text = serde_json::to_string_pretty(&layer).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(Some((
        format!("{DIR}/attack-navigator.json"),
        text.into_bytes(),
    )))
}

/// A playbook's detection files (path, bytes), and its Sigma rules.
pub type PlaybookExports = (Vec<(String, Vec<u8>)>, Vec<sigma::RuleDoc>);

/// The detection files of playbook `p` (its view in the source language `lang`) and its
/// Sigma rules (for its CACAO exports). `events` are the catalog's entries of the
/// playbook's events, sorted as the catalog sorts them; only what they say of `p` is
/// read, with their book-wide `common` and `iam_access_level`.
pub fn playbook_files(
    p: &PlaybookView,
    events: &[EventEntry],
    lang: &str,
    base_url: Option<&str>,
) -> Result<PlaybookExports, String> {
    let index = index(events);
    let none = PlaybookEvents::default();
    files_of(p, index.get(p.id.as_str()).unwrap_or(&none), lang, base_url)
}

fn files_of(
    p: &PlaybookView,
    mine: &PlaybookEvents,
    lang: &str,
    base_url: Option<&str>,
) -> Result<PlaybookExports, String> {
    let mut files = Vec::new();
    let selections = Selection::of(mine.all.iter().copied());
    if selections.is_empty() {
        return Ok((files, Vec::new())); // a playbook without events has nothing to query
    }
    let header = selection::Header::new(p);
    let groups: Vec<_> = p
        .groups
        .iter()
        .filter_map(|g| {
            let events = mine.by_group.get(g.key.as_str())?;
            let label = security_lake::GroupLabel {
                key: &g.key,
                title: &g.title.text,
            };
            Some((label, Selection::of(events.iter().copied())))
        })
        .filter(|(_, s)| !s.is_empty())
        .collect();
    if !groups.is_empty() {
        files.push((
            format!("{DIR}/security-lake/{}.sql", p.id),
            security_lake::file(&header, &groups).into_bytes(),
        ));
    }
    files.push((
        format!("{DIR}/athena/{}.sql", p.id),
        athena::query(&header, &selections).into_bytes(),
    ));
    files.push((
        format!("{DIR}/cloudtrail-lake/{}.sql", p.id),
        cloudtrail_lake::query(&header, &selections).into_bytes(),
    ));
    files.push((
        format!("{DIR}/logs-insights/{}.txt", p.id),
        logs_insights::query(&header, &selections).into_bytes(),
    ));
    let rules = sigma::rules(p, mine, lang, base_url)?;
    if let Some(file) = sigma::playbook_file(&p.id, &rules) {
        files.push((
            format!("{DIR}/sigma/{}", file.file_name),
            file.yaml.into_bytes(),
        ));
    }
    Ok((files, rules))
}
