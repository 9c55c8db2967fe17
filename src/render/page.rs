//! What goes on the one page: the customer's understanding, ordered by what
//! matters most. `fitting` then fits it to one printed sheet.

use jiff::civil::Date;

use crate::model::SPONSOR_ROLES;
use crate::model::dates::date;
use crate::model::typed::Typed;
use crate::model::{Commitment, Criterion, Milestone, Risk, Signoff, Stakeholder};

/// The order stakeholders are grouped in: each appears once, under the first
/// of their roles in this list.
pub const ROLE_ORDER: [&str; 9] = [
    "exec_sponsor",
    "economic_buyer",
    "project_sponsor",
    "decision_maker",
    "operating_owner",
    "champion",
    "potential_blocker",
    "influencer",
    "end_user",
];

/// Where the page came from: the commit and whether the folder differs from it.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// HEAD's short id; `None` outside git or before the first commit.
    pub commit: Option<String>,
    /// True when the customer's folder has changes not yet committed.
    pub uncommitted: bool,
}

/// A note listed on the page (title and date from its front matter).
#[derive(Debug, Clone)]
pub struct NoteRef {
    pub title: String,
    pub date: Option<String>,
    /// The note's file, relative to the workspace.
    pub file: String,
    /// A link to the note's own rendered page (only with `render --all`).
    pub href: Option<String>,
}

/// One titled piece of prose from business_context.
#[derive(Debug, Clone)]
pub struct Prose {
    pub label: &'static str,
    pub text: String,
}

