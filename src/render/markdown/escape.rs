//! Making content texts safe to embed in generated Markdown.
//!
//! Content texts are inline Markdown and must keep their meaning (emphasis, code, links),
//! but raw HTML must never pass through: mdBook copies it into pages as is. So `<`, `>`
//! and `&` are escaped as entities everywhere except inside code spans, where Markdown
//! shows them literally anyway. The scanner follows CommonMark's rules for the two
//! constructs that change what "inside a code span" means: backslash escapes and
//! backtick runs (a span closes only on a run of the same length).

/// Escapes raw HTML in inline or block Markdown, keeping code spans and backslash escapes.
pub fn html(text: &str) -> String {
    escape(text, &[])
}

/// An inline text for a paragraph, a list item or a heading: one line, raw HTML escaped,
/// and nothing at its start that Markdown would read as a block (heading, list, quote…).
pub fn inline(text: &str) -> String {
    let one_line = single_line(text);
    let escaped = escape(one_line.trim(), &[]);
    guard_block_start(escaped)
}

/// An inline text for a GFM table cell: as `inline`, with every `|` escaped (GFM splits
/// cells before it parses code spans, so pipes inside code need the backslash too).
pub fn cell(text: &str) -> String {
    pipes(&inline(text))
}

/// The text of a link (`[text](url)`): as `inline`, with brackets outside code escaped so
/// that the text cannot close the link early.
pub fn link_text(text: &str) -> String {
    escape(single_line(text).trim(), &['[', ']'])
}

