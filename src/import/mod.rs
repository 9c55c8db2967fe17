//! `cuc import`: customers from a CRM's CSV exports. The export is read
//! whole through a mapping (`map`), one customer is made per account with
//! what the CRM knows (name, segment, team, contract, stakeholders, the
//! workspace's own fields) and TODO for what only people can write, and each
//! document is checked against the workspace's schemas before anything is
//! written. A customer already in the workspace is never touched: what the
//! CRM says that its documents do not is reported instead.

pub mod map;
pub mod sheet;

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::load::document::DocumentKind;
use crate::load::source::SourceText;
use crate::load::{load_yaml, parse_yaml};
use crate::model::fields::{Field, FieldType, Section};
use crate::workspace::Workspace;
use crate::workspace::answers::{self, Answers, Number};
use map::{FieldColumn, Mapping, System};
use sheet::{Problem, Sheet};

/// Where a value came from: a cell of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub row: usize,
    pub column: String,
}

impl Origin {
    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem::new(&self.file, message)
            .row(self.row)
            .column(&self.column)
    }
}

/// A value and the cell it came from.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    origin: Origin,
}

/// A contact of the export.
#[derive(Debug, Clone, Default)]
struct Person {
    crm_id: Option<String>,
    name: String,
    title: Option<Cell>,
    email: Option<Cell>,
    fields: Vec<(String, Value, Origin)>,
    /// The row that made the person, for problems about them.
    origin: Option<Origin>,
}

/// A person on an account, with the CRM's roles there.
#[derive(Debug, Clone)]
struct Member {
    person: usize,
    crm_roles: Vec<String>,
}

/// The latest won deal of an account.
#[derive(Debug, Clone)]
struct Won {
    close: Date,
    close_origin: Origin,
    amount: Option<Cell>,
    currency: Option<Cell>,
}

/// One account as the export has it.
#[derive(Debug, Clone)]
struct Account {
    origin: Origin,
    crm_id: String,
    name: Cell,
    segment: Option<Cell>,
    domain: Option<String>,
    sales: Option<Cell>,
    cs: Option<Cell>,
    arr: Option<Cell>,
    currency: Option<Cell>,
    renewal: Option<Cell>,
    start: Option<Cell>,
    fields: Vec<(String, Value, Origin)>,
    members: Vec<Member>,
    won: Option<Won>,
}

/// What the export holds, read.
struct Export {
    accounts: Vec<Account>,
    people: Vec<Person>,
    read: Read,
    notes: Vec<String>,
    /// What is wrong in single rows: reported with what building the
    /// customers finds, all at once.
    problems: Vec<Problem>,
}

