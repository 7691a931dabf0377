//! Identifiers of a CACAO export: the same on every build and machine, so that a SOAR tool
//! importing the playbook again updates it instead of adding a copy.
//!
//! - The playbook's UUID is a UUIDv5 (which CACAO allows for playbooks) of the book and the
//!   playbook id, in irbook's own namespace: CACAO reserves its namespace for ids made from
//!   the playbook's `name` and `playbook_types`, which change with a title or translation.
//!   The source language's export has that id; a translation is a separate playbook
//!   (`derived_from` the source's), whose UUID also covers its language.
//! - Every other object (steps, agents) must, or should, have a UUIDv4. Its 122 "random"
//!   bits are taken from a UUIDv5 of the playbook's UUID and the object's key (its kind
//!   and the step's key in the YAML), then the version and variant bits are set: a
//!   well-formed UUIDv4 that does not change between builds.

use uuid::{Builder, Uuid};

/// irbook's namespace for CACAO playbook ids (random, fixed forever: changing it changes
/// every id).
const NAMESPACE: Uuid = Uuid::from_u128(0xc7fa530a_3242_420a_8d64_703132604157);

/// What names a book: its published address when it has one (`[output.catalog]
/// base-url`), else its title in the source language.
pub fn book_identity(config: &crate::config::Config) -> String {
    match config.output.catalog.base_url.as_deref() {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => config.book.title.clone(),
    }
}

/// The playbook's UUIDv5; `lang` is None for the source language.
pub fn playbook_uuid(book: &str, playbook: &str, lang: Option<&str>) -> Uuid {
    // Newlines cannot occur in a playbook id or language code: the parts cannot run into
    // each other.
    let name = match lang {
        None => format!("{book}\n{playbook}"),
        Some(l) => format!("{book}\n{playbook}\n{l}"),
    };
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

/// `identity--<uuid v4>`: the book, as the creator of its playbooks.
pub fn creator_id(book: &str) -> String {
    let book = Uuid::new_v5(&NAMESPACE, format!("book\n{book}").as_bytes());
    object_id("identity", &book, "creator")
}

/// `<kind>--<uuid v4>` for the object `key` of the playbook `playbook`.
pub fn object_id(kind: &str, playbook: &Uuid, key: &str) -> String {
    let seed = Uuid::new_v5(playbook, format!("{kind}\n{key}").as_bytes());
    let v4 = Builder::from_random_bytes(seed.into_bytes()).into_uuid();
    format!("{kind}--{v4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_ids_are_stable_v4_and_distinct() {
        let p = playbook_uuid("Book", "amazon-q", None);
        assert_eq!(p.get_version_num(), 5);
        let a = object_id("action", &p, "step/rotate-keys");
        assert_eq!(a, object_id("action", &p, "step/rotate-keys"));
        let uuid = Uuid::parse_str(a.strip_prefix("action--").unwrap()).unwrap();
        assert_eq!(uuid.get_version_num(), 4);
        assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122);
        assert_ne!(a, object_id("action", &p, "step/other"));
        let fr = playbook_uuid("Book", "amazon-q", Some("fr"));
        assert_ne!(p, fr);
        assert_ne!(a, object_id("action", &fr, "step/rotate-keys"));
    }
}
