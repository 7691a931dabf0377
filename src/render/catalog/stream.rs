//! `catalog.json` written from the playbooks' pieces, never whole in memory.
//!
//! Each playbook's piece (`collect::piece`) is made compact with its pages: its events'
//! group and playbook references, the bulk of the catalog (every event lists every
//! playbook that has it), become the JSON text `catalog.json` holds for them. Merging
//! keeps one entry per event without its references, and where its references are; the
//! file is then written entry by entry, the references copied from the pieces. The bytes
//! are those of `serde_json::to_string_pretty` of the whole catalog (a test says so).

use super::collect::{add_occurrences, finish_events, Piece};
use super::model::*;
use crate::view::RenderContext;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// A playbook's catalog piece, compact.
#[derive(Debug, Clone)]
pub struct Compact {
    entry: PlaybookEntry,
    /// Its events' entries without their references, sorted as the catalog sorts them.
    heads: Vec<EventEntry>,
    /// For each of `heads`: its group references, then its playbook references, as
    /// `catalog.json` writes them (indented for their place, separated by `,\n`).
    refs: Refs,
}

/// A piece's references: the bulk of the catalog.
#[derive(Debug, Clone)]
enum Refs {
    Text(Vec<(String, String)>),
    /// Kept elsewhere (a build's spool, `Compact::spool`): where each event's are in
    /// the piece's record, `(start, length of the group references, length of the
    /// playbook references)`, the latter right after the former.
    Spooled(Vec<(u64, u32, u32)>),
}

/// Reads `len` bytes from `start` in the record of the `p`-th piece (book order).
pub type ReadRefs<'a> = dyn Fn(usize, u64, usize) -> io::Result<Vec<u8>> + 'a;

impl Compact {
    /// Hands the references' text to `keep`, as one record (each event's group, then
    /// playbook references, one after the other), and keeps only where each is in it.
    /// `Merged::write` then reads them back with the `ReadRefs` it is given.
    pub fn spool(&mut self, keep: impl FnOnce(&[u8]) -> io::Result<()>) -> io::Result<()> {
        let Refs::Text(text) = &self.refs else {
            return Ok(());
        };
        let mut record = Vec::with_capacity(text.iter().map(|r| r.0.len() + r.1.len()).sum());
        let mut at = Vec::with_capacity(text.len());
        for (groups, playbooks) in text {
            let len = |s: &String| u32::try_from(s.len()).map_err(io::Error::other);
            at.push((record.len() as u64, len(groups)?, len(playbooks)?));
            record.extend_from_slice(groups.as_bytes());
            record.extend_from_slice(playbooks.as_bytes());
        }
        keep(&record)?;
        self.refs = Refs::Spooled(at);
        Ok(())
    }
}

/// How deep `catalog.json` indents an event's references: top object, `events` array,
/// the event, its `groups` array.
const REF_INDENT: usize = 8;
/// How deep it indents a playbook entry or an event entry.
const ENTRY_INDENT: usize = 4;

impl Piece {
    /// The piece, its references as text.
    pub fn compact(self) -> Result<Compact, String> {
        let mut heads = Vec::with_capacity(self.events.len());
        let mut refs = Vec::with_capacity(self.events.len());
        for mut e in self.events {
            let groups = items(&std::mem::take(&mut e.groups), REF_INDENT)?;
            let playbooks = items(&std::mem::take(&mut e.playbooks), REF_INDENT)?;
            heads.push(e);
            refs.push((groups, playbooks));
        }
        Ok(Compact {
            entry: self.entry,
            heads,
            refs: Refs::Text(refs),
        })
    }
}

/// Where an event's references are: each piece that has the event and the event's
/// position in it, in book order.
type At = Vec<(usize, usize)>;

/// The catalog of a book, merged from its pieces, ready to write.
pub struct Merged {
    /// The catalog's own fields, up to `"playbooks": `.
    prefix: String,
    playbooks: Vec<PlaybookEntry>,
    /// Every event without its references, sorted, with where its references are: the
    /// piece and the event's position in it, in book order.
    events: Vec<(EventEntry, At)>,
    /// Each piece's references (`Compact::refs`).
    refs: Vec<Refs>,
}

