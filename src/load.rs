//! Reading a book from disk: `book.toml`, then every playbook, into typed values that
//! remember where each value came from. Never panics: every failure is a diagnostic.

#[cfg(test)]
mod edits;
mod light;
mod plain_yaml;
mod yaml_events;

use crate::config::{self, Config};
use crate::diag::{self, display_path, Diagnostic, Diagnostics};
use crate::model::{Playbook, Pos};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Playbooks larger than this are refused before parsing: real ones are a few dozen KiB.
pub const MAX_PLAYBOOK_BYTES: usize = crate::read::MAX_PLAYBOOK_BYTES as usize;

/// A parsed source file.
#[derive(Debug)]
pub struct Source<T> {
    pub path: PathBuf,
    /// The path as shown in diagnostics (relative to the book root).
    pub shown: String,
    pub text: Arc<str>,
    pub doc: T,
}

#[derive(Debug)]
pub struct Book {
    pub root: PathBuf,
    pub config: Config,
    /// Shared: the preview keeps each playbook between rebuilds (`check::FrontCache`).
    pub playbooks: Vec<Arc<Source<Playbook>>>,
}

impl Book {
    pub fn playbooks_dir(&self) -> PathBuf {
        playbooks_dir(&self.root, &self.config)
    }
    pub fn locales_dir(&self) -> PathBuf {
        self.root.join("locales")
    }

    /// What the book is made of: `book.toml`, the content, `locales/` and the theme. A
    /// build may not write over any of them. A source folder that is the book's root
    /// itself (`src = "."`) stands for the part of it irbook reads.
    pub fn sources(&self) -> Vec<PathBuf> {
        let root = crate::write::resolve(&self.root);
        let narrow = |dir: PathBuf, inner: &[&str]| -> Vec<PathBuf> {
            if crate::write::resolve(&dir) == root {
                inner.iter().map(|i| dir.join(i)).collect()
            } else {
                vec![dir]
            }
        };
        let mut sources = vec![self.root.join(config::FILE_NAME), self.locales_dir()];
        sources.extend(narrow(
            self.root.join(&self.config.book.src),
            &["playbooks"],
        ));
        if let Some(theme) = &self.config.build.theme {
            sources.extend(narrow(self.root.join(theme), &["templates", "assets"]));
        }
        sources
    }
}

pub fn playbooks_dir(root: &Path, config: &Config) -> PathBuf {
    root.join(&config.book.src).join("playbooks")
}

/// Failures that are not about the content: no book here, unreadable folder.
#[derive(Debug)]
pub struct LoadFailure(pub String);

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `root` holds a book at all (a `book.toml`, readable or not: what is wrong
/// with it is content, reported when it is loaded). Commands that start before loading
/// (`serve`) call it to exit 2 at once where there is no book.
pub fn find_book(root: &Path) -> Result<(), LoadFailure> {
    match std::fs::symlink_metadata(root.join(config::FILE_NAME)) {
        Ok(_) => Ok(()),
        Err(_) => Err(not_a_book(root)),
    }
}

fn not_a_book(root: &Path) -> LoadFailure {
    if root.is_dir() {
        LoadFailure(format!(
            "no {} in {}: is this an irbook book? (`irbook new` starts one)",
            config::FILE_NAME,
            root.display()
        ))
    } else {
        LoadFailure(format!(
            "{} is not a folder: name the book's folder (the one holding {})",
            root.display(),
            config::FILE_NAME
        ))
    }
}

/// Loads `book.toml` and every playbook. Content problems go into the diagnostics; an
/// absent or unreadable book is a `LoadFailure` (exit 2).
pub fn load_book(root: &Path) -> Result<(Option<Book>, Diagnostics), LoadFailure> {
    let mut diags = Diagnostics::new();
    let Some(opened) = open_book(root, &mut diags)? else {
        return Ok((None, diags));
    };
    let results: Vec<(Option<Source<Playbook>>, Diagnostics)> = opened
        .files
        .par_iter()
        .map(|path| load_playbook_file(root, path))
        .collect();
    let mut playbooks = Vec::new();
    for (source, d) in results {
        diags.merge(d);
        playbooks.extend(source.map(Arc::new));
    }
    let book = Book {
        root: root.to_path_buf(),
        config: opened.config,
        playbooks,
    };
    Ok((Some(book), diags))
}

/// A book before its playbooks are read: its config and the playbook files to read.
pub struct Opened {
    pub config: Config,
    /// `book.toml` as read (what the config was parsed from).
    pub config_text: Arc<str>,
    /// The playbook files, sorted; misnamed ones are reported instead.
    pub files: Vec<PathBuf>,
}

/// Reads `book.toml` and lists the playbook files. `None` when `book.toml` is not a good
/// config (the diagnostics say why); a `LoadFailure` when there is no book at all.
pub fn open_book(root: &Path, diags: &mut Diagnostics) -> Result<Option<Opened>, LoadFailure> {
    let config_path = root.join(config::FILE_NAME);
    let text = match crate::read::text(&config_path, crate::read::MAX_CONFIG_BYTES, Some(root)) {
        Ok(t) => t,
        Err(crate::read::ReadError::NotFound) => return Err(not_a_book(root)),
        Err(crate::read::ReadError::Io(e)) => {
            return Err(LoadFailure(format!(
                "cannot read {}: {e}",
                config_path.display()
            )))
        }
        // A FIFO, a device, a huge or non-UTF-8 book.toml: a problem of the book's
        // content, reported like any other (with the position of a bad byte).
        Err(e) => {
            diags.push(e.to_diagnostic(config::FILE_NAME));
            return Ok(None);
        }
    };
    let config_text: Arc<str> = text.into();
    diags.add_source(config::FILE_NAME, config_text.clone());
    let config = match config::parse(&config_text, config::FILE_NAME) {
        Ok(c) => c,
        Err(d) => {
            diags.push(*d);
            return Ok(None);
        }
    };
    let dir = playbooks_dir(root, &config);
    let files = playbook_files(&dir)
        .map_err(|e| LoadFailure(format!("cannot list {}: {e}", dir.display())))?;
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|path| match misnamed(path) {
            Some(d) => {
                diags.push(d.located(&display_path(root, path)));
                false
            }
            None => true,
        })
        .collect();
    Ok(Some(Opened {
        config,
        config_text,
        files,
    }))
}

