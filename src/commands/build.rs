//! `irbook build`: check, then write the whole book.

use super::exit;
use crate::build::{self, Failure};
use crate::cli::{BuildArgs, Format, Paper};

pub fn run(args: &BuildArgs) -> i32 {
    match build_and_report(args) {
        Ok(_) => exit::OK,
        Err(code) => code,
    }
}

/// Builds, reports as `irbook build` does, and returns the outcome or the exit code.
/// Shared with `irbook pdf`, which builds first.
pub fn build_and_report(args: &BuildArgs) -> Result<build::Outcome, i32> {
    use std::io::IsTerminal;
    let browser = if args.pdf {
        let Some(b) = crate::pdf::find_browser() else {
            eprintln!(
                "error: printing PDFs needs Chromium or Chrome, and none was found\n\
                 (looked at $CHROME, then for {} on PATH)\n\
                 help: install one, e.g. `apt-get install chromium` on Debian or Ubuntu, or set \
                 CHROME=/path/to/chrome",
                crate::pdf::CANDIDATES.join(", ")
            );
            return Err(exit::FAILURE);
        };
        Some(b)
    } else {
        None
    };
    let print = browser.as_deref().map(|browser| build::PrintWith {
        browser,
        paper: match args.paper {
            Paper::A4 => crate::pdf::Paper::A4,
            Paper::Letter => crate::pdf::Paper::Letter,
        },
    });
    crate::timing::show_progress(!args.quiet && std::io::stderr().is_terminal());
    let result = build::build_with(&args.book.dir, args.dest_dir.as_deref(), args.force, print);
    crate::timing::clear_progress();
    match result {
        Ok((outcome, mut diags)) => {
            diags.summarize_missing_translations(3);
            if !diags.items().is_empty() && !args.quiet {
                super::check::report(&diags, Format::Human, false);
            }
            if !args.quiet {
                for pdf in &outcome.pdfs {
                    eprintln!("wrote {}", outcome.out.join(pdf).display());
                }
                eprintln!(
                    "wrote {}: {} files, {} pages in {:.2} s",
                    outcome.out.display(),
                    outcome.files,
                    outcome.pages,
                    outcome.elapsed.as_secs_f64()
                );
            }
            Ok(outcome)
        }
        Err((Failure::Content, diags)) => {
            super::check::report(&diags, Format::Human, args.quiet);
            eprintln!("error: the book has errors; the previous output is untouched");
            Err(exit::CONTENT)
        }
        Err((Failure::Io(e), diags)) => {
            if !diags.items().is_empty() {
                super::check::report(&diags, Format::Human, args.quiet);
            }
            eprintln!("error: {e}");
            Err(exit::FAILURE)
        }
    }
}
