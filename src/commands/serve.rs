//! `irbook serve`: the live preview (see `crate::serve`).

use super::exit;
use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> i32 {
    match crate::serve::run(&args.book.dir, args.port) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}
