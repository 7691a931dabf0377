//! Sections of the Markdown → fields of the format.
//!
//! Each recognised section has a handler that takes the blocks it understands; whatever a
//! handler leaves goes to `notes` with its Markdown as written, and every decision is
//! reported with its line, so the writer can review the result against the source.

//!
//! One file per role: `prose` (inline text and plain lists), `front` (owners, tools,
//! objectives, classification), `response` (steps and actions), `detection` (endpoints,
//! event tables, data events) and `permissions` (tasks, and the group services their
//! prefixes reveal). This file walks the section tree and routes each block to them.

mod detection;
mod front;
mod harvest;
mod permissions;
mod prose;
mod response;

pub use prose::split_list;

use super::classify::{self, Part};
use super::draft::Draft;
use super::markdown::{Block, Doc, OpaqueKind, Section};
use super::report::{Kind, Report};
use super::tables;
use crate::registry::Registry;

pub struct Mapper<'d, 's> {
    doc: &'d Doc<'s>,
    registry: &'d Registry,
    /// The phase of the `## Containment`-like section being walked: its unknown
    /// sub-headings become steps of that phase.
    phase: Option<&'static str>,
    /// For a translation: the English heading of each section (by its line), so that
    /// the translated document is classified by the English structure.
    english_titles: std::collections::HashMap<usize, String>,
    /// For a translation: the phases of the English `[**PHASE**]` steps, in order, for
    /// tags that machine translation changed.
    english_phases: Vec<&'static str>,
    /// The phases of the tagged steps read so far.
    pub tagged_phases: Vec<&'static str>,
    /// The services the document names, found once (see `harvest::doc_services`).
    named_services: std::cell::OnceCell<std::collections::BTreeSet<String>>,
    pub draft: Draft,
    pub report: Report,
    /// `(event name, IAM prefix, line)` stated in the permissions (`q:StartConversation`).
    stated: Vec<(String, String, usize)>,
}

impl<'d, 's> Mapper<'d, 's> {
    pub fn new(doc: &'d Doc<'s>, registry: &'d Registry) -> Self {
        Mapper {
            doc,
            registry,
            phase: None,
            english_titles: Default::default(),
            english_phases: Vec::new(),
            tagged_phases: Vec::new(),
            named_services: std::cell::OnceCell::new(),
            draft: Draft::default(),
            report: Report::default(),
            stated: Vec::new(),
        }
    }

    /// A mapper for a translation, classified by the English document's structure.
    pub fn translation(
        doc: &'d Doc<'s>,
        registry: &'d Registry,
        english_titles: std::collections::HashMap<usize, String>,
        english_phases: Vec<&'static str>,
    ) -> Self {
        let mut m = Mapper::new(doc, registry);
        m.english_titles = english_titles;
        m.english_phases = english_phases;
        m
    }

    /// The heading a section is classified by: the English one for a translation.
    fn class_title(&self, s: &Section) -> String {
        self.english_titles
            .get(&s.line)
            .cloned()
            .unwrap_or_else(|| s.title.plain_line())
    }

    fn has_known(&self, s: &Section) -> bool {
        classify::part(&self.class_title(s)).is_some()
            || s.children.iter().any(|c| self.has_known(c))
    }

    /// Maps the whole document.
    pub fn run(&mut self) {
        let root = &self.doc.root;
        let mut preamble: Vec<&Block> = root.blocks.iter().collect();
        let mut title_seen = false;
        for s in &root.children {
            if s.level == 1 && !title_seen {
                title_seen = true;
                self.title(s);
                preamble.extend(s.blocks.iter());
                self.preamble(&preamble);
                for c in &s.children {
                    self.walk(c);
                }
            } else {
                self.walk(s);
            }
        }
        if !title_seen {
            self.preamble(&preamble);
            self.report
                .add(1, Kind::Dropped, "no `# Title` heading: the title is empty");
        }
        if self.draft.summary.is_empty() {
            self.report.add(
                0,
                Kind::Dropped,
                "no Executive Summary: `summary` is empty (check will say so)",
            );
        }
        self.infer_services();
        // A translation's identifiers come from the English: names are read there only.
        if self.english_titles.is_empty() {
            self.harvest_rest();
        }
    }

