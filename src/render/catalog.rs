//! The catalog output: `catalog.json` (every event the playbooks look for, as data),
//! `catalog.schema.json` (its JSON Schema). Each playbook gives its piece
//! (`collect::piece`), from which `render::detections` derives its queries and Sigma
//! rules (with the book-wide `facts`); the pieces, made compact, are merged and written
//! (`stream`). Documented for consumers in `docs/catalog.md`.

mod collect;
pub mod facts;
pub mod model;
pub mod schema;
mod stream;

/// Path of the catalog in the output folder.
pub const CATALOG_FILE: &str = "catalog.json";
/// Path of its schema in the output folder.
pub const SCHEMA_FILE: &str = "catalog.schema.json";

pub use collect::{piece, Piece};
pub use stream::{merge, Compact, Merged};

/// Pretty JSON with a final newline: stable bytes for a stable catalog.
pub fn to_json(catalog: &model::Catalog) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(catalog)
        .map_err(|e| format!("cannot serialize the catalog: {e}"))?;
    text.push('\n');
    Ok(text)
}
