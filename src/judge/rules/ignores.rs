//! Documented exceptions: a customer may ignore a rule with a written
//! reason (`review.ignore`). An ignore without a reason, or one that
//! suppresses nothing, is itself a finding.

use super::{Doc, Hit, RULES, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::text::closest;

pub const IGNORE_WITHOUT_REASON: Check = Check {
    name: "ignore-without-reason",
    severity: Severity::Warning,
    summary: "a rule is ignored for a customer without a written reason",
    explanation: "Ignoring a rule is a judgement the next CSM must be able to follow. Write why the rule \
                  does not apply to this customer in the ignore's `reason`.",
};

pub const UNUSED_IGNORE: Check = Check {
    name: "unused-ignore",
    severity: Severity::Warning,
    summary: "an ignore that suppresses nothing",
    explanation: "An ignore for a rule that no longer fires (or a misspelt rule name) hides nothing today \
                  but would silently hide a real problem tomorrow. Remove it, or fix the rule name.",
};

/// The checks on a customer's documented exceptions, in the order
/// `cuc review --explain` lists them.
pub const IGNORE_CHECKS: [Check; 2] = [IGNORE_WITHOUT_REASON, UNUSED_IGNORE];

/// Removes ignored hits; returns what remains and the findings about the
/// ignores themselves.
pub fn apply(s: &Subject, hits: Vec<Hit>) -> (Vec<Hit>, Vec<Hit>) {
    let ignores = &s.understanding.review.ignore;
    let mut used = vec![false; ignores.len()];
    // Only an ignore with a written reason suppresses; one without is
    // reported, and the rule keeps firing until the reason is written.
    let has_reason = |i: usize| {
        ignores[i]
            .reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty())
    };
    let kept = hits
        .into_iter()
        .filter(
            |hit| match ignores.iter().position(|ig| ig.rule == hit.rule.name) {
                Some(i) => {
                    used[i] = true;
                    !has_reason(i)
                }
                None => true,
            },
        )
        .collect();
    let mut meta = Vec::new();
    for (i, ignore) in ignores.iter().enumerate() {
        if ignore.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            meta.push(hit(
                &IGNORE_WITHOUT_REASON,
                format!("/review/ignore/{i}"),
                format!("`{}` is ignored without a reason", ignore.rule),
                "write why the rule does not apply to this customer in `reason:`".to_owned(),
            ));
        }
        if !used[i] {
            let known = RULES.iter().any(|r| r.check.name == ignore.rule);
            let help = if known {
                "remove it: the rule finds nothing here now, and the ignore would hide a real problem later".to_owned()
            } else {
                match closest(&ignore.rule, RULES.iter().map(|r| r.check.name)) {
                    Some(best) => {
                        format!("there is no rule `{}`; did you mean `{best}`?", ignore.rule)
                    }
                    None => format!(
                        "there is no rule `{}`; `cuc review --explain` lists them",
                        ignore.rule
                    ),
                }
            };
            meta.push(hit(
                &UNUSED_IGNORE,
                format!("/review/ignore/{i}/rule"),
                format!("the ignore for `{}` suppresses nothing", ignore.rule),
                help,
            ));
        }
    }
    (kept, meta)
}

fn hit(rule: &'static Check, pointer: String, message: String, help: String) -> Hit {
    Hit {
        rule,
        doc: Doc::Understanding,
        pointer,
        message,
        help: Some(help),
        severity: None,
        span: None,
    }
}
