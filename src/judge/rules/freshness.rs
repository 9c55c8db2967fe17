//! Freshness: reviewed on cadence, at every milestone, and before renewal.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::model::dates::{Days, add_days, date, days_between};

pub const STALE_REVIEW: Rule = Rule {
    check: Check {
        name: "stale-review",
        severity: Severity::Warning,
        summary: "the last review is older than the cadence (warning) or the workspace's error_after (error)",
        explanation: "Understanding rots: priorities shift, sponsors leave, targets move. Each customer is \
                      revisited on its `review.cadence` (or the workspace's `freshness.warn_after`); past \
                      `freshness.error_after` it is an error. Review the page with the customer and record \
                      it with `cuc review ID --record`.",
    },
    run: stale_review,
};

fn stale_review(s: &Subject, hits: &mut Hits) {
    let Some((last, index)) = s.reviews.last_reviewed(s.understanding) else {
        return;
    };
    let age = days_between(last, s.today);
    let warn = Days::parse(&s.understanding.review.cadence).or(s.config.freshness.warn_after);
    let error = s.config.freshness.error_after;
    let (doc, pointer) = match index {
        Some(i) => (Doc::Reviews, format!("/reviews/{i}/date")),
        None => (Doc::Understanding, "/review/cadence".to_owned()),
    };
    let since = if index.is_some() {
        "last reviewed"
    } else {
        "not reviewed since the contract started"
    };
    if let Some(limit) = error.filter(|limit| age > limit.0) {
        hits.add(doc, pointer, format!("{since} {age} days ago ({last}), beyond the workspace's limit of {limit}"))
            .help(format!("review the understanding with the customer now and record it: cuc review {} --record ...", s.id))
            .severity(Severity::Error);
    } else if let Some(limit) = warn.filter(|limit| age > limit.0) {
        hits.add(
            doc,
            pointer,
            format!("{since} {age} days ago ({last}); the cadence is every {limit}"),
        )
        .help(format!(
            "review the understanding with the customer and record it: cuc review {} --record ...",
            s.id
        ));
    }
}

pub const MISSED_MILESTONE_REVIEW: Rule = Rule {
    check: Check {
        name: "missed-milestone-review",
        severity: Severity::Error,
        summary: "a milestone is past due (plus the grace period) with no review recorded for it",
        explanation: "Milestones (onboarding, first value, mid-year, renewal) are the moments the practice \
                      revisits the understanding with the customer. One that passed without a review is a \
                      moment lost. Hold the review and record it with `cuc review ID --record --milestone \
                      M`; the grace period is `freshness.milestone_grace` (14 days unless set).",
    },
    run: missed_milestone_review,
};

fn missed_milestone_review(s: &Subject, hits: &mut Hits) {
    let grace = s.config.freshness.milestone_grace;
    for (i, m) in s.understanding.milestones.iter().enumerate() {
        let Some(due) = date(&m.due) else { continue };
        let reviewed = s.reviews.reviews.iter().any(|r| r.milestone == m.id);
        let late = days_between(add_days(due, grace.0), s.today);
        if !reviewed && late > 0 {
            hits.add(
                Doc::Understanding,
                format!("/milestones/{i}/due"),
                format!(
                    "milestone `{}` was due on {due} and has no review recorded ({} days past due)",
                    m.id,
                    days_between(due, s.today)
                ),
            )
            .help(format!(
                "hold the review with the customer and record it: cuc review {} --record --milestone {} --by NAME --outcome on_track",
                s.id, m.id
            ));
        }
    }
}

pub const RENEWAL_APPROACHING: Rule = Rule {
    check: Check {
        name: "renewal-approaching",
        severity: Severity::Warning,
        summary: "the renewal is within the renewal lead time and there is no renewal review",
        explanation: "The renewal question (did we deliver on success, and what is next?) needs an answer \
                      before the customer asks it. Within `freshness.renewal_lead` (90 days unless set) of \
                      the renewal date, hold a renewal review and record it against a milestone of kind \
                      `renewal`.",
    },
    run: renewal_approaching,
};

fn renewal_approaching(s: &Subject, hits: &mut Hits) {
    let Some(renewal) = s
        .understanding
        .customer
        .contract
        .as_ref()
        .and_then(|c| c.renewal.as_deref())
        .and_then(date)
    else {
        return;
    };
    let lead = s.config.freshness.renewal_lead;
    let days = days_between(s.today, renewal);
    if days > lead.0 {
        return;
    }
    let renewal_milestones: Vec<&str> = s
        .understanding
        .milestones
        .iter()
        .filter(|m| m.kind.as_deref() == Some("renewal"))
        .map(|m| m.id.as_str())
        .collect();
    // Only a renewal review held within this renewal's lead time counts: last
    // year's renewal review says nothing about this one.
    let window_start = add_days(renewal, -lead.0);
    let reviewed = s.reviews.reviews.iter().any(|r| {
        renewal_milestones.contains(&r.milestone.as_str())
            && date(&r.date).is_some_and(|d| d >= window_start)
    });
    if reviewed {
        return;
    }
    let when = if days >= 0 {
        format!("the renewal is in {days} days ({renewal})")
    } else {
        format!("the renewal was {} days ago ({renewal})", -days)
    };
    let help = match renewal_milestones.first() {
        Some(id) => format!(
            "hold the renewal review (did we deliver on success? what is next?) and record it: cuc review {} --record --milestone {id} ...",
            s.id
        ),
        None => "add a milestone with `kind: renewal`, hold the renewal review, and record it"
            .to_owned(),
    };
    hits.add(
        Doc::Understanding,
        "/customer/contract/renewal",
        format!("{when} and there is no renewal review"),
    )
    .help(help);
}
