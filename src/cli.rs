//! The command line: global flags and one subcommand per job.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::output::Format;

#[derive(Debug, Parser)]
#[command(
    name = "cuc",
    version,
    about = "Customer understanding, kept as code",
    long_about = "cuc keeps what your team understands about each customer as YAML and Markdown in git: \
                  it validates the documents and points at every problem, judges the understanding with \
                  review rules drawn from the practice, records milestone reviews and sign-offs, and \
                  gates CI when understanding goes stale."
)]
pub struct Cli {
    /// Run as if cuc was started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,

    /// Evaluate dates as of this day (YYYY-MM-DD) instead of the system date
    #[arg(long, global = true, env = "CUC_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,

    /// Output format
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// When to use colours (NO_COLOR in the environment turns them off for auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only errors, no summary
    #[arg(short, long, global = true)]
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
    /// The CI gate: validation and every review rule over the whole workspace
    Check,
    /// The portfolio at a glance: one entry per customer, those needing attention first
    Status,
    /// How understanding moved: one customer between milestones, or a pull request
    Diff(DiffArgs),
    /// The one page for customer sign-off (HTML, or Markdown with --format markdown)
    Render(RenderArgs),
    /// Print the JSON Schema of a document kind
    Schema(SchemaArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the workspace in (default: the current folder)
    pub dir: Option<PathBuf>,
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
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Customer folders or documents to check (default: the whole workspace)
    pub paths: Vec<PathBuf>,
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
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// understanding, decisions, reviews, note or config (omit to list them)
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    match crate::model::dates::date_problem(text) {
        Some((what, help)) => Err(format!("`{text}` {what}; {help}")),
        None => text
            .parse()
            .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD")),
    }
}
