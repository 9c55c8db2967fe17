//! `cuc export` printed: one table (customers, or the items of one kind)
//! as CSV for a spreadsheet, a CRM's data loader or a BI tool, or as JSON.
//! The columns are the same in both; the README lists them.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::judge::summary::Summary;
use crate::model::Understanding;
use crate::model::fields::{CustomFields, Field, Section};

/// What `cuc export --what` exports: the customers, or one kind of item of
/// every customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Customers,
    Stakeholders,
    Criteria,
    Risks,
}

impl What {
    pub fn name(self) -> &'static str {
        match self {
            What::Customers => "customers",
            What::Stakeholders => "stakeholders",
            What::Criteria => "criteria",
            What::Risks => "risks",
        }
    }

    /// The section of understanding.yaml whose items the table holds.
    fn section(self) -> Option<Section> {
        match self {
            What::Customers => None,
            What::Stakeholders => Some(Section::Stakeholders),
            What::Criteria => Some(Section::SuccessCriteria),
            What::Risks => Some(Section::Risks),
        }
    }
}

/// Rows of typed values under named columns.
pub struct Table {
    what: What,
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

const CUSTOMER_COLUMNS: [&str; 18] = [
    "id",
    "name",
    "crm_id",
    "cs",
    "sales",
    "arr",
    "currency",
    "renewal",
    "freshness",
    "last_review",
    "last_review_milestone",
    "next_milestone",
    "next_milestone_due",
    "next_milestone_overdue",
    "signoff",
    "open_high_risks",
    "errors",
    "warnings",
];

const STAKEHOLDER_COLUMNS: [&str; 10] = [
    "customer",
    "name",
    "title",
    "side",
    "email",
    "crm_id",
    "roles",
    "sentiment",
    "last_contact",
    "definition_of_success",
];

const CRITERION_COLUMNS: [&str; 13] = [
    "customer",
    "id",
    "outcome",
    "metric",
    "baseline",
    "current",
    "target",
    "unit",
    "by",
    "status",
    "non_negotiable",
    "data_source",
    "agreed_by",
];

const RISK_COLUMNS: [&str; 9] = [
    "customer",
    "id",
    "what",
    "likelihood",
    "impact",
    "status",
    "owner",
    "mitigation",
    "pull_the_plug",
];

impl Table {
    /// The customers table: one row per customer, in id order, with the
    /// workspace's own customer and business-context fields last.
    pub fn customers(rows: &[&Summary], fields: &CustomFields) -> Table {
        let custom: Vec<&Field> = fields
            .of(Section::Customer)
            .chain(fields.of(Section::BusinessContext))
            .collect();
        let mut columns: Vec<String> = CUSTOMER_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        columns.extend(custom_columns(&columns, &custom));
        let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::from);
        let rows = rows
            .iter()
            .map(|s| {
                let next = s.next_milestone.as_ref();
                let mut row = vec![
                    Value::from(s.id.as_str()),
                    text(&s.name),
                    text(&s.crm_id),
                    text(&s.cs),
                    text(&s.sales),
                    s.arr.map_or(Value::Null, number),
                    text(&s.currency),
                    text(&s.renewal),
                    Value::from(s.freshness),
                    s.last_review
                        .as_ref()
                        .map_or(Value::Null, |r| Value::from(r.date.as_str())),
                    s.last_review
                        .as_ref()
                        .map_or(Value::Null, |r| Value::from(r.milestone.as_str())),
                    next.map_or(Value::Null, |m| Value::from(m.id.as_str())),
                    next.map_or(Value::Null, |m| Value::from(m.due.as_str())),
                    next.map_or(Value::Null, |m| Value::from(m.overdue)),
                    s.signoff.map_or(Value::Null, Value::from),
                    s.open_high_risks.map_or(Value::Null, Value::from),
                    Value::from(s.errors),
                    Value::from(s.warnings),
                ];
                row.extend(custom.iter().map(|f| {
                    s.fields
                        .get(&f.summary_key(fields))
                        .cloned()
                        .unwrap_or(Value::Null)
                }));
                row
            })
            .collect();
        Table {
            what: What::Customers,
            columns,
            rows,
        }
    }

