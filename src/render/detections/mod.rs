//! Exports for detection tools, written under `detections/`.

use super::catalog::model::Catalog;
use super::Files;
use crate::build::RenderContext;

pub fn render(_ctx: &RenderContext, _catalog: &Catalog) -> Result<Files, String> {
    Ok(Files::new())
}
