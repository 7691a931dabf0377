//! A pseudo-locale, as `fluent-pseudo` makes: accented and lengthened text that is still
//! readable. Any English left on a page built in the pseudo-locale did not go through
//! Fluent. Inline code, link targets and identifiers are left alone.

/// Accents the letters of prose and lengthens it by about a third, keeping Markdown code
/// spans (`` `GetIndex` ``) and link targets (`](https://…)`) intact.
pub fn pseudolocalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut in_code = false;
    let mut in_target = false;
    let mut prev = '\0';
    let mut vowels = 0usize;
    for c in text.chars() {
        match c {
            '`' => in_code = !in_code,
            '(' if prev == ']' && !in_code => in_target = true,
            ')' if in_target => in_target = false,
            _ => {}
        }
        if in_code || in_target || c == '`' {
            out.push(c);
        } else {
            out.push(accent(c));
            if "aeiouAEIOU".contains(c) {
                vowels += 1;
                // Lengthen: repeat every other vowel, as translations often run longer.
                if vowels.is_multiple_of(2) {
                    out.push(accent(c));
                }
            }
        }
        prev = c;
    }
    out
}

fn accent(c: char) -> char {
    match c {
        'a' => 'ȧ',
        'e' => 'ḗ',
        'i' => 'ī',
        'o' => 'ǿ',
        'u' => 'ŭ',
        'c' => 'ƈ',
        'd' => 'ḓ',
        'n' => 'ƞ',
        's' => 'ş',
        't' => 'ŧ',
        'A' => 'Ȧ',
        'E' => 'Ḗ',
        'I' => 'Ī',
        'O' => 'Ǿ',
        'U' => 'Ŭ',
        'C' => 'Ƈ',
        'D' => 'Ḓ',
        'N' => 'Ƞ',
        'S' => 'Ş',
        'T' => 'Ŧ',
        c => c,
    }
}

/// True when a text looks pseudo-localized (holds at least one of the accented letters).
pub fn is_pseudo(text: &str) -> bool {
    text.chars().any(|c| "ȧḗīǿŭƈḓƞşŧȦḖĪǾŬƇḒȠŞŦ".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_code_and_links() {
        let p = pseudolocalize("Delete `GetIndex` via [the console](https://a.example/x)");
        assert!(p.contains("`GetIndex`"));
        assert!(p.contains("(https://a.example/x)"));
        assert!(is_pseudo(&p));
        assert!(
            p.chars().count()
                > "Delete `GetIndex` via [the console](https://a.example/x)"
                    .chars()
                    .count()
        );
    }
}
