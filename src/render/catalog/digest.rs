//! The source digest: what the catalog was built from, without a timestamp (a timestamp
//! would make every rebuild differ and defeat caching and diffing).

use crate::i18n::Locale;
use crate::load::Source;
use crate::model::Playbook;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// `sha256:<hex>` over every playbook and Fluent file of the book, sorted by path (as shown
/// relative to the book root). Each file contributes its path, a NUL, its length as 8
/// big-endian bytes, then its bytes, so that no two different sets of files hash alike.
pub fn source_digest(
    playbooks: &[Arc<Source<Playbook>>],
    locales: &BTreeMap<String, Locale>,
) -> String {
    let mut files: Vec<(&str, &[u8])> = playbooks
        .iter()
        .map(|s| (s.shown.as_str(), s.text.as_bytes()))
        .collect();
    for locale in locales.values() {
        files.extend(
            locale
                .files
                .values()
                .map(|f| (f.shown.as_str(), f.text.as_bytes())),
        );
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    digest(&files)
}

fn digest(files: &[(&str, &[u8])]) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    }
    let mut out = String::from("sha256:");
    for b in hasher.finalize() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::digest;

    #[test]
    fn path_and_content_boundaries_matter() {
        let a = digest(&[("a", b"bc")]);
        let b = digest(&[("ab", b"c")]);
        assert_ne!(a, b);
        assert_eq!(a, digest(&[("a", b"bc")]));
        assert_eq!(a.len(), "sha256:".len() + 64);
    }
}
