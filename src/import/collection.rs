//! A folder of Markdown playbooks: which files are the English documents and which are
//! their translations. Two layouts: the collection's own (`docs/<Name>.md` and
//! `docs/<lang>/<lang>.<Name>.md`, the folder given or its `docs/`), and a flat folder of
//! `.md` files (with optional `<lang>/` subfolders holding `<Name>.md` or
//! `<lang>.<Name>.md`).

use super::draft::Draft;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file stem, e.g. `Amazon_Q`.
    pub name: String,
    pub english: PathBuf,
    /// `(language code, file)`, sorted by code.
    pub translations: Vec<(String, PathBuf)>,
}

#[derive(Debug, Default)]
pub struct Layout {
    pub documents: Vec<Document>,
    /// Translations with no English document of the same name, with the reason.
    pub orphans: Vec<(PathBuf, String)>,
}

/// Reads the layout of `dir`. Only I/O errors fail.
pub fn discover(dir: &Path) -> std::io::Result<Layout> {
    let docs = dir.join("docs");
    let root = if docs.is_dir() {
        docs
    } else {
        dir.to_path_buf()
    };
    let mut layout = Layout::default();
    let mut subdirs = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&root)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let ft = e.file_type()?;
        if ft.is_dir() {
            if let Some(lang) = path
                .file_name()
                .and_then(|n| n.to_str())
                .filter(|n| is_language(n))
            {
                subdirs.push((lang.to_owned(), path.clone()));
            }
        } else if is_markdown(&path) {
            let name = stem(&path);
            layout.documents.push(Document {
                name,
                english: path,
                translations: Vec::new(),
            });
        }
    }
    for (lang, sub) in subdirs {
        let mut files: Vec<_> = std::fs::read_dir(&sub)?.collect::<Result<_, _>>()?;
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let path = f.path();
            if !f.file_type()?.is_file() || !is_markdown(&path) {
                continue;
            }
            let s = stem(&path);
            let name = s.strip_prefix(&format!("{lang}.")).unwrap_or(&s).to_owned();
            match layout.documents.iter_mut().find(|d| d.name == name) {
                Some(d) => d.translations.push((lang.clone(), path)),
                None => layout.orphans.push((
                    path,
                    format!("no English document `{name}.md` to translate"),
                )),
            }
        }
    }
    for d in &mut layout.documents {
        d.translations.sort();
    }
    Ok(layout)
}

/// `fr`, `de`, `pt-BR`, `zh-Hans`: a language subfolder.
pub fn is_language(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn is_markdown(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Why a mapped document is no playbook (a glossary, a guide, a help page, a README),
/// or None when it is one. A playbook says how to respond: response steps beyond
/// preparation, detection (events, notes), analysis, containment or recovery.
pub fn not_a_playbook(d: &Draft) -> Option<String> {
    let responds = d.steps.iter().any(|s| s.phase != "preparation")
        || !d.groups.is_empty()
        || !d.data_events.is_empty()
        || !d.detection_notes.is_empty()
        || !d.analysis.is_empty()
        || !d.containment.is_empty()
        || !d.recovery.is_empty();
    if responds {
        return None;
    }
    Some(format!(
        "no response steps, detection, analysis, containment or recovery{}: a guide, glossary or help page, not a playbook",
        if d.notes.is_empty() {
            String::new()
        } else {
            format!(" ({} section(s) of other text)", d.notes.len())
        }
    ))
}

/// The display name of a language code, for `book.toml`.
pub fn language_name(code: &str) -> String {
    match code.split(['-', '_']).next().unwrap_or(code) {
        "de" => "Deutsch",
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "it" => "Italiano",
        "ja" => "日本語",
        "ko" => "한국어",
        "pt" => "Português",
        "zh" => "中文",
        _ => code,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_layouts_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(docs.join("fr")).unwrap();
        std::fs::create_dir_all(docs.join("images")).unwrap();
        std::fs::write(docs.join("B.md"), "# B").unwrap();
        std::fs::write(docs.join("A.md"), "# A").unwrap();
        std::fs::write(docs.join("fr/fr.A.md"), "# A fr").unwrap();
        std::fs::write(docs.join("fr/fr.C.md"), "# C fr").unwrap();
        let l = discover(dir.path()).unwrap();
        let names: Vec<&str> = l.documents.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["A", "B"]);
        assert_eq!(l.documents[0].translations[0].0, "fr");
        assert_eq!(l.orphans.len(), 1);
        // Flat folder: the same rules apply to the folder itself.
        let flat = discover(&docs).unwrap();
        assert_eq!(flat.documents.len(), 2);
        assert!(is_language("pt-BR") && !is_language("images") && !is_language("docs"));
    }
}
