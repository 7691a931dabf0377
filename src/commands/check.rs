//! `irbook check`: load, validate, report.

use super::exit;
use crate::cli::{CheckArgs, Format};
use crate::diag::{render, Diagnostics};
use crate::load::{self, Book};
use crate::registry::Registry;
use crate::timing::stage;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

/// Every language's translation files, by language.
pub type Locales = BTreeMap<String, crate::i18n::Locale>;

/// Loads and validates a book: the first stages of every command that reads content.
pub fn check_book(dir: &Path) -> Result<(Option<Book>, Diagnostics), String> {
    check_book_with_locales(dir).map(|(book, diags, _)| (book, diags))
}

/// `check_book`, also handing back the translations it read, so that a build does not
/// read and parse them a second time.
pub fn check_book_with_locales(dir: &Path) -> Result<(Option<Book>, Diagnostics, Locales), String> {
    let (book, mut diags) = stage("load", || load::load_book(dir)).map_err(|e| e.0)?;
    let mut locales = Locales::new();
    if let Some(book) = &book {
        let registry = Registry::embedded();
        diags.merge(stage("validate", || {
            crate::validate::validate(book, registry)
        }));
        let (loaded, locale_diags) = stage("locales", || crate::i18n::load_locales(book));
        diags.merge(locale_diags);
        diags.merge(stage("i18n check", || {
            crate::i18n::translations::check(book, registry, &loaded)
        }));
        locales = loaded;
    }
    diags.skip_opening_quotes();
    diags.sort();
    Ok((book, diags, locales))
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
