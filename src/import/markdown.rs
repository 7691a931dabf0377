//! Markdown → a small section tree. This is the only file that sees `pulldown-cmark`: the
//! rest of the importer works on `Section`, `Block` and `Inline`, which remember the byte
//! range of the source they came from so that unmapped parts can be kept verbatim.
//!
//! The walk is iterative over a flat event list, with recursion only for nested lists and
//! capped at `MAX_DEPTH`: deeper content is kept as an opaque block (its source text is
//! still there for the notes), so hostile nesting cannot overflow the stack.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Lists nested deeper than this are kept as opaque blocks.
const MAX_DEPTH: usize = 12;

/// A piece of inline content, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Text(String),
    Code(String),
    /// A soft or hard line break, or the gap between two paragraphs of a list item.
    Break,
    StrongStart,
    StrongEnd,
    EmStart,
    EmEnd,
    LinkStart(String),
    LinkEnd,
    ImageStart(String),
    ImageEnd,
    Html(String),
}

/// The inline content of a paragraph, list item, heading or table cell.
#[derive(Clone, Debug, Default)]
pub struct Inline {
    pub segs: Vec<Seg>,
    /// Source bytes covered by the inline events (empty when there were none).
    pub range: Range<usize>,
    /// 1-based line of the first byte.
    pub line: usize,
}

#[derive(Clone, Debug)]
pub struct List {
    pub ordered: bool,
    pub items: Vec<ListItem>,
    pub range: Range<usize>,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub struct ListItem {
    pub inline: Inline,
    pub lists: Vec<List>,
    /// Other blocks inside the item (code, quotes, tables, too-deep lists).
    pub extra: Vec<Block>,
    pub range: Range<usize>,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Header row first, then body rows; rows may be ragged.
    pub rows: Vec<Vec<Inline>>,
    pub range: Range<usize>,
    pub line: usize,
}

/// What an opaque block is, for the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpaqueKind {
    Html,
    Code,
    Quote,
    Rule,
    /// Anything else (footnotes, definition lists, lists nested too deep…).
    Other,
}

#[derive(Clone, Debug)]
pub enum Block {
    Para(Inline),
    List(List),
    Table(Table),
    Opaque {
        kind: OpaqueKind,
        range: Range<usize>,
        line: usize,
    },
}

impl Block {
    pub fn range(&self) -> Range<usize> {
        match self {
            Block::Para(i) => i.range.clone(),
            Block::List(l) => l.range.clone(),
            Block::Table(t) => t.range.clone(),
            Block::Opaque { range, .. } => range.clone(),
        }
    }
    pub fn line(&self) -> usize {
        match self {
            Block::Para(i) => i.line,
            Block::List(l) => l.line,
            Block::Table(t) => t.line,
            Block::Opaque { line, .. } => *line,
        }
    }
}

/// A heading with everything up to the next heading of the same or a higher level.
#[derive(Clone, Debug, Default)]
pub struct Section {
    /// 1–6; 0 for the document root.
    pub level: u8,
    pub title: Inline,
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
    /// From the end of the heading line to the end of the section (children included).
    pub body: Range<usize>,
    pub line: usize,
}

/// The parsed document: a root section (level 0) holding what precedes the first heading.
pub struct Doc<'s> {
    pub src: &'s str,
    pub root: Section,
    line_starts: Vec<usize>,
}

impl<'s> Doc<'s> {
    pub fn parse(src: &'s str) -> Doc<'s> {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut opts = Options::empty();
        opts.insert(Options::ENABLE_TABLES);
        opts.insert(Options::ENABLE_STRIKETHROUGH);
        let events: Vec<(Event<'s>, Range<usize>)> =
            Parser::new_ext(src, opts).into_offset_iter().collect();
        let mut doc = Doc {
            src,
            root: Section::default(),
            line_starts,
        };
        let flat = Walker {
            doc: &doc,
            events: &events,
            at: 0,
        }
        .top();
        doc.root = doc.nest(flat);
        doc
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i.max(1),
        }
    }

    /// The source text of a range, clamped to the document and to char boundaries.
    pub fn slice(&self, r: &Range<usize>) -> &'s str {
        let mut start = r.start.min(self.src.len());
        let mut end = r.end.min(self.src.len()).max(start);
        while !self.src.is_char_boundary(start) {
            start -= 1;
        }
        while !self.src.is_char_boundary(end) {
            end += 1;
        }
        &self.src[start..end]
    }

