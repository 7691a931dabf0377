//! Book-wide references: related playbooks must exist in the book, and a step's role
//! must be declared in `book.toml` (`[roles]`).

use super::Outline;
use crate::config::Config;
use crate::diag::{self, Diagnostic};
use std::collections::HashSet;

pub fn check(config: &Config, playbooks: &[Outline]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ids: Vec<&str> = playbooks.iter().map(|p| p.id.as_str()).collect();
    // Looked up once per reference: a list scan made a large book quadratic.
    let known: HashSet<&str> = ids.iter().copied().collect();
    for p in playbooks {
        related(p, &ids, &known, &mut out);
        roles(config, p, &mut out);
    }
    out
}

fn related(p: &Outline, ids: &[&str], known: &HashSet<&str>, out: &mut Vec<Diagnostic>) {
    for r in &p.related {
        let id = r.as_str();
        let problem = if id == p.id.as_str() {
            "a playbook cannot be related to itself".to_owned()
        } else if !known.contains(id) {
            format!("no playbook of the book has the id `{id}`")
        } else {
            continue;
        };
        let near = crate::suggest::closest(id, ids.iter().copied().filter(|i| *i != p.id.as_str()));
        out.push(
            Diagnostic::new(diag::UNKNOWN_PLAYBOOK, &p.shown, r.pos, problem)
                .width(id.chars().count())
                .help(match near {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "`related` lists ids of other playbooks of this book (their file names without `.yaml`)".to_owned(),
                }),
        );
    }
}

fn roles(config: &Config, p: &Outline, out: &mut Vec<Diagnostic>) {
    let declared = &config.roles;
    for role in &p.roles {
        if declared.contains_key(role.as_str()) {
            continue;
        }
        let near = crate::suggest::closest(role.as_str(), declared.keys().map(String::as_str));
        let known = if declared.is_empty() {
            "the book declares no roles".to_owned()
        } else {
            format!(
                "declared roles: {}",
                declared
                    .keys()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        out.push(
            Diagnostic::new(
                diag::UNKNOWN_ROLE,
                &p.shown,
                role.pos,
                format!("role `{}` is not declared in book.toml", role.as_str()),
            )
            .width(role.chars().count())
            .label(match near {
                Some(n) => format!("did you mean `{n}`?"),
                None => "undeclared role".to_owned(),
            })
            .help(format!(
                "{known}; declare it under `[roles]` in book.toml, e.g. `{} = \"Incident response lead\"`", role.as_str()
            )),
        );
    }
}
