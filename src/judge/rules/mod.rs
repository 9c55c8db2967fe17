//! Review rules: judgement on whether the understanding is good and current,
//! drawn from the practice. Each rule says where (a JSON pointer into one of
//! the customer's documents) and what; the engine turns that into findings
//! at exact spans, applies the workspace's severities and the customer's
//! documented exceptions (`review.ignore`).

mod commitments;
mod completeness;
mod decisions;
pub mod freshness;
mod handover;
mod ignores;
mod risks;
mod signoffs;
mod stakeholders;
mod success;
mod visibility;

use jiff::civil::Date;

use crate::load::check::Check;
use crate::load::customer::{Customer, Loaded};
use crate::load::finding::{Finding, Severity};
use crate::load::node::Node;
use crate::load::source::Span;
use crate::model::fingerprint::Fingerprint;
use crate::model::{Decisions, Reviews, Stakeholder, Understanding};
use crate::workspace::config::Config;
use crate::workspace::template::NoteTemplates;

use crate::model::SPONSOR_ROLES;
use crate::model::typed::Typed;
pub use ignores::IGNORE_CHECKS;

/// A review rule: what it is, and the function that looks for it.
pub struct Rule {
    pub check: Check,
    pub run: fn(&Subject, &mut Hits),
}

/// Every review rule, in the order `cuc review --explain` lists them.
pub const RULES: &[Rule] = &[
    success::UNMEASURABLE_SUCCESS,
    stakeholders::MISSING_ROLE,
    success::SUCCESS_NOT_AGREED,
    success::DEFINITIONS_OF_SUCCESS,
    stakeholders::SPONSOR_GAP,
    decisions::DECISION_WITHOUT_OWNER,
    decisions::DECISION_NOT_CIRCULATED,
    decisions::DECISION_REOPENED,
    commitments::UNCONFIRMED_COMMITMENT,
    commitments::OVERDUE_COMMITMENT,
    risks::UNOWNED_RISK,
    completeness::MISSING_CONSTRAINTS,
    completeness::NO_NON_SCOPE,
    signoffs::UNSIGNED_OBJECTIVE,
    signoffs::STALE_SIGNOFF,
    freshness::STALE_REVIEW,
    freshness::MISSED_MILESTONE_REVIEW,
    freshness::RENEWAL_APPROACHING,
    handover::HANDOVER_GAPS,
    completeness::PLACEHOLDER,
    visibility::HIDDEN_NAME_ON_PAGE,
];

/// What a rule looks at: one customer's documents, typed, as of `today`.
pub struct Subject<'a> {
    pub id: &'a str,
    pub today: Date,
    pub config: &'a Config,
    pub understanding: &'a Understanding,
    pub understanding_root: &'a Node,
    pub decisions: &'a Decisions,
    pub reviews: &'a Reviews,
    pub fingerprint: &'a Fingerprint,
    /// Every note of the customer's, in the order of `Doc::Note`.
    pub notes: &'a [Loaded],
    /// The templates `cuc new` writes notes from.
    pub note_templates: &'a NoteTemplates,
}

impl Subject<'_> {
    /// Customer-side stakeholders holding `role`, with their index.
    pub fn holders(&self, role: &str) -> Vec<(usize, &Stakeholder)> {
        self.understanding
            .stakeholders
            .iter()
            .enumerate()
            .filter(|(_, s)| s.side == "customer" && s.has_role(role))
            .collect()
    }
}

/// Which of a customer's documents a hit points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Understanding,
    Decisions,
    Reviews,
    /// The customer's note at this index of `Subject::notes`.
    Note(usize),
}

/// One thing a rule found, before it becomes a finding.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: &'static Check,
    pub doc: Doc,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
    /// Set when a rule has two levels (stale-review: warning, then error).
    pub severity: Option<Severity>,
    /// Where in the document, when that is text and not a value a pointer
    /// names (a note's Markdown).
    pub span: Option<Span>,
}

impl Hit {
    pub fn help(&mut self, help: impl Into<String>) -> &mut Hit {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&mut self, severity: Severity) -> &mut Hit {
        self.severity = Some(severity);
        self
    }

    pub fn span(&mut self, span: Span) -> &mut Hit {
        self.span = Some(span);
        self
    }
}

/// Where rules put what they find.
#[derive(Debug)]
pub struct Hits {
    rule: &'static Check,
    pub hits: Vec<Hit>,
}

