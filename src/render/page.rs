//! What goes on the one page: the customer's understanding, ordered by what
//! matters most. `fitting` then fits it to one printed sheet.

use jiff::civil::Date;

use super::audience::{Audience, Hide};
use super::numbers;
use crate::model::dates::date;
use crate::model::fields::{Field, Section};
use crate::model::fingerprint::Fingerprint;
use crate::model::typed::Typed;
use crate::model::{Commitment, Criterion, Decision, Milestone, Risk, Signoff, Stakeholder, Text};
use crate::model::{SPONSOR_ROLES, is_internal};
use crate::workspace::config::Locale;

/// The order stakeholders are grouped in: each appears once, under the first
/// of their roles in this list.
pub const ROLE_ORDER: [&str; 10] = [
    "exec_sponsor",
    "economic_buyer",
    "project_sponsor",
    "decision_maker",
    "technical_evaluator",
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
    /// The day this content was last committed; `None` when it is not
    /// committed as it is (the page then carries today's date).
    pub committed_on: Option<Date>,
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

/// An item of a list of texts (a constraint, a scope item) on the page.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    /// Marked `visibility: internal` (only ever on the internal page).
    pub internal: bool,
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
    /// Signed, but an earlier version of the content: its short code.
    Outdated { date: String, code: String },
    /// Signed before cuc recorded fingerprints: nobody can say which version.
    Unverified { date: String },
}

/// What changed since one or more sponsors signed an earlier version.
#[derive(Debug, Clone)]
pub struct SinceSigned {
    /// Who signed that version, and when: "Henrik Albers on 2026-09-03".
    pub signers: Vec<String>,
    /// The version they signed, as its short code.
    pub code: String,
    /// The commit their sign-off recorded (the internal page names it).
    pub commit: String,
    /// The most important changes, in plain words.
    pub changes: Vec<String>,
    /// How many more changes there are.
    pub more: usize,
}

/// Something the fitting left out: how many, of what, and in which section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// "2 more open risks", "what success means to 3 people".
    pub what: String,
    /// The section's name on the page: "Open risks".
    pub section: &'static str,
    /// Where it is written: "risks", "stakeholders".
    pub field: &'static str,
}

/// The page, after fitting: everything here is printed.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub name: String,
    pub segment: Option<String>,
    pub today: Date,
    pub audience: Audience,
    /// What the customer's page leaves out (the internal page marks it).
    pub hide: Hide,
    pub locale: Locale,
    pub fingerprint: String,
    /// The version's short code: the fingerprint's first six digits.
    pub code: String,
    /// The version's day: when it was committed, or today.
    pub version_date: Date,
    pub provenance: Provenance,
    pub cs: String,
    pub sales: Option<String>,
    pub contract: Vec<(&'static str, String)>,
    /// Sections marked `visibility: internal` (the internal page marks them):
    /// "contract", "business_context", "constraints", "scope".
    pub internal_sections: Vec<&'static str>,
    pub context: Vec<Prose>,
    pub initiatives: Vec<Line>,
    pub criteria: Vec<Criterion>,
    /// Customer-side stakeholders in role groups, then our own team.
    pub stakeholder_groups: Vec<(&'static str, Vec<Stakeholder>)>,
    pub our_team: Vec<Stakeholder>,
    pub constraints: Vec<(&'static str, Vec<Line>)>,
    pub risks: Vec<Risk>,
    /// Risks that are mitigated or closed: counted, not listed.
    pub settled_risks: usize,
    pub scope_in: Vec<Line>,
    pub scope_out: Vec<Line>,
    pub commitments: Vec<Commitment>,
    /// Active decisions, the latest first.
    pub decisions: Vec<Decision>,
    pub milestones: Vec<TimelineMilestone>,
    pub timeline: Option<(Date, Date)>,
    pub signoff: Vec<SignLine>,
    pub since_signed: Vec<SinceSigned>,
    pub notes: Vec<NoteRef>,
    /// What the fitting left out.
    pub left_out: Vec<LeftOut>,
    /// Whether any text on the page was shortened.
    pub shortened: bool,
    /// The fitting could not make it fit: print it and look.
    pub overfull: bool,
    /// Sections whose every item the customer's page leaves out: they are
    /// left out whole, not shown as empty ("No open risks" would not be true).
    pub withheld: Vec<&'static str>,
    /// The workspace's own fields it shows (`show_on_page`).
    pub fields: Vec<Field>,
    /// Those of the customer and the business context, filled in.
    pub facts: Vec<Detail>,
}

impl Page {
    pub fn internal(&self) -> bool {
        self.audience == Audience::Internal
    }

    /// On the internal page: whether `path` is something the customer's
    /// page leaves out, so it is marked.
    pub fn marks(&self, path: &str) -> bool {
        self.internal() && self.hide.hides(path)
    }

    /// A section left out whole because everything in it is hidden.
    pub fn withholds(&self, section: &str) -> bool {
        self.withheld.contains(&section)
    }

    pub fn section_internal(&self, section: &str) -> bool {
        self.internal() && self.internal_sections.contains(&section)
    }
}

#[derive(Debug, Clone)]
pub struct TimelineMilestone {
    pub milestone: Milestone,
    pub due: Date,
    pub reviewed: bool,
}

/// What the page is made from: the documents (for the customer, with what
/// they may not see already taken out), for whom, and how numbers read.
pub struct Source<'a> {
    pub id: &'a str,
    pub typed: &'a Typed,
    /// The fingerprint of the documents as written (what a sponsor signs),
    /// whatever the page leaves out.
    pub fingerprint: &'a Fingerprint,
    pub business_context_internal: bool,
    pub audience: Audience,
    pub hide: Hide,
    pub locale: Locale,
    /// The workspace's own fields the page shows.
    pub fields: &'a [Field],
}

/// One of the workspace's own fields as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub label: String,
    pub value: String,
    /// Declared `visibility: internal` (only ever on our page, marked).
    pub internal: bool,
}

