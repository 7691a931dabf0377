//! One build at a time per output folder. Two builds of one output used to race on the
//! renames ("Directory not empty"); now the second waits for the first, and says so.
//!
//! The lock is an OS file lock (`flock` on Unix) on a small file beside the output, never
//! inside it (the output is swapped whole). The OS drops the lock when the process dies,
//! so a killed build never leaves a stale lock; the file itself stays, empty.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// Held while a build writes and swaps its output; released on drop.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// The lock file of the output `<parent>/<name>`.
pub fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.irbook-lock"))
}

impl OutputLock {
    /// Takes the lock, waiting (with a message on stderr) while another build holds it.
    pub fn acquire(path: &Path, shown: &str) -> io::Result<OutputLock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!("waiting for another build of {shown} to finish …");
                file.lock()?;
            }
            // A file system without locks (some network shares): build unguarded
            // rather than not at all.
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(TryLockError::Error(e)) => return Err(e),
        }
        Ok(OutputLock { _file: file })
    }
}
