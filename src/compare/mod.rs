//! The semantic diff of two versions of a document, in the document's own
//! terms: list items are matched by `id` (stakeholders by `name`), so
//! reordering is not a change; each change is an addition, a removal, or a
//! value that changed from old to new, with a word-level diff for prose.
//! A renamed id is a removal plus an addition.

use crate::model::Reviews;
use crate::model::fingerprint::Fingerprint;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Added(Value),
    Removed(Value),
    Changed { old: Value, new: Value },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Where, in the document's words: `success_criteria[sc-2].target`.
    pub path: String,
    pub kind: Kind,
}

/// A piece of a word-level diff of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// One side of a comparison: a commit, or the working tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// What people call it: "the `onboarding` review (2026-07-03)".
    pub label: String,
    /// The commit; `None` for the working tree.
    pub commit: Option<String>,
}

impl Side {
    pub fn working_tree() -> Side {
        Side {
            label: "the working tree".to_owned(),
            commit: None,
        }
    }

    /// The side as a person names it, with its commit when that is not
    /// already the name: "the onboarding review (2026-07-03), commit
    /// 3946823", "HEAD~1 (commit 3946823)", "the working tree".
    pub fn named(&self) -> String {
        let Some(commit) = &self.commit else {
            return self.label.clone();
        };
        let short = crate::history::short(commit);
        if self.label.starts_with(short) {
            format!("commit {short}")
        } else {
            format!("{} (commit {short})", self.label)
        }
    }

    pub fn revision(label: String, commit: String) -> Side {
        Side {
            label,
            commit: Some(commit),
        }
    }

    /// The label with the short commit: "the `onboarding` review (2026-07-03, 1a2b3c4d5e6f)".
    pub fn describe(&self) -> String {
        match &self.commit {
            Some(commit) => format!("{} at {}", self.label, &commit[..commit.len().min(12)]),
            None => self.label.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unchanged,
    Added,
    Removed,
    Changed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
        }
    }
}

/// How one document moved.
#[derive(Debug, Clone)]
pub struct DocumentDiff {
    pub file: String,
    pub status: Status,
    /// Empty when only formatting or comments changed.
    pub changes: Vec<Change>,
}

/// A sponsor whose sign-off covered the earlier version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub by: String,
    pub role: String,
}

/// How one customer's documents moved between two sides.
#[derive(Debug, Clone)]
pub struct CustomerDiff {
    pub id: String,
    pub from: Side,
    pub to: Side,
    pub status: Status,
    pub documents: Vec<DocumentDiff>,
    pub must_sign_again: Vec<Signer>,
}

impl CustomerDiff {
    /// Changes to what is understood (understanding.yaml, decisions.yaml),
    /// and any edit or removal of a record already in reviews.yaml: a
    /// rewritten outcome or a deleted sign-off is a change, not a record.
    pub fn change_count(&self) -> usize {
        self.documents
            .iter()
            .flat_map(|d| d.changes.iter().map(move |c| (d, c)))
            .filter(|(d, c)| !(d.is_records() && (c.new_records() > 0 || c.path == "schema")))
            .count()
    }

    /// Reviews and sign-offs newly recorded in reviews.yaml: records about
    /// the understanding, not changes in it.
    pub fn record_count(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.is_records())
            .flat_map(|d| &d.changes)
            .map(Change::new_records)
            .sum()
    }
}

impl Change {
    /// How many reviews or sign-offs this change adds: one for an added
    /// entry, each entry of a list added whole, none for an edit or a removal.
    fn new_records(&self) -> usize {
        match &self.kind {
            Kind::Added(Value::Array(entries))
                if self.path == "reviews" || self.path == "signoffs" =>
            {
                entries.len()
            }
            Kind::Added(_)
                if self.path.starts_with("reviews[") || self.path.starts_with("signoffs[") =>
            {
                usize::from(!self.path.contains("]."))
            }
            _ => 0,
        }
    }
}

impl DocumentDiff {
    /// reviews.yaml holds records of reviews and sign-offs.
    pub fn is_records(&self) -> bool {
        self.file.ends_with("/reviews.yaml") || self.file == "reviews.yaml"
    }
}

