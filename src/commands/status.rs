//! `cuc status`: the portfolio at a glance. One entry per customer, those
//! that need attention first, and the ARR that rests on stale understanding.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{Context, Outcome};
use crate::dates::{Days, add_days, date, days_between};
use crate::error::CucError;
use crate::history::History;
use crate::output::Format;
use crate::portfolio::{Assessed, assess};
use crate::rules::{SPONSOR_ROLES, freshness};
use crate::workspace::Workspace;

#[derive(Serialize)]
struct Status {
    customers: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    name: Option<String>,
    cs: Option<String>,
    renewal_in_days: Option<i64>,
    last_review: Option<LastReview>,
    next_milestone: Option<NextMilestone>,
    freshness: &'static str,
    open_high_risks: usize,
    signoff: &'static str,
    errors: usize,
    warnings: usize,
    arr: Option<f64>,
    #[serde(skip)]
    currency: Option<String>,
    /// False when the documents have errors, so nothing else was read.
    #[serde(skip)]
    readable: bool,
    /// When the customer's folder last changed in git (RFC 3339); absent
    /// outside a git repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    last_changed: Option<String>,
    /// True when history is cut off (a shallow clone) at or after that time.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    last_changed_at_or_before: bool,
}

#[derive(Serialize)]
struct LastReview {
    date: String,
    milestone: String,
}

#[derive(Serialize)]
struct NextMilestone {
    id: String,
    due: String,
}

pub fn run(ctx: &Context) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customer_dirs()?;
    let portfolio = assess(&workspace, &customers, ctx.today);
    let mut rows: Vec<Row> = portfolio
        .customers
        .iter()
        .map(|a| row(a, &workspace, ctx.today))
        .collect();
    // One walk of history dates every customer folder.
    let mut warning = String::new();
    if let Some(history) = History::discover(&workspace.root) {
        let changed = history.last_changed(&workspace.customers_dir())?;
        for row in &mut rows {
            if let Some(c) = changed.times.get(&row.id) {
                row.last_changed = jiff::Timestamp::from_second(c.time)
                    .ok()
                    .map(|t| t.to_string());
                row.last_changed_at_or_before = c.at_or_before;
            }
        }
        if rows.iter().any(|r| r.last_changed_at_or_before) {
            warning = "cuc: this is a shallow clone, so \"last changed\" marked ≤ means at or before that time\n  \
                       help: fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions)\n"
                .to_owned();
        }
    }
    let rank = |f: &str| match f {
        "stale" => 0,
        "warn" => 1,
        _ => 2,
    };
    rows.sort_by(|a, b| {
        rank(a.freshness)
            .cmp(&rank(b.freshness))
            .then(b.errors.cmp(&a.errors))
            .then(
                a.renewal_in_days
                    .unwrap_or(i64::MAX)
                    .cmp(&b.renewal_in_days.unwrap_or(i64::MAX)),
            )
            .then(b.warnings.cmp(&a.warnings))
            .then(a.id.cmp(&b.id))
    });
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

