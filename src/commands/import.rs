//! `irbook import FILE.md [--translation LANG=PATH]… | DIR [--dry-run]`: read, convert
//! (`crate::import`), write, report. The conversion itself lives in `src/import/`.

use super::exit;
use crate::cli::ImportArgs;
use crate::config;
use crate::import::batch::{self, Outcome};
use crate::import::translate::Translated;
use crate::import::{self, collection, Options};
use std::path::{Path, PathBuf};

pub fn run(args: &ImportArgs) -> i32 {
    let result = if args.file.is_dir() {
        import_dir(args)
    } else {
        import_file(args)
    };
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

fn import_file(args: &ImportArgs) -> Result<(), String> {
    let shown = args.file.display().to_string();
    let bytes = crate::read::bytes(&args.file, crate::read::MAX_MARKDOWN_BYTES, None)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    let name = file_name(&args.file);
    let opts = Options {
        id: args.id.clone(),
        source_name: name,
    };
    let imported = import::import_bytes(&bytes, &opts).map_err(|e| format!("{shown}: {e}"))?;
    eprint!("{}", imported.report.render(&shown));
    let en_text = String::from_utf8_lossy(&bytes).into_owned();
    let mut translations = Vec::new();
    for spec in &args.translations {
        let (lang, path) = spec
            .split_once('=')
            .filter(|(l, p)| collection::is_language(l) && !p.is_empty())
            .ok_or_else(|| {
                format!("`--translation {spec}`: write LANG=PATH, e.g. fr=playbook.fr.md")
            })?;
        let t = batch::translate_file(&imported, &en_text, lang, Path::new(path))?;
        eprint!("{}", t.report.render(path));
        translations.push(t);
    }
    if args.dry_run {
        return Ok(());
    }
    let writer = Writer::new(&args.book.dir, args.force)?;
    let path = writer.playbook(&imported.id, &imported.yaml)?;
    eprintln!("wrote {}", path.display());
    for t in &translations {
        eprintln!("wrote {}", writer.translation(&imported.id, t)?.display());
    }
    writer.add_languages(translations.iter().map(|t| t.lang.as_str()))?;
    eprintln!("next: review it (see the report above), then run `irbook check`");
    Ok(())
}

fn import_dir(args: &ImportArgs) -> Result<(), String> {
    if args.id.is_some() || !args.translations.is_empty() {
        return Err("--id and --translation apply to one file; a folder's ids come from the titles and its translations from its language folders".into());
    }
    let layout = collection::discover(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    if layout.documents.is_empty() {
        return Err(format!(
            "{}: no Markdown documents found",
            args.file.display()
        ));
    }
    let items = batch::import_all(&layout);
    for it in &items {
        let shown = it.document.english.display().to_string();
        match &it.outcome {
            Outcome::Playbook {
                imported,
                translations,
            } => {
                eprint!("{}", imported.report.render(&shown));
                for (t, (_, path)) in translations.iter().zip(&it.document.translations) {
                    eprint!("{}", t.report.render(&path.display().to_string()));
                }
            }
            Outcome::Skipped(why) => eprintln!("{shown}:0: skipped: {why}"),
            Outcome::Failed(why) => eprintln!("{shown}:0: failed: {why}"),
        }
        for (lang, e) in &it.translation_errors {
            eprintln!("{shown}:0: translation `{lang}` failed: {e}");
        }
    }
    out!("{}", batch::summary(&items, &layout.orphans));
    if args.dry_run {
        outln!("dry run: nothing written");
        return Ok(());
    }
    let writer = Writer::new(&args.book.dir, args.force)?;
    let mut langs = std::collections::BTreeSet::new();
    let mut written = 0;
    for it in &items {
        if let Outcome::Playbook {
            imported,
            translations,
        } = &it.outcome
        {
            writer.playbook(&imported.id, &imported.yaml)?;
            written += 1;
            for t in translations {
                writer.translation(&imported.id, t)?;
                langs.insert(t.lang.clone());
            }
        }
    }
    writer.add_languages(langs.iter().map(String::as_str))?;
    outln!(
        "wrote {written} playbook(s) in {} and {} language(s); next: run `irbook check`",
        writer.playbooks.display(),
        langs.len()
    );
    Ok(())
}

/// Writes into a book folder (which need not be a book yet).
struct Writer {
    root: PathBuf,
    playbooks: PathBuf,
    locales: PathBuf,
    force: bool,
}

impl Writer {
    fn new(dir: &Path, force: bool) -> Result<Writer, String> {
        let config_path = dir.join(config::FILE_NAME);
        let (playbooks, locales) = if config_path.exists() {
            let text = config::read_file(&config_path)
                .map_err(|e| format!("cannot read {}: {e}", config_path.display()))?;
            let cfg = config::parse(&text, config::FILE_NAME)
                .map_err(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message))?;
            (crate::load::playbooks_dir(dir, &cfg), dir.join("locales"))
        } else {
            (dir.join("content").join("playbooks"), dir.join("locales"))
        };
        Ok(Writer {
            root: dir.to_path_buf(),
            playbooks,
            locales,
            force,
        })
    }

    fn write_new(&self, path: &Path, text: &str) -> Result<(), String> {
        if path.exists() && !self.force {
            return Err(format!(
                "{} already exists (use --force to overwrite it)",
                path.display()
            ));
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn playbook(&self, id: &str, yaml: &str) -> Result<PathBuf, String> {
        let path = self.playbooks.join(format!("{id}.yaml"));
        self.write_new(&path, yaml)?;
        Ok(path)
    }

    fn translation(&self, id: &str, t: &Translated) -> Result<PathBuf, String> {
        let path = self.locales.join(&t.lang).join(format!("{id}.ftl"));
        self.write_new(&path, &t.ftl)?;
        Ok(path)
    }

    /// Adds `[language.<code>]` to book.toml for each language it lacks (creating a
    /// minimal book.toml when there is none), keeping the file's text as it is.
    fn add_languages<'a>(&self, langs: impl Iterator<Item = &'a str>) -> Result<(), String> {
        let path = self.root.join(config::FILE_NAME);
        let mut text = match config::read_file(&path) {
            Ok(t) => t,
            Err(crate::read::ReadError::NotFound) => {
                "[book]\ntitle = \"Incident response playbooks\"\n".to_owned()
            }
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let before = text.clone();
        for lang in langs {
            let header = format!("[language.{lang}]");
            if text.lines().any(|l| l.trim() == header) {
                continue;
            }
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!(
                "\n{header}\nname = \"{}\"\n",
                collection::language_name(lang)
            ));
        }
        if text != before || !path.exists() {
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        Ok(())
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