/// How many rows were read from each kind of file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Read {
    pub accounts: usize,
    pub contacts: usize,
    pub deals: usize,
}

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
            let result = build(
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

/// A customer already in the workspace, as far as its understanding.yaml
/// can be read.
struct Known {
    id: String,
    crm_id: Option<String>,
    name: Option<String>,
    document: Value,
}

fn known_customers(workspace: &Workspace) -> Vec<Known> {
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

/// Reads every file the mapping names.
fn read(
    workspace: &Workspace,
    system: System,
    mapping: &Mapping,
    dir: &Path,
    progress: &indicatif::ProgressBar,
) -> Result<Export, Vec<Problem>> {
    let fields = &workspace.config.fields;
    let mut notes = Vec::new();
    let Some(accounts_map) = &mapping.accounts else {
        return Err(vec![Problem::new(
            "the mapping",
            "it does not say which file holds the accounts",
        )]);
    };
    let open = |file: &str| -> Result<Option<Sheet>, Vec<Problem>> {
        progress.set_message(format!("reading {file}"));
        progress.tick();
        Sheet::read(dir, file).map_err(|p| vec![p])
    };
    let accounts_file = accounts_map.file.as_deref().unwrap_or("accounts.csv");
    let Some(sheet) = open(accounts_file)? else {
        return Err(vec![missing_file(
            dir,
            accounts_file,
            &format!("the accounts of a {} export", system.label()),
        )]);
    };
    // A file the preset names may be left out of an export, except those
    // without which customers would be made wrong; one the mapping file
    // names must be there.
    let needed = |section: &str| mapping.explicit.iter().any(|s| s == section);

    // Our own people: user id → email.
    let users = match &mapping.users {
        Some(u) => {
            let file = u.file.as_deref().unwrap_or("users.csv");
            match open(file)? {
                Some(users) => {
                    let id = col(&users, u.id.as_deref(), "id", "each user's id")?;
                    let email = col(&users, u.email.as_deref(), "email", "each user's email")?;
                    let mut map: HashMap<String, (String, usize)> = HashMap::new();
                    for (r, row) in users.rows.iter().enumerate() {
                        map.insert(
                            row[id].trim().to_owned(),
                            (row[email].trim().to_owned(), users.numbers[r]),
                        );
                    }
                    Some((file.to_owned(), map))
                }
                None => {
                    return Err(vec![missing_file(
                        dir,
                        file,
                        &format!(
                            "the emails of our people, whom {} names by their user id",
                            sheet.file
                        ),
                    )]);
                }
            }
        }
        None => None,
    };
    let mut problems = Vec::new();
    // A person column: an email, or a user id when users are mapped.
    let person = |cell: Cell, what: &str, problems: &mut Vec<Problem>| -> Option<Cell> {
        let Some((file, users)) = &users else {
            return Some(cell);
        };
        match users.get(cell.text.trim()) {
            Some((email, _)) if !email.is_empty() => Some(Cell {
                text: email.clone(),
                origin: cell.origin,
            }),
            Some((_, row)) => {
                problems.push(
                    cell.origin
                        .problem(format!(
                            "the {what} `{}` has no email in {file} (row {row}), and cuc names our people by their email",
                            cell.text
                        ))
                        .help(format!("add their email in the CRM and export {file} again")),
                );
                None
            }
            None if cell.text.contains('@') => Some(cell),
            None => {
                problems.push(
                    cell.origin
                        .problem(format!(
                            "the {what} `{}` is not in {file}, so there is no email for them",
                            cell.text
                        ))
                        .help(format!(
                            "export {file} with the other files (every user the accounts name must be in it)"
                        )),
                );
                None
            }
        }
    };

    // Accounts.
    let a = accounts_map;
    let id_col = col(
        &sheet,
        a.id.as_deref(),
        "id",
        "each account's id in the CRM",
    )?;
    let name_col = col(&sheet, a.name.as_deref(), "name", "each account's name")?;
    let opt = |column: &Option<String>, why: &str| optional(&sheet, column, why);
    let segment_col = opt(&a.segment, "each account's segment")?;
    let domain_col = opt(&a.domain, "each account's web domain")?;
    let sales_col = opt(&a.sales, "each account's sales owner")?;
    let cs_col = opt(&a.cs, "each account's customer success manager")?;
    let arr_col = opt(&a.arr, "each account's ARR")?;
    let currency_col = opt(&a.currency, "each account's currency")?;
    let renewal_col = opt(&a.renewal, "each account's renewal date")?;
    let start_col = opt(&a.start, "each account's contract start")?;
    let field_cols = field_columns(&sheet, &a.fields, fields, Section::Customer)?;

    let mut accounts: Vec<Account> = Vec::with_capacity(sheet.rows.len());
    let mut index = Ids::new(system);
    for (r, &number) in sheet.numbers.iter().enumerate() {
        let cell = |c: &(usize, String)| cell_of(&sheet, r, &Some(c.clone()));
        let id_name = a.id.clone().unwrap_or_else(|| "id".to_owned());
        let name_name = a.name.clone().unwrap_or_else(|| "name".to_owned());
        let Some(id) = cell(&(id_col, id_name.clone())) else {
            problems.push(
                Problem::new(&sheet.file, "the account's id is empty")
                    .row(number)
                    .column(&id_name)
                    .help("every account needs its CRM id, which matches it on the next import; export the id column too"),
            );
            continue;
        };
        let Some(mut name) = cell(&(name_col, name_name.clone())) else {
            problems.push(
                Problem::new(
                    &sheet.file,
                    format!("the account `{}` has no name", id.text),
                )
                .row(number)
                .column(&name_name)
                .help("give the account its name in the CRM and export again"),
            );
            continue;
        };
        // A line break or run of spaces in a name is the export's, not the
        // customer's: the name is written on one line.
        name.text = name.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(first) = index.exact.get(&id.text).copied() {
            problems.push(
                Problem::new(
                    &sheet.file,
                    format!(
                        "the account id `{}` is on row {} too, and an id names one account",
                        id.text, accounts[first].origin.row
                    ),
                )
                .row(number)
                .column(&id_name)
                .help("export the accounts again; an export holds each account once"),
            );
            continue;
        }
        let sales = sales_col
            .as_ref()
            .and_then(cell)
            .and_then(|c| person(c, "sales owner", &mut problems));
        let cs = cs_col
            .as_ref()
            .and_then(cell)
            .and_then(|c| person(c, "customer success manager", &mut problems));
        let mut account_fields = Vec::new();
        for (field, column, c) in &field_cols {
            if let Some(value) = cell(&(*c, column.column().to_owned())) {
                match field_value(field, column, &value) {
                    Ok(v) => account_fields.push((field.name.clone(), v, value.origin)),
                    Err(p) => problems.push(p),
                }
            }
        }
        index.insert(&id.text, accounts.len());
        accounts.push(Account {
            origin: Origin {
                file: sheet.file.clone(),
                row: number,
                column: id_name,
            },
            crm_id: id.text,
            name,
            segment: segment_col.as_ref().and_then(cell),
            domain: domain_col
                .as_ref()
                .and_then(cell)
                .map(|c| domain_of(&c.text)),
            sales,
            cs,
            arr: arr_col.as_ref().and_then(cell),
            currency: currency_col.as_ref().and_then(cell),
            renewal: renewal_col.as_ref().and_then(cell),
            start: start_col.as_ref().and_then(cell),
            fields: account_fields,
            members: Vec::new(),
            won: None,
        });
    }
    let read_counts = Read {
        accounts: accounts.len(),
        ..Read::default()
    };
    let mut read_counts = read_counts;

    // The account team: the CS owner.
    if let Some(t) = &mapping.team {
        let file = t.file.as_deref().unwrap_or("team.csv");
        match open(file)? {
            Some(team) => {
                let account = col(&team, t.account.as_deref(), "account", "each member's account")?;
                let user = col(&team, t.user.as_deref(), "user", "each member")?;
                let role = col(&team, t.role.as_deref(), "role", "each member's role")?;
                let user_name = t.user.clone().unwrap_or_else(|| "user".to_owned());
                for (r, row) in team.rows.iter().enumerate() {
                    let is_cs = t
                        .cs_roles
                        .iter()
                        .any(|cs| cs.eq_ignore_ascii_case(row[role].trim()));
                    let Some(i) = index.get(&row[account]) else {
                        continue;
                    };
                    if !is_cs || accounts[i].cs.is_some() || row[user].trim().is_empty() {
                        continue;
                    }
                    let cell = Cell {
                        text: row[user].trim().to_owned(),
                        origin: Origin {
                            file: team.file.clone(),
                            row: team.numbers[r],
                            column: user_name.clone(),
                        },
                    };
                    accounts[i].cs = person(cell, "customer success manager", &mut problems);
                }
            }
            None if needed("team") => {
                return Err(vec![missing_file(dir, file, "the account teams, with each account's customer success manager")]);
            }
            None => notes.push(format!(
                "There is no {file} in the export, so no account has its customer success manager from the account team."
            )),
        }
    }

    // Contacts.
    let mut people: Vec<Person> = Vec::new();
    if let Some(c) = &mapping.contacts {
        let file = c.file.as_deref().unwrap_or("contacts.csv");
        match open(file)? {
            Some(contacts) => {
                let s = &contacts;
                let o = |column: &Option<String>, why: &str| optional(s, column, why);
                let id_c = o(&c.id, "each contact's id in the CRM")?;
                let account_c = o(&c.account, "each contact's account")?;
                let name_c = o(&c.name, "each contact's name")?;
                let first_c = o(&c.first_name, "each contact's first name")?;
                let last_c = o(&c.last_name, "each contact's last name")?;
                let title_c = o(&c.title, "each contact's title")?;
                let email_c = o(&c.email, "each contact's email")?;
                let roles_c = o(&c.roles, "each contact's buying roles")?;
                let field_cols = field_columns(s, &c.fields, fields, Section::Stakeholders)?;
                let mut by_domain: HashMap<&str, Vec<usize>> = HashMap::new();
                for (i, a) in accounts.iter().enumerate() {
                    if let Some(d) = a.domain.as_deref() {
                        by_domain.entry(d).or_default().push(i);
                    }
                }
                let mut by_crm = Ids::new(system);
                let mut homeless = Vec::new();
                let mut nameless = Vec::new();
                let mut ambiguous = Vec::new();
                let mut memberships: Vec<(usize, usize, Vec<String>)> = Vec::new();
                for (r, &number) in s.numbers.iter().enumerate() {
                    let cell = |c: &Column| cell_of(s, r, c);

                    let crm_id = cell(&id_c).map(|c| c.text);
                    let email = cell(&email_c);
                    let mut name = cell(&name_c).map(|c| c.text).unwrap_or_else(|| {
                        [cell(&first_c), cell(&last_c)]
                            .into_iter()
                            .flatten()
                            .map(|c| c.text)
                            .collect::<Vec<_>>()
                            .join(" ")
                    });
                    name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    if name.is_empty() {
                        match &email {
                            Some(e) => name = e.text.clone(),
                            None => {
                                nameless.push(number);
                                continue;
                            }
                        }
                    }
                    let mut account_ids: Vec<usize> = cell(&account_c)
                        .map(|c| c.text.split(';').filter_map(|id| index.get(id)).collect())
                        .unwrap_or_default();
                    if account_ids.is_empty()
                        && let Some(domain) = email
                            .as_ref()
                            .and_then(|e| e.text.rsplit_once('@'))
                            .map(|(_, d)| d.to_ascii_lowercase())
                        && let Some(matches) = by_domain.get(domain.as_str())
                    {
                        // Only an account of its own: two accounts on one
                        // domain leave the contact to people.
                        match matches.as_slice() {
                            [only] => account_ids.push(*only),
                            _ => ambiguous.push(number),
                        }
                    }
                    let person = match crm_id.as_ref().and_then(|id| by_crm.exact.get(id).copied())
                    {
                        Some(p) => {
                            // One id, one person: a row per account (as
                            // Gainsight writes them) says the same of them.
                            let first = &people[p];
                            let same_email =
                                first.email.as_ref().map(|e| e.text.to_ascii_lowercase())
                                    == email.as_ref().map(|e| e.text.to_ascii_lowercase());
                            if first.name != name || !same_email {
                                problems.push(
                                    Problem::new(
                                        &s.file,
                                        format!(
                                            "the contact id `{}` is on row {} too, for {}, and an id names one person",
                                            crm_id.as_deref().unwrap_or_default(),
                                            first.origin.as_ref().map_or(0, |o| o.row),
                                            first.name
                                        ),
                                    )
                                    .row(number)
                                    .column(id_c.as_ref().map_or("id", |c| c.1.as_str()))
                                    .help("export the contacts again; a person is one contact, whatever their accounts"),
                                );
                                continue;
                            }
                            p
                        }
                        None => {
                            let mut person_fields = Vec::new();
                            for (field, column, i) in &field_cols {
                                if let Some(value) = cell(&Some((*i, column.column().to_owned()))) {
                                    match field_value(field, column, &value) {
                                        Ok(v) => person_fields.push((
                                            field.name.clone(),
                                            v,
                                            value.origin,
                                        )),
                                        Err(p) => problems.push(p),
                                    }
                                }
                            }
                            people.push(Person {
                                crm_id: crm_id.clone(),
                                name,
                                title: cell(&title_c),
                                email,
                                fields: person_fields,
                                origin: Some(Origin {
                                    file: s.file.clone(),
                                    row: number,
                                    column: String::new(),
                                }),
                            });
                            if let Some(id) = &crm_id {
                                by_crm.insert(id, people.len() - 1);
                            }
                            people.len() - 1
                        }
                    };
                    let roles: Vec<String> = cell(&roles_c)
                        .map(|c| {
                            c.text
                                .split(';')
                                .map(|r| r.trim().to_owned())
                                .filter(|r| !r.is_empty())
                                .collect()
                        })
                        .unwrap_or_default();
                    for i in account_ids {
                        memberships.push((i, person, roles.clone()));
                    }
                }
                // Roles per contact and account (Salesforce's AccountContactRole).
                if let Some(cr) = &mapping.contact_roles {
                    let file = cr.file.as_deref().unwrap_or("contact_roles.csv");
                    match open(file)? {
                        Some(roles) => {
                            let account = col(&roles, cr.account.as_deref(), "account", "each role's account")?;
                            let contact = col(&roles, cr.contact.as_deref(), "contact", "each role's contact")?;
                            let role = col(&roles, cr.role.as_deref(), "role", "each role")?;
                            let mut unknown = Vec::new();
                            for (r, row) in roles.rows.iter().enumerate() {
                                match (index.get(&row[account]), by_crm.get(&row[contact])) {
                                    (Some(a), Some(p)) => {
                                        let r = row[role].trim();
                                        memberships.push((
                                            a,
                                            p,
                                            if r.is_empty() { Vec::new() } else { vec![r.to_owned()] },
                                        ));
                                    }
                                    _ => unknown.push(roles.numbers[r]),
                                }
                            }
                            if !unknown.is_empty() {
                                notes.push(left_out(
                                    &unknown,
                                    "role",
                                    &format!("in {file}"),
                                    [
                                        "names an account or a contact the export does not have",
                                        "name an account or a contact the export does not have",
                                    ],
                                ));
                            }
                        }
                        None if needed("contact_roles") => {
                            return Err(vec![missing_file(dir, file, "the contacts' roles on each account")]);
                        }
                        None => notes.push(format!(
                            "There is no {file} in the export, so the contacts have no roles from it."
                        )),
                    }
                }
                // A contact without an account of its own, and on none through a role.
                let on_some: std::collections::HashSet<usize> =
                    memberships.iter().map(|(_, p, _)| *p).collect();
                for (p, person) in people.iter().enumerate() {
                    if !on_some.contains(&p)
                        && let Some(o) = &person.origin
                        && !homeless.contains(&o.row)
                    {
                        homeless.push(o.row);
                    }
                }
                homeless.retain(|r| !ambiguous.contains(r));
                homeless.sort_unstable();
                homeless.dedup();
                for (rows, what) in [
                    (
                        &homeless,
                        [
                            "belongs to no account of the export",
                            "belong to no account of the export",
                        ],
                    ),
                    (
                        &nameless,
                        ["has no name and no email", "have no name and no email"],
                    ),
                    (
                        &ambiguous,
                        [
                            "has no account, and their email's domain is that of several accounts",
                            "have no account, and their email's domain is that of several accounts",
                        ],
                    ),
                ] {
                    if !rows.is_empty() {
                        notes.push(left_out(rows, "contact", &format!("in {file}"), what));
                    }
                }
                // Each account's people, in the order of the contacts file.
                memberships.sort_by_key(|(a, p, _)| (*a, *p));
                for (a, p, roles) in memberships {
                    let members = &mut accounts[a].members;
                    match members.iter_mut().find(|m| m.person == p) {
                        Some(m) => {
                            for r in roles {
                                if !m.crm_roles.contains(&r) {
                                    m.crm_roles.push(r);
                                }
                            }
                        }
                        None => members.push(Member {
                            person: p,
                            crm_roles: roles,
                        }),
                    }
                }
            }
            None => {
                return Err(vec![missing_file(
                    dir,
                    file,
                    "the contacts, who become each customer's stakeholders",
                )]);
            }
        }
    }

    // Deals: the latest won one of each account.
    if let Some(d) = &mapping.deals {
        let file = d.file.as_deref().unwrap_or("deals.csv");
        match open(file)? {
            Some(deals) => {
                let s = &deals;
                let account = col(s, d.account.as_deref(), "account", "each deal's account")?;
                let stage = col(s, d.stage.as_deref(), "stage", "each deal's stage")?;
                let close = col(s, d.close_date.as_deref(), "close_date", "each deal's close date")?;
                let amount = optional(s, &d.amount, "each deal's amount")?;
                let currency = optional(s, &d.currency, "each deal's currency")?;
                let close_name = d.close_date.clone().unwrap_or_else(|| "close_date".to_owned());
                for (r, row) in s.rows.iter().enumerate() {
                    read_counts.deals += 1;
                    let number = s.numbers[r];
                    if !d.won.iter().any(|w| w.eq_ignore_ascii_case(row[stage].trim())) {
                        continue;
                    }
                    let targets: Vec<usize> = row[account]
                        .split(';')
                        .filter_map(|id| index.get(id))
                        .collect();
                    if targets.is_empty() {
                        continue;
                    }
                    let close_origin = Origin {
                        file: s.file.clone(),
                        row: number,
                        column: close_name.clone(),
                    };
                    let Some(close_date) = parse_date(row[close].trim()) else {
                        problems.push(
                            close_origin
                                .problem(format!(
                                    "`{}` is not a date cuc can read, and this won deal's close date sets the renewal",
                                    row[close].trim()
                                ))
                                .help("export dates as YYYY-MM-DD (ISO 8601), e.g. 2025-03-14"),
                        );
                        continue;
                    };
                    let cell = |c: &Column| cell_of(s, r, c);
                    let won = Won {
                        close: close_date,
                        close_origin,
                        amount: cell(&amount),
                        currency: cell(&currency),
                    };
                    for a in targets {
                        // The latest close date; on the same day, the largest
                        // amount, whatever the order of the rows.
                        let value = |w: &Won| {
                            w.amount
                                .as_ref()
                                .and_then(|c| self::amount(&c.text))
                                .and_then(|n| n.as_str().parse::<f64>().ok())
                                .unwrap_or(f64::MIN)
                        };
                        let later = accounts[a].won.as_ref().is_none_or(|w| {
                            won.close > w.close || (won.close == w.close && value(&won) > value(w))
                        });
                        if later {
                            accounts[a].won = Some(won.clone());
                        }
                    }
                }
            }
            None if needed("deals") => {
                return Err(vec![missing_file(dir, file, "the deals, whose latest won one gives each account's ARR and renewal")]);
            }
            None => notes.push(format!(
                "There is no {file} in the export, so ARR and renewal come only from the accounts' own columns."
            )),
        }
    }
    read_counts.contacts = people.len();
    Ok(Export {
        accounts,
        people,
        read: read_counts,
        notes,
        problems,
    })
}

/// "2 contacts in Contact.csv have no name and no email, and were left out
/// (rows 4, 9)." `why` is said of one, then of several.
fn left_out(rows: &[usize], what: &str, place: &str, why: [&str; 2]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(|r| r.to_string()).collect();
    let more = if rows.len() > 10 {
        format!(" and {} more", rows.len() - 10)
    } else {
        String::new()
    };
    let (why, were, label) = match rows.len() {
        1 => (why[0], "was", "row"),
        _ => (why[1], "were", "rows"),
    };
    format!(
        "{} {place} {why}, and {were} left out ({label} {}{more}).",
        crate::text::words::plural(rows.len(), what),
        shown.join(", ")
    )
}

/// A file the export folder does not have, with the CSV files it has.
fn missing_file(dir: &Path, file: &str, holds: &str) -> Problem {
    let present: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.to_ascii_lowercase().ends_with(".csv"))
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default();
    let there = if present.is_empty() {
        "there are no CSV files there".to_owned()
    } else {
        format!("the CSV files there are: {}", present.join(", "))
    };
    Problem::new(
        file,
        format!("the folder has no such file, and it holds {holds}"),
    )
    .help(format!(
        "{there}; export it with the other files, point --from at the folder of the export, or name the file in a mapping file (--map)"
    ))
}

/// Ids of one kind (accounts, contacts) and where each is. Salesforce
/// writes an id in 18 characters or, in some exports, the first 15 of
/// them: either finds it.
#[derive(Default)]
struct Ids {
    exact: HashMap<String, usize>,
    short: HashMap<String, usize>,
    salesforce: bool,
}

impl Ids {
    fn new(system: System) -> Ids {
        Ids {
            salesforce: system == System::Salesforce,
            ..Ids::default()
        }
    }

    fn insert(&mut self, id: &str, at: usize) {
        self.exact.insert(id.to_owned(), at);
        if self.salesforce && id.len() == 18 {
            self.short.insert(id[..15].to_owned(), at);
        }
    }

    fn get(&self, id: &str) -> Option<usize> {
        let id = id.trim();
        self.exact.get(id).copied().or_else(|| {
            if self.salesforce {
                let key = if id.len() == 18 { id.get(..15)? } else { id };
                self.short.get(key).copied()
            } else {
                None
            }
        })
    }
}

/// The column a mapping key names, when it names one: the column's index
/// and name.
type Column = Option<(usize, String)>;

fn optional(sheet: &Sheet, column: &Option<String>, why: &str) -> Result<Column, Vec<Problem>> {
    match column {
        Some(name) => Ok(Some((
            sheet.column(name, why).map_err(|p| vec![p])?,
            name.clone(),
        ))),
        None => Ok(None),
    }
}

/// The cell of the row at `index` in `column`, trimmed; `None` when the
/// mapping names no such column or the cell is empty.
fn cell_of(sheet: &Sheet, index: usize, column: &Column) -> Option<Cell> {
    let (i, name) = column.as_ref()?;
    let text = sheet.rows[index][*i].trim();
    (!text.is_empty()).then(|| Cell {
        text: text.to_owned(),
        origin: Origin {
            file: sheet.file.clone(),
            row: sheet.numbers[index],
            column: name.clone(),
        },
    })
}

/// The column a required key of the mapping names.
fn col(sheet: &Sheet, column: Option<&str>, key: &str, why: &str) -> Result<usize, Vec<Problem>> {
    let name = column.unwrap_or(key);
    sheet.column(name, why).map_err(|p| vec![p])
}

/// The columns of the workspace's own fields the mapping fills.
fn field_columns<'f>(
    sheet: &Sheet,
    mapped: &'f BTreeMap<String, FieldColumn>,
    fields: &'f crate::model::fields::CustomFields,
    section: Section,
) -> Result<Vec<(&'f Field, &'f FieldColumn, usize)>, Vec<Problem>> {
    let mut out = Vec::new();
    for field in fields.of(section) {
        if let Some(column) = mapped.get(&field.name) {
            let i = sheet
                .column(column.column(), &format!("the `{}` field", field.name))
                .map_err(|p| vec![p])?;
            out.push((field, column, i));
        }
    }
    Ok(out)
}