/// A sponsor's place in the sign-off block.
#[derive(Debug, Clone)]
pub struct SignLine {
    pub role: &'static str,
    /// The stakeholder holding the role; `None` when nobody does.
    pub name: Option<String>,
    pub title: Option<String>,
    pub state: SignState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignState {
    /// Not signed yet: a line to sign on.
    Open,
    /// Signed this very content.
    Current { date: String },
    /// Signed, but an earlier version of the content.
    Outdated { date: String, fingerprint: String },
    /// Signed before cuc recorded fingerprints: nobody can say which version.
    Unverified { date: String },
}

/// The page, after fitting: everything here is printed.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub name: String,
    pub segment: Option<String>,
    pub today: Date,
    pub fingerprint: String,
    pub fingerprint_short: String,
    pub provenance: Provenance,
    pub cs: String,
    pub sales: Option<String>,
    pub contract: Vec<(&'static str, String)>,
    pub context: Vec<Prose>,
    pub initiatives: Vec<String>,
    pub criteria: Vec<Criterion>,
    /// Customer-side stakeholders in role groups, then our own team.
    pub stakeholder_groups: Vec<(&'static str, Vec<Stakeholder>)>,
    pub our_team: Vec<Stakeholder>,
    pub constraints: Vec<(&'static str, Vec<String>)>,
    pub risks: Vec<Risk>,
    /// Risks that are mitigated or closed: counted, not listed.
    pub settled_risks: usize,
    pub scope_in: Vec<String>,
    pub scope_out: Vec<String>,
    pub commitments: Vec<Commitment>,
    pub milestones: Vec<TimelineMilestone>,
    pub timeline: Option<(Date, Date)>,
    pub signoff: Vec<SignLine>,
    pub notes: Vec<NoteRef>,
    /// What the fitting left out, each naming where the full content is.
    pub left_out: Vec<String>,
    /// Whether any text on the page was shortened.
    pub shortened: bool,
}

#[derive(Debug, Clone)]
pub struct TimelineMilestone {
    pub milestone: Milestone,
    pub due: Date,
    pub reviewed: bool,
}

/// Builds the full page, nothing left out (`fitted` then trims it).
pub fn build(
    id: &str,
    typed: &Typed,
    provenance: Provenance,
    notes: Vec<NoteRef>,
    today: Date,
) -> Page {
    let u = &typed.understanding;
    let mut contract = Vec::new();
    if let Some(c) = &u.customer.contract {
        if let Some(arr) = c.arr {
            contract.push((
                "ARR",
                crate::judge::summary::money(arr, c.currency.as_deref()).to_string(),
            ));
        }
        for (label, value) in [
            ("signed", &c.signed),
            ("start", &c.start),
            ("renewal", &c.renewal),
        ] {
            if let Some(v) = value {
                contract.push((label, v.clone()));
            }
        }
    }
    let text = |key: &str| {
        u.business_context
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let context: Vec<Prose> = [
        ("problem", "The problem"),
        ("why_it_matters", "Why it matters now"),
        ("at_stake", "What is at stake"),
        ("success_looks_like", "Success looks like"),
        ("strategy", "Their strategy"),
    ]
    .into_iter()
    .filter_map(|(key, label)| {
        text(key).map(|text| Prose {
            label,
            text: one_line(&text),
        })
    })
    .collect();
    let initiatives = u
        .business_context
        .get("initiatives")
        .and_then(|v| v.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|i| i.get("name").and_then(|n| n.as_str()).map(one_line))
                .collect()
        })
        .unwrap_or_default();

    let mut criteria = u.success_criteria.clone();
    // Non-negotiable first; otherwise as written.
    criteria.sort_by_key(|c| !c.non_negotiable.unwrap_or(false));

    let mut stakeholder_groups: Vec<(&'static str, Vec<Stakeholder>)> = Vec::new();
    let mut ungrouped = Vec::new();
    let mut our_team = Vec::new();
    for s in &u.stakeholders {
        if s.side != "customer" {
            our_team.push(s.clone());
            continue;
        }
        match ROLE_ORDER.iter().find(|role| s.has_role(role)) {
            Some(role) => match stakeholder_groups.iter_mut().find(|(r, _)| r == role) {
                Some((_, group)) => group.push(s.clone()),
                None => stakeholder_groups.push((role, vec![s.clone()])),
            },
            None => ungrouped.push(s.clone()),
        }
    }
    stakeholder_groups.sort_by_key(|(role, _)| ROLE_ORDER.iter().position(|r| r == role));
    if !ungrouped.is_empty() {
        stakeholder_groups.push(("other", ungrouped));
    }

    let constraints = u
        .constraints
        .as_ref()
        .map(|c| {
            [
                ("Budget", &c.budget),
                ("Technical", &c.technical),
                ("Timeline", &c.timeline),
                ("Political", &c.political),
            ]
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(label, items)| (label, items.iter().map(|t| one_line(t)).collect()))
            .collect()
        })
        .unwrap_or_default();

    let (mut risks, settled): (Vec<Risk>, Vec<Risk>) =
        u.risks.iter().cloned().partition(Risk::is_open);
    risks.sort_by_key(|r| (level(r.impact.as_deref()), level(r.likelihood.as_deref())));

    let mut commitments = u.commitments.clone();
    commitments.sort_by_key(Commitment::is_settled);

    let reviewed = |id: &str| typed.reviews.reviews.iter().any(|r| r.milestone == id);
    let mut milestones: Vec<TimelineMilestone> = u
        .milestones
        .iter()
        .filter_map(|m| {
            Some(TimelineMilestone {
                due: date(&m.due)?,
                reviewed: reviewed(&m.id),
                milestone: m.clone(),
            })
        })
        .collect();
    milestones.sort_by_key(|m| m.due);
    let contract_dates: Vec<Date> = u
        .customer
        .contract
        .iter()
        .flat_map(|c| [c.start.as_deref(), c.renewal.as_deref()])
        .flatten()
        .filter_map(date)
        .collect();
    let timeline = {
        let days: Vec<Date> = milestones
            .iter()
            .map(|m| m.due)
            .chain(contract_dates)
            .chain(std::iter::once(today))
            .collect();
        let first = days.iter().min().copied();
        let last = days.iter().max().copied();
        match (first, last) {
            (Some(a), Some(b)) if !milestones.is_empty() => {
                // Everything on one day still gets a line to stand on.
                if a < b {
                    Some((a, b))
                } else {
                    Some((
                        crate::model::dates::add_days(a, -30),
                        crate::model::dates::add_days(b, 30),
                    ))
                }
            }
            _ => None,
        }
    };

    let signoff = sign_lines(&u.stakeholders, &typed.reviews.latest_signoffs(), typed);

    Page {
        id: id.to_owned(),
        name: one_line(&u.customer.name),
        segment: u.customer.segment.as_deref().map(one_line),
        today,
        fingerprint: typed.fingerprint.as_str().to_owned(),
        fingerprint_short: typed.fingerprint.short().to_owned(),
        provenance,
        cs: u.customer.team.cs.clone(),
        sales: u.customer.team.sales.clone(),
        contract,
        context,
        initiatives,
        criteria,
        stakeholder_groups,
        our_team,
        constraints,
        risks,
        settled_risks: settled.len(),
        scope_in: u
            .scope
            .as_ref()
            .map(|s| s.included.iter().map(|t| one_line(t)).collect())
            .unwrap_or_default(),
        scope_out: u
            .scope
            .as_ref()
            .map(|s| s.out.iter().map(|t| one_line(t)).collect())
            .unwrap_or_default(),
        commitments,
        milestones,
        timeline,
        signoff,
        notes,
        left_out: Vec::new(),
        shortened: false,
    }
}

fn sign_lines(
    stakeholders: &[Stakeholder],
    latest: &[(usize, &Signoff)],
    typed: &Typed,
) -> Vec<SignLine> {
    let mut lines = Vec::new();
    for role in SPONSOR_ROLES {
        let holders: Vec<&Stakeholder> = stakeholders
            .iter()
            .filter(|s| s.side == "customer" && s.has_role(role))
            .collect();
        if holders.is_empty() {
            lines.push(SignLine {
                role,
                name: None,
                title: None,
                state: SignState::Open,
            });
        }
        for holder in holders {
            let signed = latest
                .iter()
                .map(|(_, s)| *s)
                .find(|s| s.by == holder.name && s.role == role);
            let state = match signed {
                None => SignState::Open,
                Some(s) => match &s.fingerprint {
                    Some(f) if f == typed.fingerprint.as_str() => SignState::Current {
                        date: s.date.clone(),
                    },
                    Some(f) => SignState::Outdated {
                        date: s.date.clone(),
                        fingerprint: f.get(7..19).unwrap_or(f).to_owned(),
                    },
                    None => SignState::Unverified {
                        date: s.date.clone(),
                    },
                },
            };
            lines.push(SignLine {
                role,
                name: Some(holder.name.clone()),
                title: holder.title.clone(),
                state,
            });
        }
    }
    lines
}

/// high → 0, medium → 1, low → 2, anything else last.
pub(super) fn level(value: Option<&str>) -> u8 {
    match value {
        Some("high") => 0,
        Some("medium") => 1,
        Some("low") => 2,
        _ => 3,
    }
}

/// Folded YAML keeps newlines in `|` blocks; on the page prose runs on.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortens `text` to at most `limit` characters at a word boundary, with an
/// ellipsis. Returns whether it shortened.
pub fn shorten(text: &mut String, limit: usize) -> bool {
    if text.chars().count() <= limit {
        return false;
    }
    let keep = limit.saturating_sub(1);
    let cut: String = text.chars().take(keep).collect();
    // Back off to the last word boundary, unless the cut falls on one.
    let on_boundary = text.chars().nth(keep).is_some_and(char::is_whitespace);
    let cut = match cut.rfind(' ') {
        Some(space) if !on_boundary && space > cut.len() / 2 => cut[..space].trim_end().to_owned(),
        _ => cut,
    };
    *text = format!("{cut}…");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_a_word_boundary() {
        let mut text = "Inbound trucks at their three DCs arrive when they like".to_owned();
        assert!(shorten(&mut text, 30));
        assert_eq!(text, "Inbound trucks at their three…");
        let mut short = "Calm yards".to_owned();
        assert!(!shorten(&mut short, 30));
        assert_eq!(short, "Calm yards");
    }

    #[test]
    fn shortening_counts_characters_not_bytes() {
        let mut text = "日本語のテキスト".repeat(10);
        assert!(shorten(&mut text, 10));
        assert_eq!(text.chars().count(), 10);
    }
}
