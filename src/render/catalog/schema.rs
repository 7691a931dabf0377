//! `catalog.schema.json`: JSON Schema draft 2020-12, generated from the catalog types.

use super::model::{Catalog, CATALOG_VERSION};
use schemars::generate::SchemaSettings;

/// The schema's `$id`: one per major version of the format, since a consumer that
/// validates against 1.x accepts every 1.y catalog.
pub fn schema_id() -> String {
    let major = CATALOG_VERSION.split('.').next().unwrap_or("1");
    format!("urn:irbook:catalog:v{major}")
}

/// The schema as a JSON value.
pub fn catalog_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<Catalog>();
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    require_every_property(&mut value);
    if let Some(obj) = value.as_object_mut() {
        // Keep `$schema` first and `$id` right after it, as readers expect.
        let mut out = serde_json::Map::new();
        if let Some(s) = obj.remove("$schema") {
            out.insert("$schema".into(), s);
        }
        out.insert("$id".into(), schema_id().into());
        // `version` is an annotation (2020-12 ignores unknown keywords): the format
        // version this schema describes.
        out.insert("version".into(), CATALOG_VERSION.into());
        out.extend(std::mem::take(obj));
        *obj = out;
    }
    value
}

/// Pretty JSON text with a final newline.
pub fn catalog_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&catalog_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The catalog always writes every field (an unknown value is `null`, an empty list `[]`),
/// so every property of every object is required: consumers need not test for absence.
/// schemars leaves `Option` fields optional, hence this pass.
fn require_every_property(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(obj) => {
            if let Some(serde_json::Value::Object(props)) = obj.get("properties") {
                let keys: Vec<serde_json::Value> = props.keys().map(|k| k.clone().into()).collect();
                obj.insert("required".into(), keys.into());
            }
            obj.values_mut().for_each(require_every_property);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(require_every_property),
        _ => {}
    }
}
