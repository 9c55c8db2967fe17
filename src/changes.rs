//! A plain field-level comparison of two versions of a document: every leaf
//! value that was added, removed or changed. List items with an `id` (or a
//! `name`) are matched by it, so reordering a list is not a change.

use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        path: String,
        new: String,
    },
    Removed {
        path: String,
        old: String,
    },
    Changed {
        path: String,
        old: String,
        new: String,
    },
}

impl Change {
    pub fn describe(&self) -> String {
        match self {
            Change::Added { path, new } => format!("+ {path}: {new}"),
            Change::Removed { path, old } => format!("- {path}: {old}"),
            Change::Changed { path, old, new } => format!("~ {path}: {old} → {new}"),
        }
    }
}

/// What changed from `old` to `new`, in document order of the paths.
pub fn compare(old: &Value, new: &Value) -> Vec<Change> {
    let mut before = BTreeMap::new();
    let mut after = BTreeMap::new();
    flatten(old, String::new(), &mut before);
    flatten(new, String::new(), &mut after);
    let mut changes = Vec::new();
    for (path, old) in &before {
        match after.get(path) {
            None => changes.push(Change::Removed {
                path: path.clone(),
                old: old.clone(),
            }),
            Some(new) if new != old => changes.push(Change::Changed {
                path: path.clone(),
                old: old.clone(),
                new: new.clone(),
            }),
            Some(_) => {}
        }
    }
    for (path, new) in &after {
        if !before.contains_key(path) {
            changes.push(Change::Added {
                path: path.clone(),
                new: new.clone(),
            });
        }
    }
    changes.sort_by(|a, b| path_of(a).cmp(path_of(b)));
    changes
}

pub fn path_of(change: &Change) -> &str {
    match change {
        Change::Added { path, .. }
        | Change::Removed { path, .. }
        | Change::Changed { path, .. } => path,
    }
}

fn flatten(value: &Value, path: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(child, child_path, out);
            }
        }
        Value::Array(items) if items.iter().all(|i| item_key(i).is_some()) && !items.is_empty() => {
            for item in items {
                let key = item_key(item).unwrap_or_default();
                flatten(item, format!("{path}[{key}]"), out);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            out.insert(path, items.iter().map(short).collect::<Vec<_>>().join(", "));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(item, format!("{path}[#{}]", i + 1), out);
            }
        }
        other => {
            out.insert(path, short(other));
        }
    }
}

fn item_key(item: &Value) -> Option<String> {
    item.get("id")
        .or_else(|| item.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let cut: String = text.chars().take(70).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reordering_is_not_a_change_and_values_are_compared() {
        let old = json!({"risks": [{"id": "r1", "impact": "low"}, {"id": "r2", "impact": "high"}]});
        let new =
            json!({"risks": [{"id": "r2", "impact": "high"}, {"id": "r1", "impact": "medium"}]});
        assert_eq!(
            compare(&old, &new),
            [Change::Changed {
                path: "risks[r1].impact".into(),
                old: "low".into(),
                new: "medium".into()
            }]
        );
    }

    #[test]
    fn additions_and_removals() {
        let old = json!({"a": 1, "scope": {"out": ["x"]}});
        let new = json!({"b": 2, "scope": {"out": ["x", "y"]}});
        let described: Vec<String> = compare(&old, &new).iter().map(Change::describe).collect();
        assert_eq!(described, ["- a: 1", "+ b: 2", "~ scope.out: x → x, y"]);
    }
}