    /// Inline content as one line of Markdown: source lines trimmed, hard-break
    /// backslashes removed, joined with spaces (prose fields are single-line Markdown).
    pub fn inline_md(&self, i: &Inline) -> String {
        one_line(self.slice(&i.range))
    }

    /// Builds the section tree from headings and blocks in document order.
    fn nest(&self, flat: Vec<Flat>) -> Section {
        let mut stack: Vec<Section> = vec![Section {
            body: 0..self.src.len(),
            line: 1,
            ..Section::default()
        }];
        for f in flat {
            match f {
                Flat::Block(b) => {
                    if let Some(top) = stack.last_mut() {
                        top.blocks.push(b);
                    }
                }
                Flat::Heading(level, title, heading_range) => {
                    close_until(&mut stack, level, heading_range.start);
                    stack.push(Section {
                        level,
                        line: self.line_of(heading_range.start),
                        title,
                        body: heading_range.end..self.src.len(),
                        ..Section::default()
                    });
                }
            }
        }
        close_until(&mut stack, 1, self.src.len());
        stack.pop().unwrap_or_default()
    }
}

/// Pops every section of `level` or deeper, ending its body at `end`.
fn close_until(stack: &mut Vec<Section>, level: u8, end: usize) {
    while stack.len() > 1 && stack.last().is_some_and(|s| s.level >= level) {
        if let Some(mut done) = stack.pop() {
            done.body.end = end.max(done.body.start);
            if let Some(parent) = stack.last_mut() {
                parent.children.push(done);
            }
        }
    }
}

/// Source lines trimmed and joined with spaces; a trailing `\` (hard break) is dropped.
pub fn one_line(s: &str) -> String {
    s.lines()
        .map(|l| l.trim().trim_end_matches('\\').trim_end())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

enum Flat {
    Block(Block),
    Heading(u8, Inline, Range<usize>),
}

struct Walker<'a, 's> {
    doc: &'a Doc<'s>,
    events: &'a [(Event<'s>, Range<usize>)],
    at: usize,
}

impl Walker<'_, '_> {
    fn top(&mut self) -> Vec<Flat> {
        let mut out = Vec::new();
        while let Some((ev, range)) = self.events.get(self.at) {
            let range = range.clone();
            match ev {
                Event::Start(Tag::Heading { level, .. }) => {
                    let level = *level as u8;
                    self.at += 1;
                    let title = self.inline_until_end(range.start);
                    out.push(Flat::Heading(level, title, range));
                }
                _ => {
                    if let Some(b) = self.block(0) {
                        out.push(Flat::Block(b));
                    }
                }
            }
        }
        out
    }