impl Hits {
    pub fn add(
        &mut self,
        doc: Doc,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Hit {
        self.hits.push(Hit {
            rule: self.rule,
            doc,
            pointer: pointer.into(),
            message: message.into(),
            help: None,
            severity: None,
            span: None,
        });
        self.hits.last_mut().expect("just pushed")
    }
}

/// Runs every enabled rule on one customer and returns its findings.
pub fn review(
    customer: &Customer,
    typed: &Typed,
    config: &Config,
    note_templates: &NoteTemplates,
    today: Date,
) -> Vec<Finding> {
    let Some((_, understanding_doc)) = customer.understanding.as_ref().and_then(|l| l.parsed())
    else {
        return Vec::new();
    };
    let subject = Subject {
        id: &customer.id,
        today,
        config,
        understanding: &typed.understanding,
        understanding_root: &understanding_doc.root,
        decisions: &typed.decisions,
        reviews: &typed.reviews,
        fingerprint: &typed.fingerprint,
        notes: &customer.notes,
        note_templates,
    };
    let mut all = Vec::new();
    for rule in RULES {
        if config
            .severity(rule.check.name, rule.check.severity)
            .is_none()
        {
            continue;
        }
        let mut hits = Hits {
            rule: &rule.check,
            hits: Vec::new(),
        };
        (rule.run)(&subject, &mut hits);
        all.extend(hits.hits);
    }
    let (kept, mut meta) = ignores::apply(&subject, all);
    let mut findings: Vec<Finding> = kept
        .into_iter()
        .chain(meta.drain(..))
        .filter_map(|hit| to_finding(customer, config, hit))
        .collect();
    findings.sort_by_key(|f| {
        (
            f.file.clone(),
            f.region.map(|r| (r.start.line, r.start.column)),
        )
    });
    findings
}

/// The checks of the review rules and of their documented exceptions.
pub fn checks() -> impl Iterator<Item = &'static Check> {
    RULES.iter().map(|r| &r.check).chain(IGNORE_CHECKS.iter())
}

fn to_finding(customer: &Customer, config: &Config, hit: Hit) -> Option<Finding> {
    let check = hit.rule;
    let configured = config.severities.get(check.name).copied();
    let severity = match configured {
        Some(None) => return None,
        Some(Some(severity)) if hit.severity.is_none() => severity,
        _ => hit.severity.unwrap_or(check.severity),
    };
    let loaded = match hit.doc {
        Doc::Understanding => customer.understanding.as_ref(),
        Doc::Decisions => customer.decisions.as_ref(),
        Doc::Reviews => customer.reviews.as_ref(),
        Doc::Note(i) => customer.notes.get(i),
    };
    let file = loaded.map_or_else(
        || format!("customers/{}/{}", customer.id, file_name(hit.doc)),
        |l| l.file.clone(),
    );
    let mut finding = Finding::new(check, file, hit.message)
        .severity(severity)
        .customer(Some(&customer.id));
    finding.help = hit.help;
    if let (Some(span), Some((_, parsed))) = (hit.span, loaded.and_then(|l| l.parsed())) {
        finding = finding.at(span, &parsed.source);
    } else if let Some((_, parsed)) = loaded.and_then(|l| l.parsed()) {
        // Point at the value named; when it is absent, at the nearest
        // thing above it that exists (the item that lacks a field).
        let mut pointer = hit.pointer.as_str();
        loop {
            if let Some(found) = parsed.root.find(pointer) {
                let span = match (&found.node.kind, found.key_span) {
                    (
                        crate::load::node::NodeKind::Seq(_) | crate::load::node::NodeKind::Map(_),
                        Some(key),
                    ) => key,
                    _ => found.node.headline_span(),
                };
                finding = finding.at(span, &parsed.source).pointer(pointer.to_owned());
                break;
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => break,
            }
        }
    }
    Some(finding)
}

fn file_name(doc: Doc) -> &'static str {
    match doc {
        Doc::Understanding => "understanding.yaml",
        Doc::Decisions => "decisions.yaml",
        Doc::Reviews => "reviews.yaml",
        Doc::Note(_) => "notes/",
    }
}

/// "Jane Doe (exec sponsor)"-style role names for messages.
pub fn role_name(role: &str) -> String {
    role.replace('_', " ")
}

/// Joins names: "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
