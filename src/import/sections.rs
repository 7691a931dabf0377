//! Sections of the Markdown → fields of the format.
//!
//! Each recognised section has a handler that takes the blocks it understands; whatever a
//! handler leaves goes to `notes` with its Markdown as written, and every decision is
//! reported with its line, so the writer can review the result against the source.

use super::classify::{self, ObjectivePart, Part};
use super::draft::{Action, Draft, Task, Tool};
use super::links;
use super::markdown::{Block, Doc, Inline, List, ListItem, OpaqueKind, Section};
use super::report::{Kind, Report};
use super::tables;

pub struct Mapper<'d, 's> {
    doc: &'d Doc<'s>,
    pub draft: Draft,
    pub report: Report,
    /// `(event name, IAM prefix, line)` stated in the permissions (`q:StartConversation`).
    stated: Vec<(String, String, usize)>,
}

impl<'d, 's> Mapper<'d, 's> {
    pub fn new(doc: &'d Doc<'s>) -> Self {
        Mapper {
            doc,
            draft: Draft::default(),
            report: Report::default(),
            stated: Vec::new(),
        }
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
        match classify::part(&title) {
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
                    for c in &s.children {
                        self.walk(c);
                    }
                }
            }
            None if s.children.iter().any(has_known) => {
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
            None => self.keep_section(s, &title),
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

    /// Inline content as one line of Markdown; a text that is one code span (a template
    /// placeholder such as `` `Who is notified…?` ``) becomes plain text. Broken links
    /// are repaired.
    fn text(&mut self, i: &Inline) -> String {
        if let Some(code) = i.only_code() {
            return code.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        let md = self.doc.inline_md(i);
        let broken = links::find_broken(&md);
        for b in &broken {
            self.report.add(
                i.line,
                Kind::Fixed,
                format!(
                    "link `[{}] ({})` broken by a space: repaired",
                    b.title, b.url
                ),
            );
        }
        for url in i.images() {
            self.report.add(
                i.line,
                Kind::Kept,
                format!("image `{url}` left as Markdown inside the text: review it"),
            );
        }
        links::replace(&md, &broken, |b| format!("[{}]({})", b.title, b.url))
    }

    /// The items of a list as texts; nested lists are appended to their item's text so
    /// that nothing is lost, and reported.
    fn items(&mut self, l: &List) -> Vec<String> {
        let mut out = Vec::new();
        for item in &l.items {
            let mut t = self.text(&item.inline);
            for sub in item.lists.iter().flat_map(|l| l.items.iter()) {
                let s = self.text(&sub.inline);
                self.report.add(
                    sub.line,
                    Kind::Fixed,
                    "nested item appended to its parent item's text",
                );
                t = format!("{t} ({s})");
            }
            self.extra_blocks(item);
            if t.trim().is_empty() {
                self.report
                    .add(item.line, Kind::Dropped, "empty list item skipped");
                continue;
            }
            out.push(t);
        }
        out
    }

    /// Blocks inside a list item that no field holds (code, quotes…): into notes.
    fn extra_blocks(&mut self, item: &ListItem) {
        if item.extra.is_empty() {
            return;
        }
        let blocks: Vec<&Block> = item.extra.iter().collect();
        self.keep(
            &format!("Inside the item at line {}", item.line),
            &blocks,
            "blocks inside a list item",
        );
    }

    fn contacts(&mut self, p: &Inline) -> bool {
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
                .any(|s| matches!(s, super::markdown::Seg::Code(c) if c.trim() == value));
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
    fn tools(&mut self, p: &Inline) -> bool {
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

    fn objectives(&mut self, s: &Section) {
        for c in &s.children {
            let title = c.title.plain_line();
            let Some(which) = classify::objective_part(&title) else {
                self.walk(c);
                continue;
            };
            let mut left = Vec::new();
            for b in &c.blocks {
                match (which, b) {
                    (ObjectivePart::Determine | ObjectivePart::Recover, Block::List(l)) => {
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

    fn classification(&mut self, l: &List) -> bool {
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

    fn steps(&mut self, l: &List) {
        for (n, i) in l.items.iter().enumerate() {
            let md = self.doc.inline_md(&i.inline);
            let plain = i.inline.plain_line();
            let tag = plain
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .map(|(t, _)| t.to_owned());
            let phase = tag.as_deref().and_then(classify::phase);
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
                    self.draft.steps.push((p, text));
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
    fn components(&mut self, l: &List) -> bool {
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

    fn detection_notes(&mut self, l: &List) {
        for i in &l.items {
            let plain = i.inline.plain_line();
            let lower = plain.to_lowercase();
            let is_endpoints_head = (lower.starts_with("endpoint")
                || lower.starts_with("points de terminaison"))
                && plain.trim_end().ends_with(':');
            if is_endpoints_head {
                for sub in i.lists.iter().flat_map(|l| l.items.iter()) {
                    self.endpoint(&sub.inline.plain_line(), sub.line, true);
                }
                self.report.add(
                    i.line,
                    Kind::Mapped,
                    "`Endpoints` list → detection.endpoints",
                );
                continue;
            }
            // A flattened endpoints list (the French copy): `Label : host.amazonaws.com`.
            if i.lists.is_empty() && self.endpoint(&plain, i.line, false) {
                continue;
            }
            let t = self.text(&i.inline);
            let mut t = t;
            for sub in i.lists.iter().flat_map(|l| l.items.iter()) {
                let s = self.text(&sub.inline);
                t = format!("{t} ({s})");
            }
            self.extra_blocks(i);
            self.report
                .add(i.line, Kind::Mapped, "note → detection.notes");
            self.draft.detection_notes.push(t);
        }
    }

    /// `Label: host` → an endpoint. With `force`, anything is taken (it is under an
    /// `Endpoints:` item); without, only when the host looks like an AWS event source.
    fn endpoint(&mut self, plain: &str, line: usize, force: bool) -> bool {
        let (label, host) = match plain.rsplit_once(':') {
            Some((l, h)) => (Some(l.trim().to_owned()), h.trim().to_owned()),
            None => (None, plain.trim().to_owned()),
        };
        let is_host = !host.is_empty()
            && !host.contains(char::is_whitespace)
            && host.contains('.')
            && (force || host.ends_with(".amazonaws.com"));
        if !is_host {
            if force {
                self.report.add(
                    line,
                    Kind::Kept,
                    format!("`{plain}` is not `Label: host`: → detection.notes"),
                );
                self.draft.detection_notes.push(plain.to_owned());
                return true;
            }
            return false;
        }
        let label = label.filter(|l| !l.is_empty());
        self.report.add(
            line,
            Kind::Mapped,
            format!("`{host}` → detection.endpoints"),
        );
        self.draft.endpoints.push((host, label));
        true
    }

    fn groups(&mut self, rows: &[tables::Row], section_title: &str) {
        let groups = tables::event_groups(rows, section_title, &mut self.report);
        self.draft.groups.extend(groups);
    }

    /// A paragraph of `|` lines: a table CommonMark refused (broken delimiter row).
    fn pipe_table(&mut self, p: &Inline, s: &Section) -> bool {
        let text = self.doc.slice(&p.range);
        let Some(rows) = tables::rows_from_pipe_lines(text, p.line) else {
            return false;
        };
        self.report.add(
            p.line,
            Kind::Fixed,
            "table with a malformed delimiter row (not a Markdown table): read row by row",
        );
        self.groups(&rows, &s.title.plain_line());
        true
    }

    /// `**Label**: AWS::X::Y` followed by a list of event names, per resource type.
    fn data_events<'b>(&mut self, s: &'b Section) -> Vec<&'b Block> {
        let mut left = Vec::new();
        let mut pending: Option<(String, usize)> = None;
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    if let Some((label, rtype)) = resource_type_label(p) {
                        if let Some((t, line)) = pending.take() {
                            self.report.add(
                                line,
                                Kind::Dropped,
                                format!("resource type `{t}` has no list of events"),
                            );
                        }
                        self.report.add(
                            p.line,
                            Kind::Mapped,
                            format!("`{label}`: resource type `{rtype}` → detection.data_events"),
                        );
                        pending = Some((rtype, p.line));
                    } else if self.draft.data_events_intro.is_none() {
                        let t = self.text(p);
                        self.report.add(
                            p.line,
                            Kind::Mapped,
                            "paragraph → detection.data_events_intro",
                        );
                        self.draft.data_events_intro = Some(t);
                    } else {
                        left.push(b);
                    }
                }
                Block::List(l) => match pending.take() {
                    Some((rtype, _)) => {
                        let names: Vec<String> = l
                            .items
                            .iter()
                            .map(|i| i.inline.plain_line())
                            .filter(|n| !n.is_empty())
                            .collect();
                        self.report.add(
                            l.line,
                            Kind::Mapped,
                            format!(
                                "{} data events → detection.data_events.{rtype}",
                                names.len()
                            ),
                        );
                        match self.draft.data_events.iter_mut().find(|(t, _)| *t == rtype) {
                            Some((_, existing)) => existing.extend(names),
                            None => self.draft.data_events.push((rtype, names)),
                        }
                    }
                    None => left.push(b),
                },
                Block::Table(t) => {
                    let rows = tables::rows_from_table(self.doc, t);
                    self.groups(&rows, &s.title.plain_line());
                }
                _ => left.push(b),
            }
        }
        if let Some((t, line)) = pending {
            self.report.add(
                line,
                Kind::Dropped,
                format!("resource type `{t}` has no list of events"),
            );
        }
        left
    }

    fn actions(&mut self, l: &List) -> Vec<Action> {
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

    fn permissions(&mut self, l: &List) {
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
                    (None, false) => {
                        self.report.add(
                            s.line,
                            Kind::Guessed,
                            format!(
                                "`{name}` kept as written: no service prefix stated nearby (write `prefix:{name}`)"
                            ),
                        );
                        name
                    }
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
    /// group's events in the permissions wins; else the first endpoint's prefix.
    fn infer_services(&mut self) {
        let first_endpoint = self
            .draft
            .endpoints
            .first()
            .map(|(h, _)| h.split('.').next().unwrap_or("").to_owned())
            .filter(|p| !p.is_empty());
        for g in &mut self.draft.groups {
            let stated = self
                .stated
                .iter()
                .find(|(name, _, _)| g.events.iter().any(|(e, _)| e == name));
            let (service, why) = match (stated, &first_endpoint) {
                (Some((name, p, line)), _) => (
                    p.clone(),
                    format!("from `{p}:{name}` in the permissions (line {line})"),
                ),
                (None, Some(p)) => (p.clone(), "from the first detection endpoint".to_owned()),
                (None, None) => (
                    "unknown".to_owned(),
                    "no endpoint to guess from: set it".to_owned(),
                ),
            };
            self.report.add(
                g.line,
                Kind::Guessed,
                format!("service of group `{}`: `{service}` {why}", g.title),
            );
            g.service = service;
        }
    }
}

fn has_known(s: &Section) -> bool {
    classify::part(&s.title.plain_line()).is_some() || s.children.iter().any(has_known)
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

/// `**Amazon Q Business Index**: AWS::QBusiness::Index` → (label, resource type). Spaces
/// inside the type (`AWS : :QBusiness : :Index`, machine translation) are removed.
fn resource_type_label(p: &Inline) -> Option<(String, String)> {
    let (label, rest) = p.strong_lead()?;
    let rtype: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let parts: Vec<&str> = rtype.split("::").collect();
    let ok = parts.len() == 3
        && parts
            .iter()
            .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_alphanumeric()));
    ok.then_some((label, rtype))
}

/// `prefix:Action` mentions in a text (`"q:StartConversation"`).
fn stated_actions(text: &str) -> Vec<(String, String)> {
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

/// `A, B (C, D), E` → `[A, B (C, D), E]`: commas inside parentheses do not split.
pub fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_outside_parentheses() {
        assert_eq!(
            split_list("Security Operations Center (SOC, 24/7), Forensic Investigators,"),
            vec![
                "Security Operations Center (SOC, 24/7)",
                "Forensic Investigators"
            ]
        );
    }

    #[test]
    fn stated_prefixes() {
        assert_eq!(
            stated_actions("StartConversation [Example: \"q:StartConversation\"]"),
            vec![("q".to_owned(), "StartConversation".to_owned())]
        );
        assert!(stated_actions("Example: none").is_empty());
    }
}
