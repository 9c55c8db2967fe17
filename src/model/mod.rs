//! Typed views of the documents, for the review rules. Built from the JSON
//! value of a document that passed its schema, so every field is optional
//! here only where the schema says it is.

pub mod dates;
pub mod fields;
pub mod fingerprint;
pub mod schema;
pub mod typed;

use serde::Deserialize;

use crate::model::dates::date;

/// The three customer roles whose holders agree and sign the objective.
pub const SPONSOR_ROLES: [&str; 3] = ["exec_sponsor", "project_sponsor", "operating_owner"];

/// The ids of the milestones an understanding document lists, read from a
/// document that may not validate (as `cuc diff` reads one): those written.
pub fn milestone_ids(understanding: &serde_json::Value) -> Vec<String> {
    understanding
        .get("milestones")
        .and_then(serde_json::Value::as_array)
        .map(|ms| {
            ms.iter()
                .filter_map(|m| m.get("id")?.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Understanding {
    pub customer: CustomerInfo,
    #[serde(default)]
    pub business_context: serde_json::Value,
    #[serde(default)]
    pub success_criteria: Vec<Criterion>,
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub constraints: Option<Constraints>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub scope: Option<Scope>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub handover: Option<Handover>,
    pub review: ReviewSettings,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CustomerInfo {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub name: String,
    pub segment: Option<String>,
    /// The account's id in the CRM.
    pub crm_id: Option<String>,
    pub team: Team,
    pub contract: Option<Contract>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Team {
    pub sales: Option<String>,
    pub cs: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Contract {
    pub signed: Option<String>,
    pub start: Option<String>,
    pub renewal: Option<String>,
    pub arr: Option<f64>,
    pub currency: Option<String>,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Criterion {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub id: String,
    pub outcome: String,
    pub metric: Option<String>,
    pub baseline: Option<serde_json::Value>,
    pub target: Option<serde_json::Value>,
    pub unit: Option<String>,
    pub by: Option<String>,
    pub non_negotiable: Option<bool>,
    pub status: Option<String>,
    pub current: Option<serde_json::Value>,
    /// Where the numbers come from.
    pub data_source: Option<String>,
    #[serde(default)]
    pub agreed_by: Vec<String>,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Stakeholder {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    /// The contact's id in the CRM.
    pub crm_id: Option<String>,
    pub side: String,
    #[serde(default)]
    pub roles: Vec<String>,
    pub sentiment: Option<String>,
    pub definition_of_success: Option<String>,
    pub last_contact: Option<String>,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

impl Stakeholder {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

/// An item of a list of texts (a constraint, a scope item, an open
/// question): written as plain text, or as `{text, visibility}` to keep it
/// off the customer's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub visibility: Option<String>,
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Marked `visibility: internal`.
    pub fn is_internal(&self) -> bool {
        self.visibility.as_deref() == Some("internal")
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Plain(String),
            Marked {
                text: String,
                visibility: Option<String>,
            },
        }
        Ok(match Written::deserialize(deserializer)? {
            Written::Plain(text) => Text {
                text,
                visibility: None,
            },
            Written::Marked { text, visibility } => Text { text, visibility },
        })
    }
}

/// Marked `visibility: internal`.
pub fn is_internal(visibility: &Option<String>) -> bool {
    visibility.as_deref() == Some("internal")
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Constraints {
    #[serde(default)]
    pub budget: Vec<Text>,
    #[serde(default)]
    pub technical: Vec<Text>,
    #[serde(default)]
    pub timeline: Vec<Text>,
    #[serde(default)]
    pub political: Vec<Text>,
    pub visibility: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Risk {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub id: String,
    pub what: String,
    pub likelihood: Option<String>,
    pub impact: Option<String>,
    pub pull_the_plug: Option<String>,
    pub mitigation: Option<String>,
    pub owner: Option<String>,
    pub status: Option<String>,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

impl Risk {
    /// A risk is open unless it says it is mitigated or closed.
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_deref(), None | Some("open"))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Scope {
    #[serde(default, rename = "in")]
    pub included: Vec<Text>,
    #[serde(default)]
    pub out: Vec<Text>,
    pub visibility: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Commitment {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub id: String,
    pub what: String,
    pub promised_by: Option<String>,
    pub promised_on: Option<String>,
    pub confirmed_with_product: Option<bool>,
    pub due: Option<String>,
    pub status: Option<String>,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

impl Commitment {
    /// Delivered or dropped promises need no more attention.
    pub fn is_settled(&self) -> bool {
        matches!(self.status.as_deref(), Some("delivered" | "dropped"))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Milestone {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub id: String,
    pub kind: Option<String>,
    pub due: String,
    pub success: Option<String>,
    pub done: Option<String>,
    /// Who answers for the milestone on each side.
    #[serde(default)]
    pub owners: Owners,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

/// A milestone's owner on the customer's side and on ours (stakeholder names).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Owners {
    pub customer: Option<String>,
    pub vendor: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Handover {
    pub intro_meeting: Option<String>,
    #[serde(default)]
    pub attendees: Vec<String>,
    #[serde(default)]
    pub open_questions: Vec<Text>,
    pub visibility: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReviewSettings {
    pub cadence: String,
    #[serde(default)]
    pub ignore: Vec<Ignore>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Ignore {
    pub rule: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Decisions {
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

impl Decisions {
    pub fn find(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }

    /// The later decision that replaced `id`, if one says so (`supersedes`).
    pub fn superseded_by(&self, id: &str) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|d| d.supersedes.as_deref() == Some(id))
    }

    /// The id the next decision gets, in the style most of the log's ids
    /// are written in (the latest's on a tie): `D2` → `D3`, `d-007` →
    /// `d-008`, one past the highest number written that way; `d-1` for
    /// the first. Never one that is taken.
    pub fn next_id(&self) -> String {
        next_id(self.decisions.iter().map(|d| d.id.as_str()))
    }
}

/// `next_id` over the ids of a log, in the order written.
pub fn next_id<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> String {
    // An id ending in a number: what comes before it, how many digits, the number.
    let numbered = |id: &'a str| {
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (prefix, number) = id.split_at(id.len() - digits);
        Some((prefix, number.len(), number.parse::<u128>().ok()?))
    };
    let taken = |id: &str| ids.clone().any(|t| t == id);
    let count = |prefix: &str| {
        ids.clone()
            .filter_map(numbered)
            .filter(|(p, _, _)| *p == prefix)
            .count()
    };
    // The most used prefix; `max_by_key` keeps the last of equals, the latest.
    let prefix = ids
        .clone()
        .filter_map(numbered)
        .map(|(p, _, _)| p)
        .max_by_key(|p| count(p))
        .unwrap_or("d-");
    let (_, width, number) = ids
        .clone()
        .filter_map(numbered)
        .filter(|(p, _, _)| *p == prefix)
        .last()
        .unwrap_or((prefix, 1, 0));
    // Padded only when the latest id is (`d-007`): `d-9` is followed by `d-10`.
    let width = if number.to_string().len() < width {
        width
    } else {
        0
    };
    let highest = ids
        .clone()
        .filter_map(numbered)
        .filter(|(p, _, _)| *p == prefix)
        .map(|(_, _, n)| n)
        .max()
        .unwrap_or(0);
    let mut n = highest;
    while let Some(next) = n.checked_add(1) {
        n = next;
        let id = format!("{prefix}{n:0width$}");
        if !taken(&id) {
            return id;
        }
    }
    // Past the largest number there is: a suffix on the latest id.
    let mut id = format!("{prefix}{n}");
    while taken(&id) {
        id.push_str("-1");
    }
    id
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Decision {
    /// The workspace's own fields (declared in cuc.yaml), and any other
    /// field the schema allows that this type does not name.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub id: String,
    pub made: String,
    pub decision: String,
    pub owner: Option<String>,
    pub scope_item: Option<String>,
    pub circulated: Option<String>,
    #[serde(default)]
    pub to: Vec<String>,
    pub supersedes: Option<String>,
    pub status: Option<String>,
    /// MADR's parts of a decision record: why it was needed, what was
    /// weighed, what follows, and who was asked.
    pub context: Option<String>,
    #[serde(default)]
    pub options: Vec<String>,
    pub consequences: Option<String>,
    #[serde(default)]
    pub consulted: Vec<String>,
    /// `internal`: kept off the page the customer reads.
    pub visibility: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Reviews {
    #[serde(default)]
    pub reviews: Vec<ReviewRecord>,
    #[serde(default)]
    pub signoffs: Vec<Signoff>,
}

impl Reviews {
    /// The latest review (by its date) that recorded a commit, of
    /// `milestone` when one is named.
    pub fn latest_with_commit(&self, milestone: Option<&str>) -> Option<&ReviewRecord> {
        self.reviews
            .iter()
            .filter(|r| r.commit.is_some() && milestone.is_none_or(|m| r.milestone == m))
            .max_by(|a, b| a.date.cmp(&b.date))
    }

    /// The day the understanding was last reviewed, with the index of that
    /// review; before any review, the contract start counts.
    pub fn last_reviewed(&self, u: &Understanding) -> Option<(jiff::civil::Date, Option<usize>)> {
        let latest = self
            .reviews
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((date(&r.date)?, Some(i))))
            .max_by_key(|(d, _)| *d);
        latest.or_else(|| {
            let contract = u.customer.contract.as_ref()?;
            let start = contract.start.as_deref().or(contract.signed.as_deref())?;
            Some((date(start)?, None))
        })
    }

    /// Each signer's latest sign-off for each role (a later one replaces an
    /// earlier one), with its index in `signoffs`.
    pub fn latest_signoffs(&self) -> Vec<(usize, &Signoff)> {
        let signoffs = &self.signoffs;
        signoffs
            .iter()
            .enumerate()
            .filter(|(k, s)| {
                !signoffs[k + 1..]
                    .iter()
                    .any(|later| later.by == s.by && later.role == s.role)
            })
            .collect()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReviewRecord {
    pub milestone: String,
    pub date: String,
    #[serde(default)]
    pub by: Vec<String>,
    pub outcome: Option<String>,
    pub notes: Option<String>,
    pub commit: Option<String>,
    pub fingerprint: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Signoff {
    pub by: String,
    pub role: String,
    pub date: String,
    pub fingerprint: Option<String>,
    /// The commit that was signed.
    pub commit: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signoff(by: &str, role: &str, date: &str) -> Signoff {
        Signoff {
            by: by.into(),
            role: role.into(),
            date: date.into(),
            fingerprint: None,
            commit: None,
        }
    }

    #[test]
    fn the_next_decision_id_follows_the_style_of_the_log() {
        let next = |ids: &[&str]| next_id(ids.iter().copied());
        assert_eq!(next(&[]), "d-1");
        assert_eq!(next(&["d-1", "d-2"]), "d-3");
        assert_eq!(next(&["D1", "D2"]), "D3");
        assert_eq!(next(&["d-007", "d-008"]), "d-009");
        assert_eq!(next(&["d-099"]), "d-100");
        assert_eq!(next(&["d-9"]), "d-10");
        // One past the highest written that way, wherever it is in the log.
        assert_eq!(next(&["d-4", "d-2"]), "d-5");
        // The style most ids are written in, the latest's on a tie.
        assert_eq!(next(&["d-1", "d-2", "DEC-7"]), "d-3");
        assert_eq!(next(&["d-1", "DEC-7"]), "DEC-8");
        assert_eq!(next(&["d-1", "kickoff", "go-live"]), "d-2");
        assert_eq!(next(&["kickoff"]), "d-1");
        assert_eq!(next(&["7"]), "8");
        // Never an id that is taken, in any style.
        assert_eq!(next(&["d-1", "d-2", "x-1", "d-1.5"]), "d-3");
        assert_eq!(next(&["d-1", "d-2", "d-3x", "d-3"]), "d-4");
        assert_eq!(next(&["D-01", "d-02"]), "d-03");
        let max = format!("d-{}", u128::MAX);
        assert_eq!(next(&[max.as_str()]), format!("{max}-1"));
        assert_eq!(next(&["d-18446744073709551615"]), "d-18446744073709551616");
    }

    #[test]
    fn a_later_sign_off_replaces_an_earlier_one_of_the_same_signer_and_role() {
        let reviews = Reviews {
            reviews: Vec::new(),
            signoffs: vec![
                signoff("A", "exec_sponsor", "2026-01-01"),
                signoff("B", "project_sponsor", "2026-01-02"),
                signoff("A", "exec_sponsor", "2026-03-01"),
            ],
        };
        let latest: Vec<(usize, &str)> = reviews
            .latest_signoffs()
            .into_iter()
            .map(|(k, s)| (k, s.date.as_str()))
            .collect();
        assert_eq!(latest, [(1, "2026-01-02"), (2, "2026-03-01")]);
    }
}
