//! Which folders a build may replace. The output is irbook's alone: it must not be, hold
//! or lie inside a source of the book, and a non-empty folder that no earlier build wrote
//! (no marker file) is replaced only with `--force`, as Zola does. Without these checks
//! `build-dir = ""` replaced the whole project with the built site.

use std::path::{Component, Path, PathBuf};

/// The file every output carries, so that the next build knows the folder is its own.
pub const MARKER: &str = ".irbook-output";

/// The marker's text: a reader who opens it learns why the folder may vanish.
pub const MARKER_TEXT: &str = "This folder is written by `irbook build` and replaced whole by \
the next build.\nDo not keep anything else here.\n";

/// Where a build goes, and what it must never touch.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The output folder, as given (relative to the current folder or absolute).
    pub out: PathBuf,
    /// The book's sources (files or folders): the output may not be, hold or lie in one.
    pub sources: Vec<PathBuf>,
    /// Replace a non-empty folder that carries no marker.
    pub force: bool,
}

/// Why an output folder is refused (exit 2: a usage error, nothing was written).
#[derive(Debug)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Destination {
    /// Checks that replacing `out` destroys nothing but an earlier output.
    pub fn check(&self) -> Result<(), Refusal> {
        let out = resolve(&self.out);
        let shown = self.out.display();
        for source in &self.sources {
            let source = resolve(source);
            let what = if source == out {
                "is"
            } else if source.starts_with(&out) {
                "contains"
            } else if out.starts_with(&source) {
                "lies inside"
            } else {
                continue;
            };
            return Err(Refusal(format!(
                "refusing to write the book into {shown}: that folder {what} the book's source \
                 {}, which the build would replace\n  \
                 help: choose an output folder outside the sources, e.g. `build-dir = \"book\"` \
                 in book.toml or `--dest-dir book`",
                source.display()
            )));
        }
        if self.force {
            return Ok(());
        }
        match std::fs::symlink_metadata(&out) {
            Err(_) => Ok(()), // absent: nothing to lose
            Ok(meta) if !meta.is_dir() => Err(Refusal(format!(
                "refusing to replace {shown}: it is not a folder\n  \
                 help: remove it, choose another output folder, or pass --force to replace it"
            ))),
            Ok(_) => {
                if out.join(MARKER).is_file() || is_empty_dir(&out) {
                    Ok(())
                } else {
                    Err(Refusal(format!(
                        "refusing to replace {shown}: the folder is not empty and no earlier \
                         irbook build wrote it (it has no {MARKER} file); every file in it \
                         would be lost\n  \
                         help: choose another output folder, or pass --force to replace it"
                    )))
                }
            }
        }
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// An absolute path with symbolic links and `..` resolved, for a path that may not exist
/// yet: the longest existing prefix is canonicalized, the rest is appended lexically
/// (a component that does not exist cannot be a link).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            break real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            // `..` at the end, or the root: give up resolving links, normalize lexically.
            _ => break PathBuf::new(),
        }
    };
    let mut out = if base.as_os_str().is_empty() {
        lexical(existing)
    } else {
        base
    };
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    lexical(&out)
}

/// Removes `.` and resolves `..` without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle='t'\n").unwrap();
        std::fs::create_dir_all(dir.path().join("content/playbooks")).unwrap();
        std::fs::create_dir_all(dir.path().join("locales/fr")).unwrap();
        dir
    }

    fn dest(root: &Path, out: PathBuf) -> Destination {
        Destination {
            out,
            sources: ["book.toml", "content", "locales"]
                .iter()
                .map(|s| root.join(s))
                .collect(),
            force: false,
        }
    }

    #[test]
    fn refuses_sources_and_their_ancestors() {
        let b = book();
        let root = b.path();
        for out in [
            root.to_path_buf(),
            root.join(""),
            root.join("."),
            root.join("content"),
            root.join("locales"),
            root.join("locales/fr"),
            root.join("content/x/.."),
            root.join("book.toml"),
            root.parent().unwrap().to_path_buf(),
        ] {
            let err = dest(root, out.clone()).check().expect_err("refused");
            assert!(err.0.contains("source"), "{out:?}: {err}");
        }
        assert!(dest(root, root.join("book")).check().is_ok());
        assert!(dest(root, root.join("content-out")).check().is_ok());
    }

    #[test]
    fn refuses_a_foreign_folder_unless_forced() {
        let b = book();
        let out = b.path().join("site");
        std::fs::create_dir_all(&out).unwrap();
        assert!(dest(b.path(), out.clone()).check().is_ok(), "empty is fine");
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = dest(b.path(), out.clone()).check().expect_err("refused");
        assert!(err.0.contains("--force"), "{err}");
        let mut forced = dest(b.path(), out.clone());
        forced.force = true;
        assert!(forced.check().is_ok());
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(dest(b.path(), out).check().is_ok(), "an earlier output");
    }

    #[test]
    fn force_never_allows_a_source() {
        let b = book();
        let mut d = dest(b.path(), b.path().join("content"));
        d.force = true;
        assert!(d.check().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn sees_through_symbolic_links() {
        let b = book();
        let link = b.path().join("out-link");
        std::os::unix::fs::symlink(b.path().join("content"), &link).unwrap();
        assert!(dest(b.path(), link.join("site")).check().is_err());
    }
}
