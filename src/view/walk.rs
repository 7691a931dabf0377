//! Walks the strings and flags of a view without building a copy of it.
//!
//! The search index and the outdated-translation marks read a playbook's view as data
//! (every string under the fields a section shows), so that a field added to a section
//! is searched and checked without a change there. Converting the view to a
//! `serde_json::Value` for that cost a tree of allocations per playbook and language,
//! several times over; this serde `Serializer` visits the same leaves in place.
//!
//! What a leaf is follows `serde_json::to_value`'s data model, so that the callers read
//! the same strings they read from a `Value`: unit enum variants are strings (`status:
//! active`), a newtype variant is an object of one field named by the variant, `None`
//! and numbers are nothing, map keys name their values.

use serde::ser::{self, Serialize, Serializer};
use std::fmt;

/// What a walk reports.
pub trait Visit {
    /// A string; `key` is the object field holding it (or the array it is an item of),
    /// `None` for the walked field's own value.
    fn string(&mut self, key: Option<&str>, s: &str);

    /// A boolean that is the direct value of field `key`.
    fn flag(&mut self, _key: &str, _value: bool) {}

    /// Whether to walk the value of object field `key` (default: every field).
    fn enter(&mut self, _key: &str) -> bool {
        true
    }
}

/// Walks the fields named `fields` of struct `value` (the others are skipped whole),
/// each from the top: its value is visited with no key.
pub fn walk_fields<T: Serialize + ?Sized, V: Visit>(value: &T, fields: &[&str], visit: &mut V) {
    // A view cannot fail to serialize: its types are plain data. Nothing to report.
    let _ = value.serialize(Top { fields, visit });
}

/// Walks `value` whole, from the top (no key).
pub fn walk<T: Serialize + ?Sized, V: Visit>(value: &T, visit: &mut V) {
    let _ = value.serialize(Walker {
        visit,
        key: None,
        direct: false,
    });
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Result = std::result::Result<(), Error>;

/// The top-level struct: only the chosen fields are walked.
struct Top<'a, 'f, V> {
    fields: &'a [&'f str],
    visit: &'a mut V,
}

/// A value under field `key`; `direct` when it is the field's own value (not an item of
/// an array under it).
struct Walker<'a, V> {
    visit: &'a mut V,
    key: Option<&'a str>,
    direct: bool,
}

impl<V: Visit> Walker<'_, V> {
    fn child<'b>(&'b mut self, key: Option<&'b str>, direct: bool) -> Walker<'b, V> {
        Walker {
            visit: &mut *self.visit,
            key,
            direct,
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        if self.visit.enter(key) {
            value.serialize(self.child(Some(key), true))
        } else {
            Ok(())
        }
    }
}

/// A map: the key of the value to come, as a string (`serde_json` writes keys so).
struct MapWalker<'a, V> {
    walker: Walker<'a, V>,
    key: Option<String>,
}

macro_rules! nothing {
    ($($method:ident($ty:ty)),*) => {
        $(fn $method(self, _: $ty) -> Result { Ok(()) })*
    };
}

impl<'a, V: Visit> Serializer for Walker<'a, V> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = MapWalker<'a, V>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    nothing!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8])
    );

    fn serialize_bool(self, v: bool) -> Result {
        if let (Some(key), true) = (self.key, self.direct) {
            self.visit.flag(key, v);
        }
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result {
        self.visit.string(self.key, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result {
        self.visit.string(self.key, v);
        Ok(())
    }

    fn serialize_none(self) -> Result {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.field(variant, value)
    }

    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Self, Error> {
        Ok(Walker {
            direct: false,
            ..self
        })
    }

    fn serialize_tuple(self, len: usize) -> std::result::Result<Self, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> std::result::Result<Self, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> std::result::Result<Self, Error> {
        // `{variant: [items]}`: the items are walked only if the variant's field is.
        let walk = self.visit.enter(variant);
        Ok(Walker {
            visit: self.visit,
            key: walk.then_some(variant),
            direct: !walk,
        })
    }

    fn serialize_map(self, _: Option<usize>) -> std::result::Result<MapWalker<'a, V>, Error> {
        Ok(MapWalker {
            walker: self,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> std::result::Result<Self, Error> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> std::result::Result<Self, Error> {
        // `{variant: {fields}}`: the fields are walked only if the variant's field is.
        let walk = self.visit.enter(variant);
        Ok(Walker {
            visit: self.visit,
            key: walk.then_some(variant),
            direct: !walk,
        })
    }
}

impl<V: Visit> ser::SerializeSeq for Walker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        let key = self.key;
        value.serialize(self.child(key, false))
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<V: Visit> ser::SerializeTuple for Walker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<V: Visit> ser::SerializeTupleStruct for Walker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<V: Visit> ser::SerializeTupleVariant for Walker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        // `direct` marks a variant whose field is skipped (see serialize_tuple_variant).
        if self.direct {
            return Ok(());
        }
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<V: Visit> ser::SerializeStruct for Walker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<V: Visit> ser::SerializeStructVariant for Walker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        // `direct` marks a variant whose field is skipped (see serialize_struct_variant).
        if self.direct {
            return Ok(());
        }
        self.field(key, value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<V: Visit> ser::SerializeMap for MapWalker<'_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let mut text = None;
        key.serialize(KeyText(&mut text))?;
        self.key = text;
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        match self.key.take() {
            Some(key) => self.walker.field(&key, value),
            // A key that is not text: serde_json refuses such a map; nothing to walk.
            None => Ok(()),
        }
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<'f, V: Visit> Serializer for Top<'_, 'f, V> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    nothing!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8])
    );

    fn serialize_none(self) -> Result {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result {
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(not_a_struct())
    }

    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Self::SerializeSeq, Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple(self, _: usize) -> std::result::Result<Self::SerializeTuple, Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_struct())
    }

    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Self::SerializeMap, Error> {
        Err(not_a_struct())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> std::result::Result<Self, Error> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, Error> {
        Err(not_a_struct())
    }
}

impl<V: Visit> ser::SerializeStruct for Top<'_, '_, V> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        if !self.fields.contains(&key) {
            return Ok(());
        }
        value.serialize(Walker {
            visit: &mut *self.visit,
            key: None,
            direct: false,
        })
    }

    fn end(self) -> Result {
        Ok(())
    }
}

fn not_a_struct() -> Error {
    Error("walk_fields: not a struct".to_owned())
}

/// A map key as text, as `serde_json` writes it: strings, numbers, booleans, chars and
/// unit variants; anything else is no key.
struct KeyText<'a>(&'a mut Option<String>);

