//! One customer at a glance: freshness, renewal, reviews, risks, sign-off,
//! findings and when the folder last changed. `cuc status` prints these as
//! cards or JSON; `cuc render --all` as the portfolio index.

use jiff::civil::Date;
use std::collections::BTreeMap;

use crate::error::CucError;
use crate::history::History;
use crate::judge::portfolio::{Assessed, Portfolio};
use crate::load::document::DocumentKind;
use crate::model::SPONSOR_ROLES;
use crate::model::dates::{Days, add_days, date, days_between};
use crate::model::fields::Section;
use crate::model::fingerprint::Fingerprint;
use crate::model::{Reviews, Understanding};
use crate::text::words::plural;
use crate::workspace::Workspace;
use serde_json::Value;

mod partial;
use partial::{Doc, Partial};

/// One customer at a glance, for `cuc status` and the render index. Not a
/// wire type: `output/status.rs` has the JSON's own.
pub struct Summary {
    pub id: String,
    pub name: Option<String>,
    pub cs: Option<String>,
    pub renewal_in_days: Option<i64>,
    pub last_review: Option<LastReview>,
    pub next_milestone: Option<NextMilestone>,
    pub freshness: &'static str,
    /// `None` when the risks have errors, so nobody can count them.
    pub open_high_risks: Option<usize>,
    /// `None` when the sign-offs (or the understanding) cannot be read.
    pub signoff: Option<&'static str>,
    pub errors: usize,
    pub warnings: usize,
    pub arr: Option<f64>,
    /// The currency of `arr`, as the contract writes it.
    pub currency: Option<String>,
    /// The fields that are unknown because their part of the documents has
    /// an error, each with the reason (`"arr": "customer.contract.arr has an
    /// error"`). Every other field was read from valid parts.
    pub unknown: BTreeMap<&'static str, String>,
    /// True when the documents do not validate (the rules did not run).
    pub documents_have_errors: bool,
    /// When the customer's folder last changed in git (RFC 3339); `None`
    /// outside a git repository.
    pub last_changed: Option<String>,
    /// True when history is cut off (a shallow clone) at or after that time.
    pub last_changed_at_or_before: bool,
    /// The account's id in the CRM.
    pub crm_id: Option<String>,
    /// The sales owner's email.
    pub sales: Option<String>,
    /// The renewal date, YYYY-MM-DD.
    pub renewal: Option<String>,
    /// The workspace's own fields of the customer and its business
    /// context (cuc.yaml `fields:`), as written, where they are valid.
    pub fields: BTreeMap<String, serde_json::Value>,
}

pub struct LastReview {
    pub date: String,
    pub milestone: String,
}

pub struct NextMilestone {
    pub id: String,
    pub due: String,
    /// Past its due date with no review recorded for it.
    pub overdue: bool,
}

impl Summary {
    /// "2026-09-04 (first_value)": the last review and its milestone.
    pub fn last_review_label(&self) -> Option<String> {
        self.last_review
            .as_ref()
            .map(|r| format!("{} ({})", r.date, r.milestone))
    }

    /// "mid_year due 2026-11-30": the next milestone without a review, or
    /// "overdue: first_value, due 2026-11-02" when its day has passed.
    pub fn next_milestone_label(&self) -> Option<String> {
        self.next_milestone.as_ref().map(|m| {
            if m.overdue {
                format!("overdue: {}, due {}", m.id, m.due)
            } else {
                format!("{} due {}", m.id, m.due)
            }
        })
    }

    /// Why `field` (a JSON field name of the summary) is unknown, if it is.
    pub fn unknown(&self, field: &str) -> Option<&str> {
        self.unknown.get(field).map(String::as_str)
    }