/// A cell as the value of a custom field of its type.
fn field_value(field: &Field, column: &FieldColumn, cell: &Cell) -> Result<Value, Problem> {
    let text = column.translate(&cell.text);
    let wrong = |what: String| {
        cell.origin
            .problem(format!(
                "`{text}` is not {} for the `{}` field",
                field.kind.describe(),
                field.name
            ))
            .help(what)
    };
    Ok(match &field.kind {
        FieldType::Number => match amount(text) {
            Some(n) => serde_json::from_str(n.as_str()).unwrap_or(Value::Null),
            None => {
                return Err(wrong(
                    "write a plain number in the CRM, e.g. 12000 or 2.5".to_owned(),
                ));
            }
        },
        FieldType::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Value::Bool(true),
            "false" | "no" | "0" => Value::Bool(false),
            _ => return Err(wrong("the CRM's value should be true or false".to_owned())),
        },
        FieldType::Enum(values) => match values.iter().find(|v| v.eq_ignore_ascii_case(text)) {
            Some(v) => Value::from(v.as_str()),
            None => {
                return Err(wrong(format!(
                    "translate the CRM's values in the mapping file: `{}: {{column: {}, values: {{\"{text}\": {}}}}}`",
                    field.name,
                    column.column(),
                    values.first().map(String::as_str).unwrap_or("...")
                )));
            }
        },
        FieldType::Date => match parse_date(text) {
            Some(d) => Value::from(d.to_string()),
            None => return Err(wrong("export dates as YYYY-MM-DD (ISO 8601)".to_owned())),
        },
        FieldType::List => Value::Array(
            text.split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(Value::from)
                .collect(),
        ),
        FieldType::Text | FieldType::Email | FieldType::Url => Value::from(text),
    })
}

