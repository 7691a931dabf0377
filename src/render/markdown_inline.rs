//! Markdown in text fields, rendered to HTML that is safe to put in a page.
//!
//! Every text of a playbook is Markdown written by people (and translators) the reader
//! has no reason to trust with script. So: raw HTML in prose is shown as text, never
//! passed through; links keep only `http:`, `https:`, `mailto:` and relative targets
//! (anything else, `javascript:` and `data:` first, becomes plain text); images become
//! links, because a page loads nothing from elsewhere. This module is the only one that
//! knows `pulldown-cmark`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// One field's Markdown as inline HTML: no paragraph or other block element, so that
/// the caller chooses the element (`<td>`, `<li>`, `<h1>`…).
pub fn inline(markdown: &str) -> String {
    if is_literal(markdown) {
        // The parser would hand the text over whole, and it has nothing to escape.
        return markdown.trim().to_owned();
    }
    render(markdown, Mode::Inline)
}

/// Markdown that may hold paragraphs, lists, tables, code blocks and headings (notes).
/// Headings start at `<h{first_heading}>` so that they nest under the page's own.
pub fn block(markdown: &str, first_heading: u8) -> String {
    render(markdown, Mode::Block { first_heading })
}

/// The words of inline Markdown without any markup, for `<title>` and attributes (the
/// caller escapes it like any other string).
pub fn plain(markdown: &str) -> String {
    plain_cow(markdown).into_owned()
}

/// `plain`, borrowing the text itself when it is literal Markdown whose spaces need no
/// change (most texts): the search index reads every text of every playbook.
pub fn plain_cow(markdown: &str) -> Cow<'_, str> {
    if !is_literal(markdown) {
        return Cow::Owned(plain_parsed(markdown));
    }
    let spaced = markdown
        .split(' ')
        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
    if spaced || markdown.is_empty() {
        return Cow::Borrowed(markdown);
    }
    Cow::Owned(markdown.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn plain_parsed(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(tag) if is_block_end(tag) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether Markdown `text` is one paragraph of literal text: no character that
/// CommonMark reads as markup (emphasis, code, links, entities, raw HTML, escapes), no
/// line break, nothing at its start that could open a block (heading, quote, list,
/// rule, indented code). Most texts of a playbook are; the parser would give back the
/// text itself, so `inline` and `plain` skip it (a third of a build's time went there).
fn is_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return true;
    };
    if first.is_ascii_digit() || matches!(first, b'#' | b'-' | b'+' | b'=') {
        return false;
    }
    // Whitespace first: non-ASCII whitespace (U+00A0…) starts with a byte ≥ 0x80.
    if first.is_ascii_whitespace() || (first >= 0x80 && text.starts_with(char::is_whitespace)) {
        return false;
    }
    // Byte by byte (this runs on every text of every page): the markup characters and
    // ASCII controls are single bytes; C1 controls are 0xC2 0x80–0x9F; a byte order
    // mark is 0xEF 0xBB 0xBF.
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if MARKUP[b as usize] => return false,
            0xC2 if bytes.get(i + 1).is_some_and(|n| *n < 0xA0) => return false,
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBB, 0xBF]) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// The bytes that make a text not literal (`is_literal`): CommonMark's markup
/// characters, the ASCII controls and DEL.
static MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7F] = true;
    let markup = b"\\`*_~[]<>&!|";
    let mut i = 0;
    while i < markup.len() {
        table[markup[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether inline Markdown holds a link (or an image, which becomes one).
pub fn has_link(markdown: &str) -> bool {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).any(|e| {
        matches!(
            e,
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. })
        )
    })
}

/// Escapes text for an HTML element or a double- or single-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = escape_into(&mut out, text);
    out
}

/// `escape`, written into `out` as it goes: no string of its own.
pub fn escape_into<W: std::fmt::Write + ?Sized>(out: &mut W, text: &str) -> std::fmt::Result {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.write_str(&rest[..at])?;
        out.write_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)
}

/// What a link target may become in a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `http:`, `https:` or protocol-relative: another site.
    External,
    /// `mailto:`.
    Mail,
    /// A path or `#fragment` within the book.
    Relative,
}

/// Classifies a link target, or `None` when it must not become a link. Browsers ignore
/// ASCII whitespace and control characters inside a scheme (`java\tscript:`), so they are
/// dropped before looking; any scheme not allowed by name is refused.
pub fn link_kind(url: &str) -> Option<LinkKind> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None if cleaned.starts_with("//") => Some(LinkKind::External),
        None => Some(LinkKind::Relative),
        Some(colon) => match &cleaned[..colon] {
            "http" | "https" => Some(LinkKind::External),
            "mailto" => Some(LinkKind::Mail),
            _ => None,
        },
    }
}

