//! Putting the finished staging folder in place of the output in one step.
//!
//! On Linux, `renameat2(RENAME_EXCHANGE)` swaps the two names atomically: at every
//! instant the output path names a whole build, the old one or the new one, and a kill at
//! any point leaves one of them there. The old build then sits under the staging name and
//! is removed (by this build, or as a leftover by the next one).
//!
//! Elsewhere, or on a file system that cannot exchange, the fallback is two renames (old
//! aside, new in). Between them the output is briefly absent; a build killed in that
//! window leaves the old output under `.NAME.irbook-old-*`, and the next build puts it
//! back before anything else (see `recover`).

use std::io;
use std::path::Path;

/// What the staging path holds after the swap.
pub enum Swapped {
    /// The previous output, to be removed.
    Previous,
    /// Nothing: there was no previous output.
    Nothing,
}

/// Makes `staging` the output. `old` is a free name for the fallback's two renames.
pub fn swap(staging: &Path, out: &Path, old: &Path) -> io::Result<Swapped> {
    if std::fs::symlink_metadata(out).is_err() {
        std::fs::rename(staging, out)?;
        return Ok(Swapped::Nothing);
    }
    match exchange(staging, out) {
        Ok(()) => return Ok(Swapped::Previous),
        Err(e) if !cannot_exchange(&e) => return Err(e),
        Err(_) => {}
    }
    std::fs::rename(out, old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(old, out); // put the previous output back
        return Err(e);
    }
    std::fs::rename(old, staging)?;
    Ok(Swapped::Previous)
}

/// After a killed fallback swap the output is missing and the previous one waits under
/// `old`: put it back, so the output is whole before this build starts.
pub fn recover(out: &Path, old: &Path) {
    if std::fs::symlink_metadata(out).is_err() && old.is_dir() {
        let _ = std::fs::rename(old, out);
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The errors that mean "this system or file system has no exchange", not "the swap
/// failed": old kernels (ENOSYS), file systems without it (EINVAL), other platforms.
fn cannot_exchange(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let code = e.raw_os_error();
        return code == Some(rustix::io::Errno::NOSYS.raw_os_error())
            || code == Some(rustix::io::Errno::INVAL.raw_os_error())
            || code == Some(rustix::io::Errno::NOTSUP.raw_os_error());
    }
    #[allow(unreachable_code)]
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, out, old) = (
            dir.path().join("new"),
            dir.path().join("out"),
            dir.path().join("old"),
        );
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("f"), "new").unwrap();
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("f"), "old").unwrap();
        assert!(matches!(
            swap(&staging, &out, &old).unwrap(),
            Swapped::Previous
        ));
        assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(staging.join("f")).unwrap(), "old");
        assert!(!old.exists());
    }

    #[test]
    fn recovers_the_previous_output_of_a_killed_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let (out, old) = (dir.path().join("out"), dir.path().join("old"));
        std::fs::create_dir(&old).unwrap();
        recover(&out, &old);
        assert!(out.is_dir() && !old.exists());
    }
}
