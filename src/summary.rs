//! One customer at a glance: freshness, renewal, reviews, risks, sign-off,
//! findings and when the folder last changed. `cuc status` prints these as
//! cards or JSON; `cuc render --all` as the portfolio index.

use jiff::civil::Date;
use serde::Serialize;

use crate::dates::{Days, add_days, date, days_between};
use crate::error::CucError;
use crate::history::History;
use crate::portfolio::{Assessed, Portfolio};
use crate::rules::{SPONSOR_ROLES, freshness};
use crate::workspace::Workspace;

#[derive(Serialize)]
pub struct Summary {
    pub id: String,
    pub name: Option<String>,
    pub cs: Option<String>,
    pub renewal_in_days: Option<i64>,
    pub last_review: Option<LastReview>,
    pub next_milestone: Option<NextMilestone>,
    pub freshness: &'static str,
    pub open_high_risks: usize,
    pub signoff: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub arr: Option<f64>,
    #[serde(skip)]
    pub currency: Option<String>,
    /// False when the documents have errors, so nothing else was read.
    #[serde(skip)]
    pub readable: bool,
    /// When the customer's folder last changed in git (RFC 3339); absent
    /// outside a git repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_changed: Option<String>,
    /// True when history is cut off (a shallow clone) at or after that time.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub last_changed_at_or_before: bool,
}

#[derive(Serialize)]
pub struct LastReview {
    pub date: String,
    pub milestone: String,
}

#[derive(Serialize)]
pub struct NextMilestone {
    pub id: String,
    pub due: String,
}

impl Summary {
    /// "2026-09-04 (first_value)": the last review and its milestone.
    pub fn last_review_label(&self) -> Option<String> {
        self.last_review
            .as_ref()
            .map(|r| format!("{} ({})", r.date, r.milestone))
    }

    /// "mid_year due 2026-11-30": the next milestone without a review.
    pub fn next_milestone_label(&self) -> Option<String> {
        self.next_milestone
            .as_ref()
            .map(|m| format!("{} due {}", m.id, m.due))
    }

    /// The day the folder last changed; "≤ DAY" when a shallow clone cuts
    /// history off, so the day is only a bound.
    pub fn last_changed_day(&self) -> Option<String> {
        self.last_changed.as_deref().map(|t| {
            let day = t.get(..10).unwrap_or(t);
            if self.last_changed_at_or_before {
                format!("≤ {day}")
            } else {
                day.to_owned()
            }
        })
    }
}

/// Summarises every assessed customer, those needing attention first. The
/// flag is true when history is cut off (a shallow clone) so some "last
/// changed" times are only bounds.
pub fn summarize(
    portfolio: &Portfolio,
    workspace: &Workspace,
    today: Date,
) -> Result<(Vec<Summary>, bool), CucError> {
    let mut rows: Vec<Summary> = portfolio
        .customers
        .iter()
        .map(|a| summary(a, workspace, today))
        .collect();
    // One walk of history dates every customer folder.
    if let Some(history) = History::discover(&workspace.root)? {
        let changed = history.last_changed(&workspace.customers_dir())?;
        for row in &mut rows {
            if let Some(c) = changed.times.get(&row.id) {
                row.last_changed = jiff::Timestamp::from_second(c.time)
                    .ok()
                    .map(|t| t.to_string());
                row.last_changed_at_or_before = c.at_or_before;
            }
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
    let shallow = rows.iter().any(|r| r.last_changed_at_or_before);
    Ok((rows, shallow))
}

fn summary(assessed: &Assessed, workspace: &Workspace, today: Date) -> Summary {
    let mut row = Summary {
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

pub fn money(amount: f64, currency: Option<&str>) -> String {
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

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
