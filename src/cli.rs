//! The command line: global flags and one subcommand per job.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsStr;
use std::path::PathBuf;

use crate::output::{Accepted, Format};

/// The heading of the options every command takes, shown after its own.
const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "cuc",
    version,
    about = "Customer understanding, kept as code",
    long_about = "cuc keeps what your team understands about each customer as YAML and Markdown in git: \
                  it validates the documents and points at every problem, judges the understanding with \
                  review rules drawn from the practice, records milestone reviews and sign-offs, and \
                  gates CI when understanding goes stale.",
    after_help = "Each command's help lists its own options and the formats it prints in: `cuc check --help`."
)]
pub struct Cli {
    /// Run as if cuc was started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub directory: Option<PathBuf>,

    /// Evaluate dates as of this day (YYYY-MM-DD) instead of the system date
    #[arg(long, global = true, env = "CUC_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date, help_heading = GLOBAL)]
    pub today: Option<jiff::civil::Date>,

    /// Output format (each command's help lists those it has)
    // Before the command's name (`cuc --format json check`), as cuc has
    // always taken it. Each command has its own `--format`, with the formats
    // it prints in; that one wins.
    #[arg(long, value_enum, value_name = "FORMAT", hide = true)]
    pub format: Option<Format>,

    /// When to use colours (NO_COLOR in the environment turns them off for auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorChoice,

    /// Print only errors, no summary
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace: cuc.yaml, customers/ and an example CI workflow
    Init(InitArgs),
    /// Scaffold a new customer from templates
    New(NewArgs),
    /// Check documents: YAML syntax, schema, unique ids and references
    Validate(ValidateArgs),
    /// Judge the understanding with the review rules, and ask the milestone's questions
    Review(ReviewArgs),
    /// Record a customer sponsor's sign-off of the current understanding
    Signoff(SignoffArgs),
    /// Write a decision down in the decision log, with its owner
    Decision(DecisionArgs),
    /// Record that a decision was sent to the people it affects, and print the message to send
    Circulate(CirculateArgs),
    /// The CI gate: validation and every review rule over the whole workspace
    Check(CheckArgs),
    /// The portfolio at a glance: one entry per customer, those needing attention first
    Status(StatusArgs),
    /// How understanding moved: one customer between milestones, or a pull request
    Diff(DiffArgs),
    /// The one page for customer sign-off (HTML, or Markdown with --format markdown)
    Render(RenderArgs),
    /// Create customers from a CRM's CSV exports; a customer already here is never changed
    Import(ImportArgs),
    /// The portfolio's figures for a CRM's data loader or a BI tool: customers, or their stakeholders, criteria or risks
    Export(ExportArgs),
    /// Print the JSON Schema of a document kind
    Schema(SchemaArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
}

/// The formats each command prints in, its default first: the format, the
/// name `--format` takes, and what it is. `commands::formats` hands each
/// command its list.
pub mod formats {
    use crate::output::{Accepted, Format};

    pub const FINDINGS: Accepted = &[
        (
            Format::Human,
            "human",
            "Each problem in words, with the lines it points at (the default)",
        ),
        (
            Format::Json,
            "json",
            "For programs: {\"findings\": [...], \"summary\": {...}}",
        ),
        (
            Format::Github,
            "github",
            "GitHub Actions annotations, shown on the lines of a pull request",
        ),
        (
            Format::Sarif,
            "sarif",
            "SARIF 2.1.0, for code-scanning tools",
        ),
    ];
    pub const STATUS: Accepted = &[
        (
            Format::Human,
            "table",
            "One row per customer, those needing attention first (the default)",
        ),
        (Format::Json, "json", "For programs"),
    ];
    pub const DIFF: Accepted = &[
        (Format::Human, "human", "The changes in words (the default)"),
        (
            Format::Markdown,
            "markdown",
            "Markdown, for a pull-request comment",
        ),
        (Format::Json, "json", "For programs"),
    ];
    pub const RENDER: Accepted = &[
        (
            Format::Html,
            "html",
            "The one page, to print or save as PDF from a browser (the default)",
        ),
        (
            Format::Markdown,
            "markdown",
            "Markdown with nothing left out, for an email or a pull request",
        ),
        (
            Format::Pdf,
            "pdf",
            "The one page as PDF, printed by Chrome or Chromium on this computer (needs -o)",
        ),
    ];
    /// A schema is JSON whichever is asked for.
    pub const SCHEMA: Accepted = &[
        (Format::Human, "human", "The JSON Schema (the default)"),
        (Format::Json, "json", "The JSON Schema"),
    ];
    pub const IMPORT: Accepted = &[
        (
            Format::Human,
            "human",
            "What was created, and what the CRM says that the documents do not (the default)",
        ),
        (
            Format::Json,
            "json",
            "For programs: {\"created\": [...], \"existing\": [...]}",
        ),
    ];
    pub const EXPORT: Accepted = &[
        (
            Format::Csv,
            "csv",
            "Comma-separated values with a header row, for a spreadsheet, a CRM's data loader or a BI tool (the default)",
        ),
        (Format::Json, "json", "For programs: {\"customers\": [...]}"),
    ];
    pub const TEXT: Accepted = &[(Format::Human, "human", "Text, the only one")];
    /// The message `cuc circulate` prints, to send.
    pub const CIRCULATE: Accepted = &[
        (
            Format::Markdown,
            "markdown",
            "Markdown, for a chat or a pull request (the default)",
        ),
        (Format::Human, "text", "Plain text, for an email"),
    ];
}

/// A command's own `--format`: its help and completions offer the formats
/// the command prints in. Any other format's name is taken too, so that
/// `output::choose` can refuse it with the formats the command has.
#[derive(Debug, Clone, Copy)]
pub struct Formats(pub Accepted);

impl Formats {
    fn values(self) -> impl Iterator<Item = PossibleValue> {
        self.0.iter().map(|&(format, name, help)| {
            let value = PossibleValue::new(name).help(help);
            // `cuc status --format human` has always worked.
            if name != format.name() {
                value.alias(format.name())
            } else {
                value
            }
        })
    }
}

impl TypedValueParser for Formats {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Format, clap::Error> {
        if let Some(format) = value
            .to_str()
            .and_then(|text| Format::from_str(text, false).ok())
        {
            return Ok(format);
        }
        // Not a format at all: clap's own message, naming this command's.
        let name = PossibleValuesParser::new(self.values()).parse_ref(cmd, arg, value)?;
        Format::from_str(&name, false)
            .map_err(|_| clap::Error::new(clap::error::ErrorKind::InvalidValue))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values()))
    }
}

