//! Putting a build on disk: every file goes into a fresh staging folder beside the output,
//! then one atomic step swaps it in. A failed or killed build leaves the previous output
//! whole, a reader never sees the output missing, and files of a removed playbook never
//! linger.
//!
//! ```text
//! let staging = Staging::create(&destination)?;   // checks, lock, leftovers, fresh folder
//! staging.write("en/index.html", &bytes)?;        // any number, from any thread
//! staging.commit()?;                              // marker, swap, old output removed
//! ```
//! Dropping a `Staging` without committing removes it and leaves the output untouched.

mod guard;
mod lock;
mod swap;

pub use guard::{resolve, Destination, Refusal, MARKER};

use lock::OutputLock;
use std::io;
use std::path::{Path, PathBuf};

/// Files by their `/`-separated path inside the output (what the renderers produce; the
/// same type as `render::Files`, named here so that writing depends on no renderer).
pub type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// Why writing the output failed. Every case exits 2 (usage or I/O).
#[derive(Debug)]
pub enum WriteError {
    /// The output folder may not be replaced (see `Destination::check`).
    Refused(Refusal),
    /// The disk said no.
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::Refused(r) => r.fmt(f),
            WriteError::Io(e) => e.fmt(f),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl From<Refusal> for WriteError {
    fn from(r: Refusal) -> Self {
        WriteError::Refused(r)
    }
}

/// A build being written. Holds the output's lock from `create` until it is committed or
/// dropped, so concurrent builds of one output queue instead of racing.
#[derive(Debug)]
pub struct Staging {
    /// The output, resolved (absolute, links followed).
    out: PathBuf,
    /// The folder being filled, beside the output (same file system, so renames work).
    dir: PathBuf,
    done: bool,
    _lock: OutputLock,
}

impl Staging {
    /// Checks that the destination may be replaced, takes its lock (waiting for another
    /// build of it), cleans what killed builds left, and creates an empty staging folder.
    pub fn create(dest: &Destination) -> Result<Staging, WriteError> {
        dest.check()?;
        let out = resolve(&dest.out);
        let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
            return Err(Refusal(format!(
                "refusing to write the book into {}: it is not a folder irbook can replace",
                dest.out.display()
            ))
            .into());
        };
        let name = name.to_string_lossy().into_owned();
        std::fs::create_dir_all(parent)?;
        let lock = OutputLock::acquire(
            &lock::lock_path(parent, &name),
            &dest.out.display().to_string(),
        )?;
        // Again under the lock: the build we waited for may have changed the folder.
        dest.check()?;
        clean_leftovers(parent, &name, &out);
        let dir = unique(parent, &format!(".{name}.irbook-new"));
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            out,
            dir,
            done: false,
            _lock: lock,
        })
    }

    /// The staging folder (for tools that write into it themselves).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, `rel` being a `/`-separated path inside the output. Creates its
    /// folders as needed. Safe to call from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        check_relative(rel)?;
        let path = self.dir.join(rel);
        match std::fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, bytes)
            }
            other => other,
        }
    }

    /// Creates `rel` for writing piece by piece (a large page streamed as it is made).
    pub fn create_file(&self, rel: &str) -> io::Result<std::fs::File> {
        check_relative(rel)?;
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::File::create(path)
    }

    /// Writes a whole set of files: folders first, once each, then the files in
    /// parallel (creating many small files is dominated by the file system).
    pub fn write_all(&self, files: &Files) -> io::Result<()> {
        use rayon::prelude::*;
        let mut dirs = std::collections::BTreeSet::new();
        for rel in files.keys() {
            check_relative(rel)?;
            if let Some((dir, _)) = rel.rsplit_once('/') {
                dirs.insert(dir);
            }
        }
        for dir in dirs {
            std::fs::create_dir_all(self.dir.join(dir))?;
        }
        files
            .par_iter()
            .try_for_each(|(rel, bytes)| std::fs::write(self.dir.join(rel), bytes))
    }

    /// Marks the folder as irbook's, swaps it in place of the output in one step, and
    /// removes the previous output.
    pub fn commit(mut self) -> Result<(), WriteError> {
        std::fs::write(self.dir.join(MARKER), guard::MARKER_TEXT)?;
        let old = unique(
            self.dir.parent().unwrap_or(Path::new(".")),
            &format!(".{}.irbook-old", self.name()),
        );
        let swapped = crate::timing::stage("swap", || swap::swap(&self.dir, &self.out, &old))?;
        self.done = true;
        if let swap::Swapped::Previous = swapped {
            remove_tree(&self.dir);
        }
        Ok(())
    }

    fn name(&self) -> String {
        self.out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            remove_tree(&self.dir);
        }
    }
}

