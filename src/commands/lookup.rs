//! `irbook lookup NAME`: what the registry knows of a name, and where the book uses it.

use super::exit;
use crate::cli::LookupArgs;
use crate::load::{self, Book};
use crate::model::{Playbook, Pos};
use crate::registry::{AccessLevel, EventInfo, Registry};
use serde_json::json;
use std::collections::BTreeSet;

pub fn run(args: &LookupArgs) -> i32 {
    let registry = Registry::embedded();
    let name = args.name.trim();
    // The book is optional: lookup answers from the registry alone outside a book.
    let book = load::load_book(&args.dir).ok().and_then(|(b, _)| b);
    let usages = book_usages(book.as_ref(), name);
    let found = super::lookup_threat::describe(name)
        .or_else(|| describe(registry, name, &book_services(book.as_ref())));
    let found = found.map(|(mut text, mut value)| {
        if let Some((t, v)) = super::lookup_threat::event_techniques(name) {
            text.push_str(&t);
            value["attack_techniques"] = v;
        }
        (text, value)
    });
    match found {
        Some(lines) => {
            if args.json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&json!({
                        "name": name, "known": true, "registry": lines.1, "used_by": usages
                    }))
                    .unwrap_or_default()
                );
            } else {
                out!("{}", lines.0);
                print_usages(&usages);
            }
            exit::OK
        }
        None => {
            let suggestions: Vec<String> = registry
                .suggest_event(None, name)
                .into_iter()
                .map(|s| format!("{} ({})", s.name, s.service))
                .chain(registry.suggest_resource_type(name))
                .collect();
            if args.json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&json!({
                        "name": name, "known": false, "suggestions": suggestions, "used_by": usages
                    }))
                    .unwrap_or_default()
                );
            } else {
                eprintln!("`{name}` is not a known API operation, IAM action, CloudTrail event, resource type, event source, ATT&CK technique, GuardDuty finding type or Security Hub control id");
                let technique_like = name.starts_with(['T', 't'])
                    && name[1..].starts_with(|c: char| c.is_ascii_digit());
                let attack = crate::registry::attack::Attack::embedded();
                if let Some(t) = attack
                    .suggest(name)
                    .filter(|t| technique_like || t.name.eq_ignore_ascii_case(name))
                {
                    eprintln!("did you mean the ATT&CK technique {} ({})?", t.id, t.name);
                }
                if !suggestions.is_empty() {
                    eprintln!("did you mean: {}", suggestions.join(", "));
                }
                print_usages(&usages);
            }
            exit::CONTENT
        }
    }
}

/// Text and JSON descriptions of a known name, or None.
fn describe(
    registry: &Registry,
    name: &str,
    book_services: &BTreeSet<String>,
) -> Option<(String, serde_json::Value)> {
    if name.starts_with("AWS::") {
        let info = registry.resource_type(name)?;
        let text = format!(
            "{}\n  CloudTrail data-event resource type of service `{}`\n",
            info.name, info.service
        );
        return Some((
            text,
            json!({"kind": "resource-type", "name": info.name, "service": info.service}),
        ));
    }
    if name.ends_with(".amazonaws.com") {
        if !registry.is_event_source(name) {
            return None;
        }
        let services: Vec<&str> = registry
            .service_names()
            .filter(|s| registry.service_event_source(s) == Some(name))
            .collect();
        let text = format!(
            "{name}\n  CloudTrail event source of: {}\n",
            services.join(", ")
        );
        return Some((
            text,
            json!({"kind": "event-source", "name": name, "services": services}),
        ));
    }
    let mut events: Vec<EventInfo> = if name.contains(':') {
        registry.iam_action(name).into_iter().collect()
    } else {
        registry.events_named(name)
    };
    // The services the book's playbooks use first: that is most likely the one meant.
    events.sort_by_key(|e| !book_services.contains(e.service));
    if events.is_empty() {
        return None;
    }
    let mut text = String::new();
    let mut list = Vec::new();
    for e in &events {
        text.push_str(&format!("{} ({})\n", e.name, e.service));
        text.push_str(&format!("  event source: {}\n", e.event_source));
        let mut kinds = Vec::new();
        if e.is_api_operation {
            kinds.push(format!(
                "API operation (SDK: {})",
                e.sdk_services.join(", ")
            ));
        }
        if e.is_iam_action {
            kinds.push(format!("IAM action {}:{}", e.service, e.name));
        }
        if e.is_non_api_event {
            kinds.push("CloudTrail event (no API operation)".to_owned());
        }
        text.push_str(&format!("  kind: {}\n", kinds.join("; ")));
        // IAM's access level of the action, named as such: it says how IAM classes the
        // permission, not whether a call changed anything (`Chat` is "Read").
        if e.access_level != AccessLevel::Unknown {
            text.push_str(&format!(
                "  IAM access level: {}\n",
                access_level_name(e.access_level)
            ));
        }
        if let Some(d) = e.description {
            text.push_str(&format!("  description: {d}\n"));
        }
        // CloudTrail's own name and the API's, when they differ.
        let logged_as: Vec<&str> = registry
            .cloudtrail_names_of(Some(e.service), e.name)
            .iter()
            .map(|n| n.event)
            .filter(|n| *n != e.name)
            .collect();
        if !logged_as.is_empty() {
            text.push_str(&format!(
                "  CloudTrail records it as: {}\n",
                logged_as.join(", ")
            ));
        }
        let api_name = registry.api_name_of(Some(e.service), e.name).map(|n| n.api);
        if let Some(api) = api_name {
            text.push_str(&format!("  CloudTrail name of the API operation: {api}\n"));
        }
        list.push(json!({
            "cloudtrail_names": logged_as,
            "api_operation_name": api_name,
            "name": e.name,
            "service": e.service,
            "event_source": e.event_source,
            "iam_action": e.is_iam_action.then(|| format!("{}:{}", e.service, e.name)),
            "api_operation": e.is_api_operation,
            "sdk_services": e.sdk_services,
            "non_api_event": e.is_non_api_event,
            "iam_access_level": access_level_name(e.access_level),
            "description": e.description,
        }));
    }
    Some((text, json!({"kind": "event", "matches": list})))
}