impl Command {
    /// The format asked for after the command's name.
    pub fn format(&self) -> Option<Format> {
        match self {
            Command::Init(args) => args.format,
            Command::New(args) => args.format,
            Command::Validate(args) => args.format,
            Command::Review(args) => args.format,
            Command::Signoff(args) => args.format,
            Command::Decision(args) => args.format,
            Command::Circulate(args) => args.format,
            Command::Check(args) => args.format,
            Command::Status(args) => args.format,
            Command::Diff(args) => args.format,
            Command::Render(args) => args.format,
            Command::Import(args) => args.format,
            Command::Export(args) => args.format,
            Command::Schema(args) => args.format,
            Command::Completions(args) => args.format,
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the workspace in (default: the current folder)
    pub dir: Option<PathBuf>,
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::TEXT), hide = true)]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::FINDINGS))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::STATUS))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The customer's id: lower-case letters, digits and dashes (e.g. northwind)
    pub id: String,
    /// The customer's name as they write it
    #[arg(long)]
    pub name: Option<String>,
    /// Email of the customer success manager who owns the customer
    #[arg(long, value_name = "EMAIL")]
    pub cs: Option<String>,
    /// Email of the account executive who sold the deal
    #[arg(long, value_name = "EMAIL")]
    pub sales: Option<String>,
    /// Renewal date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub renewal: Option<jiff::civil::Date>,
    /// Ask the page's questions one by one in the terminal, instead of writing a template to fill in
    #[arg(long)]
    pub interactive: bool,
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::TEXT), hide = true)]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Customer folders or documents to check (default: the whole workspace)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::FINDINGS))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Customers to review (default: all)
    pub ids: Vec<String>,
    /// The milestone to review (default: the earliest one due without a review)
    #[arg(long, value_name = "ID")]
    pub milestone: Option<String>,
    /// Record the review in reviews.yaml (needs one customer, --milestone, --by and --outcome)
    #[arg(long, requires_all = ["milestone", "by", "outcome"])]
    pub record: bool,
    /// Who reviewed (repeat for several people)
    #[arg(long, value_name = "NAME", requires = "record")]
    pub by: Vec<String>,
    /// The outcome of the review
    #[arg(long, value_enum, requires = "record")]
    pub outcome: Option<Outcome>,
    /// A note to keep with the review
    #[arg(long, value_name = "TEXT", requires = "record")]
    pub note: Option<String>,
    /// The day the review was held (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "record")]
    pub date: Option<jiff::civil::Date>,
    /// A follow-up review of a milestone that was already reviewed
    #[arg(long, requires = "record")]
    pub again: bool,
    /// Explain a rule: why it matters and how to fix it (alone: list every rule)
    #[arg(long, value_name = "RULE", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::FINDINGS))]
    pub format: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Outcome {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::OnTrack => "on_track",
            Outcome::AtRisk => "at_risk",
            Outcome::OffTrack => "off_track",
        }
    }
}

#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// The customer
    pub id: String,
    /// The stakeholder who signs, as named in understanding.yaml
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// The role they sign as
    #[arg(long, value_enum)]
    pub role: SignoffRole,
    /// The day they signed (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::TEXT), hide = true)]
    pub format: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum SignoffRole {
    ExecSponsor,
    ProjectSponsor,
    OperatingOwner,
}

