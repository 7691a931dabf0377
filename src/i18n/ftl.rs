//! Reading and writing irbook's Fluent files.
//!
//! Each message irbook writes carries a comment for the translator and for irbook:
//!
//! ```ftl
//! # en: Responding to Amazon Q security events
//! # hash: 3f2a91c0 9d4e01aa
//! amazon-q-title = Réagir aux événements de sécurité impliquant Amazon Q
//! ```
//!
//! `en:` lines show the English source; `hash:` records the fingerprint of the English
//! the translation was made from and of the translation itself. When the English changes,
//! the first no longer matches: the translation is outdated until the translator edits
//! it (the second no longer matches either) and `irbook i18n update` records both again.
//! Any other comment line is the translator's and is kept.

use crate::model::Pos;
use fluent_syntax::ast;
use std::collections::BTreeMap;

/// Heading above messages whose source disappeared.
pub const OBSOLETE_HEADING: &str =
    "## Obsolete: the English source of these messages no longer exists.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtlMessage {
    pub id: String,
    /// 1-based line of `id =`.
    pub line: u32,
    /// English source recorded in `# en:` lines, if any.
    pub en: Option<String>,
    /// `# was:` lines: the English this translation was made from, when it changed since.
    pub was: Option<String>,
    /// Recorded fingerprints: of the English, and of the translation's source text.
    pub en_hash: Option<String>,
    pub value_hash: Option<String>,
    /// Comment lines that are neither `en:`, `was:` nor `hash:` (the translator's notes).
    pub notes: Vec<String>,
    /// The message's text in the file, from `id =` to its last line, byte for byte.
    pub raw: String,
    /// True when the value is the empty placeholder or resolves to nothing.
    pub is_empty: bool,
    /// True when the message sits under the obsolete heading.
    pub obsolete: bool,
}

#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

#[derive(Debug, Default, Clone)]
pub struct FtlDoc {
    pub messages: Vec<FtlMessage>,
    pub errors: Vec<SyntaxError>,
    /// The references its messages make (`{ $x }`, `{ -t }`, `{ other }`), found by the
    /// same parse: `check` reports those that cannot resolve.
    pub references: Vec<super::references::Reference>,
}

impl FtlDoc {
    pub fn by_id(&self) -> BTreeMap<&str, &FtlMessage> {
        self.messages.iter().map(|m| (m.id.as_str(), m)).collect()
    }
}

/// How deep placeables may nest (`{ { { … } } }`). Real messages use one or two levels;
/// the Fluent parser and resolver recurse once per level, and a few thousand levels
/// overflowed the stack (of the preview's watcher thread first), aborting irbook.
pub const MAX_PLACEABLE_DEPTH: usize = 32;

/// Why a text is not handed to a Fluent parser at all, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsable {
    pub pos: Pos,
    pub message: String,
    pub help: &'static str,
}

/// What must hold before any Fluent parser sees the text, checked on every thread:
/// - placeables nest at most `MAX_PLACEABLE_DEPTH` deep (the parser and resolver recurse
///   once per level; a few thousand levels overflowed the stack);
/// - a `\u`/`\U` escape in a string literal is not cut short by a non-ASCII character
///   (fluent-syntax 0.12 then slices inside that character and panics; found by the
///   1M-case fuzz run, `a = { "\u！`).
///
/// Conservative: it counts every `{` that is not in a comment line or a string literal,
/// so it may only over-count.
///
/// A scan of bytes, not characters: every byte it looks for is ASCII, and in UTF-8 no
/// byte of a multi-byte character is ASCII. It runs on every Fluent file of the book, so
/// it skips comment lines and plain text with `memchr`-like searches.
pub fn check_parsable(text: &str) -> Result<(), Unparsable> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        // At the start of a line: a comment outside any placeable is skipped whole.
        if depth == 0 && bytes[i] == b'#' {
            i = next_line(bytes, i);
            continue;
        }
        // Up to the end of the line, outside string literals.
        while i < bytes.len() {
            // Outside placeables only a newline or an opening brace matters (a closing
            // one leaves the depth at 0): the plain text between is skipped at once.
            if depth == 0 {
                match memchr::memchr2(b'\n', b'{', &bytes[i..]) {
                    Some(n) => i += n,
                    None => return Ok(()),
                }
            }
            match bytes[i] {
                b'\n' => {
                    i += 1;
                    break;
                }
                b'{' => {
                    depth += 1;
                    if depth > MAX_PLACEABLE_DEPTH {
                        return Err(Unparsable {
                            pos: crate::config::offset_to_pos(text, i),
                            message: format!(
                                "placeables nest deeper than {MAX_PLACEABLE_DEPTH} levels: the file is not read"
                            ),
                            help: "a message needs one or two levels of `{ }`; remove the extra braces",
                        });
                    }
                    i += 1;
                }
                b'}' => {
                    depth = depth.saturating_sub(1);
                    i += 1;
                }
                b'"' if depth > 0 => i = string_end(text, i + 1)?,
                _ => i += 1,
            }
        }
    }
    Ok(())
}

