//! The light way to read a playbook: straight from the YAML parser's events into the
//! model, without source positions and without serde-saphyr's general machinery (event
//! replay, budgets, spans on every value). It costs about half of the full parse.
//!
//! It is only ever a shortcut. It reads the plain YAML that playbooks are written in and
//! gives up (`None`) on anything it is not sure to read exactly as the full parser does:
//! anchors and aliases, tags, directives, merge keys, duplicate keys, several documents,
//! deep nesting, null where a value is required, a plain scalar that could be a number
//! or a boolean, any error at all. The caller then parses the file again the full way,
//! which reports the problem. When it does give a playbook, that playbook equals what
//! the full parser makes, except that every position is unknown: the caller keeps it
//! only when checking it finds nothing to report (diagnostics need the positions).
//! `tests::the_light_path_agrees_with_the_full_parse` checks that equality.
//!
//! The events come from `plain_yaml`, a reader of the plain block YAML that playbooks
//! are written in (about a third of granit's cost), and from granit's parser when that
//! reader gives up. Giving up there costs little: it stops at the first line it is not
//! sure of, and the files it gives up on are mostly the ones that go the full way anyway.

use super::plain_yaml;
use super::yaml_events::{granit_document_end, granit_document_start, granit_event, Ev, Unsure};
use crate::model::spanned::without_spans;
use crate::model::Playbook;
use granit_parser::{Parser, ScalarStyle, StrInput};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;

/// Deeper than this the light path gives up (the full parser allows 40 levels).
const MAX_DEPTH: usize = 30;
/// More nodes than this and the light path gives up (the full parser allows 200,000).
const MAX_NODES: usize = 100_000;

/// `text` read as a playbook without positions, or `None` when the full parser must
/// read it (see the module's documentation).
///
/// The events come from `plain_yaml` when it reads the text, from granit otherwise.
pub fn parse(text: &str) -> Option<Playbook> {
    let source = match plain_yaml::events(text) {
        Some(events) => Source::Plain(events.into_iter()),
        None => Source::Granit(Box::new(Parser::new_from_str(text))),
    };
    without_spans(|| {
        let mut reader = Reader {
            source,
            peeked: None,
            depth: 0,
            nodes: 0,
        };
        reader.document_start().ok()?;
        let playbook = Playbook::deserialize(&mut reader).ok()?;
        reader.document_end().ok()?;
        Some(playbook)
    })
}

type Result<T> = std::result::Result<T, Unsure>;

/// Where the events come from: `plain_yaml`'s reading of the whole document (without
/// its start and end), or granit's parser.
enum Source<'a> {
    Plain(std::vec::IntoIter<Ev<'a>>),
    Granit(Box<Parser<'a, StrInput<'a>>>),
}

struct Reader<'a> {
    source: Source<'a>,
    peeked: Option<Ev<'a>>,
    depth: usize,
    nodes: usize,
}

impl<'a> Reader<'a> {
    fn document_start(&mut self) -> Result<()> {
        match &mut self.source {
            Source::Plain(_) => Ok(()),
            Source::Granit(parser) => granit_document_start(parser),
        }
    }

    /// The document must end here, and be the only one.
    fn document_end(&mut self) -> Result<()> {
        if self.peeked.is_some() {
            return Err(Unsure);
        }
        match &mut self.source {
            Source::Plain(events) => match events.next() {
                None => Ok(()),
                Some(_) => Err(Unsure),
            },
            Source::Granit(parser) => granit_document_end(parser),
        }
    }

    fn next(&mut self) -> Result<Ev<'a>> {
        if let Some(ev) = self.peeked.take() {
            return Ok(ev);
        }
        let ev = match &mut self.source {
            Source::Plain(events) => events.next().ok_or(Unsure)?,
            Source::Granit(parser) => granit_event(parser)?,
        };
        match ev {
            Ev::SeqStart | Ev::MapStart => {
                self.depth += 1;
                self.nodes += 1;
            }
            Ev::SeqEnd | Ev::MapEnd => self.depth = self.depth.saturating_sub(1),
            Ev::Scalar(..) => self.nodes += 1,
        }
        if self.depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return Err(Unsure);
        }
        Ok(ev)
    }

    fn peek(&mut self) -> Result<&Ev<'a>> {
        if self.peeked.is_none() {
            let ev = self.next()?;
            self.peeked = Some(ev);
        }
        self.peeked.as_ref().ok_or(Unsure)
    }

    /// A scalar that can only be text: not null, and when plain, nothing the full
    /// parser could read as a number or a boolean where any type is accepted.
    fn text_scalar(&mut self, typed_reading: bool) -> Result<Cow<'a, str>> {
        match self.next()? {
            Ev::Scalar(value, ScalarStyle::Plain) => {
                if is_null(&value) || (typed_reading && !surely_text(&value)) {
                    Err(Unsure)
                } else {
                    Ok(value)
                }
            }
            Ev::Scalar(value, _) => Ok(value),
            _ => Err(Unsure),
        }
    }
}

/// The plain scalars the full parser reads as null.
fn is_null(plain: &str) -> bool {
    matches!(plain, "" | "~" | "null" | "Null" | "NULL")
}

