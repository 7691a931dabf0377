//! The html output (being built: see the issue tracker).

use super::Files;
use crate::build::RenderContext;

pub fn render(_ctx: &RenderContext) -> Result<Files, String> {
    Ok(Files::new())
}
