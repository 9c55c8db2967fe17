//! What the sale promised: confirmed with product, and delivered on time.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::model::dates::{date, days_between};

pub const UNCONFIRMED_COMMITMENT: Rule = Rule {
    check: Check {
        name: "unconfirmed-commitment",
        severity: Severity::Warning,
        summary: "a promise was not confirmed with product",
        explanation: "\"Yes, SSO works with your Okta\" said in a sales call is a promise the customer will \
                      hold us to. Until product confirms it, it is implied, not real. Confirm it with \
                      product and set `confirmed_with_product: true`, or tell the customer what is true.",
    },
    run: unconfirmed_commitment,
};

fn unconfirmed_commitment(s: &Subject, hits: &mut Hits) {
    for (i, c) in s.understanding.commitments.iter().enumerate() {
        if !c.is_settled() && c.confirmed_with_product != Some(true) {
            hits.add(
                Doc::Understanding,
                format!("/commitments/{i}/confirmed_with_product"),
                format!("commitment `{}` ({}) is not confirmed with product", c.id, short(&c.what)),
            )
            .help("check it with product; then set `confirmed_with_product: true`, or correct the promise with the customer");
        }
    }
}

pub const OVERDUE_COMMITMENT: Rule = Rule {
    check: Check {
        name: "overdue-commitment",
        severity: Severity::Error,
        summary: "a commitment is past its due date and not delivered",
        explanation: "A promise past its date and not delivered is what customers remember at renewal. \
                      Deliver it, or agree a new date with the customer and write it in `due`, or mark it \
                      `dropped` if both sides agreed to drop it.",
    },
    run: overdue_commitment,
};

fn overdue_commitment(s: &Subject, hits: &mut Hits) {
    for (i, c) in s.understanding.commitments.iter().enumerate() {
        let Some(due) = c.due.as_deref().and_then(date) else {
            continue;
        };
        let late = days_between(due, s.today);
        if !c.is_settled() && late > 0 {
            hits.add(
                Doc::Understanding,
                format!("/commitments/{i}/due"),
                format!("commitment `{}` ({}) was due on {due}, {late} days ago, and is not delivered", c.id, short(&c.what)),
            )
            .help("deliver it, or agree a new date with the customer and update `due` (or mark it `dropped` if agreed)");
        }
    }
}

/// The first words of a promise, to name it in a message.
pub fn short(text: &str) -> String {
    let text = text.trim();
    let cut: String = text.chars().take(50).collect();
    if cut.len() < text.len() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    }
}