    fn title(&mut self, s: &Section) {
        let full = s.title.plain_line();
        // "Incident Response Playbook: Responding to…": the prefix names the collection.
        let title = match full.split_once(':') {
            Some((head, rest))
                if !rest.trim().is_empty()
                    && ["playbook", "manuel", "runbook"]
                        .iter()
                        .any(|w| head.to_lowercase().contains(w)) =>
            {
                self.report.add(
                    s.line,
                    Kind::Mapped,
                    format!("title (prefix `{}:` removed) → title", head.trim()),
                );
                rest.trim().to_owned()
            }
            _ => {
                self.report.add(s.line, Kind::Mapped, "title → title");
                full
            }
        };
        self.draft.title = title;
    }

    fn preamble(&mut self, blocks: &[&Block]) {
        if blocks.is_empty() {
            return;
        }
        // Kept rather than dropped: it carries the licence and attribution of the source.
        self.keep(
            "Preamble",
            blocks,
            "the text before the first section (legal notice, licence)",
        );
    }

    /// A section by its heading: a handler when the heading is known, else notes.
    fn walk(&mut self, s: &Section) {
        let title = s.title.plain_line();
        match classify::part(&self.class_title(s)) {
            Some(part) => {
                self.report.add(
                    s.line,
                    Kind::Mapped,
                    format!("section `{title}` → {}", part_field(part)),
                );
                let left = self.handle(part, s);
                if !left.is_empty() {
                    self.keep(&title, &left, "parts of a mapped section that fit no field");
                }
                if part == Part::Objectives {
                    // Its sub-headings (Determine, Recover, CAF) are fields, not sections.
                    self.objectives(s);
                } else {
                    let outer = self.phase;
                    self.phase = part_phase(part).or(outer);
                    for c in &s.children {
                        self.walk(c);
                    }
                    self.phase = outer;
                }
            }
            None if s.children.iter().any(|c| self.has_known(c)) => {
                let own: Vec<&Block> = s.blocks.iter().collect();
                if !own.is_empty() {
                    self.keep(&title, &own, "section text that fits no field");
                } else {
                    self.report.add(
                        s.line,
                        Kind::Mapped,
                        format!("section `{title}`: heading only, its subsections are mapped"),
                    );
                }
                for c in &s.children {
                    self.walk(c);
                }
            }
            None => {
                if let Some(phase) = self.phase {
                    self.heading_step(s, phase);
                }
                self.keep_section(s, &title)
            }
        }
    }

    /// A whole unknown section, subsections included, into one note.
    fn keep_section(&mut self, s: &Section, title: &str) {
        let md = self.doc.slice(&s.body).trim().to_owned();
        if md.is_empty() {
            self.report.add(
                s.line,
                Kind::Dropped,
                format!("section `{title}` is empty: nothing to keep"),
            );
            return;
        }
        self.report_images_in(s);
        let title = if title.is_empty() {
            "Untitled section"
        } else {
            title
        };
        self.report.add(
            s.line,
            Kind::Kept,
            format!("section `{title}` fits no field: its Markdown → notes"),
        );
        self.draft.notes.push((title.to_owned(), md));
    }

    fn report_images_in(&mut self, s: &Section) {
        for b in &s.blocks {
            self.report_images(b);
        }
        for c in &s.children {
            self.report_images_in(c);
        }
    }