/// Merges the pieces of the book in `ctx`, in book order: the same as visiting every
/// playbook's events one after the other (see `collect::add_occurrences`).
pub fn merge(ctx: &RenderContext, pieces: Vec<Compact>) -> Result<Merged, String> {
    let mut events: BTreeMap<(String, String), (EventEntry, At)> = BTreeMap::new();
    let mut playbooks = Vec::with_capacity(pieces.len());
    let mut refs: Vec<Refs> = Vec::with_capacity(pieces.len());
    let mut mine: Vec<Vec<(String, String)>> = Vec::with_capacity(pieces.len());
    for (p, piece) in pieces.into_iter().enumerate() {
        let mut keys = Vec::with_capacity(piece.heads.len());
        for (i, head) in piece.heads.into_iter().enumerate() {
            let key = (head.event_source.clone(), head.event_name.clone());
            match events.get_mut(&key) {
                None => {
                    events.insert(key.clone(), (head, vec![(p, i)]));
                }
                Some((entry, at)) => {
                    add_occurrences(entry, head);
                    at.push((p, i));
                }
            }
            keys.push(key);
        }
        playbooks.push(piece.entry);
        refs.push(piece.refs);
        mine.push(keys);
    }
    let languages: Vec<String> = ctx.views.iter().map(|v| v.lang.clone()).collect();
    let mut entries: Vec<(EventEntry, At)> = events.into_values().collect();
    finish_events(entries.iter_mut().map(|(e, _)| e), &languages);
    let category: BTreeMap<(&str, &str), EventCategory> = entries
        .iter()
        .map(|(e, _)| {
            (
                (e.event_source.as_str(), e.event_name.as_str()),
                e.event_category,
            )
        })
        .collect();
    for (entry, keys) in playbooks.iter_mut().zip(&mine) {
        let data = keys
            .iter()
            .filter(|k| category[&(k.0.as_str(), k.1.as_str())] == EventCategory::Data)
            .count() as u32;
        entry.counts.data_events = data;
        entry.counts.management_events = entry.counts.events - data;
    }
    let head = super::collect::header(ctx, languages)?;
    let text = pretty(&head)?;
    let prefix = text
        .strip_suffix("  \"playbooks\": [],\n  \"events\": []\n}")
        .ok_or("the catalog's fields changed order: `playbooks` and `events` must come last")?;
    Ok(Merged {
        prefix: format!("{prefix}  \"playbooks\": "),
        playbooks,
        events: entries,
        refs,
    })
}

impl Merged {
    /// Writes `catalog.json`: pretty JSON with a final newline. `spooled` reads the
    /// references of pieces that gave them away (`Compact::spool`).
    pub fn write(&self, w: &mut dyn Write, spooled: &ReadRefs) -> io::Result<()> {
        w.write_all(self.prefix.as_bytes())?;
        array(w, self.playbooks.len(), 2, |w, n| {
            let text = items(std::slice::from_ref(&self.playbooks[n]), ENTRY_INDENT)
                .map_err(io::Error::other)?;
            w.write_all(text.as_bytes())
        })?;
        w.write_all(b",\n  \"events\": ")?;
        array(w, self.events.len(), 2, |w, n| {
            let (head, at) = &self.events[n];
            let text = items(std::slice::from_ref(head), ENTRY_INDENT).map_err(io::Error::other)?;
            let text = text
                .strip_suffix(",\n      \"groups\": [],\n      \"playbooks\": []\n    }")
                .ok_or_else(|| {
                    io::Error::other("the event entry's fields changed order: `groups` and `playbooks` must come last")
                })?;
            w.write_all(text.as_bytes())?;
            // This event's references in each piece that has it, read once for both.
            let mut read = Vec::new();
            for &(p, i) in at {
                if let Refs::Spooled(places) = &self.refs[p] {
                    let (start, groups, playbooks) = places[i];
                    let bytes = spooled(p, start, groups as usize + playbooks as usize)?;
                    let text = String::from_utf8(bytes).map_err(io::Error::other)?;
                    read.push((text, groups as usize));
                }
            }
            let mut read = read.iter();
            let both: Vec<(&str, &str)> = at
                .iter()
                .map(|&(p, i)| match &self.refs[p] {
                    Refs::Text(text) => Ok((text[i].0.as_str(), text[i].1.as_str())),
                    Refs::Spooled(_) => read
                        .next()
                        .map(|(text, groups)| text.split_at(*groups))
                        .ok_or_else(|| io::Error::other("spooled references missing")),
                })
                .collect::<io::Result<_>>()?;
            for (field, pick) in [("groups", 0), ("playbooks", 1)] {
                write!(w, ",\n      \"{field}\": ")?;
                let parts: Vec<&str> = both
                    .iter()
                    .map(|r| if pick == 0 { r.0 } else { r.1 })
                    .filter(|t| !t.is_empty())
                    .collect();
                array(w, parts.len(), 6, |w, n| w.write_all(parts[n].as_bytes()))?;
            }
            w.write_all(b"\n    }")
        })?;
        w.write_all(b"\n}\n")
    }
}

