//! Fitting the page to one printed sheet. Fitting is deliberate and as
//! small as it can be: while the estimate (`fit`) says the content runs
//! over, long prose is shortened a step (at a sentence or clause), and only
//! then do items leave, the least important first and one at a time, so
//! nothing is dropped that would fit. What stays longest: non-negotiable
//! criteria, high risks, the sponsors and what success means to each of
//! them. The page lists what it left out and where it is.

use super::fit;
use super::page::{LeftOut, Page, level, shorten};

/// How long each kind of text may be at one step of shortening.
#[derive(Debug, Clone, Copy)]
struct Caps {
    /// Characters of business-context prose per field.
    prose: usize,
    /// Characters of any other text (an outcome, a risk, a scope item).
    item: usize,
    /// Characters of a stakeholder's own definition of success.
    personal: usize,
}

const CAPS: [Caps; 5] = [
    Caps {
        prose: usize::MAX,
        item: usize::MAX,
        personal: usize::MAX,
    },
    Caps {
        prose: 420,
        item: 220,
        personal: 180,
    },
    Caps {
        prose: 300,
        item: 160,
        personal: 120,
    },
    Caps {
        prose: 200,
        item: 120,
        personal: 90,
    },
    Caps {
        prose: 120,
        item: 90,
        personal: 70,
    },
];

/// The step of shortening after which items start to leave.
const DROP_FROM: usize = 2;

/// The least each list keeps, however full the page: enough that no section
/// is emptied by fitting alone.
const KEEP_AT_LEAST: usize = 2;

/// Something fitting may take off the page, by importance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Initiative(usize),
    Criterion(usize),
    /// A customer-side stakeholder: group, member.
    Person(usize, usize),
    /// What success means to one stakeholder: group, member.
    Quote(usize, usize),
    OurPerson(usize),
    OurQuote(usize),
    Constraint(usize, usize),
    Risk(usize),
    ScopeIn(usize),
    ScopeOut(usize),
    Commitment(usize),
    Decision(usize),
    MilestoneLine(usize),
}

/// Fits the page to one printed sheet. Everything left out is named on it.
pub fn fitted(full: &Page) -> Page {
    for caps in &CAPS[..DROP_FROM] {
        let page = apply(full, *caps, &[]);
        if fit::estimate(&page).fits() {
            return page;
        }
    }
    let pieces = ranked(full);
    for caps in &CAPS[DROP_FROM..] {
        // The fewest pieces to take off, the least important first: a page
        // without more of them is never taller, so search for the count.
        let fits = |n: usize| fit::estimate(&apply(full, *caps, &pieces[..n])).fits();
        if !fits(pieces.len()) {
            continue;
        }
        let (mut low, mut high) = (0, pieces.len());
        while low < high {
            let mid = (low + high) / 2;
            if fits(mid) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return apply(full, *caps, &pieces[..low]);
    }
    // Even the tightest page is estimated over: keep it (every cap and
    // floor is in force, so it is as small as the page gets) and say so.
    let mut page = apply(full, CAPS[CAPS.len() - 1], &pieces);
    page.overfull = true;
    page
}

/// Every piece fitting may take off, the least important first. Each list
/// keeps its `KEEP_AT_LEAST` most important items, which are not offered.
fn ranked(page: &Page) -> Vec<Piece> {
    let mut offered: Vec<(u8, usize, Piece)> = Vec::new();
    let mut offer = |list: Vec<(u8, Piece)>, floor: usize| {
        let mut list: Vec<(usize, (u8, Piece))> = list.into_iter().enumerate().collect();
        // The most important, and among equals the earlier, are kept.
        list.sort_by_key(|&(k, (p, _))| (std::cmp::Reverse(p), k));
        for (k, (priority, piece)) in list.into_iter().skip(floor) {
            offered.push((priority, k, piece));
        }
    };
    offer(
        (0..page.initiatives.len())
            .map(|k| (if k < 3 { 55 } else { 30 }, Piece::Initiative(k)))
            .collect(),
        KEEP_AT_LEAST,
    );
    offer(
        page.criteria
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let p = if c.non_negotiable.unwrap_or(false) {
                    100
                } else {
                    80
                };
                (p, Piece::Criterion(k))
            })
            .collect(),
        KEEP_AT_LEAST,
    );
    let mut people = Vec::new();
    let mut quotes = Vec::new();
    for (g, (role, group)) in page.stakeholder_groups.iter().enumerate() {
        for (m, s) in group.iter().enumerate() {
            let sponsor = crate::model::SPONSOR_ROLES.iter().any(|r| s.has_role(r));
            people.push((stakeholder_priority(role), Piece::Person(g, m)));
            if s.definition_of_success.is_some() {
                // Before anything lesser leaves, each sponsor's own words stay.
                quotes.push((if sponsor { 96 } else { 45 }, Piece::Quote(g, m)));
            }
        }
    }
    offer(people, KEEP_AT_LEAST);
    offer(quotes, 0);
    offer(
        (0..page.our_team.len())
            .map(|k| (50, Piece::OurPerson(k)))
            .collect(),
        0,
    );
    offer(
        page.our_team
            .iter()
            .enumerate()
            .filter(|(_, s)| s.definition_of_success.is_some())
            .map(|(k, _)| (28, Piece::OurQuote(k)))
            .collect(),
        0,
    );
    for (g, (_, items)) in page.constraints.iter().enumerate() {
        offer(
            (0..items.len())
                .map(|k| (if k == 0 { 70 } else { 40 }, Piece::Constraint(g, k)))
                .collect(),
            1,
        );
    }
    offer(
        page.risks
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let p = match level(r.impact.as_deref()) {
                    0 => 100,
                    1 => 65,
                    _ => 35,
                };
                (p, Piece::Risk(k))
            })
            .collect(),
        KEEP_AT_LEAST,
    );
    for (items, piece) in [
        (&page.scope_in, Piece::ScopeIn as fn(usize) -> Piece),
        (&page.scope_out, Piece::ScopeOut as fn(usize) -> Piece),
    ] {
        offer(
            (0..items.len())
                .map(|k| (if k < 3 { 70 } else { 40 }, piece(k)))
                .collect(),
            KEEP_AT_LEAST,
        );
    }
    offer(
        page.commitments
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let p = if c.is_settled() {
                    25
                } else if c.confirmed_with_product == Some(false) {
                    95
                } else {
                    85
                };
                (p, Piece::Commitment(k))
            })
            .collect(),
        KEEP_AT_LEAST,
    );
    offer(
        (0..page.decisions.len())
            .map(|k| (if k < 2 { 12 } else { 10 }, Piece::Decision(k)))
            .collect(),
        0,
    );
    offer(
        page.milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| m.milestone.success.is_some())
            .map(|(k, m)| {
                let p = if m.milestone.done.is_some() { 15 } else { 38 };
                (p, Piece::MilestoneLine(k))
            })
            .collect(),
        0,
    );
    offered.sort_by_key(|&(priority, k, _)| (priority, std::cmp::Reverse(k)));
    offered.into_iter().map(|(_, _, piece)| piece).collect()
}

