//! Putting a build on disk atomically: everything is written into a fresh folder beside
//! the output, then swapped in with renames. A failed build leaves the previous output
//! untouched, and files of a removed playbook never linger.

use crate::render::Files;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` as the new content of `out`.
pub fn write_atomically(out: &Path, files: &Files) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".to_owned());
    let staging = unique(&parent, &format!(".{name}.irbook-new"));
    let result = crate::timing::stage("write files", || write_tree(&staging, files))
        .and_then(|()| crate::timing::stage("swap", || swap_in(&staging, out, &parent, &name)));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_tree(root: &Path, files: &Files) -> io::Result<()> {
    std::fs::create_dir_all(root)?;
    let mut dirs = std::collections::BTreeSet::new();
    for rel in files.keys() {
        if rel
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty())
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {rel}"),
            ));
        }
        if let Some((dir, _)) = rel.rsplit_once('/') {
            dirs.insert(dir);
        }
    }
    // Folders first, once each (not one create_dir_all per file); then the files, in
    // parallel: creating many small files is dominated by the file system, and a large
    // book has tens of thousands of them.
    for dir in dirs {
        std::fs::create_dir_all(root.join(dir))?;
    }
    use rayon::prelude::*;
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| std::fs::write(root.join(rel), bytes))
}

/// Renames the old output aside, the new one in, then removes the old one.
fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if out.exists() {
        let old = unique(parent, &format!(".{name}.irbook-old"));
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out); // put the previous output back
            return Err(e);
        }
        remove_tree(&old);
    } else {
        std::fs::rename(staging, out)?;
    }
    Ok(())
}

/// Removes a previous output: its files in parallel (a large book has tens of thousands,
/// and unlinking them one by one was the slowest part of a build), then its folders.
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
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("book");
        let mut files = Files::new();
        files.insert("a.html".into(), b"one".to_vec());
        files.insert("x/old.html".into(), b"old".to_vec());
        write_atomically(&out, &files).unwrap();
        let mut next = Files::new();
        next.insert("a.html".into(), b"two".to_vec());
        write_atomically(&out, &next).unwrap();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"two");
        assert!(
            !out.join("x/old.html").exists(),
            "files of the previous build linger"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders left behind");
    }

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Files::new();
        files.insert("../evil".into(), b"x".to_vec());
        assert!(write_atomically(&dir.path().join("book"), &files).is_err());
        assert!(!dir.path().join("evil").exists());
    }
}
