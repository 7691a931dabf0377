//! `irbook i18n status`: per locale and playbook, translated / outdated / missing.

use super::extract::book_messages;
use super::translations::{classify, State};
use super::Locale;
use crate::load::Book;
use crate::registry::Registry;
use std::collections::BTreeMap;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub lang: String,
    pub playbook: String,
    pub total: usize,
    pub translated: usize,
    pub outdated: usize,
    pub missing: usize,
}

impl Row {
    /// Up-to-date translations as a share of all messages (100 when there are none).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            (self.translated as f64) * 100.0 / self.total as f64
        }
    }
}

pub fn status(book: &Book, registry: &Registry, locales: &BTreeMap<String, Locale>) -> Vec<Row> {
    let messages = book_messages(book, registry);
    let mut rows = Vec::new();
    for lang in book.config.target_languages() {
        for (playbook, expected) in &messages {
            let doc = locales
                .get(&lang)
                .and_then(|l| l.files.get(playbook))
                .map(|f| f.doc.by_id())
                .unwrap_or_default();
            let mut row = Row {
                lang: lang.clone(),
                playbook: playbook.clone(),
                total: expected.len(),
                translated: 0,
                outdated: 0,
                missing: 0,
            };
            for e in expected {
                match classify(doc.get(e.id.as_str()).copied(), &e.en) {
                    State::Translated => row.translated += 1,
                    State::Outdated => row.outdated += 1,
                    State::Missing => row.missing += 1,
                }
            }
            rows.push(row);
        }
    }
    rows
}

pub fn render_table(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<8} {:<32} {:>10} {:>9} {:>8} {:>8}\n",
        "locale", "playbook", "translated", "outdated", "missing", "percent"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<8} {:<32} {:>10} {:>9} {:>8} {:>7.1}%\n",
            r.lang,
            r.playbook,
            r.translated,
            r.outdated,
            r.missing,
            r.percent()
        ));
    }
    out
}
