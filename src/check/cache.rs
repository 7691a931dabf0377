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
//!
//! Even that is some 3,000 file stats per save on a book of 1,000 playbooks. The
//! preview's watcher knows which paths changed (`Changes`): a unit none of whose files
//! is among them is reused without looking at the disk. That trust is given only where
//! a change cannot escape the watcher: not to a file reached through a link (a write to
//! the link's target names the target) or that has other hard links, nor under a
//! folder that is a link. When the watcher cannot tell what changed (its queue
//! overflowed, an event named no path, the first check), every file is checked as
//! above.

use super::playbook::{Translation, Unit};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
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
    /// What changed since the units were checked, as far as the watcher knows (None:
    /// it did not say); the next check that keeps its units uses it up.
    changes: Option<Changes>,
    /// With `Changes::Only`: the folders (relative to the book's root) where the
    /// watcher sees every change, found by `note_changes`.
    watched_dirs: HashSet<PathBuf>,
}

/// What changed in the book's folder since the last check, as a watcher reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Changes {
    /// Unknown: every file's metadata is checked.
    #[default]
    Unknown,
    /// Only these paths, relative to the book's root; a folder stands for everything
    /// under it (a folder renamed or removed names only itself).
    Only(HashSet<PathBuf>),
}

impl Changes {
    /// Both sets of changes (a check that did not run leaves its changes to the next).
    pub fn merge(&mut self, other: Changes) {
        match (&mut *self, other) {
            (Changes::Only(mine), Changes::Only(theirs)) => mine.extend(theirs),
            _ => *self = Changes::Unknown,
        }
    }

    /// Whether `rel` (relative to the root) may have changed: it or a folder above it
    /// is named.
    fn touch(&self, rel: &Path) -> bool {
        match self {
            Changes::Unknown => true,
            Changes::Only(paths) => rel.ancestors().any(|a| paths.contains(a)),
        }
    }
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
    /// Whether a change to it shows as a change of its own path (not a link, no other
    /// hard link), if its folder is watched.
    plain: bool,
}

/// What a playbook's lookup found.
pub(super) enum Lookup {
    /// Every file is unchanged: the unit, and its inputs with fresher metadata.
    Hit(Arc<Unit>, Refreshed),
    /// Check it again; the metadata of the files it will read, taken before.
    Miss(Stamps),
}

/// How the unit of a playbook came to be, for `FrontCache::replace`.
pub(super) enum Origin {
    Cached(Refreshed),
    Fresh(Stamps),
}

/// The inputs of a reused unit with fresher metadata; None when they are as kept (the
/// watcher's word spared looking at them).
pub(super) type Refreshed = Option<Vec<Input>>;

/// Files' metadata taken before a unit read them, and whether each is plain.
pub(super) type Stamps = Vec<(PathBuf, Option<Stamp>, bool)>;

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
            let plain = is_plain(&p);
            (p, s, plain)
        })
        .collect()
}

