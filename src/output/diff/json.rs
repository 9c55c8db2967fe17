//! A diff for programs: its own wire types, like the findings JSON.

use serde::Serialize;
use serde_json::Value;

use crate::compare::{CustomerDiff, Kind};

#[derive(Serialize)]
struct Output<'a> {
    customers: Vec<Customer<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Customer<'a> {
    id: &'a str,
    status: &'static str,
    from: Side<'a>,
    to: Side<'a>,
    documents: Vec<Document<'a>>,
    must_sign_again: Vec<Signer<'a>>,
}

#[derive(Serialize)]
struct Side<'a> {
    label: &'a str,
    /// `null` for the working tree.
    commit: Option<&'a str>,
}

#[derive(Serialize)]
struct Document<'a> {
    file: &'a str,
    status: &'static str,
    changes: Vec<Change<'a>>,
}

#[derive(Serialize)]
struct Change<'a> {
    kind: &'static str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    old: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<&'a Value>,
}

#[derive(Serialize)]
struct Signer<'a> {
    by: &'a str,
    role: &'a str,
}

#[derive(Serialize)]
struct Summary {
    customers: usize,
    /// Changes to understanding.yaml and decisions.yaml.
    changes: usize,
    /// Reviews and sign-offs recorded in reviews.yaml.
    records: usize,
    signoffs_to_renew: usize,
}

pub fn render(diffs: &[CustomerDiff]) -> String {
    fn side(s: &crate::compare::Side) -> Side<'_> {
        Side {
            label: &s.label,
            commit: s.commit.as_deref(),
        }
    }
    let customers: Vec<Customer> = diffs
        .iter()
        .map(|c| Customer {
            id: &c.id,
            status: c.status.as_str(),
            from: side(&c.from),
            to: side(&c.to),
            documents: c
                .documents
                .iter()
                .map(|d| Document {
                    file: &d.file,
                    status: d.status.as_str(),
                    changes: d
                        .changes
                        .iter()
                        .map(|change| match &change.kind {
                            Kind::Added(v) => Change {
                                kind: "added",
                                path: &change.path,
                                old: None,
                                new: Some(v),
                            },
                            Kind::Removed(v) => Change {
                                kind: "removed",
                                path: &change.path,
                                old: Some(v),
                                new: None,
                            },
                            Kind::Changed { old, new } => Change {
                                kind: "changed",
                                path: &change.path,
                                old: Some(old),
                                new: Some(new),
                            },
                        })
                        .collect(),
                })
                .collect(),
            must_sign_again: c
                .must_sign_again
                .iter()
                .map(|s| Signer {
                    by: &s.by,
                    role: &s.role,
                })
                .collect(),
        })
        .collect();
    let output = Output {
        summary: Summary {
            customers: diffs.len(),
            changes: diffs.iter().map(CustomerDiff::change_count).sum(),
            records: diffs.iter().map(CustomerDiff::record_count).sum(),
            signoffs_to_renew: diffs.iter().map(|d| d.must_sign_again.len()).sum(),
        },
        customers,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