/// Everything that changed from `old` to `new`.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    walk(old, new, String::new(), &mut changes);
    changes
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(old: &Value, new: &Value, path: String, out: &mut Vec<Change>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, old_value) in a {
                match b.get(key) {
                    Some(new_value) => walk(old_value, new_value, join(&path, key), out),
                    None => out.push(Change {
                        path: join(&path, key),
                        kind: Kind::Removed(old_value.clone()),
                    }),
                }
            }
            for (key, new_value) in b {
                if !a.contains_key(key) {
                    out.push(Change {
                        path: join(&path, key),
                        kind: Kind::Added(new_value.clone()),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => walk_list(a, b, path, out),
        _ if old != new => out.push(Change {
            path,
            kind: Kind::Changed {
                old: old.clone(),
                new: new.clone(),
            },
        }),
        _ => {}
    }
}

/// The key an item of a list is known by: its `id`, else its `name`; a
/// recorded review by its milestone and day, a sign-off by who signed in
/// which role on which day (records have no id, and may be reordered).
fn item_key(item: &Value) -> Option<String> {
    let text = |field: &str| item.get(field).and_then(Value::as_str);
    if let Some(key) = text("id").or_else(|| text("name")) {
        return Some(key.to_owned());
    }
    match (text("milestone"), text("by"), text("role"), text("date")) {
        (Some(milestone), _, _, Some(date)) => Some(format!("{milestone} {date}")),
        (None, Some(by), Some(role), Some(date)) => Some(format!("{by}, {role}, {date}")),
        _ => None,
    }
}

fn walk_list(a: &[Value], b: &[Value], path: String, out: &mut Vec<Change>) {
    // Matched by key only when every item has one and no two share it.
    let keyed = |items: &[Value]| {
        let keys: Vec<Option<String>> = items.iter().map(item_key).collect();
        keys.iter().all(Option::is_some)
            && keys.iter().enumerate().all(|(i, k)| !keys[..i].contains(k))
    };
    if keyed(a) && keyed(b) && !(a.is_empty() && b.is_empty()) {
        for old_item in a {
            let key = item_key(old_item).unwrap_or_default();
            let item_path = format!("{path}[{key}]");
            match b.iter().find(|n| item_key(n).as_ref() == Some(&key)) {
                Some(new_item) => walk(old_item, new_item, item_path, out),
                None => out.push(Change {
                    path: item_path,
                    kind: Kind::Removed(old_item.clone()),
                }),
            }
        }
        for new_item in b {
            let key = item_key(new_item).unwrap_or_default();
            if !a.iter().any(|o| item_key(o).as_ref() == Some(&key)) {
                out.push(Change {
                    path: format!("{path}[{key}]"),
                    kind: Kind::Added(new_item.clone()),
                });
            }
        }
    } else if a.iter().chain(b).all(|v| !v.is_object() && !v.is_array()) {
        // Lists of plain values (names, scope lines): what left and what
        // joined; the order they are written in is not a change.
        let mut remaining: Vec<&Value> = b.iter().collect();
        let mut removed = Vec::new();
        for value in a {
            match remaining.iter().position(|r| *r == value) {
                Some(i) => {
                    remaining.remove(i);
                }
                None => removed.push(value),
            }
        }
        for value in removed {
            out.push(Change {
                path: path.clone(),
                kind: Kind::Removed(value.clone()),
            });
        }
        for value in remaining {
            out.push(Change {
                path: path.clone(),
                kind: Kind::Added(value.clone()),
            });
        }
    } else {
        for i in 0..a.len().max(b.len()) {
            let item_path = format!("{path}[#{}]", i + 1);
            match (a.get(i), b.get(i)) {
                (Some(x), Some(y)) => walk(x, y, item_path, out),
                (Some(x), None) => out.push(Change {
                    path: item_path,
                    kind: Kind::Removed(x.clone()),
                }),
                (None, Some(y)) => out.push(Change {
                    path: item_path,
                    kind: Kind::Added(y.clone()),
                }),
                (None, None) => {}
            }
        }
    }
}

impl Change {
    /// One line for people: `~ path: old → new`, `+ path: value`, `- path: value`.
    pub fn describe(&self) -> String {
        match &self.kind {
            Kind::Added(v) => format!("+ {}: {}", self.path, summary(v)),
            Kind::Removed(v) => format!("- {}: {}", self.path, summary(v)),
            Kind::Changed { old, new } => match self.words() {
                Some(words) => format!(
                    "~ {}: {}",
                    self.path,
                    render_words(&words, ("[-", "-]"), ("{+", "+}"))
                ),
                None => format!("~ {}: {} → {}", self.path, summary(old), summary(new)),
            },
        }
    }

    /// For a change of prose (text of several words on either side), the
    /// word-level diff.
    pub fn words(&self) -> Option<Vec<Words>> {
        let Kind::Changed {
            old: Value::String(old),
            new: Value::String(new),
        } = &self.kind
        else {
            return None;
        };
        if old.split_whitespace().count() < 4 && new.split_whitespace().count() < 4 {
            return None;
        }
        let diff = TextDiff::from_words(old.as_str(), new.as_str());
        let mut words: Vec<Words> = Vec::new();
        for change in diff.iter_all_changes() {
            let text = change.value().to_owned();
            let piece = match change.tag() {
                ChangeTag::Equal => Words::Same(text),
                ChangeTag::Delete => Words::Deleted(text),
                ChangeTag::Insert => Words::Inserted(text),
            };
            // Merge neighbours of the same kind, so a changed phrase reads as one.
            match (words.last_mut(), &piece) {
                (Some(Words::Same(a)), Words::Same(b))
                | (Some(Words::Deleted(a)), Words::Deleted(b))
                | (Some(Words::Inserted(a)), Words::Inserted(b)) => a.push_str(b),
                _ => words.push(piece),
            }
        }
        Some(words)
    }
}

/// Renders a word diff with the given markers around deletions and insertions.
pub fn render_words(words: &[Words], deleted: (&str, &str), inserted: (&str, &str)) -> String {
    words
        .iter()
        .map(|w| match w {
            Words::Same(t) => t.clone(),
            Words::Deleted(t) => format!("{}{}{}", deleted.0, t, deleted.1),
            Words::Inserted(t) => format!("{}{}{}", inserted.0, t, inserted.1),
        })
        .collect()
}

/// A value in a few words: text as it is, an item by what it is about.
pub fn summary(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Object(map) => {
            let about_key = [
                "what",
                "milestone",
                "outcome",
                "decision",
                "title",
                "name",
                "by",
            ]
            .into_iter()
            .find(|k| map.get(*k).is_some_and(Value::is_string));
            let about = about_key.and_then(|k| map.get(k)).and_then(Value::as_str);
            let extra = ["impact", "status", "outcome", "role", "side", "date"]
                .iter()
                .filter(|k| Some(**k) != about_key)
                .filter_map(|k| {
                    map.get(*k)
                        .and_then(Value::as_str)
                        .map(|v| format!("{k} {v}"))
                })
                .collect::<Vec<_>>();
            match (about, extra.is_empty()) {
                (Some(about), true) => about.to_owned(),
                (Some(about), false) => format!("{about} ({})", extra.join(", ")),
                (None, _) => format!("{} fields", map.len()),
            }
        }
        Value::Array(items) => items.iter().map(summary).collect::<Vec<_>>().join(", "),
        Value::Null => "empty".to_owned(),
        other => other.to_string(),
    };
    let short: String = text.chars().take(100).collect();
    if short.len() < text.len() {
        format!("{}…", short.trim_end())
    } else {
        short
    }
}

/// The same document with every list and block emptied: what an added or
/// removed document is compared with, so its items show one by one.
pub fn skeleton(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter_map(|(k, v)| match v {
                    Value::Array(_) => Some((k.clone(), Value::Array(Vec::new()))),
                    Value::Object(_) => Some((k.clone(), skeleton(v))),
                    _ => None,
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// When the signed content changed: whoever signed the earlier version
/// (their latest sign-off carries its fingerprint) must sign again.
pub fn signers_to_renew(
    old: Option<&Value>,
    new: Option<&Value>,
    reviews: Option<&Value>,
) -> Vec<Signer> {
    let (Some(old), Some(new)) = (old, new) else {
        return Vec::new();
    };
    let (before, after) = (Fingerprint::of(old), Fingerprint::of(new));
    if before == after {
        return Vec::new();
    }
    let reviews: Reviews = reviews
        .and_then(|r| serde_json::from_value(r.clone()).ok())
        .unwrap_or_default();
    reviews
        .latest_signoffs()
        .into_iter()
        .filter(|(_, s)| s.fingerprint.as_deref() == Some(before.as_str()))
        .map(|(_, s)| Signer {
            by: s.by.clone(),
            role: s.role.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reordered_records_are_no_change_and_an_edited_one_is() {
        let a = json!({"reviews": [
            {"milestone": "onboarding", "date": "2026-07-03", "outcome": "on_track"},
            {"milestone": "first-value", "date": "2026-09-01", "outcome": "at_risk"}
        ]});
        let b = json!({"reviews": [
            {"milestone": "first-value", "date": "2026-09-01", "outcome": "at_risk"},
            {"milestone": "onboarding", "date": "2026-07-03", "outcome": "on_track"}
        ]});
        assert_eq!(diff(&a, &b), []);
        let mut c = b.clone();
        c["reviews"][0]["outcome"] = json!("on_track");
        let changes = diff(&a, &c);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, "reviews[first-value 2026-09-01].outcome");
    }
    use serde_json::json;

    fn described(old: Value, new: Value) -> Vec<String> {
        diff(&old, &new).iter().map(Change::describe).collect()
    }

    #[test]
    fn a_target_moved() {
        let old = json!({"success_criteria": [{"id": "sc-1", "target": 14}]});
        let new = json!({"success_criteria": [{"id": "sc-1", "target": 21}]});
        assert_eq!(
            described(old, new),
            ["~ success_criteria[sc-1].target: 14 → 21"]
        );
    }

    #[test]
    fn reordering_is_not_a_change() {
        let old = json!({"stakeholders": [{"name": "A", "sentiment": "skeptic"}, {"name": "B"}], "scope": {"out": ["x", "y"]}});
        let new = json!({"stakeholders": [{"name": "B"}, {"name": "A", "sentiment": "skeptic"}], "scope": {"out": ["y", "x"]}});
        assert!(diff(&old, &new).is_empty());
    }

    #[test]
    fn items_added_removed_and_renamed() {
        let old = json!({"risks": [{"id": "r-1", "what": "Budget freeze"}], "commitments": [{"id": "c-1", "what": "SSO"}]});
        let new = json!({"risks": [{"id": "r-2", "what": "Council blocks night shifts", "impact": "high"}], "commitments": []});
        assert_eq!(
            described(old, new),
            [
                "- commitments[c-1]: SSO",
                "- risks[r-1]: Budget freeze",
                "+ risks[r-2]: Council blocks night shifts (impact high)",
            ]
        );
    }

    #[test]
    fn prose_gets_a_word_diff() {
        let old = json!({"problem": "Trucks wait hours at the docks every morning."});
        let new = json!({"problem": "Trucks wait two hours at the Bremen docks every morning."});
        assert_eq!(
            described(old, new),
            ["~ problem: Trucks wait {+two +}hours at the {+Bremen +}docks every morning."]
        );
    }

    #[test]
    fn the_diff_is_reversible() {
        let a = json!({"x": 1, "l": [{"id": "a", "v": "one two three four"}], "s": ["p", "q"]});
        let b = json!({"y": 2, "l": [{"id": "a", "v": "one three four five"}, {"id": "b"}], "s": ["q", "r"]});
        let forward = diff(&a, &b);
        let backward = diff(&b, &a);
        assert_eq!(forward.len(), backward.len());
        for change in &forward {
            let inverse = match &change.kind {
                Kind::Added(v) => Kind::Removed(v.clone()),
                Kind::Removed(v) => Kind::Added(v.clone()),
                Kind::Changed { old, new } => Kind::Changed {
                    old: new.clone(),
                    new: old.clone(),
                },
            };
            assert!(
                backward.contains(&Change {
                    path: change.path.clone(),
                    kind: inverse
                }),
                "{change:?}"
            );
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Documents shaped like cuc's: mappings of text, numbers and booleans,
    /// and lists of items with unique `id`s (matched by id, as in the real
    /// documents) or of plain text.
    fn document() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            "[a-zA-Z0-9 .,-]{0,16}".prop_map(Value::from),
            any::<i16>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 40, 5, |inner| {
            prop_oneof![
                prop::collection::btree_map("[a-z_]{1,6}", inner.clone(), 1..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
                prop::collection::btree_map("[a-c][0-9]", inner.clone(), 0..4).prop_map(|items| {
                    Value::Array(
                        items
                            .into_iter()
                            .map(|(id, v)| serde_json::json!({"id": id, "value": v}))
                            .collect(),
                    )
                }),
                prop::collection::vec("[a-z ]{1,8}".prop_map(Value::from), 0..4)
                    .prop_map(Value::Array),
            ]
        })
        .prop_map(|v| serde_json::json!({ "doc": v }))
    }

    /// A change seen from the other side: added ↔ removed, old ↔ new.
    fn inverse(change: &Change) -> Change {
        let kind = match &change.kind {
            Kind::Added(v) => Kind::Removed(v.clone()),
            Kind::Removed(v) => Kind::Added(v.clone()),
            Kind::Changed { old, new } => Kind::Changed {
                old: new.clone(),
                new: old.clone(),
            },
        };
        Change {
            path: change.path.clone(),
            kind,
        }
    }

    /// Changes keyed by path, so order does not matter.
    fn by_path(changes: Vec<Change>) -> BTreeMap<String, Vec<String>> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in changes {
            map.entry(c.path.clone())
                .or_default()
                .push(format!("{:?}", c.kind));
        }
        for list in map.values_mut() {
            list.sort();
        }
        map
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_document_compared_with_itself_has_no_changes(value in document()) {
            prop_assert!(diff(&value, &value).is_empty());
        }

        #[test]
        fn the_diff_backwards_is_the_inverse_of_the_diff_forwards(a in document(), b in document()) {
            let forwards: Vec<Change> = diff(&a, &b).iter().map(inverse).collect();
            prop_assert_eq!(by_path(forwards), by_path(diff(&b, &a)));
        }

        #[test]
        fn a_diff_is_empty_exactly_when_the_documents_are_equal(a in document(), b in document()) {
            prop_assert_eq!(diff(&a, &b).is_empty(), a == b);
        }
    }
}
