//! `irbook check`: load, validate, report.

use super::exit;
use crate::cli::{CheckArgs, Format};
use crate::diag::{render, Diagnostics};
use std::io::IsTerminal;

pub fn run(args: &CheckArgs) -> i32 {
    let mut diags = match crate::check::check_diagnostics(&args.book.dir) {
        Ok(diags) => diags,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::FAILURE;
        }
    };
    if args.strict {
        diags.promote_warnings();
    }
    report(&diags, args.format, args.quiet);
    if diags.has_errors() {
        exit::CONTENT
    } else {
        exit::OK
    }
}

/// Prints diagnostics: human text on stderr, or JSON on stdout.
pub fn report(diags: &Diagnostics, format: Format, quiet: bool) {
    match format {
        Format::Json => outln!("{}", render::json(diags)),
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = render::human(diags, color);
            if quiet {
                // Drop the summary line, keep the diagnostics.
                let body = text
                    .trim_end()
                    .rsplit_once('\n')
                    .map(|(b, _)| b)
                    .unwrap_or("");
                if !body.trim().is_empty() {
                    eprintln!("{}", body.trim_end());
                }
            } else {
                eprint!("{text}");
            }
        }
    }
}
