//! Visibility: what the customer's page shows must not rest on what it
//! hides. A shared item that names someone marked internal reads, on the
//! customer's page, without that name.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::model::is_internal;

pub const HIDDEN_NAME_ON_PAGE: Rule = Rule {
    check: Check {
        name: "hidden-name-on-page",
        severity: Severity::Warning,
        summary: "a part of the customer's page names someone marked `visibility: internal`",
        explanation: "Someone marked `visibility: internal` is left off the page the customer reads, \
                      and so is their name wherever a shared part names them: a risk's owner, who \
                      agreed a criterion, who promised something, who owns a decision. The customer \
                      then reads a risk nobody owns, or a criterion fewer people agreed. Either the \
                      person belongs on the shared page, or the part that names them is ours too.",
    },
    run: hidden_name_on_page,
};

fn hidden_name_on_page(s: &Subject, hits: &mut Hits) {
    let hidden: Vec<&str> = s
        .understanding
        .stakeholders
        .iter()
        .filter(|p| is_internal(&p.visibility))
        .map(|p| p.name.as_str())
        .collect();
    if hidden.is_empty() {
        return;
    }
    let help = |name: &str, what: &str| {
        format!(
            "remove `visibility: internal` from {name} if the customer may see them, or mark the {what} `visibility: internal` too"
        )
    };
    // `how` joins the part and the name: "is owned by", "was agreed by".
    let mut named = |doc: Doc, pointer: String, what: &str, how: &str, name: &str| {
        hits.add(
            doc,
            pointer,
            format!(
                "{what} is on the customer's page and {how} {name}, who is marked internal: the page leaves the name out"
            ),
        )
        .help(help(name, what.split(' ').next().unwrap_or(what)));
    };
    for (i, r) in s.understanding.risks.iter().enumerate() {
        if let Some(owner) = r.owner.as_deref().filter(|o| hidden.contains(o))
            && !is_internal(&r.visibility)
            && r.is_open()
        {
            named(
                Doc::Understanding,
                format!("/risks/{i}/owner"),
                &format!("risk `{}`", r.id),
                "is owned by",
                owner,
            );
        }
    }
    for (i, c) in s.understanding.success_criteria.iter().enumerate() {
        if is_internal(&c.visibility) {
            continue;
        }
        for (k, name) in c.agreed_by.iter().enumerate() {
            if hidden.contains(&name.as_str()) {
                named(
                    Doc::Understanding,
                    format!("/success_criteria/{i}/agreed_by/{k}"),
                    &format!("criterion `{}`", c.id),
                    "was agreed by",
                    name,
                );
            }
        }
    }
    for (i, c) in s.understanding.commitments.iter().enumerate() {
        if let Some(by) = c.promised_by.as_deref().filter(|b| hidden.contains(b))
            && !is_internal(&c.visibility)
        {
            named(
                Doc::Understanding,
                format!("/commitments/{i}/promised_by"),
                &format!("promise `{}`", c.id),
                "was promised by",
                by,
            );
        }
    }
    for (i, d) in s.decisions.decisions.iter().enumerate() {
        if let Some(owner) = d.owner.as_deref().filter(|o| hidden.contains(o))
            && !is_internal(&d.visibility)
        {
            named(
                Doc::Decisions,
                format!("/decisions/{i}/owner"),
                &format!("decision `{}`", d.id),
                "is owned by",
                owner,
            );
        }
    }
}
