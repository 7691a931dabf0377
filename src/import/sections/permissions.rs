//! Permissions (tasks and the IAM actions they need), and the group services inferred
//! from the prefixes they state.

use super::super::draft::{Group, Task};
use super::super::markdown::{List, ListItem};
use super::super::report::Kind;
use super::Mapper;

impl Mapper<'_, '_> {
    pub(super) fn permissions(&mut self, l: &List) {
        for i in &l.items {
            if i.lists.is_empty() {
                let t = self.text(&i.inline);
                self.report
                    .add(i.line, Kind::Mapped, "item → permissions.notes");
                self.draft.permission_notes.push(t);
                continue;
            }
            let text = self.text(&i.inline);
            let subs: Vec<&ListItem> = i.lists.iter().flat_map(|l| l.items.iter()).collect();
            // A prefix stated in the task itself (`[Example: "q:StartConversation"]`).
            let mut prefixes: Vec<String> = Vec::new();
            for t in std::iter::once(i.inline.plain_line())
                .chain(subs.iter().map(|s| s.inline.plain_line()))
            {
                for (p, name) in stated_actions(&t) {
                    self.stated.push((name, p.clone(), i.line));
                    if !prefixes.contains(&p) {
                        prefixes.push(p);
                    }
                }
            }
            let prefix = (prefixes.len() == 1).then(|| prefixes[0].clone());
            let mut actions = Vec::new();
            for s in subs {
                let plain = s.inline.plain_line();
                let mut words = plain.splitn(2, char::is_whitespace);
                let name = words
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c: char| "`\"'“”«»,;".contains(c))
                    .to_owned();
                if let Some(rest) = words.next().filter(|r| !r.trim().is_empty()) {
                    self.report.add(
                        s.line,
                        Kind::Dropped,
                        format!("`{}` after the action name not kept", rest.trim()),
                    );
                }
                if name.is_empty() {
                    continue;
                }
                let name = match (&prefix, name.contains(':')) {
                    (_, true) => name,
                    (Some(p), false) => {
                        self.report.add(
                            s.line,
                            Kind::Guessed,
                            format!("`{name}` → `{p}:{name}` (prefix stated in the same task)"),
                        );
                        format!("{p}:{name}")
                    }
                    (None, false) => match self.iam_prefix_of(&name) {
                        Some(p) => {
                            self.report.add(
                                s.line,
                                Kind::Guessed,
                                format!("`{name}` → `{p}:{name}` (the service the document names that has this IAM action)"),
                            );
                            format!("{p}:{name}")
                        }
                        None => {
                            self.report.add(
                                s.line,
                                Kind::Guessed,
                                format!(
                                    "`{name}` kept as written: no service prefix stated nearby (write `prefix:{name}`)"
                                ),
                            );
                            name
                        }
                    },
                };
                actions.push(name);
            }
            self.report.add(
                i.line,
                Kind::Mapped,
                format!("task with {} action(s) → permissions.tasks", actions.len()),
            );
            self.draft.tasks.push(Task { text, actions });
        }
    }

    /// Group services: the Markdown does not state them. A prefix stated for one of the
    /// group's events in the permissions wins; else the one service that has every known
    /// event of the group (among those the document names, when several do); else the
    /// first endpoint's prefix. Every choice is reported, with the candidates when it
    /// is a guess.
    pub(super) fn infer_services(&mut self) {
        let first_endpoint = self
            .draft
            .endpoints
            .first()
            .map(|(h, _)| h.split('.').next().unwrap_or("").to_owned())
            .filter(|p| !p.is_empty());
        let doc_services = self.doc_services();
        let mut groups = std::mem::take(&mut self.draft.groups);
        for g in &mut groups {
            let stated = self
                .stated
                .iter()
                .find(|(name, _, _)| g.events.iter().any(|(e, _)| e == name));
            let candidates = self.services_with_all(g);
            let named: Vec<&String> = candidates
                .iter()
                .filter(|c| doc_services.contains(*c))
                .collect();
            let (service, why) = match (stated, named.as_slice(), &first_endpoint) {
                (Some((name, p, line)), _, _) => (
                    p.clone(),
                    format!("from `{p}:{name}` in the permissions (line {line})"),
                ),
                (None, [one], _) => (
                    (*one).clone(),
                    "the one service the document names that has every event of the group"
                        .to_owned(),
                ),
                (None, _, _) if candidates.len() == 1 => (
                    candidates[0].clone(),
                    "the one service that has every event of the group".to_owned(),
                ),
                (None, _, Some(p)) => (
                    p.clone(),
                    format!(
                        "from the first detection endpoint (services with every event: {})",
                        list_or_none(&candidates)
                    ),
                ),
                (None, _, None) => match candidates.first() {
                    Some(c) => (
                        c.clone(),
                        format!("a guess among {}: check it", list_or_none(&candidates)),
                    ),
                    None => (
                        "unknown".to_owned(),
                        "no service has every event of the group and no endpoint is given: set it (check validates the names against every service meanwhile)".to_owned(),
                    ),
                },
            };
            self.report.add(
                g.line,
                Kind::Guessed,
                format!("service of group `{}`: `{service}` {why}", g.title),
            );
            g.service = service;
        }
        self.draft.groups = groups;
    }

    /// The prefix of an IAM action written without one: the only service that has it,
    /// or the only one among those the document names.
    fn iam_prefix_of(&self, action: &str) -> Option<String> {
        let services: Vec<String> = self
            .registry
            .events_named(action)
            .into_iter()
            .filter(|e| e.is_iam_action)
            .map(|e| e.service.to_owned())
            .collect();
        if let [one] = services.as_slice() {
            return Some(one.clone());
        }
        let named = self.doc_services();
        let mut in_doc = services.into_iter().filter(|s| named.contains(s));
        match (in_doc.next(), in_doc.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// The services that have every event of the group the registry knows (at most ten).
    fn services_with_all(&self, g: &Group) -> Vec<String> {
        let mut known = g
            .events
            .iter()
            .map(|(e, _)| self.registry.events_named(e))
            .filter(|v| !v.is_empty());
        let Some(first) = known.next() else {
            return Vec::new();
        };
        let mut set: Vec<String> = first.iter().map(|e| e.service.to_owned()).collect();
        for v in known {
            set.retain(|s| v.iter().any(|e| e.service == s));
        }
        set.truncate(10);
        set
    }
}

fn list_or_none(v: &[String]) -> String {
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `prefix:Action` mentions in a text (`"q:StartConversation"`).
pub(super) fn stated_actions(text: &str) -> Vec<(String, String)> {
    text.split(|c: char| c.is_whitespace() || "\"'`“”«»[](),;".contains(c))
        .filter_map(|w| {
            let (p, a) = w.split_once(':')?;
            let prefix_ok = !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            let action_ok = a.starts_with(|c: char| c.is_ascii_uppercase())
                && a.chars().all(|c| c.is_ascii_alphanumeric());
            (prefix_ok && action_ok).then(|| (p.to_owned(), a.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_prefixes() {
        assert_eq!(
            stated_actions("StartConversation [Example: \"q:StartConversation\"]"),
            vec![("q".to_owned(), "StartConversation".to_owned())]
        );
        assert!(stated_actions("Example: none").is_empty());
    }
}
