//! `book.toml`: the book's title, languages and output settings (mdBook-style sections).

use crate::diag::{self, Diagnostic};
use crate::model::Pos;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const FILE_NAME: &str = "book.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub book: BookSection,
    #[serde(default)]
    pub build: BuildSection,
    /// Languages of the book, keyed by code (`en`, `fr`…). The source language is always present.
    #[serde(default)]
    pub language: BTreeMap<String, Language>,
    /// Settings of each output (`[output.catalog]`…).
    #[serde(default)]
    pub output: OutputSection,
    /// The roles a step can name (`role: ir-lead`), keyed by id, with their name in the
    /// source language: `[roles] ir-lead = "Incident response lead"`.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSection {
    #[serde(default)]
    pub catalog: CatalogOutput,
}

/// `[output.catalog]`: the detection catalog and its exports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CatalogOutput {
    /// Where the built book is published (`https://…/`). Sigma rules must reference
    /// absolute URLs, so they link back to the playbooks only when this is set.
    #[serde(default)]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookSection {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The language the YAML sources are written in.
    #[serde(default = "default_source_language")]
    pub source_language: String,
    /// Folder holding `playbooks/` (relative to book.toml).
    #[serde(default = "default_src")]
    pub src: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildSection {
    /// Output folder (relative to book.toml).
    #[serde(default = "default_build_dir")]
    pub build_dir: String,
    /// A theme folder whose files override the default theme's, file by file.
    #[serde(default)]
    pub theme: Option<String>,
}

impl Default for BuildSection {
    fn default() -> Self {
        BuildSection {
            build_dir: default_build_dir(),
            theme: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The language's own name for itself ("English", "Français").
    pub name: String,
    /// The book's title in this language (default: `[book] title`).
    #[serde(default)]
    pub title: Option<String>,
    /// The book's description in this language (default: `[book] description`).
    #[serde(default)]
    pub description: Option<String>,
    /// Role names in this language, keyed by role id (default: the `[roles]` name).
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
}

fn default_source_language() -> String {
    "en".to_owned()
}
fn default_src() -> String {
    "content".to_owned()
}
fn default_build_dir() -> String {
    "book".to_owned()
}

impl Config {
    /// Language codes, source language first, then the others in alphabetical order.
    pub fn languages(&self) -> Vec<String> {
        let src = self.book.source_language.clone();
        let mut out = vec![src.clone()];
        out.extend(self.language.keys().filter(|k| **k != src).cloned());
        out
    }

    /// Translation targets: every language but the source.
    pub fn target_languages(&self) -> Vec<String> {
        self.languages().into_iter().skip(1).collect()
    }

    /// A role's name in a language, falling back to the source language's.
    pub fn role_name(&self, lang: &str, role: &str) -> Option<String> {
        let source = self.roles.get(role)?;
        Some(
            self.language
                .get(lang)
                .and_then(|l| l.roles.get(role))
                .unwrap_or(source)
                .clone(),
        )
    }

    pub fn language_name(&self, code: &str) -> String {
        self.language
            .get(code)
            .map(|l| l.name.clone())
            .unwrap_or_else(|| code.to_owned())
    }
}

/// Reads a `book.toml` (a regular file, UTF-8, of bounded size: a FIFO there used to
/// block irbook forever).
pub fn read_file(path: &std::path::Path) -> Result<String, crate::read::ReadError> {
    crate::read::text(path, crate::read::MAX_CONFIG_BYTES, None)
}

/// Parses `book.toml`; errors become diagnostics at their line and column.
pub fn parse(text: &str, shown: &str) -> Result<Config, Box<Diagnostic>> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let pos = e
            .span()
            .map(|s| offset_to_pos(text, s.start))
            .unwrap_or(Pos::new(1, 1));
        Box::new(
            Diagnostic::new(diag::CONFIG, shown, pos, e.message().to_owned())
                .help("see the README's book.toml section for the keys irbook understands"),
        )
    })?;
    if let Some(base) = &config.output.catalog.base_url {
        let ok = url::Url::parse(base).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok {
            return Err(Box::new(
                Diagnostic::new(
                    diag::CONFIG,
                    shown,
                    Pos::new(1, 1),
                    format!("`output.catalog.base-url` is not an http(s) URL: `{base}`"),
                )
                .help("write the address the book is published at, e.g. `https://security.example.com/playbooks/`"),
            ));
        }
    }
    for code in config.language.keys().chain([&config.book.source_language]) {
        if !is_language_code(code) {
            return Err(Box::new(
                Diagnostic::new(
                    diag::CONFIG,
                    shown,
                    Pos::new(1, 1),
                    format!("`{code}` is not a language code"),
                )
                .help("use a BCP 47 code such as `en`, `fr` or `pt-BR`"),
            ));
        }
    }
    Ok(config)
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// 1-based line and character column of a byte offset.
pub fn offset_to_pos(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Pos::new(line as u32, col as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_put_the_source_first() {
        let c = parse(
            "[book]\ntitle='t'\n[language.fr]\nname='Français'\n[language.en]\nname='English'\n",
            "book.toml",
        )
        .unwrap();
        assert_eq!(c.languages(), vec!["en", "fr"]);
        assert_eq!(c.target_languages(), vec!["fr"]);
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let e = parse("[book]\ntitle='t'\ntitel='x'\n", "book.toml").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("titel"), "{}", e.message);
    }

    #[test]
    fn catalog_base_url_must_be_http() {
        let ok = parse(
            "[book]\ntitle='t'\n[output.catalog]\nbase-url='https://x.example/pb/'\n",
            "book.toml",
        )
        .unwrap();
        assert_eq!(
            ok.output.catalog.base_url.as_deref(),
            Some("https://x.example/pb/")
        );
        let e = parse(
            "[book]\ntitle='t'\n[output.catalog]\nbase-url='pb/'\n",
            "book.toml",
        )
        .unwrap_err();
        assert!(e.message.contains("base-url"), "{}", e.message);
    }

    #[test]
    fn bad_language_code_is_reported() {
        let e = parse(
            "[book]\ntitle='t'\n[language.French]\nname='x'\n",
            "book.toml",
        )
        .unwrap_err();
        assert!(e.message.contains("French"));
    }
}
