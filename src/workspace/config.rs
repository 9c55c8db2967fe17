//! Workspace settings, read from cuc.yaml.

use serde_json::Value;
use std::collections::HashMap;

use crate::load::finding::Severity;
use crate::model::dates::Days;

use crate::load::check::INVALID_VALUE;
use crate::load::document::DocumentKind;
use crate::load::finding::Report;
use crate::load::{Limits, load_yaml};
use crate::model::schema::Schemas;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub limits: Limits,
    /// Severity overrides from `rules:`; `None` turns a rule off.
    pub severities: HashMap<String, Option<Severity>>,
    pub freshness: Freshness,
    pub render: RenderSettings,
}

/// How `cuc render` makes the page (`render:` in cuc.yaml).
#[derive(Debug, Clone, Default)]
pub struct RenderSettings {
    pub locale: Locale,
    /// What the customer's page leaves out (`render.customer.hide`), when
    /// the workspace replaces cuc's own list.
    pub hide: Option<Vec<String>>,
}

/// How numbers are written on the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Locale {
    /// 1,600,000.5
    #[default]
    En,
    /// 1.600.000,5
    De,
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
        if matches!(parsed.root.kind, crate::load::node::NodeKind::Null) {
            return Ok(Config::default());
        }
        let mut findings =
            Schemas::embedded().check(DocumentKind::Config, &parsed.root, &parsed.source, file);
        // A size past what cuc reads gets its own message, in place of the
        // schema's (which knows only the number of bytes).
        let size = parsed
            .root
            .find(MAX_FILE_SIZE)
            .map(|found| found.node.to_json());
        let cap = crate::load::max_file_size_cap();
        if let Some(size) = &size
            && parse_size(size).is_some_and(|size| size > cap)
        {
            findings.retain(|f| f.pointer.as_deref() != Some(MAX_FILE_SIZE));
            findings.push(too_large_a_limit(&parsed, cap, file));
        }
        if !findings.is_empty() {
            report.add_source(file, &parsed.source);
            report.findings = findings;
            return Err(Box::new(report));
        }
        let value = parsed.root.to_json();
        let mut config = Config::default();
        if let Some(size) = size.as_ref().and_then(parse_size) {
            config.limits.max_file_size = size;
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
        if value.pointer("/render/locale").and_then(Value::as_str) == Some("de") {
            config.render.locale = Locale::De;
        }
        config.render.hide = value
            .pointer("/render/customer/hide")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            });
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

const MAX_FILE_SIZE: &str = "/limits/max_file_size";

/// `limits.max_file_size` above what cuc can read: every file that size must
/// fit the reading budget, or the limit would promise what cuc refuses.
fn too_large_a_limit(
    parsed: &crate::load::Parsed,
    cap: u64,
    file: &str,
) -> crate::load::finding::Finding {
    let written = parsed.root.find(MAX_FILE_SIZE).map(|found| found.node);
    let shown = written
        .map(|node| {
            parsed.source.text()[node.span.start..node.span.end]
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    let cap = crate::load::human_size(cap);
    let finding = crate::load::finding::Finding::new(
        INVALID_VALUE,
        file,
        format!("`limits.max_file_size` is {shown}, but cuc reads at most {cap} from one document"),
    )
    .help(format!(
        "write {} or less: a customer document is one page, and the default 1MiB is plenty",
        cap.replace(' ', "")
    ))
    .label(format!("more than {cap}"))
    .pointer(MAX_FILE_SIZE);
    match written {
        Some(node) => finding.at(node.span, &parsed.source),
        None => finding,
    }
}

/// `1MiB`, `512 KiB`, `2MB`, `1GiB`, or a number of bytes; `None` when it
/// is not written as a size. A size too large to count is `u64::MAX`, past
/// any limit.
fn parse_size(value: &Value) -> Option<u64> {
    if let Some(n) = value.as_u64() {
        return Some(n);
    }
    let text = value.as_str()?.replace(' ', "");
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    // The schema's form: digits that do not start with 0, then a unit.
    if number.is_empty() || number.starts_with('0') {
        return None;
    }
    let factor = match unit {
        "B" => 1,
        "KB" => 1000,
        "KiB" => 1024,
        "MB" => 1000 * 1000,
        "MiB" => 1024 * 1024,
        "GB" => 1000 * 1000 * 1000,
        "GiB" => 1024 * 1024 * 1024,
        _ => return None,
    };
    // Only an overflow makes the digits fail to parse.
    Some(
        number
            .parse::<u64>()
            .unwrap_or(u64::MAX)
            .saturating_mul(factor),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size(&Value::from("1MiB")), Some(1024 * 1024));
        assert_eq!(parse_size(&Value::from("10GiB")), Some(10 << 30));
        assert_eq!(parse_size(&Value::from("2 GB")), Some(2_000_000_000));
        assert_eq!(
            parse_size(&Value::from("99999999999999999999GiB")),
            Some(u64::MAX)
        );
        assert_eq!(parse_size(&Value::from("lots")), None);
        assert_eq!(parse_size(&Value::from("01MiB")), None);
        assert_eq!(parse_size(&Value::from("512 KiB")), Some(512 * 1024));
        assert_eq!(parse_size(&Value::from(300)), Some(300));
    }
}