    /// One kind of item of every customer given (id, documents), each row
    /// led by the customer's id, with the workspace's own fields of the
    /// item last.
    pub fn items(what: What, customers: &[(&str, &Understanding)], fields: &CustomFields) -> Table {
        let Some(section) = what.section() else {
            return Table {
                what,
                columns: Vec::new(),
                rows: Vec::new(),
            };
        };
        let fixed: &[&str] = match what {
            What::Stakeholders => &STAKEHOLDER_COLUMNS,
            What::Criteria => &CRITERION_COLUMNS,
            _ => &RISK_COLUMNS,
        };
        let custom: Vec<&Field> = fields.of(section).collect();
        let mut columns: Vec<String> = fixed.iter().map(|c| (*c).to_owned()).collect();
        columns.extend(custom_columns(&columns, &custom));
        let mut rows = Vec::new();
        for (id, u) in customers {
            let items: Vec<(Vec<Value>, &Map<String, Value>)> = match what {
                What::Stakeholders => u
                    .stakeholders
                    .iter()
                    .map(|s| {
                        (
                            vec![
                                Value::from(s.name.as_str()),
                                opt(&s.title),
                                Value::from(s.side.as_str()),
                                opt(&s.email),
                                opt(&s.crm_id),
                                list(&s.roles),
                                opt(&s.sentiment),
                                opt(&s.last_contact),
                                opt(&s.definition_of_success),
                            ],
                            &s.extra,
                        )
                    })
                    .collect(),
                What::Criteria => u
                    .success_criteria
                    .iter()
                    .map(|c| {
                        (
                            vec![
                                Value::from(c.id.as_str()),
                                Value::from(c.outcome.as_str()),
                                opt(&c.metric),
                                c.baseline.clone().unwrap_or(Value::Null),
                                c.current.clone().unwrap_or(Value::Null),
                                c.target.clone().unwrap_or(Value::Null),
                                opt(&c.unit),
                                opt(&c.by),
                                opt(&c.status),
                                c.non_negotiable.map_or(Value::Null, Value::from),
                                opt(&c.data_source),
                                list(&c.agreed_by),
                            ],
                            &c.extra,
                        )
                    })
                    .collect(),
                _ => u
                    .risks
                    .iter()
                    .map(|r| {
                        (
                            vec![
                                Value::from(r.id.as_str()),
                                Value::from(r.what.as_str()),
                                opt(&r.likelihood),
                                opt(&r.impact),
                                opt(&r.status),
                                opt(&r.owner),
                                opt(&r.mitigation),
                                opt(&r.pull_the_plug),
                            ],
                            &r.extra,
                        )
                    })
                    .collect(),
            };
            for (values, extra) in items {
                let mut row = vec![Value::from(*id)];
                row.extend(values);
                row.extend(
                    custom
                        .iter()
                        .map(|f| extra.get(&f.name).cloned().unwrap_or(Value::Null)),
                );
                rows.push(row);
            }
        }
        Table {
            what,
            columns,
            rows,
        }
    }

    /// CSV with a header row: quoted where a cell holds a comma, a quote or
    /// a line break; a text cell that a spreadsheet would run as a formula
    /// is prefixed with `'` (OWASP's advice on CSV injection).
    pub fn csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        // Writing to memory cannot fail.
        let _ = writer.write_record(&self.columns);
        for row in &self.rows {
            let _ = writer.write_record(row.iter().map(cell));
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// `{"customers": [{column: value, ...}, ...]}` (or `stakeholders`,
    /// `criteria`, `risks`), each value typed: numbers as numbers, lists as
    /// lists, absent values as null.
    pub fn json(&self) -> String {
        let rows: Vec<Row> = self
            .rows
            .iter()
            .map(|values| Row {
                columns: &self.columns,
                values,
            })
            .collect();
        let mut top = std::collections::BTreeMap::new();
        top.insert(self.what.name(), rows);
        let mut text = serde_json::to_string_pretty(&top).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// One row as a JSON object, its keys in the columns' order.
struct Row<'a> {
    columns: &'a [String],
    values: &'a [Value],
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, value) in self.columns.iter().zip(self.values) {
            map.serialize_entry(column, value)?;
        }
        map.end()
    }
}

/// The columns of the workspace's own fields: each by its name, or by its
/// path (`business_context.region`) where the name is taken.
fn custom_columns(fixed: &[String], custom: &[&Field]) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for field in custom {
        let taken = fixed.contains(&field.name)
            || columns.contains(&field.name)
            || custom
                .iter()
                .any(|other| other.name == field.name && other.section != field.section);
        columns.push(if taken {
            field.path()
        } else {
            field.name.clone()
        });
    }
    columns
}

fn opt(value: &Option<String>) -> Value {
    value.clone().map_or(Value::Null, Value::from)
}

fn list(values: &[String]) -> Value {
    Value::Array(values.iter().cloned().map(Value::from).collect())
}

/// A whole amount as an integer (`120000`, not `120000.0`).
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// One CSV cell: text as written, a list joined with "; ", nothing for an
/// absent value.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => neutralised(s),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => cell(other),
                })
                .collect();
            neutralised(&parts.join("; "))
        }
        Value::Object(_) => neutralised(&value.to_string()),
    }
}

/// Text a spreadsheet would take for a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`, which shows
/// the text as written instead of running it.
fn neutralised(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+1 555"), "'+1 555");
        assert_eq!(neutralised("-5%"), "'-5%");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("\tx"), "'\tx");
        assert_eq!(neutralised("Cut churn"), "Cut churn");
        assert_eq!(neutralised(""), "");
    }

    #[test]
    fn numbers_are_never_prefixed() {
        assert_eq!(cell(&Value::from(-5)), "-5");
        assert_eq!(cell(&number(120000.0)), "120000");
        assert_eq!(cell(&number(0.5)), "0.5");
    }

    #[test]
    fn lists_are_joined() {
        assert_eq!(
            cell(&serde_json::json!(["champion", "economic_buyer"])),
            "champion; economic_buyer"
        );
    }
}
