//! Rules on the threat side of a playbook: its ATT&CK techniques (known, not revoked,
//! on a cloud platform; suggested for event groups that name none) and its triggers
//! (well-formed, known GuardDuty finding types; Security Hub control ids; CloudTrail
//! events that the playbook covers).

use super::Ctx;
use crate::diag::{self, Diagnostic};
use crate::model::{Playbook, Sp};
use crate::registry::attack::{is_technique_id, Attack, Status};
use crate::registry::guardduty::{check_control_id, parse_finding_type, FindingTypes, Known};
use std::collections::{BTreeMap, BTreeSet};

pub fn check(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    let attack = Attack::embedded();
    let steps = p.steps.iter().flat_map(|s| s.value.attack.iter());
    let groups = p
        .detection
        .groups
        .iter()
        .flat_map(|g| g.value.attack.iter());
    for id in p.attack.iter().chain(steps).chain(groups) {
        check_technique(ctx, attack, id, out);
    }
    suggest_techniques(ctx, attack, p, out);
    let known = FindingTypes::embedded();
    for t in &p.triggers.guardduty {
        check_finding_type(ctx, known, t, out);
    }
    for c in &p.triggers.securityhub {
        if let Err(msg) = check_control_id(c.as_str()) {
            out.push(
                ctx.on(diag::BAD_CONTROL_ID, c, msg)
                    .help("Security Hub control ids name a service and a number, e.g. `IAM.1`, `S3.8`, `CloudTrail.1`"),
            );
        }
    }
    check_cloudtrail_triggers(ctx, p, out);
}

fn check_technique(ctx: &Ctx, attack: &Attack, id: &Sp<String>, out: &mut Vec<Diagnostic>) {
    let Some(t) = attack.technique(id.as_str()) else {
        let suggestion = attack.suggest(id.as_str());
        let shape = if is_technique_id(id.as_str()) {
            format!("`{}` is not an ATT&CK Enterprise technique", id.as_str())
        } else {
            format!("`{}` is not an ATT&CK technique id", id.as_str())
        };
        let d = ctx
            .on(diag::UNKNOWN_TECHNIQUE, id, shape)
            .label(match suggestion {
                Some(s) => format!("did you mean `{}` ({})?", s.id, s.name),
                None => "unknown technique".to_owned(),
            })
            .help(format!(
                "write a technique id such as `T1530` or a sub-technique id such as `T1078.004` (ATT&CK {}); `irbook lookup {}` shows what the registry knows",
                attack.version,
                suggestion.map(|s| s.id).unwrap_or("T1530")
            ));
        out.push(d);
        return;
    };
    match t.status {
        Status::Active => {}
        Status::Revoked | Status::Deprecated => {
            let replacement = t
                .replaced_by
                .and_then(|r| attack.technique(r))
                .map(|r| format!("use `{}` ({}) instead", r.id, r.name));
            out.push(
                ctx.on(
                    diag::REVOKED_TECHNIQUE,
                    id,
                    format!("`{}` ({}) is {} in ATT&CK {}", t.id, t.name, t.status.as_str(), attack.version),
                )
                .label(
                    replacement
                        .clone()
                        .unwrap_or_else(|| "no replacement".to_owned()),
                )
                .help(replacement.unwrap_or_else(|| {
                    "ATT&CK names no replacement: remove it, or pick a current technique of the same tactic".to_owned()
                })),
            );
            return;
        }
    }
    if !t.is_cloud() {
        out.push(
            ctx.on(
                diag::NOT_CLOUD_TECHNIQUE,
                id,
                format!(
                    "`{}` ({}) is not a cloud technique: its platforms are {}",
                    t.id,
                    t.name,
                    t.platforms.join(", ")
                ),
            )
            .help("a cloud playbook's techniques usually run on IaaS, SaaS, Identity Provider or Office Suite; check that this is the technique you meant"),
        );
    }
}

