//! `irbook i18n update|status`.

use super::exit;
use crate::cli::I18nCommand;
use crate::i18n::{self, status, update};
use crate::load;
use crate::registry::Registry;

pub fn run(cmd: &I18nCommand) -> i32 {
    match cmd {
        I18nCommand::Update(args) => {
            let (book, locales, fluent_errors) = match load_with_locales(&args.book.dir) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            if fluent_errors {
                // Rewriting a file we could not fully parse could lose a translator's work.
                eprintln!("error: fix the Fluent syntax errors above before updating");
                return exit::CONTENT;
            }
            let options = update::Options {
                pseudo: &args.pseudo,
            };
            match update::update(&book, Registry::embedded(), &locales, &options) {
                Ok(r) => {
                    for p in &r.written {
                        eprintln!("wrote {}", crate::diag::display_path(&book.root, p));
                    }
                    eprintln!(
                        "{} added, {} confirmed, {} still outdated, {} obsolete; {} files written",
                        r.added,
                        r.confirmed,
                        r.outdated,
                        r.obsolete,
                        r.written.len()
                    );
                    exit::OK
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    exit::FAILURE
                }
            }
        }
        I18nCommand::Status(args) => {
            // With Fluent errors, the table counts what could be read; the errors say why
            // the rest could not.
            let (book, locales, fluent_errors) = match load_with_locales(&args.book.dir) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            let rows = status::status(&book, Registry::embedded(), &locales);
            if args.json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
            } else {
                out!("{}", status::render_table(&rows));
            }
            if fluent_errors {
                exit::CONTENT
            } else {
                exit::OK
            }
        }
    }
}

/// The book and its Fluent files, with whether any of them has errors (printed here), or
/// the exit code when there is no valid book (see `load_or_report`).
fn load_with_locales(
    dir: &std::path::Path,
) -> Result<
    (
        load::Book,
        std::collections::BTreeMap<String, i18n::Locale>,
        bool,
    ),
    i32,
> {
    let book = load_or_report(dir)?;
    let (locales, diags) = i18n::load_locales(&book);
    if diags.has_errors() {
        super::check::report(&diags, crate::cli::Format::Human, false);
    }
    Ok((book, locales, diags.has_errors()))
}

/// The book, or the exit code after printing why it could not be read: 1 for content
/// errors (translation files are derived from valid sources only), 2 when there is no
/// readable book — as `check` does.
fn load_or_report(dir: &std::path::Path) -> Result<load::Book, i32> {
    match load::load_book(dir) {
        Ok((Some(book), diags)) if !diags.has_errors() => Ok(book),
        Ok((_, diags)) => {
            super::check::report(&diags, crate::cli::Format::Human, false);
            Err(exit::CONTENT)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(exit::FAILURE)
        }
    }
}
