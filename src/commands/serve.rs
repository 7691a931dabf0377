//! `irbook serve`: the live preview (see `crate::serve`).

use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> i32 {
    crate::serve::run(&args.book.dir, args.port)
}
