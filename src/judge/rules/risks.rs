//! Risks: owned, and the serious ones mitigated.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;

pub const UNOWNED_RISK: Rule = Rule {
    check: Check {
        name: "unowned-risk",
        severity: Severity::Error,
        summary: "an open risk without an owner, or a high-impact open risk without mitigation",
        explanation: "A risk that belongs to nobody is a risk nobody works on. Every open risk needs an \
                      `owner` (a stakeholder), and every open risk with `impact: high` needs a \
                      `mitigation`: what we do so it does not happen, or hurts less if it does.",
    },
    run: unowned_risk,
};

fn unowned_risk(s: &Subject, hits: &mut Hits) {
    for (i, r) in s.understanding.risks.iter().enumerate() {
        if !r.is_open() {
            continue;
        }
        if r.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
            hits.add(
                Doc::Understanding,
                format!("/risks/{i}"),
                format!("open risk `{}` has no owner", r.id),
            )
            .help("add `owner:` with the stakeholder who watches and acts on it");
        }
        if r.impact.as_deref() == Some("high")
            && r.mitigation.as_deref().is_none_or(|m| m.trim().is_empty())
        {
            hits.add(
                Doc::Understanding,
                format!("/risks/{i}/impact"),
                format!("high-impact risk `{}` has no mitigation", r.id),
            )
            .help(
                "write in `mitigation:` what we do so it does not happen, or hurts less if it does",
            );
        }
    }
}
