//! Workspace settings, read from cuc.yaml.

use serde_json::Value;
use std::collections::HashMap;

use crate::load::finding::Severity;
use crate::model::dates::Days;

use crate::load::check::INVALID_VALUE;
use crate::load::document::DocumentKind;
use crate::load::finding::Report;
use crate::load::{Limits, load_yaml};
use crate::model::fields::{CustomFields, Field, FieldType, Section};
use crate::model::schema::Schemas;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub limits: Limits,
    /// Severity overrides from `rules:`; `None` turns a rule off.
    pub severities: HashMap<String, Option<Severity>>,
    pub freshness: Freshness,
    pub render: RenderSettings,
    /// The workspace's own fields (`fields:`).
    pub fields: CustomFields,
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
        let fields = read_fields(&parsed, file, &mut findings);
        // The customer's page may leave out the workspace's own fields too:
        // a hide entry naming one is not the schema's unknown value.
        let declared: Vec<String> = fields.fields.iter().map(|f| f.path()).collect();
        findings.retain(|f| {
            let Some(pointer) = f.pointer.as_deref() else {
                return true;
            };
            if !pointer.starts_with("/render/customer/hide/") {
                return true;
            }
            let value = parsed.root.find(pointer).map(|found| found.node.to_json());
            !value
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|v| declared.iter().any(|d| d == v))
        });
        if !findings.is_empty() {
            report.add_source(file, &parsed.source);
            report.findings = findings;
            report.sort();
            return Err(Box::new(report));
        }
        let value = parsed.root.to_json();
        let mut config = Config {
            fields,
            ..Config::default()
        };
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

/// The fields cuc.yaml declares (already checked against config.json),
/// with what the schema cannot say: a name cuc can use, not one of the
/// section's own fields, and values exactly for an enum.
fn read_fields(
    parsed: &crate::load::Parsed,
    file: &str,
    findings: &mut Vec<crate::load::finding::Finding>,
) -> CustomFields {
    use crate::load::finding::Finding;
    let mut fields = CustomFields::default();
    let Some(sections) = parsed.root.get("fields") else {
        return fields;
    };
    for section_entry in sections.value.entries() {
        let Some(section) = Section::from_name(&section_entry.key) else {
            continue;
        };
        let built_in = section.built_in();
        for entry in section_entry.value.entries() {
            let name = &entry.key;
            let pointer = format!("/fields/{}/{name}", section.name());
            let here = format!("`fields.{}.{name}`", section.name());
            if !valid_field_name(name) {
                findings.push(
                    Finding::new(
                        INVALID_VALUE,
                        file,
                        format!("`{name}` cannot be the name of a field ({here})"),
                    )
                    .help("name it with lower-case letters, digits and underscores, starting with a letter, e.g. `region` or `product_line`")
                    .label("not a field name")
                    .at(entry.key_span, &parsed.source)
                    .pointer(pointer.clone()),
                );
                continue;
            }
            if built_in.iter().any(|b| b == name) {
                findings.push(
                    Finding::new(
                        INVALID_VALUE,
                        file,
                        format!(
                            "`{name}` is already one of cuc's own fields of `{}` ({here})",
                            section.name()
                        ),
                    )
                    .help(format!(
                        "give your field another name, such as `{}_{name}`, or use cuc's `{name}`",
                        team_prefix(section)
                    ))
                    .label("a built-in field")
                    .at(entry.key_span, &parsed.source)
                    .pointer(pointer.clone()),
                );
                continue;
            }
            let declaration = &entry.value;
            let text = |key: &str| declaration.get(key).and_then(|e| e.value.as_str());
            let flag = |key: &str| {
                declaration
                    .get(key)
                    .is_some_and(|e| e.value.to_json() == Value::Bool(true))
            };
            let values: Vec<String> = declaration
                .get("values")
                .map(|e| {
                    e.value
                        .items()
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let type_name = text("type").unwrap_or("text");
            match (type_name, declaration.get("values")) {
                ("enum", None) => {
                    let span = declaration
                        .get("type")
                        .map_or(entry.key_span, |e| e.value.span);
                    findings.push(
                        Finding::new(
                            INVALID_VALUE,
                            file,
                            format!(
                                "`{name}` is an enum, but its declaration lists no values ({here})"
                            ),
                        )
                        .help("add the values it allows, e.g. `values: [gold, silver, bronze]`")
                        .label("no values")
                        .at(span, &parsed.source)
                        .pointer(format!("{pointer}/type")),
                    );
                    continue;
                }
                (other, Some(values_entry)) if other != "enum" => {
                    findings.push(
                        Finding::new(
                            INVALID_VALUE,
                            file,
                            format!("`{name}` lists values, but only an enum has values; it is `{other}` ({here})"),
                        )
                        .help("write `type: enum` to allow only these values, or remove `values`")
                        .label("only for an enum")
                        .at(values_entry.key_span, &parsed.source)
                        .pointer(format!("{pointer}/values")),
                    );
                    continue;
                }
                _ => {}
            }
            let Some(kind) = FieldType::from_name(type_name, values) else {
                continue;
            };
            fields.fields.push(Field {
                section,
                name: name.clone(),
                kind,
                required: flag("required"),
                internal: text("visibility") == Some("internal"),
                show_on_page: flag("show_on_page"),
                description: text("description").map(str::to_owned),
            });
        }
    }
    fields
}

/// Lower-case letters, digits and underscores, starting with a letter: a
/// name every document, export column and editor takes as it is.
fn valid_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 64
}

/// A prefix suggested for a field that clashes with a built-in one.
fn team_prefix(section: Section) -> &'static str {
    match section {
        Section::Customer | Section::BusinessContext => "crm",
        _ => "our",
    }
}

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
