//! Importing a whole collection: every English document with its translations, as the
//! files a writer would have (nothing is written here: `commands/import.rs` writes), and
//! one summary row per document.

use super::collection::{self, Document, Layout};
use super::report::{Kind, Report};
use super::translate::{import_translation, Translated};
use super::{import_bytes, Imported, Options};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// One document's outcome.
#[derive(Debug)]
pub enum Outcome {
    Playbook {
        imported: Box<Imported>,
        translations: Vec<Translated>,
    },
    /// Recognised as no playbook, with the reason.
    Skipped(String),
    /// Could not be imported (not UTF-8, too large…).
    Failed(String),
}

#[derive(Debug)]
pub struct Item {
    pub document: Document,
    pub outcome: Outcome,
    /// Translations that could not be read or aligned, with the reason.
    pub translation_errors: Vec<(String, String)>,
}

/// Imports every document of `layout`. Ids come from the titles; a second document with
/// the same id gets one from its file name.
pub fn import_all(layout: &Layout) -> Vec<Item> {
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for doc in &layout.documents {
        out.push(import_document(doc, &mut ids));
    }
    out
}

fn import_document(doc: &Document, ids: &mut BTreeSet<String>) -> Item {
    let mut item = Item {
        document: doc.clone(),
        outcome: Outcome::Failed(String::new()),
        translation_errors: Vec::new(),
    };
    let bytes = match crate::read::bytes(&doc.english, crate::read::MAX_MARKDOWN_BYTES, None) {
        Ok(b) => b,
        Err(e) => {
            item.outcome = Outcome::Failed(format!("cannot read: {e}"));
            return item;
        }
    };
    let source_name = file_name(&doc.english);
    let mut opts = Options {
        id: None,
        source_name: source_name.clone(),
    };
    let first = import_bytes(&bytes, &opts);
    let imported = match first {
        Ok(i) if ids.contains(&i.id) => {
            opts.id = super::slug::playbook_id(&doc.name);
            import_bytes(&bytes, &opts)
        }
        Err(_) => {
            // No usable title: the file name gives the id.
            opts.id = super::slug::playbook_id(&doc.name);
            import_bytes(&bytes, &opts)
        }
        ok => ok,
    };
    let mut imported = match imported {
        Ok(i) => i,
        Err(e) => {
            item.outcome = Outcome::Failed(e.0);
            return item;
        }
    };
    if let Some(why) = collection::not_a_playbook(&imported.draft) {
        item.outcome = Outcome::Skipped(why);
        return item;
    }
    if !ids.insert(imported.id.clone()) {
        item.outcome = Outcome::Failed(format!(
            "the id `{}` is taken by another document",
            imported.id
        ));
        return item;
    }
    let en_text = String::from_utf8_lossy(&bytes).into_owned();
    let mut translations = Vec::new();
    for (lang, path) in &doc.translations {
        match translate_file(&imported, &en_text, lang, path) {
            Ok(t) => translations.push(t),
            Err(e) => item.translation_errors.push((lang.clone(), e)),
        }
    }
    imported.report.add(
        0,
        Kind::Mapped,
        format!("{} translation(s) imported", translations.len()),
    );
    item.outcome = Outcome::Playbook {
        imported: Box::new(imported),
        translations,
    };
    item
}

/// Imports one translation file of `en`.
pub fn translate_file(
    en: &Imported,
    en_text: &str,
    lang: &str,
    path: &std::path::Path,
) -> Result<Translated, String> {
    let bytes = crate::read::bytes(path, crate::read::MAX_MARKDOWN_BYTES, None)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
    import_translation(
        en,
        en_text,
        text,
        lang,
        &collection::language_name(lang),
        &file_name(path),
    )
    .map_err(|e| e.0)
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// How many names a playbook structures (events, IAM actions, step references).
pub fn names_structured(i: &Imported) -> usize {
    let d = &i.draft;
    d.groups.iter().map(|g| g.events.len()).sum::<usize>()
        + d.data_events.iter().map(|(_, v)| v.len()).sum::<usize>()
        + d.tasks.iter().map(|t| t.actions.len()).sum::<usize>()
        + d.steps.iter().map(|s| s.events.len()).sum::<usize>()
}

/// The summary table: per document, what became of it.
pub fn summary(items: &[Item], orphans: &[(PathBuf, String)]) -> String {
    let mut rows: Vec<[String; 7]> = vec![[
        "document".into(),
        "playbook".into(),
        "names".into(),
        "sections".into(),
        "notes".into(),
        "translations".into(),
        "problems".into(),
    ]];
    for it in items {
        let name = format!("{}.md", it.document.name);
        let row = match &it.outcome {
            Outcome::Playbook {
                imported,
                translations,
            } => {
                let r: &Report = &imported.report;
                let sections = r
                    .entries
                    .iter()
                    .filter(|e| e.kind == Kind::Mapped && e.message.starts_with("section"))
                    .count();
                let mut langs: Vec<String> = translations
                    .iter()
                    .map(|t| format!("{} {:.0}%", t.lang, t.coverage()))
                    .collect();
                langs.extend(
                    it.translation_errors
                        .iter()
                        .map(|(l, _)| format!("{l} failed")),
                );
                let dropped = r.count(Kind::Dropped)
                    + translations
                        .iter()
                        .map(|t| t.report.count(Kind::Dropped))
                        .sum::<usize>();
                [
                    name,
                    imported.id.clone(),
                    names_structured(imported).to_string(),
                    sections.to_string(),
                    imported.draft.notes.len().to_string(),
                    if langs.is_empty() {
                        "-".into()
                    } else {
                        langs.join(", ")
                    },
                    format!("{dropped} dropped, {} guessed", r.count(Kind::Guessed)),
                ]
            }
            Outcome::Skipped(why) => [
                name,
                "skipped".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                why.clone(),
            ],
            Outcome::Failed(why) => [
                name,
                "FAILED".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                why.clone(),
            ],
        };
        rows.push(row);
    }
    for (path, why) in orphans {
        rows.push([
            path.display().to_string(),
            "skipped".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            why.clone(),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        for (c, w) in widths.iter().enumerate() {
            let cell = &r[c];
            out.push_str(cell);
            out.push_str(&" ".repeat(w - cell.chars().count() + 2));
        }
        out.push_str(&r[6]);
        out.push('\n');
    }
    out
}
