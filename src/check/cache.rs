//! What the preview keeps of each playbook's front half between two rebuilds, and when
//! it may be reused.
//!
//! A playbook's unit (`playbook::check`) is a pure function of its YAML, of the `.ftl`
//! files it read (one per language, named after its id, or their absence), of
//! `book.toml` and of the registry (compiled in). So each unit is kept with the SHA-256
//! of its YAML and of each file it read, and of `book.toml`: on the next rebuild the
//! unit is reused when all of them hash the same, as a build system tracks the files a
//! step read. What spans playbooks (`ui.ftl`, `book.ftl`, ids, references) is not kept:
//! it is redone on every rebuild from the units, and costs little.
//!
//! Reading and hashing every file of a large book on every save costs more than the
//! check of the one playbook saved, so each fingerprint also remembers the file's
//! metadata (size, modification and change times, inode): a file whose metadata did
//! not change is not read again. As git does for its index, metadata taken less than
//! `RACY` after the file's last modification is not trusted (a second write within the
//! file system's clock tick would leave it unchanged): such files are hashed again.

use super::playbook::{Translation, Unit};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A fingerprint of a file's bytes (or of its absence).
type Hash = [u8; 32];

/// The front half of every playbook of the last check, by playbook file.
#[derive(Default)]
pub struct FrontCache {
    /// `book.toml` as last read: a change to it re-checks every playbook.
    config: Option<Hash>,
    units: HashMap<PathBuf, Kept>,
}

struct Kept {
    unit: Arc<Unit>,
    /// Each file the unit read, with its fingerprint: the YAML first.
    inputs: Vec<Input>,
}

/// A file a unit read.
#[derive(Clone)]
pub(super) struct Input {
    path: PathBuf,
    hash: Hash,
    /// Its metadata when it had these bytes, if that can be trusted to tell a change.
    stamp: Option<Stamp>,
}

/// What a playbook's lookup found.
pub(super) enum Lookup {
    /// Every file is unchanged: the unit, and its inputs with fresher metadata.
    Hit(Arc<Unit>, Vec<Input>),
    /// Check it again; the metadata of the files it will read, taken before.
    Miss(Stamps),
}

/// How the unit of a playbook came to be, for `FrontCache::replace`.
pub(super) enum Origin {
    Cached(Vec<Input>),
    Fresh(Stamps),
}

/// Files' metadata taken before a unit read them.
pub(super) type Stamps = Vec<(PathBuf, Option<Stamp>)>;

/// The metadata of the files the unit of `path` will read, taken before it reads them:
/// its YAML, and the `.ftl` files named like it (its id is the file's name, or the
/// playbook has an error; a file not stamped here is hashed at the next lookup).
fn before_reading(root: &Path, languages: &[String], path: &Path) -> Stamps {
    let stem = crate::i18n::file_stem(path);
    std::iter::once(path.to_path_buf())
        .chain(
            languages
                .iter()
                .map(|lang| root.join("locales").join(lang).join(format!("{stem}.ftl"))),
        )
        .map(|p| {
            let s = stamp(&p);
            (p, s)
        })
        .collect()
}

impl FrontCache {
    /// Forgets every unit when `book.toml` is not the one they were made with.
    pub(super) fn set_config(&mut self, config_text: &str) {
        let hash = hash_bytes(Some(config_text.as_bytes()));
        if self.config != Some(hash) {
            self.units.clear();
            self.config = Some(hash);
        }
    }

    /// The fingerprint of `book.toml` as last read (an input of every rendered page).
    pub fn config_hash(&self) -> Option<[u8; 32]> {
        self.config
    }

    /// The unit of the playbook at `path`, if every file it read is unchanged.
    pub(super) fn lookup(&self, root: &Path, languages: &[String], path: &Path) -> Lookup {
        let Some(kept) = self.units.get(path) else {
            return Lookup::Miss(before_reading(root, languages, path));
        };
        let mut inputs = Vec::with_capacity(kept.inputs.len());
        for input in &kept.inputs {
            // Taken before reading: a write after it shows in the next one.
            let now = stamp(&input.path);
            let same = (input.stamp.is_some() && input.stamp == now)
                || hash_file(root, &input.path) == input.hash;
            if !same {
                return Lookup::Miss(before_reading(root, languages, path));
            }
            inputs.push(Input {
                stamp: now,
                ..input.clone()
            });
        }
        Lookup::Hit(Arc::clone(&kept.unit), inputs)
    }

    /// Keeps exactly these units (a playbook removed from the book is forgotten). A
    /// reused unit keeps its fingerprints; a fresh one is fingerprinted from the texts
    /// it read (not from the disk again: a save in between would pair new fingerprints
    /// with old results). A playbook that did not load is not kept: it is checked again.
    pub(super) fn replace(
        &mut self,
        root: &Path,
        languages: &[String],
        units: impl Iterator<Item = (PathBuf, Arc<Unit>, Origin)>,
    ) {
        self.units = units
            .filter_map(|(path, unit, origin)| {
                let inputs = match origin {
                    Origin::Cached(inputs) => inputs,
                    Origin::Fresh(stamps) => inputs_of(root, languages, &path, &stamps, &unit)?,
                };
                Some((path, Kept { unit, inputs }))
            })
            .collect();
    }
}

