//! API names wherever the document writes them (see `import::names`) → structure that
//! `check` validates: a step's `events`; steps for the sub-headings of a phase; and, once
//! the whole document is mapped, groups (one per section and service) for the event
//! names no field holds yet, a permissions task for stray IAM actions, and endpoints
//! for event sources. Each name gets its source line in the report.

use super::super::draft::{Group, Step, Task};
use super::super::markdown::Section;
use super::super::names::{harvest, Mention, Name};
use super::super::report::Kind;
use super::Mapper;
use std::collections::{BTreeSet, HashSet};

impl Mapper<'_, '_> {
    /// The names a step's text refers to: its checked `events`.
    pub(super) fn step_events(&mut self, md: &str, line: usize) -> Vec<String> {
        let mut out = Vec::new();
        for m in harvest(md, line, self.registry) {
            match &m.name {
                Name::Event(n) | Name::IamAction(n) => {
                    self.report.add(
                        m.line,
                        Kind::Mapped,
                        format!("`{n}` ({}) → the step's events", m.how),
                    );
                    out.push(n.clone());
                }
                Name::Source(_) => {}
            }
        }
        out
    }

    /// `## Containment` / `### S3 Block Public Access`: the sub-heading is a step of that
    /// phase, with the names of its whole subsection as the step's events (its text
    /// goes to notes, as before, so nothing is lost).
    pub(super) fn heading_step(&mut self, s: &Section, phase: &'static str) {
        let text = self.doc.inline_md(&s.title).trim().to_owned();
        if text.is_empty() {
            return;
        }
        let body = self.doc.slice(&s.body);
        let events = self.step_events(body, s.line);
        self.report.add(
            s.line,
            Kind::Mapped,
            format!(
                "sub-heading `{text}` → a step ({phase}) with {} event(s); its text → notes",
                events.len()
            ),
        );
        self.draft.steps.push(Step {
            phase,
            text,
            events,
        });
    }

    /// The names no field holds yet, section by section.
    pub(super) fn harvest_rest(&mut self) {
        let mut taken = self.structured_names();
        let doc_services = self.doc_services();
        let mut per_section: Vec<(String, usize, Vec<Mention>)> = Vec::new();
        collect(
            self.doc,
            &self.doc.root,
            "Document",
            &mut per_section,
            self.registry,
        );
        for (title, line, mentions) in per_section {
            let mut events: Vec<(String, String, usize, &'static str)> = Vec::new();
            let mut actions: Vec<String> = Vec::new();
            for m in mentions {
                let name = m.name.text().to_owned();
                if !taken.insert(name.clone()) {
                    continue;
                }
                match m.name {
                    Name::Event(n) => {
                        let service = self.service_of(&n, &doc_services);
                        events.push((n, service, m.line, m.how));
                    }
                    Name::IamAction(a) => {
                        self.report.add(
                            m.line,
                            Kind::Mapped,
                            format!("`{a}` ({}) → permissions task of `{title}`", m.how),
                        );
                        actions.push(a);
                    }
                    Name::Source(host) => {
                        self.report.add(
                            m.line,
                            Kind::Mapped,
                            format!("`{host}` ({}) → detection.endpoints", m.how),
                        );
                        self.draft.endpoints.push((host, None));
                    }
                }
            }
            if !actions.is_empty() {
                self.draft.tasks.push(Task {
                    text: format!("IAM actions named in “{title}”"),
                    actions,
                });
            }
            let services: BTreeSet<&str> = events.iter().map(|e| e.1.as_str()).collect();
            let several = services.len() > 1;
            for service in services {
                let group_title = if several {
                    format!("{title} ({service})")
                } else {
                    title.clone()
                };
                let mut g = Group {
                    title: group_title.clone(),
                    service: service.to_owned(),
                    events: Vec::new(),
                    line,
                };
                for (n, s, l, how) in &events {
                    if s == service {
                        self.report.add(
                            *l,
                            Kind::Mapped,
                            format!("`{n}` ({how}) → group `{group_title}` of `{s}`"),
                        );
                        g.events.push((n.clone(), None));
                    }
                }
                if service == "unknown" {
                    self.report.add(
                        line,
                        Kind::Guessed,
                        format!("group `{group_title}`: no service has these names and none is close; set `service` (check validates the names against every service meanwhile)"),
                    );
                }
                self.draft.groups.push(g);
            }
        }
    }

    /// Names already held by a field.
    fn structured_names(&self) -> HashSet<String> {
        let d = &self.draft;
        let mut taken: HashSet<String> = HashSet::new();
        taken.extend(
            d.groups
                .iter()
                .flat_map(|g| g.events.iter().map(|e| e.0.clone())),
        );
        taken.extend(d.data_events.iter().flat_map(|(_, v)| v.iter().cloned()));
        taken.extend(d.common.iter().cloned());
        taken.extend(d.tasks.iter().flat_map(|t| t.actions.iter().cloned()));
        taken.extend(d.steps.iter().flat_map(|s| s.events.iter().cloned()));
        taken.extend(d.endpoints.iter().map(|e| e.0.clone()));
        taken
    }

    /// The services (IAM prefixes) the document names: event sources and endpoints,
    /// `prefix:Action`. Read once per document.
    pub(super) fn doc_services(&self) -> BTreeSet<String> {
        self.named_services
            .get_or_init(|| self.find_doc_services())
            .clone()
    }

    fn find_doc_services(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let reg = self.registry;
        for m in harvest(self.doc.src, 1, reg) {
            match &m.name {
                Name::Source(host) => {
                    out.extend(
                        reg.service_names()
                            .filter(|s| reg.service_event_source(s) == Some(host.as_str()))
                            .map(str::to_owned),
                    );
                }
                Name::IamAction(a) => {
                    if let Some((p, _)) = a.split_once(':') {
                        if reg.has_service(p) {
                            out.insert(p.to_owned());
                        }
                    }
                }
                Name::Event(_) => {}
            }
        }
        for (host, _) in &self.draft.endpoints {
            let prefix = host.split('.').next().unwrap_or("");
            if reg.has_service(prefix) {
                out.insert(prefix.to_owned());
            }
        }
        out
    }

    /// The service of one event name: the only one that has it; among several, the one
    /// the document names, else the one whose API it is; an unknown name goes with the
    /// service of the nearest real name (so `check` suggests it), else `unknown`.
    fn service_of(&self, name: &str, doc_services: &BTreeSet<String>) -> String {
        let reg = self.registry;
        let known = reg.events_named(name);
        if let Some(e) = known
            .iter()
            .find(|e| doc_services.contains(e.service))
            .or_else(|| known.iter().find(|e| e.is_api_operation))
            .or(known.first())
        {
            return e.service.to_owned();
        }
        reg.suggest_event(None, name)
            .first()
            .map(|s| s.service.clone())
            .unwrap_or_else(|| "unknown".to_owned())
    }
}

/// Each section's own mentions (its blocks, not its subsections), in document order.
fn collect(
    doc: &super::super::markdown::Doc,
    s: &Section,
    title: &str,
    out: &mut Vec<(String, usize, Vec<Mention>)>,
    reg: &crate::registry::Registry,
) {
    let mut mentions = Vec::new();
    for b in &s.blocks {
        let text = doc.slice(&b.range());
        // A list's range holds its nested items too.
        mentions.extend(harvest(text, b.line(), reg));
    }
    if !mentions.is_empty() {
        out.push((title.to_owned(), s.line.max(1), mentions));
    }
    for c in &s.children {
        let t = c.title.plain_line();
        let t = if t.is_empty() { title.to_owned() } else { t };
        collect(doc, c, &t, out, reg);
    }
}
