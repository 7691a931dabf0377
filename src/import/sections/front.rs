//! The front matter of a playbook: owners, tools, objectives and classification.

use super::super::classify::{self, ObjectivePart};
use super::super::draft::Tool;
use super::super::links;
use super::super::markdown::{Block, Inline, List, Section};
use super::super::report::Kind;
use super::{split_list, Mapper};

impl Mapper<'_, '_> {
    pub(super) fn contacts(&mut self, p: &Inline) -> bool {
        let mut unknown = Vec::new();
        for line in p.lines() {
            let plain = line.plain_line();
            if plain.is_empty() {
                continue;
            }
            let Some((key, value)) = plain.split_once(':') else {
                unknown.push(plain);
                continue;
            };
            let key = key.trim().to_lowercase();
            let value = value.trim().to_owned();
            let field = if key.contains("date") || key.contains("approved") {
                "approved"
            } else if key.contains("approver") || key.contains("approbateur") {
                "approver"
            } else if key.contains("author") || key.contains("auteur") {
                "author"
            } else {
                unknown.push(plain);
                continue;
            };
            // A value typed as a code span is the template's placeholder (`Author Name`).
            let placeholder = line
                .segs
                .iter()
                .any(|s| matches!(s, super::super::markdown::Seg::Code(c) if c.trim() == value));
            let at = p.line;
            if value.is_empty() || placeholder {
                self.report.add(
                    at,
                    Kind::Dropped,
                    format!("owners.{field}: placeholder or empty value `{value}` left out"),
                );
                continue;
            }
            self.report
                .add(at, Kind::Mapped, format!("`{key}` → owners.{field}"));
            let slot = match field {
                "author" => &mut self.draft.author,
                "approver" => &mut self.draft.approver,
                _ => &mut self.draft.approved,
            };
            *slot = Some(value);
        }
        if unknown.is_empty() {
            return true;
        }
        self.report.add(
            p.line,
            Kind::Kept,
            "contact lines with no owners field → notes (`Points of Contact`)",
        );
        self.draft
            .notes
            .push(("Points of Contact".to_owned(), unknown.join("\n\n")));
        true
    }

    /// A paragraph with links names the tools the playbook integrates with (Prowler).
    pub(super) fn tools(&mut self, p: &Inline) -> bool {
        let plain = p.plain_line();
        let mut found: Vec<(String, String)> = p.links();
        let broken = links::find_broken(&plain);
        for b in &broken {
            self.report.add(
                p.line,
                Kind::Fixed,
                format!(
                    "link `[{}] ({})` broken by a space: repaired",
                    b.title, b.url
                ),
            );
            found.push((b.title.clone(), b.url.clone()));
        }
        if found.is_empty() {
            return false;
        }
        let text = links::replace(&plain, &broken, |b| b.title.clone());
        for (name, url) in found {
            self.report
                .add(p.line, Kind::Mapped, format!("link `{name}` → tools"));
            self.draft.tools.push(Tool {
                name,
                url,
                text: Some(text.clone()),
            });
        }
        true
    }

    pub(super) fn objectives(&mut self, s: &Section) {
        for c in &s.children {
            let title = c.title.plain_line();
            let Some(which) = classify::objective_part(&self.class_title(c)) else {
                self.walk(c);
                continue;
            };
            let mut left = Vec::new();
            for b in &c.blocks {
                match (which, b) {
                    (ObjectivePart::Determine | ObjectivePart::Recover, Block::List(l)) => {
                        self.nested_to_notes(l, "objectives");
                        let items: Vec<String> =
                            l.items.iter().map(|i| i.inline.plain_line()).collect();
                        let field = if which == ObjectivePart::Determine {
                            self.draft.determine.extend(items);
                            "objectives.determine"
                        } else {
                            self.draft.recover.extend(items);
                            "objectives.recover"
                        };
                        self.report.add(
                            l.line,
                            Kind::Mapped,
                            format!("`{title}` list (bold removed) → {field}"),
                        );
                    }
                    (ObjectivePart::Caf, Block::List(l)) => {
                        self.nested_to_notes(l, "objectives.caf");
                        for i in &l.items {
                            let w = i.inline.plain_line();
                            match classify::caf(&w) {
                                Some(k) => {
                                    self.report.add(
                                        i.line,
                                        Kind::Mapped,
                                        format!("`{w}` → objectives.caf `{k}`"),
                                    );
                                    self.draft.caf.push(k);
                                }
                                None => {
                                    self.report.add(
                                        i.line,
                                        Kind::Dropped,
                                        format!(
                                            "`{w}` is not a CAF security perspective component"
                                        ),
                                    );
                                }
                            }
                        }
                    }
                    _ => left.push(b),
                }
            }
            if !left.is_empty() {
                self.keep(
                    &title,
                    &left,
                    "parts of an objectives list that fit no field",
                );
            }
            for g in &c.children {
                self.walk(g);
            }
        }
    }

    pub(super) fn classification(&mut self, l: &List) -> bool {
        self.nested_to_notes(l, "classification");
        let mut left = Vec::new();
        for i in &l.items {
            let Some((key, value)) = i.inline.strong_lead() else {
                left.push(self.doc.inline_md(&i.inline));
                continue;
            };
            let k = key.to_lowercase();
            let has = |w: &[&str]| w.iter().any(|x| k.contains(x));
            let c = &mut self.draft;
            let field = if has(&["tactic", "tactiq"]) {
                c.ttps.extend(split_list(&value));
                "classification.ttps"
            } else if has(&["categ", "catég"]) {
                c.category = Some(value);
                "classification.category"
            } else if has(&["resource", "ressource"]) {
                c.resource = Some(value);
                "classification.resource"
            } else if has(&["indicat"]) {
                c.indicators.extend(split_list(&value));
                "classification.indicators"
            } else if has(&["log", "journal"]) {
                c.log_sources.extend(split_list(&value));
                "classification.log_sources"
            } else if has(&["team", "équipe", "equipe"]) {
                c.teams.extend(split_list(&value));
                "classification.teams"
            } else {
                left.push(self.doc.inline_md(&i.inline));
                continue;
            };
            self.report
                .add(i.line, Kind::Mapped, format!("`{key}` → {field}"));
        }
        if !left.is_empty() {
            self.report.add(
                l.line,
                Kind::Kept,
                format!(
                    "{} classification item(s) with no field → notes",
                    left.len()
                ),
            );
            let md = left
                .iter()
                .map(|t| format!("* {t}"))
                .collect::<Vec<_>>()
                .join("\n");
            self.draft
                .notes
                .push(("Incident Classification".to_owned(), md));
        }
        true
    }
}
