//! The page's geometry and an estimate of how tall its content prints.
//!
//! The stylesheet is written from these same numbers (see `html.rs`), so the
//! estimate and the printed page agree: every block has a fixed line height
//! in millimetres and text wraps at a known width. Character widths are
//! estimated on the wide side (DejaVu Sans, wider than Arial or Helvetica),
//! so a page the estimate accepts prints on one sheet; the browser tests
//! check that with Chromium on A4 and US Letter.

use super::page::Page;

/// The printable area shared by A4 (210 × 297 mm) and US Letter
/// (215.9 × 279.4 mm) with `MARGIN_MM` on every side: the narrower width and
/// the shorter height.
pub const MARGIN_MM: f64 = 11.0;
pub const PAGE_WIDTH_MM: f64 = 210.0 - 2.0 * MARGIN_MM;
pub const PAGE_HEIGHT_MM: f64 = 279.4 - 2.0 * MARGIN_MM;
/// Kept free at the bottom, for what the estimate cannot know (a font with
/// wider letters, a browser's rounding).
const SAFETY_MM: f64 = 3.0;

/// Body text and small text, in points, and their line heights.
pub const BODY_PT: f64 = 7.5;
pub const SMALL_PT: f64 = 6.6;
pub const TITLE_PT: f64 = 14.0;
pub const LINE: f64 = 1.22;
const MM_PER_PT: f64 = 25.4 / 72.0;

/// Gaps of the layout, in millimetres (the stylesheet uses these).
pub const COLUMN_GAP_MM: f64 = 5.0;
pub const HEADING_MM: f64 = 5.5;
pub const TIMELINE_MM: f64 = 16.7;
pub const SIGN_BOX_MM: f64 = 22.0;
pub const ASK_MM: f64 = 8.0;
pub const ASK_TOP_MM: f64 = 2.0;
pub const ITEM_GAP_MM: f64 = 0.8;
/// The widest the timeline gets before milestones leave it.
pub const TIMELINE_MAX: usize = 8;

/// The criteria table's columns, in millimetres; the outcome takes the rest.
pub const CRITERIA_STAR_MM: f64 = 5.0;
pub const CRITERIA_BY_MM: f64 = 17.0;
pub const CRITERIA_STATUS_MM: f64 = 17.0;
pub const CRITERIA_PROGRESS_MM: f64 = 60.0;
/// The bar in the progress column; the numbers follow it.
pub const BAR_MM: f64 = 20.0;

/// Text with the internal page's "internal" mark after it, for measuring:
/// the mark is as wide as about these letters.
fn tagged(text: &str, marked: bool) -> String {
    if marked {
        format!("{text} INTERNAL..")
    } else {
        text.to_owned()
    }
}

pub fn column_mm() -> f64 {
    (PAGE_WIDTH_MM - COLUMN_GAP_MM * (COLUMNS as f64 - 1.0)) / COLUMNS as f64
}

/// The business context is a grid of two columns.
pub fn context_column_mm() -> f64 {
    (PAGE_WIDTH_MM - COLUMN_GAP_MM) / 2.0
}

pub fn outcome_mm() -> f64 {
    PAGE_WIDTH_MM - CRITERIA_STAR_MM - CRITERIA_BY_MM - CRITERIA_STATUS_MM - CRITERIA_PROGRESS_MM
}

pub fn line_mm(pt: f64) -> f64 {
    pt * LINE * MM_PER_PT
}

/// How many lines `text` wraps to in a box `width` mm wide.
/// Wraps like a browser does: word by word at spaces, a word longer than
/// the line broken where it runs out, each character as wide as the font
/// draws it (`metrics`).
fn lines(text: &str, width: f64, pt: f64, bold: bool) -> f64 {
    let room = width / (pt * MM_PER_PT) * 1000.0;
    let space = advance(' ', bold);
    let mut count = 1.0;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let wide: f64 = word.chars().map(|c| advance(c, bold)).sum();
        let needed = if used > 0.0 { space + wide } else { wide };
        if used + needed <= room {
            used += needed;
            continue;
        }
        if used > 0.0 {
            count += 1.0;
            used = 0.0;
        }
        if wide <= room {
            used = wide;
            continue;
        }
        // A word wider than the line: broken character by character.
        for c in word.chars() {
            let w = advance(c, bold);
            if used + w > room && used > 0.0 {
                count += 1.0;
                used = 0.0;
            }
            used += w;
        }
    }
    count
}

