use clap::Parser as _;
use irbook::cli::{Cli, Command};
use irbook::commands;

fn main() {
    // clap prints --help and --version itself and ignores a failed write (exit 0 into a
    // full disk); here that write fails like any other output (see commands::output).
    let cli = Cli::try_parse().unwrap_or_else(|e| {
        if let Err(io) = e.print() {
            commands::output::fail(&io);
        }
        std::process::exit(e.exit_code())
    });
    let code = match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Build(args) => commands::build::run(args),
        Command::Catalog(args) => commands::catalog::run(args),
        Command::Pdf(args) => commands::pdf::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Lookup(args) => commands::lookup::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Registry(cmd) => commands::registry::run(cmd),
        Command::I18n(cmd) => commands::i18n::run(cmd),
    };
    std::process::exit(code);
}