impl KeyText<'_> {
    fn set(self, text: String) -> Result {
        *self.0 = Some(text);
        Ok(())
    }
}

macro_rules! key_to_string {
    ($($method:ident($ty:ty)),*) => {
        $(fn $method(self, v: $ty) -> Result { self.set(v.to_string()) })*
    };
}

impl Serializer for KeyText<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    key_to_string!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str)
    );

    fn serialize_bytes(self, _: &[u8]) -> Result {
        Ok(())
    }

    fn serialize_none(self) -> Result {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.set(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Self::SerializeSeq, Error> {
        Err(no_key())
    }

    fn serialize_tuple(self, _: usize) -> std::result::Result<Self::SerializeTuple, Error> {
        Err(no_key())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, Error> {
        Err(no_key())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, Error> {
        Err(no_key())
    }

    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Self::SerializeMap, Error> {
        Err(no_key())
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStruct, Error> {
        Err(no_key())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, Error> {
        Err(no_key())
    }
}

fn no_key() -> Error {
    Error("a map key that is not text".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        UnitKind,
        Wrapped(String),
    }

    #[derive(Serialize)]
    struct Inner {
        text: String,
        outdated: bool,
        flags: Vec<bool>,
    }

    #[derive(Serialize)]
    struct Outer {
        id: String,
        kind: Kind,
        wrapped: Kind,
        count: usize,
        items: Vec<Inner>,
        note: Option<Inner>,
        absent: Option<String>,
        by_name: BTreeMap<String, String>,
    }

    #[derive(Default)]
    struct Seen {
        strings: Vec<(Option<String>, String)>,
        flags: Vec<(String, bool)>,
    }

    impl Visit for Seen {
        fn string(&mut self, key: Option<&str>, s: &str) {
            self.strings.push((key.map(str::to_owned), s.to_owned()));
        }
        fn flag(&mut self, key: &str, value: bool) {
            self.flags.push((key.to_owned(), value));
        }
        fn enter(&mut self, key: &str) -> bool {
            key != "id"
        }
    }

    fn outer() -> Outer {
        Outer {
            id: "skipped".into(),
            kind: Kind::UnitKind,
            wrapped: Kind::Wrapped("inside".into()),
            count: 3,
            items: vec![Inner {
                text: "first".into(),
                outdated: true,
                flags: vec![true],
            }],
            note: Some(Inner {
                text: "note".into(),
                outdated: false,
                flags: vec![],
            }),
            absent: None,
            by_name: [("k".to_owned(), "v".to_owned())].into(),
        }
    }

    fn pair(k: Option<&str>, s: &str) -> (Option<String>, String) {
        (k.map(str::to_owned), s.to_owned())
    }

    /// The leaves `serde_json::to_value` would hold, with the field naming each.
    #[test]
    fn visits_what_a_json_value_holds() {
        let mut seen = Seen::default();
        walk(&outer(), &mut seen);
        assert_eq!(
            seen.strings,
            [
                pair(Some("kind"), "unit-kind"),
                pair(Some("wrapped"), "inside"),
                pair(Some("text"), "first"),
                pair(Some("text"), "note"),
                pair(Some("k"), "v"),
            ]
        );
        // Only the direct values of a field: a list of flags is not a flag.
        assert_eq!(
            seen.flags,
            [
                ("outdated".to_owned(), true),
                ("outdated".to_owned(), false)
            ]
        );
    }

    #[test]
    fn walks_only_the_fields_asked() {
        let mut seen = Seen::default();
        walk_fields(&outer(), &["note", "id"], &mut seen);
        // A field asked is walked from the top (no key), whatever `enter` says of its
        // name; the others not at all.
        assert_eq!(
            seen.strings,
            [pair(None, "skipped"), pair(Some("text"), "note")]
        );
        assert_eq!(seen.flags, [("outdated".to_owned(), false)]);
    }
}