    fn report_images(&mut self, b: &Block) {
        let mut found = Vec::new();
        collect_images(b, &mut found);
        for (line, url) in found {
            self.report.add(
                line,
                Kind::Kept,
                format!("image `{url}` kept as Markdown in notes (the image file is not imported)"),
            );
        }
        if let Block::Opaque { kind, line, .. } = b {
            let what = match kind {
                OpaqueKind::Html => "HTML block (e.g. `<details>`) kept verbatim in notes",
                OpaqueKind::Code => "code block kept verbatim in notes",
                OpaqueKind::Quote => "block quote kept verbatim in notes",
                OpaqueKind::Rule => return,
                OpaqueKind::Other => "block kept verbatim in notes",
            };
            self.report.add(*line, Kind::Kept, what);
        }
    }

    /// Blocks into a note titled after their section, Markdown as written.
    fn keep(&mut self, title: &str, blocks: &[&Block], why: &str) {
        let mut parts = Vec::new();
        for b in blocks {
            if let Block::Opaque {
                kind: OpaqueKind::Rule,
                line,
                ..
            } = b
            {
                self.report
                    .add(*line, Kind::Dropped, "horizontal rule (layout only)");
                continue;
            }
            self.report_images(b);
            let text = self.doc.slice(&b.range()).trim();
            if !text.is_empty() {
                parts.push(text.to_owned());
            }
        }
        if parts.is_empty() {
            return;
        }
        let line = blocks.first().map(|b| b.line()).unwrap_or(0);
        let title = if title.is_empty() {
            "Untitled section"
        } else {
            title
        };
        self.report.add(
            line,
            Kind::Kept,
            format!("{why}: {} block(s) → notes (`{title}`)", parts.len()),
        );
        self.draft
            .notes
            .push((title.to_owned(), parts.join("\n\n")));
    }

    /// Runs the handler of a part; returns the blocks it did not take.
    fn handle<'b>(&mut self, part: Part, s: &'b Section) -> Vec<&'b Block> {
        let mut left = Vec::new();
        for b in &s.blocks {
            let taken = match (part, b) {
                (Part::Contacts, Block::Para(p)) => self.contacts(p),
                (Part::Summary, Block::Para(p)) => {
                    let t = self.text(p);
                    if self.draft.summary.is_empty() {
                        self.draft.summary = t;
                    } else {
                        self.draft.summary = format!("{} {t}", self.draft.summary);
                    }
                    true
                }
                (Part::Preparation, Block::Para(p)) => self.tools(p),
                (Part::Preparation, Block::List(l)) => {
                    let items = self.items(l);
                    self.draft.preparation.extend(items);
                    true
                }
                (Part::Classification, Block::List(l)) => self.classification(l),
                (Part::Stages, b) => {
                    self.report.add(
                        b.line(),
                        Kind::Dropped,
                        "list of phases: the format has the phases built in",
                    );
                    true
                }
                (Part::Steps, Block::List(l)) => {
                    self.steps(l);
                    true
                }
                (Part::Escalation, Block::List(l)) => {
                    let items = self.items(l);
                    self.draft.escalation.extend(items);
                    true
                }
                (Part::ServiceModel, Block::Para(p)) if self.draft.model_intro.is_none() => {
                    self.draft.model_intro = Some(self.text(p));
                    true
                }
                (Part::ServiceModel, Block::List(l)) => self.components(l),
                (Part::DetectionNotes, Block::List(l)) => {
                    self.detection_notes(l);
                    true
                }
                (Part::EventNames | Part::Detection, Block::Table(t)) => {
                    let rows = tables::rows_from_table(self.doc, t);
                    self.groups(&rows, &s.title.plain_line());
                    true
                }
                (Part::EventNames | Part::Detection, Block::Para(p)) => self.pipe_table(p, s),
                (Part::EventNames, Block::List(l)) => {
                    self.nested_to_notes(l, "detection.common");
                    for i in &l.items {
                        let name = i.inline.plain_line();
                        if !name.is_empty() {
                            self.draft.common.push(name);
                        }
                    }
                    self.report.add(
                        l.line,
                        Kind::Mapped,
                        format!("{} event names → detection.common", l.items.len()),
                    );
                    true
                }
                (Part::DataEvents, _) => return self.data_events(s),
                (Part::Analysis, Block::List(l)) => {
                    let items = self.items(l);
                    self.draft.analysis.extend(items);
                    true
                }
                (Part::Containment, Block::List(l)) => {
                    let a = self.actions(l);
                    self.draft.containment.extend(a);
                    true
                }
                (Part::Recovery, Block::List(l)) => {
                    let a = self.actions(l);
                    self.draft.recovery.extend(a);
                    true
                }
                (Part::DataProtection, Block::List(l)) => {
                    let items = self.items(l);
                    self.draft.data_protection.extend(items);
                    true
                }
                (Part::Permissions, Block::List(l)) => {
                    self.permissions(l);
                    true
                }
                (Part::Lessons, Block::Para(p)) => {
                    let t = self.text(p);
                    self.draft.lessons.push(t);
                    true
                }
                (Part::Lessons, Block::List(l)) => {
                    let items = self.items(l);
                    self.draft.lessons.extend(items);
                    true
                }
                (Part::BacklogAddressed | Part::BacklogCurrent, Block::Para(p)) => {
                    let t = self.text(p);
                    self.backlog(part).push(t);
                    true
                }
                (Part::BacklogAddressed | Part::BacklogCurrent, Block::List(l)) => {
                    let items = self.items(l);
                    self.backlog(part).extend(items);
                    true
                }
                _ => false,
            };
            if !taken {
                left.push(b);
            }
        }
        left
    }

    fn backlog(&mut self, part: Part) -> &mut Vec<String> {
        if part == Part::BacklogCurrent {
            &mut self.draft.current
        } else {
            &mut self.draft.addressed
        }
    }
}