/// How wide `c` is, in thousandths of an em: from the font's own table, a
/// full em for the wide scripts (CJK, emoji), and a wide letter for the rest.
fn advance(c: char, bold: bool) -> f64 {
    let table: &[(char, u16)] = if bold {
        &super::metrics::BOLD
    } else {
        &super::metrics::REGULAR
    };
    match table.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => f64::from(table[i].1),
        Err(_) if (c as u32) >= 0x1100 => 1000.0,
        Err(_) => 667.0,
    }
}

fn text_mm(text: &str, width: f64, pt: f64) -> f64 {
    lines(text, width, pt, false) * line_mm(pt)
}

fn bold_mm(text: &str, width: f64, pt: f64) -> f64 {
    lines(text, width, pt, true) * line_mm(pt)
}

/// The estimated height of each part of the page, in millimetres.
#[derive(Debug, Clone, Copy)]
pub struct Estimate {
    pub header: f64,
    pub context: f64,
    pub criteria: f64,
    pub columns: f64,
    pub timeline: f64,
    pub signoff: f64,
    pub footer: f64,
}

impl Estimate {
    pub fn total(&self) -> f64 {
        self.header
            + self.context
            + self.criteria
            + self.columns
            + self.timeline
            + self.signoff
            + self.footer
    }

    pub fn fits(&self) -> bool {
        self.total() <= PAGE_HEIGHT_MM - SAFETY_MM
    }
}

pub fn estimate(page: &Page) -> Estimate {
    let full = PAGE_WIDTH_MM;
    let col = context_column_mm();
    let small = line_mm(SMALL_PT);
    let body = line_mm(BODY_PT);

    let header = bold_mm(&page.name, full, TITLE_PT)
        + text_mm(&header_line(page), full, SMALL_PT)
        + text_mm(&meta_line(page), full, SMALL_PT)
        + 3.5;

    let context = if page.context.is_empty() && page.initiatives.is_empty() {
        0.0
    } else {
        let mut cells: Vec<f64> = page
            .context
            .iter()
            .map(|p| small + text_mm(&p.text, col, BODY_PT) + ITEM_GAP_MM)
            .collect();
        if !page.initiatives.is_empty() {
            cells.push(
                small
                    + text_mm(
                        &page
                            .initiatives
                            .iter()
                            .map(|i| i.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" · "),
                        col,
                        BODY_PT,
                    )
                    + ITEM_GAP_MM,
            );
        }
        // A grid of two columns: each row as tall as its taller cell.
        HEADING_MM
            + cells
                .chunks(2)
                .map(|row| row.iter().copied().fold(0.0, f64::max))
                .sum::<f64>()
    };

    let criteria = if page.withholds("success_criteria") {
        0.0
    } else if page.criteria.is_empty() {
        HEADING_MM + body
    } else {
        HEADING_MM
            + small
            + 0.8
            + page
                .criteria
                .iter()
                .map(|c| {
                    // The outcome in bold, then the metric on the same lines.
                    let text = match &c.metric {
                        Some(m) => format!("{} {m}", c.outcome),
                        None => c.outcome.clone(),
                    };
                    let outcome = bold_mm(&text, outcome_mm() - 1.5, BODY_PT);
                    let progress = text_mm(
                        &criterion_numbers(c, page.locale),
                        CRITERIA_PROGRESS_MM - BAR_MM - 3.0,
                        SMALL_PT,
                    )
                    .max(body);
                    outcome.max(progress) + 0.9
                })
                .sum::<f64>()
    };

    let columns = arrange(&block_heights(page)).1;

    let timeline = if page.timeline.is_some() {
        HEADING_MM
            + TIMELINE_MM
            + 1.5
            + page
                .milestones
                .iter()
                .filter_map(milestone_line)
                .map(|line| text_mm(&line, full - 3.0, SMALL_PT))
                .sum::<f64>()
    } else {
        0.0
    };

    let rows = page.signoff.len().div_ceil(3) as f64;
    // The boxes' rows, with a 2 mm gap between them.
    let mut signoff = ASK_TOP_MM + ASK_MM + 2.0 + rows * (SIGN_BOX_MM + 2.0) - 2.0;
    for since in &page.since_signed {
        signoff += 1.5 + text_mm(&since_signed_heading(page, since), full, SMALL_PT);
        for change in since_signed_items(page, since) {
            signoff += text_mm(&change, full - 3.0, SMALL_PT);
        }
    }

    let mut footer_lines = lines(&colophon(page), full, SMALL_PT, false);
    if !page.left_out.is_empty() {
        footer_lines += lines(&left_out_line(page), full, SMALL_PT, false);
    }
    if page.shortened {
        footer_lines += lines(&shortened_line(page), full, SMALL_PT, false);
    }
    if !page.notes.is_empty() {
        footer_lines += lines(&notes_line(page), full, SMALL_PT, false);
    }
    let footer = footer_lines * small + 3.0;

    Estimate {
        header,
        context,
        criteria,
        columns,
        timeline,
        signoff,
        footer,
    }
}