    /// Reads one block starting at the current event; `None` for stray events (skipped).
    fn block(&mut self, depth: usize) -> Option<Block> {
        let (ev, range) = self.events.get(self.at)?;
        let range = range.clone();
        let line = self.doc.line_of(range.start);
        let opaque = |kind| Block::Opaque {
            kind,
            range: range.clone(),
            line,
        };
        match ev {
            Event::Start(Tag::Paragraph) => {
                self.at += 1;
                let mut i = self.inline_until_end(range.start);
                i.range = range.clone();
                Some(Block::Para(i))
            }
            Event::Start(Tag::List(start)) if depth < MAX_DEPTH => {
                let ordered = start.is_some();
                self.at += 1;
                Some(Block::List(self.list(ordered, range, depth)))
            }
            Event::Start(Tag::Table(_)) => {
                self.at += 1;
                Some(Block::Table(self.table(range)))
            }
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::HtmlBlock => OpaqueKind::Html,
                    Tag::CodeBlock(_) => OpaqueKind::Code,
                    Tag::BlockQuote(_) => OpaqueKind::Quote,
                    _ => OpaqueKind::Other,
                };
                self.skip_element();
                Some(opaque(kind))
            }
            Event::Rule => {
                self.at += 1;
                Some(opaque(OpaqueKind::Rule))
            }
            Event::Html(_) => {
                self.at += 1;
                Some(opaque(OpaqueKind::Html))
            }
            _ => {
                // A stray inline event at block level (should not happen): keep it visible.
                self.at += 1;
                Some(opaque(OpaqueKind::Other))
            }
        }
    }

    /// Skips a whole element starting at a `Start` event, however deep.
    fn skip_element(&mut self) {
        let mut depth = 0usize;
        while let Some((ev, _)) = self.events.get(self.at) {
            self.at += 1;
            match ev {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ if depth == 0 => return,
                _ => {}
            }
        }
    }

    fn list(&mut self, ordered: bool, range: Range<usize>, depth: usize) -> List {
        let mut items = Vec::new();
        while let Some((ev, r)) = self.events.get(self.at) {
            match ev {
                Event::End(TagEnd::List(_)) => {
                    self.at += 1;
                    break;
                }
                Event::Start(Tag::Item) => {
                    let r = r.clone();
                    self.at += 1;
                    items.push(self.item(r, depth));
                }
                _ => self.at += 1,
            }
        }
        List {
            ordered,
            items,
            line: self.doc.line_of(range.start),
            range,
        }
    }

    fn item(&mut self, range: Range<usize>, depth: usize) -> ListItem {
        let mut inline = Inline {
            range: range.start..range.start,
            ..Inline::default()
        };
        let mut lists = Vec::new();
        let mut extra = Vec::new();
        let mut first = true;
        while let Some((ev, r)) = self.events.get(self.at) {
            match ev {
                Event::End(TagEnd::Item) => {
                    self.at += 1;
                    break;
                }
                Event::Start(Tag::Paragraph) => {
                    let r = r.clone();
                    self.at += 1;
                    let p = self.inline_until_end(r.start);
                    if !inline.segs.is_empty() {
                        inline.segs.push(Seg::Break);
                    }
                    merge_range(&mut inline.range, &r, &mut first);
                    inline.segs.extend(p.segs);
                }
                Event::Start(Tag::List(start)) if depth + 1 < MAX_DEPTH => {
                    let r = r.clone();
                    let ordered = start.is_some();
                    self.at += 1;
                    lists.push(self.list(ordered, r, depth + 1));
                }
                Event::Start(_) if !is_inline_start(ev) => {
                    if let Some(b) = self.block(depth + 1) {
                        extra.push(b);
                    }
                }
                _ => {
                    let r = r.clone();
                    merge_range(&mut inline.range, &r, &mut first);
                    self.inline_event(&mut inline.segs);
                }
            }
        }
        inline.line = self.doc.line_of(inline.range.start);
        ListItem {
            inline,
            lists,
            extra,
            line: self.doc.line_of(range.start),
            range,
        }
    }

    fn table(&mut self, range: Range<usize>) -> Table {
        let mut rows: Vec<Vec<Inline>> = Vec::new();
        while let Some((ev, r)) = self.events.get(self.at) {
            match ev {
                Event::End(TagEnd::Table) => {
                    self.at += 1;
                    break;
                }
                Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                    rows.push(Vec::new());
                    self.at += 1;
                }
                Event::Start(Tag::TableCell) => {
                    let r = r.clone();
                    self.at += 1;
                    let mut cell = self.inline_until_end(r.start);
                    if cell.segs.is_empty() {
                        cell.range = r.start..r.start;
                    }
                    match rows.last_mut() {
                        Some(row) => row.push(cell),
                        None => rows.push(vec![cell]),
                    }
                }
                _ => self.at += 1,
            }
        }
        Table {
            rows,
            line: self.doc.line_of(range.start),
            range,
        }
    }

    /// Inline events up to the `End` closing the current block element.
    fn inline_until_end(&mut self, start: usize) -> Inline {
        let mut out = Inline {
            range: start..start,
            ..Inline::default()
        };
        let mut first = true;
        let mut depth = 0usize;
        while let Some((ev, r)) = self.events.get(self.at) {
            match ev {
                Event::End(_) if depth == 0 => {
                    self.at += 1;
                    break;
                }
                Event::Start(_) if !is_inline_start(ev) => {
                    // A block inside inline content cannot happen in CommonMark; skip it.
                    self.skip_element();
                    continue;
                }
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            let r = r.clone();
            merge_range(&mut out.range, &r, &mut first);
            self.inline_event(&mut out.segs);
        }
        out.line = self.doc.line_of(out.range.start);
        out
    }

    /// Converts the current inline event into a segment and advances.
    fn inline_event(&mut self, segs: &mut Vec<Seg>) {
        let Some((ev, _)) = self.events.get(self.at) else {
            return;
        };
        self.at += 1;
        let seg = match ev {
            Event::Text(t) => Seg::Text(t.to_string()),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                Seg::Code(t.to_string())
            }
            Event::SoftBreak | Event::HardBreak => Seg::Break,
            Event::InlineHtml(h) | Event::Html(h) => Seg::Html(h.to_string()),
            Event::Start(Tag::Strong) => Seg::StrongStart,
            Event::End(TagEnd::Strong) => Seg::StrongEnd,
            Event::Start(Tag::Emphasis) => Seg::EmStart,
            Event::End(TagEnd::Emphasis) => Seg::EmEnd,
            Event::Start(Tag::Link { dest_url, .. }) => Seg::LinkStart(dest_url.to_string()),
            Event::End(TagEnd::Link) => Seg::LinkEnd,
            Event::Start(Tag::Image { dest_url, .. }) => Seg::ImageStart(dest_url.to_string()),
            Event::End(TagEnd::Image) => Seg::ImageEnd,
            Event::FootnoteReference(t) => Seg::Text(format!("[^{t}]")),
            Event::TaskListMarker(done) => Seg::Text(if *done { "[x] " } else { "[ ] " }.into()),
            _ => return,
        };
        segs.push(seg);
    }
}

