//! Reading a CRM export through its mapping: every file the mapping names,
//! each row checked as it is read, into accounts and the people on them.
//! What is wrong in one row is kept as a `Problem` to report with the rest.

use jiff::civil::Date;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::map::{FieldColumn, Mapping, System};
use super::sheet::{Problem, Sheet};
use crate::model::fields::{Field, FieldType, Section};
use crate::workspace::Workspace;
use crate::workspace::answers::Number;

/// Where a value came from: a cell of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub row: usize,
    pub column: String,
}

impl Origin {
    pub(super) fn problem(&self, message: impl Into<String>) -> Problem {
        Problem::new(&self.file, message)
            .row(self.row)
            .column(&self.column)
    }
}

/// A value and the cell it came from.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) origin: Origin,
}

/// A contact of the export.
#[derive(Debug, Clone, Default)]
pub(super) struct Person {
    pub(super) crm_id: Option<String>,
    pub(super) name: String,
    pub(super) title: Option<Cell>,
    pub(super) email: Option<Cell>,
    pub(super) fields: Vec<(String, Value, Origin)>,
    /// The row that made the person, for problems about them.
    pub(super) origin: Option<Origin>,
}

/// A person on an account, with the CRM's roles there.
#[derive(Debug, Clone)]
pub(super) struct Member {
    pub(super) person: usize,
    pub(super) crm_roles: Vec<String>,
}

/// The latest won deal of an account.
#[derive(Debug, Clone)]
pub(super) struct Won {
    pub(super) close: Date,
    pub(super) close_origin: Origin,
    pub(super) amount: Option<Cell>,
    pub(super) currency: Option<Cell>,
}

/// One account as the export has it.
#[derive(Debug, Clone)]
pub(super) struct Account {
    pub(super) origin: Origin,
    pub(super) crm_id: String,
    pub(super) name: Cell,
    pub(super) segment: Option<Cell>,
    pub(super) domain: Option<String>,
    pub(super) sales: Option<Cell>,
    pub(super) cs: Option<Cell>,
    pub(super) arr: Option<Cell>,
    pub(super) currency: Option<Cell>,
    pub(super) renewal: Option<Cell>,
    pub(super) start: Option<Cell>,
    pub(super) fields: Vec<(String, Value, Origin)>,
    pub(super) members: Vec<Member>,
    pub(super) won: Option<Won>,
}

/// What the export holds, read.
pub(super) struct Export {
    pub(super) accounts: Vec<Account>,
    pub(super) people: Vec<Person>,
    pub(super) read: Read,
    pub(super) notes: Vec<String>,
    /// What is wrong in single rows: reported with what building the
    /// customers finds, all at once.
    pub(super) problems: Vec<Problem>,
}

/// How many rows were read from each kind of file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Read {
    pub accounts: usize,
    pub contacts: usize,
    pub deals: usize,
}

/// Reads every file the mapping names.
pub(super) fn read(
    workspace: &Workspace,
    system: System,
    mapping: &Mapping,
    dir: &Path,
    progress: &indicatif::ProgressBar,
) -> Result<Export, Vec<Problem>> {
    let fields = &workspace.config.fields;
    let mut notes = Vec::new();
    let Some(accounts_map) = &mapping.accounts else {
        return Err(vec![
            Problem::new("the mapping", "it does not say which file holds the accounts")
                .help("add them to the mapping file, e.g. `accounts: {file: accounts.csv, id: Account ID, name: Account Name}`"),
        ]);
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

    // The two required columns with the names `col` found them by, once
    // for every row.
    let id_name = a.id.as_deref().unwrap_or("id");
    let name_name = a.name.as_deref().unwrap_or("name");
    let (id_column, name_column) = (
        (id_col, id_name.to_owned()),
        (name_col, name_name.to_owned()),
    );

    let mut accounts: Vec<Account> = Vec::with_capacity(sheet.rows.len());
    let mut index = Ids::new(system);
    for (r, &number) in sheet.numbers.iter().enumerate() {
        let cell = |c: &(usize, String)| cell_of(&sheet, r, &Some(c.clone()));
        let Some(id) = cell(&id_column) else {
            problems.push(
                Problem::new(&sheet.file, "the account's id is empty")
                    .row(number)
                    .column(id_name)
                    .help("every account needs its CRM id, which matches it on the next import; export the id column too"),
            );
            continue;
        };
        let Some(mut name) = cell(&name_column) else {
            problems.push(
                Problem::new(
                    &sheet.file,
                    format!("the account `{}` has no name", id.text),
                )
                .row(number)
                .column(name_name)
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
                .column(id_name)
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
                column: id_name.to_owned(),
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
                read_counts.deals = deals.rows.len();
                latest_won(&deals, d, &index, &mut accounts, &mut problems)?;
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

/// Each account's latest won deal (on the same day, the largest amount,
/// whatever the order of the rows), which gives its ARR and renewal.
fn latest_won(
    s: &Sheet,
    d: &super::map::Deals,
    index: &Ids,
    accounts: &mut [Account],
    problems: &mut Vec<Problem>,
) -> Result<(), Vec<Problem>> {
    let account = col(s, d.account.as_deref(), "account", "each deal's account")?;
    let stage = col(s, d.stage.as_deref(), "stage", "each deal's stage")?;
    let close = col(
        s,
        d.close_date.as_deref(),
        "close_date",
        "each deal's close date",
    )?;
    let amount = optional(s, &d.amount, "each deal's amount")?;
    let currency = optional(s, &d.currency, "each deal's currency")?;
    let close_name = d
        .close_date
        .clone()
        .unwrap_or_else(|| "close_date".to_owned());
    for (r, row) in s.rows.iter().enumerate() {
        let number = s.numbers[r];
        if !d
            .won
            .iter()
            .any(|w| w.eq_ignore_ascii_case(row[stage].trim()))
        {
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
    Ok(())
}

/// "2 contacts in Contact.csv have no name and no email, and were left out
/// (rows 4, 9)." `why` is said of one, then of several.
pub(super) fn left_out(rows: &[usize], what: &str, place: &str, why: [&str; 2]) -> String {
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
pub(super) fn missing_file(dir: &Path, file: &str, holds: &str) -> Problem {
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
pub(super) struct Ids {
    pub(super) exact: HashMap<String, usize>,
    pub(super) short: HashMap<String, usize>,
    pub(super) salesforce: bool,
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
pub(super) type Column = Option<(usize, String)>;

pub(super) fn optional(
    sheet: &Sheet,
    column: &Option<String>,
    why: &str,
) -> Result<Column, Vec<Problem>> {
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
pub(super) fn cell_of(sheet: &Sheet, index: usize, column: &Column) -> Option<Cell> {
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
pub(super) fn col(
    sheet: &Sheet,
    column: Option<&str>,
    key: &str,
    why: &str,
) -> Result<usize, Vec<Problem>> {
    let name = column.unwrap_or(key);
    sheet.column(name, why).map_err(|p| vec![p])
}

/// The columns of the workspace's own fields the mapping fills.
pub(super) fn field_columns<'f>(
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
pub(super) fn field_value(
    field: &Field,
    column: &FieldColumn,
    cell: &Cell,
) -> Result<Value, Problem> {
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
pub(super) fn parse_date(text: &str) -> Option<Date> {
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
pub(super) fn amount(text: &str) -> Option<Number> {
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
pub(super) fn domain_of(site: &str) -> String {
    let s = site.trim().to_ascii_lowercase();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(&s);
    let s = s.split(['/', '?', '#']).next().unwrap_or(s);
    s.strip_prefix("www.").unwrap_or(s).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