pub const COLUMNS: usize = 3;

/// The blocks of the lower part of the page, in reading order, as they
/// flow into `COLUMNS` columns: who matters, one block per group of
/// people (so a long list goes on in the next column), then what they work
/// within, open risks, scope, what we promised and what we decided.
pub fn block_heights(page: &Page) -> Vec<f64> {
    let col = column_mm();
    let body = line_mm(BODY_PT);
    let small = line_mm(SMALL_PT);
    let group = |people: &[crate::model::Stakeholder]| -> f64 {
        small
            + people
                .iter()
                .map(|s| {
                    let mut h = text_mm(&stakeholder_line(s), col - 3.0, BODY_PT) + ITEM_GAP_MM;
                    if let Some(also) = person_meta(s) {
                        let marked =
                            s.last_contact.is_some() && page.marks("stakeholders.last_contact");
                        h += text_mm(&tagged(&also, marked), col - 3.0, SMALL_PT);
                    }
                    if let Some(d) = &s.definition_of_success {
                        h += text_mm(&format!("“{d}”"), col - 6.0, SMALL_PT);
                    }
                    h
                })
                .sum::<f64>()
    };
    let mut blocks = Vec::new();
    let mut groups: Vec<f64> = page
        .stakeholder_groups
        .iter()
        .map(|(_, people)| group(people))
        .collect();
    if !page.our_team.is_empty() {
        groups.push(group(&page.our_team));
    }
    if page.withholds("stakeholders") && groups.is_empty() {
        blocks.push(0.0);
    } else if page.stakeholder_groups.is_empty() && !page.withholds("stakeholders") {
        blocks.push(HEADING_MM + body);
        blocks.extend(groups);
    } else {
        // The heading stays with the first group.
        blocks.push(HEADING_MM + groups[0]);
        blocks.extend(groups.into_iter().skip(1));
    }
    blocks.extend(section_heights(page));
    blocks
}

