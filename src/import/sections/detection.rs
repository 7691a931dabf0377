//! Detection: notes, endpoints, event tables and data events.

use super::super::markdown::{Block, Inline, List, Section};
use super::super::report::Kind;
use super::super::tables;
use super::Mapper;

impl Mapper<'_, '_> {
    pub(super) fn detection_notes(&mut self, l: &List) {
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
    pub(super) fn endpoint(&mut self, plain: &str, line: usize, force: bool) -> bool {
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

    pub(super) fn groups(&mut self, rows: &[tables::Row], section_title: &str) {
        let groups = tables::event_groups(rows, section_title, &mut self.report);
        self.draft.groups.extend(groups);
    }

    /// A paragraph of `|` lines: a table CommonMark refused (broken delimiter row).
    pub(super) fn pipe_table(&mut self, p: &Inline, s: &Section) -> bool {
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
    pub(super) fn data_events<'b>(&mut self, s: &'b Section) -> Vec<&'b Block> {
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
                        self.nested_to_notes(l, "detection.data_events");
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
}

/// `**Amazon Q Business Index**: AWS::QBusiness::Index` → (label, resource type). Spaces
/// inside the type (`AWS : :QBusiness : :Index`, machine translation) are removed.
pub(super) fn resource_type_label(p: &Inline) -> Option<(String, String)> {
    let (label, rest) = p.strong_lead()?;
    let rtype: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let parts: Vec<&str> = rtype.split("::").collect();
    let ok = parts.len() == 3
        && parts
            .iter()
            .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_alphanumeric()));
    ok.then_some((label, rtype))
}
