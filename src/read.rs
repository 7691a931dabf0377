//! Reading a source file of the book (book.toml, a playbook, a Fluent file, Markdown to
//! import) without trusting what sits at its path: only regular files are read (a FIFO
//! would block forever, `/dev/zero` would eat memory), never more than a size cap, never
//! through a symbolic link that leaves the book (its target's lines would end up in
//! diagnostics), and text must be UTF-8 (the error says where it is not).

use crate::diag::{self, Diagnostic};
use crate::model::Pos;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// book.toml: a few dozen lines in practice.
pub const MAX_CONFIG_BYTES: u64 = 256 * 1024;
/// One Fluent file: one playbook's translations, a few dozen KiB in practice.
pub const MAX_FTL_BYTES: u64 = 4 * 1024 * 1024;
/// A playbook: a few dozen KiB in practice.
pub const MAX_PLAYBOOK_BYTES: u64 = 4 * 1024 * 1024;
/// A Markdown playbook to import.
pub const MAX_MARKDOWN_BYTES: u64 = 4 * 1024 * 1024;

/// Why a source file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A FIFO, device, socket or folder where a file was expected.
    NotRegular(&'static str),
    /// A symbolic link that points (directly or not) back at itself.
    LinkLoop,
    /// A symbolic link whose target lies outside the book's folder.
    OutsideBook,
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// Not UTF-8: the position of the first bad byte.
    NotUtf8(Pos),
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("the file does not exist"),
            ReadError::NotRegular(kind) => write!(f, "this is {kind}, not a regular file"),
            ReadError::LinkLoop => f.write_str("this symbolic link leads back to itself"),
            ReadError::OutsideBook => {
                f.write_str("this symbolic link points outside the book's folder")
            }
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes; irbook reads at most {limit} bytes here"
            ),
            ReadError::NotUtf8(pos) => write!(
                f,
                "the file is not UTF-8 text (first bad byte at line {}, column {})",
                pos.line, pos.col
            ),
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

impl ReadError {
    /// The error as a diagnostic about `shown` (never quoting the file's content).
    pub fn to_diagnostic(&self, shown: &str) -> Diagnostic {
        let (code, pos, help) = match self {
            ReadError::NotRegular(_) => (
                diag::SPECIAL_FILE,
                Pos::UNKNOWN,
                "irbook reads regular files only; remove it or replace it with a file",
            ),
            ReadError::LinkLoop => (
                diag::SPECIAL_FILE,
                Pos::UNKNOWN,
                "point the link at a real file, or remove it",
            ),
            ReadError::OutsideBook => (
                diag::LINK_OUTSIDE_BOOK,
                Pos::UNKNOWN,
                "copy the file into the book, or make the link point inside the book's folder",
            ),
            ReadError::TooLarge { .. } => (
                diag::RESOURCE_LIMIT,
                Pos::UNKNOWN,
                "split the file; is it really a source of the book?",
            ),
            ReadError::NotUtf8(pos) => (diag::NOT_UTF8, *pos, "save the file as UTF-8"),
            ReadError::NotFound | ReadError::Io(_) => {
                (diag::IO, Pos::UNKNOWN, "check the file's permissions")
            }
        };
        Diagnostic::new(code, shown, pos, self.to_string()).help(help)
    }
}

/// Reads a text file of at most `limit` bytes. With `root`, a path that is (or passes
/// through) a symbolic link must resolve inside `root`.
pub fn text(path: &Path, limit: u64, root: Option<&Path>) -> Result<String, ReadError> {
    let bytes = bytes(path, limit, root)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        ReadError::NotUtf8(end_position(valid))
    })
}

/// `text` as shared text (what the loaders keep): the bytes are checked with a SIMD
/// UTF-8 validator and copied once into the `Arc`, where `text` then `into()` checked
/// them with the standard library's (slow on accented text) and copied them anyway.
pub fn shared_text(path: &Path, limit: u64, root: Option<&Path>) -> Result<Arc<str>, ReadError> {
    let bytes = bytes(path, limit, root)?;
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(Arc::from(text));
    }
    // The fast validator does not say where the first bad byte is: the standard one does.
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(Arc::from(text)),
        Err(e) => Err(ReadError::NotUtf8(end_position(&bytes[..e.valid_up_to()]))),
    }
}