/// The sections after the people, at column width, as blocks.
fn section_heights(page: &Page) -> Vec<f64> {
    let col = column_mm();
    let small = line_mm(SMALL_PT);
    let body = line_mm(BODY_PT);

    let mut constraints = 0.0;
    if !page.constraints.is_empty() {
        constraints += HEADING_MM;
        for (label, items) in &page.constraints {
            for (k, item) in items.iter().enumerate() {
                let text = if k == 0 {
                    format!("{label}: {}", item.text)
                } else {
                    item.text.clone()
                };
                constraints += text_mm(&text, col - 3.0, BODY_PT) + ITEM_GAP_MM;
            }
        }
    }

    // Open risks, one block each (the heading with the first), so a long
    // list goes on in the next column.
    let mut risks: Vec<f64> = page
        .risks
        .iter()
        .map(|r| {
            let mut h = bold_mm(&r.what, col - 3.0, BODY_PT)
                + text_mm(&risk_meta(r), col - 3.0, SMALL_PT)
                + ITEM_GAP_MM;
            if let Some(p) = &r.pull_the_plug {
                h += text_mm(
                    &tagged(
                        &format!("Would make them quit: {p}"),
                        page.marks("risks.pull_the_plug"),
                    ),
                    col - 3.0,
                    SMALL_PT,
                );
            }
            if let Some(m) = &r.mitigation {
                h += text_mm(&format!("Mitigation: {m}"), col - 3.0, SMALL_PT);
            }
            h
        })
        .collect();
    if page.withholds("risks") {
        risks = vec![0.0];
    } else {
        if risks.is_empty() {
            risks.push(body);
        }
        risks[0] += HEADING_MM;
        if page.settled_risks > 0 {
            *risks.last_mut().expect("one block at least") += small;
        }
    }

    let mut scope = if page.withholds("scope") {
        0.0
    } else {
        HEADING_MM
    };
    if page.scope_in.is_empty() && page.scope_out.is_empty() && !page.withholds("scope") {
        scope += body;
    }
    for items in [&page.scope_in, &page.scope_out] {
        if items.is_empty() {
            continue;
        }
        scope += small;
        for item in items {
            scope += text_mm(&item.text, col - 3.0, BODY_PT);
        }
        scope += ITEM_GAP_MM;
    }

    let mut promises = 0.0;
    if !page.commitments.is_empty() {
        promises += HEADING_MM;
        for c in &page.commitments {
            promises += text_mm(&c.what, col - 3.0, BODY_PT)
                + text_mm(
                    &tagged(
                        &commitment_meta(page, c),
                        c.confirmed_with_product.is_some()
                            && page.marks("commitments.confirmed_with_product"),
                    ),
                    col - 3.0,
                    SMALL_PT,
                )
                + ITEM_GAP_MM;
        }
    }

    let mut decided = 0.0;
    if !page.decisions.is_empty() {
        decided += HEADING_MM;
        for d in &page.decisions {
            decided += text_mm(&d.decision, col - 3.0, BODY_PT)
                + text_mm(&decision_meta(d), col - 3.0, SMALL_PT)
                + ITEM_GAP_MM;
            if let Some(context) = &d.context {
                decided += text_mm(
                    &tagged(
                        &format!("Context: {context}"),
                        page.marks("decisions.context"),
                    ),
                    col - 3.0,
                    SMALL_PT,
                );
            }
        }
    }
    let mut blocks = vec![constraints];
    blocks.extend(risks);
    blocks.extend([scope, promises, decided]);
    blocks
}

/// Splits the blocks, in order, into `COLUMNS` columns so the tallest
/// column is as short as it can be. Returns where each column starts and
/// the tallest column's height.
pub fn arrange(heights: &[f64]) -> ([usize; COLUMNS], f64) {
    let n = heights.len();
    let sum = |range: std::ops::Range<usize>| heights[range].iter().sum::<f64>();
    let mut best = ([0, n.min(1), n.min(2)], f64::INFINITY);
    for a in 1.min(n)..=n {
        for b in a..=n {
            let tallest = sum(0..a).max(sum(a..b)).max(sum(b..n));
            if tallest < best.1 - 1e-9 {
                best = ([0, a, b], tallest);
            }
        }
    }
    best
}

/// "Segment · CS … · AE … · ARR …": the line under the customer's name,
/// in parts that each stay on one line.
pub fn header_parts(page: &Page) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(segment) = &page.segment {
        parts.push(segment.clone());
    }
    parts.push(format!("Customer success: {}", page.cs));
    if let Some(sales) = &page.sales {
        parts.push(format!("Sales: {sales}"));
    }
    for (label, value) in &page.contract {
        parts.push(format!("{label} {value}"));
    }
    parts
}

pub fn header_line(page: &Page) -> String {
    header_parts(page).join(" · ")
}

/// "Shared understanding · Version of 2026-11-23 · 1c6b42"; the internal
/// page adds where it came from.
pub fn meta_line(page: &Page) -> String {
    let version = format!("Version of {} · {}", page.version_date, page.code);
    if !page.internal() {
        return format!("Shared understanding · {version}");
    }
    let commit = match (&page.provenance.commit, page.provenance.uncommitted) {
        (Some(c), false) => format!("commit {c}"),
        (Some(c), true) => format!("commit {c} and changes not yet committed"),
        (None, _) => "not committed yet".to_owned(),
    };
    format!("Internal page, not for the customer · {version} · {commit}")
}

