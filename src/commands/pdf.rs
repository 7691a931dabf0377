//! `irbook pdf`: `irbook build --pdf`, kept for its name. The printing itself lives in
//! the library (`crate::pdf`), as part of the build.

use crate::cli::{BuildArgs, PdfArgs};

pub use crate::pdf::find_browser;

pub fn run(args: &PdfArgs) -> i32 {
    super::build::run(&BuildArgs {
        book: crate::cli::BookDir {
            dir: args.book.dir.clone(),
        },
        dest_dir: args.dest_dir.clone(),
        pdf: true,
        paper: args.paper,
        force: args.force,
        quiet: args.quiet,
    })
}
