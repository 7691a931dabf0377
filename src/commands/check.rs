//! `irbook check`: load, validate, report.

use super::exit;
use crate::cli::{CheckArgs, Format};
use crate::diag::{render, Diagnostics};
use crate::load::{self, Book};
use crate::registry::Registry;
use std::io::IsTerminal;
use std::path::Path;

/// Loads and validates a book: the first stages of every command that reads content.
pub fn check_book(dir: &Path) -> Result<(Option<Book>, Diagnostics), String> {
    let (book, mut diags) = load::load_book(dir).map_err(|e| e.0)?;
    if let Some(book) = &book {
        let registry = Registry::embedded();
        diags.merge(crate::validate::validate(book, registry));
        let (locales, locale_diags) = crate::i18n::load_locales(book);
        diags.merge(locale_diags);
        diags.merge(crate::i18n::translations::check(book, registry, &locales));
    }
    diags.skip_opening_quotes();
    diags.sort();
    Ok((book, diags))
}

pub fn run(args: &CheckArgs) -> i32 {
    let (_, mut diags) = match check_book(&args.book.dir) {
        Ok(r) => r,
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
        Format::Json => println!("{}", render::json(diags)),
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
