//! Source positions for values read from YAML.
//!
//! `Sp<T>` is irbook's own wrapper around serde-saphyr's `Spanned<T>`: the rest of the
//! code (and the JSON Schema generator) never sees the YAML crate, so a major release of
//! it touches this file only.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// A 1-based line and column in a source file. `0:0` means "unknown".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const UNKNOWN: Pos = Pos { line: 0, col: 0 };

    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }

    /// The first position that is known, for values whose own span was lost.
    pub fn or(self, other: Pos) -> Pos {
        if self.is_known() {
            self
        } else {
            other
        }
    }
}

/// A value with the position of the YAML node it was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Sp<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Sp { value, pos }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

thread_local! {
    /// Off while `without_spans` runs on this thread.
    static SPANS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `f` with every `Sp` read as its bare value at an unknown position: the light
/// parse path of `load` reads YAML with no serde-saphyr deserializer to ask for spans.
pub fn without_spans<R>(f: impl FnOnce() -> R) -> R {
    /// Puts spans back on however `f` ends.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SPANS.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SPANS.with(|s| s.replace(false)));
    f()
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !SPANS.with(|s| s.get()) {
            return Ok(Sp::new(T::deserialize(deserializer)?, Pos::UNKNOWN));
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let loc = spanned.referenced;
        Ok(Sp {
            value: spanned.value,
            pos: Pos::new(clamp(loc.line()), clamp(loc.column())),
        })
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}
