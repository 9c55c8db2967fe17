//! What changed since a sponsor signed, in the words of the page: the
//! semantic diff (`compare::diff`) of the version they signed and the one
//! shown, each change said as a sentence about what it names ("Trucks get
//! a dock soon: target 45 → 40 minutes"), the most important first.
//!
//! Both versions are given as the page may show them (for the customer,
//! already without what they may not see), so no change to a hidden field
//! is ever told.

use serde_json::Value;

use crate::compare::{self, Change, Kind};
use crate::model::fields::{Field, Section};
use crate::workspace::config::Locale;

/// How many changes the page lists before "+N more".
pub const SHOWN: usize = 5;

/// The changes from `old` to `new`, the most important first: at most
/// `SHOWN` sentences and how many more there are.
/// `shown` are the workspace's own fields the page shows: a change to one
/// of the customer's or the business context's is told by its label.
pub fn since(old: &Value, new: &Value, locale: Locale, shown: &[Field]) -> (Vec<String>, usize) {
    let (old, new) = (plain_texts(old), plain_texts(new));
    let mut told: Vec<(u8, String)> = compare::diff(&old, &new)
        .iter()
        .filter_map(|c| tell(c, &old, &new, locale, shown))
        .collect();
    // Several changes can read the same ("Scope: …" twice): tell it once.
    let mut seen = std::collections::HashSet::new();
    told.retain(|(_, text)| seen.insert(text.clone()));
    told.sort_by_key(|(rank, _)| *rank);
    let more = told.len().saturating_sub(SHOWN);
    (told.into_iter().take(SHOWN).map(|(_, t)| t).collect(), more)
}

/// `{text, visibility}` items as their text: how an item is written is
/// not a change to the reader.
fn plain_texts(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(text)), true) = (
                map.get("text"),
                map.keys().all(|k| k == "text" || k == "visibility"),
            ) {
                return Value::String(text.clone());
            }
            Value::Object(
                map.iter()
                    .filter(|(k, _)| k.as_str() != "visibility")
                    .map(|(k, v)| (k.clone(), plain_texts(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(plain_texts).collect()),
        other => other.clone(),
    }
}

/// A section of understanding.yaml: what one item is called, how
/// important a change to it is (0 first), and where its text is.
fn section(name: &str) -> Option<(&'static str, u8, &'static str)> {
    Some(match name {
        "success_criteria" => ("success criterion", 0, "outcome"),
        "commitments" => ("promise", 1, "what"),
        "scope" => ("scope", 1, ""),
        "milestones" => ("milestone", 2, "id"),
        "risks" => ("risk", 2, "what"),
        "stakeholders" => ("person", 3, "name"),
        "constraints" => ("constraint", 3, ""),
        "customer" => ("contract", 2, ""),
        "business_context" => ("why they bought", 4, ""),
        _ => return None,
    })
}

/// A field in the reader's words.
fn field_words(field: &str) -> String {
    match field {
        "by" => "due by".to_owned(),
        "current" => "now".to_owned(),
        "agreed_by" => "agreed by".to_owned(),
        "non_negotiable" => "non-negotiable".to_owned(),
        "definition_of_success" => "what success means to them".to_owned(),
        "what" | "outcome" => "wording".to_owned(),
        "metric" => "how it is measured".to_owned(),
        "in" => "in scope".to_owned(),
        "out" => "not in scope".to_owned(),
        "contract.arr" => "ARR".to_owned(),
        "contract.renewal" => "renewal date".to_owned(),
        "contract.start" => "start date".to_owned(),
        "contract.signed" => "contract signed".to_owned(),
        "why_it_matters" => "why it matters now".to_owned(),
        "at_stake" => "what is at stake".to_owned(),
        "success_looks_like" => "success looks like".to_owned(),
        "confirmed_with_product" => "confirmation".to_owned(),
        "pull_the_plug" => "what would make them quit".to_owned(),
        other => other.replace(['_', '.'], " "),
    }
}

/// A value in a few words, numbers as the page writes them.
fn value_words(value: &Value, unit: Option<&str>, locale: Locale) -> String {
    let text = match value {
        Value::Number(n) => super::numbers::number(n, locale),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Null => "nothing".to_owned(),
        Value::String(s) => s.replace('_', " "),
        other => compare::summary(other),
    };
    let text = short(&text, 70);
    match (value, unit) {
        (Value::Number(_), Some(unit)) => format!("{text} {unit}"),
        _ => text,
    }
}

fn short(text: &str, limit: usize) -> String {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::page::shorten(&mut text, limit);
    text
}

/// The item a path names, in the old or the new version.
fn item<'a>(doc: &'a Value, section: &str, key: &str) -> Option<&'a Value> {
    doc.get(section)?.as_array()?.iter().find(|i| {
        i.get("id").and_then(Value::as_str) == Some(key)
            || i.get("name").and_then(Value::as_str) == Some(key)
    })
}

