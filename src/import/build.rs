//! The customer an account makes: its stakeholders, its contract, and the
//! understanding.yaml of them, checked against the workspace's schemas with
//! each schema finding taken back to the cell it came from.

use jiff::ToSpan;
use jiff::civil::Date;
use serde_json::Value;

use super::Created;
use super::map::{Mapping, System};
use super::read::{Account, Cell, Export, Origin, Person, amount, parse_date};
use super::sheet::Problem;
use crate::load::document::DocumentKind;
use crate::load::parse_yaml;
use crate::load::source::SourceText;
use crate::model::fields::Section;
use crate::workspace::Workspace;
use crate::workspace::answers::{self, Answers};

/// The stakeholders of an account: its people, with their CRM roles in
/// cuc's words; a role cuc has no word for is kept in the title.
pub(super) fn stakeholders(
    account: &Account,
    people: &[Person],
    mapping: &Mapping,
) -> Vec<(answers::Stakeholder, Vec<(String, Origin)>)> {
    let mut out: Vec<(answers::Stakeholder, Vec<(String, Origin)>)> = Vec::new();
    for member in &account.members {
        let p = &people[member.person];
        let mut roles: Vec<String> = Vec::new();
        let mut kept: Vec<String> = Vec::new();
        for crm in &member.crm_roles {
            match mapping.roles_of(crm) {
                Some(cuc) => {
                    for r in cuc {
                        if !roles.contains(r) {
                            roles.push(r.clone());
                        }
                    }
                }
                None => {
                    if !kept.contains(crm) {
                        kept.push(crm.clone());
                    }
                }
            }
        }
        let mut title = p.title.as_ref().map(|t| t.text.clone());
        if !kept.is_empty() {
            let label = if kept.len() == 1 {
                "CRM role"
            } else {
                "CRM roles"
            };
            let roles = format!("{label}: {}", kept.join(", "));
            title = Some(match title {
                Some(t) => format!("{t} ({roles})"),
                None => roles,
            });
        }
        // Names are how the documents refer to people: one per person.
        let mut name = p.name.clone();
        if out.iter().any(|(s, _)| s.name == name) {
            let tag = p
                .email
                .as_ref()
                .map(|e| e.text.clone())
                .or_else(|| p.crm_id.clone())
                .unwrap_or_else(|| format!("{}", out.len() + 1));
            name = format!("{name} ({tag})");
        }
        let mut origins = Vec::new();
        if let Some(t) = &p.title {
            origins.push(("title".to_owned(), t.origin.clone()));
        }
        if let Some(e) = &p.email {
            origins.push(("email".to_owned(), e.origin.clone()));
        }
        for (field, _, origin) in &p.fields {
            origins.push((field.clone(), origin.clone()));
        }
        out.push((
            answers::Stakeholder {
                name,
                title,
                side: "customer".to_owned(),
                roles,
                email: p.email.as_ref().map(|e| e.text.clone()),
                crm_id: p.crm_id.clone(),
                fields: p
                    .fields
                    .iter()
                    .map(|(k, v, _)| (k.clone(), v.clone()))
                    .collect(),
                ..answers::Stakeholder::default()
            },
            origins,
        ));
    }
    out
}

/// The contract of an account: its own columns first, the latest won deal
/// for what they leave empty.
pub(super) struct Contract {
    pub(super) arr: Option<Cell>,
    pub(super) currency: Option<Cell>,
    pub(super) renewal: Option<(Date, Origin)>,
    pub(super) start: Option<(Date, Origin)>,
    pub(super) problems: Vec<Problem>,
}

