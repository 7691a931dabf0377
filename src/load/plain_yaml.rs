//! A reader of the plain block YAML that playbooks are written in, straight from the
//! bytes into the light path's events (issue 11: granit's general scanner and parser
//! were more than a third of `irbook check`).
//!
//! It reads block mappings and sequences, comments, plain scalars (folded over several
//! lines), single- and double-quoted scalars on one line, literal and folded block
//! scalars, and flow sequences of scalars on one line. It borrows from the text every
//! scalar that needs no unescaping or folding. On anything else it gives up (`None`)
//! and the caller reads the text with granit, as before: anchors, aliases, tags,
//! directives, document markers other than a leading `---`, flow mappings, nested or
//! multi-line flow collections, multi-line quoted scalars, complex keys, indentation
//! indicators, tabs, carriage returns, control characters, a byte-order mark, and any
//! line whose place in the structure is not plain. Giving up is always safe; reading
//! differently from granit is a bug, so every rule here errs on the side of giving up.
//! `tests` compare its events with granit's on real playbooks and many tricky snippets.
//!
//! Why not a crate: the YAML crates (granit-parser, saphyr-parser, yaml-rust2,
//! libyaml bindings) are all general parsers that pay for the whole language (token
//! queues, simple-key bookkeeping, spans) on every byte; none reads only a plain subset
//! and gives up on the rest, which is what makes this one cheap.

use super::yaml_events::Ev;
use granit_parser::ScalarStyle;
use std::borrow::Cow;

/// Deeper than this and the reader gives up (the light reader stops at 30 anyway); it
/// also bounds the recursion on hostile input.
const MAX_DEPTH: usize = 32;
/// A longer implicit key is an error for the full parser (1,024 characters).
const MAX_KEY_BYTES: usize = 1000;

/// The events of `text` (one document whose root is a block mapping), or `None` when
/// granit must read it.
pub(super) fn events(text: &str) -> Option<Vec<Ev<'_>>> {
    if !only_plain_characters(text) {
        return None;
    }
    let lines = lines(text)?;
    let mut scan = Scan {
        text,
        bytes: text.as_bytes(),
        out: Vec::with_capacity(lines.len() * 2 + 8),
        lines,
        next: 0,
        depth: 0,
    };
    scan.document()?;
    Some(scan.out)
}

/// No tab, carriage return or other control character, no byte-order mark, no line or
/// paragraph separator: what granit refuses or reads in its own way.
fn only_plain_characters(text: &str) -> bool {
    // Checked a block at a time without stopping at the first bad byte, so that the
    // compiler can check many bytes per instruction: a byte at a time, this loop was
    // most of the reader's own cost.
    let no_control = text.as_bytes().chunks(64).all(|block| {
        block.iter().fold(true, |ok, &b| {
            ok & (((b >= 0x20) & (b != 0x7F)) | (b == b'\n'))
        })
    });
    no_control
        && (text.is_ascii()
            || text.chars().all(|c| {
                let c = c as u32;
                c < 0x80
                    || (c >= 0xA0
                        && c != 0x2028
                        && c != 0x2029
                        && c != 0xFEFF
                        && c != 0xFFFE
                        && c != 0xFFFF)
            }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Only spaces (or nothing).
    Blank,
    /// A comment: `#` after the indentation.
    Comment,
    Content,
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    /// The end of the line's text, before its `\n`.
    end: usize,
    indent: usize,
    kind: Kind,
}

/// The lines of `text`, or `None` when one is a document marker other than a first
/// `---` alone on its line.
fn lines(text: &str) -> Option<Vec<Line>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    let mut seen_content = false;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |e| start + e);
        let line = &bytes[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let kind = match line.get(indent) {
            None => Kind::Blank,
            Some(b'#') => Kind::Comment,
            Some(_) => Kind::Content,
        };
        if kind == Kind::Content {
            let marker = indent == 0
                && (line.starts_with(b"---") || line.starts_with(b"..."))
                && matches!(line.get(3), None | Some(b' '));
            if marker && (seen_content || line != b"---") {
                return None;
            }
            seen_content = true;
        }
        lines.push(Line {
            start,
            end,
            indent,
            kind,
        });
        start = end + 1;
    }
    Some(lines)
}

/// Where a node starts on its line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// First on its line.
    Indent,
    /// After a sequence entry's `- `.
    Dash,
    /// After a mapping key's `: `.
    Colon,
}

