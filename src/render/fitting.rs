//! Fitting the page to one printed sheet. Fitting is deliberate: when the
//! estimate (`fit`) says the content would run over, the least important
//! items leave first (never a non-negotiable criterion or a high risk before
//! anything else), long prose is shortened, and the page lists what it left
//! out and where to find it.

use super::fit;
use super::page::{Page, level, shorten};
use crate::model::Criterion;

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
