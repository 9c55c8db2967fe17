//! Who the page is for. The customer's page leaves out what is ours to
//! know (a stakeholder's sentiment, who might block, what would make them
//! quit, a promise product has not confirmed) and everything marked
//! `visibility: internal`; the internal page shows it all, marked.
//!
//! The customer's page is built from a copy of the documents with all of
//! that taken out first (`redact`), so nothing hidden can reach it by any
//! road: not the HTML, the Markdown, the PDF, nor the list of what changed
//! since a sponsor signed.

use serde_json::{Map, Value};

/// Which page: the one the customer reads, or ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Audience {
    #[default]
    Customer,
    Internal,
}

/// What the customer's page leaves out unless `render.customer.hide` in
/// cuc.yaml says otherwise.
pub const DEFAULT_HIDE: [&str; 7] = [
    "stakeholders.sentiment",
    "stakeholders.last_contact",
    "stakeholders.roles.potential_blocker",
    "stakeholders.roles.influencer",
    "risks.pull_the_plug",
    "commitments.confirmed_with_product",
    "decisions.context",
];

/// The list in force: sections (`risks`) and fields (`risks.mitigation`,
/// `stakeholders.roles.influencer`, `customer.contract.arr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hide {
    paths: Vec<String>,
}

impl Default for Hide {
    fn default() -> Self {
        Hide {
            paths: DEFAULT_HIDE.iter().map(|p| (*p).to_owned()).collect(),
        }
    }
}

impl Hide {
    /// The workspace's list, or cuc's when it has none.
    pub fn of(configured: Option<&[String]>) -> Hide {
        match configured {
            Some(paths) => Hide {
                paths: paths.to_vec(),
            },
            None => Hide::default(),
        }
    }

    /// The list with `paths` added (the workspace's internal fields, which
    /// the customer's page never shows, whatever the list says).
    pub fn and(mut self, paths: impl IntoIterator<Item = String>) -> Hide {
        for path in paths {
            if !self.paths.contains(&path) {
                self.paths.push(path);
            }
        }
        self
    }

    /// Whether the customer's page leaves out `path` (or what holds it:
    /// hiding `customer.contract` hides `customer.contract.arr`).
    pub fn hides(&self, path: &str) -> bool {
        self.paths.iter().any(|p| {
            path == p
                || path
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }
}

/// `visibility: internal` on an item or a section.
pub fn is_internal(value: &Value) -> bool {
    value.get("visibility").and_then(Value::as_str) == Some("internal")
}

/// The lists of items in understanding.yaml, by section.
const ITEM_LISTS: [&str; 5] = [
    "success_criteria",
    "stakeholders",
    "risks",
    "commitments",
    "milestones",
];

/// The sections that are one object of fields (or of lists of texts).
const OBJECT_SECTIONS: [&str; 5] = [
    "customer",
    "business_context",
    "constraints",
    "scope",
    "handover",
];

/// The names of the people the customer's page leaves out: those marked
/// internal (and our own, when `stakeholders.vendor` is hidden). Where a
/// shared part names them, the name is left out too.
pub fn hidden_names(understanding: &Value, hide: &Hide) -> Vec<String> {
    let vendor_hidden = hide.hides("stakeholders.vendor") || hide.hides("stakeholders");
    understanding
        .get("stakeholders")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|s| {
            is_internal(s)
                || vendor_hidden && s.get("side").and_then(Value::as_str) != Some("customer")
                || hide.hides("stakeholders")
        })
        .filter_map(|s| s.get("name")?.as_str().map(str::to_owned))
        .collect()
}

/// Takes the hidden people's names out of the fields that name people.
fn scrub_names(value: &mut Value, section: &str, fields: &[&str], names: &[String]) {
    let Some(items) = value.get_mut(section).and_then(Value::as_array_mut) else {
        return;
    };
    let hidden = |v: &Value| v.as_str().is_some_and(|n| names.iter().any(|h| h == n));
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        for field in fields {
            match item.get_mut(*field) {
                Some(Value::Array(list)) => list.retain(|v| !hidden(v)),
                Some(v) if hidden(v) => {
                    item.remove(*field);
                }
                _ => {}
            }
        }
    }
}

/// understanding.yaml as the customer's page may show it.
pub fn redact_understanding(value: &Value, hide: &Hide) -> Value {
    let names = hidden_names(value, hide);
    let mut shown = redact_sections(value, hide);
    scrub_people(&mut shown, &names);
    shown
}