/// The offset just after the newline that ends the line holding `i` (or the end).
fn next_line(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n + 1)
}

/// The offset of the `"` or newline that ends the string literal starting at `i` (the
/// newline is left for the caller: it ends the line too), or the end of the text; an
/// error when a `\u`/`\U` escape in it is cut by a non-ASCII character.
fn string_end(text: &str, mut i: usize) -> Result<usize, Unparsable> {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Ok(i + 1),
            b'\n' => return Ok(i),
            b'\\' => {
                let Some(&c) = bytes.get(i + 1) else {
                    return Ok(bytes.len());
                };
                if (c == b'u' || c == b'U')
                    && unicode_escape_cut_by_non_ascii(
                        &bytes[i + 2..],
                        if c == b'u' { 4 } else { 6 },
                    )
                {
                    return Err(Unparsable {
                        pos: crate::config::offset_to_pos(text, i),
                        message: format!(
                            "`\\{}` escape is not followed by {} hex digits",
                            c as char,
                            if c == b'u' { 4 } else { 6 }
                        ),
                        help: "write the character itself, or its code as `\\u00E9` (4 digits) or `\\U01F600` (6)",
                    });
                }
                // The escaped byte is skipped: an escaped `"` or newline does not end
                // the literal.
                i += 2;
            }
            _ => i += 1,
        }
    }
    Ok(i)
}

/// Whether the `digits` characters after `\u` stop at a non-ASCII character before
/// `digits` hex digits were read (the case the parser cannot report without panicking).
/// On bytes: hex digits are one byte each, so the first byte that is not one is the
/// first character that is not one.
fn unicode_escape_cut_by_non_ascii(after: &[u8], digits: usize) -> bool {
    after
        .iter()
        .take(digits)
        .find(|b| !b.is_ascii_hexdigit())
        .is_some_and(|b| !b.is_ascii())
}

/// Parses a Fluent file with the reference parser (fluent-syntax) for syntax errors and
/// with a line scan for irbook's comments and the raw text of each message. A file that
/// nests too deep is not given to the parser: it comes back empty, with one error.
pub fn parse(text: &str) -> FtlDoc {
    if let Err(e) = check_parsable(text) {
        let mut doc = FtlDoc::default();
        doc.errors.push(SyntaxError {
            pos: e.pos,
            message: e.message,
        });
        return doc;
    }
    parse_checked(text)
}

/// `parse` of a text that `check_parsable` accepted already (the book's loader checks
/// first, to refuse the file whole): the scan is not made twice.
pub fn parse_checked(text: &str) -> FtlDoc {
    let mut doc = FtlDoc::default();
    // Built only when there is a position to give (most files have neither errors nor
    // references).
    let lines = std::cell::OnceCell::new();
    let pos = |offset: usize| {
        lines
            .get_or_init(|| crate::diag::lines::LineIndex::new(text))
            .pos(text, offset)
    };
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // The parser may point past the broken entry (at the end of the input);
                // the entry's first line is then the useful place.
                let at = match &e.slice {
                    Some(s) if e.pos.start >= s.end || e.pos.start >= text.len() => s.start,
                    _ => e.pos.start,
                };
                doc.errors.push(SyntaxError {
                    pos: pos(at),
                    message: e.kind.to_string(),
                });
            }
            r
        }
    };
    doc.references = super::references::scan(text, &resource, &pos);
    let mut empty_ids = rustc_hash::FxHashSet::default();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            if m.value.as_ref().is_none_or(pattern_is_empty) {
                empty_ids.insert(m.id.name);
            }
        }
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut comment: Vec<&str> = Vec::new();
    let mut obsolete = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // The heading irbook writes starts so too.
        if line.starts_with("## Obsolete") {
            obsolete = true;
            comment.clear();
            i += 1;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if c.starts_with('#') {
                comment.clear(); // group or resource comment: not the message's
            } else {
                comment.push(c.strip_prefix(' ').unwrap_or(c));
            }
            i += 1;
            continue;
        }
        let Some(id) = message_id(line) else {
            if line.trim().is_empty() {
                comment.clear();
            }
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        // The message goes on while lines are indented (or blank and followed by indented ones).
        let mut end = i;
        while i < lines.len() {
            let l = lines[i];
            // A select expression may close with `}` at the start of a line.
            if l.starts_with(' ') || l.starts_with('}') {
                i += 1;
                end = i;
            } else if l.trim().is_empty() {
                i += 1;
            } else {
                break;
            }
        }
        i = end;
        // Consecutive lines of the text, joined by the newlines between them: the slice
        // of the text from the first to the end of the last.
        let from = lines[start].as_ptr() as usize - text.as_ptr() as usize;
        let to = lines[end - 1].as_ptr() as usize - text.as_ptr() as usize + lines[end - 1].len();
        let raw = text[from..to].to_owned();
        let mut msg = FtlMessage {
            id: id.to_owned(),
            line: start as u32 + 1,
            en: None,
            was: None,
            en_hash: None,
            value_hash: None,
            notes: Vec::new(),
            raw,
            is_empty: empty_ids.contains(id),
            obsolete,
        };
        read_comment(&comment, &mut msg);
        comment.clear();
        doc.messages.push(msg);
    }
    doc
}

