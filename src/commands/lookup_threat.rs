//! `irbook lookup` for the threat names: ATT&CK techniques, GuardDuty finding types
//! and Security Hub control ids, and the techniques ATT&CK's analytics link to an event.

use crate::model::{Playbook, Pos};
use crate::registry::attack::{is_technique_id, Attack};
use crate::registry::guardduty::{check_control_id, parse_finding_type, FindingTypes, Known};
use serde_json::json;

/// Text and JSON of a technique id, finding type or control id; None when `name` is
/// none of these shapes (or an unknown technique).
pub fn describe(name: &str) -> Option<(String, serde_json::Value)> {
    let attack = Attack::embedded();
    if is_technique_id(name) {
        let t = attack.technique(name)?;
        let mut text = format!("{} {}\n", t.id, t.name);
        text.push_str(&format!(
            "  ATT&CK Enterprise {} technique{}: {}\n",
            attack.version,
            if t.parent_id().is_some() {
                " (sub-technique)"
            } else {
                ""
            },
            t.url()
        ));
        text.push_str(&format!("  tactics: {}\n", t.tactics.join(", ")));
        text.push_str(&format!("  platforms: {}\n", t.platforms.join(", ")));
        text.push_str(&format!("  status: {}", t.status.as_str()));
        if let Some(r) = t.replaced_by {
            text.push_str(&format!(" (replaced by {r})"));
        }
        text.push('\n');
        let events = attack.events_for(t.id);
        if !events.is_empty() {
            text.push_str(&format!(
                "  CloudTrail events named by its detection analytics: {}\n",
                events.join(", ")
            ));
        }
        return Some((
            text,
            json!({
                "kind": "attack-technique", "id": t.id, "name": t.name, "url": t.url(),
                "attack_version": attack.version, "tactics": t.tactics, "platforms": t.platforms,
                "status": t.status.as_str(), "replaced_by": t.replaced_by,
                "cloudtrail_events": events,
            }),
        ));
    }
    if name.contains(':') && name.contains('/') {
        let parts = parse_finding_type(name).ok()?;
        let status = match FindingTypes::embedded().status(name) {
            Some(Known::Active) => "active (in irbook's dated list)",
            Some(Known::Retired) => "retired: GuardDuty no longer generates it",
            None => "well formed, not in irbook's dated list",
        };
        let text = format!(
            "{name}\n  GuardDuty finding type\n  threat purpose: {}\n  resource type: {}\n  threat family: {}\n  status: {status}\n",
            parts.purpose, parts.resource, parts.family
        );
        return Some((
            text,
            json!({
                "kind": "guardduty-finding-type", "name": name, "threat_purpose": parts.purpose,
                "resource_type": parts.resource, "threat_family": parts.family,
                "mechanism": parts.mechanism, "artifact": parts.artifact, "status": status,
            }),
        ));
    }
    if check_control_id(name).is_ok() {
        let text = format!("{name}\n  Security Hub control id (checked by its shape)\n");
        return Some((text, json!({"kind": "securityhub-control", "id": name})));
    }
    None
}

/// For an event name: the ATT&CK techniques whose analytics name it.
pub fn event_techniques(name: &str) -> Option<(String, serde_json::Value)> {
    let techs = Attack::embedded().techniques_for_event(name);
    if techs.is_empty() {
        return None;
    }
    let list: Vec<String> = techs
        .iter()
        .map(|t| format!("{} {}", t.id, t.name))
        .collect();
    Some((
        format!(
            "ATT&CK techniques whose detection analytics name `{name}` (events of that name in any service): {}\n",
            list.join("; ")
        ),
        json!(techs.iter().map(|t| t.id).collect::<Vec<_>>()),
    ))
}

/// Places of a playbook that name a technique, finding type or control id.
pub fn usages_in(p: &Playbook, name: &str) -> Vec<(String, Pos)> {
    let mut out = Vec::new();
    let hit = |list: &[crate::model::Name]| list.iter().find(|n| n.as_str() == name).map(|n| n.pos);
    if let Some(pos) = hit(&p.attack) {
        out.push(("ATT&CK techniques".to_owned(), pos));
    }
    for s in p.steps.iter() {
        if let Some(pos) = hit(&s.value.attack) {
            out.push((format!("step `{}`", s.key.as_str()), pos));
        }
    }
    for g in p.detection.groups.iter() {
        if let Some(pos) = hit(&g.value.attack) {
            out.push((format!("event group `{}`", g.key.as_str()), pos));
        }
    }
    for (what, list) in [
        ("GuardDuty trigger", &p.triggers.guardduty),
        ("Security Hub trigger", &p.triggers.securityhub),
        ("CloudTrail trigger", &p.triggers.cloudtrail),
    ] {
        if let Some(pos) = hit(list) {
            out.push((what.to_owned(), pos));
        }
    }
    out
}
