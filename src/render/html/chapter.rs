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

use memchr::memmem;

/// Opens a part of the body that the print chapter leaves out.
pub const PAGE_ONLY: &str = "<!--page-only-->";
/// Closes it.
pub const END_PAGE_ONLY: &str = "<!--/page-only-->";

/// Whether attribute `name` (lowercase) holds one id, or ids separated by spaces (HTML's
/// and WAI-ARIA's IDREF and IDREFS attributes).
fn holds_ids(name: &str) -> bool {
    matches!(
        name,
        "id" | "for"
            | "form"
            | "list"
            | "headers"
            | "popovertarget"
            | "aria-activedescendant"
            | "aria-controls"
            | "aria-describedby"
            | "aria-details"
            | "aria-errormessage"
            | "aria-flowto"
            | "aria-labelledby"
            | "aria-owns"
    )
}

/// The page's body: the rendered body without the page-only markers.
pub fn page(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut copied = 0;
    for end in memmem::find_iter(body.as_bytes(), "page-only-->") {
        let end = end + "page-only-->".len();
        let marker = [PAGE_ONLY, END_PAGE_ONLY]
            .into_iter()
            .find(|m| end >= m.len() && body.get(end - m.len()..end) == Some(m));
        if let Some(m) = marker {
            out.push_str(&body[copied..end - m.len()]);
            copied = end;
        }
    }
    out.push_str(&body[copied..]);
    out
}

/// The print chapter made from the rendered body, its ids prefixed with `prefix`.
pub fn print(body: &str, prefix: &str) -> String {
    let mut edit = Edit {
        body,
        out: String::with_capacity(body.len() + body.len() / 8),
        copied: 0,
    };
    let bytes = body.as_bytes();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &body[start..];
        at = if rest.starts_with(PAGE_ONLY) {
            // Up to the end marker; a missing end drops the rest, as the theme asked.
            let after = start + PAGE_ONLY.len();
            let end = memmem::find(&bytes[after..], END_PAGE_ONLY.as_bytes())
                .map_or(body.len(), |e| after + e + END_PAGE_ONLY.len());
            edit.skip(start, end);
            end
        } else if rest.starts_with("<!--") {
            memmem::find(&bytes[start..], b"-->").map_or(body.len(), |e| start + e + 3)
        } else {
            tag(&mut edit, start, prefix)
        };
    }
    edit.finish()
}

/// The text being made: `body` up to `copied` is in `out`, changed where needed; what
/// follows is copied only when the next change comes (most of a body is unchanged).
struct Edit<'b> {
    body: &'b str,
    out: String,
    copied: usize,
}

impl Edit<'_> {
    /// Puts `with` in place of `body[from..to]`.
    fn replace(&mut self, from: usize, to: usize, with: &str) {
        self.out.push_str(&self.body[self.copied..from]);
        self.out.push_str(with);
        self.copied = to;
    }

    /// Leaves `body[from..to]` out.
    fn skip(&mut self, from: usize, to: usize) {
        self.replace(from, to, "");
    }

    fn finish(mut self) -> String {
        self.out.push_str(&self.body[self.copied..]);
        self.out
    }
}

/// Changes the tag at `start` for print; returns where it ends. The contents of
/// `<script>` and `<style>` are left as they are.
fn tag(edit: &mut Edit, start: usize, prefix: &str) -> usize {
    let body = edit.body;
    let bytes = body.as_bytes();
    let closing = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + if closing { 2 } else { 1 };
    let name_end = bytes[name_start..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(bytes.len(), |n| name_start + n);
    if name_end == name_start {
        return start + 1; // a lone `<` (not from content, which is escaped)
    }
    if let [h @ (b'h' | b'H'), level @ b'1'..=b'5'] = bytes[name_start..name_end] {
        // h1…h5 one level down (h6 stays: there is no h7).
        let shifted = [h, level + 1];
        edit.replace(
            name_start,
            name_end,
            std::str::from_utf8(&shifted).unwrap_or_default(),
        );
    }
    let mut at = name_end;
    if !closing {
        at = attributes(edit, at, prefix);
    }
    let end = memchr::memchr(b'>', &bytes[at..]).map_or(body.len(), |e| at + e + 1);
    let name = &body[name_start..name_end];
    if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
        return find_end_tag(body, end, name).unwrap_or(body.len());
    }
    end
}

/// Goes through the attributes from `at` (up to the tag's `>` or `/>`), prefixing ids and
/// references to ids; returns where they end.
fn attributes(edit: &mut Edit, mut at: usize, prefix: &str) -> usize {
    let body = edit.body;
    let bytes = body.as_bytes();
    loop {
        at = skip_spaces(bytes, at);
        if at >= bytes.len() || bytes[at] == b'>' || bytes[at..].starts_with(b"/>") {
            return at;
        }
        let name_start = at;
        at = bytes[at..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'))
            .map_or(bytes.len(), |n| at + n)
            .max(name_start + 1);
        let name = &body[name_start..at];
        let equals = skip_spaces(bytes, at);
        if bytes.get(equals) != Some(&b'=') {
            continue; // an attribute without a value
        }
        let value_at = skip_spaces(bytes, equals + 1);
        let (value_start, value_end, next) = match bytes.get(value_at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &bytes[value_at + 1..])
                    .map_or(bytes.len(), |e| value_at + 1 + e);
                (value_at + 1, end, (end + 1).min(bytes.len()))
            }
            _ => {
                let end = bytes[value_at..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .map_or(bytes.len(), |e| value_at + e);
                (value_at, end, end)
            }
        };
        prefix_ids(edit, name, value_start, value_end, prefix);
        at = next;
    }
}

fn skip_spaces(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(bytes.len(), |n| at + n)
}

/// Prefixes the ids in attribute `name`'s value (`body[start..end]`): a `#fragment` of an
/// `href`, or each id of an attribute that holds ids.
fn prefix_ids(edit: &mut Edit, name: &str, start: usize, end: usize, prefix: &str) {
    let lower;
    let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = name.to_ascii_lowercase();
        lower.as_str()
    } else {
        name
    };
    let value = &edit.body[start..end];
    if name == "href" {
        if value.len() > 1 && value.starts_with('#') {
            edit.replace(start + 1, start + 1, prefix);
        }
    } else if holds_ids(name) {
        let mut at = start;
        for id in value.split(' ') {
            if !id.is_empty() {
                edit.replace(at, at, prefix);
            }
            at += id.len() + 1;
        }
    }
}

/// Where `</name` starts in `body` from `from`, whatever its case.
fn find_end_tag(body: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    memmem::find_iter(&bytes[from..], b"</")
        .map(|at| from + at)
        .find(|&at| {
            bytes
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        })
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
    fn upper_case_names_and_cut_tags_are_handled() {
        assert_eq!(
            print("<H1 ID=t><A HREF='#t'>x</A></H1>", "p-"),
            "<H2 ID=p-t><A HREF='#p-t'>x</A></H2>"
        );
        for cut in [
            "<",
            "<h1",
            "<a href=\"#x",
            "<a href=",
            "<p id",
            "</",
            "<!--",
            "<script>x",
        ] {
            let _ = print(cut, "p-");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "(<|>|/|=|\"|'|!|-|h1|id|href|#| |a|é|script|page-only){0,40}") {
            let _ = print(&text, "p-");
            let _ = page(&text);
        }
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
