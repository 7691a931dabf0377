//! Writes a `Draft` as irbook YAML source.
//!
//! Written by hand rather than through a serializer so that the file looks like one a
//! writer would type (comments, block style, short forms) while staying safe: every
//! string and key is double-quoted with every special character escaped, so no Markdown
//! text can change the YAML structure. Enum values (phases, CAF components) are fixed
//! words and are written bare. Output depends only on the draft: deterministic.

use super::draft::{Action, Draft};
use super::slug::{slug, unique_key};
use std::collections::HashSet;
use std::fmt::Write;

pub fn yaml(d: &Draft, source_name: &str) -> String {
    yaml_keyed(d, source_name, None)
}

/// The YAML of `d` whose item keys come from `english` where it has the same item (a
/// translation aligned with its English original): same keys, same message ids.
pub fn yaml_keyed(d: &Draft, source_name: &str, english: Option<&Draft>) -> String {
    let en = |f: &dyn Fn(&Draft) -> Option<String>| english.and_then(f);
    let mut w = W::default();
    w.line(
        0,
        "# yaml-language-server: $schema=../../schema/playbook.schema.json",
    );
    w.line(
        0,
        &format!(
            "# Imported from {} by `irbook import`: review it, then run `irbook check`.",
            one_line(source_name)
        ),
    );
    w.kv(0, "id", &d.id);
    w.kv(0, "title", &d.title);
    w.kv(0, "summary", &d.summary);
    w.line(0, "status: draft");
    if d.author.is_some() || d.approver.is_some() || d.approved.is_some() {
        w.line(0, "owners:");
        w.opt(1, "author", &d.author);
        w.opt(1, "approver", &d.approver);
        w.opt(1, "approved", &d.approved);
    }
    if !d.tools.is_empty() {
        w.line(0, "tools:");
        let mut keys = HashSet::new();
        for (i, t) in d.tools.iter().enumerate() {
            let base =
                en(&|e| e.tools.get(i).map(|x| x.name.clone())).unwrap_or_else(|| t.name.clone());
            w.key(1, &unique_key(&mut keys, &slug(&base), "tool"));
            w.kv(2, "name", &t.name);
            w.kv(2, "url", &t.url);
            w.opt(2, "text", &t.text);
        }
    }
    if !(d.determine.is_empty() && d.recover.is_empty() && d.caf.is_empty()) {
        w.line(0, "objectives:");
        w.list(1, "determine", &d.determine);
        w.list(1, "recover", &d.recover);
        if !d.caf.is_empty() {
            w.line(1, &format!("caf: [{}]", d.caf.join(", ")));
        }
    }
    let c = (&d.ttps, &d.category, &d.resource, &d.indicators);
    if !(c.0.is_empty()
        && c.1.is_none()
        && c.2.is_none()
        && c.3.is_empty()
        && d.log_sources.is_empty()
        && d.teams.is_empty())
    {
        w.line(0, "classification:");
        w.list(1, "ttps", &d.ttps);
        w.opt(1, "category", &d.category);
        w.opt(1, "resource", &d.resource);
        w.list(1, "indicators", &d.indicators);
        w.list(1, "log_sources", &d.log_sources);
        w.list(1, "teams", &d.teams);
    }
    if !d.steps.is_empty() {
        w.line(0, "steps:");
        for step in &d.steps {
            w.line(1, &format!("- phase: {}", step.phase));
            w.kv(2, "text", &step.text);
            w.list(2, "events", &step.events);
        }
    }
    w.list(0, "preparation", &d.preparation);
    w.list(0, "escalation", &d.escalation);
    if d.model_intro.is_some() || !d.components.is_empty() {
        w.line(0, "service_model:");
        w.opt(1, "intro", &d.model_intro);
        if !d.components.is_empty() {
            w.line(1, "components:");
            let mut keys = HashSet::new();
            for (i, (name, text)) in d.components.iter().enumerate() {
                let base = en(&|e| e.components.get(i).map(|x| x.0.clone()))
                    .unwrap_or_else(|| name.clone());
                w.key(2, &unique_key(&mut keys, &slug(&base), "component"));
                w.kv(3, "name", name);
                w.kv(3, "text", text);
            }
        }
    }
    write_detection(&mut w, d, english);
    w.list(0, "analysis", &d.analysis);
    write_actions(&mut w, "containment", &d.containment);
    write_actions(&mut w, "recovery", &d.recovery);
    w.list(0, "data_protection", &d.data_protection);
    if !d.permission_notes.is_empty() || !d.tasks.is_empty() {
        w.line(0, "permissions:");
        w.list(1, "notes", &d.permission_notes);
        if !d.tasks.is_empty() {
            w.line(1, "tasks:");
            for t in &d.tasks {
                w.line(2, &format!("- text: {}", q(&t.text)));
                w.list(3, "actions", &t.actions);
                if t.actions.is_empty() {
                    w.line(3, "actions: []");
                }
            }
        }
    }
    w.list(0, "lessons", &d.lessons);
    if !d.addressed.is_empty() || !d.current.is_empty() {
        w.line(0, "backlog:");
        w.list(1, "addressed", &d.addressed);
        w.list(1, "current", &d.current);
    }
    if !d.notes.is_empty() {
        w.line(0, "notes:");
        let mut keys = HashSet::new();
        for (i, (title, md)) in d.notes.iter().enumerate() {
            let base =
                en(&|e| e.notes.get(i).map(|x| x.0.clone())).unwrap_or_else(|| title.clone());
            w.key(1, &unique_key(&mut keys, &slug(&base), "note"));
            w.kv(2, "title", title);
            w.kv(2, "markdown", md);
        }
    }
    w.out
}

