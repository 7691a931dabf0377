//! `irbook import FILE.md [--id ID] [DIR]`: read, convert (`crate::import`), write,
//! report. The conversion itself lives in `src/import/`.

use super::exit;
use crate::cli::ImportArgs;
use crate::config;
use crate::import::{self, Options};
use std::path::{Path, PathBuf};

pub fn run(args: &ImportArgs) -> i32 {
    match import_file(args) {
        Ok(path) => {
            eprintln!("wrote {}", path.display());
            eprintln!("next: review it (see the report above), then run `irbook check`");
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

fn import_file(args: &ImportArgs) -> Result<PathBuf, String> {
    let shown = args.file.display().to_string();
    let bytes = crate::read::bytes(&args.file, crate::read::MAX_MARKDOWN_BYTES, None)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let opts = Options {
        id: args.id.clone(),
        source_name: name,
    };
    let imported = import::import_bytes(&bytes, &opts).map_err(|e| format!("{shown}: {e}"))?;
    eprint!("{}", imported.report.render(&shown));
    let dir = playbooks_dir(&args.book.dir)?;
    let path = dir.join(format!("{}.yaml", imported.id));
    if path.exists() && !args.force {
        return Err(format!(
            "{} already exists (use --force to overwrite it)",
            path.display()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(&path, imported.yaml)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The book's playbook folder: from its book.toml when there is one, else the default
/// `content/playbooks` (an import into a folder that is not a book yet).
fn playbooks_dir(dir: &Path) -> Result<PathBuf, String> {
    let config_path = dir.join(config::FILE_NAME);
    if !config_path.exists() {
        return Ok(dir.join("content").join("playbooks"));
    }
    let text = config::read_file(&config_path)
        .map_err(|e| format!("cannot read {}: {e}", config_path.display()))?;
    let cfg = config::parse(&text, config::FILE_NAME)
        .map_err(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message))?;
    Ok(crate::load::playbooks_dir(dir, &cfg))
}
