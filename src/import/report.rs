//! What the import did with each part of the Markdown, for the writer to review.
//!
//! Every section, block or value the importer meets ends up in exactly one entry: mapped
//! to a field, kept verbatim in `notes`, fixed (a broken link recovered), guessed (a value
//! the Markdown does not state) or dropped (with the reason). Nothing is dropped silently.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Converted into a field of the format.
    Mapped,
    /// Kept verbatim in `notes`: fits no field.
    Kept,
    /// Repaired while converting (broken link, stray spaces in a resource type…).
    Fixed,
    /// A value the Markdown does not state; review it.
    Guessed,
    /// Not converted, with the reason.
    Dropped,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Mapped => "mapped",
            Kind::Kept => "kept in notes",
            Kind::Fixed => "fixed",
            Kind::Guessed => "guessed",
            Kind::Dropped => "dropped",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line in the Markdown (0 when it concerns the whole file).
    pub line: usize,
    pub kind: Kind,
    pub message: String,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub entries: Vec<Entry>,
}

impl Report {
    pub fn add(&mut self, line: usize, kind: Kind, message: impl Into<String>) {
        self.entries.push(Entry {
            line,
            kind,
            message: message.into(),
        });
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }

    /// The report as text, one entry per line in source order, `file:line: kind: message`.
    pub fn render(&self, file: &str) -> String {
        let mut entries: Vec<&Entry> = self.entries.iter().collect();
        // Stable: entries of one line keep the order they were added in.
        entries.sort_by_key(|e| e.line);
        let mut out = String::new();
        for e in entries {
            out.push_str(&format!(
                "{file}:{}: {}: {}\n",
                e.line,
                e.kind.label(),
                e.message
            ));
        }
        out.push_str(&format!(
            "{} mapped, {} kept in notes, {} fixed, {} guessed, {} dropped\n",
            self.count(Kind::Mapped),
            self.count(Kind::Kept),
            self.count(Kind::Fixed),
            self.count(Kind::Guessed),
            self.count(Kind::Dropped),
        ));
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.render("input"))
    }
}
