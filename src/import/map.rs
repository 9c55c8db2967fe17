//! The mapping `cuc import` reads an export with: which file holds what,
//! and which column each fact. Each system has a preset (templates/import/);
//! a mapping file (`--map`), checked against its own schema
//! (`cuc schema import-map`), changes the preset key by key, or is the whole
//! mapping for `cuc import csv`.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

use crate::error::CucError;
use crate::load::check::{INVALID_VALUE, MISSING_FIELD};
use crate::load::document::DocumentKind;
use crate::load::finding::{Finding, Report};
use crate::load::node::escape_pointer;
use crate::load::source::SourceText;
use crate::load::{Limits, Parsed, load_yaml, parse_yaml};
use crate::model::fields::{CustomFields, Section};
use crate::model::schema::Schemas;

/// The systems `cuc import` has a preset for, and `csv` for any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum System {
    Salesforce,
    Hubspot,
    Gainsight,
    Csv,
}

impl System {
    /// How people write its name.
    pub fn label(self) -> &'static str {
        match self {
            System::Salesforce => "Salesforce",
            System::Hubspot => "HubSpot",
            System::Gainsight => "Gainsight",
            System::Csv => "CSV",
        }
    }

    /// The name `cuc import` takes.
    pub fn name(self) -> &'static str {
        match self {
            System::Salesforce => "salesforce",
            System::Hubspot => "hubspot",
            System::Gainsight => "gainsight",
            System::Csv => "csv",
        }
    }

    /// The built-in mapping, as templates/import/ keeps it.
    pub fn preset(self) -> Option<&'static str> {
        match self {
            System::Salesforce => Some(include_str!("../../templates/import/salesforce.yaml")),
            System::Hubspot => Some(include_str!("../../templates/import/hubspot.yaml")),
            System::Gainsight => Some(include_str!("../../templates/import/gainsight.yaml")),
            System::Csv => None,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub schema: Option<String>,
    pub accounts: Option<Accounts>,
    pub users: Option<Users>,
    pub team: Option<Team>,
    pub contacts: Option<Contacts>,
    pub contact_roles: Option<ContactRoles>,
    pub deals: Option<Deals>,
    /// CRM role, as the CRM writes it → cuc roles.
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    /// The sections whose `file` the mapping file names (not the preset):
    /// those files must be in the export.
    #[serde(skip)]
    pub explicit: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accounts {
    pub file: Option<String>,
    pub id: Option<String>,
    pub name: Option<String>,
    pub segment: Option<String>,
    pub domain: Option<String>,
    pub sales: Option<String>,
    pub cs: Option<String>,
    pub arr: Option<String>,
    pub currency: Option<String>,
    pub renewal: Option<String>,
    pub start: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, FieldColumn>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Users {
    pub file: Option<String>,
    pub id: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub file: Option<String>,
    pub account: Option<String>,
    pub user: Option<String>,
    pub role: Option<String>,
    #[serde(default)]
    pub cs_roles: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    pub file: Option<String>,
    pub id: Option<String>,
    pub account: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub roles: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, FieldColumn>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRoles {
    pub file: Option<String>,
    pub account: Option<String>,
    pub contact: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deals {
    pub file: Option<String>,
    pub account: Option<String>,
    pub stage: Option<String>,
    #[serde(default)]
    pub won: Vec<String>,
    pub amount: Option<String>,
    pub close_date: Option<String>,
    pub currency: Option<String>,
    pub term_months: Option<u32>,
}

/// A custom field's column, and optionally how to translate its values.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum FieldColumn {
    Column(String),
    Translated {
        column: String,
        #[serde(default)]
        values: BTreeMap<String, String>,
    },
}

impl FieldColumn {
    pub fn column(&self) -> &str {
        match self {
            FieldColumn::Column(c) | FieldColumn::Translated { column: c, .. } => c,
        }
    }

    /// The value to write for the CRM's `value`: its translation (case
    /// does not matter), or itself.
    pub fn translate<'a>(&'a self, value: &'a str) -> &'a str {
        match self {
            FieldColumn::Translated { values, .. } => values
                .iter()
                .find(|(from, _)| from.eq_ignore_ascii_case(value))
                .map_or(value, |(_, to)| to.as_str()),
            FieldColumn::Column(_) => value,
        }
    }
}

impl Mapping {
    /// The cuc roles a CRM role means, matched without regard to case;
    /// `None` for a role the mapping does not know.
    pub fn roles_of(&self, crm_role: &str) -> Option<&[String]> {
        self.roles
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(crm_role.trim()))
            .map(|(_, roles)| roles.as_slice())
    }
}

/// The mapping for `system`: its preset changed by the file at `map`
/// (shown as `shown` in messages), checked against the workspace's own
/// fields.
pub fn load(
    system: System,
    map: Option<(&Path, &str)>,
    fields: &CustomFields,
) -> Result<Mapping, CucError> {
    let mut value = match system.preset() {
        Some(text) => {
            let source = SourceText::new(text.to_owned());
            parse_yaml(&source, text, "preset")
                .map(|root| root.to_json())
                .unwrap_or(Value::Null)
        }
        None => Value::Object(Default::default()),
    };
    let parsed = match map {
        Some((path, shown)) => Some((read_map(path, shown)?, shown)),
        None if system == System::Csv => {
            return Err(CucError::Usage(
                "`cuc import csv` needs a mapping file that names the files and columns to read\n  \
                 help: pass it with --map FILE; `cuc schema import-map` prints what it may hold, and templates/import/ in cuc's repository has one per CRM to start from"
                    .to_owned(),
            ));
        }
        None => None,
    };
    if let Some((parsed, _)) = &parsed {
        merge(&mut value, parsed.root.to_json());
    }
    let mut mapping: Mapping = serde_json::from_value(value).map_err(|e| {
        CucError::Usage(format!(
            "the mapping cannot be used: {e}\n  help: check it against `cuc schema import-map`"
        ))
    })?;
    if let Some((parsed, _)) = &parsed
        && let Value::Object(sections) = parsed.root.to_json()
    {
        mapping.explicit = sections
            .iter()
            .filter(|(_, v)| v.get("file").is_some())
            .map(|(k, _)| k.clone())
            .collect();
    }
    let mut findings = Vec::new();
    if let Some((parsed, shown)) = &parsed {
        check_fields(&mapping, parsed, shown, fields, &mut findings);
    }
    if system == System::Csv
        && let Some((parsed, shown)) = &parsed
    {
        check_complete(&mapping, parsed, shown, &mut findings);
    }
    if let Some((parsed, shown)) = parsed
        && !findings.is_empty()
    {
        let mut report = Report {
            files: 1,
            ..Report::default()
        };
        report.add_source(shown, &parsed.source);
        report.findings = findings;
        report.sort();
        return Err(CucError::InvalidMap {
            file: shown.to_owned(),
            report: Box::new(report),
        });
    }
    Ok(mapping)
}

/// The mapping file, checked against its schema.
fn read_map(path: &Path, shown: &str) -> Result<Parsed, CucError> {
    let mut report = Report {
        files: 1,
        ..Report::default()
    };
    if !path.is_file() {
        let what = if path.exists() {
            format!("{shown} is a folder, not a mapping file")
        } else {
            format!("there is no mapping file {shown}")
        };
        return Err(CucError::Usage(format!(
            "{what}\n  help: check the path given with --map"
        )));
    }
    let parsed = match load_yaml(path, shown, Limits::default()) {
        Ok(parsed) => parsed,
        Err(failure) => {
            if let Some(source) = &failure.source {
                report.add_source(shown, source);
            }
            report.findings.push(*failure.finding);
            return Err(CucError::InvalidMap {
                file: shown.to_owned(),
                report: Box::new(report),
            });
        }
    };
    let findings =
        Schemas::embedded().check(DocumentKind::ImportMap, &parsed.root, &parsed.source, shown);
    if !findings.is_empty() {
        report.add_source(shown, &parsed.source);
        report.findings = findings;
        report.sort();
        return Err(CucError::InvalidMap {
            file: shown.to_owned(),
            report: Box::new(report),
        });
    }
    Ok(parsed)
}

/// `over` written onto `base`: mappings key by key, anything else replaced.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

/// Every custom field the mapping fills is one cuc.yaml declares.
fn check_fields(
    mapping: &Mapping,
    parsed: &Parsed,
    file: &str,
    fields: &CustomFields,
    findings: &mut Vec<Finding>,
) {
    let sections = [
        (
            "accounts",
            Section::Customer,
            mapping.accounts.as_ref().map(|a| &a.fields),
        ),
        (
            "contacts",
            Section::Stakeholders,
            mapping.contacts.as_ref().map(|c| &c.fields),
        ),
    ];
    for (key, section, mapped) in sections {
        let Some(mapped) = mapped else { continue };
        let declared: Vec<&str> = fields.of(section).map(|f| f.name.as_str()).collect();
        for (name, column) in mapped {
            if let (Some(field), FieldColumn::Translated { values, .. }) =
                (fields.of(section).find(|f| &f.name == name), column)
                && let crate::model::fields::FieldType::Enum(allowed) = &field.kind
            {
                for (from, to) in values {
                    if allowed.contains(to) {
                        continue;
                    }
                    let pointer = format!("/{key}/fields/{name}/values/{}", escape_pointer(from));
                    let mut finding = Finding::new(
                        INVALID_VALUE,
                        file,
                        format!("`{to}` is not one of the values of `{name}`, so the CRM's `{from}` cannot become it"),
                    )
                    .help(format!(
                        "translate `{from}` to one of {}",
                        allowed.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
                    ))
                    .label("not a value of the field")
                    .pointer(pointer.clone());
                    if let Some(found) = parsed.root.find(&pointer) {
                        finding = finding.at(found.node.span, &parsed.source);
                    }
                    findings.push(finding);
                }
            }
            if declared.contains(&name.as_str()) {
                continue;
            }
            let pointer = format!("/{key}/fields/{name}");
            let Some(found) = parsed.root.find(&pointer) else {
                continue;
            };
            let hint = crate::text::closest(name, declared.iter().copied())
                .map(|best| format!("did you mean `{best}`? "))
                .unwrap_or_default();
            let help = if declared.is_empty() {
                format!(
                    "declare it first in cuc.yaml under `fields: {}:` (README, \"Your own fields\")",
                    section.name()
                )
            } else {
                format!(
                    "{hint}the {} fields cuc.yaml declares are: {}",
                    section.name(),
                    declared.join(", ")
                )
            };
            let mut finding = Finding::new(
                INVALID_VALUE,
                file,
                format!(
                    "`{name}` is not a field of `{}` that cuc.yaml declares",
                    section.name()
                ),
            )
            .help(help)
            .label("not declared")
            .pointer(pointer);
            if let Some(span) = found.key_span {
                finding = finding.at(span, &parsed.source);
            }
            findings.push(finding);
        }
    }
}

/// `cuc import csv` has no preset: its mapping says where the accounts,
/// their ids and names are.
fn check_complete(mapping: &Mapping, parsed: &Parsed, file: &str, findings: &mut Vec<Finding>) {
    let accounts = mapping.accounts.as_ref();
    let missing: Vec<&str> = [
        ("file", accounts.and_then(|a| a.file.as_ref())),
        ("id", accounts.and_then(|a| a.id.as_ref())),
        ("name", accounts.and_then(|a| a.name.as_ref())),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_none())
    .map(|(k, _)| k)
    .collect();
    if missing.is_empty() {
        return;
    }
    let at = if accounts.is_some() { "/accounts" } else { "" };
    let mut finding = Finding::new(
        MISSING_FIELD,
        file,
        format!(
            "the mapping does not say {} of the accounts (`accounts: {}`)",
            missing
                .iter()
                .map(|m| match *m {
                    "file" => "which file holds the rows",
                    "id" => "which column holds the CRM's id",
                    _ => "which column holds the name",
                })
                .collect::<Vec<_>>()
                .join(", "),
            missing.join(", ")
        ),
    )
    .help("add them, e.g. `accounts: {file: accounts.csv, id: Account ID, name: Account Name}`")
    .pointer(at.to_owned());
    if let Some(found) = parsed.root.find(at) {
        let span = found.key_span.unwrap_or(found.node.span);
        finding = finding.at(span, &parsed.source);
    }
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The presets are mappings the schema takes, so a team can copy one.
    #[test]
    fn every_preset_follows_the_mapping_schema() {
        for system in [System::Salesforce, System::Hubspot, System::Gainsight] {
            let text = system.preset().unwrap();
            let source = SourceText::new(text.to_owned());
            let root = parse_yaml(&source, text, "preset").unwrap();
            let findings =
                Schemas::embedded().check(DocumentKind::ImportMap, &root, &source, "preset");
            assert!(findings.is_empty(), "{}: {:?}", system.name(), findings);
            let mapping: Mapping = serde_json::from_value(root.to_json()).unwrap();
            assert!(mapping.accounts.is_some());
        }
    }

    #[test]
    fn a_mapping_changes_the_preset_key_by_key() {
        let mut base = serde_json::json!({"accounts": {"file": "A.csv", "id": "Id"}, "roles": {"X": ["champion"]}});
        merge(
            &mut base,
            serde_json::json!({"accounts": {"id": "AccountId"}, "roles": {"Y": []}}),
        );
        assert_eq!(
            base,
            serde_json::json!({"accounts": {"file": "A.csv", "id": "AccountId"}, "roles": {"X": ["champion"], "Y": []}})
        );
    }
}