/// Whether a change to the file at `path` is seen as a change of `path` by a watcher
/// of its folder: not a link, and no other name (a hard link) through which it may be
/// written. An absent file is plain: its creation names it.
#[cfg(unix)]
fn is_plain(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match std::fs::symlink_metadata(path) {
        Ok(m) => !m.file_type().is_symlink() && m.nlink() <= 1,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Elsewhere no change is taken on a watcher's word.
#[cfg(not(unix))]
fn is_plain(_: &Path) -> bool {
    false
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

    /// What changed in the book's folder `root` since the last check, as the watcher
    /// reports it; merged with the changes of a check that did not run to the end.
    pub fn note_changes(&mut self, root: &Path, changes: Changes) {
        match &mut self.changes {
            Some(noted) => noted.merge(changes),
            None => self.changes = Some(changes),
        }
        self.watched_dirs.clear();
        if self.changes == Some(Changes::Unknown) {
            return;
        }
        // A folder is watched when no link leads to it: its path from the root is the
        // one the watcher reports (it names the root canonically).
        let Ok(canonical) = std::fs::canonicalize(root) else {
            self.changes = Some(Changes::Unknown);
            return;
        };
        // A handful of folders among thousands of files: a list beats hashing each.
        let mut dirs: Vec<&Path> = Vec::new();
        for input in self.units.values().flat_map(|k| &k.inputs) {
            let dir = input.path.strip_prefix(root).ok().and_then(Path::parent);
            if let Some(dir) = dir.filter(|d| !dirs.contains(d)) {
                dirs.push(dir);
            }
        }
        self.watched_dirs = dirs
            .into_iter()
            .filter(|rel| {
                std::fs::canonicalize(root.join(rel)).is_ok_and(|c| c == canonical.join(rel))
            })
            .map(Path::to_path_buf)
            .collect();
    }

    /// Whether the watcher's word says `input` is unchanged.
    fn unchanged_by_word(&self, root: &Path, input: &Input) -> bool {
        let Some(changes) = &self.changes else {
            return false;
        };
        let Ok(rel) = input.path.strip_prefix(root) else {
            return false;
        };
        input.plain
            && rel.parent().is_some_and(|d| self.watched_dirs.contains(d))
            && !changes.touch(rel)
    }

    /// The unit of the playbook at `path`, if every file it read is unchanged.
    pub(super) fn lookup(&self, root: &Path, languages: &[String], path: &Path) -> Lookup {
        let Some(kept) = self.units.get(path) else {
            return Lookup::Miss(before_reading(root, languages, path));
        };
        if kept.inputs.iter().all(|i| self.unchanged_by_word(root, i)) {
            return Lookup::Hit(Arc::clone(&kept.unit), None);
        }
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
        Lookup::Hit(Arc::clone(&kept.unit), Some(inputs))
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
        let mut old = std::mem::take(&mut self.units);
        self.units = units
            .filter_map(|(path, unit, origin)| {
                let inputs = match origin {
                    Origin::Cached(Some(inputs)) => inputs,
                    Origin::Cached(None) => old.remove(&path)?.inputs,
                    Origin::Fresh(stamps) => inputs_of(root, languages, &path, &stamps, &unit)?,
                };
                Some((path, Kept { unit, inputs }))
            })
            .collect();
        // Used up: what changes from now on, the watcher reports next.
        self.changes = None;
        self.watched_dirs.clear();
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
    let stamp_of = |file: &Path| {
        stamps
            .iter()
            .find(|(p, ..)| p == file)
            .and_then(|(_, s, _)| *s)
    };
    // Not stamped before reading: not known to be plain.
    let plain_of = |file: &Path| stamps.iter().any(|(p, _, plain)| p == file && *plain);
    let source = unit.source.as_ref()?;
    let mut inputs = vec![Input {
        path: path.to_path_buf(),
        hash: hash_bytes(Some(source.text.as_bytes())),
        stamp: stamp_of(path),
        plain: plain_of(path),
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
            plain: plain_of(&file),
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
    use crate::check::{check_book_cached, Changes, FrontCache};
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, SystemTime};

    /// A copy of the repository's book, in a temporary folder.
    fn book() -> tempfile::TempDir {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(repo.join("book.toml"), dir.path().join("book.toml")).unwrap();
        crate::test_support::copy_dir(&repo.join("content"), &dir.path().join("content"));
        crate::test_support::copy_dir(&repo.join("locales"), &dir.path().join("locales"));
        dir
    }

    fn only(paths: &[&str]) -> Changes {
        Changes::Only(paths.iter().map(PathBuf::from).collect::<HashSet<_>>())
    }

    /// Rewrites `path` with the same size (as a change the watcher did not report).
    fn shout(path: &Path, from: &str, to: &str) {
        assert_eq!(from.len(), to.len());
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from:?} not in {}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// On the watcher's word, the files it does not name are not looked at: a change
    /// it did not report is not seen, until it cannot tell (an overflow) or names the
    /// file, or a folder above it.
    #[test]
    fn the_watchers_word_spares_looking_and_unknown_changes_look_again() {
        let dir = book();
        let root = dir.path();
        let yaml = "content/playbooks/amazon-q.yaml";
        let mut front = FrontCache::default();
        check_book_cached(root, &mut front).unwrap();
        shout(&root.join(yaml), "Amazon Q", "AMAZON Q");
        front.note_changes(root, only(&["locales/fr/ui.ftl"]));
        let trusted = check_book_cached(root, &mut front).unwrap();
        assert!(trusted.rechecked.is_empty(), "{:?}", trusted.rechecked);
        front.note_changes(root, Changes::Unknown);
        let rescan = check_book_cached(root, &mut front).unwrap();
        assert_eq!(rescan.rechecked, [yaml]);
        for named in [yaml, "content", ""] {
            shout(&root.join(yaml), "AMAZON Q", "Amazon Q");
            front.note_changes(root, only(&[named]));
            let again = check_book_cached(root, &mut front).unwrap();
            assert_eq!(again.rechecked, [yaml], "named {named:?}");
            shout(&root.join(yaml), "Amazon Q", "AMAZON Q");
            front.note_changes(root, Changes::Unknown);
            check_book_cached(root, &mut front).unwrap();
        }
    }

    /// Changes noted for a check that did not run to the end (book.toml broken) are
    /// kept for the next one.
    #[test]
    fn changes_wait_for_a_check_that_keeps_its_results() {
        let dir = book();
        let root = dir.path();
        let yaml = "content/playbooks/amazon-q.yaml";
        let mut front = FrontCache::default();
        check_book_cached(root, &mut front).unwrap();
        let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
        std::fs::write(root.join("book.toml"), "[book\n").unwrap();
        shout(&root.join(yaml), "Amazon Q", "AMAZON Q");
        front.note_changes(root, only(&["book.toml", yaml]));
        let broken = check_book_cached(root, &mut front).unwrap();
        assert!(broken.book.is_none());
        std::fs::write(root.join("book.toml"), config).unwrap();
        front.note_changes(root, only(&["book.toml"]));
        let fixed = check_book_cached(root, &mut front).unwrap();
        assert_eq!(fixed.rechecked, [yaml]);
    }

    /// A file reached through a link is looked at whatever the watcher says: a write
    /// to the link's target names the target.
    #[cfg(unix)]
    #[test]
    fn a_linked_file_is_looked_at_whatever_the_watcher_says() {
        let dir = book();
        let root = dir.path();
        let elsewhere = tempfile::tempdir().unwrap();
        let yaml = root.join("content/playbooks/amazon-q.yaml");
        let target = elsewhere.path().join("amazon-q.yaml");
        std::fs::rename(&yaml, &target).unwrap();
        std::os::unix::fs::symlink(&target, &yaml).unwrap();
        let mut front = FrontCache::default();
        check_book_cached(root, &mut front).unwrap();
        shout(&target, "Amazon Q", "AMAZON Q");
        front.note_changes(root, only(&[]));
        let after = check_book_cached(root, &mut front).unwrap();
        assert_eq!(after.rechecked, ["content/playbooks/amazon-q.yaml"]);
    }

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