/// Takes hidden people out of every field of understanding.yaml that names people.
fn scrub_people(understanding: &mut Value, names: &[String]) {
    scrub_names(understanding, "risks", &["owner"], names);
    scrub_names(understanding, "success_criteria", &["agreed_by"], names);
    scrub_names(understanding, "commitments", &["promised_by"], names);
}

/// An earlier version as the customer's page may tell its changes: what
/// is hidden now is hidden then too (an item or a section marked internal
/// since, a person marked internal since), so a change never names it.
pub fn redact_earlier(old: &Value, current: &Value, hide: &Hide) -> Value {
    let mut names = hidden_names(current, hide);
    names.extend(hidden_names(old, hide));
    let mut old = old.clone();
    if let Some(root) = old.as_object_mut() {
        for section in ITEM_LISTS {
            let internal_now: Vec<String> = current
                .get(section)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|i| is_internal(i))
                .filter_map(item_key)
                .collect();
            if let Some(Value::Array(items)) = root.get_mut(section) {
                items.retain(|i| item_key(i).is_none_or(|k| !internal_now.contains(&k)));
            }
        }
        for section in OBJECT_SECTIONS {
            if current.get(section).is_some_and(is_internal) {
                root.remove(section);
            }
        }
    }
    let mut shown = redact_sections(&old, hide);
    if let Some(Value::Array(people)) = shown.get_mut("stakeholders") {
        people.retain(|p| {
            p.get("name")
                .and_then(Value::as_str)
                .is_none_or(|n| !names.iter().any(|h| h == n))
        });
    }
    scrub_people(&mut shown, &names);
    shown
}

