//! `irbook i18n update`: create or refresh each locale's files from the sources, keeping
//! everything a translator wrote byte for byte.

use super::escape::to_pattern;
use super::extract::{book_messages, Expected, BOOK_FILE};
use super::ftl::{self, comment_lines, raw_value, FtlDoc, FtlMessage, OBSOLETE_HEADING};
use super::hash::fingerprint;
use super::pseudo::pseudolocalize;
use super::Locale;
use crate::load::Book;
use crate::registry::Registry;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The placeholder of a message waiting for its translation: valid Fluent, resolves to "".
pub const PLACEHOLDER: &str = "{\"\"}";

#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<PathBuf>,
    pub added: usize,
    pub confirmed: usize,
    pub outdated: usize,
    pub obsolete: usize,
}

/// Options of one update run.
pub struct Options<'a> {
    /// Languages whose new messages get a pseudo-translation instead of a placeholder.
    pub pseudo: &'a [String],
}

pub fn update(
    book: &Book,
    registry: &Registry,
    locales: &BTreeMap<String, Locale>,
    options: &Options,
) -> std::io::Result<Report> {
    let mut report = Report::default();
    let messages = book_messages(book, registry);
    for lang in book.config.target_languages() {
        let dir = book.locales_dir().join(&lang);
        let empty = Locale::default();
        let locale = locales.get(&lang).unwrap_or(&empty);
        let pseudo = options.pseudo.contains(&lang);
        let name = book.config.language_name(&lang);
        for (playbook, expected) in &messages {
            let existing = locale.files.get(playbook).map(|f| &f.doc);
            let what = if playbook == BOOK_FILE {
                "the book's title, description and role names (English in book.toml)".to_owned()
            } else {
                format!("playbook `{playbook}`")
            };
            let header = format!(
                "### irbook: translation of {what} into {name} (`{lang}`).\n### Written by `irbook i18n update`: translate the values. The `# en:` lines show the\n### English source and `# hash:` tells irbook when it changes: leave both as they are.\n"
            );
            let text = render_file(&header, expected, existing, pseudo, &mut report);
            write_if_changed(&dir.join(format!("{playbook}.ftl")), &text, &mut report)?;
        }
        update_ui(&dir, &lang, locale, pseudo, &mut report)?;
    }
    Ok(report)
}

fn write_if_changed(path: &PathBuf, text: &str, report: &mut Report) -> std::io::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)?;
    report.written.push(path.clone());
    Ok(())
}

/// The whole file, in the order of the sources, then the obsolete messages.
pub fn render_file(
    header: &str,
    expected: &[Expected],
    existing: Option<&FtlDoc>,
    pseudo: bool,
    report: &mut Report,
) -> String {
    let empty = FtlDoc::default();
    let doc = existing.unwrap_or(&empty);
    let by_id = doc.by_id();
    let mut out = String::from(header);
    for e in expected {
        out.push('\n');
        match by_id.get(e.id.as_str()) {
            Some(m) if !(m.is_empty && pseudo) => out.push_str(&refresh(m, e, report)),
            _ => {
                report.added += 1;
                let value = if pseudo {
                    to_pattern(&pseudolocalize(&e.en))
                } else {
                    PLACEHOLDER.to_owned()
                };
                let raw = format!("{} = {value}", e.id);
                out.push_str(&comment_lines("en", &e.en));
                out.push_str(&format!(
                    "# hash: {} {}\n",
                    fingerprint(&e.en),
                    fingerprint(raw_value(&raw))
                ));
                out.push_str(&raw);
                out.push('\n');
            }
        }
    }
    let wanted: std::collections::HashSet<&str> = expected.iter().map(|e| e.id.as_str()).collect();
    let gone: Vec<&FtlMessage> = doc
        .messages
        .iter()
        .filter(|m| !wanted.contains(m.id.as_str()))
        .collect();
    if !gone.is_empty() {
        out.push('\n');
        out.push_str(OBSOLETE_HEADING);
        out.push_str("\n## Keep them while they help you, then delete them.\n");
        for m in gone {
            report.obsolete += 1;
            out.push('\n');
            out.push_str(&comments(
                m,
                m.en.as_deref(),
                m.was.as_deref(),
                m.en_hash.as_deref(),
                m.value_hash.as_deref(),
            ));
            out.push_str(&m.raw);
            out.push('\n');
        }
    }
    out
}

