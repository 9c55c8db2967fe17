//! The JSON wire format: its own frozen types, so refactoring the internal
//! `Finding` never changes what programs that read cuc's output see.

use serde::Serialize;

use crate::load::finding::{Report, Severity};

#[derive(Serialize)]
struct Output<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    message: String,
    customer: Option<&'a str>,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    pointer: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    files: usize,
}

pub fn render(report: &Report) -> String {
    let output = Output {
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule,
                severity: f.severity,
                message: f.full_message(),
                customer: f.customer.as_deref(),
                file: &f.file,
                line: f.region.map(|r| r.start.line),
                column: f.region.map(|r| r.start.column),
                end_line: f.region.map(|r| r.end.line),
                end_column: f.region.map(|r| r.end.column),
                pointer: f.pointer.as_deref(),
            })
            .collect(),
        summary: Summary {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            files: report.files,
        },
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
