//! The portfolio: every selected customer validated and, where its documents
//! are sound, reviewed by the rules, in one parallel pass (each file read
//! once). `cuc check`, `cuc review` and `cuc status` all start here.

use jiff::civil::Date;
use rayon::prelude::*;
use std::path::PathBuf;

use crate::judge::rules;
use crate::load::customer::Customer;
use crate::load::finding::{Finding, Report, Severity};
use crate::model::typed::Typed;
use crate::validate::validated;
use crate::workspace::Workspace;
use crate::workspace::template::NoteTemplates;

/// One customer after validation and review.
pub struct Assessed {
    pub customer: Customer,
    /// The typed documents; `None` when validation found errors.
    pub typed: Option<Typed>,
    pub errors: usize,
    pub warnings: usize,
    /// Where each error is, so a summary of a customer with errors can still
    /// show every part that is itself valid.
    pub problems: Vec<Problem>,
}

/// The place of one error: the file, the JSON pointer of the value when
/// there is one (of the absent field, for a missing one), and the check
/// that found it.
pub struct Problem {
    pub file: String,
    pub pointer: Option<String>,
    pub rule: &'static str,
}

pub struct Portfolio {
    pub customers: Vec<Assessed>,
    pub report: Report,
}

/// Validates and reviews the customers given, keeping each one for the
/// commands that show them (status, review, render).
pub fn assess(workspace: &Workspace, customers: &[(String, PathBuf)], today: Date) -> Portfolio {
    let templates = NoteTemplates::of(workspace);
    let results: Vec<(Assessed, Report)> = customers
        .par_iter()
        .map(|(id, dir)| assess_one(workspace, &templates, id, dir, today))
        .collect();
    let mut report = Report::default();
    let mut assessed = Vec::with_capacity(results.len());
    for (customer, customer_report) in results {
        report.merge(customer_report);
        assessed.push(customer);
    }
    report.sort();
    Portfolio {
        customers: assessed,
        report,
    }
}

/// Validates and reviews the customers given, keeping only the findings
/// (`cuc check`), so memory does not grow with the portfolio. The text of
/// files with findings is kept only when `snippets` are to be shown.
pub fn check(
    workspace: &Workspace,
    customers: &[(String, PathBuf)],
    today: Date,
    snippets: bool,
) -> Report {
    let templates = NoteTemplates::of(workspace);
    let mut report = customers
        .par_iter()
        .map(|(id, dir)| {
            let (_, mut report) = assess_one(workspace, &templates, id, dir, today);
            if !snippets {
                report.sources.clear();
            }
            report
        })
        .reduce(Report::default, Report::combined);
    report.sort();
    report
}

fn assess_one(
    workspace: &Workspace,
    templates: &NoteTemplates,
    id: &str,
    dir: &std::path::Path,
    today: Date,
) -> (Assessed, Report) {
    let (customer, mut report, typed) = validated(workspace, id, dir);
    match &typed {
        Some(typed) => {
            let findings = rules::review(&customer, typed, &workspace.config, templates, today);
            for finding in &findings {
                if let Some(source) = customer_source(&customer, &finding.file) {
                    report.add_source(&finding.file, &source);
                }
            }
            report.findings.extend(findings);
        }
        None if customer.understanding.is_some() => {
            report.findings.push(
                Finding::new(
                    crate::load::check::NOT_REVIEWED,
                    format!("customers/{id}"),
                    format!(
                        "the review rules did not run for `{id}` because its documents have errors"
                    ),
                )
                .help("fix the errors above; then the rules judge the understanding itself")
                .customer(Some(id)),
            );
        }
        None => {}
    }
    // The documents' own errors; the rules ran only if there were none, and
    // a rule's finding is about judgement, not about a value being unreadable.
    let problems = if typed.is_some() {
        Vec::new()
    } else {
        report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| Problem {
                file: f.file.clone(),
                pointer: f.absent.clone().or_else(|| f.pointer.clone()),
                rule: f.rule,
            })
            .collect()
    };
    let assessed = Assessed {
        problems,
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        customer,
        typed,
    };
    (assessed, report)
}

fn customer_source(customer: &Customer, file: &str) -> Option<crate::load::source::SourceText> {
    [
        &customer.understanding,
        &customer.decisions,
        &customer.reviews,
    ]
    .into_iter()
    .flatten()
    .chain(&customer.notes)
    .filter_map(|l| l.parsed())
    .find(|(f, _)| *f == file)
    .map(|(_, parsed)| parsed.source.clone())
}
