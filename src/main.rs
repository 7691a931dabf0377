use clap::Parser as _;
use irbook::cli::{Cli, Command};
use irbook::commands;

/// mimalloc rather than glibc's allocator: rendering a page allocates and frees many
/// small strings and values from several threads (benches/README: the gain measured).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    exit_quietly_when_stderr_fails();
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

/// `eprintln!` panics when standard error cannot be written (`2> /dev/full`, a closed
/// pipe): exit 101 with a panic message nobody can read. Such a panic ends the process
/// with exit 2 (an I/O failure) instead; every other panic is reported as usual.
/// Standard output has its own path with a message (`commands::output`).
fn exit_quietly_when_stderr_fails() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // The wording of std's print macros when the write fails.
        if message.starts_with("failed printing to stderr") {
            std::process::exit(commands::exit::FAILURE);
        }
        default(info);
    }));
}
