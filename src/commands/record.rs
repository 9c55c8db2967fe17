//! What the commands that record share (`review --record`, `signoff`,
//! `decision`, `circulate`): the checks before writing about a customer
//! (its documents validate, they are committed, the date is not in the
//! future, a name is a stakeholder, a decision exists, a log did not change
//! under the lock), each refusing with
//! what to do and nothing written; and the append to its reviews.yaml
//! under its lock.

use std::path::Path;

use crate::error::CucError;
use crate::history::History;
use crate::load::finding::Severity;
use crate::model::dates::{instant, now_to_the_minute, readable_time};
use crate::model::typed::Typed;
use crate::model::{Decision, Decisions, Reviews, Stakeholder};
use crate::text::{closest, closest_only};
use crate::validate::validated;
use crate::workspace::Workspace;
use crate::write::{self, Edit, Entry, Section, Target};

/// The customer's typed documents, once all of them pass the checks
/// `cuc validate customers/ID` makes; otherwise a refusal that lists each
/// error with its place. `committed` says whether the record needs the
/// fixes committed too (one that records a commit does).
pub fn valid(
    workspace: &Workspace,
    id: &str,
    dir: &Path,
    what: &str,
    committed: bool,
) -> Result<Typed, CucError> {
    let (_, mut report, typed) = validated(workspace, id, dir);
    report.sort();
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| match f.region {
            Some(region) => format!(
                "  {}:{}:{}: {}",
                f.file, region.start.line, region.start.column, f.message
            ),
            None => format!("  {}: {}", f.file, f.message),
        })
        .collect();
    if !errors.is_empty() {
        let count = if errors.len() == 1 {
            "an error".to_owned()
        } else {
            format!("{} errors", errors.len())
        };
        return Err(CucError::Usage(format!(
            "cannot record {what}: customers/{id} has {count}\n{}\n  \
             help: fix {} first (`cuc validate customers/{id}` shows each in place), {}then run again; nothing was written",
            errors.join("\n"),
            if errors.len() == 1 { "it" } else { "them" },
            if committed { "commit, " } else { "" }
        )));
    }
    typed.ok_or_else(|| {
        CucError::Usage(format!(
            "cannot record {what}: customers/{id} has no understanding.yaml\n  help: write it first (`cuc new {id}` scaffolds one); nothing was written"
        ))
    })
}

/// The reviews file as the writer found it under the lock, typed for the
/// checks that guard an append; an empty or absent file has no records. A
/// file validation passed always types: one that no longer does was changed
/// meanwhile, and nothing is written.
pub fn reviews_of(value: &serde_json::Value, id: &str) -> Result<Reviews, CucError> {
    if value.is_null() {
        return Ok(Reviews::default());
    }
    serde_json::from_value(value.clone()).map_err(|_| {
        CucError::Usage(format!(
            "customers/{id}/reviews.yaml changed while this was being recorded, and no longer holds reviews and sign-offs as cuc writes them\n  \
             help: check it with `cuc validate customers/{id}`, then run again; nothing was written"
        ))
    })
}

/// The decision log as the writer found it under the lock, typed like
/// `reviews_of` types the reviews file.
pub fn decisions_of(value: &serde_json::Value, id: &str) -> Result<Decisions, CucError> {
    if value.is_null() {
        return Ok(Decisions::default());
    }
    serde_json::from_value(value.clone()).map_err(|_| {
        CucError::Usage(format!(
            "customers/{id}/decisions.yaml changed while this was being recorded, and no longer holds decisions as cuc reads them\n  \
             help: check it with `cuc validate customers/{id}`, then run again; nothing was written"
        ))
    })
}

/// Refuses a name that is not one of the customer's stakeholders, with the
/// closest one; `who` says whom the name is for ("the owner").
pub fn stakeholder(
    stakeholders: &[Stakeholder],
    id: &str,
    name: &str,
    who: &str,
) -> Result<(), CucError> {
    if stakeholders.iter().any(|s| s.name == name) {
        return Ok(());
    }
    let hint = closest(name, stakeholders.iter().map(|s| s.name.as_str()))
        .map(|b| format!("did you mean `{b}`? "))
        .unwrap_or_default();
    Err(CucError::Usage(format!(
        "`{name}` is not a stakeholder of {id}\n  help: {hint}{who} must be in `stakeholders` in understanding.yaml, written exactly as there; nothing was written"
    )))
}

/// The decision of the log with id `wanted`, or a refusal with the closest id.
pub fn decision<'a>(log: &'a Decisions, id: &str, wanted: &str) -> Result<&'a Decision, CucError> {
    if let Some(found) = log.find(wanted) {
        return Ok(found);
    }
    let Some(latest) = log.decisions.last() else {
        return Err(CucError::Usage(format!(
            "there is no decision `{wanted}`: customers/{id} has no decisions yet\n  help: write one down first with `cuc decision {id} \"TEXT\" --owner NAME`; nothing was written"
        )));
    };
    let hint = closest_only(wanted, log.decisions.iter().map(|d| d.id.as_str()))
        .map(|b| format!("did you mean `{b}`? "))
        .unwrap_or_default();
    Err(CucError::Usage(format!(
        "there is no decision `{wanted}` in customers/{id}/decisions.yaml\n  help: {hint}use the `id` of one of its decisions (the latest is `{}`); nothing was written",
        latest.id
    )))
}

