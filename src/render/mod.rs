//! Renderers: pure functions from views to files. Nothing here touches the disk.

pub mod catalog;
pub mod detections;
pub mod html;
pub mod markdown;
pub mod markdown_inline;

use crate::build::RenderContext;
use std::collections::BTreeMap;

/// Output files: path relative to the output folder (`/`-separated) → bytes. A BTreeMap
/// so that every listing of the output is in a stable order.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Every output of a build.
pub fn render_all(ctx: &RenderContext) -> Result<Files, String> {
    let mut files = Files::new();
    files.extend(html::render(ctx)?);
    files.extend(markdown::render(ctx)?);
    files.extend(catalog::render(ctx)?);
    files.insert(
        "playbook.schema.json".to_owned(),
        crate::schema::playbook_schema_text().into_bytes(),
    );
    Ok(files)
}
