//! The response itself: tagged steps, service-model components, containment and
//! recovery actions.

use super::super::classify;
use super::super::draft::{Action, Step};
use super::super::links;
use super::super::markdown::List;
use super::super::report::Kind;
use super::Mapper;

impl Mapper<'_, '_> {
    pub(super) fn steps(&mut self, l: &List) {
        self.nested_to_notes(l, "steps");
        for (n, i) in l.items.iter().enumerate() {
            let md = self.doc.inline_md(&i.inline);
            let plain = i.inline.plain_line();
            let tag = plain
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .map(|(t, _)| t.to_owned());
            // A tag machine translation changed takes the English step's phase.
            let phase = tag.as_deref().and_then(|t| {
                classify::phase(t)
                    .or_else(|| self.english_phases.get(self.tagged_phases.len()).copied())
            });
            if let Some(p) = phase {
                self.tagged_phases.push(p);
            }
            let text = match md.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((_, rest)) if tag.is_some() => rest.trim().to_owned(),
                _ => md.clone(),
            };
            match (phase, text.is_empty()) {
                (_, true) => self.report.add(
                    i.line,
                    Kind::Dropped,
                    format!("step {} has no text: skipped", n + 1),
                ),
                (Some(p), false) => {
                    self.report.add(
                        i.line,
                        Kind::Mapped,
                        format!("step {} → steps ({p})", n + 1),
                    );
                    let events = self.step_events(&md, i.line);
                    self.draft.steps.push(Step {
                        phase: p,
                        text,
                        events,
                    });
                }
                (None, false) => {
                    self.report.add(
                        i.line,
                        Kind::Kept,
                        format!(
                            "step {} has no known `[**PHASE**]` tag ({}): → notes",
                            n + 1,
                            tag.unwrap_or_else(|| "none".into())
                        ),
                    );
                    self.draft
                        .notes
                        .push(("Response step without a phase".to_owned(), md));
                }
            }
        }
    }

    /// `Name – description` bullets.
    pub(super) fn components(&mut self, l: &List) -> bool {
        self.nested_to_notes(l, "service_model.components");
        for i in &l.items {
            let plain = i.inline.plain_line();
            let split = [" – ", " — ", " - ", ": "]
                .iter()
                .find_map(|sep| plain.split_once(sep));
            match split {
                Some((name, text)) if !name.trim().is_empty() && !text.trim().is_empty() => {
                    self.report.add(
                        i.line,
                        Kind::Mapped,
                        format!("`{}` → service_model.components", name.trim()),
                    );
                    self.draft
                        .components
                        .push((name.trim().to_owned(), text.trim().to_owned()));
                }
                _ => {
                    self.report.add(
                        i.line,
                        Kind::Kept,
                        "component without a `Name – description` form → notes",
                    );
                    let md = self.doc.inline_md(&i.inline);
                    self.draft.notes.push(("Service model".to_owned(), md));
                }
            }
        }
        true
    }

    pub(super) fn actions(&mut self, l: &List) -> Vec<Action> {
        let mut out = Vec::new();
        for i in &l.items {
            let plain = i.inline.plain_line();
            let broken = links::find_broken(&plain);
            let mut found = i.inline.links();
            for b in &broken {
                self.report.add(
                    i.line,
                    Kind::Fixed,
                    format!(
                        "link `[{}] ({})` broken by a space: repaired",
                        b.title, b.url
                    ),
                );
                found.push((b.title.clone(), b.url.clone()));
            }
            let text = links::replace(&plain, &broken, |b| b.title.clone());
            let notes: Vec<String> = i
                .lists
                .iter()
                .flat_map(|l| l.items.iter())
                .map(|s| s.inline.plain_line())
                .collect();
            self.extra_blocks(i);
            if text.is_empty() {
                self.report
                    .add(i.line, Kind::Dropped, "empty action skipped");
                continue;
            }
            self.report.add(
                i.line,
                Kind::Mapped,
                format!(
                    "action with {} link(s){}",
                    found.len(),
                    if notes.is_empty() { "" } else { " and a note" }
                ),
            );
            out.push(Action {
                text,
                links: found,
                note: (!notes.is_empty()).then(|| notes.join(" ")),
            });
        }
        out
    }
}