impl Page {
    /// The workspace's fields of `section` an item (or the section) fills in.
    pub fn details(
        &self,
        section: Section,
        values: &serde_json::Map<String, serde_json::Value>,
    ) -> Vec<Detail> {
        details(&self.fields, section, values, self.locale)
    }
}

/// The fields of `section` that `values` fills in, in declaration order.
fn details(
    fields: &[Field],
    section: Section,
    values: &serde_json::Map<String, serde_json::Value>,
    locale: Locale,
) -> Vec<Detail> {
    fields
        .iter()
        .filter(|f| f.section == section)
        .filter_map(|f| {
            let value = match values.get(&f.name)? {
                serde_json::Value::String(text) => one_line(text),
                serde_json::Value::Number(n) => numbers::number(n, locale),
                serde_json::Value::Bool(true) => "yes".to_owned(),
                serde_json::Value::Bool(false) => "no".to_owned(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .map(one_line)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => return None,
            };
            (!value.is_empty()).then(|| Detail {
                label: f.label(),
                value,
                internal: f.internal,
            })
        })
        .collect()
}

/// Builds the full page, nothing left out (`fitted` then trims it).
pub fn build(source: Source<'_>, provenance: Provenance, notes: Vec<NoteRef>, today: Date) -> Page {
    let typed = source.typed;
    let locale = source.locale;
    let u = &typed.understanding;
    let mut internal_sections = Vec::new();
    let mut contract = Vec::new();
    if let Some(c) = &u.customer.contract {
        if is_internal(&c.visibility) {
            internal_sections.push("contract");
        }
        if let Some(arr) = c.arr {
            contract.push(("ARR", numbers::money(arr, c.currency.as_deref(), locale)));
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
    if source.business_context_internal {
        internal_sections.push("business_context");
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
                .filter_map(|i| {
                    Some(Line {
                        text: one_line(i.get("name")?.as_str()?),
                        internal: super::audience::is_internal(i),
                    })
                })
                .collect()
        })
        .unwrap_or_default();

    let mut facts = details(source.fields, Section::Customer, &u.customer.extra, locale);
    if let Some(context) = u.business_context.as_object() {
        facts.extend(details(
            source.fields,
            Section::BusinessContext,
            context,
            locale,
        ));
    }

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

    let lines = |items: &[Text]| -> Vec<Line> {
        items
            .iter()
            .map(|t| Line {
                text: one_line(t.as_str()),
                internal: t.is_internal(),
            })
            .collect()
    };
    let constraints = u
        .constraints
        .as_ref()
        .map(|c| {
            if is_internal(&c.visibility) {
                internal_sections.push("constraints");
            }
            [
                ("Budget", &c.budget),
                ("Technical", &c.technical),
                ("Timeline", &c.timeline),
                ("Political", &c.political),
            ]
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(label, items)| (label, lines(items)))
            .collect()
        })
        .unwrap_or_default();
    if u.scope.as_ref().is_some_and(|s| is_internal(&s.visibility)) {
        internal_sections.push("scope");
    }

    let (mut risks, settled): (Vec<Risk>, Vec<Risk>) =
        u.risks.iter().cloned().partition(Risk::is_open);
    risks.sort_by_key(|r| (level(r.impact.as_deref()), level(r.likelihood.as_deref())));

    let mut commitments = u.commitments.clone();
    commitments.sort_by_key(Commitment::is_settled);

    let mut decisions: Vec<Decision> = typed
        .decisions
        .decisions
        .iter()
        .filter(|d| matches!(d.status.as_deref(), None | Some("active")))
        .cloned()
        .collect();
    decisions.sort_by(|a, b| b.made.cmp(&a.made));

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
    for m in &mut milestones {
        if let Some(success) = &mut m.milestone.success {
            *success = one_line(success);
        }
    }
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

    let signoff = sign_lines(
        &u.stakeholders,
        &typed.reviews.latest_signoffs(),
        source.fingerprint,
    );

    Page {
        id: source.id.to_owned(),
        name: one_line(&u.customer.name),
        segment: u.customer.segment.as_deref().map(one_line),
        today,
        audience: source.audience,
        hide: source.hide,
        locale,
        fingerprint: source.fingerprint.as_str().to_owned(),
        code: code(source.fingerprint.as_str()),
        version_date: provenance.committed_on.unwrap_or(today),
        provenance,
        cs: u.customer.team.cs.clone(),
        sales: u.customer.team.sales.clone(),
        contract,
        internal_sections,
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
            .map(|s| lines(&s.included))
            .unwrap_or_default(),
        scope_out: u.scope.as_ref().map(|s| lines(&s.out)).unwrap_or_default(),
        commitments,
        decisions,
        milestones,
        timeline,
        signoff,
        since_signed: Vec::new(),
        notes,
        left_out: Vec::new(),
        shortened: false,
        overfull: false,
        withheld: Vec::new(),
        facts,
        fields: source.fields.to_vec(),
    }
}

/// A version's short code: six digits of its fingerprint (`sha256:1c6b42…`
/// → `1c6b42`), enough to tell versions apart on paper.
pub fn code(fingerprint: &str) -> String {
    let digits = fingerprint.strip_prefix("sha256:").unwrap_or(fingerprint);
    digits.chars().take(6).collect()
}

fn sign_lines(
    stakeholders: &[Stakeholder],
    latest: &[(usize, &Signoff)],
    fingerprint: &Fingerprint,
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
                    Some(f) if f == fingerprint.as_str() => SignState::Current {
                        date: s.date.clone(),
                    },
                    Some(f) => SignState::Outdated {
                        date: s.date.clone(),
                        code: code(f),
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

/// Shortens `text` to about `limit` characters, with an ellipsis, where a
/// reader expects a pause: after the last whole sentence that fits, else
/// before the last clause that fits (at `,` `;` `:` a dash or a bracket).
/// When the first sentence or clause runs a little past the limit it is
/// kept whole; only text with no such pause near the limit is cut at a
/// word. Returns whether it shortened.
pub fn shorten(text: &mut String, limit: usize) -> bool {
    if text.chars().count() <= limit {
        return false;
    }
    // Byte offsets of where a cut may fall, with the char count before it.
    let mut sentences = Vec::new();
    let mut clauses = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let followed_by_space = next.is_some_and(char::is_whitespace);
        match c {
            '.' | '!' | '?' if followed_by_space => sentences.push((at, k)),
            ',' | ';' | ':' if followed_by_space => clauses.push((at, k)),
            '–' | '—' | '(' if k > 0 && chars[k - 1].1.is_whitespace() => {
                clauses.push((chars[k - 1].0, k - 1))
            }
            _ => {}
        }
    }
    let room = limit.saturating_sub(1);
    let least = limit * 35 / 100;
    let within = |cuts: &[(usize, usize)]| {
        cuts.iter()
            .rev()
            .find(|&&(_, count)| count <= room && count >= least)
            .copied()
    };
    let beyond = |cuts: &[(usize, usize)]| {
        cuts.iter()
            .find(|&&(_, count)| count > room && count <= limit * 8 / 5)
            .copied()
    };
    let cut = within(&sentences)
        .or_else(|| within(&clauses))
        .or_else(|| {
            beyond(&sentences)
                .into_iter()
                .chain(beyond(&clauses))
                .min_by_key(|c| c.1)
        })
        .map(|(at, _)| at);
    let kept = match cut {
        Some(at) => text[..at].trim_end().to_owned(),
        None => {
            // No pause near the limit: the last whole word that fits.
            let cut: String = text.chars().take(room).collect();
            let on_boundary = text.chars().nth(room).is_some_and(char::is_whitespace);
            match cut.rfind(' ') {
                Some(space) if !on_boundary && space > cut.len() / 2 => {
                    cut[..space].trim_end().to_owned()
                }
                _ => cut,
            }
        }
    };
    *text = format!("{kept}…");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_a_sentence_then_a_clause_then_a_word() {
        let mut text =
            "Inbound trucks arrive when they like. Slots are booked by phone, and drivers wait."
                .to_owned();
        assert!(shorten(&mut text, 60));
        assert_eq!(text, "Inbound trucks arrive when they like…");
        let mut text =
            "Their ERP sits on slow hardware, the nightly batch overruns, and planners wait"
                .to_owned();
        assert!(shorten(&mut text, 60));
        assert_eq!(
            text,
            "Their ERP sits on slow hardware, the nightly batch overruns…"
        );
        // The first clause runs a little past the limit: kept whole.
        let mut text =
            "Their ERP sits on slow on-premise hardware, so the batch overruns".to_owned();
        assert!(shorten(&mut text, 36));
        assert_eq!(text, "Their ERP sits on slow on-premise hardware…");
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