/// An existing message with its record brought up to date.
fn refresh(m: &FtlMessage, e: &Expected, report: &mut Report) -> String {
    let en_now = fingerprint(&e.en);
    let value_now = fingerprint(raw_value(&m.raw));
    let matches_english = match (&m.en_hash, &m.en) {
        (Some(h), _) => *h == en_now,
        (None, Some(recorded)) => *recorded == e.en,
        (None, None) => true, // no record yet: adopt the translation as it is
    };
    let edited_since = m.value_hash.as_deref().is_some_and(|h| h != value_now);
    let head = if matches_english || edited_since {
        if !matches_english {
            report.confirmed += 1;
        }
        comments(m, Some(&e.en), None, Some(&en_now), Some(&value_now))
    } else {
        // Still outdated: show the new English, keep what it was translated from.
        report.outdated += 1;
        let was = m.was.clone().or_else(|| m.en.clone());
        let old_en_hash = m
            .en_hash
            .clone()
            .or_else(|| m.en.as_deref().map(fingerprint))
            .unwrap_or_default();
        let old_value_hash = m.value_hash.clone().unwrap_or(value_now);
        comments(
            m,
            Some(&e.en),
            was.as_deref(),
            Some(&old_en_hash),
            Some(&old_value_hash),
        )
    };
    format!("{head}{}\n", m.raw)
}

fn comments(
    m: &FtlMessage,
    en: Option<&str>,
    was: Option<&str>,
    en_hash: Option<&str>,
    value_hash: Option<&str>,
) -> String {
    let mut out = String::new();
    for note in &m.notes {
        out.push_str(&format!("# {note}\n").replace("# \n", "#\n"));
    }
    if let Some(en) = en {
        out.push_str(&comment_lines("en", en));
    }
    if let Some(was) = was {
        out.push_str(&comment_lines("was", was));
    }
    if let (Some(a), Some(b)) = (en_hash, value_hash) {
        out.push_str(&format!("# hash: {a} {b}\n"));
    }
    out
}

/// Adds the interface messages a language lacks (compared with English) to its ui.ftl.
fn update_ui(
    dir: &std::path::Path,
    lang: &str,
    locale: &Locale,
    pseudo: bool,
    report: &mut Report,
) -> std::io::Result<()> {
    let en_text = super::ui::builtin_text("en").unwrap_or_default();
    let en_doc = ftl::parse(en_text);
    let builtin: std::collections::HashSet<String> =
        super::ui::default_ids(lang).into_iter().collect();
    let own = locale.files.get("ui");
    let own_ids: std::collections::HashSet<&str> = own
        .map(|f| f.doc.messages.iter().map(|m| m.id.as_str()).collect())
        .unwrap_or_default();
    let missing: Vec<&FtlMessage> = en_doc
        .messages
        .iter()
        .filter(|m| !builtin.contains(&m.id) && !own_ids.contains(m.id.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = match own {
        Some(f) => f.text.to_string(),
        None => format!("### irbook interface strings ({lang}). Translate the values; the `# en:` lines show the English.\n"),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    for m in missing {
        report.added += 1;
        let en_value = raw_value(&m.raw).trim().to_owned();
        text.push('\n');
        text.push_str(&comment_lines("en", &en_value));
        let value = if pseudo && !en_value.contains('{') {
            to_pattern(&pseudolocalize(&en_value))
        } else if pseudo {
            en_value.clone() // keep plural selectors working; the words stay English
        } else {
            PLACEHOLDER.to_owned()
        };
        text.push_str(&format!("{} = {value}\n", m.id));
    }
    write_if_changed(&dir.join("ui.ftl"), &text, report)
}
