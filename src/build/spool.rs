//! What a build keeps of each playbook until the book-wide outputs are written, kept on
//! disk instead of in memory: its print chapters, its search fragments and its catalog
//! references are as large, together, as the book's own pages. Each playbook's record
//! is written as the playbook is rendered (in any order, from any thread) and read back
//! by the book-wide stage in book order; the operating system's page cache keeps what
//! fits, not the process.
//!
//! A spool is a set of channels (a temporary file each, removed when the spool is
//! dropped), each holding at most one record per playbook.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

pub struct Spool {
    channels: Vec<Mutex<Channel>>,
}

struct Channel {
    file: std::fs::File,
    /// `(offset, length)` of each playbook's record.
    at: Vec<(u64, u64)>,
    end: u64,
}

impl Spool {
    /// A spool of `channels` channels for `playbooks` playbooks.
    pub fn new(channels: usize, playbooks: usize) -> io::Result<Spool> {
        let channels = (0..channels)
            .map(|_| {
                Ok(Mutex::new(Channel {
                    file: tempfile::tempfile()?,
                    at: vec![(0, 0); playbooks],
                    end: 0,
                }))
            })
            .collect::<io::Result<_>>()?;
        Ok(Spool { channels })
    }

    fn channel(&self, c: usize) -> std::sync::MutexGuard<'_, Channel> {
        self.channels[c].lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps `record` as playbook `p`'s in channel `c`.
    pub fn put(&self, c: usize, p: usize, record: &[u8]) -> io::Result<()> {
        let mut ch = self.channel(c);
        let end = ch.end;
        ch.file.seek(SeekFrom::Start(end))?;
        ch.file.write_all(record)?;
        ch.at[p] = (end, record.len() as u64);
        ch.end += record.len() as u64;
        Ok(())
    }

    /// Copies playbook `p`'s record in channel `c` into `w` (nothing if it has none).
    pub fn copy(&self, c: usize, p: usize, w: &mut dyn Write) -> io::Result<()> {
        let mut ch = self.channel(c);
        let (at, len) = ch.at[p];
        ch.file.seek(SeekFrom::Start(at))?;
        let copied = io::copy(&mut (&ch.file).take(len), w)?;
        if copied != len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "spooled record cut short",
            ));
        }
        Ok(())
    }

    /// `len` bytes of playbook `p`'s record in channel `c`, from `start` in it.
    pub fn read_part(&self, c: usize, p: usize, start: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut ch = self.channel(c);
        let (at, whole) = ch.at[p];
        if start + len as u64 > whole {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "spooled record cut short",
            ));
        }
        ch.file.seek(SeekFrom::Start(at + start))?;
        let mut bytes = vec![0; len];
        ch.file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    /// Playbook `p`'s record in channel `c`.
    pub fn read(&self, c: usize, p: usize) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.copy(c, p, &mut bytes)?;
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_by_playbook_whatever_order_they_were_put_in() {
        let spool = Spool::new(2, 3).expect("a spool");
        spool.put(0, 2, b"third").unwrap();
        spool.put(1, 0, b"other channel").unwrap();
        spool.put(0, 0, b"first").unwrap();
        assert_eq!(spool.read(0, 0).unwrap(), b"first");
        assert_eq!(spool.read(0, 1).unwrap(), b"");
        assert_eq!(spool.read(0, 2).unwrap(), b"third");
        assert_eq!(spool.read(1, 0).unwrap(), b"other channel");
        assert_eq!(spool.read_part(1, 0, 6, 7).unwrap(), b"channel");
        assert!(
            spool.read_part(0, 2, 3, 3).is_err(),
            "past the record's end"
        );
    }
}