    /// "ARR unknown: customer.contract.arr has an error", one per unknown
    /// field, in the order the row shows them.
    pub fn unknown_lines(&self) -> Vec<String> {
        FIELDS
            .iter()
            .filter_map(|(field, label)| {
                self.unknown(field)
                    .map(|why| format!("{label} unknown: {why}"))
            })
            .collect()
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

/// The summary's fields that can be unknown, with the words a row uses.
const FIELDS: [(&str, &str); 8] = [
    ("name", "name"),
    ("cs", "CS owner"),
    ("renewal_in_days", "renewal"),
    ("arr", "ARR"),
    ("last_review", "last review"),
    ("next_milestone", "next milestone"),
    ("open_high_risks", "open high risks"),
    ("signoff", "sign-off"),
];

fn summary(assessed: &Assessed, workspace: &Workspace, today: Date) -> Summary {
    // Only documents with errors need reading part by part.
    let partial;
    let built;
    let (u, reviews, fingerprint) = match &assessed.typed {
        Some(typed) => {
            partial = None;
            (
                &typed.understanding,
                &typed.reviews,
                Some(typed.fingerprint.clone()),
            )
        }
        None => {
            let read = Partial::of(assessed);
            built = (read.understanding(), read.reviews());
            let fingerprint = read.fingerprint();
            partial = Some(read);
            (&built.0, &built.1, fingerprint)
        }
    };
    let mut unknown: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut known = |field: &'static str, doc: Doc, patterns: &[&str]| match partial
        .as_ref()
        .and_then(|p| p.unknown(doc, patterns))
    {
        Some(why) => {
            unknown.insert(field, why);
            false
        }
        None => true,
    };
    use Doc::{Reviews as R, Understanding as U};

    let name = known("name", U, &["/customer/name"]).then(|| u.customer.name.clone());
    let cs = known("cs", U, &["/customer/team/cs"]).then(|| u.customer.team.cs.clone());
    let contract = u.customer.contract.clone().unwrap_or_default();
    let renewal_in_days = known("renewal_in_days", U, &["/customer/contract/renewal"])
        .then(|| contract.renewal.as_deref().and_then(date))
        .flatten()
        .map(|r| days_between(today, r));
    let money_known = known(
        "arr",
        U,
        &["/customer/contract/arr", "/customer/contract/currency"],
    );
    let (arr, currency) = if money_known {
        (contract.arr, contract.currency.clone())
    } else {
        (None, None)
    };
    let last_review = known(
        "last_review",
        R,
        &["/reviews/*/date", "/reviews/*/milestone"],
    )
    .then(|| {
        reviews
            .reviews
            .iter()
            .filter_map(|r| Some((date(&r.date)?, r)))
            .max_by_key(|(d, _)| *d)
            .map(|(d, r)| LastReview {
                date: d.to_string(),
                milestone: r.milestone.clone(),
            })
    })
    .flatten();
    let reviewed = |id: &str| reviews.reviews.iter().any(|r| r.milestone == id);
    let next_milestone = (known(
        "next_milestone",
        U,
        &["/milestones/*/id", "/milestones/*/due"],
    ) && known("next_milestone", R, &["/reviews/*/milestone"]))
    .then(|| {
        u.milestones
            .iter()
            .filter(|m| !reviewed(&m.id))
            .filter_map(|m| Some((date(&m.due)?, m)))
            .min_by_key(|(d, _)| *d)
            .map(|(d, m)| NextMilestone {
                id: m.id.clone(),
                due: d.to_string(),
                overdue: d < today,
            })
    })
    .flatten();
    let open_high_risks = known(
        "open_high_risks",
        U,
        &["/risks/*/impact", "/risks/*/status"],
    )
    .then(|| {
        u.risks
            .iter()
            .filter(|r| r.is_open() && r.impact.as_deref() == Some("high"))
            .count()
    });
    // The sign-off compares with the understanding's fingerprint, so it
    // needs an understanding that could be read at all.
    let signoff = (known(
        "signoff",
        R,
        &[
            "/signoffs/*/by",
            "/signoffs/*/role",
            "/signoffs/*/fingerprint",
        ],
    ) && known("signoff", U, &[])
        && fingerprint.is_some())
    .then(|| signoff_state(reviews, fingerprint.as_ref()))
    .flatten();
    if assessed.typed.is_none() {
        // Required fields a document with errors may lack altogether.
        for (field, value, place) in [
            ("name", &name, "customer.name"),
            ("cs", &cs, "customer.team.cs"),
        ] {
            if value.as_deref().is_some_and(str::is_empty) || value.is_none() {
                unknown
                    .entry(field)
                    .or_insert_with(|| format!("{place} is missing"));
            }
        }
    }
    let name = name.filter(|n| !n.is_empty());
    let cs = cs.filter(|c| !c.is_empty());

    let freshness = match &assessed.typed {
        Some(_) => freshness_of(u, reviews, workspace, today),
        // Documents with errors cannot be vouched for.
        None => "stale",
    };
    let schemas = workspace.schemas();
    let mut fields = BTreeMap::new();
    for field in &workspace.config.fields.fields {
        let (values, at) = match field.section {
            Section::Customer => (Some(&u.customer.extra), "customer"),
            Section::BusinessContext => (u.business_context.as_object(), "business_context"),
            _ => continue,
        };
        let Some(value) = values.and_then(|v| v.get(&field.name)) else {
            continue;
        };
        // A document with errors may have one here: only a valid value counts.
        if assessed.typed.is_some()
            || schemas.accepts(
                DocumentKind::Understanding,
                &format!("/{at}/{}", field.name),
                value,
            )
        {
            fields.insert(field.summary_key(&workspace.config.fields), value.clone());
        }
    }
    let valid_text = |pointer: &str, value: &Option<String>| {
        value.clone().filter(|v| {
            assessed.typed.is_some()
                || schemas.accepts(
                    DocumentKind::Understanding,
                    pointer,
                    &Value::from(v.as_str()),
                )
        })
    };
    let crm_id = valid_text("/customer/crm_id", &u.customer.crm_id);
    let sales = valid_text("/customer/team/sales", &u.customer.team.sales);
    let renewal = valid_text("/customer/contract/renewal", &contract.renewal);
    Summary {
        crm_id,
        sales,
        renewal,
        fields,
        id: assessed.customer.id.clone(),
        name,
        cs,
        renewal_in_days,
        last_review,
        next_milestone,
        freshness,
        open_high_risks,
        signoff,
        errors: assessed.errors,
        warnings: assessed.warnings,
        arr,
        currency,
        unknown,
        documents_have_errors: assessed.typed.is_none(),
        last_changed: None,
        last_changed_at_or_before: false,
    }
}

/// Freshness, computed from the documents (not from rule findings, which a
/// customer may have turned off or ignored).
fn freshness_of(
    u: &Understanding,
    reviews: &Reviews,
    workspace: &Workspace,
    today: Date,
) -> &'static str {
    let settings = workspace.config.freshness;
    let reviewed = |id: &str| reviews.reviews.iter().any(|r| r.milestone == id);
    // The same baseline the stale-review rule uses: the last review, else the contract start.
    let baseline = reviews.last_reviewed(u).map(|(d, _)| d);
    let missed = u.milestones.iter().any(|m| {
        !reviewed(&m.id)
            && date(&m.due).is_some_and(|due| add_days(due, settings.milestone_grace.0) < today)
    });
    let warn_after = Days::parse(&u.review.cadence).or(settings.warn_after);
    match baseline.map(|b| days_between(b, today)) {
        _ if missed => "stale",
        Some(age) if settings.error_after.is_some_and(|limit| age > limit.0) => "stale",
        Some(age) if warn_after.is_some_and(|limit| age > limit.0) => "warn",
        None => "warn",
        Some(_) => "ok",
    }
}

/// Sign-off: each signer's latest sign-off, compared with the content now.
fn signoff_state(reviews: &Reviews, fingerprint: Option<&Fingerprint>) -> Option<&'static str> {
    let fingerprint = fingerprint?;
    let latest: Vec<_> = reviews
        .latest_signoffs()
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| SPONSOR_ROLES.contains(&s.role.as_str()))
        .collect();
    Some(if latest.is_empty() {
        "none"
    } else if latest.iter().any(|s| {
        s.fingerprint
            .as_deref()
            .is_some_and(|f| f != fingerprint.as_str())
    }) {
        "stale"
    } else if latest.iter().any(|s| s.fingerprint.is_none()) {
        // Signed before cuc recorded fingerprints: nobody can say what was signed.
        "unverified"
    } else {
        "current"
    })
}