fn write_detection(w: &mut W, d: &Draft, english: Option<&Draft>) {
    let empty = d.detection_notes.is_empty()
        && d.endpoints.is_empty()
        && d.common.is_empty()
        && d.groups.is_empty()
        && d.data_events_intro.is_none()
        && d.data_events.is_empty();
    if empty {
        return;
    }
    w.line(0, "detection:");
    w.list(1, "notes", &d.detection_notes);
    if !d.endpoints.is_empty() {
        w.line(1, "endpoints:");
        for (host, label) in &d.endpoints {
            match label {
                Some(label) => {
                    w.line(2, &format!("- host: {}", q(host)));
                    w.kv(3, "label", label);
                }
                None => w.line(2, &format!("- {}", q(host))),
            }
        }
    }
    w.list(1, "common", &d.common);
    if !d.groups.is_empty() {
        w.line(1, "groups:");
        let mut keys = HashSet::new();
        for (i, g) in d.groups.iter().enumerate() {
            let base = english
                .and_then(|e| e.groups.get(i))
                .map_or(g.title.as_str(), |e| e.title.as_str());
            w.key(2, &unique_key(&mut keys, &slug(base), "group"));
            w.kv(3, "title", &g.title);
            w.kv(3, "service", &g.service);
            if g.events.is_empty() {
                w.line(3, "events: []");
                continue;
            }
            w.line(3, "events:");
            for (name, desc) in &g.events {
                match desc {
                    Some(desc) => {
                        w.line(4, &format!("- name: {}", q(name)));
                        w.kv(5, "description", desc);
                    }
                    None => w.line(4, &format!("- {}", q(name))),
                }
            }
        }
    }
    w.opt(1, "data_events_intro", &d.data_events_intro);
    if !d.data_events.is_empty() {
        w.line(1, "data_events:");
        for (rtype, names) in &d.data_events {
            if names.is_empty() {
                w.line(2, &format!("{}: []", q(rtype)));
            } else {
                w.list(2, rtype, names);
            }
        }
    }
}

fn write_actions(w: &mut W, key: &str, actions: &[Action]) {
    if actions.is_empty() {
        return;
    }
    w.line(0, &format!("{key}:"));
    for a in actions {
        if a.links.is_empty() && a.note.is_none() {
            w.line(1, &format!("- {}", q(&a.text)));
            continue;
        }
        w.line(1, &format!("- text: {}", q(&a.text)));
        if !a.links.is_empty() {
            w.line(2, "links:");
            for (title, url) in &a.links {
                w.line(3, &format!("- title: {}", q(title)));
                w.kv(4, "url", url);
            }
        }
        w.opt(2, "note", &a.note);
    }
}

#[derive(Default)]
struct W {
    out: String,
}

impl W {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{}{}", "  ".repeat(indent), text);
    }
    fn key(&mut self, indent: usize, key: &str) {
        self.line(indent, &format!("{}:", q(key)));
    }
    fn kv(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {}", q(value)));
    }
    fn opt(&mut self, indent: usize, key: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.kv(indent, key, v);
        }
    }
    /// A sequence of strings under `key`; nothing when empty (every list is optional).
    fn list(&mut self, indent: usize, key: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.line(indent, &format!("{}:", q_key(key)));
        for i in items {
            self.line(indent + 1, &format!("- {}", q(i)));
        }
    }
}

/// Field names are written bare; anything else (resource types) is quoted.
fn q_key(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !key.is_empty() {
        key.to_owned()
    } else {
        q(key)
    }
}

pub(super) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A YAML double-quoted scalar. Escapes `"` and `\`, every control character, and the
/// characters YAML treats as line breaks or refuses (NEL, LS, PS, BOM).
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::q;

    #[test]
    fn quoting_escapes_everything_special() {
        assert_eq!(q("a\"b\\c\nd\te"), r#""a\"b\\c\nd\te""#);
        assert_eq!(q("\u{85}\u{2028}\u{0}"), r#""\u0085\u2028\u0000""#);
        assert_eq!(q("é: #x"), "\"é: #x\"");
    }
}
