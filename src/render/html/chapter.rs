//! One render of a playbook's body serves both its page and its chapter of the print page.
//!
//! The theme's `playbook_body.html` is rendered once, as for the page (`hl = 1`, no id
//! prefix). Parts that belong on the page only are between `<!--page-only-->` and
//! `<!--/page-only-->`. From that one text:
//! - the page's body is the text without those two markers;
//! - the print chapter is the text without the page-only parts, every heading one level
//!   down (the print page's own title is its `<h1>`), and every id, and every reference to
//!   an id, prefixed with the playbook's prefix, so that a hundred playbooks in one
//!   document never share an id.
//!
//! Rendering the body twice (once per form) was a quarter of a build's CPU time.
//!
//! The text is irbook's own output, where every character of content is escaped: each `<`
//! opens a tag or a comment, and each `"` or `'` inside an attribute value is an entity.
//! So a small scanner of tags is exact here, with no need for a full HTML parser.

/// Opens a part of the body that the print chapter leaves out.
pub const PAGE_ONLY: &str = "<!--page-only-->";
/// Closes it.
pub const END_PAGE_ONLY: &str = "<!--/page-only-->";

/// Attributes whose value is one id, or a list of ids separated by spaces (HTML and
/// WAI-ARIA's IDREF and IDREFS attributes).
const ID_ATTRIBUTES: &[&str] = &[
    "id",
    "for",
    "form",
    "list",
    "headers",
    "popovertarget",
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
];

/// The page's body: the rendered body without the page-only markers.
pub fn page(body: &str) -> String {
    if !body.contains(PAGE_ONLY) {
        return body.to_owned();
    }
    body.replace(PAGE_ONLY, "").replace(END_PAGE_ONLY, "")
}

/// The print chapter made from the rendered body, its ids prefixed with `prefix`.
pub fn print(body: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = if let Some(after) = rest.strip_prefix(PAGE_ONLY) {
            // Up to the end marker; a missing end drops the rest, as the theme asked.
            after
                .find(END_PAGE_ONLY)
                .map_or("", |end| &after[end + END_PAGE_ONLY.len()..])
        } else if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            &rest[end..]
        } else {
            tag(rest, prefix, &mut out)
        };
    }
    out.push_str(rest);
    out
}

/// Copies the tag that `text` starts with into `out`, changed for print; returns what
/// follows it. The contents of `<script>` and `<style>` are copied as they are.
fn tag<'t>(text: &'t str, prefix: &str, out: &mut String) -> &'t str {
    let bytes = text.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let name_end = bytes[name_start..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(bytes.len(), |n| name_start + n);
    let name = &text[name_start..name_end];
    if name.is_empty() {
        // A lone `<` (not from content, which is escaped): kept as it is.
        out.push('<');
        return &text[1..];
    }
    out.push_str(&text[..name_start]);
    out.push_str(&shifted_heading(name).unwrap_or_else(|| name.to_owned()));
    let mut rest = &text[name_end..];
    if !closing {
        rest = attributes(rest, prefix, out);
    }
    let end = rest.find('>').map_or(rest.len(), |e| e + 1);
    out.push_str(&rest[..end]);
    rest = &rest[end..];
    if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
        let close = format!("</{}", name.to_ascii_lowercase());
        let raw_end = find_ignore_case(rest, &close).unwrap_or(rest.len());
        out.push_str(&rest[..raw_end]);
        rest = &rest[raw_end..];
    }
    rest
}

/// `h1`…`h5` one level down (`h6` stays: there is no `h7`).
fn shifted_heading(name: &str) -> Option<String> {
    let b = name.as_bytes();
    if b.len() == 2 && (b[0] == b'h' || b[0] == b'H') && (b'1'..=b'5').contains(&b[1]) {
        Some(format!("{}{}", b[0] as char, (b[1] + 1) as char))
    } else {
        None
    }
}

