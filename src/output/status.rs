//! `cuc status` printed: the table people read, and the JSON programs read.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::judge::summary::{Summary, days_from_today, money, totals};
use crate::text::words::plural;

/// The status JSON's wire types: frozen, so that changing the internal
/// `Summary` never changes what programs reading `cuc status --format json`
/// see. README ("cuc status") documents each field.
#[derive(Serialize)]
struct Status<'a> {
    customers: Vec<Customer<'a>>,
}

#[derive(Serialize)]
struct Customer<'a> {
    id: &'a str,
    name: Option<&'a str>,
    cs: Option<&'a str>,
    renewal_in_days: Option<i64>,
    last_review: Option<LastReview<'a>>,
    next_milestone: Option<NextMilestone<'a>>,
    freshness: &'a str,
    open_high_risks: Option<usize>,
    signoff: Option<&'a str>,
    errors: usize,
    warnings: usize,
    arr: Option<f64>,
    currency: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    unknown: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_changed: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    last_changed_at_or_before: bool,
    /// The workspace's own fields of the customer (cuc.yaml `fields:`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: &'a BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
struct LastReview<'a> {
    date: &'a str,
    milestone: &'a str,
}

#[derive(Serialize)]
struct NextMilestone<'a> {
    id: &'a str,
    due: &'a str,
    overdue: bool,
}

impl<'a> From<&'a Summary> for Customer<'a> {
    fn from(s: &'a Summary) -> Self {
        Customer {
            id: &s.id,
            name: s.name.as_deref(),
            cs: s.cs.as_deref(),
            renewal_in_days: s.renewal_in_days,
            last_review: s.last_review.as_ref().map(|r| LastReview {
                date: &r.date,
                milestone: &r.milestone,
            }),
            next_milestone: s.next_milestone.as_ref().map(|m| NextMilestone {
                id: &m.id,
                due: &m.due,
                overdue: m.overdue,
            }),
            freshness: s.freshness,
            open_high_risks: s.open_high_risks,
            signoff: s.signoff,
            errors: s.errors,
            warnings: s.warnings,
            arr: s.arr,
            currency: s.currency.as_deref(),
            unknown: s.unknown.iter().map(|(k, v)| (*k, v.as_str())).collect(),
            last_changed: s.last_changed.as_deref(),
            last_changed_at_or_before: s.last_changed_at_or_before,
            fields: &s.fields,
        }
    }
}

/// `{"customers": [...]}`, one entry per customer.
pub fn json(rows: &[Summary]) -> String {
    let status = Status {
        customers: rows.iter().map(Customer::from).collect(),
    };
    let mut text = serde_json::to_string_pretty(&status).unwrap_or_default();
    text.push('\n');
    text
}

/// One entry per customer, then the totals.
pub fn table(rows: &[Summary]) -> String {
    let mut out = String::new();
    for row in rows {
        let flag = match row.freshness {
            "stale" => "STALE",
            "warn" => "warn ",
            _ => "ok   ",
        };
        let renewal = match row.renewal_in_days {
            Some(d) => format!("renewal {}", days_from_today(d)),
            None if row.unknown("renewal_in_days").is_some() => "renewal unknown".to_owned(),
            None => "no renewal date".to_owned(),
        };
        let arr = match row.arr {
            Some(a) => format!(" · ARR {}", money(a, row.currency.as_deref())),
            None if row.unknown("arr").is_some() => " · ARR unknown".to_owned(),
            None => String::new(),
        };
        out.push_str(&wrapped(format!("{flag}  {} · {renewal}{arr}", row.id)));
        let cs = match &row.cs {
            Some(cs) => format!("CS {cs} · "),
            None if row.unknown("cs").is_some() => "CS owner unknown · ".to_owned(),
            None => String::new(),
        };
        let risks = match row.open_high_risks {
            Some(n) => plural(n, "open high risk"),
            None => "high risks unknown".to_owned(),
        };
        out.push_str(&wrapped(format!(
            "       {cs}{}, {} · {risks}",
            plural(row.errors, "error"),
            plural(row.warnings, "warning"),
        )));
        let last = match row.last_review_label() {
            Some(r) => format!("last review {r}"),
            None if row.unknown("last_review").is_some() => "last review unknown".to_owned(),
            None => "never reviewed".to_owned(),
        };
        let next = match (&row.next_milestone, row.next_milestone_label()) {
            (Some(m), Some(label)) if m.overdue => label,
            (_, Some(label)) => format!("next {label}"),
            _ if row.unknown("next_milestone").is_some() => "next milestone unknown".to_owned(),
            _ => "no milestone ahead".to_owned(),
        };
        out.push_str(&wrapped(format!("       {last} · {next}")));
        let changed = row
            .last_changed_day()
            .map(|day| format!(" · last changed {day}"))
            .unwrap_or_default();
        out.push_str(&wrapped(format!(
            "       sign-off {}{changed}",
            row.signoff.unwrap_or("unknown")
        )));
        if row.documents_have_errors {
            out.push_str(&wrapped(format!(
                "       documents have errors: cuc validate customers/{}",
                row.id
            )));
            for line in row.unknown_lines() {
                out.push_str(&wrapped(format!("       {line}")));
            }
        }
        out.push('\n');
    }
    out.push_str(&totals(rows).join("\n"));
    out.push('\n');
    out
}

/// A line of the table: up to 80 characters, wrapped between its parts
/// when longer, and never cut.
fn wrapped(line: String) -> String {
    const WIDTH: usize = 80;
    const INDENT: &str = "       ";
    if line.chars().count() <= WIDTH {
        return line + "\n";
    }
    // Never cut: break between the ` · ` parts, each continued line
    // indented like the row's others; a part longer than a line stays whole.
    let mut out = String::new();
    let mut current = String::new();
    for part in line.split(" · ") {
        let candidate = if current.is_empty() {
            part.to_owned()
        } else {
            format!("{current} · {part}")
        };
        if candidate.chars().count() <= WIDTH || current.is_empty() {
            current = candidate;
        } else {
            out.push_str(&current);
            out.push('\n');
            current = format!("{INDENT}{}", part.trim_start());
        }
    }
    out.push_str(&current);
    out.push('\n');
    out
}