/// An item's id, or a person's name.
fn item_key(item: &Value) -> Option<String> {
    item.get("id")
        .or_else(|| item.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn redact_sections(value: &Value, hide: &Hide) -> Value {
    let Some(root) = value.as_object() else {
        return value.clone();
    };
    let mut out = Map::new();
    for (key, section) in root {
        if hide.hides(key) {
            continue;
        }
        if ITEM_LISTS.contains(&key.as_str()) {
            out.insert(key.clone(), redact_items(section, key, hide));
        } else if OBJECT_SECTIONS.contains(&key.as_str()) {
            if is_internal(section) {
                continue;
            }
            out.insert(key.clone(), redact_object(section, key, hide));
        } else {
            out.insert(key.clone(), section.clone());
        }
    }
    // The fields the typed document requires stay, whatever was hidden: a
    // page without them is still a page (hiding `business_context` leaves
    // an empty one, which shows nothing).
    for required in ["customer", "review"] {
        if let Some(kept) = root.get(required)
            && !out.contains_key(required)
        {
            out.insert(required.to_owned(), kept.clone());
        }
    }
    Value::Object(out)
}

/// decisions.yaml as the customer's page may show it; `names` are the
/// people it leaves out (`hidden_names`).
pub fn redact_decisions(value: &Value, hide: &Hide, names: &[String]) -> Value {
    let mut value = value.clone();
    if let Some(list) = value.get_mut("decisions") {
        *list = if hide.hides("decisions") {
            Value::Array(Vec::new())
        } else {
            redact_items(list, "decisions", hide)
        };
    }
    scrub_names(
        &mut value,
        "decisions",
        &["owner", "to", "consulted"],
        names,
    );
    value
}

/// A list of items without those marked internal, and without the hidden
/// fields of each.
fn redact_items(list: &Value, section: &str, hide: &Hide) -> Value {
    let Some(items) = list.as_array() else {
        return list.clone();
    };
    let vendor_hidden = section == "stakeholders" && hide.hides("stakeholders.vendor");
    Value::Array(
        items
            .iter()
            .filter(|item| !is_internal(item))
            .filter(|item| {
                !vendor_hidden || item.get("side").and_then(Value::as_str) == Some("customer")
            })
            .map(|item| redact_object(item, section, hide))
            .collect(),
    )
}

/// An object without its hidden fields; lists of texts without the items
/// marked internal; roles without the hidden ones.
fn redact_object(object: &Value, path: &str, hide: &Hide) -> Value {
    let Some(fields) = object.as_object() else {
        return object.clone();
    };
    let mut out = Map::new();
    for (key, field) in fields {
        let here = format!("{path}.{key}");
        // A promise product has not confirmed is still "to be confirmed"
        // on the customer's page: the `false` stays, whose it is does not.
        if here == "commitments.confirmed_with_product" && field == &Value::Bool(false) {
            out.insert(key.clone(), field.clone());
            continue;
        }
        if key == "visibility" || hide.hides(&here) {
            continue;
        }
        let kept = match field {
            Value::Object(_) => {
                if is_internal(field) {
                    continue;
                }
                redact_object(field, &here, hide)
            }
            Value::Array(items) if key == "roles" => Value::Array(
                items
                    .iter()
                    .filter(|role| {
                        role.as_str()
                            .is_none_or(|role| !hide.hides(&format!("{here}.{role}")))
                    })
                    .cloned()
                    .collect(),
            ),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .filter(|item| !is_internal(item))
                    .map(|item| match item {
                        Value::Object(_) => redact_object(item, &here, hide),
                        other => other.clone(),
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        out.insert(key.clone(), kept);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_default_list_hides_our_judgements_and_keeps_the_people() {
        let doc = json!({
            "customer": {"name": "K", "team": {"cs": "a@b.example"}},
            "review": {"cadence": "90d"},
            "stakeholders": [
                {"name": "Ines", "side": "customer", "roles": ["potential_blocker", "end_user"],
                 "sentiment": "skeptic", "last_contact": "2026-01-01"},
                {"name": "Secret", "side": "customer", "visibility": "internal"}
            ],
            "risks": [{"id": "r-1", "what": "Churn", "pull_the_plug": "They quit", "mitigation": "Call"}],
            "constraints": {"political": ["Council", {"text": "Feud", "visibility": "internal"}]},
            "scope": {"visibility": "internal", "in": ["x"]}
        });
        let shown = redact_understanding(&doc, &Hide::default());
        assert_eq!(
            shown,
            json!({
                "customer": {"name": "K", "team": {"cs": "a@b.example"}},
                "review": {"cadence": "90d"},
                "stakeholders": [{"name": "Ines", "side": "customer", "roles": ["end_user"]}],
                "risks": [{"id": "r-1", "what": "Churn", "mitigation": "Call"}],
                "constraints": {"political": ["Council"]}
            })
        );
    }

    #[test]
    fn a_workspace_list_replaces_the_default_and_hides_what_it_names() {
        let hide = Hide::of(Some(&[
            "customer.contract.arr".to_owned(),
            "risks".to_owned(),
        ]));
        assert!(hide.hides("risks.mitigation"));
        assert!(!hide.hides("stakeholders.sentiment"));
        assert!(!hide.hides("risksx"));
        let doc = json!({
            "customer": {"name": "K", "contract": {"arr": 5, "renewal": "2027-01-01"}},
            "risks": [{"id": "r-1", "what": "x"}],
            "stakeholders": [{"name": "A", "sentiment": "skeptic"}]
        });
        assert_eq!(
            redact_understanding(&doc, &hide),
            json!({
                "customer": {"name": "K", "contract": {"renewal": "2027-01-01"}},
                "stakeholders": [{"name": "A", "sentiment": "skeptic"}]
            })
        );
    }

    #[test]
    fn a_hidden_person_is_not_named_by_what_is_shared() {
        let doc = json!({
            "stakeholders": [{"name": "Ines", "side": "customer"},
                             {"name": "Secret", "side": "customer", "visibility": "internal"}],
            "risks": [{"id": "r-1", "what": "x", "owner": "Secret"}],
            "success_criteria": [{"id": "sc-1", "outcome": "y", "agreed_by": ["Ines", "Secret"]}]
        });
        let hide = Hide::default();
        assert_eq!(hidden_names(&doc, &hide), ["Secret"]);
        assert_eq!(
            redact_understanding(&doc, &hide),
            json!({
                "stakeholders": [{"name": "Ines", "side": "customer"}],
                "risks": [{"id": "r-1", "what": "x"}],
                "success_criteria": [{"id": "sc-1", "outcome": "y", "agreed_by": ["Ines"]}]
            })
        );
        let decisions = json!({"decisions": [{"id": "d-1", "decision": "z", "owner": "Secret", "to": ["Ines", "Secret"]}]});
        assert_eq!(
            redact_decisions(&decisions, &hide, &["Secret".to_owned()]),
            json!({"decisions": [{"id": "d-1", "decision": "z", "to": ["Ines"]}]})
        );
    }

    #[test]
    fn decisions_lose_their_context_and_internal_ones() {
        let doc = json!({"decisions": [
            {"id": "d-1", "decision": "Go", "context": "Politics", "options": ["a"]},
            {"id": "d-2", "decision": "No", "visibility": "internal"}
        ]});
        assert_eq!(
            redact_decisions(&doc, &Hide::default(), &[]),
            json!({"decisions": [{"id": "d-1", "decision": "Go", "options": ["a"]}]})
        );
    }
}