/// The files a fresh unit read, with the fingerprints of the texts it read: its YAML and
/// the `.ftl` file of each language it looked for (an absent or refused one counts: a
/// file that appears or becomes readable must be read). None when the playbook did not
/// load. Metadata only where it was taken before the file was read (`stamps`).
fn inputs_of(
    root: &Path,
    languages: &[String],
    path: &Path,
    stamps: &Stamps,
    unit: &Unit,
) -> Option<Vec<Input>> {
    let stamp_of = |file: &Path| stamps.iter().find(|(p, _)| p == file).and_then(|(_, s)| *s);
    let source = unit.source.as_ref()?;
    let mut inputs = vec![Input {
        path: path.to_path_buf(),
        hash: hash_bytes(Some(source.text.as_bytes())),
        stamp: stamp_of(path),
    }];
    let id = source.doc.id.as_str();
    for (lang, t) in languages.iter().zip(&unit.translations) {
        let file = root.join("locales").join(lang).join(format!("{id}.ftl"));
        let hash = match t {
            Translation::Loaded(f) => hash_bytes(Some(f.text.as_bytes())),
            Translation::Absent | Translation::Refused => hash_bytes(None),
        };
        inputs.push(Input {
            stamp: stamp_of(&file),
            path: file,
            hash,
        });
    }
    Some(inputs)
}

/// How long after a file's last change its metadata starts to be trusted.
const RACY: std::time::Duration = std::time::Duration::from_secs(2);

/// A file's metadata, as far as it tells a change of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    inode: (u64, u64),
}

/// The metadata of `path` (through links, as it is read), if there is a file and its
/// last change is older than `RACY`.
#[cfg(unix)]
fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    let changed = m.modified().ok()?;
    if std::time::SystemTime::now().duration_since(changed).ok()? < RACY {
        return None;
    }
    Some(Stamp {
        len: m.len(),
        mtime: (m.mtime(), m.mtime_nsec()),
        ctime: (m.ctime(), m.ctime_nsec()),
        inode: (m.dev(), m.ino()),
    })
}

/// Elsewhere every file is read and hashed.
#[cfg(not(unix))]
fn stamp(_: &Path) -> Option<Stamp> {
    None
}

/// The fingerprint of a file as `check` would read it (under the same rules: a FIFO is
/// not opened, a link out of the book is not followed); any failure to read has one
/// fingerprint of its own, so that a file that becomes readable is read again.
fn hash_file(root: &Path, path: &Path) -> Hash {
    let bytes = crate::read::bytes(path, crate::read::MAX_FTL_BYTES, Some(root)).ok();
    hash_bytes(bytes.as_deref())
}

fn hash_bytes(bytes: Option<&[u8]>) -> Hash {
    let mut h = Sha256::new();
    match bytes {
        // A marker first, so that no file's bytes hash like a failure to read it.
        Some(b) => {
            h.update([1]);
            h.update(b);
        }
        None => h.update([0]),
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use crate::check::{check_book_cached, FrontCache};
    use std::path::Path;
    use std::time::{Duration, SystemTime};

    fn set_mtime(path: &Path, when: SystemTime) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(when).unwrap();
    }

    /// A save that keeps the size and puts the modification time back (as `touch -r`
    /// or some sync tools do) is still seen: the change time moved.
    #[test]
    fn a_change_behind_an_unchanged_mtime_is_still_seen() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(repo.join("book.toml"), dir.path().join("book.toml")).unwrap();
        crate::test_support::copy_dir(&repo.join("content"), &dir.path().join("content"));
        crate::test_support::copy_dir(&repo.join("locales"), &dir.path().join("locales"));
        let old = SystemTime::now() - Duration::from_secs(3600);
        let yaml = dir.path().join("content/playbooks/amazon-q.yaml");
        let ftl = dir.path().join("locales/fr/amazon-q.ftl");
        for f in [&yaml, &ftl] {
            set_mtime(f, old);
        }
        let mut front = FrontCache::default();
        let first = check_book_cached(dir.path(), &mut front).unwrap();
        assert_eq!(first.rechecked, ["content/playbooks/amazon-q.yaml"]);
        for _ in 0..2 {
            let again = check_book_cached(dir.path(), &mut front).unwrap();
            assert!(again.rechecked.is_empty(), "{:?}", again.rechecked);
        }
        let text = std::fs::read_to_string(&ftl).unwrap();
        let (from, to) = ("Réagir aux", "RÉAGIR AUX");
        assert_eq!(from.len(), to.len());
        std::fs::write(&ftl, text.replacen(from, to, 1)).unwrap();
        set_mtime(&ftl, old);
        let after = check_book_cached(dir.path(), &mut front).unwrap();
        assert_eq!(after.rechecked, ["content/playbooks/amazon-q.yaml"]);
        let file = &after.locales["fr"].files["amazon-q"];
        assert!(file.text.contains(to), "the new text is what was checked");
    }
}