/// Refuses when any of the customer's documents but reviews.yaml differs
/// from the last commit, so the commit recorded is exactly what was seen.
fn committed(history: &History, dir: &Path, id: &str, what: &str) -> Result<(), CucError> {
    let changed: Vec<String> = history
        .uncommitted(dir)?
        .into_iter()
        .filter(|path| path != "reviews.yaml" && !write::is_in_flight(path))
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    Err(CucError::Usage(format!(
        "customers/{id} has uncommitted changes: {}\n  help: commit them first, so {what}; nothing was written",
        changed.join(", ")
    )))
}

/// Refuses a day after today: a review or sign-off is recorded once it
/// happened. Today is cuc's (`--today`, `CUC_TODAY`) and also this
/// computer's: moving cuc's calendar ahead lets checks look at the future,
/// never records be dated in it.
fn not_in_future(
    date: jiff::civil::Date,
    today: jiff::civil::Date,
    what: &str,
) -> Result<(), CucError> {
    let clock = jiff::Zoned::now().date();
    let limit = today.min(clock);
    if date <= limit {
        return Ok(());
    }
    let note = if limit == clock && today > clock {
        " (--today and CUC_TODAY cannot date a record after this computer's today)"
    } else {
        ""
    };
    Err(CucError::Usage(format!(
        "{what} would be dated {date}, which is in the future (today is {limit}){note}\n  help: record {what} on the day it happened or later, with --date if it was not today; nothing was written"
    )))
}

/// The checks before any record, in order: the day it is dated is not in
/// the future, and the customer's documents are committed. Returns the
/// commit the record is about. `what` is "a review" or "a sign-off"; `why`
/// says what the commit guarantees.
pub fn dated_and_committed(
    history: &History,
    dir: &Path,
    id: &str,
    date: jiff::civil::Date,
    today: jiff::civil::Date,
    what: &str,
    why: &str,
) -> Result<String, CucError> {
    not_in_future(date, today, what)?;
    committed(history, dir, id, why)?;
    history.head_commit()
}

/// Appends `entry` to the customer's reviews.yaml under the customer's
/// lock, once `guard` accepts the file as it is then. Returns the file's
/// path relative to the workspace, for the message.
pub fn append(
    workspace: &Workspace,
    history: &History,
    id: &str,
    dir: &Path,
    section: Section,
    entry: &Entry,
    guard: impl FnOnce(&serde_json::Value) -> Result<(), CucError>,
) -> Result<String, CucError> {
    let path = dir.join("reviews.yaml");
    let file = workspace.relative(&path);
    let lock = write::lock_path(&workspace.root, Some(history.git_dir()), id);
    let target = Target {
        path: &path,
        file: &file,
        section,
        lock: &lock,
        limits: workspace.config.limits,
        header: write::REVIEWS_HEADER,
        schemas: workspace.schemas_for_writing(),
    };
    write::apply(&target, |reviews| {
        guard(reviews)?;
        Ok((Edit::Append(entry.clone()), ()))
    })?;
    Ok(file)
}

/// Refuses a time after now: a decision is written down once it is made,
/// and circulated once it is sent.
pub fn time_not_in_future(time: &str, what: &str, flag: &str) -> Result<(), CucError> {
    let now = jiff::Timestamp::now();
    match instant(time) {
        Some(at) if at > now => Err(CucError::Usage(format!(
            "{what} would be dated {}, which is in the future (it is now {})\n  help: give {flag} the time it happened, or leave it out for now; nothing was written",
            readable_time(time),
            readable_time(&now_to_the_minute())
        ))),
        _ => Ok(()),
    }
}

/// The names once each, in the order given.
pub fn unique(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// A decision log that changed under the lock into something else.
pub fn changed_meanwhile(id: &str) -> CucError {
    CucError::Usage(format!(
        "customers/{id}/decisions.yaml changed while this was being recorded\n  \
         help: check it with `cuc validate customers/{id}`, then run again; nothing was written"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absent_reviews_file_has_no_records_and_an_untypable_one_is_refused() {
        let none = reviews_of(&serde_json::Value::Null, "acme").unwrap();
        assert!(none.reviews.is_empty() && none.signoffs.is_empty());
        let refused = reviews_of(&serde_json::json!({"reviews": "not a list"}), "acme")
            .unwrap_err()
            .to_string();
        assert_eq!(
            refused,
            "customers/acme/reviews.yaml changed while this was being recorded, and no longer holds reviews and sign-offs as cuc writes them\n  help: check it with `cuc validate customers/acme`, then run again; nothing was written"
        );
    }
}
