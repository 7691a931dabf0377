//! Inline text and plain lists → strings of inline Markdown, with broken links repaired
//! and nested items kept.

use super::super::links;
use super::super::markdown::{Block, Inline, List, ListItem};
use super::super::report::Kind;
use super::Mapper;

impl Mapper<'_, '_> {
    /// Inline content as one line of Markdown; a text that is one code span (a template
    /// placeholder such as `` `Who is notified…?` ``) becomes plain text. Broken links
    /// are repaired.
    pub(super) fn text(&mut self, i: &Inline) -> String {
        if let Some(code) = i.only_code() {
            return code.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        let md = self.doc.inline_md(i);
        let broken = links::find_broken(&md);
        for b in &broken {
            self.report.add(
                i.line,
                Kind::Fixed,
                format!(
                    "link `[{}] ({})` broken by a space: repaired",
                    b.title, b.url
                ),
            );
        }
        for url in i.images() {
            self.report.add(
                i.line,
                Kind::Kept,
                format!("image `{url}` left as Markdown inside the text: review it"),
            );
        }
        links::replace(&md, &broken, |b| format!("[{}]({})", b.title, b.url))
    }

    /// The items of a list as texts; nested lists are appended to their item's text so
    /// that nothing is lost, and reported.
    pub(super) fn items(&mut self, l: &List) -> Vec<String> {
        let mut out = Vec::new();
        for item in &l.items {
            let mut t = self.text(&item.inline);
            for sub in item.lists.iter().flat_map(|l| l.items.iter()) {
                let s = self.text(&sub.inline);
                self.report.add(
                    sub.line,
                    Kind::Fixed,
                    "nested item appended to its parent item's text",
                );
                t = format!("{t} ({s})");
            }
            self.extra_blocks(item);
            if t.trim().is_empty() {
                self.report
                    .add(item.line, Kind::Dropped, "empty list item skipped");
                continue;
            }
            out.push(t);
        }
        out
    }

    /// For a field that takes one line per item: the nested lists (and other blocks) of
    /// its items go to notes, so that no line is lost.
    pub(super) fn nested_to_notes(&mut self, l: &List, field: &str) {
        for item in &l.items {
            if !item.lists.is_empty() {
                let blocks: Vec<Block> = item.lists.iter().cloned().map(Block::List).collect();
                let refs: Vec<&Block> = blocks.iter().collect();
                self.keep(
                    &format!("Under the item at line {}", item.line),
                    &refs,
                    &format!("items nested in a {field} item"),
                );
            }
            self.extra_blocks(item);
        }
    }

    /// Blocks inside a list item that no field holds (code, quotes…): into notes.
    pub(super) fn extra_blocks(&mut self, item: &ListItem) {
        if item.extra.is_empty() {
            return;
        }
        let blocks: Vec<&Block> = item.extra.iter().collect();
        self.keep(
            &format!("Inside the item at line {}", item.line),
            &blocks,
            "blocks inside a list item",
        );
    }
}

/// `A, B (C, D), E` → `[A, B (C, D), E]`: commas inside parentheses do not split.
pub fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_outside_parentheses() {
        assert_eq!(
            split_list("Security Operations Center (SOC, 24/7), Forensic Investigators,"),
            vec![
                "Security Operations Center (SOC, 24/7)",
                "Forensic Investigators"
            ]
        );
    }
}
