//! `cuc import`: customers from a CRM's CSV exports. The export is read
//! whole through a mapping (`map`), one customer is made per account with
//! what the CRM knows (name, segment, team, contract, stakeholders, the
//! workspace's own fields) and TODO for what only people can write, and each
//! document is checked against the workspace's schemas before anything is
//! written. A customer already in the workspace is never touched: what the
//! CRM says that its documents do not is reported instead.

pub mod map;
pub mod sheet;

mod build;
mod compare;
mod read;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

use crate::workspace::Workspace;
use compare::{Known, differences, known_customers};
use map::{Mapping, System};
use read::read;
pub use read::{Origin, Read};
use sheet::Problem;

/// What the import does: the customers it creates, those already here and
/// what the CRM says about them that their documents do not.
pub struct Plan {
    pub system: System,
    pub read: Read,
    pub created: Vec<Created>,
    pub renamed: Vec<Renamed>,
    pub existing: Vec<Existing>,
    /// What was read but left out, and why.
    pub notes: Vec<String>,
}

/// A customer the import creates.
pub struct Created {
    pub id: String,
    pub name: String,
    pub crm_id: String,
    pub stakeholders: usize,
    /// As written in the document (`120000`).
    pub arr: Option<String>,
    pub currency: Option<String>,
    pub renewal: Option<String>,
    pub cs: String,
    pub sales: Option<String>,
    /// understanding.yaml.
    pub text: String,
}

/// An id that is not the plain slug of the account's name, and why.
pub struct Renamed {
    pub id: String,
    pub wanted: String,
    pub name: String,
    pub crm_id: String,
    /// `customers/acme` when the slug is taken by a customer already here;
    /// `None` when another account of this import has the same slug.
    pub taken_by: Option<String>,
}

/// A customer already in the workspace for one of the accounts.
pub struct Existing {
    pub id: String,
    pub name: String,
    pub crm_id: String,
    /// `crm_id`; `name` for a customer without a CRM id whose folder and
    /// name are the account's; `folder` for the folder the account's name
    /// makes, when its understanding.yaml cannot be read.
    pub matched_by: &'static str,
    /// False when its understanding.yaml cannot be read: nothing was compared.
    pub readable: bool,
    pub differences: Vec<Difference>,
}

/// Something the CRM says that the documents do not.
pub enum Difference {
    /// A field of the customer: `arr`, `currency`, `renewal`, `cs`, `sales`;
    /// the CRM's value and the documents' (if any).
    Field {
        field: &'static str,
        crm: Value,
        documents: Value,
    },
    /// A contact of the account among no stakeholders.
    NewContact {
        name: String,
        email: Option<String>,
        crm_id: Option<String>,
    },
}

