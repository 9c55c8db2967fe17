//! Who matters: the roles that must be named, and a sponsor we talk to.

use super::{Doc, Hits, Rule, Subject, role_name};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::model::dates::{date, days_between};

pub const MISSING_ROLE: Rule = Rule {
    check: Check {
        name: "missing-role",
        severity: Severity::Warning,
        summary: "no economic buyer, champion or exec sponsor is named",
        explanation: "Every deal has someone who pays (economic buyer), someone who pushes for us inside \
                      the customer (champion) and an executive who owns the outcome (exec sponsor). If we \
                      cannot name them, we do not know who decides the renewal. Find out, and add them to \
                      `stakeholders` with their `roles`.",
    },
    run: missing_role,
};

fn missing_role(s: &Subject, hits: &mut Hits) {
    for role in ["economic_buyer", "champion", "exec_sponsor"] {
        if s.holders(role).is_empty() {
            hits.add(
                Doc::Understanding,
                "/stakeholders",
                format!("no {} is named among the customer's stakeholders", role_name(role)),
            )
            .help(format!(
                "find out who it is and add `{role}` to their `roles` (on a customer-side stakeholder)"
            ));
        }
    }
}

pub const SPONSOR_GAP: Rule = Rule {
    check: Check {
        name: "sponsor-gap",
        severity: Severity::Warning,
        summary: "a project sponsor but no exec sponsor, or the exec sponsor not contacted in 90 days",
        explanation: "A project sponsor can run the project but rarely decides the renewal; the exec \
                      sponsor does. Without one, or when we have not spoken to them in 90 days, the \
                      relationship hangs on people who cannot save it. Name the exec sponsor, meet them, and \
                      update their `last_contact`.",
    },
    run: sponsor_gap,
};

fn sponsor_gap(s: &Subject, hits: &mut Hits) {
    let execs = s.holders("exec_sponsor");
    if execs.is_empty() {
        for (i, p) in s.holders("project_sponsor") {
            hits.add(
                Doc::Understanding,
                format!("/stakeholders/{i}/roles"),
                format!("{} is project sponsor, but no exec sponsor is named above them", p.name),
            )
            .help("ask who owns the outcome at executive level, and add them with the `exec_sponsor` role");
        }
        return;
    }
    for (i, p) in execs {
        match p.last_contact.as_deref().and_then(date) {
            None => {
                hits.add(
                    Doc::Understanding,
                    format!("/stakeholders/{i}/last_contact"),
                    format!(
                        "there is no record of when we last spoke to exec sponsor {}",
                        p.name
                    ),
                )
                .help(format!(
                    "add a line `last_contact: YYYY-MM-DD` to {}'s fields, with the day of the last conversation (or set one up)",
                    p.name
                ));
            }
            Some(last) => {
                let days = days_between(last, s.today);
                if days > 90 {
                    hits.add(
                        Doc::Understanding,
                        format!("/stakeholders/{i}/last_contact"),
                        format!("exec sponsor {} was last contacted {days} days ago ({last})", p.name),
                    )
                    .help("meet them (a sponsor not heard from in 90 days is a renewal risk) and update `last_contact`");
                }
            }
        }
    }
}
