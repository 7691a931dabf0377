//! Rules on the shape of a playbook beyond what its types enforce: ids, keys, dates, URLs,
//! Markdown slips and repeated items.

use super::Ctx;
use crate::diag::{self, Diagnostic};
use crate::model::items::Items;
use crate::model::{Playbook, Sp};
use rustc_hash::FxHashMap as HashMap;

pub fn check(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    check_id(ctx, p, out);
    for date in [&p.owners.approved, &p.owners.reviewed]
        .into_iter()
        .flatten()
    {
        check_date(ctx, date, out);
    }
    for source in &p.sources {
        check_url(ctx, &source.url, out);
    }
    for tool in p.tools.iter() {
        check_url(ctx, &tool.value.url, out);
    }
    for action in p.containment.iter().chain(p.recovery.iter()) {
        for link in &action.value.links {
            check_url(ctx, &link.url, out);
        }
    }
    for (section, keys) in keyed_sections(p) {
        for key in keys {
            check_key(ctx, section, key, out);
        }
    }
    for text in p.texts() {
        check_text(ctx, text, out);
    }
    for list in [
        &p.preparation,
        &p.escalation,
        &p.analysis,
        &p.data_protection,
        &p.lessons,
        &p.detection.notes,
        &p.objectives.determine,
        &p.objectives.recover,
    ] {
        repeated_items(ctx, list, out);
    }
}

fn check_id(ctx: &Ctx, p: &Playbook, out: &mut Vec<Diagnostic>) {
    let id = p.id.as_str();
    if !is_slug(id) {
        out.push(
            ctx.on(diag::BAD_VALUE, &p.id, format!("`{id}` is not a valid playbook id"))
                .help("use lower-case letters, digits and single `-`, starting with a letter (e.g. `amazon-q`)"),
        );
        return;
    }
    if crate::i18n::extract::RESERVED_FILES.contains(&id) {
        out.push(
            ctx.on(
                diag::BAD_VALUE,
                &p.id,
                format!("`{id}` cannot be a playbook id: `locales/<lang>/{id}.ftl` holds irbook's own texts"),
            )
            .help(format!("choose another id, e.g. `{id}-playbook`")),
        );
        return;
    }
    let stem = ctx.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != id {
        out.push(
            ctx.on(
                diag::ID_MISMATCH,
                &p.id,
                format!("the id `{id}` does not match the file name `{stem}`"),
            )
            .help(format!(
                "rename the file to `{id}.yaml`, or set `id: {stem}`"
            )),
        );
    }
}

/// Lower-case letters, digits and single hyphens, starting with a letter.
pub fn is_slug(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
        && !s.contains("--")
}