/// One change as a sentence, with its rank; `None` for what the reader
/// has no use for (how the review is set up, the handover).
fn tell(
    change: &Change,
    old: &Value,
    new: &Value,
    locale: Locale,
    shown: &[Field],
) -> Option<(u8, String)> {
    let path = change.path.as_str();
    let head_end = path.find(['.', '[']).unwrap_or(path.len());
    let head = &path[..head_end];
    let (noun, rank, about) = section(head)?;
    let rest = &path[head_end..];
    // An item of a list: `[key]` and maybe `.field`.
    if let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        let key = &inner[..close];
        let field = inner[close + 1..].strip_prefix('.');
        let either = item(new, head, key).or_else(|| item(old, head, key));
        let name = either
            .and_then(|i| i.get(about))
            .and_then(Value::as_str)
            .map(|s| short(s, 60))
            .unwrap_or_else(|| key.to_owned());
        let name = if head == "milestones" {
            either
                .map(|m| milestone_title(m, key))
                .unwrap_or_else(|| key.to_owned())
        } else {
            name
        };
        let unit = either.and_then(|i| i.get("unit")).and_then(Value::as_str);
        let sentence = match (&change.kind, field) {
            (Kind::Added(_), None) => format!("New {noun}: {name}"),
            (Kind::Removed(_), None) => format!("No longer listed, {noun}: {name}"),
            (_, Some(field)) if field.starts_with("roles") => {
                return Some((rank + 2, format!("{name}: roles changed")));
            }
            (kind, Some(field)) => {
                let field = field.split(['.', '[']).next().unwrap_or(field);
                let rank = match field {
                    "target" | "by" | "due" | "metric" | "outcome" | "what" => rank,
                    _ => rank + 2,
                };
                return Some((rank, field_sentence(&name, field, kind, unit, locale)));
            }
            _ => return None,
        };
        return Some((rank, sentence));
    }
    let field = rest.strip_prefix('.').unwrap_or(rest);
    // The workspace's own fields of the customer and its business context
    // that the page shows, by their label on the page.
    let section = match head {
        "customer" => Some(Section::Customer),
        "business_context" => Some(Section::BusinessContext),
        _ => None,
    };
    let own = shown.iter().find(|f| {
        Some(f.section) == section
            && (field == f.name || field.starts_with(&format!("{}[", f.name)))
    });
    if let Some(own) = own {
        let label = own.label();
        let sentence = match &change.kind {
            Kind::Changed { old, new } if field == own.name => format!(
                "{label}: {} → {}",
                value_words(old, None, locale),
                value_words(new, None, locale)
            ),
            Kind::Added(v) if field == own.name => {
                format!("{label}: {}", value_words(v, None, locale))
            }
            Kind::Removed(_) if field == own.name => format!("{label}: no longer given"),
            _ => format!("{label}: changed"),
        };
        return Some((rank, sentence));
    }
    if head == "customer" && !field.starts_with("contract.") {
        return None;
    }
    // Only what the page shows is told, each part by its name on the page.
    if head == "business_context" {
        let shown = [
            "problem",
            "why_it_matters",
            "at_stake",
            "success_looks_like",
            "strategy",
        ];
        if field.starts_with("initiatives") {
            return Some((rank, "Their initiatives: changed".to_owned()));
        }
        if !shown.contains(&field) {
            return None;
        }
    }
    if field.is_empty() || !field.contains(|c: char| c.is_alphanumeric()) {
        let name = match head {
            "constraints" => "What they work within",
            "scope" => "Scope",
            "business_context" => "Why they bought",
            _ => return None,
        };
        return Some((rank, format!("{name}: changed")));
    }
    let label = match head {
        "scope" | "customer" => field_words(field),
        "constraints" => format!("{} constraints", field_words(field)),
        _ if field.is_empty() => noun.to_owned(),
        _ => field_words(field),
    };
    let label = capitalised(&label);
    let sentence = match &change.kind {
        Kind::Added(Value::String(s)) if matches!(head, "scope" | "constraints") => {
            format!("{label}, added: {}", short(s, 80))
        }
        Kind::Removed(Value::String(s)) if matches!(head, "scope" | "constraints") => {
            format!("{label}, removed: {}", short(s, 80))
        }
        Kind::Changed {
            old: Value::String(_),
            new: Value::String(_),
        } if head == "business_context" => format!("{label}: reworded"),
        Kind::Changed { old, new } => format!(
            "{label}: {} → {}",
            value_words(old, None, locale),
            value_words(new, None, locale)
        ),
        Kind::Added(v) => format!("{label}: {}", value_words(v, None, locale)),
        Kind::Removed(_) => format!("{label}: no longer given"),
    };
    Some((rank, sentence))
}

