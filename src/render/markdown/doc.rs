//! A small Markdown writer: blocks separated by one blank line, every content text passed
//! through `escape`, and a note of whether any text fell back to English.

use super::escape;
use crate::view::Text;

#[derive(Default)]
pub struct Doc {
    out: String,
    /// Whether some text on this page is shown in English for lack of a translation.
    pub fallback: bool,
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    /// The document so far, to be followed by more blocks written elsewhere (a table
    /// written row by row): each block ends in a blank line.
    pub fn unfinished(self) -> String {
        self.out
    }

    pub fn finish(self) -> String {
        let mut s = self.out;
        // One final newline, whatever the last block was.
        while s.ends_with("\n\n") {
            s.pop();
        }
        s
    }

    /// A content text for inline use (paragraph, list item, heading).
    pub fn text(&mut self, t: &Text) -> String {
        self.fallback |= t.fallback;
        escape::inline(&t.text)
    }

    /// A content text for a table cell.
    pub fn cell(&mut self, t: &Text) -> String {
        self.fallback |= t.fallback;
        escape::cell(&t.text)
    }

    /// A Markdown link with a content title; plain text when the address is refused.
    pub fn link(&mut self, title: &Text, url: &str) -> String {
        self.fallback |= title.fallback;
        let text = escape::link_text(&title.text);
        match escape::url(url) {
            Some(u) => format!("[{text}]({u})"),
            None => text,
        }
    }

    /// A content text for a heading. mdBook makes every heading a link to itself, so a
    /// link inside would nest links: a heading keeps only the words of a text with a link.
    pub fn heading_text(&mut self, t: &Text) -> String {
        self.fallback |= t.fallback;
        if crate::render::markdown_inline::has_link(&t.text) {
            escape::inline(&crate::render::markdown_inline::plain(&t.text))
        } else {
            escape::inline(&t.text)
        }
    }

    /// A heading; `anchor` adds an explicit `id` that both mdBook and GitHub keep, so
    /// that links from the event index do not depend on either one's slug rules. The
    /// anchor goes just before the heading, not inside it: inside, it would be an `<a>`
    /// nested in mdBook's heading link.
    pub fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        let hashes = "#".repeat(level.clamp(1, 6));
        if let Some(a) = anchor {
            self.block(&anchor_tag(a));
        }
        self.block(&format!("{hashes} {text}"));
    }

    /// Length of the document so far (see `insert_after_heading`).
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Puts `block` right after the first heading written at or after `start`.
    pub fn insert_after_heading(&mut self, start: usize, block: &str) {
        let Some(at) = self.out[start..]
            .match_indices("\n\n")
            .map(|(i, _)| start + i + 2)
            .find(|&end| {
                let line_start = self.out[..end - 2].rfind('\n').map_or(0, |i| i + 1);
                self.out[line_start..].starts_with('#')
            })
        else {
            return;
        };
        self.out
            .insert_str(at, &format!("{}\n\n", block.trim_end()));
    }

    /// A block of already-safe Markdown.
    pub fn block(&mut self, markdown: &str) {
        self.out.push_str(markdown.trim_end());
        self.out.push_str("\n\n");
    }

    /// A paragraph from a content text.
    pub fn para(&mut self, t: &Text) {
        let s = self.text(t);
        self.block(&s);
    }

    /// A bullet list of already-safe items (continuation lines are indented to stay in
    /// their item).
    pub fn bullets<I: IntoIterator<Item = String>>(&mut self, items: I) {
        self.list(items, false);
    }

    pub fn numbered<I: IntoIterator<Item = String>>(&mut self, items: I) {
        self.list(items, true);
    }

    fn list<I: IntoIterator<Item = String>>(&mut self, items: I, ordered: bool) {
        let mut s = String::new();
        for (n, item) in items.into_iter().enumerate() {
            let marker = if ordered {
                format!("{}. ", n + 1)
            } else {
                "- ".to_owned()
            };
            let indent = " ".repeat(marker.len());
            for (i, line) in item.lines().enumerate() {
                if i == 0 {
                    s.push_str(&marker);
                } else if !line.is_empty() {
                    s.push_str(&indent);
                }
                s.push_str(line);
                s.push('\n');
            }
        }
        if !s.is_empty() {
            self.block(&s);
        }
    }

    /// A GFM table; cells must already be escaped for tables.
    pub fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let mut s = table_head(header);
        for r in rows {
            s.push_str(&row_line(r));
        }
        self.block(&s);
    }
}

/// A table's header row and the line under it.
pub fn table_head(header: &[String]) -> String {
    let mut s = row_line(header);
    s.push('|');
    for _ in header {
        s.push_str(" --- |");
    }
    s.push('\n');
    s
}

/// A table row, its own line.
pub fn row_line(cells: &[String]) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(if c.is_empty() { " " } else { c });
        s.push_str(" |");
    }
    s.push('\n');
    s
}

/// `<a id="…"></a>`: anchors are built from identifiers, which are checked; escape anyway.
pub fn anchor_tag(id: &str) -> String {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    format!("<a id=\"{safe}\"></a>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Text {
        Text {
            text: s.to_owned(),
            lang: "en".to_owned(),
            fallback: false,
            outdated: false,
        }
    }

    #[test]
    fn lists_and_tables() {
        let mut d = Doc::new();
        d.heading(2, "Title", Some("x\"><script>"));
        d.bullets(vec!["one".to_owned(), "two\n  - sub".to_owned()]);
        d.table(
            &["A".to_owned(), "B".to_owned()],
            &[vec!["1".to_owned(), String::new()]],
        );
        let s = d.finish();
        assert_eq!(
            s,
            "<a id=\"xscript\"></a>\n\n## Title\n\n- one\n- two\n    - sub\n\n| A | B |\n| --- | --- |\n| 1 |   |\n"
        );
    }

    #[test]
    fn refused_links_become_text() {
        let mut d = Doc::new();
        assert_eq!(d.link(&t("x"), "javascript:alert(1)"), "x");
        assert_eq!(
            d.link(&t("a]b"), "https://e.example"),
            "[a\\]b](https://e.example)"
        );
    }

    #[test]
    fn fallback_is_remembered() {
        let mut d = Doc::new();
        let mut x = t("x");
        d.text(&x);
        assert!(!d.fallback);
        x.fallback = true;
        d.cell(&x);
        assert!(d.fallback);
    }
}
