//! Every event row should tell a responder what the event means. The registry's only text for
//! an event is IAM's permission wording ("Grants permission to get a user"): it says what a
//! policy allows, not what happened nor what to check, and some events have none at all. So an
//! event that the playbook does not describe itself is reported, as is a description that
//! copies IAM's wording, so that such rows cannot come back unnoticed.

use super::Ctx;
use crate::diag::{self, Diagnostic};
use crate::model::data_only::data_only_events;
use crate::model::{Playbook, Sp};
use rustc_hash::FxHashSet as HashSet;

pub fn check(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    for group in p.detection.groups.iter() {
        let service = group.value.service.as_str();
        let mut seen = HashSet::default();
        for ev in &group.value.events {
            let name = Sp::new(ev.value.name.value.clone(), ev.value.name.pos.or(ev.pos));
            // Duplicates and unknown names have their own errors.
            if !seen.insert(ev.value.name.as_str()) || ctx.registry.event(service, &name).is_none()
            {
                continue;
            }
            match &ev.value.description {
                Some(desc) if is_iam_wording(desc) => out.push(
                    ctx.on(
                        diag::EVENT_WITHOUT_DESCRIPTION,
                        desc,
                        format!(
                            "the description of `{}` is IAM's permission wording",
                            name.as_str()
                        ),
                    )
                    .label("this says what a policy allows, not what happened")
                    .help(WHAT_TO_WRITE),
                ),
                Some(_) => {}
                None => out.push(undescribed(ctx, service, &name).help(format!(
                    "write the item as `- name: {}` with a `description:` on the next line; {WHAT_TO_WRITE}",
                    name.as_str()
                ))),
            }
        }
    }
    let service_of = |rtype: &str| {
        ctx.registry
            .resource_type(rtype)
            .map(|r| r.service.to_owned())
    };
    for ev in data_only_events(p, service_of) {
        if ctx.registry.event(&ev.service, ev.name).is_none() {
            continue;
        }
        out.push(undescribed(ctx, &ev.service, ev.name).help(format!(
            "an event listed only under `data_events` cannot be described there: list it also in a group of `detection.groups` as `- name: {}` with a `description:`; {WHAT_TO_WRITE}",
            ev.name.as_str()
        )));
    }
}

const WHAT_TO_WRITE: &str = "say in your own words what the event means for a responder and what to check (\"A user's details were read. Note callers who do not manage users.\")";

/// An event whose row would show only the registry's text, or nothing.
fn undescribed(ctx: &Ctx, service: &str, name: &Sp<String>) -> Diagnostic {
    let n = name.as_str();
    let shown = ctx.registry.event(service, n).and_then(|e| e.description);
    let message = match shown {
        Some(iam) => format!("`{n}` has no description: its row shows IAM's \"{iam}\""),
        None => format!("`{n}` has no description: its row shows none"),
    };
    ctx.on(diag::EVENT_WITHOUT_DESCRIPTION, name, message)
        .label("no description a responder can act on")
}

/// IAM's action descriptions nearly all start this way; a writer who pasted one wrote no
/// description of their own.
fn is_iam_wording(text: &str) -> bool {
    text.trim_start()
        .get(..17)
        .is_some_and(|head| head.eq_ignore_ascii_case("grants permission"))
}

#[cfg(test)]
mod tests {
    use super::is_iam_wording;

    #[test]
    fn iam_wording_is_recognized_by_its_opening() {
        assert!(is_iam_wording("Grants permission to get a user"));
        assert!(is_iam_wording("  grants permission to list groups"));
        assert!(!is_iam_wording("A user's details were read."));
        assert!(!is_iam_wording("Grants"));
        assert!(!is_iam_wording("Créé"));
    }
}