/// "ARR on stale understanding: 420,000 USD (1 customer)", then the same
/// for documents with errors, customers due for review and fresh ones.
/// Every customer is counted on exactly one line: one whose documents have
/// errors on that line alone, whatever else could be read of it.
pub fn totals(rows: &[Summary]) -> Vec<String> {
    let mut parts = Vec::new();
    const LABELS: [&str; 4] = [
        "ARR on stale understanding",
        "ARR on documents with errors",
        "due for review",
        "fresh",
    ];
    // The line a customer is counted on, as an index into LABELS.
    let line_of = |r: &Summary| match (r.documents_have_errors, r.freshness) {
        (true, _) => 1,
        (false, "stale") => 0,
        (false, "warn") => 2,
        (false, _) => 3,
    };
    for (line, label) in LABELS.iter().enumerate() {
        let in_group: Vec<&Summary> = rows.iter().filter(|r| line_of(r) == line).collect();
        if in_group.is_empty() {
            // The stale figure is the one managers look for: always said.
            if *label == "ARR on stale understanding" {
                parts.push(format!("{label}: none (0 customers)"));
            }
            continue;
        }
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        for row in &in_group {
            if let Some(arr) = row.arr {
                *sums
                    .entry(row.currency.clone().unwrap_or_default())
                    .or_default() += arr;
            }
        }
        let unknown = in_group
            .iter()
            .filter(|r| r.unknown("arr").is_some())
            .count();
        let money_text = match (sums.is_empty(), unknown) {
            (true, 0) => "no ARR".to_owned(),
            (true, n) if n == in_group.len() => "unknown".to_owned(),
            (true, n) => format!("unknown for {n}"),
            (false, _) => sums
                .iter()
                .map(|(currency, sum)| match currency.as_str() {
                    "" => format!("{} (no currency)", money(*sum, None)),
                    c => money(*sum, Some(c)),
                })
                .collect::<Vec<_>>()
                .join(" + "),
        };
        let unknown = if unknown > 0 && !sums.is_empty() {
            format!("; ARR unknown for {unknown}")
        } else {
            String::new()
        };
        parts.push(format!(
            "{label}: {money_text} ({}{unknown})",
            plural(in_group.len(), "customer")
        ));
    }
    parts
}

pub fn money(amount: f64, currency: Option<&str>) -> String {
    // The decimal digits of the amount itself (no integer conversion that
    // could overflow); cents are shown when there are any, so an ARR is
    // never silently rounded.
    let text = format!("{:.2}", amount.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = crate::text::words::thousands(whole);
    if cents != "00" {
        grouped.push('.');
        grouped.push_str(cents);
    }
    let sign = if amount < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    match currency {
        Some(c) => format!("{sign}{grouped} {c}"),
        None => format!("{sign}{grouped}"),
    }
}

/// "in 3 days", "1 day ago", "today": a renewal's distance from today.
pub fn days_from_today(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "in 1 day".to_owned(),
        -1 => "1 day ago".to_owned(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_cents_and_never_overflows() {
        assert_eq!(money(186000.0, Some("EUR")), "186,000 EUR");
        assert_eq!(money(186000.5, Some("EUR")), "186,000.50 EUR");
        assert_eq!(money(-1234.0, None), "-1,234");
        assert_eq!(money(-0.001, None), "0");
        // An amount far beyond any integer type is printed in full.
        let huge = money(1e30, Some("USD"));
        assert_eq!(huge, "1,000,000,000,000,000,019,884,624,838,656 USD");
    }
}