/// A JSON array of `len` items written by `item`, as serde_json's pretty printer lays it
/// out when the array is `indent` spaces deep: `[]`, or each item on its own lines.
fn array(
    w: &mut dyn Write,
    len: usize,
    indent: usize,
    mut item: impl FnMut(&mut dyn Write, usize) -> io::Result<()>,
) -> io::Result<()> {
    if len == 0 {
        return w.write_all(b"[]");
    }
    w.write_all(b"[\n")?;
    for n in 0..len {
        if n > 0 {
            w.write_all(b",\n")?;
        }
        item(w, n)?;
    }
    write!(w, "\n{}]", " ".repeat(indent))
}

/// `items` as pretty JSON, each line indented `indent` spaces, separated by `,\n`. JSON
/// text has no newline inside a string (it is escaped), so every line is one of the
/// printer's own.
fn items<T: Serialize>(items: &[T], indent: usize) -> Result<String, String> {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(",\n");
        }
        for (l, line) in pretty(item)?.split('\n').enumerate() {
            if l > 0 {
                out.push('\n');
            }
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Ok(out)
}

fn pretty<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| format!("cannot serialize the catalog: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;
    use crate::view::PlaybookView;

    /// Written piece by piece, the shipped book's catalog (and a copy of a playbook) is
    /// what serde_json writes for the whole catalog at once (read back, written again).
    #[test]
    fn the_streamed_catalog_is_the_pretty_json_of_the_whole_catalog() {
        let crate::render::shipped_book::Shipped {
            book,
            locales,
            mut views,
            uis,
        } = crate::render::shipped_book::shipped();
        // A copy of the first playbook, last in book order: its events are in two
        // playbooks each, their references in two pieces.
        for v in &mut views {
            let mut copy = v.playbooks[0].clone();
            copy.id = "zz-copy".to_owned();
            v.playbooks.push(copy);
        }
        let languages: Vec<String> = views.iter().map(|v| v.lang.clone()).collect();
        let pieces: Vec<Compact> = (0..views[0].playbooks.len())
            .map(|p| {
                let mine: Vec<&PlaybookView> = views.iter().map(|v| &v.playbooks[p]).collect();
                super::super::piece(&languages, &mine, Registry::embedded())
                    .compact()
                    .expect("serializes")
            })
            .collect();
        let ctx = RenderContext {
            book: &book,
            registry: Registry::embedded(),
            views,
            uis,
            source_digest: crate::digest::source_digest(&book.playbooks, &locales).into(),
        };
        // The same pieces, every other one's references spooled (as a build does).
        let records = std::cell::RefCell::new(Vec::new());
        let mut spooled = pieces.clone();
        for (p, piece) in spooled.iter_mut().enumerate().filter(|(p, _)| p % 2 == 1) {
            piece
                .spool(|bytes| {
                    records.borrow_mut().push((p, bytes.to_vec()));
                    Ok(())
                })
                .expect("spools");
            assert!(matches!(piece.refs, Refs::Spooled(_)));
        }
        let read = |p: usize, start: u64, len: usize| {
            let records = records.borrow();
            let record = &records.iter().find(|r| r.0 == p).expect("spooled").1;
            Ok(record[start as usize..start as usize + len].to_vec())
        };
        let write = |pieces: Vec<Compact>| {
            let mut written = Vec::new();
            merge(&ctx, pieces)
                .expect("merges")
                .write(&mut written, &read)
                .expect("writes");
            String::from_utf8(written).expect("utf-8")
        };
        let written = write(pieces);
        let catalog: Catalog = serde_json::from_str(&written).expect("a catalog");
        assert!(
            catalog.events.iter().any(|e| e.playbooks.len() > 1),
            "events in several playbooks"
        );
        let whole = super::super::to_json(&catalog).expect("serializes");
        assert_eq!(written, whole);
        assert_eq!(write(spooled), whole, "with references read from a spool");
    }
}
