//! Success criteria: measurable, agreed, and what success means to each person.

use super::{Doc, Hits, Rule, SPONSOR_ROLES, Subject, and_list, role_name};
use crate::load::check::Check;
use crate::load::finding::Severity;

pub const UNMEASURABLE_SUCCESS: Rule = Rule {
    check: Check {
        name: "unmeasurable-success",
        severity: Severity::Error,
        summary: "a success criterion lacks a metric, a target or a date (an error), or where its numbers come from (a warning)",
        explanation: "The practice asks \"how will they measure success?\" with no ambiguity. A criterion \
                      without a metric, a target and a date (`metric`, `target`, `by`) cannot be met or \
                      missed, so at renewal nobody can say whether we delivered. Agree the three with the \
                      customer and write them down. Say too where the numbers come from (`data_source`: \
                      the report, system or person that measures them): a figure nobody can look up is \
                      argued about instead of read, so a criterion without one is a warning.",
    },
    run: unmeasurable_success,
};

fn unmeasurable_success(s: &Subject, hits: &mut Hits) {
    for (i, c) in s.understanding.success_criteria.iter().enumerate() {
        let mut missing = Vec::new();
        if c.metric.as_deref().is_none_or(|m| m.trim().is_empty()) {
            missing.push("metric".to_owned());
        }
        if c.target.is_none() {
            missing.push("target".to_owned());
        }
        if c.by.is_none() {
            missing.push("date (`by`)".to_owned());
        }
        if !missing.is_empty() {
            hits.add(
                Doc::Understanding,
                format!("/success_criteria/{i}"),
                format!("success criterion `{}` has no {}", c.id, and_list(&missing)),
            )
            .help("agree with the customer how it is measured: a metric, a target and the date it is due");
        }
        if c.data_source.as_deref().is_none_or(|d| d.trim().is_empty()) {
            hits.add(
                Doc::Understanding,
                format!("/success_criteria/{i}"),
                format!(
                    "success criterion `{}` does not say where its numbers come from",
                    c.id
                ),
            )
            .help("add `data_source:` with the report, system or person that measures it, agreed with the customer")
            .severity(Severity::Warning);
        }
    }
}

pub const SUCCESS_NOT_AGREED: Rule = Rule {
    check: Check {
        name: "success-not-agreed",
        severity: Severity::Warning,
        summary: "a success criterion is not agreed by the exec sponsor, project sponsor and operating owner",
        explanation: "A criterion only the vendor believes in is a guess. The customer's exec sponsor, \
                      project sponsor and operating owner each have to agree what success is and how it is \
                      measured; list them in the criterion's `agreed_by` once they have.",
    },
    run: success_not_agreed,
};

fn success_not_agreed(s: &Subject, hits: &mut Hits) {
    for (i, c) in s.understanding.success_criteria.iter().enumerate() {
        let mut missing = Vec::new();
        for role in SPONSOR_ROLES {
            let holders = s.holders(role);
            if !holders.is_empty() && !holders.iter().any(|(_, h)| c.agreed_by.contains(&h.name)) {
                let names: Vec<String> = holders.iter().map(|(_, h)| h.name.clone()).collect();
                missing.push(format!("the {} ({})", role_name(role), names.join(" or ")));
            }
        }
        if !missing.is_empty() {
            hits.add(
                Doc::Understanding,
                format!("/success_criteria/{i}/agreed_by"),
                format!(
                    "success criterion `{}` is not agreed by {}",
                    c.id,
                    and_list(&missing)
                ),
            )
            .help("confirm it with them, then add them to `agreed_by`");
        }
    }
}

pub const DEFINITIONS_OF_SUCCESS: Rule = Rule {
    check: Check {
        name: "definitions-of-success",
        severity: Severity::Info,
        summary: "stakeholders define success differently: shown side by side",
        explanation: "Each stakeholder has their own definition of success, and they rarely match. Reading \
                      them side by side shows where the COO's win and the IT lead's win pull apart, before \
                      it shows up as a stalled project. Nothing to fix: judge whether the differences need a \
                      conversation.",
    },
    run: definitions_of_success,
};

fn definitions_of_success(s: &Subject, hits: &mut Hits) {
    let defined: Vec<String> = s
        .understanding
        .stakeholders
        .iter()
        .filter_map(|p| {
            let text = p.definition_of_success.as_deref()?.trim();
            let who = match &p.title {
                Some(title) => format!("{} ({title})", p.name),
                None => p.name.clone(),
            };
            (!text.is_empty()).then(|| format!("{who}: {text}"))
        })
        .collect();
    let distinct: std::collections::BTreeSet<&str> = s
        .understanding
        .stakeholders
        .iter()
        .filter_map(|p| p.definition_of_success.as_deref().map(str::trim))
        .filter(|t| !t.is_empty())
        .collect();
    if distinct.len() >= 2 {
        hits.add(
            Doc::Understanding,
            "/stakeholders",
            format!(
                "{} stakeholders define success in their own words; read them side by side:\n{}",
                defined.len(),
                defined.iter().map(|d| format!("  - {d}")).collect::<Vec<_>>().join("\n")
            ),
        )
        .help("where they pull apart, talk about it with the exec sponsor before it stalls the project");
    }
}
