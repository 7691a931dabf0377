//! The JSON Schema of the playbook format, generated from the Rust types so it cannot drift.

use crate::model::Playbook;
use schemars::generate::SchemaSettings;

/// Draft-07, because that is what the YAML language server reads.
pub fn playbook_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Playbook>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// The schema as pretty JSON text with a final newline (what `irbook schema` prints).
pub fn playbook_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&playbook_schema()).unwrap_or_default();
    text.push('\n');
    text
}
