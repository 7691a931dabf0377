//! Line index of a source text, built once per file: every diagnostic asks for a line or
//! a position, and scanning the text for each one made reports quadratic (a playbook
//! with 100,000 unknown events took minutes to report).

use crate::model::Pos;

/// Byte offsets where each line starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The text of 1-based line `line`, without its end of line, as `str::lines` gives it.
    pub fn line<'t>(&self, text: &'t str, line: u32) -> Option<&'t str> {
        let n = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(n)?;
        if start >= text.len() {
            // `str::lines` gives no line after a final newline.
            return None;
        }
        match self.starts.get(n + 1) {
            // A line that ends with `\r\n` loses its `\r` too.
            Some(&next) => {
                let l = &text[start..next - 1];
                Some(l.strip_suffix('\r').unwrap_or(l))
            }
            None => Some(&text[start..]),
        }
    }

    /// 1-based line and character column of a byte offset (clamped to the text, and
    /// moved back to a character boundary).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let n = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let col = text[self.starts[n]..offset].chars().count() + 1;
        Pos::new(n as u32 + 1, col as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_match_str_lines(text in "(a|é|\n|\r\n|x{0,3}){0,40}") {
            let index = LineIndex::new(&text);
            let expected: Vec<&str> = text.lines().collect();
            for (i, l) in expected.iter().enumerate() {
                prop_assert_eq!(index.line(&text, i as u32 + 1), Some(*l));
            }
            prop_assert_eq!(index.line(&text, expected.len() as u32 + 1), None);
            prop_assert_eq!(index.line(&text, 0), None);
        }

        #[test]
        fn positions_match_the_scan(text in "(a|é|\n|x{0,3}){0,40}", at in 0usize..200) {
            let index = LineIndex::new(&text);
            prop_assert_eq!(index.pos(&text, at), crate::config::offset_to_pos(&text, at));
        }
    }
}