/// Writes `files` as the whole new content of the destination.
pub fn write_atomically(dest: &Destination, files: &Files) -> Result<(), WriteError> {
    let staging = Staging::create(dest)?;
    crate::timing::stage("write files", || staging.write_all(files))?;
    staging.commit()
}

/// A path inside the output: relative, `/`-separated, no `.` or `..`.
fn check_relative(rel: &str) -> io::Result<()> {
    let bad = rel
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty() || part.contains('\\'));
    if bad {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {rel}"),
        ));
    }
    Ok(())
}

/// Removes what killed builds left beside the output: staging folders, and old outputs of
/// an interrupted fallback swap (after putting one back if the output is missing). Runs
/// under the output's lock, so none of them belongs to a live build.
fn clean_leftovers(parent: &Path, name: &str, out: &Path) {
    let new_prefix = format!(".{name}.irbook-new-");
    let old_prefix = format!(".{name}.irbook-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut leftovers: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let is_old = file.starts_with(&old_prefix);
            (is_old || file.starts_with(&new_prefix)).then(|| (is_old, e.path()))
        })
        .collect();
    leftovers.sort();
    for (is_old, path) in &leftovers {
        if *is_old {
            swap::recover(out, path);
        }
    }
    for (_, path) in leftovers {
        if std::fs::symlink_metadata(&path).is_ok() {
            remove_tree(&path);
        }
    }
}

/// Removes a folder: its files in parallel (a large book has tens of thousands, and
/// unlinking them one by one was the slowest part of a build), then its folders.
fn remove_tree(root: &Path) {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(f);
    });
    // Deepest first, so that each folder is empty when its turn comes.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = std::fs::remove_dir(&d);
    }
    let _ = std::fs::remove_dir_all(root); // anything left (e.g. a file added meanwhile)
}

fn unique(parent: &Path, stem: &str) -> PathBuf {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let candidate = parent.join(format!("{stem}-{pid}-{n}"));
        if std::fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(out: &Path) -> Destination {
        Destination {
            out: out.to_path_buf(),
            sources: Vec::new(),
            force: false,
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("book");
        let mut files = Files::new();
        files.insert("a.html".into(), b"one".to_vec());
        files.insert("x/old.html".into(), b"old".to_vec());
        write_atomically(&dest(&out), &files).unwrap();
        let mut next = Files::new();
        next.insert("a.html".into(), b"two".to_vec());
        write_atomically(&dest(&out), &next).unwrap();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"two");
        assert!(out.join(MARKER).is_file());
        assert!(
            !out.join("x/old.html").exists(),
            "files of the previous build linger"
        );
        assert_eq!(
            names(dir.path()),
            [".book.irbook-lock", "book"],
            "staging folders left behind"
        );
    }

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Files::new();
        files.insert("../evil".into(), b"x".to_vec());
        assert!(write_atomically(&dest(&dir.path().join("book")), &files).is_err());
        assert!(!dir.path().join("evil").exists());
        assert!(!dir.path().join("book").exists(), "output created anyway");
    }

    #[test]
    fn streamed_files_make_their_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("book");
        let staging = Staging::create(&dest(&out)).unwrap();
        staging.write("a/b/c.html", b"deep").unwrap();
        staging.write("top.html", b"top").unwrap();
        assert!(staging.write("/abs", b"x").is_err());
        staging.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/b/c.html")).unwrap(), b"deep");
    }

    #[test]
    fn a_dropped_staging_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("book");
        let mut files = Files::new();
        files.insert("a.html".into(), b"one".to_vec());
        write_atomically(&dest(&out), &files).unwrap();
        let staging = Staging::create(&dest(&out)).unwrap();
        staging.write("a.html", b"half").unwrap();
        drop(staging);
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"one");
        assert_eq!(names(dir.path()), [".book.irbook-lock", "book"]);
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("book");
        // A killed fallback swap: no output, the previous one under an old name.
        let old = dir.path().join(".book.irbook-old-99999-0");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("a.html"), "previous").unwrap();
        let stale = dir.path().join(".book.irbook-new-99999-0/x");
        std::fs::create_dir_all(&stale).unwrap();
        let other = dir.path().join(".other.irbook-new-1-0");
        std::fs::create_dir_all(&other).unwrap();
        let staging = Staging::create(&dest(&out)).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).unwrap(),
            "previous",
            "the previous output was not put back"
        );
        drop(staging);
        assert_eq!(
            names(dir.path()),
            [".book.irbook-lock", ".other.irbook-new-1-0", "book"]
        );
    }
}
