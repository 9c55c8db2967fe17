//! Workspace settings, read from cuc.yaml.

use serde_json::Value;
use std::collections::HashMap;

use crate::dates::Days;
use crate::finding::Severity;

use crate::document::DocumentKind;
use crate::finding::Report;
use crate::load::{Limits, load_yaml};
use crate::schema::Schemas;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub limits: Limits,
    /// Severity overrides from `rules:`; `None` turns a rule off.
    pub severities: HashMap<String, Option<Severity>>,
    pub freshness: Freshness,
}

/// When understanding counts as stale (`freshness:` in cuc.yaml).
#[derive(Debug, Clone, Copy)]
pub struct Freshness {
    pub warn_after: Option<Days>,
    pub error_after: Option<Days>,
    pub milestone_grace: Days,
    pub renewal_lead: Days,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            warn_after: None,
            error_after: None,
            milestone_grace: Days(14),
            renewal_lead: Days(90),
        }
    }
}

impl Config {
    /// The severity of a check in this workspace: the configured one, or its
    /// default; `None` when the workspace turned it off.
    pub fn severity(&self, name: &str, default: Severity) -> Option<Severity> {
        self.severities.get(name).copied().unwrap_or(Some(default))
    }
}

impl Config {
    /// Reads and validates cuc.yaml. Problems come back as a report, so they
    /// are shown like any other finding.
    pub fn load(path: &Path) -> Result<Config, Box<Report>> {
        let file = "cuc.yaml";
        let mut report = Report {
            files: 1,
            ..Report::default()
        };
        let parsed = match load_yaml(path, file, Limits::default()) {
            Ok(parsed) => parsed,
            Err(failure) => {
                if let Some(source) = &failure.source {
                    report.add_source(file, source);
                }
                report.findings.push(*failure.finding);
                return Err(Box::new(report));
            }
        };
        // An empty cuc.yaml (only comments) is a workspace with default settings.
        if matches!(parsed.root.kind, crate::node::NodeKind::Null) {
            return Ok(Config::default());
        }
        let findings =
            Schemas::embedded().check(DocumentKind::Config, &parsed.root, &parsed.source, file);
        if !findings.is_empty() {
            report.add_source(file, &parsed.source);
            report.findings = findings;
            return Err(Box::new(report));
        }
        let value = parsed.root.to_json();
        let mut config = Config::default();
        if let Some(size) = value.pointer("/limits/max_file_size") {
            config.limits.max_file_size = parse_size(size).unwrap_or(config.limits.max_file_size);
        }
        if let Some(rules) = value.get("rules").and_then(Value::as_object) {
            for (name, level) in rules {
                let severity = match level.as_str() {
                    Some("error") => Some(Severity::Error),
                    Some("warning") => Some(Severity::Warning),
                    Some("info") => Some(Severity::Info),
                    _ => None,
                };
                config.severities.insert(name.clone(), severity);
            }
        }
        let duration = |key: &str| {
            value
                .pointer(&format!("/freshness/{key}"))
                .and_then(Value::as_str)
                .and_then(Days::parse)
        };
        config.freshness.warn_after = duration("warn_after");
        config.freshness.error_after = duration("error_after");
        if let Some(grace) = duration("milestone_grace") {
            config.freshness.milestone_grace = grace;
        }
        if let Some(lead) = duration("renewal_lead") {
            config.freshness.renewal_lead = lead;
        }
        Ok(config)
    }
}

/// `1MiB`, `512 KiB`, `2MB`, or a number of bytes (the schema checked the form).
fn parse_size(value: &Value) -> Option<u64> {
    if let Some(n) = value.as_u64() {
        return Some(n);
    }
    let text = value.as_str()?.replace(' ', "");
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let factor = match unit {
        "B" => 1,
        "KB" => 1000,
        "KiB" => 1024,
        "MB" => 1000 * 1000,
        "MiB" => 1024 * 1024,
        _ => return None,
    };
    number.parse::<u64>().ok()?.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size(&Value::from("1MiB")), Some(1024 * 1024));
        assert_eq!(parse_size(&Value::from("512 KiB")), Some(512 * 1024));
        assert_eq!(parse_size(&Value::from(300)), Some(300));
    }
}
