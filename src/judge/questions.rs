//! The questions a milestone review asks, each followed by the evidence
//! gathered from the documents (DESIGN, "Milestone questions").

use jiff::civil::Date;

use crate::compare::{Change, diff};
use crate::history::History;
use crate::load::parse_yaml;
use crate::load::source::SourceText;
use crate::model::dates::date;
use crate::model::typed::Typed;
use crate::model::{Milestone, ReviewRecord};

/// The milestone a review is about: the one asked for, or the earliest that
/// is due (or past due) and has no review yet.
pub fn milestone_at_hand<'a>(
    typed: &'a Typed,
    today: Date,
    requested: Option<&str>,
) -> Result<Option<&'a Milestone>, String> {
    let milestones = &typed.understanding.milestones;
    if let Some(id) = requested {
        return milestones
            .iter()
            .find(|m| m.id == id)
            .map(Some)
            .ok_or_else(|| {
                let ids: Vec<&str> = milestones.iter().map(|m| m.id.as_str()).collect();
                format!(
                    "there is no milestone `{id}`; the milestones are: {}",
                    if ids.is_empty() {
                        "none yet".to_owned()
                    } else {
                        ids.join(", ")
                    }
                )
            });
    }
    let reviewed = |m: &Milestone| typed.reviews.reviews.iter().any(|r| r.milestone == m.id);
    Ok(milestones
        .iter()
        .filter(|m| date(&m.due).is_some_and(|due| due <= today) && !reviewed(m))
        .min_by_key(|m| date(&m.due)))
}

/// What changed in understanding.yaml since the last recorded review, or why
/// that cannot be said.
pub struct SinceLastReview {
    pub review: Option<ReviewRecord>,
    pub outcome: Result<Vec<Change>, String>,
}

pub fn since_last_review(
    typed: &Typed,
    history: Option<&History>,
    understanding: &std::path::Path,
    current: &serde_json::Value,
    max_file_size: u64,
) -> SinceLastReview {
    let last = typed
        .reviews
        .reviews
        .iter()
        .filter(|r| date(&r.date).is_some())
        .max_by_key(|r| date(&r.date))
        .cloned();
    let outcome = (|| {
        let review = last
            .as_ref()
            .ok_or("no review is recorded yet, so there is nothing to compare with")?;
        let commit = review.commit.as_deref().ok_or_else(|| {
            format!(
                "the last review ({}, {}) recorded no commit to compare with",
                review.milestone, review.date
            )
        })?;
        let history = history.ok_or("the workspace is not in a git repository")?;
        let text = history
            .file_at(commit, understanding, max_file_size)
            .map_err(|e| match e {
                crate::error::CucError::TooLargeInHistory { size, limit, revision, .. } => format!(
                    "understanding.yaml as reviewed (commit {revision}) is {}, larger than the {} cuc reads from one document (`limits.max_file_size` in cuc.yaml)",
                    crate::load::human_size(size),
                    crate::load::human_size(limit)
                ),
                other => other.to_string(),
            })?
            .ok_or_else(|| {
                format!(
                    "understanding.yaml did not exist at commit {}",
                    &commit[..commit.len().min(12)]
                )
            })?;
        let source = SourceText::new(text.clone());
        let old = parse_yaml(&source, &text, "understanding.yaml")
            .map_err(|f| format!("the reviewed version could not be read: {}", f.message))?;
        Ok(diff(&old.to_json(), current))
    })();
    SinceLastReview {
        review: last,
        outcome,
    }
}

/// The questions for a milestone, with evidence, as text for people.
pub fn render(id: &str, milestone: &Milestone, typed: &Typed, since: &SinceLastReview) -> String {
    let kind = milestone.kind.as_deref().unwrap_or("custom");
    let mut out = format!(
        "{id}: milestone `{}` ({}, due {})\n",
        milestone.id,
        kind.replace('_', " "),
        milestone.due
    );
    if let Some(success) = &milestone.success {
        out.push_str(&format!("  Success at this milestone: {success}\n"));
    }
    let mut ask = |question: &str, evidence: Vec<String>| {
        out.push_str(&format!("\n  {question}\n"));
        if evidence.is_empty() {
            out.push_str("    (nothing written down yet)\n");
        }
        for line in evidence {
            out.push_str(&format!("    {line}\n"));
        }
    };
    match kind {
        "onboarding" => ask(
            "Is what we promised matching what they are getting?",
            commitments(typed),
        ),
        "first_value" => {
            ask("Are they on track?", criteria(typed));
            ask("What changed?", changes(since, |_| true));
        }
        "mid_year" => ask(
            "How is their context evolving, are priorities shifting?",
            changes(since, |path| {
                path.starts_with("business_context") || path.starts_with("success_criteria")
            }),
        ),
        "renewal" => {
            ask("Did we deliver on success?", criteria(typed));
            ask("What's next?", changes(since, |_| true));
        }
        _ => ask(
            "What changed since the last review?",
            changes(since, |_| true),
        ),
    }
    out
}

fn commitments(typed: &Typed) -> Vec<String> {
    typed
        .understanding
        .commitments
        .iter()
        .map(|c| {
            let confirmed = if c.confirmed_with_product == Some(true) {
                "confirmed with product"
            } else {
                "NOT confirmed with product"
            };
            let due = c
                .due
                .as_deref()
                .map(|d| format!(", due {d}"))
                .unwrap_or_default();
            format!(
                "{}  {} — {}{due}, {confirmed}",
                c.id,
                c.what.trim(),
                c.status.as_deref().unwrap_or("no status")
            )
        })
        .collect()
}

fn criteria(typed: &Typed) -> Vec<String> {
    let value = |v: &Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => "?".to_owned(),
    };
    typed
        .understanding
        .success_criteria
        .iter()
        .map(|c| {
            let unit = c
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let by =
                c.by.as_deref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default();
            format!(
                "{}  {}: now {}, target {}{unit}{by} (baseline {}) — {}",
                c.id,
                c.metric.as_deref().unwrap_or(c.outcome.as_str()),
                value(&c.current),
                value(&c.target),
                value(&c.baseline),
                c.status.as_deref().unwrap_or("no status")
            )
        })
        .collect()
}

fn changes(since: &SinceLastReview, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    match (&since.review, &since.outcome) {
        (Some(review), Ok(changes)) => {
            let commit = review
                .commit
                .as_deref()
                .map(|c| &c[..c.len().min(12)])
                .unwrap_or("?");
            let kept: Vec<&Change> = changes.iter().filter(|c| keep(&c.path)).collect();
            lines.push(format!(
                "since the last review ({}, {}, commit {commit}): {} change{}",
                review.milestone,
                review.date,
                kept.len(),
                if kept.len() == 1 { "" } else { "s" }
            ));
            lines.extend(kept.iter().take(40).map(|c| format!("  {}", c.describe())));
            if kept.len() > 40 {
                lines.push(format!("  … and {} more", kept.len() - 40));
            }
        }
        (_, Err(why)) => lines.push(format!("cannot compare with the last review: {why}")),
        (None, Ok(_)) => {}
    }
    lines
}
