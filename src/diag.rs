//! Diagnostics: one type for every error and warning irbook reports, rendered rustc-style
//! for people or as JSON for machines (CI annotations, editors).

use crate::model::Pos;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// A suggestion that is never a failure, not even under `--strict`.
    Hint,
}

/// Every kind of problem irbook reports, with its stable code and name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
}

macro_rules! codes {
    ($($id:ident = $code:literal $name:literal $sev:ident;)*) => {
        $(pub const $id: Code = Code { code: $code, name: $name, severity: Severity::$sev };)*
        /// All codes, for the documentation and tests.
        pub const ALL_CODES: &[Code] = &[$($id),*];
    };
}

codes! {
    IO = "E0001" "io" Error;
    CONFIG = "E0002" "config" Error;
    SPECIAL_FILE = "E0003" "special-file" Error;
    LINK_OUTSIDE_BOOK = "E0004" "link-outside-book" Error;
    NOT_UTF8 = "E0005" "not-utf8" Error;
    FILE_NAME = "E0006" "file-name" Error;
    YAML_SYNTAX = "E0100" "yaml-syntax" Error;
    UNKNOWN_KEY = "E0101" "unknown-key" Error;
    WRONG_TYPE = "E0102" "wrong-type" Error;
    MISSING_FIELD = "E0103" "missing-field" Error;
    BAD_VALUE = "E0104" "bad-value" Error;
    RESOURCE_LIMIT = "E0105" "resource-limit" Error;
    DUPLICATE_KEY = "E0106" "duplicate-key" Error;
    UNKNOWN_EVENT = "E0201" "unknown-event" Error;
    TRANSLATED_NAME = "E0202" "translated-name" Error;
    WRONG_SERVICE = "E0203" "event-in-other-service" Error;
    UNKNOWN_SERVICE = "E0204" "unknown-service" Error;
    UNKNOWN_RESOURCE_TYPE = "E0205" "unknown-resource-type" Error;
    UNKNOWN_IAM_ACTION = "E0206" "unknown-iam-action" Error;
    UNKNOWN_ENDPOINT = "E0207" "unknown-endpoint" Error;
    DUPLICATE_EVENT = "E0208" "duplicate-event" Error;
    COMMON_NOT_IN_TABLES = "E0209" "common-event-not-in-tables" Error;
    DUPLICATE_PLAYBOOK = "E0210" "duplicate-playbook-id" Error;
    BAD_URL = "E0211" "malformed-url" Error;
    ID_MISMATCH = "E0212" "id-mismatch" Error;
    BAD_KEY = "E0213" "invalid-key" Error;
    BAD_DATE = "E0214" "invalid-date" Error;
    UNKNOWN_TECHNIQUE = "E0215" "unknown-technique" Error;
    REVOKED_TECHNIQUE = "E0216" "revoked-technique" Error;
    UNKNOWN_ROLE = "E0217" "unknown-role" Error;
    UNKNOWN_PLAYBOOK = "E0218" "unknown-related-playbook" Error;
    BAD_FINDING_TYPE = "E0219" "malformed-finding-type" Error;
    BAD_CONTROL_ID = "E0220" "malformed-control-id" Error;
    DUPLICATE_ITEM = "W0301" "duplicate-item" Warning;
    DESCRIPTION_REPEATS_NAME = "W0302" "description-repeats-name" Warning;
    EMPTY_TEXT = "W0303" "empty-text" Warning;
    ENDPOINT_UNUSED = "W0304" "endpoint-mismatch" Warning;
    API_NAME_NOT_LOGGED = "W0305" "api-name-not-in-cloudtrail" Warning;
    NOT_CLOUD_TECHNIQUE = "W0306" "technique-not-cloud" Warning;
    UNKNOWN_FINDING_TYPE = "W0307" "unknown-finding-type" Warning;
    RETIRED_FINDING_TYPE = "W0308" "retired-finding-type" Warning;
    EVENT_WITHOUT_DESCRIPTION = "W0309" "event-without-description" Warning;
    SUGGEST_TECHNIQUE = "H0501" "suggested-technique" Hint;
    MISSING_TRANSLATION = "W0401" "missing-translation" Warning;
    OUTDATED_TRANSLATION = "W0402" "outdated-translation" Warning;
    FLUENT_SYNTAX = "E0403" "fluent-syntax" Error;
    OBSOLETE_TRANSLATION = "W0404" "obsolete-translation" Warning;
    FLUENT_REFERENCE = "E0405" "unresolved-reference" Error;
}

