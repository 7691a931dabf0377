//! Stage timings for the benchmark and for profiling: `IRBOOK_TIMINGS=1 irbook build`
//! prints how long each stage of the pipeline took, on standard error.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("IRBOOK_TIMINGS").is_some_and(|v| v != "0"))
}

/// Runs `f`, and reports its duration under `name` when timings are on.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
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
