//! `irbook schema`: print or write the playbook JSON Schema.

use super::exit;
use crate::cli::SchemaArgs;

pub fn run(args: &SchemaArgs) -> i32 {
    let text = crate::schema::playbook_schema_text();
    match &args.output {
        None => {
            out!("{text}");
            exit::OK
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                exit::FAILURE
            }
        },
    }
}
