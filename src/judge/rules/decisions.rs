//! The decision log: owned, circulated within 24 hours, not reopened at once.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::model::dates::{hours_between, time};

pub const DECISION_WITHOUT_OWNER: Rule = Rule {
    check: Check {
        name: "decision-without-owner",
        severity: Severity::Error,
        summary: "a decision has no owner",
        explanation: "A decision nobody owns gets re-made in the next meeting. Every cross-functional \
                      decision names the stakeholder who owns it (`owner`). (An owner who is not in \
                      `stakeholders` is reported by validation as `unknown-reference`.)",
    },
    run: decision_without_owner,
};

fn decision_without_owner(s: &Subject, hits: &mut Hits) {
    for (i, d) in s.decisions.decisions.iter().enumerate() {
        if d.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
            hits.add(
                Doc::Decisions,
                format!("/decisions/{i}"),
                format!("decision `{}` has no owner", d.id),
            )
            .help("add `owner:` with the name of the stakeholder who owns it");
        }
    }
}

pub const DECISION_NOT_CIRCULATED: Rule = Rule {
    check: Check {
        name: "decision-not-circulated",
        severity: Severity::Warning,
        summary: "a decision was circulated more than 24 hours after it was made, or not at all",
        explanation: "The practice: every decision is written down with its owner and circulated within 24 \
                      hours, so nobody learns of it a week later and reopens it. Send it to the people \
                      affected and record when (`circulated`) and to whom (`to`): `cuc circulate` does \
                      both and prints the message to send.",
    },
    run: decision_not_circulated,
};

fn decision_not_circulated(s: &Subject, hits: &mut Hits) {
    for (i, d) in s.decisions.decisions.iter().enumerate() {
        let Some(made) = time(&d.made) else { continue };
        match d.circulated.as_deref().and_then(time) {
            None => {
                hits.add(
                    Doc::Decisions,
                    format!("/decisions/{i}/circulated"),
                    format!("decision `{}` was never circulated", d.id),
                )
                .help(format!(
                    "send it with `cuc circulate {} {} --to NAME...`, which records when and to whom",
                    s.id, d.id
                ));
            }
            Some(circulated) => {
                let hours = hours_between(made, circulated);
                if hours > 24.0 {
                    hits.add(
                        Doc::Decisions,
                        format!("/decisions/{i}/circulated"),
                        format!(
                            "decision `{}` was circulated {} after it was made (the practice: within 24 hours)",
                            d.id,
                            delay(hours)
                        ),
                    )
                    .help("circulate decisions the same day; nothing to change here unless the date is wrong");
                }
            }
        }
    }
}

fn delay(hours: f64) -> String {
    if hours < 48.0 {
        format!("{} hours", hours.round() as i64)
    } else {
        format!("{} days", (hours / 24.0).round() as i64)
    }
}

pub const DECISION_REOPENED: Rule = Rule {
    check: Check {
        name: "decision-reopened",
        severity: Severity::Warning,
        summary: "a decision was superseded within 7 days of being made",
        explanation: "A decision replaced within a week was usually made without the right people in the \
                      room, or not circulated. It is a signal to look at who decides and how, not just at \
                      the new decision.",
    },
    run: decision_reopened,
};

fn decision_reopened(s: &Subject, hits: &mut Hits) {
    let decisions = &s.decisions.decisions;
    for (j, later) in decisions.iter().enumerate() {
        let Some(earlier) = later
            .supersedes
            .as_deref()
            .and_then(|id| decisions.iter().find(|d| d.id == id))
        else {
            continue;
        };
        let (Some(made), Some(reopened)) = (time(&earlier.made), time(&later.made)) else {
            continue;
        };
        let days = hours_between(made, reopened) / 24.0;
        if (0.0..7.0).contains(&days) {
            hits.add(
                Doc::Decisions,
                format!("/decisions/{j}/supersedes"),
                format!(
                    "decision `{}` reopened `{}` only {} after it was made",
                    later.id,
                    earlier.id,
                    delay(days * 24.0)
                ),
            )
            .help(
                "ask who was missing when the first decision was made, and include them next time",
            );
        }
    }
}
