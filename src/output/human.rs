//! Human output: each finding with the offending lines shown and the value
//! underlined (rendered by miette), then a one-line summary.

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

use crate::load::finding::{Finding, Report, Severity};
use crate::load::source::SourceText;
use crate::text::words::plural;

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub quiet: bool,
}

pub fn render(report: &Report, style: &Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for finding in &report.findings {
        if style.quiet && finding.severity != Severity::Error {
            continue;
        }
        let source = report
            .sources
            .get(&finding.file)
            .filter(|s| snippet_fits(finding, s));
        let diagnostic = FindingDiagnostic {
            finding,
            source: source.map(|s| Located {
                named: NamedSource::new(&finding.file, s.shared_text()).with_language("yaml"),
                text: s.clone(),
            }),
        };
        if handler.render_report(&mut out, &diagnostic).is_err() {
            out.push_str(&format!("{}: {}\n", finding.file, finding.full_message()));
        }
        if source.is_none() {
            // Without a snippet, still say where: the file, and the position if known.
            let at = match finding.region {
                Some(r) => format!("{}:{}:{}", finding.file, r.start.line, r.start.column),
                None => finding.file.clone(),
            };
            out.push_str(&format!("  at: {at}\n"));
        }
        out.push('\n');
    }
    if !style.quiet {
        out.push_str(&summary(report));
    }
    out
}

/// A snippet helps only when its lines are of a readable length; a
/// 100,000-character line would bury the message.
fn snippet_fits(finding: &Finding, source: &SourceText) -> bool {
    const MAX_LINE: usize = 300;
    let Some(region) = finding.region else {
        return false;
    };
    let first = region.start.line.saturating_sub(1).max(1);
    let last = region.end.line + 1;
    last - first < 40
        && (first..=last).all(|line| source.line_text(line).chars().count() <= MAX_LINE)
}

fn summary(report: &Report) -> String {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let infos = report.count(Severity::Info);
    let files = plural(report.files, "file");
    if errors + warnings + infos == 0 {
        return format!("ok: {files} checked, no problems found\n");
    }
    let mut parts = vec![plural(errors, "error"), plural(warnings, "warning")];
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    format!("{} in {files}\n", parts.join(", "))
}

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<Located>,
}

/// A file for miette, whose `file:line:column` above a snippet counts the
/// column in characters, as cuc's other outputs and an editor do (miette
/// counts bytes, so `é` or `名` before the spot would push it right).
struct Located {
    named: NamedSource<std::sync::Arc<str>>,
    text: SourceText,
}

impl SourceCode for Located {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self
            .named
            .read_span(span, context_lines_before, context_lines_after)?;
        // With lines of context the contents start at a line's beginning,
        // column 0; without, at the spot itself, whose column is counted.
        if context_lines_before > 0 {
            return Ok(contents);
        }
        let column = self.text.position(span.offset()).column - 1;
        let mut located = MietteSpanContents::new_named(
            contents.name().unwrap_or_default().to_owned(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        );
        if let Some(language) = contents.language() {
            located = located.with_language(language);
        }
        Ok(Box::new(located))
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("rule", &self.finding.rule)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}[{}]",
            self.finding.severity, self.finding.rule
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let region = self.finding.region?;
        self.source.as_ref()?;
        let label = LabeledSpan::new(
            self.finding.label.clone(),
            region.span.start,
            region.span.len(),
        );
        Some(Box::new(std::iter::once(label)))
    }
}
