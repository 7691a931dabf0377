//! Rules on AWS names: event names in groups, common events, data-plane events per resource
//! type, endpoints and IAM actions, all checked case-sensitively against the registry.

use super::Ctx;
use crate::diag::{self, Diagnostic};
use crate::model::{Playbook, Pos, Sp};
use crate::registry::{Suggestion, SuggestionKind};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

pub fn check(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    check_groups(ctx, p, out);
    check_common(ctx, p, out);
    check_data_events(ctx, p, out);
    check_endpoints(ctx, p, out);
    check_permissions(ctx, p, out);
}

/// The position of an event name: its own when written as `{ name: … }`, else the item's.
fn name_of(ev: &Sp<crate::model::short::Short<crate::model::Event>>) -> Sp<String> {
    Sp::new(ev.value.name.value.clone(), ev.value.name.pos.or(ev.pos))
}

fn check_groups(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    for group in p.detection.groups.iter() {
        let g = &group.value.value;
        let service = &g.service;
        let service_ok = check_service(ctx, service, out);
        let mut seen: HashMap<&str, Pos> = HashMap::default();
        for ev in &g.events {
            let name = name_of(ev);
            if let Some(first) = seen.get(name.value.as_str()) {
                out.push(duplicate(ctx, &name, *first, "group"));
                continue;
            }
            seen.insert(&ev.value.name.value, name.pos);
            // A group whose service is unknown still has its names checked, against
            // every service: a name that exists nowhere is an error whatever the group.
            let scope = service_ok.then_some(service.as_str());
            check_event(ctx, scope, &name, out);
            if let Some(desc) = &ev.value.description {
                check_description(ctx, &name.value, desc, out);
            }
        }
    }
}

/// Reports an unknown service prefix; returns whether it is known.
fn check_service(ctx: &Ctx, service: &Sp<String>, out: &mut Vec<Diagnostic>) -> bool {
    if ctx.registry.has_service(service.as_str()) {
        return true;
    }
    let suggestions = ctx.registry.suggest_service(service.as_str());
    let help = match suggestions.first() {
        Some(s) => format!("did you mean `{s}`? Services are IAM prefixes, as in `{s}:Action`"),
        None => "services are IAM prefixes such as `qbusiness`, `iam` or `s3`".to_owned(),
    };
    out.push(
        ctx.on(
            diag::UNKNOWN_SERVICE,
            service,
            format!("unknown service `{}`", service.as_str()),
        )
        .help(help),
    );
    false
}

/// A name with spaces, punctuation or accents is no API name: most likely a translation.
fn check_translated(ctx: &Ctx, name: &Sp<String>, out: &mut Vec<Diagnostic>) -> bool {
    let n = name.as_str();
    let looks_like_api = !n.is_empty()
        && n.starts_with(|c: char| c.is_ascii_alphabetic())
        && n.chars().all(|c| c.is_ascii_alphanumeric());
    if looks_like_api {
        return false;
    }
    out.push(
        ctx.on(diag::TRANSLATED_NAME, name, format!("`{n}` is not an API name"),
        )
        .width(n.chars().count())
        .label("API names have no spaces or accents")
        .help("write the event name exactly as CloudTrail logs it, in CamelCase with no spaces (`GetConversation`, not `Obtenir une conversation`): API names are identifiers and are never translated; translate the description instead"),
    );
    true
}

/// Checks one event name against a service (or all services when `service` is None).
pub(super) fn check_event(
    ctx: &Ctx,
    service: Option<&str>,
    name: &Sp<String>,
    out: &mut Vec<Diagnostic>,
) {
    if check_translated(ctx, name, out) {
        return;
    }
    let n = name.as_str();
    let known = match service {
        Some(s) => ctx.registry.event(s, n).is_some(),
        None => !ctx.registry.events_named(n).is_empty(),
    };
    if known {
        check_logged_name(ctx, service, name, out);
        return;
    }
    let suggestions = ctx.registry.suggest_event(service, n);
    out.push(unknown_event(ctx, service, name, &suggestions));
}