/// A date as exports write it: `2025-03-14`, or with a time after it.
fn parse_date(text: &str) -> Option<Date> {
    let day = match text.get(..10) {
        Some(day) if text.len() == 10 || text[10..].starts_with(['T', ' ']) => day,
        _ => return None,
    };
    if crate::model::dates::date_problem(day).is_some() {
        return None;
    }
    day.parse().ok()
}

/// An amount as exports write it (`120000.00`) as the number to write
/// (`120000`); `None` when it is no plain number.
fn amount(text: &str) -> Option<Number> {
    let mut t = text.trim().to_owned();
    if let Some((whole, fraction)) = t.split_once('.') {
        let fraction = fraction.trim_end_matches('0');
        t = if fraction.is_empty() {
            whole.to_owned()
        } else {
            format!("{whole}.{fraction}")
        };
    }
    Number::parse(&t).ok()
}

/// `https://www.northwind.example/about` → `northwind.example`.
fn domain_of(site: &str) -> String {
    let s = site.trim().to_ascii_lowercase();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(&s);
    let s = s.split(['/', '?', '#']).next().unwrap_or(s);
    s.strip_prefix("www.").unwrap_or(s).to_owned()
}

/// The stakeholders of an account: its people, with their CRM roles in
/// cuc's words; a role cuc has no word for is kept in the title.
fn stakeholders(
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
struct Contract {
    arr: Option<Cell>,
    currency: Option<Cell>,
    renewal: Option<(Date, Origin)>,
    start: Option<(Date, Origin)>,
    problems: Vec<Problem>,
}

fn contract(account: &Account, mapping: &Mapping) -> Contract {
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
fn build(
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

/// What the CRM says about an account that its customer's documents do not.
fn differences(
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

    #[test]
    fn amounts_and_dates_as_exports_write_them() {
        assert_eq!(amount("120000.00").unwrap().as_str(), "120000");
        assert_eq!(amount("150000.50").unwrap().as_str(), "150000.5");
        assert!(amount("$120,000").is_none());
        assert_eq!(parse_date("2025-03-14").unwrap().to_string(), "2025-03-14");
        assert_eq!(
            parse_date("2025-03-14T10:00:00.000Z").unwrap().to_string(),
            "2025-03-14"
        );
        assert!(parse_date("03/14/2025").is_none());
        assert!(parse_date("2025-02-30").is_none());
    }

    #[test]
    fn domains_of_sites() {
        assert_eq!(
            domain_of("https://www.Northwind.example/about"),
            "northwind.example"
        );
        assert_eq!(domain_of("cafeole.example"), "cafeole.example");
    }
}