fn pattern_is_empty(p: &ast::Pattern<&str>) -> bool {
    p.elements.iter().all(|e| match e {
        ast::PatternElement::TextElement { value } => value.trim().is_empty(),
        ast::PatternElement::Placeable { expression } => matches!(
            expression,
            ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) if value.is_empty()
        ),
    })
}

/// `id` if the line starts a message (`id = …`).
fn message_id(line: &str) -> Option<&str> {
    let (id, _) = line.split_once('=')?;
    let id = id.trim_end();
    // On bytes: no byte of a multi-byte character is ASCII.
    let valid = id.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
    valid.then_some(id)
}

fn read_comment(lines: &[&str], msg: &mut FtlMessage) {
    let mut en: Vec<&str> = Vec::new();
    let mut was: Vec<&str> = Vec::new();
    for l in lines {
        if let Some(t) = l.strip_prefix("en:") {
            en.push(t.strip_prefix(' ').unwrap_or(t));
        } else if let Some(t) = l.strip_prefix("was:") {
            was.push(t.strip_prefix(' ').unwrap_or(t));
        } else if let Some(t) = l.strip_prefix("hash:") {
            let mut parts = t.split_whitespace();
            msg.en_hash = parts.next().map(str::to_owned);
            msg.value_hash = parts.next().map(str::to_owned);
        } else {
            msg.notes.push((*l).to_owned());
        }
    }
    if !en.is_empty() {
        msg.en = Some(en.join("\n"));
    }
    if !was.is_empty() {
        msg.was = Some(was.join("\n"));
    }
}

/// The part of a message's raw text that the translator wrote (after `id =`).
pub fn raw_value(raw: &str) -> &str {
    raw.split_once('=').map(|(_, v)| v).unwrap_or("")
}

