//! Output formats. Each turns a report into text; none decides anything.

pub mod circulation;
pub mod diff;
pub mod export;
mod github;
mod human;
pub mod import;
mod json;
mod sarif;
pub mod status;

use crate::load::finding::Report;

pub use human::Style;

/// The formats cuc prints in. Each command takes some of them (its help
/// lists which; see `cli::formats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text (`table` for status, `text` for a circulated decision)
    #[value(alias = "table", alias = "text")]
    Human,
    /// For programs
    Json,
    /// GitHub Actions annotations (validate, review, check)
    Github,
    /// SARIF 2.1.0 for code-scanning tools (validate, review, check)
    Sarif,
    /// Markdown (diff, render)
    Markdown,
    /// HTML, the one page to print and sign (render)
    Html,
    /// PDF, the one page printed by a local Chrome or Chromium (render)
    Pdf,
    /// Comma-separated values, for a spreadsheet, a CRM's data loader or a BI tool (export)
    Csv,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
        }
    }
}

/// The formats one command prints in, the default first, each with the name
/// its help shows (`cuc status` calls its human form `table`) and what it is.
pub type Accepted = &'static [(Format, &'static str, &'static str)];

/// The format a command prints in: the one asked for, when the command has
/// it, or its default. Any other is refused with the formats it has.
pub fn choose(asked: Option<Format>, command: &str, accepted: Accepted) -> Result<Format, String> {
    let Some(asked) = asked else {
        return Ok(accepted[0].0);
    };
    if accepted.iter().any(|(format, _, _)| *format == asked) {
        return Ok(asked);
    }
    let names: Vec<String> = accepted
        .iter()
        .enumerate()
        .map(|(i, (_, name, _))| {
            if i == 0 {
                format!("{name} (the default)")
            } else {
                (*name).to_owned()
            }
        })
        .collect();
    let help = match names.as_slice() {
        [only] => format!(
            "drop --format: `cuc {command}` has only its {} output",
            only.trim_end_matches(" (the default)")
        ),
        [first @ .., last] => format!("use --format {} or {last}", first.join(", ")),
        [] => String::new(),
    };
    Err(format!(
        "`cuc {command}` has no {} output\n  help: {help}",
        asked.name()
    ))
}

/// Renders a report; `quiet` keeps only what is at error severity and drops
/// the summary line of human output.
pub fn render(report: &Report, format: Format, style: &Style) -> String {
    match format {
        Format::Human => human::render(report, style),
        Format::Json => json::render(report),
        Format::Github => github::render(report),
        Format::Sarif => sarif::render(report),
        // Findings have no Markdown form; commands refuse it before rendering.
        Format::Markdown | Format::Html | Format::Pdf | Format::Csv => json::render(report),
    }
}