/// An API name that CloudTrail records under another name (`PutPublicAccessBlock` on a
/// bucket is logged as `PutBucketPublicAccessBlock`): a search for it finds nothing.
fn check_logged_name(
    ctx: &Ctx,
    service: Option<&str>,
    name: &Sp<String>,
    out: &mut Vec<Diagnostic>,
) {
    let n = name.as_str();
    let renamed = ctx.registry.cloudtrail_names_of(service, n);
    // A legacy operation name that CloudTrail itself records is fine as it is.
    if renamed.is_empty() || ctx.registry.api_name_of(service, n).is_some() {
        return;
    }
    let names: Vec<String> = renamed
        .iter()
        .map(|r| format!("`{}` ({}-level, {})", r.event, r.scope, r.sdk_service))
        .collect();
    out.push(
        ctx.on(
            diag::API_NAME_NOT_LOGGED,
            name,
            format!("CloudTrail does not record `{n}` under this name"),
        )
        .label(format!("CloudTrail records it as `{}`", renamed[0].event))
        .help(format!(
            "write the name CloudTrail logs: {}; a search for the API name finds no event",
            names.join(" or ")
        )),
    );
}

fn unknown_event(
    ctx: &Ctx,
    service: Option<&str>,
    name: &Sp<String>,
    suggestions: &[Suggestion],
) -> Diagnostic {
    let n = name.as_str();
    let scope = service.map(|s| format!(" of `{s}`")).unwrap_or_default();
    let Some(best) = suggestions.first() else {
        return ctx
            .on(
                diag::UNKNOWN_EVENT,
                name,
                format!("no API operation or CloudTrail event{scope} is named `{n}`"),
            )
            .help(format!(
                "`irbook lookup {n}` searches every service; names are case-sensitive"
            ));
    };
    let others = suggestions
        .iter()
        .skip(1)
        .filter(|s| s.name != best.name)
        .map(|s| format!("`{}`", s.name))
        .collect::<BTreeSet<_>>();
    let also = if others.is_empty() {
        String::new()
    } else {
        format!(
            " (or {})",
            others.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    match best.kind {
        SuggestionKind::OtherService => {
            let services: Vec<String> = suggestions
                .iter()
                .filter(|s| matches!(s.kind, SuggestionKind::OtherService))
                .map(|s| format!("`{}`", s.service))
                .collect();
            ctx.on(
                diag::WRONG_SERVICE,
                name,
                format!(
                    "`{n}` is not a{} action; it is {}",
                    service.map(|s| format!(" `{s}`")).unwrap_or_default(),
                    match services.as_slice() {
                        [one] => format!("a {one} action"),
                        [first @ .., last] =>
                            format!("an action of {} and {last}", first.join(", ")),
                        [] => "an action of another service".to_owned(),
                    }
                ),
            )
            .help(format!(
                "move `{n}` to a group with `service: {}`, or correct the group's service",
                best.service
            ))
        }
        SuggestionKind::Case => ctx
            .on(
                diag::UNKNOWN_EVENT,
                name,
                format!("unknown event `{n}`{scope}: API names are case-sensitive"),
            )
            .label(format!("did you mean `{}`?", best.name))
            .help(format!("write `{}`", best.name)),
        SuggestionKind::Plural => ctx
            .on(
                diag::UNKNOWN_EVENT,
                name,
                format!("unknown event `{n}`{scope}"),
            )
            .label(format!("did you mean `{}`?", best.name))
            .help(format!(
                "did you mean `{}`?{also} The singular and plural forms are different operations",
                best.name
            )),
        SuggestionKind::Edit => ctx
            .on(
                diag::UNKNOWN_EVENT,
                name,
                format!("unknown event `{n}`{scope}"),
            )
            .label(format!("did you mean `{}`?", best.name))
            .help(format!("did you mean `{}`?{also}", best.name)),
    }
}

fn duplicate(ctx: &Ctx, name: &Sp<String>, first: Pos, list: &str) -> Diagnostic {
    ctx.on(
        diag::DUPLICATE_EVENT,
        name,
        format!("`{}` is listed twice in this {list}", name.as_str()),
    )
    .related(ctx.file, first, "first listed here")
    .help("remove the second occurrence")
}

/// A description that repeats the event's own name adds nothing (the reference playbook's
/// `StartTroubleshootingAnalysis` row did this).
fn check_description(ctx: &Ctx, name: &str, desc: &Sp<String>, out: &mut Vec<Diagnostic>) {
    if desc
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == name)
    {
        out.push(
            Diagnostic::new(
                diag::DESCRIPTION_REPEATS_NAME,
                ctx.file,
                desc.pos,
                format!("the description of `{name}` repeats the event name"),
            )
            .help("describe what the event means; the name is already shown beside it (or drop `description` to use the registry's)"),
        );
    }
}

fn check_common(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    let in_tables: BTreeSet<&str> = p
        .detection
        .groups
        .iter()
        .flat_map(|g| g.value.events.iter().map(|e| e.value.name.as_str()))
        .collect();
    let services: Vec<&str> = p
        .detection
        .groups
        .iter()
        .map(|g| g.value.service.as_str())
        .filter(|s| ctx.registry.has_service(s))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut seen: HashMap<&str, Pos> = HashMap::default();
    for name in &p.detection.common {
        if let Some(first) = seen.get(name.as_str()) {
            out.push(duplicate(ctx, name, *first, "list"));
            continue;
        }
        seen.insert(name.as_str(), name.pos);
        if in_tables.contains(name.as_str()) {
            continue;
        }
        if check_translated(ctx, name, out) {
            continue;
        }
        let real = services
            .iter()
            .any(|s| ctx.registry.event(s, name.as_str()).is_some())
            || !ctx.registry.events_named(name.as_str()).is_empty();
        if real {
            out.push(
                ctx.on(
                    diag::COMMON_NOT_IN_TABLES,
                    name,
                    format!(
                        "`{}` is listed as common but is in no event group",
                        name.as_str()
                    ),
                )
                .help("add it to the group of its service, or remove it from `common`"),
            );
            continue;
        }
        // Unknown: suggest from the playbook's own tables first, then its services.
        let mut suggestions: Vec<Suggestion> = Vec::new();
        for s in &services {
            suggestions.extend(
                ctx.registry
                    .suggest_event(Some(s), name.as_str())
                    .into_iter()
                    .filter(|sg| !matches!(sg.kind, SuggestionKind::OtherService)),
            );
        }
        suggestions.sort_by_key(|s| (!in_tables.contains(s.name.as_str()), kind_rank(s.kind)));
        if suggestions.is_empty() {
            suggestions = ctx.registry.suggest_event(None, name.as_str());
        }
        out.push(unknown_event(ctx, None, name, &suggestions));
    }
}

fn kind_rank(k: SuggestionKind) -> u8 {
    match k {
        SuggestionKind::Case => 0,
        SuggestionKind::Plural => 1,
        SuggestionKind::Edit => 2,
        SuggestionKind::OtherService => 3,
    }
}

fn check_data_events(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    for entry in p.detection.data_events.0.iter() {
        let rtype = &entry.key;
        let service = check_resource_type(ctx, rtype, out);
        let mut seen: HashMap<&str, Pos> = HashMap::default();
        for name in entry.value.value.iter() {
            if let Some(first) = seen.get(name.as_str()) {
                out.push(duplicate(ctx, name, *first, "list"));
                continue;
            }
            seen.insert(name.as_str(), name.pos);
            match &service {
                Some(s) => check_event(ctx, Some(s), name, out),
                None => {
                    check_translated(ctx, name, out);
                }
            }
        }
    }
}

/// Reports an unknown data-event resource type; returns the service of a known one.
pub(super) fn check_resource_type(
    ctx: &Ctx,
    rtype: &Sp<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    match ctx.registry.resource_type(rtype.as_str()) {
        Some(info) => Some(info.service.to_owned()),
        None => {
            let sugg = ctx.registry.suggest_resource_type(rtype.as_str());
            out.push(
                ctx.on(diag::UNKNOWN_RESOURCE_TYPE, rtype, format!("unknown CloudTrail resource type `{}`", rtype.as_str()),)
                .help(match sugg.first() {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "resource types look like `AWS::QBusiness::Index` (the `resources.type` of a data-event selector)".to_owned(),
                }),
            );
            None
        }
    }
}

fn check_endpoints(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    let mut declared = BTreeSet::new();
    for ep in &p.detection.endpoints {
        let host = Sp::new(ep.value.host.value.clone(), ep.value.host.pos.or(ep.pos));
        declared.insert(host.value.clone());
        check_source(ctx, &host, out);
    }
    if declared.is_empty() {
        return;
    }
    for group in p.detection.groups.iter() {
        let service = &group.value.service;
        if let Some(source) = ctx.registry.service_event_source(service.as_str()) {
            if !declared.contains(source) {
                out.push(
                    ctx.on(diag::ENDPOINT_UNUSED, service, format!("events of `{}` are logged by `{source}`, which `detection.endpoints` does not list", service.as_str()),)
                    .help(format!("add `{source}` to `detection.endpoints`")),
                );
            }
        }
    }
}

/// Reports a host that is no CloudTrail event source.
pub(super) fn check_source(ctx: &Ctx, host: &Sp<String>, out: &mut Vec<Diagnostic>) {
    if ctx.registry.is_event_source(host.as_str()) {
        return;
    }
    let prefix = host.as_str().trim_end_matches(".amazonaws.com");
    let suggestion = ctx
        .registry
        .suggest_service(prefix)
        .into_iter()
        .filter_map(|s| ctx.registry.service_event_source(&s).map(str::to_owned))
        .next();
    out.push(
        ctx.on(
            diag::UNKNOWN_ENDPOINT,
            host,
            format!("`{}` is not a CloudTrail event source", host.as_str()),
        )
        .help(match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "event sources look like `qbusiness.amazonaws.com`".to_owned(),
        }),
    );
}

