//! `cuc status` printed: the table people read, and the JSON programs read.

use serde::Serialize;

use crate::judge::summary::{Summary, days_from_today, money, totals};
use crate::text::words::plural;

#[derive(Serialize)]
struct Status {
    customers: Vec<Summary>,
}

/// `{"customers": [...]}`, one summary per customer.
pub fn json(rows: Vec<Summary>) -> String {
    let mut text = serde_json::to_string_pretty(&Status { customers: rows }).unwrap_or_default();
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
        out.push_str(&fit(format!("{flag}  {} · {renewal}{arr}", row.id)));
        let cs = match &row.cs {
            Some(cs) => format!("CS {cs} · "),
            None if row.unknown("cs").is_some() => "CS owner unknown · ".to_owned(),
            None => String::new(),
        };
        let risks = match row.open_high_risks {
            Some(n) => plural(n, "open high risk"),
            None => "high risks unknown".to_owned(),
        };
        out.push_str(&fit(format!(
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
        out.push_str(&fit(format!("       {last} · {next}")));
        let changed = row
            .last_changed_day()
            .map(|day| format!(" · last changed {day}"))
            .unwrap_or_default();
        out.push_str(&fit(format!(
            "       sign-off {}{changed}",
            row.signoff.unwrap_or("unknown")
        )));
        if row.documents_have_errors {
            out.push_str(&fit(format!(
                "       documents have errors: cuc validate customers/{}",
                row.id
            )));
            for line in row.unknown_lines() {
                out.push_str(&fit(format!("       {line}")));
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
fn fit(line: String) -> String {
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
