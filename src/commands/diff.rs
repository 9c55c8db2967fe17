//! `cuc diff ID [FROM [TO]]` and `cuc diff --base REV [--head REV]`: how a
//! customer's understanding moved between milestones, or every customer a
//! pull request changes, in the documents' own terms.

use serde_json::Value;
use std::path::Path;

use super::{Context, Outcome};
use crate::cli::DiffArgs;
use crate::compare::{CustomerDiff, DocumentDiff, Side, Status, diff};
use crate::error::CucError;
use crate::history::History;
use crate::load::source::SourceText;
use crate::load::{parse_yaml, read_text};
use crate::model::Reviews;
use crate::output::Format;
use crate::output::diff as report;
use crate::workspace::Workspace;

/// The documents compared, in the order they are shown.
const DOCUMENTS: [&str; 3] = ["understanding.yaml", "decisions.yaml", "reviews.yaml"];

pub fn run(ctx: &Context, args: &DiffArgs) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let history = History::require(
        &workspace.root,
        "cuc diff compares versions kept by git; run it inside the repository",
    )?;
    let diffs = match (&args.base, &args.id) {
        (Some(base), None) => pull_request(&workspace, &history, base, args.head.as_deref())?,
        (None, Some(id)) => {
            let customer = one_customer(
                &workspace,
                &history,
                id,
                args.from.as_deref(),
                args.to.as_deref(),
            )?;
            if customer.status == Status::Unchanged {
                Vec::new()
            } else {
                vec![customer]
            }
        }
        (Some(_), Some(_)) => {
            return Err(CucError::Usage(
                "name a customer or --base, not both\n  help: `cuc diff ID [FROM [TO]]` for one customer, `cuc diff --base REV` for a pull request".to_owned(),
            ));
        }
        (None, None) => {
            return Err(CucError::Usage(
                "name a customer, or --base for a pull request\n  help: `cuc diff acme onboarding` shows how acme's understanding moved since onboarding".to_owned(),
            ));
        }
    };
    let stdout = match ctx.format {
        Format::Json => report::json(&diffs),
        Format::Markdown => report::markdown(&diffs),
        // The formats `commands::formats` lists for diff; human is the rest.
        _ => report::human(&diffs, ctx.style.color),
    };
    Ok(Outcome::ok(stdout))
}