fn check_permissions(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    for task in p.permissions.tasks.iter() {
        let mut seen: HashMap<&str, Pos> = HashMap::default();
        for action in &task.value.actions {
            if let Some(first) = seen.get(action.as_str()) {
                out.push(duplicate(ctx, action, *first, "task"));
                continue;
            }
            seen.insert(action.as_str(), action.pos);
            check_iam_action(ctx, action, out);
        }
    }
}

pub(super) fn check_iam_action(ctx: &Ctx, action: &Sp<String>, out: &mut Vec<Diagnostic>) {
    let a = action.as_str();
    let Some((prefix, name)) = a.split_once(':') else {
        let hint = ctx
            .registry
            .events_named(a)
            .first()
            .map(|e| {
                format!(
                    "write it with its service prefix, e.g. `{}:{}`",
                    e.service, e.name
                )
            })
            .unwrap_or_else(|| {
                "write IAM actions as `prefix:Action`, e.g. `q:StartConversation`".to_owned()
            });
        out.push(
            Diagnostic::new(
                diag::UNKNOWN_IAM_ACTION,
                ctx.file,
                action.pos,
                format!("`{a}` has no service prefix"),
            )
            .help(hint),
        );
        return;
    };
    if ctx.registry.iam_action(a).is_some() {
        return;
    }
    let suggestions: Vec<String> = if ctx.registry.has_service(prefix) {
        ctx.registry
            .suggest_event(Some(prefix), name)
            .into_iter()
            .map(|s| format!("{}:{}", s.service, s.name))
            .collect()
    } else {
        ctx.registry
            .suggest_service(prefix)
            .into_iter()
            .map(|s| format!("{s}:{name}"))
            .collect()
    };
    out.push(
        ctx.on(
            diag::UNKNOWN_IAM_ACTION,
            action,
            format!("unknown IAM action `{a}`"),
        )
        .help(match suggestions.first() {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("`irbook lookup {name}` searches every service"),
        }),
    );
}