/// A secondary location, e.g. the English source of an outdated translation.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Path as shown to the user (relative to the book when possible).
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Length of the underlined text, in characters (at least 1).
    #[serde(skip)]
    pub width: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(code: Code, file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Self {
        let pos = if pos.is_known() { pos } else { Pos::new(1, 1) };
        Diagnostic {
            code: code.code,
            name: code.name,
            severity: code.severity,
            message: message.into(),
            file: file.into(),
            line: pos.line,
            column: pos.col,
            width: 1,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn related(mut self, file: &str, pos: Pos, message: impl Into<String>) -> Self {
        let pos = if pos.is_known() { pos } else { Pos::new(1, 1) };
        self.related.push(Related {
            file: file.to_owned(),
            line: pos.line,
            column: pos.col,
            message: message.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Collects diagnostics and the source text they point into.
#[derive(Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: BTreeMap<String, SourceText>,
}

/// A file's text with its line index, built once and only when a diagnostic asks for a
/// line (most files have none): a scan per diagnostic made large reports quadratic.
#[derive(Clone)]
struct SourceText {
    text: Arc<str>,
    lines: Arc<std::sync::OnceLock<lines::LineIndex>>,
}

impl SourceText {
    fn line(&self, line: u32) -> Option<&str> {
        self.lines
            .get_or_init(|| lines::LineIndex::new(&self.text))
            .line(&self.text, line)
    }
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file's text so that snippets can be shown for it.
    pub fn add_source(&mut self, file: &str, text: Arc<str>) {
        let lines = Arc::default();
        self.sources
            .insert(file.to_owned(), SourceText { text, lines });
    }

    /// Forgets the text of every file no diagnostic points into, so that what a check
    /// keeps grows with its diagnostics, not with the book. A diagnostic added later
    /// about such a file gets its text back from `missing_sources`.
    pub fn keep_sources_in_use(&mut self) {
        let used: std::collections::HashSet<&str> =
            self.items.iter().map(|d| d.file.as_str()).collect();
        self.sources.retain(|file, _| used.contains(file.as_str()));
    }

    /// Files that diagnostics point into but whose text is not here.
    pub fn missing_sources(&self) -> Vec<String> {
        let mut files: Vec<String> = self
            .items
            .iter()
            .filter(|d| !self.sources.contains_key(&d.file))
            .map(|d| d.file.clone())
            .collect();
        files.sort();
        files.dedup();
        files
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn merge(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.sources.extend(other.sources);
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn source(&self, file: &str) -> Option<&str> {
        self.sources.get(file).map(|s| &*s.text)
    }

    /// Line `line` (1-based) of a registered file, without its end of line.
    pub fn source_line(&self, file: &str, line: u32) -> Option<&str> {
        self.sources.get(file)?.line(line)
    }

    /// `--strict`: every warning becomes an error.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn hint_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Hint)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// YAML positions of quoted scalars point at the opening quote; move them onto the
    /// text itself so that the caret underlines the name, not the quote.
    pub fn skip_opening_quotes(&mut self) {
        for d in &mut self.items {
            let Some(line) = self.sources.get(&d.file).and_then(|s| s.line(d.line)) else {
                continue;
            };
            let at = line.chars().nth(d.column.saturating_sub(1) as usize);
            if d.width > 1 && matches!(at, Some('"') | Some('\'')) {
                d.column += 1;
            }
        }
    }

    /// For `build`: a file with more than `limit` missing translations gets one line
    /// saying how many, instead of one warning each (the pages show English for them;
    /// `check` lists every one).
    pub fn summarize_missing_translations(&mut self, limit: usize) {
        let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
        for d in &self.items {
            if d.code == MISSING_TRANSLATION.code {
                *per_file.entry(d.file.clone()).or_default() += 1;
            }
        }
        let collapse: BTreeMap<String, usize> =
            per_file.into_iter().filter(|(_, n)| *n > limit).collect();
        if collapse.is_empty() {
            return;
        }
        self.items
            .retain(|d| !(d.code == MISSING_TRANSLATION.code && collapse.contains_key(&d.file)));
        for (file, n) in collapse {
            let d = Diagnostic::new(
                MISSING_TRANSLATION,
                &file,
                Pos::new(1, 1),
                format!("{n} messages are not translated yet; their pages show the English"),
            )
            .help("`irbook check` lists each one; `irbook i18n status` shows the totals");
            self.items.push(d);
        }
        self.sort();
    }

    /// Stable order: by file, position, then code, so output is deterministic.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        self.items.dedup_by(|a, b| {
            a.file == b.file
                && a.line == b.line
                && a.column == b.column
                && a.code == b.code
                && a.message == b.message
        });
    }
}

/// The path shown for a file: relative to the book root when inside it.
pub fn display_path(root: &Path, file: &Path) -> String {
    let shown: PathBuf = file
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}

pub mod lines;
pub mod render;
