//! `irbook import`: a hand-written Markdown playbook (the conventions of the AWS
//! incident-response playbook collection) → irbook YAML source.
//!
//! The stages, one file each: `markdown` parses into a section tree (the only user of
//! pulldown-cmark), `classify` names sections by their headings, `sections` maps them to
//! a `Draft` (with `tables` for event tables and `links` for links broken by a space),
//! `emit` writes YAML, and `report` says what went where. The result is checked by
//! loading it back with irbook's own loader, so an import never writes a file that
//! `irbook check` could not read.

pub mod batch;
pub mod classify;
pub mod collection;
pub mod draft;
pub mod emit;
pub mod links;
pub mod markdown;
pub mod names;
pub mod report;
pub mod sections;
pub mod slug;
pub mod tables;
pub mod translate;

pub use report::{Kind, Report};

/// Inputs larger than this are refused: real playbooks are a few dozen KiB, and the
/// output must stay within the loader's budgets (`load::MAX_PLAYBOOK_BYTES`).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The playbook id; derived from the title when absent.
    pub id: Option<String>,
    /// How to name the source in the file's header comment and the report.
    pub source_name: String,
}

#[derive(Debug)]
pub struct Imported {
    pub id: String,
    pub yaml: String,
    pub report: Report,
    /// What was mapped, for translations to align with.
    pub draft: draft::Draft,
    /// The phases of the `[**PHASE**]` steps, in order.
    pub tagged_phases: Vec<&'static str>,
}

/// Why an import produced nothing (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Imports raw bytes: refuses non-UTF-8 and oversized input.
pub fn import_bytes(bytes: &[u8], opts: &Options) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ImportError(format!(
            "the file is {} bytes; imports are limited to {MAX_INPUT_BYTES} bytes",
            bytes.len()
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError(format!(
            "the file is not UTF-8 text (invalid byte at offset {}): is it really Markdown?",
            e.valid_up_to()
        ))
    })?;
    import_markdown(text, opts)
}

/// Imports Markdown text. Never panics; fails only when no id can be found or (a bug)
/// when the YAML it wrote does not load.
pub fn import_markdown(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError(format!(
            "the text is {} bytes; imports are limited to {MAX_INPUT_BYTES} bytes",
            text.len()
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = markdown::Doc::parse(text);
    let mut mapper = sections::Mapper::new(&doc, crate::registry::Registry::embedded());
    mapper.run();
    let mut report = mapper.report;
    let mut draft = mapper.draft;
    let tagged_phases = mapper.tagged_phases;
    let id = match &opts.id {
        Some(id) => id.clone(),
        None => {
            let id = slug::playbook_id(&draft.title).ok_or_else(|| {
                ImportError("cannot derive an id from the title: pass --id ID".into())
            })?;
            report.add(
                0,
                Kind::Guessed,
                format!("id `{id}` derived from the title (use --id to choose another)"),
            );
            id
        }
    };
    if !crate::validate::is_slug(&id) {
        return Err(ImportError(format!(
            "`{id}` is not a valid playbook id: use lower-case letters, digits and single `-`, starting with a letter"
        )));
    }
    draft.id = id.clone();
    let yaml = emit::yaml(&draft, &opts.source_name);
    // The importer's promise: what it writes loads. A failure here is a bug, reported
    // as an error rather than written to disk.
    crate::load::parse_playbook(&yaml, &format!("{id}.yaml")).map_err(|d| {
        ImportError(format!(
            "internal error: the converted playbook does not load ({}:{}: {}); please report this with the input file",
            d.line, d.column, d.message
        ))
    })?;
    Ok(Imported {
        id,
        yaml,
        report,
        draft,
        tagged_phases,
    })
}
