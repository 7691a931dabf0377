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
    inputs: Vec<(PathBuf, Hash)>,
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

    /// The unit of the playbook at `path`, if every file it read is unchanged.
    pub(super) fn get(&self, root: &Path, path: &Path) -> Option<Arc<Unit>> {
        let kept = self.units.get(path)?;
        kept.inputs
            .iter()
            .all(|(file, hash)| hash_file(root, file) == *hash)
            .then(|| Arc::clone(&kept.unit))
    }

    /// Keeps exactly these units (a playbook removed from the book is forgotten). A
    /// reused unit keeps its fingerprints; a fresh one is fingerprinted from the texts
    /// it read (not from the disk again: a save in between would pair new fingerprints
    /// with old results). A playbook that did not load is not kept: it is checked again.
    pub(super) fn replace(
        &mut self,
        root: &Path,
        languages: &[String],
        units: impl Iterator<Item = (PathBuf, Arc<Unit>, bool)>,
    ) {
        let mut old = std::mem::take(&mut self.units);
        for (path, unit, fresh) in units {
            let inputs = match old.remove(&path) {
                Some(kept) if !fresh => Some(kept.inputs),
                _ => inputs_of(root, languages, &path, &unit),
            };
            if let Some(inputs) = inputs {
                self.units.insert(path, Kept { unit, inputs });
            }
        }
    }
}

/// The files a fresh unit read, with the fingerprints of the texts it read: its YAML and
/// the `.ftl` file of each language it looked for (an absent or refused one counts: a
/// file that appears or becomes readable must be read). None when the playbook did not
/// load.
fn inputs_of(
    root: &Path,
    languages: &[String],
    path: &Path,
    unit: &Unit,
) -> Option<Vec<(PathBuf, Hash)>> {
    let source = unit.source.as_ref()?;
    let mut inputs = vec![(path.to_path_buf(), hash_bytes(Some(source.text.as_bytes())))];
    let id = source.doc.id.as_str();
    for (lang, t) in languages.iter().zip(&unit.translations) {
        let file = root.join("locales").join(lang).join(format!("{id}.ftl"));
        let hash = match t {
            Translation::Loaded(f) => hash_bytes(Some(f.text.as_bytes())),
            Translation::Absent | Translation::Refused => hash_bytes(None),
        };
        inputs.push((file, hash));
    }
    Some(inputs)
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
