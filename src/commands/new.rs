//! `irbook new <id>`: a playbook skeleton that passes `irbook check` (and a book around it
//! when the folder has none yet).

use super::exit;
use crate::cli::NewArgs;
use crate::config;
use crate::validate::is_slug;
use std::path::Path;

const TEMPLATE: &str = include_str!("../templates/new-playbook.yaml");

pub fn run(args: &NewArgs) -> i32 {
    match create(&args.book.dir, &args.id, args.force) {
        Ok(path) => {
            eprintln!("wrote {}", path.display());
            eprintln!("next: edit it, then run `irbook check`");
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}

fn create(dir: &Path, id: &str, force: bool) -> Result<std::path::PathBuf, String> {
    if !is_slug(id) {
        return Err(format!(
            "`{id}` is not a valid playbook id: use lower-case letters, digits and single `-`, starting with a letter"
        ));
    }
    let config_path = dir.join(config::FILE_NAME);
    let cfg = if config_path.exists() {
        let text = config::read_file(&config_path)
            .map_err(|e| format!("cannot read {}: {e}", config_path.display()))?;
        config::parse(&text, config::FILE_NAME)
            .map_err(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message))?
    } else {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let text = "[book]\ntitle = \"Incident response playbooks\"\n\n[language.en]\nname = \"English\"\n";
        std::fs::write(&config_path, text)
            .map_err(|e| format!("cannot write {}: {e}", config_path.display()))?;
        eprintln!("wrote {}", config_path.display());
        config::parse(text, config::FILE_NAME).map_err(|d| d.message)?
    };
    let playbooks = crate::load::playbooks_dir(dir, &cfg);
    let path = playbooks.join(format!("{id}.yaml"));
    if path.exists() && !force {
        return Err(format!(
            "{} already exists (use --force to overwrite it)",
            path.display()
        ));
    }
    std::fs::create_dir_all(&playbooks)
        .map_err(|e| format!("cannot create {}: {e}", playbooks.display()))?;
    let title = id
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = TEMPLATE.replace("{{id}}", id).replace("{{title}}", &title);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let schema_path = dir.join("schema").join("playbook.schema.json");
    if !schema_path.exists() {
        let _ = std::fs::create_dir_all(dir.join("schema"));
        std::fs::write(&schema_path, crate::schema::playbook_schema_text())
            .map_err(|e| format!("cannot write {}: {e}", schema_path.display()))?;
    }
    Ok(path)
}
