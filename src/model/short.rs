//! "A plain string where a string will do": `Short<T>` accepts either a string (the short
//! form of `T`) or a mapping with all of `T`'s fields.
//!
//! serde's `untagged` enums would do this too, but they buffer the input and lose every
//! source position inside; this visitor reads the mapping straight from the YAML
//! deserializer, so positions survive.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Implemented by types with a short string form.
pub trait FromShort: Sized {
    /// What the short form is, for error messages and the schema.
    const SHORT_FORM: &'static str;
    fn from_short(s: String) -> Self;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Short<T>(pub T);

impl<T> std::ops::Deref for Short<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

struct ShortVisitor<T>(PhantomData<T>);

impl<'de, T: FromShort + DeserializeOwned> Visitor<'de> for ShortVisitor<T> {
    type Value = Short<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}, or a mapping of its fields", T::SHORT_FORM)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Short(T::from_short(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Short(T::from_short(v)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Short)
    }
}

impl<'de, T: FromShort + DeserializeOwned> Deserialize<'de> for Short<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShortVisitor(PhantomData))
    }
}

impl<T: FromShort + JsonSchema> JsonSchema for Short<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Short_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let full = generator.subschema_for::<T>();
        json_schema!({
            "anyOf": [
                { "type": "string", "description": T::SHORT_FORM },
                full
            ]
        })
    }
}
