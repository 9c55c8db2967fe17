//! Sign-offs: the sponsors signed, and what they signed is what is there now.

use super::{Doc, Hits, Rule, SPONSOR_ROLES, Subject, role_name};
use crate::load::check::Check;
use crate::load::finding::Severity;

pub const UNSIGNED_OBJECTIVE: Rule = Rule {
    check: Check {
        name: "unsigned-objective",
        severity: Severity::Warning,
        summary: "the exec sponsor, project sponsor or operating owner has not signed",
        explanation: "The shared objective is signed by the customer's exec sponsor, project sponsor and \
                      operating owner: it turns our understanding into theirs. Walk each of them through \
                      the page and record the sign-off with `cuc signoff ID --by NAME --role ROLE`.",
    },
    run: unsigned_objective,
};

fn unsigned_objective(s: &Subject, hits: &mut Hits) {
    for role in SPONSOR_ROLES {
        for (i, holder) in s.holders(role) {
            let signed = s
                .reviews
                .signoffs
                .iter()
                .any(|so| so.role == role && so.by == holder.name);
            if !signed {
                hits.add(
                    Doc::Understanding,
                    format!("/stakeholders/{i}/name"),
                    format!("{} ({}) has not signed the shared objective", holder.name, role_name(role)),
                )
                .help(format!(
                    "walk them through the page, then record it: cuc signoff {} --by \"{}\" --role {role}",
                    s.id, holder.name
                ));
            }
        }
    }
}

pub const STALE_SIGNOFF: Rule = Rule {
    check: Check {
        name: "stale-signoff",
        severity: Severity::Warning,
        summary: "the understanding changed since it was signed",
        explanation: "A sign-off is tied to the exact content that was signed (its fingerprint). When a \
                      target, a criterion or a stakeholder changes afterwards, the signature no longer covers \
                      what the page says. Share the changes and have them sign again.",
    },
    run: stale_signoff,
};

fn stale_signoff(s: &Subject, hits: &mut Hits) {
    // Only each signer's latest sign-off for a role counts.
    for (k, signoff) in s.reviews.latest_signoffs() {
        let Some(fingerprint) = signoff.fingerprint.as_deref() else {
            continue;
        };
        if fingerprint != s.fingerprint.as_str() {
            hits.add(
                Doc::Reviews,
                format!("/signoffs/{k}/fingerprint"),
                format!(
                    "{}'s sign-off as {} ({}) is of an earlier version: the understanding has changed since",
                    signoff.by,
                    role_name(&signoff.role),
                    signoff.date
                ),
            )
            .help(format!(
                "share what changed and record a new sign-off: cuc signoff {} --by \"{}\" --role {}",
                s.id, signoff.by, signoff.role
            ));
        }
    }
}
