//! `cuc import` printed: what was (or would be) created, the ids that had
//! to differ from the name, and what the CRM says about customers already
//! here that their documents do not. In words, or as JSON for programs.

use serde::Serialize;
use serde_json::Value;

use crate::import::{Difference, Plan};
use crate::judge::summary::money;
use crate::text::words::plural;

/// What happened, for a person.
pub fn human(plan: &Plan, dry_run: bool, from: &str) -> String {
    let mut out = format!(
        "Read the {} export in {from}: {}, {}, {}.\n",
        plan.system.label(),
        plural(plan.read.accounts, "account"),
        plural(plan.read.contacts, "contact"),
        plural(plan.read.deals, "deal"),
    );
    for note in &plan.notes {
        out.push_str(&format!("  {note}\n"));
    }
    if plan.created.is_empty() {
        out.push_str("\nNo new customers: every account is already here.\n");
    } else {
        let verb = if dry_run { "Would create" } else { "Created" };
        out.push_str(&format!(
            "\n{verb} {}:\n",
            plural(plan.created.len(), "customer")
        ));
        let width = plan.created.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for c in &plan.created {
            let mut facts = vec![c.name.clone(), plural(c.stakeholders, "stakeholder")];
            if let Some(arr) = c.arr.as_deref().and_then(|a| a.parse::<f64>().ok()) {
                facts.push(format!("ARR {}", money(arr, c.currency.as_deref())));
            }
            if let Some(renewal) = &c.renewal {
                facts.push(format!("renewal {renewal}"));
            }
            out.push_str(&format!(
                "  customers/{:<width$}  {}\n",
                c.id,
                facts.join(" · ")
            ));
        }
    }
    if !plan.renamed.is_empty() {
        out.push_str("\nIds that are not just the name (an id names one customer):\n");
        for r in &plan.renamed {
            let why = match &r.taken_by {
                Some(folder) => format!("{folder} is another customer"),
                None => format!("another account is also called `{}`", r.wanted),
            };
            out.push_str(&format!(
                "  {} for {} (CRM id {}): {why}\n",
                r.id, r.name, r.crm_id
            ));
        }
    }
    if !plan.existing.is_empty() {
        let changed: Vec<_> = plan
            .existing
            .iter()
            .filter(|e| !e.differences.is_empty())
            .collect();
        let unread: Vec<_> = plan.existing.iter().filter(|e| !e.readable).collect();
        out.push_str(&format!(
            "\nAlready here, and left as they are: {}.",
            plural(plan.existing.len(), "customer")
        ));
        if changed.is_empty() && unread.is_empty() {
            out.push_str(" Their documents agree with the CRM.\n");
        } else if changed.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!(
                " The CRM says what the documents of {} do not; check with the customer, then update their documents:\n",
                plural(changed.len(), "customer")
            ));
            for e in changed {
                out.push_str(&format!("  customers/{} ({})\n", e.id, e.name));
                for d in &e.differences {
                    out.push_str(&format!("    {}\n", difference(d)));
                }
            }
        }
        for e in unread {
            out.push_str(&format!(
                "  customers/{}/understanding.yaml cannot be read, so {} was not compared with the CRM: \
                 `cuc validate` says what to fix, then import again to compare\n",
                e.id, e.name
            ));
        }
    }
    if !plan.created.is_empty() {
        if dry_run {
            out.push_str("\nNothing was written (--dry-run). Run the same command without --dry-run to create them.\n");
        } else {
            out.push_str(
                "\nNext: commit the new customers, then fill in with sales what only people know, first in each \
                 understanding.yaml: the business context (why they bought) and the success criteria (how they \
                 measure success). `cuc review` lists what is still TODO.\n",
            );
        }
    }
    out
}

fn difference(d: &Difference) -> String {
    match d {
        Difference::Field {
            field,
            crm,
            documents,
        } => {
            let label = match *field {
                "arr" => "ARR",
                "currency" => "currency",
                "renewal" => "renewal",
                "cs" => "CS owner",
                _ => "sales owner",
            };
            let show = |v: &Value| match v {
                Value::Null => "nothing".to_owned(),
                Value::String(s) => s.clone(),
                Value::Number(n) => n
                    .as_f64()
                    .map(|f| money(f, None))
                    .unwrap_or_else(|| n.to_string()),
                other => other.to_string(),
            };
            format!(
                "{label}: {} in the CRM, {} in understanding.yaml",
                show(crm),
                show(documents)
            )
        }
        Difference::NewContact { name, email, .. } => match email {
            Some(email) => format!("new contact: {name} <{email}>, not among the stakeholders"),
            None => format!("new contact: {name}, not among the stakeholders"),
        },
    }
}

#[derive(Serialize)]
struct Json<'a> {
    source: &'a str,
    dry_run: bool,
    read: Read,
    created: Vec<CreatedJson<'a>>,
    renamed: Vec<RenamedJson<'a>>,
    existing: Vec<ExistingJson<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct Read {
    accounts: usize,
    contacts: usize,
    deals: usize,
}

#[derive(Serialize)]
struct CreatedJson<'a> {
    id: &'a str,
    name: &'a str,
    crm_id: &'a str,
    folder: String,
    stakeholders: usize,
    arr: Option<Value>,
    currency: Option<&'a str>,
    renewal: Option<&'a str>,
    cs: &'a str,
    sales: Option<&'a str>,
}

#[derive(Serialize)]
struct RenamedJson<'a> {
    id: &'a str,
    wanted: &'a str,
    name: &'a str,
    crm_id: &'a str,
    taken_by: Option<&'a str>,
}

#[derive(Serialize)]
struct ExistingJson<'a> {
    id: &'a str,
    name: &'a str,
    crm_id: &'a str,
    matched_by: &'a str,
    differences: Vec<Value>,
}

/// For programs: `{"source", "dry_run", "read", "created", "renamed",
/// "existing", "notes"}` (README, "cuc import").
pub fn json(plan: &Plan, dry_run: bool) -> String {
    let doc = Json {
        source: plan.system.name(),
        dry_run,
        read: Read {
            accounts: plan.read.accounts,
            contacts: plan.read.contacts,
            deals: plan.read.deals,
        },
        created: plan
            .created
            .iter()
            .map(|c| CreatedJson {
                id: &c.id,
                name: &c.name,
                crm_id: &c.crm_id,
                folder: format!("customers/{}", c.id),
                stakeholders: c.stakeholders,
                arr: c.arr.as_deref().and_then(|a| serde_json::from_str(a).ok()),
                currency: c.currency.as_deref(),
                renewal: c.renewal.as_deref(),
                cs: &c.cs,
                sales: c.sales.as_deref(),
            })
            .collect(),
        renamed: plan
            .renamed
            .iter()
            .map(|r| RenamedJson {
                id: &r.id,
                wanted: &r.wanted,
                name: &r.name,
                crm_id: &r.crm_id,
                taken_by: r.taken_by.as_deref(),
            })
            .collect(),
        existing: plan
            .existing
            .iter()
            .map(|e| ExistingJson {
                id: &e.id,
                name: &e.name,
                crm_id: &e.crm_id,
                matched_by: e.matched_by,
                differences: e
                    .differences
                    .iter()
                    .map(|d| match d {
                        Difference::Field {
                            field,
                            crm,
                            documents,
                        } => serde_json::json!({"kind": field, "crm": crm, "documents": documents}),
                        Difference::NewContact {
                            name,
                            email,
                            crm_id,
                        } => serde_json::json!({"kind": "new_contact", "name": name, "email": email, "crm_id": crm_id}),
                    })
                    .collect(),
            })
            .collect(),
        notes: &plan.notes,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