impl SignoffRole {
    pub fn as_str(self) -> &'static str {
        match self {
            SignoffRole::ExecSponsor => "exec_sponsor",
            SignoffRole::ProjectSponsor => "project_sponsor",
            SignoffRole::OperatingOwner => "operating_owner",
        }
    }
}

#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// The customer
    pub id: String,
    /// What was decided, in a sentence or two
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// The stakeholder who owns the decision, as named in understanding.yaml
    #[arg(long, value_name = "NAME")]
    pub owner: String,
    /// The scope item the decision is about, as written in scope.in
    #[arg(long, value_name = "ITEM")]
    pub scope: Option<String>,
    /// The id of the decision this one replaces
    #[arg(long, value_name = "DECISION")]
    pub supersedes: Option<String>,
    /// When it was decided: YYYY-MM-DDTHH:MM, optionally with an offset such as +02:00 (default: now)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub made: Option<String>,
    /// Why a decision was needed: the situation and what weighed on it
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,
    /// An option that was considered (repeat for each)
    #[arg(long = "option", value_name = "TEXT")]
    pub options: Vec<String>,
    /// What follows from the decision, the good and the bad
    #[arg(long, value_name = "TEXT")]
    pub consequences: Option<String>,
    /// A stakeholder who was consulted before deciding (repeat for each)
    #[arg(long, value_name = "NAME")]
    pub consulted: Vec<String>,
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::TEXT), hide = true)]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct CirculateArgs {
    /// The customer
    pub id: String,
    /// The id of the decision, as in decisions.yaml (e.g. d-3)
    pub decision: String,
    /// The stakeholders it is sent to, as named in understanding.yaml
    #[arg(long, value_name = "NAME", required = true, num_args = 1..)]
    pub to: Vec<String>,
    /// When it was sent: YYYY-MM-DDTHH:MM, optionally with an offset such as +02:00 (default: now)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub at: Option<String>,
    /// The message's format: markdown (default), or text for an email
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::CIRCULATE))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The customer (omit with --base)
    pub id: Option<String>,
    /// A milestone id (the commit its review recorded) or a git revision (default: the last recorded review)
    pub from: Option<String>,
    /// A milestone id or a git revision (default: the working tree)
    pub to: Option<String>,
    /// Pull-request mode: every customer changed since this revision
    #[arg(long, value_name = "REV", conflicts_with_all = ["from", "to"])]
    pub base: Option<String>,
    /// With --base: compare with this revision instead of the working tree
    #[arg(long, value_name = "REV", requires = "base")]
    pub head: Option<String>,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::DIFF))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The customer whose page to render
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<String>,
    /// Every customer: one page each, linked from an index (needs -o DIR)
    #[arg(long, requires = "output")]
    pub all: bool,
    /// Write to this file (with --all: this folder) instead of standard output
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The paper to print on; auto leaves it to the browser (the page fits A4 and US Letter)
    #[arg(long, value_enum, default_value_t = crate::render::Paper::Auto)]
    pub paper: crate::render::Paper,
    /// Who the page is for: the customer (the default: the page to share and
    /// sign), or internal (everything, with what the customer's page leaves out marked)
    #[arg(long, value_enum, default_value_t = crate::render::audience::Audience::Customer)]
    pub audience: crate::render::audience::Audience,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::RENDER))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CRM the export comes from; csv reads any CSV files through a mapping (--map)
    #[arg(value_enum)]
    pub system: crate::import::map::System,
    /// The folder holding the export's CSV files
    #[arg(long, value_name = "DIR")]
    pub from: PathBuf,
    /// A mapping file naming other files or columns than the preset's (`cuc schema import-map`)
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Email of the customer success manager for the accounts the CRM names none for
    #[arg(long, value_name = "EMAIL")]
    pub cs: Option<String>,
    /// Show what would be created, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::IMPORT))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export: one row per customer, or per stakeholder, success criterion or risk
    #[arg(long, value_enum, default_value_t = crate::output::export::What::Customers)]
    pub what: crate::output::export::What,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::EXPORT))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// understanding, decisions, reviews, note or config (omit to list them)
    pub kind: Option<String>,
    /// Output format
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::SCHEMA))]
    pub format: Option<Format>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    #[arg(long, value_name = "FORMAT", value_parser = Formats(formats::TEXT), hide = true)]
    pub format: Option<Format>,
}

/// A time as decisions.yaml writes it: `YYYY-MM-DDTHH:MM`, optional
/// seconds and offset.
fn parse_time(text: &str) -> Result<String, String> {
    match crate::model::dates::time_problem(text) {
        Some((what, help)) => Err(format!("`{text}` {what}; {help}")),
        None => Ok(text.to_owned()),
    }
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    match crate::model::dates::date_problem(text) {
        Some((what, help)) => Err(format!("`{text}` {what}; {help}")),
        None => text
            .parse()
            .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD")),
    }
}
