//! The catalog output: `catalog.json` (every event the playbooks look for, as data),
//! `catalog.schema.json` (its JSON Schema); `render::detections` derives queries and
//! Sigma rules from it. Documented for consumers in `docs/catalog.md`.

mod collect;
mod digest;
pub mod facts;
pub mod model;
pub mod schema;

use super::Files;
use crate::view::RenderContext;

/// Path of the catalog in the output folder.
pub const CATALOG_FILE: &str = "catalog.json";
/// Path of its schema in the output folder.
pub const SCHEMA_FILE: &str = "catalog.schema.json";

pub use collect::{merge, piece, Piece};

/// The catalog of the book, and its files: `catalog.json` and its schema. The detection
/// exports are derived from the catalog returned (see `render::detections`).
pub fn render(ctx: &RenderContext) -> Result<(model::Catalog, Files), String> {
    let catalog = collect::catalog(ctx);
    let files = files(&catalog)?;
    Ok((catalog, files))
}

/// `catalog.json` and `catalog.schema.json`.
pub fn files(catalog: &model::Catalog) -> Result<Files, String> {
    let mut files = Files::new();
    files.insert(CATALOG_FILE.to_owned(), to_json(catalog)?.into_bytes());
    files.insert(
        SCHEMA_FILE.to_owned(),
        schema::catalog_schema_text().into_bytes(),
    );
    Ok(files)
}

/// Pretty JSON with a final newline: stable bytes for a stable catalog.
pub fn to_json(catalog: &model::Catalog) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(catalog)
        .map_err(|e| format!("cannot serialize the catalog: {e}"))?;
    text.push('\n');
    Ok(text)
}