/// The footer's last line: the full fingerprint, once, for verification;
/// the internal page also says where the page came from.
pub fn colophon(page: &Page) -> String {
    if page.internal() {
        format!(
            "Rendered by cuc from customers/{}/ · fingerprint {}",
            page.id, page.fingerprint
        )
    } else {
        format!(
            "Version {} of {}, for verification: {}",
            page.code, page.version_date, page.fingerprint
        )
    }
}

/// "Henrik Albers, Chief Operating Officer" (the dot before it tells the sentiment).
pub fn stakeholder_line(s: &crate::model::Stakeholder) -> String {
    match &s.title {
        Some(title) => format!("{}, {title}", s.name),
        None => s.name.clone(),
    }
}

/// "also economic buyer, decision maker": the roles besides the one the
/// stakeholder is listed under (the first in `ROLE_ORDER`).
pub fn other_roles(s: &crate::model::Stakeholder) -> Option<String> {
    let listed = super::page::ROLE_ORDER.iter().find(|r| s.has_role(r));
    let others: Vec<String> = s
        .roles
        .iter()
        .filter(|r| Some(&r.as_str()) != listed)
        .map(|r| r.replace('_', " "))
        .collect();
    (!others.is_empty()).then(|| format!("also {}", others.join(", ")))
}