/// The page with its texts capped and `gone` taken off.
fn apply(full: &Page, caps: Caps, gone: &[Piece]) -> Page {
    let mut page = full.clone();
    let mut shortened = false;
    let is_gone = |piece: Piece| gone.contains(&piece);
    let mut left_out: Vec<LeftOut> = Vec::new();
    let note = |left_out: &mut Vec<LeftOut>,
                n: usize,
                one: &str,
                many: &str,
                section: &'static str,
                field: &'static str| {
        if n > 0 {
            left_out.push(LeftOut {
                what: if n == 1 {
                    format!("1 more {one}")
                } else {
                    format!("{n} more {many}")
                },
                section,
                field,
            });
        }
    };

    for prose in &mut page.context {
        shortened |= shorten(&mut prose.text, caps.prose);
    }
    let n = retain(&mut page.initiatives, |k| !is_gone(Piece::Initiative(k)));
    note(
        &mut left_out,
        n,
        "initiative",
        "initiatives",
        "Why they bought",
        "business_context.initiatives",
    );
    for initiative in &mut page.initiatives {
        shortened |= shorten(&mut initiative.text, caps.item.min(120));
    }

    let n = retain(&mut page.criteria, |k| !is_gone(Piece::Criterion(k)));
    note(
        &mut left_out,
        n,
        "success criterion",
        "success criteria",
        "How success is measured",
        "success_criteria",
    );
    for c in &mut page.criteria {
        shortened |= shorten(&mut c.outcome, caps.item);
        if let Some(metric) = &mut c.metric {
            shortened |= shorten(metric, caps.item);
        }
    }

    let mut people = 0;
    let mut quotes = 0;
    for (g, (_, group)) in page.stakeholder_groups.iter_mut().enumerate() {
        for (m, s) in group.iter_mut().enumerate() {
            if is_gone(Piece::Quote(g, m)) && s.definition_of_success.take().is_some() {
                quotes += 1;
            }
        }
        people += retain(group, |m| !is_gone(Piece::Person(g, m)));
    }
    for (k, s) in page.our_team.iter_mut().enumerate() {
        if is_gone(Piece::OurQuote(k)) && s.definition_of_success.take().is_some() {
            quotes += 1;
        }
    }
    people += retain(&mut page.our_team, |k| !is_gone(Piece::OurPerson(k)));
    page.stakeholder_groups.retain(|(_, g)| !g.is_empty());
    for s in page
        .stakeholder_groups
        .iter_mut()
        .flat_map(|(_, g)| g.iter_mut())
        .chain(page.our_team.iter_mut())
    {
        if let Some(title) = &mut s.title {
            shortened |= shorten(title, 60);
        }
        if let Some(d) = &mut s.definition_of_success {
            shortened |= shorten(d, caps.personal);
        }
    }
    note(
        &mut left_out,
        people,
        "person",
        "people",
        "Who matters",
        "stakeholders",
    );
    if quotes > 0 {
        left_out.push(LeftOut {
            what: format!(
                "what success means to {}",
                if quotes == 1 {
                    "1 person".to_owned()
                } else {
                    format!("{quotes} people")
                }
            ),
            section: "Who matters",
            field: "stakeholders[].definition_of_success",
        });
    }

    let mut constraints = 0;
    for (g, (_, items)) in page.constraints.iter_mut().enumerate() {
        constraints += retain(items, |k| !is_gone(Piece::Constraint(g, k)));
        for t in items.iter_mut() {
            shortened |= shorten(&mut t.text, caps.item);
        }
    }
    note(
        &mut left_out,
        constraints,
        "constraint",
        "constraints",
        "What they work within",
        "constraints",
    );

    let n = retain(&mut page.risks, |k| !is_gone(Piece::Risk(k)));
    note(
        &mut left_out,
        n,
        "open risk",
        "open risks",
        "Open risks",
        "risks",
    );
    for r in &mut page.risks {
        shortened |= shorten(&mut r.what, caps.item);
        for text in [&mut r.pull_the_plug, &mut r.mitigation]
            .into_iter()
            .flatten()
        {
            shortened |= shorten(text, caps.item);
        }
    }

    let n = retain(&mut page.scope_in, |k| !is_gone(Piece::ScopeIn(k)));
    note(
        &mut left_out,
        n,
        "item in scope",
        "items in scope",
        "Scope",
        "scope.in",
    );
    let n = retain(&mut page.scope_out, |k| !is_gone(Piece::ScopeOut(k)));
    note(
        &mut left_out,
        n,
        "item not in scope",
        "items not in scope",
        "Scope",
        "scope.out",
    );
    for t in page.scope_in.iter_mut().chain(page.scope_out.iter_mut()) {
        shortened |= shorten(&mut t.text, caps.item);
    }

    let n = retain(&mut page.commitments, |k| !is_gone(Piece::Commitment(k)));
    note(
        &mut left_out,
        n,
        "promise",
        "promises",
        "What we promised",
        "commitments",
    );
    for c in &mut page.commitments {
        shortened |= shorten(&mut c.what, caps.item);
    }

    let n = retain(&mut page.decisions, |k| !is_gone(Piece::Decision(k)));
    note(
        &mut left_out,
        n,
        "decision",
        "decisions",
        "What we decided",
        "decisions.yaml",
    );
    for d in &mut page.decisions {
        shortened |= shorten(&mut d.decision, caps.item);
        if let Some(context) = &mut d.context {
            shortened |= shorten(context, caps.item);
        }
    }

    // The timeline has room for `TIMELINE_MAX` milestones: those nearest today stay.
    let mut lines_gone = 0;
    for (k, m) in page.milestones.iter_mut().enumerate() {
        if is_gone(Piece::MilestoneLine(k)) && m.milestone.success.take().is_some() {
            lines_gone += 1;
        }
    }
    if lines_gone > 0 {
        left_out.push(LeftOut {
            what: if lines_gone == 1 {
                "what 1 milestone means".to_owned()
            } else {
                format!("what {lines_gone} milestones mean")
            },
            section: "Milestones",
            field: "milestones[].success",
        });
    }
    for m in &mut page.milestones {
        if let Some(success) = &mut m.milestone.success {
            shortened |= shorten(success, caps.item);
        }
    }
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
        note(
            &mut left_out,
            dropped,
            "milestone",
            "milestones",
            "Milestones",
            "milestones",
        );
    }
    if page.notes.len() > 4 {
        let dropped = page.notes.len() - 4;
        // The latest notes stay.
        page.notes.sort_by(|a, b| b.date.cmp(&a.date));
        page.notes.truncate(4);
        note(&mut left_out, dropped, "note", "notes", "Notes", "notes/");
    }
    for note in &mut page.notes {
        shortened |= shorten(&mut note.title, 60);
    }

    page.left_out = left_out;
    page.shortened = shortened;
    page
}

/// Keeps the items whose position `keep` accepts; returns how many left.
fn retain<T>(items: &mut Vec<T>, keep: impl Fn(usize) -> bool) -> usize {
    let before = items.len();
    let mut k = 0;
    items.retain(|_| {
        let kept = keep(k);
        k += 1;
        kept
    });
    before - items.len()
}

fn stakeholder_priority(role: &str) -> u8 {
    match role {
        "exec_sponsor" | "project_sponsor" | "operating_owner" | "economic_buyer" => 100,
        "decision_maker" | "champion" | "potential_blocker" | "technical_evaluator" => 80,
        "influencer" => 50,
        _ => 40,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_reports_how_many_left() {
        let mut items = vec!["a", "b", "c", "d"];
        assert_eq!(retain(&mut items, |k| k % 2 == 0), 2);
        assert_eq!(items, ["a", "c"]);
    }
}
