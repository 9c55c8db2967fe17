//! The page's two small pictures, as inline SVG: a bar per success criterion
//! (baseline → current → target) and the milestone timeline with a marker
//! for today. Text inside them is escaped like all text on the page.

use jiff::civil::Date;
use std::fmt::Write;

use super::page::{Page, TimelineMilestone};
use crate::model::Criterion;
use crate::text::escape::html as escape;

/// How far a criterion has come from its baseline towards its target, from
/// 0 to 1, when all three are numbers and the target differs from the
/// baseline. Works for targets below the baseline (less waiting, fewer fees).
pub fn progress(c: &Criterion) -> Option<f64> {
    let baseline = c.baseline.as_ref()?.as_f64()?;
    let target = c.target.as_ref()?.as_f64()?;
    let current = c.current.as_ref()?.as_f64()?;
    let span = target - baseline;
    if span == 0.0 || !span.is_finite() {
        return None;
    }
    Some(((current - baseline) / span).clamp(0.0, 1.0))
}

/// The colour class of a criterion's status.
pub fn status_class(status: Option<&str>) -> &'static str {
    match status {
        Some("met") => "good",
        Some("on_track") => "good",
        Some("at_risk") => "warn",
        Some("missed") => "bad",
        _ => "none",
    }
}

/// A bar 100 units wide: grey from baseline to target, filled up to the
/// current value, a tick at the target.
pub fn bar(c: &Criterion) -> String {
    let Some(p) = progress(c) else {
        return String::new();
    };
    let fill = (p * 100.0 * 10.0).round() / 10.0;
    let class = status_class(c.status.as_deref());
    format!(
        "<svg class=\"bar\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{pct}% of the way from baseline to target\">\
         <rect class=\"track\" x=\"0\" y=\"1\" width=\"100\" height=\"6\" rx=\"1\"/>\
         <rect class=\"fill {class}\" x=\"0\" y=\"1\" width=\"{fill}\" height=\"6\" rx=\"1\"/>\
         <rect class=\"tick\" x=\"99\" y=\"0\" width=\"1\" height=\"8\"/></svg>",
        pct = (p * 100.0).round()
    )
}

/// The timeline: milestones as dots on a line from the first date to the
/// last, labels alternating above and below, and today as a red marker.
pub fn timeline(page: &Page) -> String {
    let Some((first, last)) = page.timeline else {
        return String::new();
    };
    const WIDTH: f64 = 1150.0;
    const HEIGHT: f64 = 102.0;
    const AXIS: f64 = 45.0;
    const PAD: f64 = 60.0;
    let span = (last - first).get_days().max(1) as f64;
    let x = |d: Date| PAD + (WIDTH - 2.0 * PAD) * ((d - first).get_days() as f64 / span);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"milestone timeline\">\
         <line class=\"axis\" x1=\"{PAD}\" y1=\"{AXIS}\" x2=\"{}\" y2=\"{AXIS}\"/>",
        WIDTH - PAD
    );
    for (k, m) in page.milestones.iter().enumerate() {
        let cx = x(m.due);
        let class = milestone_class(m, page.today);
        let above = k % 2 == 0;
        let (label_y, date_y) = if above { (13.0, 29.0) } else { (70.0, 86.0) };
        let label = m.milestone.id.replace('_', " ");
        let _ = write!(
            svg,
            "<circle class=\"m {class}\" cx=\"{cx:.1}\" cy=\"{AXIS}\" r=\"7\"/>\
             <text class=\"label\" x=\"{cx:.1}\" y=\"{label_y}\">{}</text>\
             <text class=\"date\" x=\"{cx:.1}\" y=\"{date_y}\">{}</text>",
            escape(&label),
            escape(&milestone_date(m)),
        );
    }
    let today = x(page.today);
    // Today's label sits in a row of its own below the milestones' labels.
    let _ = write!(
        svg,
        "<line class=\"today\" x1=\"{today:.1}\" y1=\"{}\" x2=\"{today:.1}\" y2=\"{}\"/>\
         <text class=\"today-label\" x=\"{today:.1}\" y=\"99\">today {}</text></svg>",
        AXIS - 14.0,
        AXIS + 14.0,
        page.today,
    );
    svg
}

/// done, overdue (due, not done), reviewed or ahead.
pub fn milestone_class(m: &TimelineMilestone, today: Date) -> &'static str {
    if m.milestone.done.is_some() {
        "done"
    } else if m.due < today {
        "overdue"
    } else {
        "ahead"
    }
}

pub fn milestone_date(m: &TimelineMilestone) -> String {
    match &m.milestone.done {
        Some(done) => format!("done {done}"),
        None => format!("due {}", m.due),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn criterion(
        baseline: serde_json::Value,
        current: serde_json::Value,
        target: f64,
    ) -> Criterion {
        Criterion {
            baseline: Some(baseline),
            current: Some(current),
            target: Some(json!(target)),
            ..Criterion::default()
        }
    }

    #[test]
    fn progress_runs_from_baseline_to_target_in_either_direction() {
        // Less is better: 94 minutes down to 45, now 58.
        let down = progress(&criterion(json!(94), json!(58), 45.0)).unwrap();
        assert!((down - 36.0 / 49.0).abs() < 1e-9, "{down}");
        // More is better: 61% up to 85%, now 74%.
        let up = progress(&criterion(json!(61), json!(74), 85.0)).unwrap();
        assert!((up - 13.0 / 24.0).abs() < 1e-9, "{up}");
        // Past the target, or worse than the baseline, stays on the bar.
        assert_eq!(progress(&criterion(json!(94), json!(30), 45.0)), Some(1.0));
        assert_eq!(progress(&criterion(json!(94), json!(120), 45.0)), Some(0.0));
        // Text values have no bar.
        assert_eq!(progress(&criterion(json!("low"), json!(1), 45.0)), None);
        assert_eq!(progress(&criterion(json!(45), json!(45), 45.0)), None);
    }
}