/// Copies the attributes at the start of `text` (up to, not including, the tag's `>` or
/// `/>`), prefixing ids and references to ids; returns what follows them.
fn attributes<'t>(mut text: &'t str, prefix: &str, out: &mut String) -> &'t str {
    loop {
        let spaces = text.len() - text.trim_start().len();
        out.push_str(&text[..spaces]);
        text = &text[spaces..];
        if text.is_empty() || text.starts_with('>') || text.starts_with("/>") {
            return text;
        }
        let name_end = text
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(text.len())
            .max(1);
        let name = &text[..name_end];
        out.push_str(name);
        text = &text[name_end..];
        let spaces = text.len() - text.trim_start().len();
        if !text[spaces..].starts_with('=') {
            continue; // an attribute without a value
        }
        let eq_end = spaces + 1;
        let value_start = eq_end + (text[eq_end..].len() - text[eq_end..].trim_start().len());
        out.push_str(&text[..value_start]);
        text = &text[value_start..];
        let (quote, value_len) = match text.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => (
                Some(q as char),
                text[1..].find(q as char).unwrap_or(text.len() - 1),
            ),
            _ => (
                None,
                text.find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(text.len()),
            ),
        };
        let open = usize::from(quote.is_some());
        let value = &text[open..open + value_len];
        if let Some(q) = quote {
            out.push(q);
        }
        value_for_print(name, value, prefix, out);
        text = &text[open + value_len..];
        if let Some(q) = quote {
            if text.starts_with(q) {
                out.push(q);
                text = &text[1..];
            }
        }
    }
}

/// An attribute's value in the print chapter.
fn value_for_print(name: &str, value: &str, prefix: &str, out: &mut String) {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("href") {
        if let Some(fragment) = value.strip_prefix('#') {
            if !fragment.is_empty() {
                out.push('#');
                out.push_str(prefix);
            }
            out.push_str(fragment);
            return;
        }
    } else if ID_ATTRIBUTES.iter().any(|a| is(a)) {
        for (n, id) in value.split(' ').enumerate() {
            if n > 0 {
                out.push(' ');
            }
            if !id.is_empty() {
                out.push_str(prefix);
                out.push_str(id);
            }
        }
        return;
    }
    out.push_str(value);
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::{page, print};

    #[test]
    fn ids_and_references_get_the_prefix() {
        let body = r##"<section id="steps" aria-labelledby="a b"><a href="#steps">s</a> <a href="x.html#y">o</a> <label for=f>x</label></section>"##;
        assert_eq!(
            print(body, "pb--"),
            r##"<section id="pb--steps" aria-labelledby="pb--a pb--b"><a href="#pb--steps">s</a> <a href="x.html#y">o</a> <label for=pb--f>x</label></section>"##
        );
    }

    #[test]
    fn headings_go_one_level_down() {
        assert_eq!(
            print("<h1 id=\"t\">T</h1><h3>x</h3><h6>y</h6><hr>", "p-"),
            "<h2 id=\"p-t\">T</h2><h4>x</h4><h6>y</h6><hr>"
        );
    }

    #[test]
    fn page_only_parts_stay_on_the_page() {
        let body = "a<!--page-only--><p id=\"q\">q</p><!--/page-only-->b<!-- kept -->";
        assert_eq!(page(body), "a<p id=\"q\">q</p>b<!-- kept -->");
        assert_eq!(print(body, "p-"), "ab<!-- kept -->");
    }

    #[test]
    fn escaped_text_and_other_attributes_are_left_alone() {
        let body = "<p title=\"id=&quot;x&quot;\" data-id='y'>1 &lt; 2 &amp; id=\"z\"</p>";
        assert_eq!(print(body, "p-"), body);
    }

    #[test]
    fn script_contents_are_copied_as_they_are() {
        let body = "<script>if (a<b) { x.id = \"q\" }</script><h2>t</h2>";
        assert_eq!(
            print(body, "p-"),
            "<script>if (a<b) { x.id = \"q\" }</script><h3>t</h3>"
        );
    }
}
