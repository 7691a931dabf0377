//! The YAML events the light path reads, and granit's parser as a source of them.

use granit_parser::{Event, Parser, ScalarStyle, StrInput};
use serde::de;
use std::borrow::Cow;

/// Why the light path gave up. Never shown: the full parser then reads the file.
#[derive(Debug)]
pub struct Unsure;

impl std::fmt::Display for Unsure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("not for the light path")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsure
    }
}

type Result<T> = std::result::Result<T, Unsure>;

/// The events the light path reads; everything else (aliases, anchors, tags, comments)
/// makes it give up.
#[derive(Debug, PartialEq)]
pub(super) enum Ev<'a> {
    Scalar(Cow<'a, str>, ScalarStyle),
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
}

fn granit_raw<'a>(parser: &mut Parser<'a, StrInput<'a>>) -> Result<Event<'a>> {
    match parser.next_event() {
        Some(Ok((event, _))) => Ok(event),
        _ => Err(Unsure),
    }
}

pub(super) fn granit_document_start<'a>(parser: &mut Parser<'a, StrInput<'a>>) -> Result<()> {
    match (granit_raw(parser)?, granit_raw(parser)?) {
        (Event::StreamStart, Event::DocumentStart(_, None)) => Ok(()),
        _ => Err(Unsure),
    }
}

pub(super) fn granit_document_end<'a>(parser: &mut Parser<'a, StrInput<'a>>) -> Result<()> {
    match (granit_raw(parser)?, granit_raw(parser)?) {
        (Event::DocumentEnd, Event::StreamEnd) => Ok(()),
        _ => Err(Unsure),
    }
}

/// Granit's next event as the light path reads it; anchors, aliases and tags are
/// `Unsure`.
pub(super) fn granit_event<'a>(parser: &mut Parser<'a, StrInput<'a>>) -> Result<Ev<'a>> {
    Ok(match granit_raw(parser)? {
        Event::Scalar(value, style, 0, None) => Ev::Scalar(value, style),
        Event::SequenceStart(_, 0, None) => Ev::SeqStart,
        Event::SequenceEnd => Ev::SeqEnd,
        Event::MappingStart(_, 0, None) => Ev::MapStart,
        Event::MappingEnd => Ev::MapEnd,
        _ => return Err(Unsure),
    })
}

/// The events of a whole document as granit reads them for the light path, or `None`
/// when it does not (tests compare `plain_yaml` with it).
#[cfg(test)]
pub(super) fn granit_events(text: &str) -> Option<Vec<Ev<'_>>> {
    let mut parser = Parser::new_from_str(text);
    granit_document_start(&mut parser).ok()?;
    let mut events = Vec::new();
    let mut depth = 0usize;
    loop {
        let ev = granit_event(&mut parser).ok()?;
        match ev {
            Ev::SeqStart | Ev::MapStart => depth += 1,
            Ev::SeqEnd | Ev::MapEnd => depth -= 1,
            Ev::Scalar(..) => {}
        }
        events.push(ev);
        if depth == 0 {
            break;
        }
    }
    granit_document_end(&mut parser).ok()?;
    Some(events)
}