/// Reads the export in `dir` through `mapping` and plans the import:
/// every customer to create built and checked, every account already here
/// compared. `cs` is the CS owner of accounts the CRM names none for.
/// Problems (with file, row and column) mean nothing may be written.
pub fn plan(
    workspace: &Workspace,
    system: System,
    mapping: &Mapping,
    dir: &Path,
    cs: Option<&str>,
    today: Date,
    progress: &indicatif::ProgressBar,
) -> Result<Plan, Vec<Problem>> {
    let mut export = read(workspace, system, mapping, dir, progress)?;
    let known = known_customers(workspace);
    let mut problems = std::mem::take(&mut export.problems);

    // The customers already here, by CRM id and by folder.
    let by_crm: HashMap<&str, &Known> = known
        .iter()
        .filter_map(|k| k.crm_id.as_deref().map(|c| (c, k)))
        .collect();
    let by_id: HashMap<&str, &Known> = known.iter().map(|k| (k.id.as_str(), k)).collect();

    let mut existing = Vec::new();
    let mut new: Vec<(usize, String)> = Vec::new();
    for (i, account) in export.accounts.iter().enumerate() {
        let wanted = slug(&account.name.text);
        if let Some(k) = by_crm.get(account.crm_id.as_str()) {
            existing.push((i, *k, "crm_id"));
        } else if let Some(k) = by_id.get(wanted.as_str()).filter(|k| {
            k.crm_id.is_none()
                && k.name
                    .as_deref()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(account.name.text.trim()))
        }) {
            existing.push((i, *k, "name"));
        } else if let Some(k) = by_id.get(wanted.as_str()).filter(|k| k.document.is_null()) {
            // The folder the name makes holds documents cuc cannot read: they
            // may well be this account's, so it is not made a second time.
            existing.push((i, *k, "folder"));
        } else {
            new.push((i, wanted));
        }
    }

    // Ids: the slug of the name; where it is taken, the next free `-2`,
    // `-3`, the accounts of one slug in the order of their CRM ids.
    new.sort_by(|a, b| {
        a.1.cmp(&b.1).then(
            export.accounts[a.0]
                .crm_id
                .cmp(&export.accounts[b.0].crm_id),
        )
    });
    // Every name in customers/ is taken, entries cuc does not read (hidden
    // folders, files, links) included: a new customer is never written over one.
    let mut taken: std::collections::HashSet<String> = known.iter().map(|k| k.id.clone()).collect();
    if let Ok(entries) = std::fs::read_dir(workspace.customers_dir()) {
        taken.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    let mut ids: Vec<(usize, String)> = Vec::with_capacity(new.len());
    let mut renamed = Vec::new();
    for (i, wanted) in &new {
        let mut id = wanted.clone();
        let mut n = 1;
        while taken.contains(&id) {
            n += 1;
            id = numbered(wanted, n);
        }
        if &id != wanted {
            let account = &export.accounts[*i];
            renamed.push(Renamed {
                id: id.clone(),
                wanted: wanted.clone(),
                name: account.name.text.clone(),
                crm_id: account.crm_id.clone(),
                taken_by: workspace
                    .customers_dir()
                    .join(wanted)
                    .symlink_metadata()
                    .is_ok()
                    .then(|| format!("customers/{wanted}")),
            });
        }
        taken.insert(id.clone());
        ids.push((*i, id));
    }
    // Problems and output in the export's order.
    ids.sort_by_key(|(i, _)| *i);
    renamed.sort_by(|a, b| a.id.cmp(&b.id));

    if cs.is_none()
        && mapping.accounts.as_ref().is_some_and(|a| a.cs.is_none())
        && mapping.team.is_none()
    {
        // The mapping names no CS owner anywhere: one problem, not one per account.
        if ids.iter().any(|(i, _)| export.accounts[*i].cs.is_none()) {
            let file = export
                .accounts
                .first()
                .map(|a| a.origin.file.clone())
                .unwrap_or_default();
            problems.push(
                Problem::new(
                    &file,
                    format!(
                        "the {} export names no customer success manager for its accounts, and every customer needs one",
                        system.label()
                    ),
                )
                .help(
                    "pass --cs EMAIL to name the CSM of the accounts the CRM has none for, or name the column that holds them in a mapping file (`accounts: {cs: CSM Email}`, with --map)",
                ),
            );
        }
    }

    progress.set_length(ids.len() as u64);
    progress.set_position(0);
    progress.set_message("checking the new customers");
    let fields = &workspace.config.fields;
    let built: Vec<Result<Created, Vec<Problem>>> = ids
        .par_iter()
        .map(|(i, id)| {
            let result = build::build(
                workspace,
                system,
                mapping,
                &export,
                &export.accounts[*i],
                id,
                cs,
                today,
                fields,
            );
            progress.inc(1);
            result
        })
        .collect();
    let mut created = Vec::with_capacity(built.len());
    // A cell already found wrong is said once, not again as the customer's.
    let places: std::collections::HashSet<(String, Option<usize>, Option<String>)> = problems
        .iter()
        .map(|p| (p.file.clone(), p.row, p.column.clone()))
        .collect();
    for result in built {
        match result {
            Ok(c) => created.push(c),
            Err(p) => problems.extend(
                p.into_iter()
                    .filter(|p| !places.contains(&(p.file.clone(), p.row, p.column.clone()))),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let existing = existing
        .into_iter()
        .map(|(i, known, matched_by)| {
            let account = &export.accounts[i];
            Existing {
                id: known.id.clone(),
                name: account.name.text.clone(),
                crm_id: account.crm_id.clone(),
                matched_by,
                readable: !known.document.is_null(),
                differences: if known.document.is_null() {
                    Vec::new()
                } else {
                    differences(account, &export.people, known, mapping)
                },
            }
        })
        .collect();
    Ok(Plan {
        system,
        read: export.read,
        created,
        renamed,
        existing,
        notes: export.notes,
    })
}

/// `acme-2`, kept within the 63 characters of an id.
fn numbered(wanted: &str, n: usize) -> String {
    let suffix = format!("-{n}");
    let mut base = wanted.to_owned();
    while base.len() + suffix.len() > 63 {
        base.pop();
    }
    let base = base.trim_end_matches('-');
    format!("{base}{suffix}")
}

/// The id a customer named `name` gets: lower-case ASCII letters and digits
/// (accents and other scripts transliterated), words joined by dashes, at
/// most 63 characters.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::new();
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            dash = true;
        }
    }
    while out.len() > 63 {
        out.pop();
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "customer".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Café Olé, Inc."), "cafe-ole-inc");
        assert_eq!(slug("Acme Robotics GmbH"), "acme-robotics-gmbh");
        assert_eq!(slug("O'Brien & Sons"), "obrien-sons");
        assert_eq!(slug("  --  "), "customer");
        assert_eq!(slug("Jürgen Weiß AG"), "jurgen-weiss-ag");
        let long = slug(&"very long name ".repeat(10));
        assert!(long.len() <= 63 && !long.ends_with('-'), "{long}");
        assert!(crate::workspace::customer_id_problem(&numbered(&long, 12)).is_none());
    }
}
