//! What goes on the one page: the customer's understanding, ordered by what
//! matters most, and fitted to one printed sheet. Fitting is deliberate: when
//! the estimate says the content would run over, the least important items
//! leave first (never a non-negotiable criterion or a high risk before
//! anything else), long prose is shortened, and the page lists what it left
//! out and where to find it.

use jiff::civil::Date;

use super::fit;
use crate::judge::rules::{SPONSOR_ROLES, Typed};
use crate::model::dates::date;
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
fn level(value: Option<&str>) -> u8 {
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

/// How much room there is: the text and item caps of each fitting stage.
#[derive(Debug, Clone, Copy)]
struct Stage {
    /// Characters of business-context prose per field.
    prose: usize,
    /// Characters of any other text (an outcome, a risk, a scope item).
    item: usize,
    /// Characters of a stakeholder's own definition of success (0: left out).
    personal: usize,
    /// Items below this priority leave the page at this stage.
    drop_below: u8,
}

const STAGES: [Stage; 8] = [
    Stage {
        prose: 420,
        item: 220,
        personal: 160,
        drop_below: 0,
    },
    // Shorten before anything leaves the page.
    Stage {
        prose: 200,
        item: 140,
        personal: 64,
        drop_below: 0,
    },
    Stage {
        prose: 300,
        item: 160,
        personal: 110,
        drop_below: 30,
    },
    Stage {
        prose: 220,
        item: 130,
        personal: 80,
        drop_below: 45,
    },
    Stage {
        prose: 160,
        item: 110,
        personal: 0,
        drop_below: 60,
    },
    Stage {
        prose: 120,
        item: 90,
        personal: 0,
        drop_below: 75,
    },
    Stage {
        prose: 90,
        item: 80,
        personal: 0,
        drop_below: 90,
    },
    Stage {
        prose: 70,
        item: 70,
        personal: 0,
        drop_below: 101,
    },
];

/// The least each list keeps, however full the page: enough that no section
/// is emptied by fitting alone.
const KEEP_AT_LEAST: usize = 2;

/// Fits the page to one printed sheet: tries each stage in turn and keeps the
/// first whose estimate fits. Everything left out is named on the page.
pub fn fitted(full: &Page) -> Page {
    let mut last = None;
    for stage in STAGES {
        let page = apply(full, stage);
        if fit::estimate(&page).fits() {
            return page;
        }
        last = Some(page);
    }
    // Even the tightest stage is estimated over: keep it (every cap and floor
    // is in force, so it is as small as the page gets) and say so.
    let mut page = last.expect("STAGES is not empty");
    page.left_out
        .push("this page is fuller than cuc can check; print it and look at the bottom".to_owned());
    page
}

/// The page at one stage of fitting.
fn apply(full: &Page, stage: Stage) -> Page {
    let mut page = full.clone();
    let mut shortened = false;
    let mut left_out = Vec::new();

    for prose in &mut page.context {
        shortened |= shorten(&mut prose.text, stage.prose);
    }
    // Their initiatives: the first three, each named briefly.
    if page.initiatives.len() > 3 {
        let dropped = page.initiatives.len() - 3;
        page.initiatives.truncate(3);
        left_out.push(format!(
            "+{dropped} more {} in understanding.yaml (business_context.initiatives)",
            if dropped == 1 {
                "initiative"
            } else {
                "initiatives"
            }
        ));
    }
    for initiative in &mut page.initiatives {
        shortened |= shorten(initiative, stage.item.min(80));
    }

    // Criteria: non-negotiable ones are worth most.
    let criteria_priority = |c: &Criterion| {
        if c.non_negotiable.unwrap_or(false) {
            100
        } else {
            80
        }
    };
    let dropped = keep(&mut page.criteria, stage, KEEP_AT_LEAST, criteria_priority);
    if dropped > 0 {
        left_out.push(format!(
            "+{dropped} more success {} in understanding.yaml (success_criteria)",
            if dropped == 1 {
                "criterion"
            } else {
                "criteria"
            }
        ));
    }
    for c in &mut page.criteria {
        shortened |= shorten(&mut c.outcome, stage.item);
        if let Some(metric) = &mut c.metric {
            shortened |= shorten(metric, stage.item);
        }
    }

    // Stakeholders: sponsors and buyers first; each group keeps its place.
    let mut dropped_people = 0;
    // Each person by their place (group, position): names need not be unique.
    let mut flat: Vec<(u8, usize, usize)> = page
        .stakeholder_groups
        .iter()
        .enumerate()
        .flat_map(|(g, (role, group))| {
            let p = stakeholder_priority(role);
            (0..group.len()).map(move |m| (p, g, m))
        })
        .collect();
    dropped_people += keep(&mut flat, stage, KEEP_AT_LEAST, |(p, _, _)| *p);
    let mut quotes_removed = false;
    for (g, (_, group)) in page.stakeholder_groups.iter_mut().enumerate() {
        let mut m = 0;
        group.retain(|_| {
            let kept = flat.iter().any(|&(_, fg, fm)| fg == g && fm == m);
            m += 1;
            kept
        });
        for s in group.iter_mut() {
            if let Some(title) = &mut s.title {
                shortened |= shorten(title, 60);
            }
            match &mut s.definition_of_success {
                Some(d) if stage.personal > 0 => shortened |= shorten(d, stage.personal),
                Some(_) => {
                    s.definition_of_success = None;
                    quotes_removed = true;
                }
                None => {}
            }
        }
    }
    if quotes_removed {
        left_out.push(
            "what success means to each stakeholder, in understanding.yaml (stakeholders[].definition_of_success)"
                .to_owned(),
        );
    }
    page.stakeholder_groups.retain(|(_, g)| !g.is_empty());
    if stage.drop_below >= 60 && !page.our_team.is_empty() {
        dropped_people += page.our_team.len();
        page.our_team.clear();
    }
    if dropped_people > 0 {
        left_out.push(format!(
            "+{dropped_people} more {} in understanding.yaml (stakeholders)",
            if dropped_people == 1 {
                "stakeholder"
            } else {
                "stakeholders"
            }
        ));
    }

    // Constraints: the first of each kind matters most.
    let mut dropped_constraints = 0;
    for (_, items) in &mut page.constraints {
        let mut ranked: Vec<(u8, String)> = items
            .iter()
            .enumerate()
            .map(|(k, t)| (if k == 0 { 70 } else { 40 }, t.clone()))
            .collect();
        dropped_constraints += keep(&mut ranked, stage, 1, |(p, _)| *p);
        *items = ranked.into_iter().map(|(_, t)| t).collect();
        for t in items.iter_mut() {
            shortened |= shorten(t, stage.item);
        }
    }
    if dropped_constraints > 0 {
        left_out.push(format!(
            "+{dropped_constraints} more {} in understanding.yaml (constraints)",
            if dropped_constraints == 1 {
                "constraint"
            } else {
                "constraints"
            }
        ));
    }

    // Risks: high impact first, low last.
    let dropped = keep(&mut page.risks, stage, KEEP_AT_LEAST, |r| {
        match level(r.impact.as_deref()) {
            0 => 100,
            1 => 65,
            _ => 35,
        }
    });
    if dropped > 0 {
        left_out.push(format!(
            "+{dropped} more open {} in understanding.yaml (risks)",
            if dropped == 1 { "risk" } else { "risks" }
        ));
    }
    for r in &mut page.risks {
        shortened |= shorten(&mut r.what, stage.item);
        for text in [&mut r.pull_the_plug, &mut r.mitigation]
            .into_iter()
            .flatten()
        {
            shortened |= shorten(text, stage.item);
        }
    }

    // Scope: explicit non-scope weighs as much as scope.
    for (items, section) in [
        (&mut page.scope_in, "scope.in"),
        (&mut page.scope_out, "scope.out"),
    ] {
        let mut ranked: Vec<(u8, String)> = items
            .iter()
            .enumerate()
            .map(|(k, t)| (if k < 3 { 70 } else { 40 }, t.clone()))
            .collect();
        let dropped = keep(&mut ranked, stage, KEEP_AT_LEAST, |(p, _)| *p);
        *items = ranked.into_iter().map(|(_, t)| t).collect();
        for t in items.iter_mut() {
            shortened |= shorten(t, stage.item);
        }
        if dropped > 0 {
            left_out.push(format!(
                "+{dropped} more {} in understanding.yaml ({section})",
                if section == "scope.in" {
                    "in-scope items"
                } else {
                    "out-of-scope items"
                }
            ));
        }
    }

    // Commitments: open promises matter; delivered ones are history.
    let dropped = keep(&mut page.commitments, stage, KEEP_AT_LEAST, |c| {
        if c.is_settled() {
            25
        } else if c.confirmed_with_product == Some(false) {
            95
        } else {
            85
        }
    });
    if dropped > 0 {
        left_out.push(format!(
            "+{dropped} more {} in understanding.yaml (commitments)",
            if dropped == 1 {
                "commitment"
            } else {
                "commitments"
            }
        ));
    }
    for c in &mut page.commitments {
        shortened |= shorten(&mut c.what, stage.item);
    }

    // The timeline has room for `TIMELINE_MAX` milestones: those nearest today stay.
    if page.milestones.len() > fit::TIMELINE_MAX {
        let today = page.today;
        let mut by_distance: Vec<usize> = (0..page.milestones.len()).collect();
        by_distance.sort_by_key(|&k| (page.milestones[k].due - today).get_days().abs());
        let mut keep_idx: Vec<usize> = by_distance[..fit::TIMELINE_MAX].to_vec();
        keep_idx.sort();
        let dropped = page.milestones.len() - keep_idx.len();
        page.milestones = keep_idx
            .into_iter()
            .map(|k| page.milestones[k].clone())
            .collect();
        left_out.push(format!(
            "+{dropped} more milestones in understanding.yaml (milestones)"
        ));
    }
    if page.notes.len() > 4 {
        let dropped = page.notes.len() - 4;
        // The latest notes stay.
        page.notes.sort_by(|a, b| b.date.cmp(&a.date));
        page.notes.truncate(4);
        left_out.push(format!(
            "+{dropped} more notes in customers/{}/notes/",
            page.id
        ));
    }
    for note in &mut page.notes {
        shortened |= shorten(&mut note.title, 60);
    }

    page.left_out = left_out;
    page.shortened = shortened;
    page
}

fn stakeholder_priority(role: &str) -> u8 {
    match role {
        "exec_sponsor" | "project_sponsor" | "operating_owner" | "economic_buyer" => 100,
        "decision_maker" | "champion" | "potential_blocker" => 80,
        "influencer" => 50,
        _ => 40,
    }
}

/// Drops the items below the stage's priority, but keeps the `floor` most
/// important (among equals, the earlier); those kept stay in their order.
/// Returns how many left.
fn keep<T: Clone>(
    items: &mut Vec<T>,
    stage: Stage,
    floor: usize,
    priority: impl Fn(&T) -> u8,
) -> usize {
    let before = items.len();
    let mut ranked: Vec<(usize, u8)> = items
        .iter()
        .enumerate()
        .map(|(k, t)| (k, priority(t)))
        .collect();
    // Most important first; among equals, the earlier one.
    ranked.sort_by_key(|&(k, p)| (std::cmp::Reverse(p), k));
    let mut keep_idx: Vec<usize> = ranked
        .iter()
        .enumerate()
        .filter(|&(rank, &(_, p))| rank < floor || p >= stage.drop_below)
        .map(|(_, &(k, _))| k)
        .collect();
    keep_idx.sort();
    *items = keep_idx.into_iter().map(|k| items[k].clone()).collect();
    before - items.len()
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

    #[test]
    fn the_most_important_items_stay_in_their_order() {
        let stage = STAGES[3];
        let mut items = vec![(40, "a"), (100, "b"), (30, "c"), (90, "d"), (20, "e")];
        assert_eq!(keep(&mut items, stage, KEEP_AT_LEAST, |(p, _)| *p), 3);
        assert_eq!(items, [(100, "b"), (90, "d")]);
        // The floor keeps two even when all are below the stage's priority.
        let mut low = vec![(10, "a"), (20, "b"), (15, "c")];
        keep(&mut low, STAGES[7], KEEP_AT_LEAST, |(p, _)| *p);
        assert_eq!(low, [(20, "b"), (15, "c")]);
    }
}