/// The playbook files of a folder, sorted by name (a missing folder holds none): every
/// entry whose extension is `yaml` or `yml` in any case, whatever it is. Special files,
/// link loops and misnamed files are kept so that reading them reports them: skipping
/// them silently hid playbooks from `check`.
pub fn playbook_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(crate::read::sorted_entries(dir)?
        .into_iter()
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        })
        .collect())
}

/// A playbook whose extension is not lower case (`x.YAML`): irbook and the editors'
/// schema mapping only look at `*.yaml`, so it is reported rather than read.
struct Misnamed(String);

impl Misnamed {
    fn located(self, shown: &str) -> Diagnostic {
        Diagnostic::new(diag::FILE_NAME, shown, Pos::UNKNOWN, self.0)
            .help("rename the file with a lower-case `.yaml` extension")
    }
}

fn misnamed(path: &Path) -> Option<Misnamed> {
    let ext = path.extension()?.to_str()?;
    (ext != "yaml" && ext != "yml").then(|| {
        Misnamed(format!(
            "the extension `.{ext}` is not `.yaml`: the playbook is not read"
        ))
    })
}

/// Reads and parses one playbook file.
pub fn load_playbook_file(root: &Path, path: &Path) -> (Option<Source<Playbook>>, Diagnostics) {
    let (text, mut diags, shown) = match read_playbook_file(root, path) {
        Ok(read) => read,
        Err(diags) => return (None, diags),
    };
    match parse_playbook(&text, &shown) {
        Ok(doc) => (
            Some(Source {
                path: path.to_path_buf(),
                shown,
                text,
                doc,
            }),
            diags,
        ),
        Err(d) => {
            diags.push(*d);
            (None, diags)
        }
    }
}

/// Reads one playbook file: its text, the diagnostics that will quote it (holding it
/// as their source) and its path as shown. `Err` when it could not be read (said in the
/// diagnostics).
pub fn read_playbook_file(
    root: &Path,
    path: &Path,
) -> Result<(Arc<str>, Diagnostics, String), Diagnostics> {
    let mut diags = Diagnostics::new();
    let shown = display_path(root, path);
    match crate::read::shared_text(path, crate::read::MAX_PLAYBOOK_BYTES, Some(root)) {
        Ok(text) => {
            diags.add_source(&shown, text.clone());
            Ok((text, diags, shown))
        }
        Err(e) => {
            diags.push(e.to_diagnostic(&shown));
            Err(diags)
        }
    }
}

/// A playbook read the light way: without positions, and `None` whenever the full
/// `parse_playbook` must read it (see `light`). Keep it only when checking it finds
/// nothing to report.
pub fn parse_light(text: &str) -> Option<Playbook> {
    let mut playbook = light::parse(text)?;
    playbook.fill_short_form_positions();
    Some(playbook)
}

/// Parses a playbook from YAML text, with budgets against hostile input.
pub fn parse_playbook(text: &str, shown: &str) -> Result<Playbook, Box<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::new(diag::MISSING_FIELD, shown, Pos::new(1, 1), "the file is empty").help(
                "a playbook needs at least `id`, `title` and `summary`; `irbook new <id>` writes a skeleton",
            ),
        ));
    }
    let mut playbook = serde_saphyr::from_str_with_options::<Playbook>(text, yaml_options())
        .map_err(|e| Box::new(crate::yaml_error::to_diagnostic(&e, text, shown)))?;
    playbook.fill_short_form_positions();
    Ok(playbook)
}

/// Parser options: strict booleans, and budgets that refuse hostile input (alias bombs,
/// deep nesting, huge scalars) quickly and in bounded memory.
pub fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: 40,
            max_nodes: 200_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_total_scalar_bytes: 8 * 1024 * 1024,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 20_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 200,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A billion-laughs document parsed into a generic value (which, unlike a playbook,
    /// accepts any shape) must hit a budget, not the memory limit.
    #[test]
    fn alias_bomb_breaks_a_budget() {
        let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let result =
            serde_saphyr::from_str_with_options::<serde_json::Value>(&bomb, yaml_options());
        let err = result.expect_err("the bomb must be refused");
        let d = crate::yaml_error::to_diagnostic(&err, &bomb, "bomb.yaml");
        assert_eq!(d.code, "E0105", "{}", d.message);
    }

    #[test]
    fn deep_nesting_breaks_a_budget() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let err = serde_saphyr::from_str_with_options::<serde_json::Value>(&deep, yaml_options())
            .expect_err("refused");
        let d = crate::yaml_error::to_diagnostic(&err, &deep, "deep.yaml");
        assert_eq!(d.code, "E0105", "{}", d.message);
    }
}