/// Whether a plain scalar is surely a string for the full parser when the target takes
/// any type (`Version`, a short form): it cannot start a number (a digit, a sign, a
/// dot), and it is no boolean, infinity or not-a-number spelling in any case.
fn surely_text(plain: &str) -> bool {
    let t = plain.trim_matches([' ', '\t', '\r', '\n']);
    let Some(first) = t.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() || matches!(first, '+' | '-' | '.') {
        return false;
    }
    let special = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
    ];
    // Compared in place: this runs on every plain scalar read as any type (each short
    // form, each item), and a lower-cased copy of each was a visible cost (issue 11).
    !special.iter().any(|s| s.eq_ignore_ascii_case(t)) && t.parse::<f64>().is_err()
}

fn visit_text<'de, V: Visitor<'de>>(value: Cow<'de, str>, visitor: V) -> Result<V::Value> {
    match value {
        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            Ev::Scalar(value, ScalarStyle::Plain) if is_null(value) => {
                self.next()?;
                visitor.visit_unit()
            }
            Ev::Scalar(..) => {
                let value = self.text_scalar(true)?;
                visit_text(value, visitor)
            }
            Ev::SeqStart => self.deserialize_seq(visitor),
            Ev::MapStart => self.deserialize_map(visitor),
            Ev::SeqEnd | Ev::MapEnd => Err(Unsure),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let value = self.text_scalar(false)?;
        visit_text(value, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            Ev::Scalar(value, ScalarStyle::Plain) if is_null(value) => {
                self.next()?;
                visitor.visit_none()
            }
            Ev::SeqEnd | Ev::MapEnd => Err(Unsure),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Ev::SeqStart = self.next()? else {
            return Err(Unsure);
        };
        let mut seq = Seq {
            reader: self,
            ended: false,
        };
        let value = visitor.visit_seq(&mut seq)?;
        // The visitor must have read the whole sequence.
        if seq.ended {
            Ok(value)
        } else {
            Err(Unsure)
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Ev::MapStart = self.next()? else {
            return Err(Unsure);
        };
        let mut map = Map {
            reader: self,
            keys: Vec::new(),
            ended: false,
        };
        let value = visitor.visit_map(&mut map)?;
        if map.ended {
            Ok(value)
        } else {
            Err(Unsure)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// Unit variants only (`status: active`); anything else goes the full way.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let value = self.text_scalar(false)?;
        visitor.visit_enum(value.into_owned().into_deserializer())
    }

    /// Any other type: the model has none, so never reached in practice.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Unsure)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct
    }
}

struct Seq<'r, 'de> {
    reader: &'r mut Reader<'de>,
    ended: bool,
}

impl<'de> de::SeqAccess<'de> for &mut Seq<'_, 'de> {
    type Error = Unsure;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.ended {
            return Ok(None);
        }
        if let Ev::SeqEnd = self.reader.peek()? {
            self.reader.next()?;
            self.ended = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

struct Map<'r, 'de> {
    reader: &'r mut Reader<'de>,
    /// The keys read so far: a key written twice goes the full way.
    keys: Vec<Cow<'de, str>>,
    ended: bool,
}

impl<'de> de::MapAccess<'de> for &mut Map<'_, 'de> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.ended {
            return Ok(None);
        }
        let key = match self.reader.next()? {
            Ev::MapEnd => {
                self.ended = true;
                return Ok(None);
            }
            // A merge key (`<<`) means something else to the full parser.
            Ev::Scalar(key, ScalarStyle::Plain) if is_null(&key) || key == "<<" => {
                return Err(Unsure)
            }
            Ev::Scalar(key, _) => key,
            _ => return Err(Unsure),
        };
        if self.keys.contains(&key) {
            return Err(Unsure);
        }
        self.keys.push(key.clone());
        seed.deserialize(KeyDeserializer(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// A mapping key, already read: text only.
struct KeyDeserializer<'de>(Cow<'de, str>);

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visit_text(self.0, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_option<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Unsure)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Unsure)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SHIPPED: &str = include_str!("../../content/playbooks/amazon-q.yaml");

    /// The playbook's `Debug` form without its positions: what the two paths must agree on.
    fn without_positions(p: &Playbook) -> String {
        let debug = format!("{p:?}");
        let mut out = String::with_capacity(debug.len());
        let mut rest = debug.as_str();
        while let Some(at) = rest.find("Pos { line: ") {
            out.push_str(&rest[..at]);
            let after = &rest[at..];
            let end = after.find(" }").map_or(after.len(), |e| e + 2);
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    /// When the light path reads `text`, the full parse reads it too, into the same
    /// playbook.
    fn agrees(text: &str) -> Option<()> {
        let light = crate::load::parse_light(text)?;
        let full = crate::load::parse_playbook(text, "x.yaml").unwrap_or_else(|d| {
            panic!(
                "the light path read what the full parse refuses ({})\n{text}",
                d.message
            )
        });
        assert_eq!(
            without_positions(&light),
            without_positions(&full),
            "{text}"
        );
        Some(())
    }

    #[test]
    fn the_shipped_playbook_is_read_the_light_way_as_the_full_parse_reads_it() {
        assert!(
            agrees(SHIPPED).is_some(),
            "the shipped playbook takes the light path"
        );
        let light = crate::load::parse_light(SHIPPED).expect("read");
        assert!(!light.id.pos.is_known(), "no positions on the light path");
    }

    fn with(field: &str) -> String {
        SHIPPED.replacen("\nstatus: active\n", &format!("\n{field}\n"), 1)
    }

    /// Everything the light path must leave to the full parse.
    #[test]
    fn the_light_path_gives_up_where_it_is_not_sure() {
        let owners = "  author: Security engineering\n";
        let cases = [
            (
                "an anchor and its alias",
                SHIPPED
                    .replacen(
                        owners,
                        "  author: &a Security engineering\n  owner: *a\n",
                        1,
                    )
                    .replacen("  owner: Cloud security team\n", "", 1),
            ),
            ("a tag", with("status: !!str active")),
            ("a directive", format!("%YAML 1.2\n---\n{SHIPPED}")),
            (
                "a merge key",
                SHIPPED.replacen("owners:\n", "owners:\n  <<: {author: A}\n", 1),
            ),
            ("a duplicate key", with("status: active\nstatus: draft")),
            ("a second document", format!("{SHIPPED}\n---\nid: again\n")),
            (
                "a null where text is required",
                SHIPPED.replacen("title: Responding to Amazon Q security events", "title:", 1),
            ),
            ("a null status", with("status: ~")),
            (
                "a number where any type is read",
                SHIPPED.replacen("version: \"1.0\"", "version: 1.0", 1),
            ),
            (
                "a boolean where any type is read",
                SHIPPED.replacen("version: \"1.0\"", "version: yes", 1),
            ),
            ("an unknown field", with("status: active\ntitel: x")),
            ("a wrong type", with("status: [active]")),
            ("a mapping for an enum", with("status: {active: 1}")),
            ("a syntax error", with("   status: active")),
            (
                "deep nesting",
                with(&format!("notes: {}{}", "[".repeat(35), "]".repeat(35))),
            ),
            ("no document", "# only a comment\n".to_owned()),
            ("a sequence at the top", "- id: x\n".to_owned()),
        ];
        for (what, text) in cases {
            assert_ne!(text, SHIPPED, "{what}: the case changes the playbook");
            assert!(
                crate::load::parse_light(&text).is_none(),
                "{what}: light path taken"
            );
        }
    }

    /// What the light path does read, read as the full parse reads it.
    #[test]
    fn the_light_path_reads_plain_yaml_as_the_full_parse_does() {
        let cases = [
            (
                "a quoted number for text",
                SHIPPED.replacen("version: \"1.0\"", "version: '2'", 1),
            ),
            (
                "flow sequences",
                with("status: active\nrelated: [a, \"b\", 'c']"),
            ),
            (
                "a block scalar",
                SHIPPED.replacen(
                    "title: Responding to Amazon Q security events",
                    "title: |\n  Two\n  lines",
                    1,
                ),
            ),
            (
                "escapes in double quotes",
                SHIPPED.replacen(
                    "title: Responding to Amazon Q security events",
                    "title: \"caf\\u00e9 \\t tab\"",
                    1,
                ),
            ),
            (
                "a plain scalar that looks like a date",
                SHIPPED.replacen("  approved: 2026-11-01", "  approved: 2026-13-45", 1),
            ),
            ("an explicit document start", format!("---\n{SHIPPED}")),
            (
                "a numeric key",
                SHIPPED.replacen("      deleted: Were", "      1: Were", 1),
            ),
            (
                "an empty list",
                SHIPPED.replacen(
                    "that are not logged.\n",
                    "that are not logged.\n    questions:\n",
                    1,
                ),
            ),
        ];
        for (what, text) in cases {
            assert_ne!(text, SHIPPED, "{what}: the case changes the playbook");
            assert!(agrees(&text).is_some(), "{what}: light path not taken");
        }
    }

    /// A few random edits of the shipped playbook: a line's value replaced by a YAML
    /// special (null, a number, a boolean, an anchor, a tag, a flow collection…), a line
    /// removed or written twice, or a few characters replaced.
    fn edited() -> impl Strategy<Value = String> {
        crate::load::edits::edited_with(
            SHIPPED,
            vec![
                "",
                " ",
                "~",
                "null",
                "1",
                "1.5",
                ".5",
                "-3",
                "0x1F",
                "yes",
                "No",
                "true",
                ".inf",
                "&a x",
                "*a",
                "!!str x",
                "!x y",
                "[]",
                "{}",
                "[a, 1]",
                "{a: b}",
                "<<: {a: b}",
                "'q'",
                "\"q\"",
                "|\n  x",
                ">-\n  x",
                "? k",
                "- x",
                ":",
                "#",
                "%",
                "\t",
                "---",
            ],
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_light_path_agrees_with_the_full_parse(text in edited()) {
            let _ = agrees(&text);
        }
    }
}
