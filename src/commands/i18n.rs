//! `irbook i18n update|status`.

use super::exit;
use crate::cli::I18nCommand;
use crate::i18n::{self, status, update};
use crate::load;
use crate::registry::Registry;

pub fn run(cmd: &I18nCommand) -> i32 {
    match cmd {
        I18nCommand::Update(args) => {
            let Some(book) = load_or_report(&args.book.dir) else {
                return exit::FAILURE;
            };
            let (locales, diags) = i18n::load_locales(&book);
            if diags.has_errors() {
                // Rewriting a file we could not fully parse could lose a translator's work.
                super::check::report(&diags, crate::cli::Format::Human, false);
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
            let Some(book) = load_or_report(&args.book.dir) else {
                return exit::FAILURE;
            };
            let (locales, _) = i18n::load_locales(&book);
            let rows = status::status(&book, Registry::embedded(), &locales);
            if args.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
            } else {
                print!("{}", status::render_table(&rows));
            }
            exit::OK
        }
    }
}

/// The book, or None after printing why it could not be read (content errors included:
/// translation files are derived from valid sources only).
fn load_or_report(dir: &std::path::Path) -> Option<load::Book> {
    match load::load_book(dir) {
        Ok((Some(book), diags)) if !diags.has_errors() => Some(book),
        Ok((_, diags)) => {
            super::check::report(&diags, crate::cli::Format::Human, false);
            None
        }
        Err(e) => {
            eprintln!("error: {e}");
            None
        }
    }
}