/// For an event group with no technique, the techniques ATT&CK's detection analytics
/// associate with its events, as a hint.
fn suggest_techniques(ctx: &Ctx, attack: &Attack, p: &Playbook, out: &mut Vec<Diagnostic>) {
    for g in p.detection.groups.iter() {
        if !g.value.attack.is_empty() {
            continue;
        }
        let mut found: BTreeMap<&str, (&str, BTreeSet<&str>)> = BTreeMap::new();
        let service = g.value.service.as_str();
        for ev in &g.value.events {
            let name = ev.value.name.as_str();
            // Only real events of the group's service: an unknown name has its own error.
            if ctx.registry.event(service, name).is_none() {
                continue;
            }
            for t in attack.techniques_for_event(name) {
                if t.status == Status::Active && t.is_cloud() {
                    found
                        .entry(t.id)
                        .or_insert((t.name, BTreeSet::new()))
                        .1
                        .insert(name);
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let list: Vec<String> = found
            .iter()
            .map(|(id, (name, events))| {
                let evs: Vec<&str> = events.iter().copied().collect();
                format!("`{id}` {name} ({})", evs.join(", "))
            })
            .collect();
        let ids: Vec<&str> = found.keys().copied().collect();
        out.push(
            ctx.on(
                diag::SUGGEST_TECHNIQUE,
                &g.key,
                format!(
                    "event group `{}` names no ATT&CK technique; ATT&CK's detection analytics name events with these names for {}",
                    g.key.as_str(),
                    list.join("; ")
                ),
            )
            .help(format!(
                "if they fit, add `attack: [{}]` to the group",
                ids.join(", ")
            )),
        );
    }
}

fn check_finding_type(ctx: &Ctx, known: &FindingTypes, t: &Sp<String>, out: &mut Vec<Diagnostic>) {
    let s = t.as_str();
    if let Err(e) = parse_finding_type(s) {
        let mut at = t.clone();
        // Point at the faulty part when the value sits on one line as written.
        at.pos.col += s[..e.offset.min(s.len())].chars().count() as u32;
        let width = s.chars().count() - s[..e.offset.min(s.len())].chars().count();
        out.push(
            Diagnostic::new(
                diag::BAD_FINDING_TYPE,
                ctx.file,
                at.pos,
                format!("malformed GuardDuty finding type `{s}`: {}", e.message),
            )
            .width(width.max(1))
            .label(e.message.clone())
            .help(e.hint),
        );
        return;
    }
    match known.status(s) {
        Some(Known::Active) => {}
        Some(Known::Retired) => out.push(
            ctx.on(
                diag::RETIRED_FINDING_TYPE,
                t,
                format!("GuardDuty no longer generates `{s}` (retired finding type)"),
            )
            .help("replace it with the finding type GuardDuty generates today for this activity"),
        ),
        None => {
            let hint = match known.suggest(s) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "irbook's list of finding types may be older than the type: check the GuardDuty documentation".to_owned(),
            };
            out.push(
                ctx.on(
                    diag::UNKNOWN_FINDING_TYPE,
                    t,
                    format!("`{s}` is well formed but not a GuardDuty finding type irbook knows"),
                )
                .help(hint),
            );
        }
    }
}

fn check_cloudtrail_triggers(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    let covered: BTreeSet<&str> = p
        .detection
        .groups
        .iter()
        .flat_map(|g| g.value.events.iter().map(|e| e.value.name.as_str()))
        .chain(
            p.detection
                .data_events
                .0
                .iter()
                .flat_map(|e| e.value.iter().map(|n| n.as_str())),
        )
        .collect();
    for ev in &p.triggers.cloudtrail {
        if covered.contains(ev.as_str()) {
            continue;
        }
        let near = crate::suggest::closest(ev.as_str(), covered.iter().copied());
        out.push(
            ctx.on(
                diag::BAD_VALUE,
                ev,
                format!(
                    "trigger event `{}` is in none of this playbook's event groups or data events",
                    ev.as_str()
                ),
            )
            .help(match near {
                Some(n) => {
                    format!("did you mean `{n}`? A trigger must be an event the playbook explains")
                }
                None => "list the event in an event group too, so responders find what it means"
                    .to_owned(),
            }),
        );
    }
}