fn row(assessed: &Assessed, workspace: &Workspace, today: jiff::civil::Date) -> Row {
    let mut row = Row {
        id: assessed.customer.id.clone(),
        name: None,
        cs: None,
        renewal_in_days: None,
        last_review: None,
        next_milestone: None,
        // Documents with errors cannot be vouched for.
        freshness: "stale",
        open_high_risks: 0,
        signoff: "none",
        errors: assessed.errors,
        warnings: assessed.warnings,
        arr: None,
        currency: None,
        readable: assessed.typed.is_some(),
        last_changed: None,
        last_changed_at_or_before: false,
    };
    let Some(typed) = &assessed.typed else {
        return row;
    };
    let u = &typed.understanding;
    row.name = Some(u.customer.name.clone());
    row.cs = Some(u.customer.team.cs.clone());
    let contract = u.customer.contract.clone().unwrap_or_default();
    row.renewal_in_days = contract
        .renewal
        .as_deref()
        .and_then(date)
        .map(|r| days_between(today, r));
    row.arr = contract.arr;
    row.currency = contract.currency.clone();
    let last = typed
        .reviews
        .reviews
        .iter()
        .filter_map(|r| Some((date(&r.date)?, r)))
        .max_by_key(|(d, _)| *d);
    row.last_review = last.map(|(d, r)| LastReview {
        date: d.to_string(),
        milestone: r.milestone.clone(),
    });
    let reviewed = |id: &str| typed.reviews.reviews.iter().any(|r| r.milestone == id);
    row.next_milestone = u
        .milestones
        .iter()
        .filter(|m| !reviewed(&m.id))
        .filter_map(|m| Some((date(&m.due)?, m)))
        .min_by_key(|(d, _)| *d)
        .map(|(d, m)| NextMilestone {
            id: m.id.clone(),
            due: d.to_string(),
        });
    row.open_high_risks = u
        .risks
        .iter()
        .filter(|r| r.is_open() && r.impact.as_deref() == Some("high"))
        .count();

    // Freshness, computed from the documents (not from rule findings, which
    // a customer may have turned off or ignored).
    let settings = workspace.config.freshness;
    // The same baseline the stale-review rule uses: the last review, else the contract start.
    let baseline = freshness::last_reviewed(u, &typed.reviews).map(|(d, _)| d);
    let missed = u.milestones.iter().any(|m| {
        !reviewed(&m.id)
            && date(&m.due).is_some_and(|due| add_days(due, settings.milestone_grace.0) < today)
    });
    let warn_after = Days::parse(&u.review.cadence).or(settings.warn_after);
    row.freshness = match baseline.map(|b| days_between(b, today)) {
        _ if missed => "stale",
        Some(age) if settings.error_after.is_some_and(|limit| age > limit.0) => "stale",
        Some(age) if warn_after.is_some_and(|limit| age > limit.0) => "warn",
        None => "warn",
        Some(_) => "ok",
    };

    // Sign-off: each signer's latest sign-off, compared with the content now.
    let latest: Vec<_> = typed
        .reviews
        .latest_signoffs()
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| SPONSOR_ROLES.contains(&s.role.as_str()))
        .collect();
    row.signoff = if latest.is_empty() {
        "none"
    } else if latest.iter().any(|s| {
        s.fingerprint
            .as_deref()
            .is_some_and(|f| f != typed.fingerprint.as_str())
    }) {
        "stale"
    } else if latest.iter().any(|s| s.fingerprint.is_none()) {
        // Signed before cuc recorded fingerprints: nobody can say what was signed.
        "unverified"
    } else {
        "current"
    };
    row
}

fn table(rows: &[Row]) -> String {
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
            .last_review
            .as_ref()
            .map(|r| format!("last review {} ({})", r.date, r.milestone))
            .unwrap_or_else(|| "never reviewed".to_owned());
        let next = row
            .next_milestone
            .as_ref()
            .map(|m| format!("next {} due {}", m.id, m.due))
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
            .last_changed
            .as_deref()
            .map(|t| {
                let day = t.get(..10).unwrap_or(t);
                let bound = if row.last_changed_at_or_before {
                    "≤ "
                } else {
                    ""
                };
                format!(" · last changed {bound}{day}")
            })
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
fn totals(rows: &[Row]) -> String {
    let mut parts = Vec::new();
    for (state, label) in [
        ("stale", "ARR on stale understanding"),
        ("warn", "due for review"),
        ("ok", "fresh"),
    ] {
        let in_state: Vec<&Row> = rows.iter().filter(|r| r.freshness == state).collect();
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

fn money(amount: f64, currency: Option<&str>) -> String {
    let whole = amount.round() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if whole < 0 { "-" } else { "" };
    match currency {
        Some(c) => format!("{sign}{grouped} {c}"),
        None => format!("{sign}{grouped}"),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
