//! The theme: templates and assets. The default theme is compiled into the binary, so a
//! book needs no theme folder; a book's own theme folder (`[build] theme` in book.toml)
//! replaces any single file of it by putting a file at the same relative path
//! (`templates/playbook.html`, `assets/irbook.css`) and may add assets of its own.

use std::collections::BTreeMap;
use std::path::Path;

/// Default templates, by name as templates refer to each other.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../../themes/default/templates/macros.html"),
    ),
    (
        "chooser.html",
        include_str!("../../../themes/default/templates/chooser.html"),
    ),
    (
        "playbooks.html",
        include_str!("../../../themes/default/templates/playbooks.html"),
    ),
    (
        "playbook.html",
        include_str!("../../../themes/default/templates/playbook.html"),
    ),
    (
        "playbook_body.html",
        include_str!("../../../themes/default/templates/playbook_body.html"),
    ),
    (
        "playbook_response.html",
        include_str!("../../../themes/default/templates/playbook_response.html"),
    ),
    (
        "events.html",
        include_str!("../../../themes/default/templates/events.html"),
    ),
    (
        "triggers.html",
        include_str!("../../../themes/default/templates/triggers.html"),
    ),
    (
        "techniques.html",
        include_str!("../../../themes/default/templates/techniques.html"),
    ),
    (
        "print.html",
        include_str!("../../../themes/default/templates/print.html"),
    ),
];

/// Default assets, by path under `assets/`.
const ASSETS: &[(&str, &[u8])] = &[
    (
        "irbook.css",
        include_bytes!("../../../themes/default/assets/irbook.css"),
    ),
    (
        "irbook.js",
        include_bytes!("../../../themes/default/assets/irbook.js"),
    ),
    (
        "irbook-theme.js",
        include_bytes!("../../../themes/default/assets/irbook-theme.js"),
    ),
];

pub struct Theme {
    /// Template name → source.
    pub templates: BTreeMap<String, String>,
    /// Path under `assets/` (`/`-separated) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme, then the files of `dir` (when given) over it.
    pub fn load(dir: Option<&Path>) -> Result<Theme, String> {
        let mut theme = Theme {
            templates: TEMPLATES
                .iter()
                .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
                .collect(),
            assets: ASSETS
                .iter()
                .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
                .collect(),
        };
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(format!(
                    "the theme folder {} (book.toml, [build] theme) does not exist",
                    dir.display()
                ));
            }
            for (name, bytes) in files_under(&dir.join("templates"))? {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("theme template {name} is not UTF-8"))?;
                theme.templates.insert(name, text);
            }
            theme.assets.extend(files_under(&dir.join("assets"))?);
        }
        Ok(theme)
    }
}

/// Every file under `dir` (none if it does not exist), by `/`-separated relative path,
/// in a stable order.
fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read the theme: {e}"))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(|e| e.to_string())?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        // Editor backups and dotfiles are not part of a theme.
        if rel.split('/').any(|p| p.starts_with('.')) || rel.ends_with('~') {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
        out.push((rel, bytes));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_folder_overrides_one_file_and_adds_assets() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("assets/img")).unwrap();
        std::fs::write(dir.path().join("templates/events.html"), "custom").unwrap();
        std::fs::write(dir.path().join("assets/img/logo.svg"), "<svg/>").unwrap();
        let theme = Theme::load(Some(dir.path())).unwrap();
        assert_eq!(theme.templates["events.html"], "custom");
        assert_ne!(theme.templates["playbook.html"], "custom");
        assert_eq!(theme.assets["img/logo.svg"], b"<svg/>");
        assert!(theme.assets.contains_key("irbook.css"));
    }

    #[test]
    fn a_missing_theme_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Theme::load(Some(&dir.path().join("nope"))).is_err());
    }
}