fn check_date(ctx: &Ctx, date: &Sp<String>, out: &mut Vec<Diagnostic>) {
    if !is_iso_date(date.as_str()) {
        out.push(
            ctx.on(
                diag::BAD_DATE,
                date,
                format!("`{}` is not a date", date.as_str()),
            )
            .help("write dates as YYYY-MM-DD, e.g. 2026-11-01"),
        );
    }
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |t: &str, len: usize| {
        (t.len() == len && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse::<u32>().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Links must be absolute http(s) addresses: anything else (`javascript:`, a typo with a
/// space) would be a broken or dangerous link on the page.
pub fn check_url(ctx: &Ctx, url: &Sp<String>, out: &mut Vec<Diagnostic>) {
    let text = url.as_str();
    let problem = if text.chars().any(char::is_whitespace) {
        Some("it contains a space".to_owned())
    } else {
        match url::Url::parse(text) {
            Ok(u) if u.scheme() == "https" || u.scheme() == "http" => {
                if u.host_str().is_none_or(str::is_empty) {
                    Some("it has no host".to_owned())
                } else {
                    None
                }
            }
            Ok(u) => Some(format!("`{}:` links are not allowed", u.scheme())),
            Err(e) => Some(e.to_string()),
        }
    };
    if let Some(problem) = problem {
        out.push(
            ctx.on(
                diag::BAD_URL,
                url,
                format!("malformed URL `{text}`: {problem}"),
            )
            .help("write a full address starting with https://"),
        );
    }
}

fn keyed_sections(p: &Playbook) -> Vec<(&'static str, Vec<&Sp<String>>)> {
    fn keys<T>(items: &Items<T>) -> Vec<&Sp<String>> {
        items.iter().map(|i| &i.key).collect()
    }
    vec![
        ("tools", keys(&p.tools)),
        ("steps", keys(&p.steps)),
        ("preparation", keys(&p.preparation)),
        ("escalation", keys(&p.escalation)),
        (
            "service_model.components",
            keys(&p.service_model.components),
        ),
        ("detection.notes", keys(&p.detection.notes)),
        ("detection.groups", keys(&p.detection.groups)),
        ("analysis", keys(&p.analysis)),
        ("containment", keys(&p.containment)),
        ("recovery", keys(&p.recovery)),
        ("data_protection", keys(&p.data_protection)),
        ("permissions.notes", keys(&p.permissions.notes)),
        ("permissions.tasks", keys(&p.permissions.tasks)),
        ("lessons", keys(&p.lessons)),
        ("backlog.addressed", keys(&p.backlog.addressed)),
        ("backlog.current", keys(&p.backlog.current)),
        ("notes", keys(&p.notes)),
        ("objectives.determine", keys(&p.objectives.determine)),
        ("objectives.recover", keys(&p.objectives.recover)),
        ("classification.ttps", keys(&p.classification.ttps)),
        (
            "classification.indicators",
            keys(&p.classification.indicators),
        ),
        ("classification.teams", keys(&p.classification.teams)),
    ]
}

/// Keys become parts of Fluent message ids and HTML anchors.
fn check_key(ctx: &Ctx, section: &str, key: &Sp<String>, out: &mut Vec<Diagnostic>) {
    let k = key.as_str();
    let ok = k.starts_with(|c: char| c.is_ascii_alphanumeric())
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        out.push(
            ctx.on(
                diag::BAD_KEY,
                key,
                format!("`{k}` is not a valid key in `{section}`"),
            )
            .help("keys name translations and anchors: use letters, digits, `-` and `_` only"),
        );
    }
}

fn check_text(ctx: &Ctx, text: &Sp<String>, out: &mut Vec<Diagnostic>) {
    let t = text.as_str();
    if t.trim().is_empty() {
        out.push(
            Diagnostic::new(diag::EMPTY_TEXT, ctx.file, text.pos, "this text is empty")
                .help("write the text, or remove the item"),
        );
    }
    // memchr's searcher: `str::find` of a short needle was a visible part of `check`.
    if let Some(i) = memchr::memmem::find(t.as_bytes(), b"] (") {
        let col_offset = t[..i].chars().count() as u32 + 1;
        out.push(
            Diagnostic::new(
                diag::BAD_URL,
                ctx.file,
                text.pos,
                "a space between `]` and `(` breaks this Markdown link",
            )
            .help(format!(
                "write `[text](url)` with no space (at character {col_offset} of the text); or use a `links:` entry"
            )),
        );
    }
}

fn repeated_items(ctx: &Ctx, list: &Items<String>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &Sp<String>> = HashMap::default();
    for item in list.iter() {
        let mut words = String::with_capacity(item.value.len());
        for (i, word) in item.value.split_whitespace().enumerate() {
            if i > 0 {
                words.push(' ');
            }
            words.push_str(word);
        }
        let norm = words.to_lowercase();
        if let Some(first) = seen.get(&norm) {
            out.push(
                Diagnostic::new(
                    diag::DUPLICATE_ITEM,
                    ctx.file,
                    item.value.pos,
                    "this item repeats an earlier one",
                )
                .related(ctx.file, first.pos, "first written here")
                .help("remove one of them"),
            );
        } else {
            seen.insert(norm, &item.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2026-11-01"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2026-02-29"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("01/11/2026"));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("amazon-q"));
        assert!(is_slug("s3-ransomware2"));
        assert!(!is_slug("Amazon-Q"));
        assert!(!is_slug("amazon--q"));
        assert!(!is_slug("-q"));
    }
}