/// Writes a comment block: each line of `text` prefixed with `# tag: `.
pub fn comment_lines(tag: &str, text: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.is_empty() {
                format!("# {tag}:\n")
            } else {
                format!("# {tag}: {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The character-by-character scan `check_parsable` replaced, kept as its reference.
    fn check_parsable_by_chars(text: &str) -> Result<(), Unparsable> {
        let mut depth = 0usize;
        let (mut in_string, mut escaped, mut line_start, mut in_comment) =
            (false, false, true, false);
        for (i, c) in text.char_indices() {
            if line_start {
                in_comment = depth == 0 && c == '#';
            }
            line_start = c == '\n';
            if in_comment {
                continue;
            }
            if in_string {
                match c {
                    'u' | 'U' if escaped => {
                        escaped = false;
                        let digits = if c == 'u' { 4 } else { 6 };
                        let cut = text[i + 1..]
                            .chars()
                            .take(digits)
                            .find(|c| !c.is_ascii_hexdigit())
                            .is_some_and(|c| !c.is_ascii());
                        if cut {
                            return Err(Unparsable {
                                pos: crate::config::offset_to_pos(text, i - 1),
                                message: format!(
                                    "`\\{c}` escape is not followed by {digits} hex digits"
                                ),
                                help: "write the character itself, or its code as `\\u00E9` (4 digits) or `\\U01F600` (6)",
                            });
                        }
                    }
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' | '\n' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => {
                    depth += 1;
                    if depth > MAX_PLACEABLE_DEPTH {
                        return Err(Unparsable {
                            pos: crate::config::offset_to_pos(text, i),
                            message: format!(
                                "placeables nest deeper than {MAX_PLACEABLE_DEPTH} levels: the file is not read"
                            ),
                            help: "a message needs one or two levels of `{ }`; remove the extra braces",
                        });
                    }
                }
                '}' => depth = depth.saturating_sub(1),
                '"' if depth > 0 => in_string = true,
                _ => {}
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_byte_scan_agrees_with_the_character_scan(
            text in "([{}{}{}\"\\\\\n#uU0aé！ ]|\\{{20,40}){0,80}"
        ) {
            prop_assert_eq!(check_parsable(&text), check_parsable_by_chars(&text));
        }
    }

    #[test]
    fn a_unicode_escape_cut_by_non_ascii_is_refused_before_parsing() {
        // The fuzz run's minimal case: the parser itself panics on it.
        let doc = parse("a = { \"\\u！");
        assert_eq!(doc.errors.len(), 1);
        assert_eq!((doc.errors[0].pos.line, doc.errors[0].pos.col), (1, 8));
        // Complete, short-but-ASCII, and outside-a-string escapes go to the parser as before.
        assert!(check_parsable("a = { \"\\u00E9\\U01F600\" }").is_ok());
        assert!(check_parsable("a = { \"\\u00zz\" }").is_ok());
        assert!(check_parsable("a = C:\\u！ plain text").is_ok());
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("a = {}x{}\n", "{".repeat(5000), "}".repeat(5000));
        let doc = parse(&deep);
        assert_eq!(doc.errors.len(), 1);
        assert_eq!((doc.errors[0].pos.line, doc.errors[0].pos.col), (1, 37));
        // On a small stack, as the preview's watcher thread has.
        let text = deep.clone();
        std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || parse(&text).errors.len())
            .unwrap()
            .join()
            .unwrap();
        let ok = "a = { \"{{{{{{{{\" } and { b }\n# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\nb = x\n";
        assert!(check_parsable(ok).is_ok());
        assert!(check_parsable(&"{".repeat(MAX_PLACEABLE_DEPTH)).is_ok());
        assert!(check_parsable(&"{".repeat(MAX_PLACEABLE_DEPTH + 1)).is_err());
    }

    #[test]
    fn select_expressions_closed_at_column_zero_belong_to_their_message() {
        let doc = parse("n = { $c ->\n    [one] one\n   *[other] many\n}\nnext = x\n");
        assert!(doc.errors.is_empty());
        assert_eq!(
            doc.messages[0].raw,
            "n = { $c ->\n    [one] one\n   *[other] many\n}"
        );
        assert_eq!(doc.messages[1].id, "next");
    }

    const SAMPLE: &str = "### header\n\n# en: Hello\n# hash: aaaa bbbb\n# reviewer: keep it short\ngreeting = Bonjour\n\n# en: Line one\n# en: line two\nmulti =\n    Ligne un\n    ligne deux\n\nempty = {\"\"}\n\n## Obsolete: gone\n\n# en: Old\nold-one = Vieux\n";

    #[test]
    fn reads_comments_values_and_positions() {
        let doc = parse(SAMPLE);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let m = doc.by_id();
        let g = m["greeting"];
        assert_eq!(g.line, 6);
        assert_eq!(g.en.as_deref(), Some("Hello"));
        assert_eq!(g.en_hash.as_deref(), Some("aaaa"));
        assert_eq!(g.value_hash.as_deref(), Some("bbbb"));
        assert_eq!(g.notes, vec!["reviewer: keep it short"]);
        assert_eq!(g.raw, "greeting = Bonjour");
        assert_eq!(m["multi"].en.as_deref(), Some("Line one\nline two"));
        assert_eq!(m["multi"].raw, "multi =\n    Ligne un\n    ligne deux");
        assert!(m["empty"].is_empty);
        assert!(!m["greeting"].is_empty);
        assert!(m["old-one"].obsolete);
        assert!(!m["multi"].obsolete);
    }

    #[test]
    fn the_obsolete_heading_is_found_by_its_start() {
        // `parse_checked` looks for this start only.
        assert!(OBSOLETE_HEADING.starts_with("## Obsolete"));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let doc = parse("ok = fine\nbroken = {\n");
        assert!(!doc.errors.is_empty());
        assert_eq!(doc.errors[0].pos.line, 2);
    }
}
