//! `cuc status`: the portfolio at a glance. One entry per customer, those
//! that need attention first, and the ARR that rests on stale understanding.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{Context, Outcome};
use crate::error::CucError;
use crate::output::Format;
use crate::portfolio::assess;
use crate::summary::{Summary, money, plural, summarize};
use crate::workspace::Workspace;

#[derive(Serialize)]
struct Status {
    customers: Vec<Summary>,
}

pub fn run(ctx: &Context) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customer_dirs()?;
    let portfolio = assess(&workspace, &customers, ctx.today);
    let (rows, shallow) = summarize(&portfolio, &workspace, ctx.today)?;
    let warning = if shallow {
        "cuc: this is a shallow clone, so \"last changed\" marked ≤ means at or before that time\n  \
         help: fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions)\n"
            .to_owned()
    } else {
        String::new()
    };
    let stdout = match ctx.format.unwrap_or(Format::Human) {
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&Status { customers: rows }).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Human => table(&rows),
        other => {
            return Err(CucError::Usage(format!(
                "`cuc status` has no {} output\n  help: use --format table (the default) or --format json",
                format!("{other:?}").to_lowercase()
            )));
        }
    };
    let mut outcome = Outcome::ok(stdout);
    outcome.stderr = warning;
    Ok(outcome)
}

fn table(rows: &[Summary]) -> String {
    let mut out = String::new();
    for row in rows {
        let flag = match row.freshness {
            "stale" => "STALE",
            "warn" => "warn ",
            _ => "ok   ",
        };
        let renewal = match row.renewal_in_days {
            Some(d) if d >= 0 => format!("renewal in {d} days"),
            Some(d) => format!("renewal {} days ago", -d),
            None => "no renewal date".to_owned(),
        };
        let arr = row
            .arr
            .map(|a| format!(" · ARR {}", money(a, row.currency.as_deref())))
            .unwrap_or_default();
        out.push_str(&fit(format!("{flag}  {} · {renewal}{arr}", row.id)));
        let cs = row
            .cs
            .as_deref()
            .map(|cs| format!("CS {cs} · "))
            .unwrap_or_default();
        out.push_str(&fit(format!(
            "       {cs}{}, {} · {}",
            plural(row.errors, "error"),
            plural(row.warnings, "warning"),
            plural(row.open_high_risks, "open high risk")
        )));
        let last = row
            .last_review_label()
            .map(|r| format!("last review {r}"))
            .unwrap_or_else(|| "never reviewed".to_owned());
        let next = row
            .next_milestone_label()
            .map(|m| format!("next {m}"))
            .unwrap_or_else(|| "no milestone ahead".to_owned());
        if row.readable {
            out.push_str(&fit(format!("       {last} · {next}")));
        } else {
            out.push_str(&fit(format!(
                "       documents have errors: cuc validate customers/{}",
                row.id
            )));
        }
        let changed = row
            .last_changed_day()
            .map(|day| format!(" · last changed {day}"))
            .unwrap_or_default();
        out.push_str(&fit(format!("       sign-off {}{changed}", row.signoff)));
        out.push('\n');
    }
    out.push_str(&totals(rows));
    out
}

/// One line of at most 80 characters.
fn fit(line: String) -> String {
    let mut line: String = if line.chars().count() > 80 {
        line.chars().take(79).collect::<String>() + "…"
    } else {
        line
    };
    line.push('\n');
    line
}

/// "ARR on stale understanding: 420,000 USD (1 customer) · warn: … · ok: …"
fn totals(rows: &[Summary]) -> String {
    let mut parts = Vec::new();
    for (state, label) in [
        ("stale", "ARR on stale understanding"),
        ("warn", "due for review"),
        ("ok", "fresh"),
    ] {
        let in_state: Vec<&Summary> = rows.iter().filter(|r| r.freshness == state).collect();
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        for row in &in_state {
            if let Some(arr) = row.arr {
                *sums
                    .entry(row.currency.clone().unwrap_or_default())
                    .or_default() += arr;
            }
        }
        let money_text = if sums.is_empty() {
            "no ARR".to_owned()
        } else {
            sums.iter()
                .map(|(currency, sum)| {
                    money(
                        *sum,
                        Some(currency).filter(|c| !c.is_empty()).map(String::as_str),
                    )
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        parts.push(format!(
            "{label}: {money_text} ({})",
            plural(in_state.len(), "customer")
        ));
    }
    format!("{}\n", parts.join("\n"))
}