fn is_inline_start(ev: &Event) -> bool {
    matches!(
        ev,
        Event::Start(
            Tag::Strong
                | Tag::Emphasis
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        )
    )
}

fn merge_range(acc: &mut Range<usize>, r: &Range<usize>, first: &mut bool) {
    if *first {
        *acc = r.clone();
        *first = false;
    } else {
        acc.start = acc.start.min(r.start);
        acc.end = acc.end.max(r.end);
    }
}

impl Inline {
    /// Plain text: markup removed, code spans without backticks, breaks as `\n`.
    pub fn plain(&self) -> String {
        let mut s = String::new();
        let mut in_image = 0usize;
        for seg in &self.segs {
            match seg {
                Seg::ImageStart(_) => in_image += 1,
                Seg::ImageEnd => in_image = in_image.saturating_sub(1),
                _ if in_image > 0 => {}
                Seg::Text(t) | Seg::Code(t) => s.push_str(t),
                Seg::Break => s.push('\n'),
                _ => {}
            }
        }
        s
    }

    /// Plain text on one line, whitespace collapsed.
    pub fn plain_line(&self) -> String {
        self.plain()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `(title, url)` of every link.
    pub fn links(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut current: Option<(String, String)> = None;
        for seg in &self.segs {
            match seg {
                Seg::LinkStart(url) => current = Some((String::new(), url.clone())),
                Seg::LinkEnd => out.extend(current.take()),
                Seg::Text(t) | Seg::Code(t) => {
                    if let Some((title, _)) = &mut current {
                        title.push_str(t);
                    }
                }
                _ => {}
            }
        }
        out.into_iter()
            .map(|(t, u)| (t.split_whitespace().collect::<Vec<_>>().join(" "), u))
            .collect()
    }

    /// Addresses of every image.
    pub fn images(&self) -> Vec<String> {
        self.segs
            .iter()
            .filter_map(|s| match s {
                Seg::ImageStart(u) => Some(u.clone()),
                _ => None,
            })
            .collect()
    }

    /// When the content opens with bold (or bold-italic) text: that text, and the plain
    /// text after it with a leading `:` removed (`**Category**: Log analysis`).
    pub fn strong_lead(&self) -> Option<(String, String)> {
        let mut it = self
            .segs
            .iter()
            .skip_while(|s| matches!(s, Seg::Text(t) if t.trim().is_empty()))
            .peekable();
        while matches!(it.peek(), Some(Seg::EmStart)) {
            it.next();
        }
        if !matches!(it.next(), Some(Seg::StrongStart)) {
            return None;
        }
        let mut key = String::new();
        let mut depth = 1usize;
        for seg in it.by_ref() {
            match seg {
                Seg::StrongStart => depth += 1,
                Seg::StrongEnd => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Seg::Text(t) | Seg::Code(t) => key.push_str(t),
                _ => {}
            }
        }
        let rest = Inline {
            segs: it
                .filter(|s| !matches!(s, Seg::EmEnd | Seg::StrongEnd))
                .cloned()
                .collect(),
            ..Inline::default()
        }
        .plain_line();
        let rest = rest
            .trim_start_matches([':', ' ', '\u{a0}'])
            .trim()
            .to_owned();
        let key = key.trim().trim_end_matches(':').trim().to_owned();
        Some((key, rest))
    }

    /// True when every non-blank piece of text is inside bold or italic markup: a group
    /// row such as `***General Permissions***`.
    pub fn all_emphasized(&self) -> bool {
        let mut depth = 0usize;
        let mut any = false;
        for seg in &self.segs {
            match seg {
                Seg::StrongStart | Seg::EmStart => depth += 1,
                Seg::StrongEnd | Seg::EmEnd => depth = depth.saturating_sub(1),
                Seg::Text(t) | Seg::Code(t) if !t.trim().is_empty() => {
                    if depth == 0 {
                        return false;
                    }
                    any = true;
                }
                _ => {}
            }
        }
        any
    }

    /// The code text when the content is one code span and nothing else but blanks.
    pub fn only_code(&self) -> Option<String> {
        let mut code = None;
        for seg in &self.segs {
            match seg {
                Seg::Code(c) if code.is_none() => code = Some(c.clone()),
                Seg::Text(t) if t.trim().is_empty() => {}
                Seg::Break => {}
                _ => return None,
            }
        }
        code
    }

    /// The content split at line breaks.
    pub fn lines(&self) -> Vec<Inline> {
        let mut out = vec![Inline {
            line: self.line,
            ..Inline::default()
        }];
        for seg in &self.segs {
            if *seg == Seg::Break {
                out.push(Inline::default());
            } else if let Some(last) = out.last_mut() {
                last.segs.push(seg.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_nest_and_keep_lines() {
        let src = "# T\n\npre\n\n## A\n\n* x\n\n### B\n\n| a | b |\n|---|---|\n| c | d\n\n## C\n";
        let doc = Doc::parse(src);
        let h1 = &doc.root.children[0];
        assert_eq!(h1.title.plain(), "T");
        assert_eq!(h1.blocks.len(), 1);
        assert_eq!(h1.children.len(), 2);
        let a = &h1.children[0];
        assert_eq!(a.line, 5);
        assert_eq!(a.children[0].title.plain(), "B");
        let Block::Table(t) = &a.children[0].blocks[0] else {
            panic!("table expected")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].plain(), "d");
        assert_eq!(doc.slice(&h1.children[1].body).trim(), "");
    }

    #[test]
    fn strong_lead_and_emphasis() {
        let doc = Doc::parse("* **Category**: Log Analysis\n* ***Group*** \n");
        let Block::List(l) = &doc.root.blocks[0] else {
            panic!()
        };
        assert_eq!(
            l.items[0].inline.strong_lead(),
            Some(("Category".into(), "Log Analysis".into()))
        );
        assert!(l.items[1].inline.all_emphasized());
        assert!(!l.items[0].inline.all_emphasized());
    }

    #[test]
    fn deep_nesting_does_not_recurse_forever() {
        let mut src = String::new();
        for i in 0..400 {
            src.push_str(&" ".repeat(i * 2));
            src.push_str("* x\n");
        }
        let _ = Doc::parse(&src);
        let _ = Doc::parse(&">".repeat(10_000));
    }
}