fn collect_images(b: &Block, out: &mut Vec<(usize, String)>) {
    match b {
        Block::Para(p) => out.extend(p.images().into_iter().map(|u| (p.line, u))),
        Block::List(l) => {
            for i in &l.items {
                out.extend(i.inline.images().into_iter().map(|u| (i.line, u)));
                for sub in &i.lists {
                    collect_images(&Block::List(sub.clone()), out);
                }
            }
        }
        Block::Table(t) => {
            for c in t.rows.iter().flatten() {
                out.extend(c.images().into_iter().map(|u| (c.line, u)));
            }
        }
        Block::Opaque { .. } => {}
    }
}

/// The response phase a part of the document belongs to, if it is one.
fn part_phase(p: Part) -> Option<&'static str> {
    Some(match p {
        Part::Preparation => "preparation",
        Part::Detection | Part::Analysis | Part::EventNames | Part::DetectionNotes => "detection",
        Part::Containment => "containment",
        Part::Recovery => "recovery",
        Part::Lessons => "post-incident",
        _ => return None,
    })
}

fn part_field(p: Part) -> &'static str {
    match p {
        Part::Contacts => "owners",
        Part::Summary => "summary",
        Part::Objectives => "objectives",
        Part::Classification => "classification",
        Part::Stages => "(phases, built into the format)",
        Part::Steps => "steps",
        Part::Preparation => "tools, preparation",
        Part::Escalation => "escalation",
        Part::ServiceModel => "service_model",
        Part::Detection => "detection",
        Part::DetectionNotes => "detection.notes, detection.endpoints",
        Part::EventNames => "detection.common, detection.groups",
        Part::DataEvents => "detection.data_events",
        Part::Analysis => "analysis",
        Part::Containment => "containment",
        Part::Recovery => "recovery",
        Part::DataProtection => "data_protection",
        Part::Permissions => "permissions",
        Part::Lessons => "lessons",
        Part::BacklogAddressed => "backlog.addressed",
        Part::BacklogCurrent => "backlog.current",
    }
}
