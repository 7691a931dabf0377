//! One module per subcommand. Each returns the process exit code.

/// Prints to standard output like `print!`; a failed write (closed pipe, full disk) ends
/// the process with exit 2 (see `output`).
macro_rules! out {
    ($($arg:tt)*) => { $crate::commands::output::print(format_args!($($arg)*)) };
}

/// `println!` through `out!`.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::commands::output::print(format_args!("{}\n", format_args!($($arg)*))) };
}

pub mod build;
pub mod catalog;
pub mod check;
pub mod i18n;
pub mod import;
pub mod lookup;
mod lookup_threat;
pub mod new;
pub mod output;
pub mod pdf;
pub mod registry;
pub mod schema;
pub mod serve;

/// Exit codes shared by every command.
pub mod exit {
    /// Everything is fine.
    pub const OK: i32 = 0;
    /// The content has errors.
    pub const CONTENT: i32 = 1;
    /// Usage or I/O failure.
    pub const FAILURE: i32 = 2;
}