/// "also economic buyer · last contact 2026-04-17": the small line under a
/// stakeholder's name (the customer's page has no last contact to show).
pub fn person_meta(s: &crate::model::Stakeholder) -> Option<String> {
    let mut parts: Vec<String> = other_roles(s).into_iter().collect();
    if let Some(last) = &s.last_contact {
        parts.push(format!("last contact {last}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// "impact high · likelihood medium · owner Jana Petersen".
pub fn risk_meta(r: &crate::model::Risk) -> String {
    let mut parts = Vec::new();
    if let Some(i) = &r.impact {
        parts.push(format!("impact {i}"));
    }
    if let Some(l) = &r.likelihood {
        parts.push(format!("likelihood {l}"));
    }
    if let Some(o) = &r.owner {
        parts.push(format!("owner {o}"));
    }
    parts.join(" · ")
}

/// "in progress · due 2027-02-28 · promised by Tom Becker on 2026-08-12 ·
/// to be confirmed". The customer's page says "to be confirmed" where the
/// internal one says "not yet confirmed with product".
pub fn commitment_meta(page: &Page, c: &crate::model::Commitment) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &c.status {
        parts.push(s.replace('_', " "));
    }
    if let Some(d) = &c.due {
        parts.push(format!("due {d}"));
    }
    match (&c.promised_by, &c.promised_on) {
        (Some(by), Some(on)) => parts.push(format!("promised by {by} on {on}")),
        (Some(by), None) => parts.push(format!("promised by {by}")),
        (None, Some(on)) => parts.push(format!("promised on {on}")),
        (None, None) => {}
    }
    let ours = !page.hide.hides("commitments.confirmed_with_product") || page.internal();
    match c.confirmed_with_product {
        Some(true) if ours => parts.push("confirmed with product".to_owned()),
        Some(false) if ours => parts.push("not yet confirmed with product".to_owned()),
        Some(false) if !c.is_settled() => parts.push("to be confirmed".to_owned()),
        _ => {}
    }
    parts.join(" · ")
}

/// "2026-10-02 · owner Henrik Albers".
pub fn decision_meta(d: &crate::model::Decision) -> String {
    let day = d.made.get(..10).unwrap_or(&d.made);
    match &d.owner {
        Some(owner) => format!("{day} · owner {owner}"),
        None => day.to_owned(),
    }
}

/// What a number on the page says when nobody has measured it yet.
pub const NOT_MEASURED: &str = "not measured yet";

/// "2,400,000 → 1,900,000 → 1,600,000 USD": baseline, now and target.
pub fn criterion_numbers(
    c: &crate::model::Criterion,
    locale: crate::workspace::config::Locale,
) -> String {
    let show = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .and_then(|v| super::numbers::measure(v, locale))
            .unwrap_or_else(|| NOT_MEASURED.to_owned())
    };
    let mut text = format!(
        "{} → {} → {}",
        show(&c.baseline),
        show(&c.current),
        show(&c.target)
    );
    if let Some(unit) = &c.unit {
        text.push(' ');
        text.push_str(unit);
    }
    text
}

/// "Onboarding, due 2026-10-01: Hamburg live…": what a milestone means.
pub fn milestone_line(m: &super::page::TimelineMilestone) -> Option<String> {
    let success = m.milestone.success.as_deref()?;
    let when = match &m.milestone.done {
        Some(done) => format!("reached {done}"),
        None => format!("due {}", m.milestone.due),
    };
    Some(format!(
        "{} ({when}): {success}",
        milestone_name(&m.milestone)
    ))
}

/// "Mid-year review", "Renewal", or the id of a custom milestone.
pub fn milestone_name(m: &crate::model::Milestone) -> String {
    match m.kind.as_deref() {
        Some("onboarding") if m.id == "onboarding" => "Onboarding".to_owned(),
        Some("first_value") if m.id == "first_value" || m.id == "first-value" => {
            "First value".to_owned()
        }
        Some("mid_year") if m.id == "mid_year" || m.id == "mid-year" => {
            "Mid-year review".to_owned()
        }
        Some("renewal") if m.id == "renewal" => "Renewal".to_owned(),
        _ => {
            let name = m.id.replace(['_', '-'], " ");
            let mut chars = name.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => name,
            }
        }
    }
}

/// "What changed since Henrik Albers signed on 2026-09-03 (version a1b2c3):".
pub fn since_signed_heading(_page: &Page, since: &super::page::SinceSigned) -> String {
    format!(
        "What changed since {} signed version {}:",
        join_names(&since.signers),
        since.code
    )
}

/// The changes, then "+N more"; the internal page adds the full diff's command.
pub fn since_signed_items(page: &Page, since: &super::page::SinceSigned) -> Vec<String> {
    let mut items = since.changes.clone();
    if items.is_empty() && since.more == 0 {
        // Only what this page leaves out changed (or only its wording's form).
        items.push("Nothing this page shows has changed.".to_owned());
    }
    if since.more > 0 {
        items.push(format!("+{} more", since.more));
    }
    if page.internal() {
        items.push(format!(
            "All changes: cuc diff {} {}",
            page.id,
            crate::history::short(&since.commit)
        ));
    }
    items
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Not on this page, for lack of room: 2 more open risks (Open risks) · …".
pub fn left_out_line(page: &Page) -> String {
    let parts: Vec<String> = page
        .left_out
        .iter()
        .map(|l| {
            if page.internal() {
                format!("{} ({})", l.what, l.field)
            } else {
                format!("{} ({})", l.what, l.section)
            }
        })
        .collect();
    let whole = if page.internal() {
        format!("; all of it is in customers/{}/understanding.yaml", page.id)
    } else {
        format!(". Ask {} for the full version.", page.cs)
    };
    format!(
        "Not on this page, for lack of room: {}{whole}",
        parts.join(" · ")
    )
}

/// The footer's word on text ending in "…".
pub fn shortened_line(page: &Page) -> String {
    if page.internal() {
        format!(
            "Text ending in … is shortened to fit; the full text is in customers/{}/understanding.yaml.",
            page.id
        )
    } else {
        "Text ending in … is shortened to fit on one page.".to_owned()
    }
}

pub fn notes_line(page: &Page) -> String {
    page.notes
        .iter()
        .map(|n| match &n.date {
            Some(d) => format!("{} ({d})", n.title),
            None => n.title.clone(),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printable_area_is_the_smaller_of_a4_and_letter() {
        assert_eq!(PAGE_WIDTH_MM, 188.0);
        assert!((PAGE_HEIGHT_MM - 257.4).abs() < 1e-9);
    }

    #[test]
    fn text_wraps_by_width() {
        let one = lines("short", 90.0, BODY_PT, false);
        let long = lines(&"word ".repeat(100), 90.0, BODY_PT, false);
        assert_eq!(one, 1.0);
        assert!(long > 6.0, "{long}");
        assert!(
            lines(&"word ".repeat(100), 180.0, BODY_PT, false) < long,
            "a wider box needs fewer lines"
        );
    }
}
