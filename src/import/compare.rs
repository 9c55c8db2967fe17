//! The customers already in the workspace, and what the CRM says about
//! one that its documents do not.

use rayon::prelude::*;
use serde_json::Value;

use super::Difference;
use super::build::contract;
use super::map::Mapping;
use super::read::{Account, Person, amount};
use crate::load::load_yaml;
use crate::workspace::Workspace;

/// A customer already in the workspace, as far as its understanding.yaml
/// can be read.
pub(super) struct Known {
    pub(super) id: String,
    pub(super) crm_id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) document: Value,
}

pub(super) fn known_customers(workspace: &Workspace) -> Vec<Known> {
    let Ok(dirs) = workspace.customer_dirs() else {
        return Vec::new();
    };
    dirs.par_iter()
        .map(|(id, dir)| {
            let file = format!("customers/{id}/understanding.yaml");
            let document = load_yaml(
                &dir.join("understanding.yaml"),
                &file,
                workspace.config.limits,
            )
            .map(|parsed| parsed.root.to_json())
            .unwrap_or(Value::Null);
            let text = |pointer: &str| {
                document
                    .pointer(pointer)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            // A document cuc cannot read (a YAML mistake, too large) still
            // names its account on its `crm_id:` line, as the import wrote it.
            let crm_id = text("/customer/crm_id").or_else(|| {
                if !document.is_null() {
                    return None;
                }
                let bytes = std::fs::read(dir.join("understanding.yaml")).ok()?;
                String::from_utf8_lossy(&bytes).lines().find_map(|line| {
                    let value = line.strip_prefix("  crm_id:")?;
                    let value = value.split(" #").next()?.trim().trim_matches(['"', '\'']);
                    (!value.is_empty()).then(|| value.to_owned())
                })
            });
            Known {
                id: id.clone(),
                crm_id,
                name: text("/customer/name"),
                document,
            }
        })
        .collect()
}

/// What the CRM says about an account that its customer's documents do not.
pub(super) fn differences(
    account: &Account,
    people: &[Person],
    known: &Known,
    mapping: &Mapping,
) -> Vec<Difference> {
    let doc = &known.document;
    let mut out = Vec::new();
    let c = contract(account, mapping);
    let text_at = |p: &str| doc.pointer(p).cloned().unwrap_or(Value::Null);
    if let Some(arr) = c.arr.as_ref().and_then(|a| amount(&a.text)) {
        let crm: Value = serde_json::from_str(arr.as_str()).unwrap_or(Value::Null);
        let documents = text_at("/customer/contract/arr");
        if crm.as_f64() != documents.as_f64() {
            out.push(Difference::Field {
                field: "arr",
                crm,
                documents,
            });
        }
    }
    let mut compare = |field: &'static str, crm: Option<String>, pointer: &str| {
        if let Some(crm) = crm {
            let documents = text_at(pointer);
            if !documents
                .as_str()
                .is_some_and(|d| d.trim().eq_ignore_ascii_case(crm.trim()))
            {
                out.push(Difference::Field {
                    field,
                    crm: Value::from(crm),
                    documents,
                });
            }
        }
    };
    compare(
        "currency",
        c.currency.as_ref().map(|c| c.text.clone()),
        "/customer/contract/currency",
    );
    compare(
        "renewal",
        c.renewal.as_ref().map(|r| r.0.to_string()),
        "/customer/contract/renewal",
    );
    compare(
        "cs",
        account.cs.as_ref().map(|c| c.text.clone()),
        "/customer/team/cs",
    );
    compare(
        "sales",
        account.sales.as_ref().map(|c| c.text.clone()),
        "/customer/team/sales",
    );
    let stakeholders: Vec<&Value> = doc
        .pointer("/stakeholders")
        .and_then(Value::as_array)
        .map(|s| s.iter().collect())
        .unwrap_or_default();
    let has = |s: &Value, key: &str, value: &str| {
        s.get(key)
            .and_then(Value::as_str)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value.trim()))
    };
    for member in &account.members {
        let p = &people[member.person];
        let known = stakeholders.iter().any(|s| {
            p.crm_id.as_deref().is_some_and(|id| has(s, "crm_id", id))
                || p.email.as_ref().is_some_and(|e| has(s, "email", &e.text))
                || has(s, "name", &p.name)
        });
        if !known {
            out.push(Difference::NewContact {
                name: p.name.clone(),
                email: p.email.as_ref().map(|e| e.text.clone()),
                crm_id: p.crm_id.clone(),
            });
        }
    }
    out
}