/// How a plain scalar's first line stops.
enum Stop {
    /// At the end of the line.
    End,
    /// At a ` #` comment.
    Comment,
    /// At a `: ` or a final `:` (at this index).
    Colon(usize),
}

struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    lines: Vec<Line>,
    /// The first line not read yet.
    next: usize,
    out: Vec<Ev<'a>>,
    depth: usize,
}

impl<'a> Scan<'a> {
    fn document(&mut self) -> Option<()> {
        let mut first = self.next_content()?;
        if &self.bytes[self.lines[first].start..self.lines[first].end] == b"---" {
            self.next = first + 1;
            first = self.next_content()?;
        }
        let line = self.lines[first];
        // The root must be a block mapping.
        self.key(first, line.indent)?;
        self.block_map(first, line.indent)?;
        match self.next_content() {
            None => Some(()),
            Some(_) => None,
        }
    }

    /// The next line with content, not read yet (comments and blank lines skipped).
    fn next_content(&self) -> Option<usize> {
        (self.next..self.lines.len()).find(|&i| self.lines[i].kind == Kind::Content)
    }

    /// Whether the line at `i` is a block sequence entry at its indentation.
    fn is_dash(&self, i: usize) -> bool {
        let l = self.lines[i];
        self.bytes[l.start + l.indent] == b'-'
            && matches!(
                self.bytes.get(l.start + l.indent + 1),
                None | Some(b' ' | b'\n')
            )
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A node that starts on a line of its own, below its key (`key:`) or dash (`-`),
    /// inside a collection indented by `parent`. `compact`: a sequence may sit at the
    /// parent's own indentation (a mapping's value).
    fn block_node(&mut self, parent: usize, compact: bool) -> Option<()> {
        let Some(i) = self.next_content() else {
            self.out.push(empty());
            return Some(());
        };
        let line = self.lines[i];
        if line.indent > parent {
            self.node(i, line.indent, parent, After::Indent)
        } else if compact && line.indent == parent && self.is_dash(i) {
            self.block_seq(i, parent)
        } else {
            self.out.push(empty());
            Some(())
        }
    }

    /// A node that starts at column `col` of line `i`, inside a collection indented by
    /// `parent`.
    fn node(&mut self, i: usize, col: usize, parent: usize, after: After) -> Option<()> {
        let line = self.lines[i];
        let at = line.start + col;
        if self.bytes[at] == b'-' && matches!(self.bytes.get(at + 1), None | Some(b' ' | b'\n')) {
            // `- - x` and `key: - x` are left to granit.
            return if after == After::Indent {
                self.block_seq(i, col)
            } else {
                None
            };
        }
        if after != After::Colon && self.key(i, col).is_some() {
            return self.block_map(i, col);
        }
        self.scalar(i, col, parent)
    }

    /// A block mapping whose first key is at column `col` of line `i`.
    fn block_map(&mut self, mut i: usize, col: usize) -> Option<()> {
        self.enter()?;
        self.out.push(Ev::MapStart);
        let mut first = true;
        loop {
            let at = if first { col } else { self.lines[i].indent };
            first = false;
            let (key, rest) = self.key(i, at)?;
            self.out.push(key);
            self.entry_value(i, rest, col, After::Colon)?;
            match self.next_content() {
                Some(n) if self.lines[n].indent == col => i = n,
                Some(n) if self.lines[n].indent > col => return None,
                _ => break,
            }
        }
        self.leave(Ev::MapEnd)
    }

    /// A block sequence whose first `-` starts line `i` at column `col`.
    fn block_seq(&mut self, mut i: usize, col: usize) -> Option<()> {
        self.enter()?;
        self.out.push(Ev::SeqStart);
        loop {
            let dash = self.lines[i].start + col;
            self.entry_value(i, dash + 1, col, After::Dash)?;
            match self.next_content() {
                Some(n) if self.lines[n].indent == col && self.is_dash(n) => i = n,
                Some(n) if self.lines[n].indent > col => return None,
                _ => break,
            }
        }
        self.leave(Ev::SeqEnd)
    }

    /// The value of an entry of a collection at column `col`, after its key's `:` or its
    /// `-` (at `from` on line `i`): on the same line, or on the lines below.
    fn entry_value(&mut self, i: usize, from: usize, col: usize, after: After) -> Option<()> {
        let line = self.lines[i];
        let value = self.skip_spaces(from, line.end);
        if value == line.end || self.bytes[value] == b'#' {
            self.next = i + 1;
            self.block_node(col, after == After::Colon)
        } else {
            self.node(i, value - line.start, col, after)
        }
    }

    fn leave(&mut self, end: Ev<'a>) -> Option<()> {
        self.out.push(end);
        self.depth -= 1;
        Some(())
    }

    fn skip_spaces(&self, mut at: usize, end: usize) -> usize {
        while at < end && self.bytes[at] == b' ' {
            at += 1;
        }
        at
    }

    /// Whether only spaces and maybe a comment follow `at` on its line.
    fn rest_is_empty(&self, at: usize, end: usize) -> bool {
        let after = self.skip_spaces(at, end);
        after == end || (after > at && self.bytes[after] == b'#')
    }

    /// The mapping key at column `col` of line `i` (a plain or quoted scalar on one line
    /// followed by `:`) and where its value starts, or `None` when there is none.
    fn key(&self, i: usize, col: usize) -> Option<(Ev<'a>, usize)> {
        let line = self.lines[i];
        let at = line.start + col;
        let (key, colon) = match self.bytes[at] {
            quote @ (b'"' | b'\'') => {
                let (value, close) = self.quoted(at, line.end, quote)?;
                (value, close)
            }
            _ => {
                if !self.plain_may_start(at, line.end) {
                    return None;
                }
                match self.plain_stop(at, line.end) {
                    (end, Stop::Colon(colon)) => (
                        Ev::Scalar(Cow::Borrowed(&self.text[at..end]), ScalarStyle::Plain),
                        colon,
                    ),
                    _ => return None,
                }
            }
        };
        let ok = colon - at <= MAX_KEY_BYTES
            && self.bytes.get(colon) == Some(&b':')
            && matches!(self.bytes.get(colon + 1), None | Some(b' ' | b'\n'));
        ok.then_some((key, colon + 1))
    }

    /// Whether a plain scalar may start at `at` (in block context): not an indicator,
    /// except `-` before a character that is no space.
    fn plain_may_start(&self, at: usize, end: usize) -> bool {
        match self.bytes[at] {
            b'-' => at + 1 < end && self.bytes[at + 1] != b' ',
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' => false,
            _ => true,
        }
    }

    /// Where a plain scalar that starts at `at` ends on its line (trailing spaces left
    /// out), and what stops it.
    fn plain_stop(&self, at: usize, end: usize) -> (usize, Stop) {
        let mut from = at;
        let (cut, stop) = loop {
            match memchr::memchr2(b':', b'#', &self.bytes[from..end]) {
                None => break (end, Stop::End),
                Some(k) => {
                    let k = from + k;
                    if self.bytes[k] == b':' {
                        if k + 1 == end || self.bytes[k + 1] == b' ' {
                            break (k, Stop::Colon(k));
                        }
                    } else if k > at && self.bytes[k - 1] == b' ' {
                        break (k, Stop::Comment);
                    }
                    from = k + 1;
                }
            }
        };
        let mut trimmed = cut;
        while trimmed > at && self.bytes[trimmed - 1] == b' ' {
            trimmed -= 1;
        }
        (trimmed, stop)
    }

    /// A scalar (or a flow sequence) value at column `col` of line `i`, inside a
    /// collection indented by `parent`.
    fn scalar(&mut self, i: usize, col: usize, parent: usize) -> Option<()> {
        let line = self.lines[i];
        let at = line.start + col;
        self.next = i + 1;
        match self.bytes[at] {
            quote @ (b'"' | b'\'') => {
                let (value, close) = self.quoted(at, line.end, quote)?;
                if !self.rest_is_empty(close, line.end) {
                    return None;
                }
                self.out.push(value);
                Some(())
            }
            b'[' => self.flow_seq(at, line.end),
            b'|' => self.block_scalar(i, at, parent, ScalarStyle::Literal),
            b'>' => self.block_scalar(i, at, parent, ScalarStyle::Folded),
            _ => {
                if !self.plain_may_start(at, line.end) {
                    return None;
                }
                let (end, stop) = self.plain_stop(at, line.end);
                match stop {
                    Stop::Colon(_) => None,
                    Stop::Comment => {
                        self.out.push(Ev::Scalar(
                            Cow::Borrowed(&self.text[at..end]),
                            ScalarStyle::Plain,
                        ));
                        Some(())
                    }
                    Stop::End => self.plain_lines(&self.text[at..end], parent),
                }
            }
        }
    }

    /// A plain scalar whose first line is `first`, folded with the lines below it that
    /// are indented more than `parent`.
    fn plain_lines(&mut self, first: &'a str, parent: usize) -> Option<()> {
        let mut value: Option<String> = None;
        let mut blanks = 0;
        let mut i = self.next;
        while i < self.lines.len() {
            let line = self.lines[i];
            match line.kind {
                Kind::Blank => blanks += 1,
                Kind::Comment => break,
                Kind::Content if line.indent <= parent => break,
                Kind::Content => {
                    let at = line.start + line.indent;
                    if !self.plain_may_start(at, line.end) || matches!(self.bytes[at], b'-' | b'#')
                    {
                        return None;
                    }
                    let (end, stop) = self.plain_stop(at, line.end);
                    if !matches!(stop, Stop::End) {
                        return None;
                    }
                    let value = value.get_or_insert_with(|| first.to_owned());
                    if blanks == 0 {
                        value.push(' ');
                    }
                    for _ in 0..blanks {
                        value.push('\n');
                    }
                    value.push_str(&self.text[at..end]);
                    blanks = 0;
                    self.next = i + 1;
                }
            }
            i += 1;
        }
        let value = value.map_or(Cow::Borrowed(first), Cow::Owned);
        self.out.push(Ev::Scalar(value, ScalarStyle::Plain));
        Some(())
    }

    /// A quoted scalar on one line, opened at `at`, and the index just after its closing
    /// quote.
    fn quoted(&self, at: usize, end: usize, quote: u8) -> Option<(Ev<'a>, usize)> {
        let body = at + 1;
        let (style, special) = if quote == b'"' {
            (ScalarStyle::DoubleQuoted, b'\\')
        } else {
            (ScalarStyle::SingleQuoted, b'\'')
        };
        let k = body + memchr::memchr2(quote, special, &self.bytes[body..end])?;
        if self.bytes[k] == quote && (quote == b'"' || self.bytes.get(k + 1) != Some(&b'\'')) {
            let value = Cow::Borrowed(&self.text[body..k]);
            return Some((Ev::Scalar(value, style), k + 1));
        }
        let mut value = String::with_capacity(end - body);
        let mut from = body;
        let mut k = k;
        loop {
            value.push_str(&self.text[from..k]);
            if quote == b'\'' {
                if self.bytes.get(k + 1) == Some(&b'\'') {
                    value.push('\'');
                    from = k + 2;
                } else {
                    return Some((Ev::Scalar(Cow::Owned(value), style), k + 1));
                }
            } else if self.bytes[k] == b'"' {
                return Some((Ev::Scalar(Cow::Owned(value), style), k + 1));
            } else {
                let (c, len) = unescape(&self.bytes[k + 1..end])?;
                value.push(c);
                from = k + 1 + len;
            }
            k = from + memchr::memchr2(quote, special, &self.bytes[from..end])?;
        }
    }

    /// A flow sequence of scalars, all on the line, opened at `at`.
    fn flow_seq(&mut self, at: usize, end: usize) -> Option<()> {
        self.enter()?;
        self.out.push(Ev::SeqStart);
        let mut k = at + 1;
        loop {
            k = self.skip_spaces(k, end);
            match *self.bytes.get(k).filter(|_| k < end)? {
                b']' => break,
                b',' => return None,
                quote @ (b'"' | b'\'') => {
                    let (value, close) = self.quoted(k, end, quote)?;
                    self.out.push(value);
                    k = close;
                }
                b'-' if !matches!(
                    self.bytes.get(k + 1),
                    Some(b' ' | b',' | b']' | b'\n') | None
                ) =>
                {
                    k = self.flow_plain(k, end)?;
                }
                b'-' | b'?' | b':' | b'[' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
                | b'>' | b'%' | b'@' | b'`' => return None,
                _ => k = self.flow_plain(k, end)?,
            }
            k = self.skip_spaces(k, end);
            match *self.bytes.get(k).filter(|_| k < end)? {
                b',' => k += 1,
                b']' => break,
                _ => return None,
            }
        }
        if !self.rest_is_empty(k + 1, end) {
            return None;
        }
        self.leave(Ev::SeqEnd)
    }

    /// A plain scalar inside a flow sequence, from `at` to the next `,` or `]`; `None`
    /// on any character that could mean something else there.
    fn flow_plain(&mut self, at: usize, end: usize) -> Option<usize> {
        let mut k = at;
        while k < end {
            match self.bytes[k] {
                b',' | b']' => break,
                b':' | b'#' | b'[' | b'{' | b'}' => return None,
                _ => k += 1,
            }
        }
        let mut trimmed = k;
        while self.bytes[trimmed - 1] == b' ' {
            trimmed -= 1;
        }
        self.out.push(Ev::Scalar(
            Cow::Borrowed(&self.text[at..trimmed]),
            ScalarStyle::Plain,
        ));
        Some(k)
    }

    /// A literal or folded block scalar whose header (`|`, `>-`, …) is at `at` on line
    /// `i`, inside a collection indented by `parent`.
    fn block_scalar(
        &mut self,
        i: usize,
        at: usize,
        parent: usize,
        style: ScalarStyle,
    ) -> Option<()> {
        let line = self.lines[i];
        let mut k = at + 1;
        let chomp = match self.bytes.get(k).filter(|_| k < line.end) {
            Some(&c @ (b'-' | b'+')) => {
                k += 1;
                c
            }
            _ => b' ',
        };
        if !self.rest_is_empty(k, line.end) {
            return None;
        }
        // The first line sets the indentation; leading blank lines are left to granit.
        let first = i + 1;
        let head = *self.lines.get(first)?;
        if head.kind == Kind::Blank || head.indent <= parent {
            return None;
        }
        let indent = head.indent;
        let mut value = String::new();
        let mut last = first;
        let mut blanks = 0;
        let mut j = first;
        while j < self.lines.len() {
            let l = self.lines[j];
            if l.kind == Kind::Blank {
                if l.end - l.start > indent {
                    return None;
                }
                blanks += 1;
            } else if l.indent < indent {
                break;
            } else {
                let text = &self.text[l.start + indent..l.end];
                if j > first {
                    let folds = style == ScalarStyle::Folded;
                    if folds && text.starts_with(' ') {
                        return None;
                    }
                    if folds && blanks == 0 {
                        value.push(' ');
                    } else {
                        let breaks = if folds { blanks } else { blanks + 1 };
                        for _ in 0..breaks {
                            value.push('\n');
                        }
                    }
                } else if style == ScalarStyle::Folded && text.starts_with(' ') {
                    return None;
                }
                value.push_str(text);
                blanks = 0;
                last = j;
            }
            j += 1;
        }
        // A last line without its line break is left to granit.
        if self.lines[last].end == self.bytes.len() {
            return None;
        }
        match chomp {
            b'-' => {}
            b'+' => {
                for _ in 0..=blanks {
                    value.push('\n');
                }
            }
            _ => value.push('\n'),
        }
        self.next = last + 1;
        self.out.push(Ev::Scalar(Cow::Owned(value), style));
        Some(())
    }
}

/// A value left empty (`key:`), as granit writes it: a plain `~`.
fn empty<'a>() -> Ev<'a> {
    Ev::Scalar(Cow::Borrowed("~"), ScalarStyle::Plain)
}

/// The character of a double-quoted escape (the bytes after its `\`) and how many bytes
/// it takes, or `None` for an escape left to granit.
fn unescape(rest: &[u8]) -> Option<(char, usize)> {
    let simple = match *rest.first()? {
        b'\\' => '\\',
        b'"' => '"',
        b'/' => '/',
        b'n' => '\n',
        b't' => '\t',
        b'r' => '\r',
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b'e' => '\u{1b}',
        b'f' => '\u{c}',
        b'v' => '\u{b}',
        b' ' => ' ',
        b'_' => '\u{a0}',
        b'x' => return hex_char(rest, 2),
        b'u' => return hex_char(rest, 4),
        b'U' => return hex_char(rest, 8),
        _ => return None,
    };
    Some((simple, 1))
}

/// The character of `\x`, `\u` or `\U` followed by `digits` hexadecimal digits.
fn hex_char(rest: &[u8], digits: usize) -> Option<(char, usize)> {
    let hex = rest.get(1..=digits)?;
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let code = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
    Some((char::from_u32(code)?, digits + 1))
}

#[cfg(test)]
mod tests;
