//! Reading a customer whose documents have errors, part by part: each
//! summary field comes from its own part of a document, and is unknown only
//! when that part has an error (or the document could not be read at all).

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::judge::portfolio::{Assessed, Problem};
use crate::load::check::{DUPLICATE_KEY, UNKNOWN_FIELD, UNKNOWN_REFERENCE};
use crate::load::customer::Loaded;
use crate::load::node::{Node, escape_pointer, pointer_segments};
use crate::model::fingerprint::Fingerprint;
use crate::model::schema::{describe_place, misspells};
use crate::model::{Contract, CustomerInfo, ReviewSettings, Reviews, Team, Understanding};

/// Which document a summary field is read from.
#[derive(Clone, Copy)]
pub enum Doc {
    Understanding,
    Reviews,
}

/// One document of the customer, as far as it could be read.
struct Document<'a> {
    file: &'a str,
    /// `None` when the file is there but could not be read (syntax, size…).
    root: Option<&'a Node>,
    json: Option<Value>,
}

impl<'a> Document<'a> {
    fn of(loaded: &'a Option<Loaded>) -> Option<Document<'a>> {
        let loaded = loaded.as_ref()?;
        let root = loaded.parsed.as_ref().map(|p| &p.root);
        Some(Document {
            file: &loaded.file,
            root,
            json: root.map(Node::to_json),
        })
    }
}

/// A customer's understanding.yaml and reviews.yaml (either may be absent),
/// and where their errors are.
pub struct Partial<'a> {
    understanding: Option<Document<'a>>,
    reviews: Option<Document<'a>>,
    problems: &'a [Problem],
}

impl<'a> Partial<'a> {
    pub fn of(assessed: &'a Assessed) -> Partial<'a> {
        Partial {
            understanding: Document::of(&assessed.customer.understanding),
            reviews: Document::of(&assessed.customer.reviews),
            problems: &assessed.problems,
        }
    }

    fn document(&self, doc: Doc) -> (&'static str, Option<&Document<'a>>) {
        match doc {
            Doc::Understanding => ("understanding.yaml", self.understanding.as_ref()),
            Doc::Reviews => ("reviews.yaml", self.reviews.as_ref()),
        }
    }

    /// Why a value read from `doc` at any of `patterns` (JSON pointers, `*`
    /// for every item of a list) cannot be trusted, if it cannot. With no
    /// patterns: whether the document could be read at all.
    pub fn unknown(&self, doc: Doc, patterns: &[&str]) -> Option<String> {
        let (name, document) = self.document(doc);
        let Some(document) = document else {
            // No reviews.yaml means nothing recorded yet, which is known.
            return matches!(doc, Doc::Understanding).then(|| format!("{name} is missing"));
        };
        let Some(root) = document.root else {
            return Some(format!("{name} cannot be read"));
        };
        let patterns: Vec<Vec<String>> = patterns.iter().map(|p| pointer_segments(p)).collect();
        let present = |segments: &[String]| {
            let pointer: String = segments
                .iter()
                .map(|s| format!("/{}", escape_pointer(s)))
                .collect();
            document
                .json
                .as_ref()
                .is_some_and(|v| v.pointer(&pointer).is_some())
        };
        for problem in self.problems.iter().filter(|p| p.file == document.file) {
            let Some(pointer) = &problem.pointer else {
                return Some(format!("{name} has an error"));
            };
            let at = pointer_segments(pointer);
            if patterns
                .iter()
                .any(|pattern| taints(problem.rule, &at, pattern, present))
            {
                return Some(if at.is_empty() {
                    format!("{name} has an error")
                } else {
                    format!(
                        "{} has an error",
                        describe_place(root, pointer, document.file).trim_matches('`')
                    )
                });
            }
        }
        None
    }

    /// The fingerprint of the understanding as it was read, if it was.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        let json = self.understanding.as_ref()?.json.as_ref()?;
        Some(Fingerprint::of(json))
    }

