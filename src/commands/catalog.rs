//! `irbook catalog`: the detection catalog on standard output.

use super::exit;
use crate::build::{self, Failure};
use crate::cli::{CatalogArgs, Format};
use crate::render::catalog::{model::Catalog, CATALOG_FILE};

pub fn run(args: &CatalogArgs) -> i32 {
    // The whole pipeline runs, so that the catalog printed is byte for byte the one a
    // build writes; rendering is in memory and takes well under a second.
    let (_, files, diags) = match build::render_book(&args.book.dir) {
        Ok(r) => r,
        Err((Failure::Content, diags)) => {
            super::check::report(&diags, Format::Human, args.quiet);
            eprintln!("error: the book has errors: no catalog");
            return exit::CONTENT;
        }
        Err((Failure::Io(e), diags)) => {
            if !diags.items().is_empty() {
                super::check::report(&diags, Format::Human, args.quiet);
            }
            eprintln!("error: {e}");
            return exit::FAILURE;
        }
    };
    if !args.quiet && !diags.items().is_empty() {
        super::check::report(&diags, Format::Human, true);
    }
    let Some(bytes) = files.get(CATALOG_FILE) else {
        eprintln!("error: the build wrote no {CATALOG_FILE}");
        return exit::FAILURE;
    };
    let text = if args.events_only {
        match json_lines(bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                return exit::FAILURE;
            }
        }
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    };
    out!("{text}");
    exit::OK
}

/// One compact JSON object per event, each on its own line.
fn json_lines(catalog_json: &[u8]) -> Result<String, String> {
    let catalog: Catalog = serde_json::from_slice(catalog_json)
        .map_err(|e| format!("cannot read back the catalog: {e}"))?;
    let mut out = String::new();
    for event in &catalog.events {
        let line = serde_json::to_string(event).map_err(|e| e.to_string())?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}
