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
    /// Keys older books had here: the translated title, description and role names now
    /// live in `locales/<lang>/book.ftl`, tracked like every translation. Read only to say so.
    #[serde(default)]
    title: Option<toml::Value>,
    #[serde(default)]
    description: Option<toml::Value>,
    #[serde(default)]
    roles: Option<toml::Value>,
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
    for (code, lang) in &config.language {
        let moved = [
            ("title", lang.title.is_some()),
            ("description", lang.description.is_some()),
            ("roles", lang.roles.is_some()),
        ];
        if let Some((key, _)) = moved.iter().find(|(_, present)| *present) {
            let table = format!("language.{code}");
            let pos = if *key == "roles" {
                table_pos(text, &format!("{table}.roles")).unwrap_or(key_pos(text, &table, key))
            } else {
                key_pos(text, &table, key)
            };
            return Err(Box::new(
                Diagnostic::new(
                    diag::CONFIG,
                    shown,
                    pos,
                    format!("`[{table}] {key}` is no longer read: the book's title, description and role names are translated in `locales/{code}/book.ftl`"),
                )
                .help(format!("remove it from book.toml, run `irbook i18n update` and write the translation in locales/{code}/book.ftl (`book_title`, `book_description`, `role_<id>`)")),
            ));
        }
    }
    Ok(config)
}

/// Where `key = …` is written under `[table]` in a TOML text (line start), else 1:1.
/// Positions of the book's own texts for diagnostics; the text is well-formed by then.
pub fn key_pos(text: &str, table: &str, key: &str) -> Pos {
    let mut current = String::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            current = header.trim_end_matches(']').trim().to_owned();
            continue;
        }
        let Some((k, _)) = line.split_once('=') else {
            continue;
        };
        let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
        if current == table && k == key {
            return Pos::new(n as u32 + 1, 1);
        }
    }
    Pos::new(1, 1)
}

/// Line of the `[table]` header.
fn table_pos(text: &str, table: &str) -> Option<Pos> {
    text.lines()
        .position(|l| {
            l.trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                == table
                && l.trim().starts_with('[')
        })
        .map(|n| Pos::new(n as u32 + 1, 1))
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