/// One customer between two sides; FROM defaults to the last recorded
/// review, TO to the working tree.
fn one_customer(
    workspace: &Workspace,
    history: &History,
    id: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<CustomerDiff, CucError> {
    let dir = workspace.customers_dir().join(id);
    // A customer that exists now is looked up like everywhere else (an
    // unknown id gets a suggestion); one that exists only in history can
    // still be compared when FROM names a revision.
    if dir.exists() || from.is_none() {
        workspace.select(&[id.to_owned()])?;
    }
    let reviews = read_doc(
        workspace,
        history,
        &Side::working_tree(),
        &dir,
        "reviews.yaml",
    )?
    .and_then(|v| serde_json::from_value::<Reviews>(v).ok())
    .unwrap_or_default();
    let milestones: Vec<String> = read_doc(
        workspace,
        history,
        &Side::working_tree(),
        &dir,
        "understanding.yaml",
    )?
    .map(|u| crate::model::milestone_ids(&u))
    .unwrap_or_default();
    let side = |name: Option<&str>, default_last_review: bool| -> Result<Side, CucError> {
        match name {
            None if default_last_review => {
                let last = reviews
                    .latest_with_commit(None)
                    .ok_or_else(|| CucError::Usage(format!(
                        "`{id}` has no recorded review with a commit to compare with\n  help: name what to compare with (`cuc diff {id} REV`), or record a review with `cuc review {id} --record ...`"
                    )))?;
                let commit = last.commit.clone().unwrap_or_default();
                Ok(Side::revision(
                    format!("the last review ({}, {})", last.milestone, last.date),
                    history.resolve(&commit)?,
                ))
            }
            None => Ok(Side::working_tree()),
            Some(name) if milestones.iter().any(|m| m == name) => {
                let review = reviews
                    .latest_with_commit(Some(name))
                    .ok_or_else(|| CucError::Usage(format!(
                        "milestone `{name}` of `{id}` has no recorded review with a commit\n  help: record it with `cuc review {id} --record --milestone {name} ...`, or name a git revision instead"
                    )))?;
                let commit = review.commit.clone().unwrap_or_default();
                Ok(Side::revision(
                    format!("the {name} review ({})", review.date),
                    history.resolve(&commit)?,
                ))
            }
            Some(revision) => Ok(Side::revision(
                revision.to_owned(),
                history.resolve(revision)?,
            )),
        }
    };
    let from = side(from, true)?;
    let to = side(to, false)?;
    // Gone from the work tree: it must have been in one of the versions
    // compared, or it is a misspelt id, which gets the usual suggestion.
    if !dir.exists() {
        let mut known = false;
        for commit in [&from.commit, &to.commit].into_iter().flatten() {
            known |= history
                .folders_at(commit, &workspace.customers_dir())?
                .iter()
                .any(|folder| folder == id);
        }
        if !known {
            workspace.select(&[id.to_owned()])?;
        }
    }
    compare(workspace, history, id, &dir, from, to)
}

/// Every customer whose documents differ between two revisions.
fn pull_request(
    workspace: &Workspace,
    history: &History,
    base: &str,
    head: Option<&str>,
) -> Result<Vec<CustomerDiff>, CucError> {
    let from = Side::revision(base.to_owned(), history.resolve(base)?);
    let to = match head {
        Some(head) => Side::revision(head.to_owned(), history.resolve(head)?),
        None => Side::working_tree(),
    };
    let customers_dir = workspace.customers_dir();
    let mut ids = history.folders_at(from.commit.as_deref().unwrap_or_default(), &customers_dir)?;
    match &to.commit {
        Some(commit) => ids.extend(history.folders_at(commit, &customers_dir)?),
        None => ids.extend(workspace.customer_dirs()?.into_iter().map(|(id, _)| id)),
    }
    ids.sort();
    ids.dedup();
    let mut diffs = Vec::new();
    for id in ids {
        let dir = customers_dir.join(&id);
        let customer = compare(workspace, history, &id, &dir, from.clone(), to.clone())?;
        if customer.status != Status::Unchanged {
            diffs.push(customer);
        }
    }
    Ok(diffs)
}

fn compare(
    workspace: &Workspace,
    history: &History,
    id: &str,
    dir: &Path,
    from: Side,
    to: Side,
) -> Result<CustomerDiff, CucError> {
    let mut documents = Vec::new();
    let mut old_understanding = None;
    let mut new_understanding = None;
    let mut new_reviews = None;
    let mut present = (false, false);
    for name in DOCUMENTS {
        let old_text = read_text_at(workspace, history, &from, dir, name)?;
        let new_text = read_text_at(workspace, history, &to, dir, name)?;
        present.0 |= old_text.is_some() && name == "understanding.yaml";
        present.1 |= new_text.is_some() && name == "understanding.yaml";
        let file = format!("customers/{id}/{name}");
        let old = old_text
            .as_deref()
            .map(|t| parse(t, &file, &from))
            .transpose()?;
        let new = new_text
            .as_deref()
            .map(|t| parse(t, &file, &to))
            .transpose()?;
        if name == "understanding.yaml" {
            old_understanding = old.clone();
            new_understanding = new.clone();
        }
        if name == "reviews.yaml" {
            new_reviews = new.clone();
        }
        if old_text == new_text {
            continue;
        }
        let status = match (&old, &new) {
            (None, Some(_)) => Status::Added,
            (Some(_), None) => Status::Removed,
            _ => Status::Changed,
        };
        let changes = match (&old, &new) {
            (Some(a), Some(b)) => diff(a, b),
            (None, Some(b)) => diff(&crate::compare::skeleton(b), b),
            (Some(a), None) => diff(a, &crate::compare::skeleton(a)),
            (None, None) => Vec::new(),
        };
        documents.push(DocumentDiff {
            file,
            status,
            changes,
        });
    }
    let status = match present {
        _ if documents.is_empty() => Status::Unchanged,
        (false, true) => Status::Added,
        (true, false) => Status::Removed,
        _ => Status::Changed,
    };
    let must_sign_again = crate::compare::signers_to_renew(
        old_understanding.as_ref(),
        new_understanding.as_ref(),
        new_reviews.as_ref(),
    );
    Ok(CustomerDiff {
        id: id.to_owned(),
        from,
        to,
        status,
        documents,
        must_sign_again,
    })
}

fn read_text_at(
    workspace: &Workspace,
    history: &History,
    side: &Side,
    dir: &Path,
    name: &str,
) -> Result<Option<String>, CucError> {
    let path = dir.join(name);
    match &side.commit {
        Some(commit) => history
            .file_at(commit, &path, workspace.config.limits.max_file_size)
            .map_err(|error| match error {
                CucError::TooLargeInHistory { size, limit, .. } => CucError::TooLargeInHistory {
                    file: format!("{}/{name}", workspace.relative(dir)),
                    revision: side.named(),
                    size,
                    limit,
                },
                other => other,
            }),
        None if path.is_file() => {
            // Never read through a link that leads out of the workspace.
            if !workspace.contains(&path) {
                return Err(CucError::OutsideWorkspace {
                    path,
                    root: workspace.root.clone(),
                });
            }
            let file = workspace.relative(&path);
            read_text(&path, &file, workspace.config.limits)
                .map(|source| Some(source.text().to_owned()))
                .map_err(|failure| CucError::Usage(format!("{file}: {}", failure.finding.message)))
        }
        None => Ok(None),
    }
}

fn read_doc(
    workspace: &Workspace,
    history: &History,
    side: &Side,
    dir: &Path,
    name: &str,
) -> Result<Option<Value>, CucError> {
    let file = format!("{}/{name}", workspace.relative(dir));
    read_text_at(workspace, history, side, dir, name)?
        .map(|text| parse(&text, &file, side))
        .transpose()
}

fn parse(text: &str, file: &str, side: &Side) -> Result<Value, CucError> {
    let source = SourceText::new(text.to_owned());
    parse_yaml(&source, text, file)
        .map(|n| n.to_json())
        .map_err(|finding| {
            let at = finding
                .region
                .map(|r| format!(":{}:{}", r.start.line, r.start.column))
                .unwrap_or_default();
            let help = match &side.commit {
                None => "`cuc validate` shows the problem; fix it, or compare committed versions",
                Some(_) => "that version cannot be changed: compare with other versions",
            };
            CucError::Usage(format!(
                "{file}{at} cannot be read in {}: {}\n  help: {help}",
                side.named(),
                finding.message
            ))
        })
}
