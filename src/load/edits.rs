//! Random edits of a playbook, for the proptests that compare the light path's readers
//! with the full parse.

use proptest::prelude::*;

/// A few random edits of `text` with these specials: a line's value
/// replaced by one, a line removed, written twice or indented by one space more or
/// less, or a few characters replaced by one.
pub(in crate::load) fn edited_with(
    text: &'static str,
    specials: Vec<&'static str>,
) -> impl Strategy<Value = String> {
    let edit = (
        0usize..5,
        0usize..1000,
        0usize..100,
        prop::sample::select(specials),
    );
    prop::collection::vec(edit, 1..4).prop_map(|edits| {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (kind, line, at, special) in edits {
            let i = line % lines.len();
            match kind {
                // The value after the key (or the `- `), replaced.
                0 => {
                    let l = &lines[i];
                    let cut = l
                        .find(": ")
                        .map(|c| c + 2)
                        .or_else(|| l.find("- ").map(|c| c + 2));
                    if let Some(cut) = cut {
                        lines[i] = format!("{}{special}", &l[..cut]);
                    }
                }
                1 => {
                    lines.remove(i);
                }
                2 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                3 => {
                    if at % 2 == 0 {
                        lines[i].insert(0, ' ');
                    } else if lines[i].starts_with(' ') {
                        lines[i].remove(0);
                    }
                }
                // A few characters replaced.
                _ => {
                    let l = &mut lines[i];
                    let mut from = at.min(l.len());
                    while !l.is_char_boundary(from) {
                        from -= 1;
                    }
                    let mut to = (from + 2).min(l.len());
                    while !l.is_char_boundary(to) {
                        to += 1;
                    }
                    l.replace_range(from..to, special);
                }
            }
        }
        lines.join("\n") + "\n"
    })
}
