//! Slugs for ids and keys: lower-case ASCII letters, digits and single `-`.

use std::collections::HashSet;

/// `"Creating an index"` → `creating-an-index`; accented Latin letters lose their accent,
/// other characters become separators. May be empty.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    // Keys are short: cut at a word boundary.
    if out.len() > 48 {
        let cut = out[..48].rfind('-').unwrap_or(48);
        out.truncate(cut);
    }
    out
}

/// A playbook id from a slug: must start with a letter (see `validate::is_slug`).
pub fn playbook_id(title: &str) -> Option<String> {
    let s = slug(title);
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    (!s.is_empty()).then(|| s.to_owned())
}

/// `base` (or `fallback` when empty), made unique among `taken` with `-2`, `-3`…
pub fn unique_key(taken: &mut HashSet<String>, base: &str, fallback: &str) -> String {
    let base = if base.is_empty() { fallback } else { base };
    let mut key = base.to_owned();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(key.clone());
    key
}

fn fold(c: char) -> Vec<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ÿ' | 'ý' | 'Ý' => 'y',
        'œ' | 'Œ' => return vec!['o', 'e'],
        'æ' | 'Æ' => return vec!['a', 'e'],
        '\'' | '’' => return vec![],
        c => c,
    };
    vec![base]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Admin controls and guardrails "),
            "admin-controls-and-guardrails"
        );
        assert_eq!(
            slug("Création d'une application"),
            "creation-dune-application"
        );
        assert_eq!(slug("***"), "");
        assert_eq!(playbook_id("2024: Amazon Q"), Some("amazon-q".into()));
        let mut t = HashSet::new();
        assert_eq!(unique_key(&mut t, "a", "x"), "a");
        assert_eq!(unique_key(&mut t, "a", "x"), "a-2");
        assert_eq!(unique_key(&mut t, "", "x"), "x");
    }
}