fn field_sentence(
    name: &str,
    field: &str,
    kind: &Kind,
    unit: Option<&str>,
    locale: Locale,
) -> String {
    let words = field_words(field);
    match kind {
        Kind::Removed(Value::Bool(false))
        | Kind::Changed {
            new: Value::Bool(true),
            ..
        } if field == "confirmed_with_product" => {
            format!("{name}: now confirmed")
        }
        Kind::Added(Value::Bool(false))
        | Kind::Changed {
            new: Value::Bool(false),
            ..
        } if field == "confirmed_with_product" => {
            format!("{name}: to be confirmed")
        }
        Kind::Changed {
            old: Value::String(_),
            new: Value::String(_),
        } if matches!(
            field,
            "what" | "outcome" | "metric" | "success" | "definition_of_success" | "mitigation"
        ) =>
        {
            format!("{name}: {words} reworded")
        }
        Kind::Changed { old, new } => format!(
            "{name}: {words} {} → {}",
            value_words(old, unit, locale),
            value_words(new, unit, locale)
        ),
        Kind::Added(v) => format!("{name}: {words} {}", value_words(v, unit, locale)),
        Kind::Removed(v) if v.is_string() && field == "agreed_by" => {
            format!(
                "{name}: no longer agreed by {}",
                value_words(v, None, locale)
            )
        }
        Kind::Removed(_) => format!("{name}: {words} no longer given"),
    }
}

fn milestone_title(m: &Value, key: &str) -> String {
    let milestone = crate::model::Milestone {
        id: key.to_owned(),
        kind: m.get("kind").and_then(Value::as_str).map(str::to_owned),
        ..Default::default()
    };
    super::fit::milestone_name(&milestone)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_read_as_sentences_the_most_important_first() {
        let old = json!({
            "success_criteria": [{"id": "sc-1", "outcome": "Trucks get a dock soon", "target": 45, "unit": "minutes"}],
            "risks": [{"id": "r-1", "what": "Carriers keep phoning", "impact": "medium"}],
            "scope": {"out": ["Route planning"]},
            "customer": {"name": "K", "contract": {"arr": 96000}}
        });
        let new = json!({
            "success_criteria": [{"id": "sc-1", "outcome": "Trucks get a dock soon", "target": 40, "unit": "minutes"},
                                 {"id": "sc-2", "outcome": "Fewer detention fees"}],
            "risks": [{"id": "r-1", "what": "Carriers keep phoning", "impact": "high"}],
            "scope": {"out": ["Route planning", {"text": "The cold store", "visibility": "shared"}]},
            "customer": {"name": "K", "contract": {"arr": 120000}}
        });
        let (told, more) = since(&old, &new, Locale::En, &[]);
        assert_eq!(
            told,
            [
                "Trucks get a dock soon: target 45 minutes → 40 minutes",
                "New success criterion: Fewer detention fees",
                "Not in scope, added: The cold store",
                "ARR: 96,000 → 120,000",
                "Carriers keep phoning: impact medium → high",
            ]
        );
        assert_eq!(more, 0);
    }

    #[test]
    fn past_five_the_rest_are_counted() {
        let old = json!({"risks": []});
        let risks: Vec<Value> = (1..=8)
            .map(|k| json!({"id": format!("r-{k}"), "what": format!("Risk {k}")}))
            .collect();
        let (told, more) = since(&old, &json!({"risks": risks}), Locale::En, &[]);
        assert_eq!(told.len(), 5);
        assert_eq!(more, 3);
    }
}
