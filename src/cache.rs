//! What the pipeline keeps of each playbook between two builds in one process (the
//! preview server keeps one `Cache` for its whole life; `irbook build` starts empty).
//!
//! Like Cargo's fingerprints, a playbook's rendered files are reused only when the hash
//! of everything they were made from is unchanged. What goes into the hash:
//! - the playbook's localized view in every language of the book (`view::PlaybookView`,
//!   as JSON). The view is what every renderer reads of a playbook: its YAML, its
//!   translations (any `.ftl` file of the language may hold one of its messages) and what
//!   the registry says of its events are all in it, already joined; so a change to any of
//!   them changes the view, and a change elsewhere (another playbook) does not;
//! - the inputs every page shares, `shared` below: the theme's templates, each language's
//!   interface strings (`ui.ftl` over the built-in ones), the book's title, description
//!   and languages (`book.toml`), and what names the book in its exports (its address or
//!   title). A change to one of them changes every playbook's key;
//! - what the rest of the book says of the playbook's events (`EventFacts`: common in
//!   some playbook, access level of the first occurrence): its Sigma rules and CACAO
//!   exports depend on it.
//!
//! The renderers' own code is not in the hash: a cache lives in one process, which runs
//! one version of irbook.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// A fingerprint: SHA-256 of a unit's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// Starts the key of a playbook rendered with the shared inputs whose key is `shared`.
    pub fn builder(shared: &Key) -> KeyBuilder {
        let mut h = Sha256::new();
        h.update(shared.0);
        KeyBuilder(h)
    }

    /// The key of the inputs every playbook's pages share.
    pub fn shared(bytes: &[u8]) -> Key {
        Key(Sha256::digest(bytes).into())
    }
}

/// A key being computed, input by input, without gathering the inputs in memory.
pub struct KeyBuilder(Sha256);

impl KeyBuilder {
    /// A value, as JSON written straight into the hash (a view is a large value: it is
    /// never held as text). A JSON value ends where its text says, so that two sequences
    /// of values cannot hash alike.
    pub fn json<T: serde::Serialize>(&mut self, value: &T) -> Result<(), String> {
        serde_json::to_writer(&mut self.0, value).map_err(|e| e.to_string())
    }

    /// Bytes, their length first (so that `["ab", "c"]` is not `["a", "bc"]`).
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    pub fn finish(self) -> Key {
        Key(self.0.finalize().into())
    }
}

/// Per-playbook results by playbook id, each with the key it was made from.
pub struct Cache<T> {
    units: HashMap<String, (Key, Arc<T>)>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache {
            units: HashMap::new(),
        }
    }
}

impl<T> Cache<T> {
    /// The result for `id` if it was made from inputs of key `key`.
    pub fn get(&self, id: &str, key: &Key) -> Option<Arc<T>> {
        match self.units.get(id) {
            Some((k, unit)) if k == key => Some(Arc::clone(unit)),
            _ => None,
        }
    }

    /// Keeps exactly these results (a playbook removed from the book is forgotten).
    pub fn replace(&mut self, units: impl Iterator<Item = (String, Key, Arc<T>)>) {
        self.units = units.map(|(id, key, unit)| (id, (key, unit))).collect();
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_reused_only_for_the_same_inputs() {
        let key_of = |shared: &Key, views: &[&str], facts: &[&[u8]]| {
            let mut b = Key::builder(shared);
            for v in views {
                b.json(v).unwrap();
            }
            for f in facts {
                b.bytes(f);
            }
            b.finish()
        };
        let shared = Key::shared(b"theme and ui");
        let key = key_of(&shared, &["view en", "view fr"], &[b"facts"]);
        let mut cache = Cache::default();
        cache.replace([("pb".to_owned(), key, Arc::new(1))].into_iter());
        assert_eq!(cache.get("pb", &key).as_deref(), Some(&1));
        let edited = key_of(&shared, &["view en!", "view fr"], &[b"facts"]);
        assert!(cache.get("pb", &edited).is_none());
        let other_facts = key_of(&shared, &["view en", "view fr"], &[b"facts 2"]);
        assert!(cache.get("pb", &other_facts).is_none());
        let other_theme = key_of(
            &Key::shared(b"theme 2"),
            &["view en", "view fr"],
            &[b"facts"],
        );
        assert!(cache.get("pb", &other_theme).is_none());
        // Boundaries count: ["ab", "c"] is not ["a", "bc"].
        assert_ne!(
            key_of(&shared, &["ab", "c"], &[]),
            key_of(&shared, &["a", "bc"], &[])
        );
        assert_ne!(
            key_of(&shared, &[], &[b"ab", b"c"]),
            key_of(&shared, &[], &[b"a", b"bc"])
        );
        assert!(cache.get("other", &key).is_none());
    }
}
