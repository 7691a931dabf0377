//! Stage timings and progress.
//!
//! `IRBOOK_TIMINGS=1 irbook build` prints how long each stage of the pipeline took, on
//! standard error (the benchmark and profiling use it). When a build runs on a terminal,
//! each stage's name is shown while it runs, on one line that the summary then replaces;
//! nothing of it is printed when standard error is not a terminal, or with `-q`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

static PROGRESS: AtomicBool = AtomicBool::new(false);

fn timings_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("IRBOOK_TIMINGS").is_some_and(|v| v != "0"))
}

/// Turns the progress line on (only ever on a terminal: the caller checks).
pub fn show_progress(on: bool) {
    PROGRESS.store(on, Ordering::Relaxed);
}

/// Erases the progress line, before the summary or diagnostics are printed.
pub fn clear_progress() {
    if PROGRESS.swap(false, Ordering::Relaxed) {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

/// Runs `f` as the stage `name`: shown on the progress line, timed when timings are on.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if PROGRESS.load(Ordering::Relaxed) {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{name}…");
        let _ = err.flush();
    }
    if !timings_enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    eprintln!(
        "timing: {name:<12} {:>8.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}