/// An `<a>` start tag for a checked target (`None`: not a link).
pub fn link_start(url: &str, title: &str) -> Option<String> {
    let kind = link_kind(url)?;
    let mut tag = format!("<a href=\"{}\"", escape(url.trim()));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    if kind == LinkKind::External {
        tag.push_str(" rel=\"noopener\"");
    }
    tag.push('>');
    Some(tag)
}

#[derive(Clone, Copy)]
enum Mode {
    Inline,
    Block { first_heading: u8 },
}

fn render(markdown: &str, mode: Mode) -> String {
    let mut options = Options::ENABLE_STRIKETHROUGH;
    if let Mode::Block { .. } = mode {
        options |= Options::ENABLE_TABLES;
    }
    let mut events = Vec::new();
    // Whether each open link became an <a> (its end tag must match).
    let mut open_links: Vec<bool> = Vec::new();
    let mut pending_space = false;
    for event in Parser::new_ext(markdown, options) {
        let event = match event {
            // Raw HTML is text: the parser hands it over verbatim, push_html escapes Text.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Link {
                dest_url, title, ..
            })
            | Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let start = link_start(&dest_url, &title);
                open_links.push(start.is_some());
                match start {
                    Some(tag) => Event::InlineHtml(CowStr::from(tag)),
                    None => continue,
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if open_links.pop().unwrap_or(false) {
                    Event::InlineHtml(CowStr::Borrowed("</a>"))
                } else {
                    continue;
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => match mode {
                Mode::Block { first_heading } => Event::Start(Tag::Heading {
                    level: shift(level, first_heading),
                    id,
                    classes,
                    attrs,
                }),
                Mode::Inline => continue,
            },
            Event::End(TagEnd::Heading(level)) => match mode {
                Mode::Block { first_heading } => {
                    Event::End(TagEnd::Heading(shift(level, first_heading)))
                }
                Mode::Inline => {
                    pending_space = true;
                    continue;
                }
            },
            // Inline mode keeps inline events only; a block boundary becomes a space.
            Event::Start(tag) if matches!(mode, Mode::Inline) && is_block(&tag) => continue,
            Event::End(tag) if matches!(mode, Mode::Inline) && is_block_end(tag) => {
                pending_space = true;
                continue;
            }
            Event::Rule if matches!(mode, Mode::Inline) => continue,
            other => other,
        };
        if pending_space {
            events.push(Event::Text(CowStr::Borrowed(" ")));
            pending_space = false;
        }
        events.push(event);
    }
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    match mode {
        Mode::Inline => html.trim().to_owned(),
        Mode::Block { .. } => html,
    }
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

fn shift(level: HeadingLevel, first: u8) -> HeadingLevel {
    let n = (level as u8)
        .saturating_add(first.saturating_sub(1))
        .clamp(1, 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_code_and_links() {
        assert_eq!(
            inline("**Never** use `q:*`, see [docs](https://example.com/a?b=1&c=2)."),
            "<strong>Never</strong> use <code>q:*</code>, see \
             <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener\">docs</a>."
        );
    }

    #[test]
    fn nested_emphasis() {
        assert_eq!(
            inline("***both*** and *one **two***"),
            "<em><strong>both</strong></em> and <em>one <strong>two</strong></em>"
        );
    }

    #[test]
    fn script_tags_are_text() {
        let out = inline("before <script>alert(1)</script> after");
        assert_eq!(
            out, "before &lt;script&gt;alert(1)&lt;/script&gt; after",
            "{out}"
        );
        let out = block("<script>alert(1)</script>\n\ntext", 3);
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn event_handlers_are_text() {
        let out = inline("<img src=x onerror=alert(1)>");
        assert_eq!(out, "&lt;img src=x onerror=alert(1)&gt;");
        let out = inline("a <b onmouseover=\"alert(1)\">b</b>");
        assert!(!out.contains("<b"), "{out}");
    }

    #[test]
    fn javascript_and_data_links_become_text() {
        assert_eq!(inline("[x](javascript:alert(1))"), "x");
        assert_eq!(inline("[x](JavaScript:alert(1))"), "x");
        assert_eq!(inline("[x](<java\tscript:alert(1)>)"), "x");
        assert_eq!(link_kind(" java\tscript:alert(1)"), None);
        assert_eq!(link_kind("\u{1}javascript:alert(1)"), None);
        assert_eq!(inline("[x](jav&#x61;script:alert(1))"), "x");
        assert_eq!(inline("[x](data:text/html;base64,PHNjcmlwdD4=)"), "x");
        assert_eq!(inline("[x](vbscript:msgbox)"), "x");
        assert_eq!(inline("<javascript:alert(1)>"), "javascript:alert(1)");
        assert!(!inline("![y](javascript:alert(1))").contains("href"));
    }

    #[test]
    fn allowed_targets() {
        assert_eq!(
            inline("[m](mailto:soc@example.com)"),
            "<a href=\"mailto:soc@example.com\">m</a>"
        );
        assert_eq!(
            inline("[r](events.html#event-x)"),
            "<a href=\"events.html#event-x\">r</a>"
        );
        assert_eq!(inline("[f](#top)"), "<a href=\"#top\">f</a>");
        assert_eq!(
            inline("<https://a.example/>"),
            "<a href=\"https://a.example/\" rel=\"noopener\">https://a.example/</a>"
        );
        assert_eq!(link_kind("//evil.example/x"), Some(LinkKind::External));
        assert_eq!(link_kind("a/b:c"), Some(LinkKind::Relative));
    }

    #[test]
    fn quotes_in_targets_and_titles_stay_in_the_attribute() {
        let out = inline(r#"[x](<https://a.example/"onclick="a> "ti\"tle")"#);
        assert_eq!(
            out,
            "<a href=\"https://a.example/&quot;onclick=&quot;a\" title=\"ti&quot;tle\" \
             rel=\"noopener\">x</a>"
        );
    }

    #[test]
    fn images_become_links_and_load_nothing() {
        assert_eq!(
            inline("![diagram](https://a.example/d.png)"),
            "<a href=\"https://a.example/d.png\" rel=\"noopener\">diagram</a>"
        );
    }

    #[test]
    fn inline_mode_flattens_blocks() {
        assert_eq!(inline("# Title\n\none\n\n- two"), "Title one two");
    }

    #[test]
    fn block_mode_shifts_headings() {
        let out = block("# A\n\n## B\n\ntext", 4);
        assert!(
            out.contains("<h4>A</h4>") && out.contains("<h5>B</h5>"),
            "{out}"
        );
        assert!(block("###### deep", 4).contains("<h6>"));
    }

    #[test]
    fn plain_keeps_the_words() {
        assert_eq!(
            plain("Use **`q:*`** [here](https://x.example)"),
            "Use q:* here"
        );
        assert_eq!(plain("<b>x</b>"), "<b>x</b>");
        assert_eq!(plain("**bold**ly\n\n# next"), "boldly next");
    }

    /// The shortcut for literal text gives what the parser gives, on texts close to
    /// the edge of what is literal.
    #[test]
    fn literal_texts_render_as_parsed() {
        let texts = [
            "",
            "Plain words, with (parentheses), a colon: and a full stop.",
            "Disable the user's keys; \"quoted\" text",
            "Trailing spaces   ",
            "Inner  double   spaces",
            "Accents: désactivez « la clé » (espaces\u{a0}insécables\u{202f}!)",
            "https://example.com/path?a=b",
            "a\u{a0}",
            "Ends with a non-breaking space\u{a0}",
            "x\u{2003}y",
            "Version 2. Of course",
            "Dash - inside, plus + inside, hash # inside, equals = inside",
            "ends with a hash #",
            "email soc@example.com and {braces} ^caret$ %percent",
            "~~struck~~",
            "1. ordered",
            "- bullet",
            "+ bullet",
            "# heading",
            "> quote",
            "    indented code",
            "\tindented by a tab",
            " leading space",
            "\u{a0}leading non-breaking space",
            "=== underline",
            "a &amp; b",
            "a <b>",
            "a\nb",
            "a\\",
            "trailing backslash\\",
            "\u{feff}bom",
        ];
        for t in texts {
            assert_eq!(inline(t), render(t, Mode::Inline), "inline({t:?})");
            assert_eq!(plain(t), plain_parsed(t), "plain({t:?})");
        }
        assert!(is_literal("Plain words, with (parentheses)."));
        assert!(!is_literal("1. ordered"));
    }

    #[test]
    fn escape_covers_attributes() {
        assert_eq!(
            escape("<a href='x'>&\""),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;"
        );
    }
}
