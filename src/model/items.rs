//! Keyed lists: the shape of every list of translatable items.
//!
//! A writer may type a list as a YAML sequence (items are then keyed by position: `1`, `2`…)
//! or as a mapping whose keys are short slugs (`forensics: Who decides…`). Keys become part
//! of the Fluent message ids, so a mapping lets writers reorder or insert items without
//! losing a single translation; a sequence is quicker to type for lists that rarely change.

use super::spanned::{Pos, Sp};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item<T> {
    /// The mapping key, or the 1-based position for a sequence.
    pub key: Sp<String>,
    pub value: Sp<T>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Items<T> {
    pub entries: Vec<Item<T>>,
    /// True when the writer used a sequence (positional keys).
    pub positional: bool,
}

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items {
            entries: Vec::new(),
            positional: false,
        }
    }
}

impl<T> Items<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, Item<T>> {
        self.entries.iter()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'a, T> IntoIterator for &'a Items<T> {
    type Item = &'a Item<T>;
    type IntoIter = std::slice::Iter<'a, Item<T>>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

struct ItemsVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemsVisitor<T> {
    type Value = Items<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list, or a mapping of short keys to items")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        // `escalation:` with nothing after it is an empty list, not an error.
        Ok(Items::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(value) = seq.next_element::<Sp<T>>()? {
            let key = Sp::new((entries.len() + 1).to_string(), value.pos);
            entries.push(Item { key, value });
        }
        Ok(Items {
            entries,
            positional: true,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Sp<String>>()? {
            let value: Sp<T> = map.next_value()?;
            let value = Sp::new(value.value, value.pos.or(key.pos));
            entries.push(Item { key, value });
        }
        Ok(Items {
            entries,
            positional: false,
        })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ItemsVisitor(PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for Items<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Items_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({
            "description": "A list of items, or a mapping of short keys (letters, digits, `-`, `_`) to items. Keys keep translations attached when items are reordered.",
            "anyOf": [
                { "type": "array", "items": item },
                {
                    "type": "object",
                    "propertyNames": { "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$" },
                    "additionalProperties": item
                },
                { "type": "null" }
            ]
        })
    }
}

/// Accepts `null` for an absent optional value, so `field:` with nothing is the default.
pub fn pos_of<T>(item: &Item<T>) -> Pos {
    item.value.pos.or(item.key.pos)
}
