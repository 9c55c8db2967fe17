//! A finding: one problem, at one place, in words a customer success manager
//! understands. Every check produces findings; every output format prints them.

use std::collections::BTreeMap;

pub use crate::load::check::Severity;
use crate::load::check::{Check, UNREADABLE_FILE};
use crate::load::source::{Position, SourceText, Span};

/// Where in a file a finding points: positions for people, bytes for snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: Position,
    /// One past the last character, like SARIF's `endColumn`.
    pub end: Position,
    pub span: Span,
}

impl Region {
    pub fn new(span: Span, source: &SourceText) -> Region {
        Region {
            start: source.position(span.start),
            end: source.position(span.end),
            span,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Kebab-case name of the check, e.g. `unknown-field`.
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// A few words shown under the underlined snippet.
    pub label: Option<String>,
    /// The customer id (folder name) the file belongs to.
    pub customer: Option<String>,
    /// Path relative to the workspace root, with `/` separators.
    pub file: String,
    pub region: Option<Region>,
    /// JSON pointer of the offending value, where there is one.
    pub pointer: Option<String>,
    /// For a field that is missing, its JSON pointer (`pointer` names the
    /// block that lacks it). Not part of the wire formats.
    pub absent: Option<String>,
}

impl Finding {
    /// A finding of `check`, named by its constant (`load::check`, or a
    /// review rule's `Check`) so a misspelt check does not compile.
    /// A finding of `check` at its default severity; `severity` sets the
    /// one a workspace configured.
    pub fn new(check: &'static Check, file: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            rule: check.name,
            severity: check.severity,
            message: message.into(),
            help: None,
            label: None,
            customer: None,
            file: file.into(),
            region: None,
            pointer: None,
            absent: None,
        }
    }

    /// Whether this is a finding of `check`.
    pub fn is(&self, check: &Check) -> bool {
        self.rule == check.name
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn at(mut self, span: Span, source: &SourceText) -> Self {
        self.region = Some(Region::new(span, source));
        self
    }

    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn absent(mut self, pointer: impl Into<String>) -> Self {
        self.absent = Some(pointer.into());
        self
    }

    pub fn customer(mut self, customer: Option<&str>) -> Self {
        self.customer = customer.map(str::to_owned);
        self
    }

    /// The message and the fix in one line, for formats without a help field.
    pub fn full_message(&self) -> String {
        match &self.help {
            Some(help) => {
                let mut chars = help.chars();
                let help: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                format!("{}. {}", self.message, help)
            }
            None => self.message.clone(),
        }
    }

    fn sort_key(&self) -> (&str, usize, usize, &str) {
        let (line, column) = self
            .region
            .map_or((0, 0), |r| (r.start.line, r.start.column));
        (&self.file, line, column, self.rule)
    }
}

/// Everything one run found, with the text of each file that has findings so
/// reporters can show snippets without reading files again.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub sources: BTreeMap<String, SourceText>,
    /// How many files were read.
    pub files: usize,
}

impl Report {
    pub fn add_source(&mut self, file: &str, source: &SourceText) {
        if !self.sources.contains_key(file) {
            self.sources.insert(file.to_owned(), source.clone());
        }
    }

    pub fn merge(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.sources.extend(other.sources);
        self.files += other.files;
    }

    /// Both reports as one, for folding the reports of customers checked in
    /// parallel.
    pub fn combined(mut self, other: Report) -> Report {
        self.merge(other);
        self
    }

    /// Orders findings by file and position, so output is stable whatever
    /// order the threads finished in.
    pub fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let files: std::collections::BTreeSet<&str> =
            self.findings.iter().map(|f| f.file.as_str()).collect();
        self.sources.retain(|k, _| files.contains(k.as_str()));
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The exit code for a command that printed this report: 2 when a file
    /// could not be read (cuc could not do its whole job), 1 for findings at
    /// error severity, 0 otherwise.
    pub fn exit_code(&self) -> u8 {
        if self.findings.iter().any(|f| f.is(UNREADABLE_FILE)) {
            2
        } else {
            u8::from(self.has_errors())
        }
    }
}