/// An identifier shown as code (`` `DeleteIndex` ``), whatever backticks it holds.
pub fn code(ident: &str) -> String {
    let ident = single_line(ident);
    // A code span is delimited by a backtick run longer than any run inside it.
    let longest = longest_backtick_run(&ident);
    let fence = "`".repeat(longest + 1);
    let pad = if ident.starts_with('`') || ident.ends_with('`') || longest > 0 {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{ident}{pad}{fence}")
}

/// An identifier in a table cell: code, pipes escaped.
pub fn code_cell(ident: &str) -> String {
    pipes(&code(ident))
}

/// A link destination that Markdown cannot misread: only `http(s)`, `mailto` and relative
/// addresses are kept (validation already refuses others; this is the renderer's own
/// guard), and characters that end a destination are percent-encoded.
pub fn url(address: &str) -> Option<String> {
    if is_dangerous_destination(address) {
        return None;
    }
    let mut out = String::with_capacity(address.len());
    for c in address.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '|' => out.push_str("%7C"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

/// Whether a link destination uses a scheme that runs code or smuggles content.
/// Browsers ignore ASCII whitespace and control characters inside a scheme, so they are
/// dropped before comparing.
pub fn is_dangerous_destination(dest: &str) -> bool {
    let squeezed: String = dest
        .trim_start_matches(|c: char| c == '<' || c.is_whitespace())
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

fn single_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.to_owned()
    }
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// The scanner. `extra` are characters to backslash-escape outside code spans.
fn escape(text: &str, extra: &[char]) -> String {
    // Most texts hold none of the characters that matter: copy them as they are.
    if !text.contains(|c| matches!(c, '<' | '>' | '&' | '\\' | '`' | ']') || extra.contains(&c)) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            // A backslash before ASCII punctuation makes it literal: keep the pair, so an
            // escaped backtick never opens a code span and `\<` stays a literal `<`.
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                let next = chars[i + 1];
                match next {
                    // `\<` renders as `<` in a text node: safe. But `\&` followed by our own
                    // entity would show the entity's letters, so re-escape explicitly.
                    '<' | '>' | '&' => {
                        out.push_str(entity(next));
                    }
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                i += 2;
            }
            '`' => {
                let run = count_run(&chars, i, '`');
                match find_closing_run(&chars, i + run, run) {
                    Some(end) => {
                        // The whole span, verbatim: Markdown shows its content literally.
                        out.extend(&chars[i..end + run]);
                        i = end + run;
                    }
                    None => {
                        // No closing run: the backticks are literal text.
                        out.extend(std::iter::repeat_n('`', run));
                        i += run;
                    }
                }
            }
            '<' | '>' | '&' => {
                out.push_str(entity(c));
                i += 1;
            }
            ']' if link_target_is_dangerous(&chars[i + 1..]) => {
                // `[x](javascript:…)` or `[x]: javascript:…`: break the link syntax so the
                // text shows as typed and no dangerous link reaches a page.
                out.push_str("\\]");
                i += 1;
            }
            c if extra.contains(&c) => {
                out.push('\\');
                out.push(c);
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn entity(c: char) -> &'static str {
    match c {
        '<' => "&lt;",
        '>' => "&gt;",
        _ => "&amp;",
    }
}

fn count_run(chars: &[char], from: usize, c: char) -> usize {
    chars[from..].iter().take_while(|&&x| x == c).count()
}

/// Start of the next backtick run of exactly `len` at or after `from`.
fn find_closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let run = count_run(chars, j, '`');
            if run == len {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// After a `]`: is this an inline link `(dest…` or a definition `: dest` with a dangerous
/// destination?
fn link_target_is_dangerous(rest: &[char]) -> bool {
    let dest: String = match rest.first() {
        Some('(') | Some(':') => rest[1..].iter().take(64).collect(),
        _ => return false,
    };
    is_dangerous_destination(&dest)
}

/// Escapes `|` not already escaped by a backslash: for Markdown that is already safe
/// (built from escaped parts) and goes into a table cell.
pub fn pipes(text: &str) -> String {
    if !text.contains('|') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// Escapes what would make a line start a block: an ATX heading (`# `), a list item
/// (`- `, `+ `, `* `, `1. `, `1) `) or a thematic break (`---`). (`>` is already an entity.)
/// Emphasis such as `**Never**` is left alone: only a marker followed by a space counts.
fn guard_block_start(text: String) -> String {
    let followed_by_space = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let Some(first) = text.chars().next() else {
        return text;
    };
    match first {
        '#' => {
            let hashes = text.chars().take_while(|&c| c == '#').count();
            if hashes <= 6 && followed_by_space(&text[hashes..]) {
                return format!("\\{text}");
            }
        }
        '-' | '+' | '*' | '_' => {
            let rule = text.chars().all(|c| c == first || c == ' ' || c == '\t')
                && text.chars().filter(|&c| c == first).count() >= 3;
            let item = first != '_' && followed_by_space(&text[1..]);
            if rule || item {
                return format!("\\{text}");
            }
        }
        c if c.is_ascii_digit() => {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let rest = &text[digits..];
            if digits <= 9 && rest.starts_with(['.', ')']) && followed_by_space(&rest[1..]) {
                // `1986. A great year`: escape the dot or parenthesis, not the digits.
                return format!("{}\\{rest}", &text[..digits]);
            }
        }
        _ => {}
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped() {
        assert_eq!(
            html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(html("R&D"), "R&amp;D");
        assert_eq!(html("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
    }

    #[test]
    fn markdown_survives() {
        let t = "**Never** put *data* in [tags](https://example.com/a_b) or `q:*`.";
        assert_eq!(html(t), t);
    }

    #[test]
    fn code_spans_are_verbatim() {
        assert_eq!(html("use `<b>` & `a&b`"), "use `<b>` &amp; `a&b`");
        assert_eq!(html("``a ` <b>`` <i>"), "``a ` <b>`` &lt;i&gt;");
    }

    #[test]
    fn unclosed_backticks_are_literal_and_do_not_protect() {
        assert_eq!(html("`<b> and more"), "`&lt;b&gt; and more");
        // A run of two is not closed by a run of one.
        assert_eq!(html("``<b>` x"), "``&lt;b&gt;` x");
    }

    #[test]
    fn escaped_backtick_does_not_open_a_span() {
        assert_eq!(html("\\`<b>`"), "\\`&lt;b&gt;`");
    }

    #[test]
    fn backslash_before_html_characters() {
        assert_eq!(html("\\<b\\>"), "&lt;b&gt;");
        assert_eq!(html("a \\& b"), "a &amp; b");
        assert_eq!(html("C:\\path"), "C:\\path");
        assert_eq!(html("trailing \\"), "trailing \\");
    }

    #[test]
    fn dangerous_links_are_broken() {
        assert_eq!(
            html("[x](javascript:alert(1))"),
            "[x\\](javascript:alert(1))"
        );
        assert_eq!(
            html("[x]( JaVaScRiPt:alert(1))"),
            "[x\\]( JaVaScRiPt:alert(1))"
        );
        assert_eq!(
            html("[x](java\tscript:alert(1))"),
            "[x\\](java\tscript:alert(1))"
        );
        assert_eq!(
            html("[x]: javascript:alert(1)"),
            "[x\\]: javascript:alert(1)"
        );
        assert_eq!(html("[x](data:text/html,hi)"), "[x\\](data:text/html,hi)");
        assert_eq!(html("[ok](https://a.example)"), "[ok](https://a.example)");
        assert_eq!(html("<javascript:alert(1)>"), "&lt;javascript:alert(1)&gt;");
    }

    #[test]
    fn inline_is_one_line_and_not_a_block() {
        assert_eq!(inline("a\nb\r\n  c"), "a b c");
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("1986. A year"), "1986\\. A year");
        assert_eq!(inline("> quote"), "&gt; quote");
        assert_eq!(inline("2 items"), "2 items");
        assert_eq!(inline("**Never** do"), "**Never** do");
        assert_eq!(inline("#hashtag"), "#hashtag");
        assert_eq!(inline("---"), "\\---");
        assert_eq!(inline("* * *"), "\\* * *");
    }

    #[test]
    fn cells_escape_pipes_even_in_code() {
        assert_eq!(cell("a | b `x|y`"), "a \\| b `x\\|y`");
        assert_eq!(cell("already \\| escaped"), "already \\| escaped");
        assert_eq!(cell("line\nbreak"), "line break");
    }

    #[test]
    fn link_text_cannot_close_the_link() {
        assert_eq!(link_text("a ] b"), "a \\] b");
        assert_eq!(link_text("`a]`"), "`a]`");
    }

    #[test]
    fn code_spans_for_identifiers() {
        assert_eq!(code("DeleteIndex"), "`DeleteIndex`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code_cell("a|b"), "`a\\|b`");
    }

    #[test]
    fn urls() {
        assert_eq!(
            url("https://a.example/x (y)").as_deref(),
            Some("https://a.example/x%20%28y%29")
        );
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(url(" JAVASCRIPT:alert(1)"), None);
        assert_eq!(
            url("amazon-q.md#event-x").as_deref(),
            Some("amazon-q.md#event-x")
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "", "`", "\\", "]", "](", "]:", "é`é", "\u{0}<", "1", "1.", "```",
        ] {
            let _ = (html(t), inline(t), cell(t), link_text(t), code(t), url(t));
        }
    }
}
