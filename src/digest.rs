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
    let files: Vec<(&str, &[u8])> = in_order(playbooks, locales)
        .into_iter()
        .map(|(shown, content)| match content {
            Content::Text(text) | Content::Reread(_, text) => (shown, text.as_bytes()),
        })
        .collect();
    digest(&files)
}

/// A book's source digest, known now or made when the catalog asks for it.
///
/// A build lets the sources' texts go after the check, so its digest reads them all
/// again and hashes them in order: one thread, about a tenth of a second per thousand
/// playbooks. Made before the playbooks were rendered, that was a wait on the build's
/// critical path; made by the catalog (`later`), it runs beside the book-wide pages.
pub enum SourceDigest {
    Known(String),
    /// Every file of the book by shown path, sorted, with its text when it is held.
    Later(Vec<(String, Held)>),
}

/// A file's bytes as the digest reads them.
pub enum Held {
    Text(Arc<str>),
    /// Let go after the check: read again from this path.
    Reread(std::path::PathBuf),
}

impl SourceDigest {
    /// The digest of `playbooks` and `locales`, to be made by `value`: the texts they
    /// hold are kept (shared), the others will be read again.
    pub fn later(
        playbooks: &[Arc<Source<Playbook>>],
        locales: &BTreeMap<String, Locale>,
    ) -> SourceDigest {
        let files = in_order(playbooks, locales)
            .into_iter()
            .map(|(shown, content)| {
                let held = match content {
                    Content::Reread(path, _) => Held::Reread(path.to_path_buf()),
                    Content::Text(text) => Held::Text(Arc::clone(text)),
                };
                (shown.to_owned(), held)
            })
            .collect();
        SourceDigest::Later(files)
    }

    /// `sha256:<hex>` (see `source_digest`); `Err` when a file to read again can no
    /// longer be read.
    pub fn value(&self) -> Result<String, String> {
        let files = match self {
            SourceDigest::Known(digest) => return Ok(digest.clone()),
            SourceDigest::Later(files) => files,
        };
        let mut hasher = Sha256::new();
        for (shown, held) in files {
            let read;
            let bytes = match held {
                Held::Text(text) => text.as_bytes(),
                Held::Reread(path) => {
                    read = std::fs::read(path)
                        .map_err(|e| format!("cannot read {shown} again: {e}"))?;
                    &read[..]
                }
            };
            add(&mut hasher, shown, bytes);
        }
        Ok(finish(hasher))
    }
}

impl From<String> for SourceDigest {
    fn from(digest: String) -> SourceDigest {
        SourceDigest::Known(digest)
    }
}

/// A file's text, or where to read it when only a lean copy is held (in memory: its
/// text as held, empty for a playbook's).
enum Content<'a> {
    Text(&'a Arc<str>),
    Reread(&'a std::path::Path, &'a Arc<str>),
}

/// Every file of the book by shown path, sorted, each path once.
fn in_order<'a>(
    playbooks: &'a [Arc<Source<Playbook>>],
    locales: &'a BTreeMap<String, Locale>,
) -> Vec<(&'a str, Content<'a>)> {
    // A playbook's text is never empty (an empty file does not load): an empty one was
    // let go after the check.
    let mut files: Vec<(&str, Content)> = playbooks
        .iter()
        .map(|s| {
            let content = match s.text.is_empty() {
                true => Content::Reread(&s.path, &s.text),
                false => Content::Text(&s.text),
            };
            (s.shown.as_str(), content)
        })
        .collect();
    for locale in locales.values() {
        files.extend(locale.files.values().map(|f| {
            let content = match f.lean {
                true => Content::Reread(&f.path, &f.text),
                false => Content::Text(&f.text),
            };
            (f.shown.as_str(), content)
        }));
    }
    files.sort_by(|a, b| a.0.cmp(b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    files
}

fn add(hasher: &mut Sha256, path: &str, bytes: &[u8]) {
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update((bytes.len() as u64).to_be_bytes());
    hasher.update(bytes);
}

fn finish(hasher: Sha256) -> String {
    let mut out = String::from("sha256:");
    for b in hasher.finalize() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn digest(files: &[(&str, &[u8])]) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files {
        add(&mut hasher, path, bytes);
    }
    finish(hasher)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book of one playbook and its French file, both on disk.
    fn book(dir: &std::path::Path) -> (Vec<Arc<Source<Playbook>>>, BTreeMap<String, Locale>) {
        let yaml = "id: pb-a\ntitle: A\nsummary: S\n";
        let ftl = "pb-a-title = Titre\n-brand = Marque\n";
        std::fs::write(dir.join("pb-a.yaml"), yaml).unwrap();
        std::fs::write(dir.join("pb-a.ftl"), ftl).unwrap();
        let source = Source {
            path: dir.join("pb-a.yaml"),
            shown: "content/playbooks/pb-a.yaml".to_owned(),
            text: Arc::from(yaml),
            doc: crate::load::parse_light(yaml).expect("a playbook"),
        };
        let file = crate::i18n::LocaleFile::new(
            dir.join("pb-a.ftl"),
            "locales/fr/pb-a.ftl".to_owned(),
            Arc::from(ftl),
            crate::i18n::ftl::parse_checked(ftl),
        );
        let locale = Locale {
            lang: "fr".to_owned(),
            files: [("pb-a".to_owned(), Arc::new(file))].into(),
            unreadable: Default::default(),
        };
        (vec![Arc::new(source)], [("fr".to_owned(), locale)].into())
    }

    #[test]
    fn a_book_checked_for_a_build_has_the_digest_of_its_files_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let (playbooks, locales) = book(dir.path());
        let whole = source_digest(&playbooks, &locales);
        assert_eq!(
            SourceDigest::later(&playbooks, &locales).value(),
            Ok(whole.clone())
        );
        // As `check::Keep::Build` hands them over: no playbook text, lean translations.
        let lean_playbooks: Vec<_> = playbooks
            .iter()
            .map(|s| {
                Arc::new(Source {
                    text: Arc::from(""),
                    path: s.path.clone(),
                    shown: s.shown.clone(),
                    doc: crate::load::parse_light(&s.text).expect("a playbook"),
                })
            })
            .collect();
        let mut lean_locales = locales.clone();
        for locale in lean_locales.values_mut() {
            for f in locale.files.values_mut() {
                *f = Arc::new(f.lean());
            }
        }
        assert_eq!(
            SourceDigest::later(&lean_playbooks, &lean_locales).value(),
            Ok(whole)
        );
        std::fs::remove_file(dir.path().join("pb-a.ftl")).unwrap();
        assert!(SourceDigest::later(&lean_playbooks, &lean_locales)
            .value()
            .is_err());
    }

    #[test]
    fn path_and_content_boundaries_matter() {
        let a = digest(&[("a", b"bc")]);
        let b = digest(&[("ab", b"c")]);
        assert_ne!(a, b);
        assert_eq!(a, digest(&[("a", b"bc")]));
        assert_eq!(a.len(), "sha256:".len() + 64);
    }
}