pub(super) fn contract(account: &Account, mapping: &Mapping) -> Contract {
    let mut problems = Vec::new();
    let won = account.won.as_ref();
    let arr = account
        .arr
        .clone()
        .or_else(|| won.and_then(|w| w.amount.clone()));
    let currency = account
        .currency
        .clone()
        .or_else(|| won.and_then(|w| w.currency.clone()));
    let mut date_of = |cell: &Option<Cell>, what: &str| -> Option<(Date, Origin)> {
        let cell = cell.as_ref()?;
        match parse_date(&cell.text) {
            Some(d) => Some((d, cell.origin.clone())),
            None => {
                problems.push(
                    cell.origin
                        .problem(format!(
                            "`{}` is not a date cuc can read ({what})",
                            cell.text
                        ))
                        .help("export dates as YYYY-MM-DD (ISO 8601), e.g. 2026-03-14"),
                );
                None
            }
        }
    };
    let own_renewal = date_of(&account.renewal, "the renewal date");
    let start = date_of(&account.start, "the contract's start");
    let term = mapping
        .deals
        .as_ref()
        .and_then(|d| d.term_months)
        .unwrap_or(12);
    let renewal = own_renewal.or_else(|| {
        won.and_then(|w| {
            w.close
                .checked_add((term as i64).months())
                .ok()
                .map(|d| (d, w.close_origin.clone()))
        })
    });
    Contract {
        arr,
        currency,
        renewal,
        start,
        problems,
    }
}

