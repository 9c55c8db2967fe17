//! The handover from sales to customer success, in the first contract year.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::model::dates::{add_days, date, days_between};

pub const HANDOVER_GAPS: Rule = Rule {
    check: Check {
        name: "handover-gaps",
        severity: Severity::Warning,
        summary: "first contract year: no joint intro meeting with our sales and CS owners, or no milestones near days 30, 90 and 180",
        explanation: "The customer should not have to explain themselves twice. In the first contract year, \
                      the handover needs a joint introduction meeting (`handover.intro_meeting`) attended by \
                      both our sales owner and our CS owner (listed in `handover.attendees` by email, or by \
                      the name of a vendor-side stakeholder matching the email, e.g. Maria Lopez for \
                      maria.lopez@...), and milestones that define what success means about 30, 90 and 180 \
                      days after the start.",
    },
    run: handover_gaps,
};

fn handover_gaps(s: &Subject, hits: &mut Hits) {
    let u = s.understanding;
    let Some(start) = u
        .customer
        .contract
        .as_ref()
        .and_then(|c| c.start.as_deref())
        .and_then(date)
    else {
        return;
    };
    let age = days_between(start, s.today);
    if !(0..365).contains(&age) {
        return;
    }
    let handover = u.handover.clone().unwrap_or_default();
    if handover.intro_meeting.is_none() {
        hits.add(Doc::Understanding, "/handover/intro_meeting", "no joint introduction meeting with the customer is recorded")
            .help("hold the intro meeting with our sales and CS owners and the customer, then add a line `intro_meeting: YYYY-MM-DD` under `handover:`, with its day");
    } else {
        for (role, email) in [
            ("sales", u.customer.team.sales.as_deref()),
            ("CS", Some(u.customer.team.cs.as_str())),
        ] {
            match email {
                None => {
                    hits.add(
                        Doc::Understanding,
                        "/customer/team",
                        "no sales owner is recorded, so the handover cannot be checked",
                    )
                    .help("add `sales:` with the account executive's email under `customer.team`");
                }
                Some(email) if !attended(s, &handover.attendees, email) => {
                    hits.add(
                        Doc::Understanding,
                        "/handover/attendees",
                        format!("our {role} owner ({email}) is not among the intro meeting's attendees"),
                    )
                    .help("the intro is joint: both our sales and CS owners meet the customer together; list who attended");
                }
                Some(_) => {}
            }
        }
    }
    for (day, tolerance) in [(30, 15), (90, 30), (180, 45)] {
        let target = add_days(start, day);
        let defined = u.milestones.iter().any(|m| {
            m.success.as_deref().is_some_and(|t| !t.trim().is_empty())
                && date(&m.due).is_some_and(|due| days_between(target, due).abs() <= tolerance)
        });
        if !defined {
            hits.add(
                Doc::Understanding,
                "/milestones",
                format!("no milestone defines what success looks like around day {day} ({target})"),
            )
            .help(format!("agree with the customer what success looks like by about {target}, and add it as a milestone with `success:`"));
        }
    }
}

/// Whether our owner with this email attended: listed by email, or by the
/// name of a vendor-side stakeholder that matches the email's local part.
fn attended(s: &Subject, attendees: &[String], email: &str) -> bool {
    let local = letters(email.split('@').next().unwrap_or(""));
    attendees.iter().any(|a| {
        a.eq_ignore_ascii_case(email)
            || (letters(a) == local
                && s.understanding
                    .stakeholders
                    .iter()
                    .any(|p| p.side == "vendor" && &p.name == a))
    })
}

fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
