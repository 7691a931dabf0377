//! Standard output that fails cleanly. `println!` panics when the write fails (exit 101):
//! `irbook lookup X | head -c1` (the reader closed the pipe) or `> /dev/full` (no space).
//! Here a closed pipe ends the process quietly, as Unix tools do, and any other failure
//! with a message; both exit 2 (an I/O failure).

use std::io::Write;

/// Writes and flushes (so that a full disk is noticed now, not lost at exit).
pub fn print(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        fail(&e);
    }
}

/// Ends the process after a failed write to standard output.
pub fn fail(e: &std::io::Error) -> ! {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!("error: cannot write to standard output: {e}");
    }
    std::process::exit(super::exit::FAILURE)
}
