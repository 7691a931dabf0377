//! One module per subcommand. Each returns the process exit code.

pub mod build;
pub mod catalog;
pub mod check;
pub mod i18n;
pub mod import;
pub mod lookup;
mod lookup_threat;
pub mod new;
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