pub fn access_level_name(level: AccessLevel) -> &'static str {
    match level {
        AccessLevel::List => "List",
        AccessLevel::Read => "Read",
        AccessLevel::Write => "Write",
        AccessLevel::PermissionsManagement => "Permissions management",
        AccessLevel::Tagging => "Tagging",
        AccessLevel::Unknown => "Unknown",
    }
}

/// The services (IAM prefixes) of the event groups of the book.
fn book_services(book: Option<&Book>) -> BTreeSet<String> {
    book.into_iter()
        .flat_map(|b| &b.playbooks)
        .flat_map(|s| s.doc.detection.groups.iter())
        .map(|g| g.value.service.value.clone())
        .collect()
}

/// `playbook-id: where (file:line:column)` for every use of `name` in the book.
fn book_usages(book: Option<&Book>, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for source in book.into_iter().flat_map(|b| &b.playbooks) {
        for (place, pos) in usages_in(&source.doc, name) {
            out.push(format!(
                "{}: {place} ({}:{}:{})",
                source.doc.id.as_str(),
                source.shown,
                pos.line.max(1),
                pos.col.max(1)
            ));
        }
    }
    out
}

/// Each place of a playbook that names `name` (bare or as `prefix:Name`), with the
/// position of the name there.
fn usages_in(p: &Playbook, name: &str) -> Vec<(String, Pos)> {
    let bare = name.split_once(':').map(|(_, n)| n).unwrap_or(name);
    let mut out = super::lookup_threat::usages_in(p, name);
    for g in p.detection.groups.iter() {
        if let Some(e) = g
            .value
            .events
            .iter()
            .find(|e| e.value.name.as_str() == bare)
        {
            let place = format!(
                "event group `{}` ({})",
                g.key.as_str(),
                g.value.service.as_str()
            );
            out.push((place, e.value.name.pos));
        }
    }
    if let Some(c) = p.detection.common.iter().find(|c| c.as_str() == bare) {
        out.push(("common events".to_owned(), c.pos));
    }
    for entry in p.detection.data_events.0.iter() {
        let at = if entry.key.as_str() == name {
            Some(entry.key.pos)
        } else {
            entry
                .value
                .iter()
                .find(|n| n.as_str() == bare)
                .map(|n| n.pos)
        };
        if let Some(pos) = at {
            out.push((format!("data events of `{}`", entry.key.as_str()), pos));
        }
    }
    let qualified = format!(":{bare}");
    for t in p.permissions.tasks.iter() {
        if let Some(a) = t
            .value
            .actions
            .iter()
            .find(|a| a.as_str() == name || a.as_str().ends_with(&qualified))
        {
            out.push((format!("permissions task `{}`", t.key.as_str()), a.pos));
        }
    }
    for s in p.steps.iter() {
        if let Some(e) =
            s.value.events.iter().find(|e| {
                e.as_str() == name || e.as_str() == bare || e.as_str().ends_with(&qualified)
            })
        {
            out.push((format!("step `{}`", s.key.as_str()), e.pos));
        }
    }
    out
}

fn print_usages(usages: &[String]) {
    if usages.is_empty() {
        return;
    }
    outln!("used by:");
    for u in usages {
        outln!("  {u}");
    }
}
