//! Writing any text as a Fluent pattern that resolves back to exactly that text.
//!
//! Fluent's syntax has traps for prose: `{` and `}` open and close placeables; on a
//! continuation line, a leading `[`, `*` or `.` starts a variant or an attribute; leading
//! indentation is removed and trailing blanks are dropped. Each of these is written as a
//! string-literal placeable (`{"{"}`), which Fluent resolves to the literal text.

/// The pattern text to put after `id =` (it may span several indented lines).
pub fn to_pattern(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    if text.is_empty() {
        return "{\"\"}".to_owned();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\n    ");
        }
        out.push_str(&escape_line(line));
    }
    if lines.len() > 1 {
        // Start multi-line values on their own line, so every line has the same indent.
        format!("\n    {out}")
    } else {
        out
    }
}

fn literal(s: &str) -> String {
    let mut lit = String::from("{\"");
    for c in s.chars() {
        match c {
            '"' => lit.push_str("\\\""),
            '\\' => lit.push_str("\\\\"),
            c if c.is_control() => lit.push_str(&format!("\\u{:04X}", c as u32)),
            c => lit.push(c),
        }
    }
    lit.push_str("\"}");
    lit
}

fn escape_line(line: &str) -> String {
    if line.is_empty() {
        // Fluent drops blank lines at the start and end of a value; a placeable keeps them.
        return literal("");
    }
    let mut out = String::new();
    let body_start = line.len() - line.trim_start().len();
    let (lead, rest) = line.split_at(body_start);
    if !lead.is_empty() {
        out.push_str(&literal(lead));
    }
    let trimmed_end = rest.trim_end();
    let (body, trail) = rest.split_at(trimmed_end.len());
    let mut first = lead.is_empty();
    for c in body.chars() {
        match c {
            '{' | '}' => out.push_str(&literal(&c.to_string())),
            '[' | '*' | '.' if first => out.push_str(&literal(&c.to_string())),
            c if c.is_control() => out.push_str(&literal(&c.to_string())),
            c => out.push(c),
        }
        first = false;
    }
    if !trail.is_empty() {
        out.push_str(&literal(trail));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::{FluentBundle, FluentResource};
    use proptest::prelude::*;

    /// Resolves `id = <pattern>` with the real Fluent runtime.
    fn round_trip(text: &str) -> String {
        let source = format!("msg = {}\n", to_pattern(text));
        let res = FluentResource::try_new(source.clone())
            .unwrap_or_else(|(_, e)| panic!("parse error {e:?} in {source:?}"));
        let mut bundle = FluentBundle::new(vec!["en".parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(res).unwrap();
        let msg = bundle.get_message("msg").expect("message");
        let mut errors = vec![];
        let out = bundle
            .format_pattern(msg.value().unwrap(), None, &mut errors)
            .into_owned();
        assert!(errors.is_empty(), "{errors:?}");
        out
    }

    #[test]
    fn traps_survive() {
        for text in [
            "Use {placeholders} and }braces{",
            "* a Markdown list\n* second item\n  - nested",
            "[link](https://example.com) first",
            ".dotfile at the start",
            "  leading and trailing spaces  ",
            "{\"json\": [1, 2], \"k\": {\"a\": null}}",
            "line one\n\nline three after a blank",
            "ends with a newline\n",
            "back\\slash and \"quotes\"",
            "# not a comment\n## nor this",
            "tab\tinside",
        ] {
            assert_eq!(round_trip(text), text, "pattern: {:?}", to_pattern(text));
        }
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in "[ -~\\néàç’«»{}\\[\\]*.#\\t]{0,80}") {
            prop_assume!(!text.contains('\r'));
            prop_assert_eq!(round_trip(&text), text);
        }

        #[test]
        fn markdown_like_lines_round_trip(lines in proptest::collection::vec("[ ]{0,4}[-*.\\[{#0-9]?[ a-z{}]{0,12}", 1..6)) {
            let text = lines.join("\n");
            prop_assert_eq!(round_trip(&text), text);
        }
    }
}