/// Reads a file's bytes under the same rules as `text`.
pub fn bytes(path: &Path, limit: u64, root: Option<&Path>) -> Result<Vec<u8>, ReadError> {
    let link = std::fs::symlink_metadata(path).map_err(from_io)?;
    if link.file_type().is_symlink() {
        let target = std::fs::canonicalize(path).map_err(from_io)?;
        if let Some(root) = root {
            let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            if !target.starts_with(&root) {
                return Err(ReadError::OutsideBook);
            }
        }
    } else if let Some(root) = root {
        // A link on the way (a linked folder) counts too.
        if let (Ok(real), Ok(root)) = (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
            if !real.starts_with(&root) {
                return Err(ReadError::OutsideBook);
            }
        }
    }
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path).map_err(from_io)?;
    check_regular(&meta)?;
    let file = open_nonblocking(path).map_err(from_io)?;
    // Again on what was opened: the path may have changed in between.
    let opened = file.metadata().map_err(ReadError::Io)?;
    check_regular(&opened)?;
    // Sized from the start (one byte more, to see the end of the file): growing from
    // nothing took a dozen reads and as many copies per file (issue 11).
    let mut out = Vec::with_capacity(opened.len().min(limit) as usize + 1);
    file.take(limit + 1)
        .read_to_end(&mut out)
        .map_err(ReadError::Io)?;
    if out.len() as u64 > limit {
        let size = std::fs::metadata(path)
            .map(|m| m.len())
            .unwrap_or(out.len() as u64);
        return Err(ReadError::TooLarge { size, limit });
    }
    Ok(out)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn check_regular(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular(kind_of(meta)))
}

/// What a non-regular file is, in words.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

fn from_io(e: io::Error) -> ReadError {
    match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ if is_link_loop(&e) => ReadError::LinkLoop,
        _ => ReadError::Io(e),
    }
}

fn is_link_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// The 1-based line and column just after `valid` (where the first bad byte sits).
fn end_position(valid: &[u8]) -> Pos {
    let text = String::from_utf8_lossy(valid);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Pos::new(line as u32, column as u32)
}

/// A helper for listings: the entries of a folder, sorted (a missing folder has none).
pub fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        out.push(entry?.path());
    }
    out.sort();
    Ok(out)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("book.toml");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
        )
        .unwrap();
        let err = text(&fifo, 100, None).unwrap_err();
        assert!(
            matches!(err, ReadError::NotRegular(k) if k.contains("FIFO")),
            "{err}"
        );
    }

    #[test]
    fn a_device_is_refused() {
        let err = text(Path::new("/dev/zero"), 100, None).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular("a device")), "{err}");
    }

    #[test]
    fn shared_text_reads_and_refuses_as_text_does() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good");
        std::fs::write(&good, "é\nà la ligne\n").unwrap();
        assert_eq!(&*shared_text(&good, 100, None).unwrap(), "é\nà la ligne\n");
        let bad = dir.path().join("bad");
        std::fs::write(&bad, b"ok\ncaf\xe9 x\n").unwrap();
        let (Err(ReadError::NotUtf8(a)), Err(ReadError::NotUtf8(b))) =
            (shared_text(&bad, 100, None), text(&bad, 100, None))
        else {
            panic!("both refuse the file");
        };
        assert_eq!((a, b), (Pos::new(2, 4), Pos::new(2, 4)));
    }

    #[test]
    fn the_size_is_capped() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("big");
        std::fs::write(&f, vec![b'a'; 101]).unwrap();
        assert!(matches!(
            text(&f, 100, None),
            Err(ReadError::TooLarge {
                size: 101,
                limit: 100
            })
        ));
        assert_eq!(text(&f, 101, None).unwrap().len(), 101);
    }

    #[test]
    fn bad_utf8_has_a_position() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x");
        std::fs::write(&f, b"ab\ncd\xe9f\n").unwrap();
        let err = text(&f, 100, None).unwrap_err();
        assert!(
            matches!(err, ReadError::NotUtf8(p) if (p.line, p.col) == (2, 3)),
            "{err}"
        );
    }

    #[test]
    fn links_out_of_the_book_and_loops_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "password").unwrap();
        let book = tempfile::tempdir().unwrap();
        let link = book.path().join("x.yaml");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        assert!(matches!(
            text(&link, 100, Some(book.path())),
            Err(ReadError::OutsideBook)
        ));
        let inside = book.path().join("real.yaml");
        std::fs::write(&inside, "ok").unwrap();
        let good = book.path().join("good.yaml");
        std::os::unix::fs::symlink(&inside, &good).unwrap();
        assert_eq!(text(&good, 100, Some(book.path())).unwrap(), "ok");
        let a = book.path().join("a.yaml");
        let b = book.path().join("b.yaml");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(matches!(
            text(&a, 100, Some(book.path())),
            Err(ReadError::LinkLoop)
        ));
    }
}
