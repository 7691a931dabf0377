//! `irbook serve`: the live preview (see `crate::serve`).

use super::exit;
use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> i32 {
    // No book at all is a usage error (2), as in every other command; a broken book is
    // served (its diagnostics shown) until it is fixed.
    if let Err(e) = crate::load::find_book(&args.book.dir) {
        eprintln!("error: {e}");
        return exit::FAILURE;
    }
    match crate::serve::run(&args.book.dir, args.port) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::FAILURE
        }
    }
}
