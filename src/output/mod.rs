//! Output formats. Each turns a report into text; none decides anything.

pub mod diff;
mod github;
mod human;
mod json;
mod sarif;

use crate::load::finding::Report;

pub use human::Style;

/// The formats findings can be printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text with the offending lines shown (default; `table` for status)
    #[value(alias = "table")]
    Human,
    /// Machine-readable JSON: {"findings": [...], "summary": {...}}
    Json,
    /// GitHub Actions annotations (::error file=...,line=...::message)
    Github,
    /// SARIF 2.1.0 for code-scanning tools
    Sarif,
    /// Markdown, for a pull-request comment (cuc diff) or an email (cuc render)
    Markdown,
    /// HTML, the one page to print and sign (cuc render)
    Html,
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
        Format::Markdown | Format::Html => json::render(report),
    }
}
