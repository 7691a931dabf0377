//! Renderers: pure functions from views to files. Nothing here touches the disk.

pub mod catalog;
pub mod detections;
pub mod html;
pub mod markdown;
pub mod markdown_inline;
pub mod search;

use crate::view::RenderContext;
use std::collections::BTreeMap;

/// Output files: path relative to the output folder (`/`-separated) → bytes. A BTreeMap
/// so that every listing of the output is in a stable order.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Every output of a build.
pub fn render_all(ctx: &RenderContext) -> Result<Files, String> {
    use crate::timing::stage;
    // The renderers are independent: run them side by side (each also parallel inside).
    let (html, (markdown, catalog)) = rayon::join(
        || stage("html", || html::render(ctx)),
        || {
            rayon::join(
                || stage("markdown", || markdown::render(ctx)),
                || {
                    stage("catalog", || {
                        let (catalog, mut files) = catalog::render(ctx)?;
                        files.extend(detections::render(ctx, &catalog)?);
                        Ok::<_, String>(files)
                    })
                },
            )
        },
    );
    let mut files = html?;
    files.extend(markdown?);
    files.extend(catalog?);
    files.insert(
        "playbook.schema.json".to_owned(),
        crate::schema::playbook_schema_text().into_bytes(),
    );
    Ok(files)
}