    /// The understanding, with every field the summary reads that could be
    /// read; the rest is empty.
    pub fn understanding(&self) -> Understanding {
        let u = self.understanding.as_ref().and_then(|d| d.json.as_ref());
        let text = |pointer: &str| text(u, pointer);
        let contract = Contract {
            signed: text("/customer/contract/signed"),
            start: text("/customer/contract/start"),
            renewal: text("/customer/contract/renewal"),
            arr: u
                .and_then(|v| v.pointer("/customer/contract/arr"))
                .and_then(Value::as_f64),
            currency: text("/customer/contract/currency"),
            visibility: None,
        };
        Understanding {
            customer: CustomerInfo {
                // What is written, so the workspace's own fields read as they are.
                extra: u
                    .and_then(|v| v.get("customer"))
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default(),
                name: text("/customer/name").unwrap_or_default(),
                segment: None,
                crm_id: text("/customer/crm_id"),
                team: Team {
                    sales: text("/customer/team/sales"),
                    cs: text("/customer/team/cs").unwrap_or_default(),
                },
                contract: Some(contract),
            },
            // As written, so the workspace's own business-context fields read
            // as they are (each is checked against the schema before use).
            business_context: u
                .and_then(|v| v.get("business_context"))
                .cloned()
                .unwrap_or(Value::Null),
            risks: items(
                u,
                "/risks",
                &[
                    ("id", true),
                    ("what", true),
                    ("impact", false),
                    ("status", false),
                ],
            ),
            milestones: items(u, "/milestones", &[("id", true), ("due", true)]),
            review: ReviewSettings {
                cadence: text("/review/cadence").unwrap_or_default(),
                ignore: Vec::new(),
            },
            ..Understanding::default()
        }
    }

    pub fn reviews(&self) -> Reviews {
        let r = self.reviews.as_ref().and_then(|d| d.json.as_ref());
        Reviews {
            reviews: items(r, "/reviews", &[("milestone", true), ("date", true)]),
            signoffs: items(
                r,
                "/signoffs",
                &[
                    ("by", true),
                    ("role", true),
                    ("date", true),
                    ("fingerprint", false),
                ],
            ),
        }
    }
}

fn text(value: Option<&Value>, pointer: &str) -> Option<String> {
    value?.pointer(pointer)?.as_str().map(str::to_owned)
}

/// The items of a list, each with only the text fields the summary reads
/// (`fields`): an error elsewhere in an item (a reviewer written as text
/// instead of a list) does not lose the item. A required field that is
/// absent or not text reads as empty; the field it feeds is then unknown
/// through its own error.
fn items<T: DeserializeOwned>(
    value: Option<&Value>,
    pointer: &str,
    fields: &[(&str, bool)],
) -> Vec<T> {
    let Some(items) = value
        .and_then(|v| v.pointer(pointer))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let mut kept = serde_json::Map::new();
            for &(field, required) in fields {
                match item.get(field).and_then(Value::as_str) {
                    Some(text) => {
                        kept.insert(field.to_owned(), Value::String(text.to_owned()));
                    }
                    None if required => {
                        kept.insert(field.to_owned(), Value::String(String::new()));
                    }
                    None => {}
                }
            }
            serde_json::from_value(Value::Object(kept)).ok()
        })
        .collect()
}

/// Whether an error at `at` makes a value at `pattern` untrustworthy: the
/// error is on the value, inside it, or on a block that holds it. A field
/// that is not known where one is needed (`contrct:` for `contract:`)
/// counts when its name is close to the one the pattern needs, since the
/// value the summary wants is probably under it, unless the field it needs
/// is there too (`present`).
fn taints(
    rule: &str,
    at: &[String],
    pattern: &[String],
    present: impl Fn(&[String]) -> bool,
) -> bool {
    // A name that refers to nothing is still the text written there, and a
    // key written twice keeps its first value (which validation checks).
    if rule == UNKNOWN_REFERENCE.name || rule == DUPLICATE_KEY.name {
        return false;
    }
    let same = |a: &String, p: &String| p == "*" || a == p;
    if rule == UNKNOWN_FIELD.name {
        let Some((_, parent)) = at.split_last() else {
            return false;
        };
        let Some(wanted) = pattern.get(parent.len()) else {
            return false;
        };
        let mut beside = parent.to_vec();
        beside.push(wanted.clone());
        return parent.iter().zip(pattern).all(|(a, p)| same(a, p))
            && !present(&beside)
            && misspells(at, parent, wanted);
    }
    at.iter().zip(pattern).all(|(a, p)| same(a, p))
}