/// The customer of one account, built and checked.
#[allow(clippy::too_many_arguments)]
pub(super) fn build(
    workspace: &Workspace,
    system: System,
    mapping: &Mapping,
    export: &Export,
    account: &Account,
    id: &str,
    default_cs: Option<&str>,
    today: Date,
    fields: &crate::model::fields::CustomFields,
) -> Result<Created, Vec<Problem>> {
    let c = contract(account, mapping);
    let mut problems = c.problems;
    let arr = match &c.arr {
        Some(cell) => match amount(&cell.text) {
            Some(n) => Some(n),
            None => {
                problems.push(
                    cell.origin
                        .problem(format!("`{}` is not an amount cuc can read as the ARR", cell.text))
                        .help("export amounts as plain numbers, with a point for decimals and no currency sign or separators: 120000 or 120000.50"),
                );
                None
            }
        },
        None => None,
    };
    let cs = match (&account.cs, default_cs) {
        (Some(cell), _) => cell.text.clone(),
        (None, Some(cs)) => cs.to_owned(),
        (None, None) => {
            // Reported once for the whole export when the mapping names no
            // CS owner at all.
            if mapping.accounts.as_ref().is_some_and(|a| a.cs.is_some()) || mapping.team.is_some() {
                problems.push(
                    Problem::new(
                        &account.origin.file,
                        format!(
                            "the account `{}` has no customer success manager in the export, and every customer needs one",
                            account.name.text
                        ),
                    )
                    .row(account.origin.row)
                    .help("name one in the CRM and export again, or pass --cs EMAIL for the accounts that have none"),
                );
            }
            return Err(problems);
        }
    };
    let mut origins: Vec<(String, Origin)> = vec![
        ("/customer/name".to_owned(), account.name.origin.clone()),
        ("/customer/crm_id".to_owned(), account.origin.clone()),
    ];
    let mut put = |pointer: &str, cell: Option<&Origin>| {
        if let Some(o) = cell {
            origins.push((pointer.to_owned(), o.clone()));
        }
    };
    put(
        "/customer/segment",
        account.segment.as_ref().map(|c| &c.origin),
    );
    put("/customer/team/cs", account.cs.as_ref().map(|c| &c.origin));
    put(
        "/customer/team/sales",
        account.sales.as_ref().map(|c| &c.origin),
    );
    put("/customer/contract/arr", c.arr.as_ref().map(|c| &c.origin));
    put(
        "/customer/contract/currency",
        c.currency.as_ref().map(|c| &c.origin),
    );
    put(
        "/customer/contract/renewal",
        c.renewal.as_ref().map(|r| &r.1),
    );
    put("/customer/contract/start", c.start.as_ref().map(|r| &r.1));
    for (name, _, origin) in &account.fields {
        put(&format!("/customer/{name}"), Some(origin));
    }
    let people = stakeholders(account, &export.people, mapping);
    for (i, (_, o)) in people.iter().enumerate() {
        for (key, origin) in o {
            origins.push((format!("/stakeholders/{i}/{key}"), origin.clone()));
        }
    }
    // The workspace's own customer fields, in cuc.yaml's order.
    let customer_fields: Vec<(String, Value)> = fields
        .of(Section::Customer)
        .filter_map(|f| {
            account
                .fields
                .iter()
                .find(|(n, _, _)| *n == f.name)
                .map(|(n, v, _)| (n.clone(), v.clone()))
        })
        .collect();
    let stakeholder_count = people.len();
    let answers = Answers {
        customer: answers::Customer {
            name: account.name.text.clone(),
            segment: account.segment.as_ref().map(|s| s.text.clone()),
            cs: cs.clone(),
            sales: account.sales.as_ref().map(|s| s.text.clone()),
            start: c.start.as_ref().map(|s| s.0),
            renewal: c.renewal.as_ref().map(|r| r.0),
            arr: arr.clone(),
            currency: c.currency.as_ref().map(|c| c.text.clone()),
            crm_id: Some(account.crm_id.clone()),
            fields: customer_fields,
        },
        stakeholders: people.into_iter().map(|(s, _)| s).collect(),
        cadence: "90d".to_owned(),
        origin: Some(format!("imported from {}", system.label())),
        ..Answers::default()
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let file = format!("customers/{id}/understanding.yaml");
    let text = match answers::understanding(&answers, today) {
        Ok(text) => text,
        Err(place) => {
            return Err(vec![
                account
                    .origin
                    .problem(format!(
                        "the account `{}` would not read back from understanding.yaml as the export has it (at {place})",
                        account.name.text
                    ))
                    .help("this is a fault in cuc; please report it with the row"),
            ]);
        }
    };
    let limit = workspace.config.limits.max_file_size;
    if text.len() as u64 > limit {
        return Err(vec![
            account
                .origin
                .problem(format!(
                    "the customer made of the account `{}` would be {}, larger than the {} cuc reads from one document",
                    account.name.text,
                    crate::load::human_size(text.len() as u64),
                    crate::load::human_size(limit)
                ))
                .help("a cell of this account or of its contacts holds far more than a name or a title: check the export"),
        ]);
    }
    let source = SourceText::new(text.clone());
    let findings = match parse_yaml(&source, &text, &file) {
        Ok(root) => workspace
            .schemas()
            .check(DocumentKind::Understanding, &root, &source, &file),
        Err(finding) => vec![*finding],
    };
    if !findings.is_empty() {
        return Err(findings
            .iter()
            .map(|f| {
                let pointer = f.absent.as_deref().or(f.pointer.as_deref()).unwrap_or("");
                let origin = origins
                    .iter()
                    .filter(|(p, _)| pointer == p || pointer.starts_with(&format!("{p}/")))
                    .max_by_key(|(p, _)| p.len())
                    .map(|(_, o)| o.clone());
                // A required field of the team's own, from a column left empty.
                let empty_column = f.absent.as_deref().and_then(|absent| {
                    let name = absent.strip_prefix("/customer/")?;
                    let column = mapping.accounts.as_ref()?.fields.get(name)?;
                    Some((name, column.column()))
                });
                if let Some((name, column)) = empty_column {
                    return Problem::new(&account.origin.file, format!(
                        "the cell is empty, and cuc.yaml requires `{name}` of every customer (the account `{}`)",
                        account.name.text
                    ))
                    .row(account.origin.row)
                    .column(column)
                    .help(format!(
                        "fill it in the CRM and export again, or make `{name}` not required in cuc.yaml"
                    ));
                }
                let mut problem = match origin {
                    Some(o) => o.problem(f.message.clone()),
                    None => Problem::new(
                        &account.origin.file,
                        format!(
                            "{} (the customer made of the account `{}`, at {})",
                            f.message,
                            account.name.text,
                            pointer.trim_start_matches('/').replace('/', "."),
                        ),
                    )
                    .row(account.origin.row),
                };
                if let Some(help) = &f.help {
                    problem = problem.help(help.clone());
                }
                problem
            })
            .collect());
    }
    Ok(Created {
        id: id.to_owned(),
        name: account.name.text.clone(),
        crm_id: account.crm_id.clone(),
        stakeholders: stakeholder_count,
        arr: arr.map(|n| n.as_str().to_owned()),
        currency: c.currency.map(|c| c.text),
        renewal: c.renewal.map(|r| r.0.to_string()),
        cs,
        sales: account.sales.as_ref().map(|s| s.text.clone()),
        text,
    })
}
