//! What a check is: its name, default severity and explanation. Below both
//! the catalogue and the rules, which each describe their checks with it.

use crate::load::finding::Severity;

#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Kebab-case name, shown with every finding and used in configuration.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the check finds.
    pub summary: &'static str,
    /// Why it matters and how to fix it.
    pub explanation: &'static str,
}

pub const fn check(
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Check {
    Check {
        name,
        severity,
        summary,
        explanation,
    }
}
