//! `cuc signoff ID --by NAME --role ROLE [--date D]`: records that a
//! customer sponsor signed the current understanding (its fingerprint and
//! the commit it is in).

use super::{Context, Outcome, record};
use crate::cli::SignoffArgs;
use crate::error::CucError;
use crate::history::History;
use crate::model::Reviews;
use crate::text::closest;
use crate::workspace::Workspace;
use crate::write::{Section, Value};

pub fn run(ctx: &Context, args: &SignoffArgs) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let (id, dir) = workspace.select(std::slice::from_ref(&args.id))?.remove(0);
    let history = History::require(
        &workspace.root,
        "a sign-off records the git commit that was signed; run cuc inside the repository (`cuc init` creates one)",
    )?;
    let typed = record::valid(&workspace, &id, &dir, "a sign-off", true)?;
    let role = args.role.as_str();
    let stakeholders = &typed.understanding.stakeholders;
    let Some(signer) = stakeholders.iter().find(|s| s.name == args.by) else {
        let hint = closest(&args.by, stakeholders.iter().map(|s| s.name.as_str()))
            .map(|b| format!("did you mean `{b}`? "))
            .unwrap_or_default();
        return Err(CucError::Usage(format!(
            "`{}` is not a stakeholder of {id}\n  help: {hint}the signer must be in `stakeholders` in understanding.yaml, written exactly as there",
            args.by
        )));
    };
    if signer.side != "customer" {
        return Err(CucError::Usage(format!(
            "{} is on our side (side: vendor); the objective is signed by the customer's sponsors\n  \
             help: record the sign-off of the customer's {}",
            args.by,
            role.replace('_', " ")
        )));
    }
    if !signer.has_role(role) {
        let holders: Vec<&str> = stakeholders
            .iter()
            .filter(|s| s.has_role(role))
            .map(|s| s.name.as_str())
            .collect();
        let who = if holders.is_empty() {
            "nobody holds it yet".to_owned()
        } else {
            format!("it is held by {}", holders.join(", "))
        };
        return Err(CucError::Usage(format!(
            "{} does not hold the role {role} ({who})\n  help: sign as the role they hold, or add `{role}` to their `roles` in understanding.yaml first",
            args.by
        )));
    }
    let date = args.date.unwrap_or(ctx.today);
    let commit = record::dated_and_committed(
        &history,
        &dir,
        &id,
        date,
        ctx.today,
        "a sign-off",
        "the sign-off records exactly what was signed",
    )?;
    let fingerprint = typed.fingerprint;
    let entry = vec![
        ("by", Value::Text(args.by.clone())),
        ("role", Value::Plain(role.to_owned())),
        ("date", Value::Plain(date.to_string())),
        ("fingerprint", Value::Plain(fingerprint.to_string())),
        ("commit", Value::Text(commit.clone())),
    ];
    let file = record::append(
        &workspace,
        &history,
        &id,
        &dir,
        Section::Signoffs,
        &entry,
        |reviews: &serde_json::Value| {
            not_signed_already(
                &args.by,
                role,
                fingerprint.as_str(),
                &record::reviews_of(reviews, &id)?,
            )
        },
    )?;
    Ok(Outcome::ok(format!(
        "Recorded the sign-off of {} ({}) on {date} in {file}, for the page as last saved (version {})\n",
        args.by,
        role.replace('_', " "),
        fingerprint.short()
    )))
}

/// The same sponsor signing the same version again records nothing new:
/// their latest sign-off in that role already covers it.
fn not_signed_already(
    by: &str,
    role: &str,
    fingerprint: &str,
    reviews: &Reviews,
) -> Result<(), CucError> {
    let latest = reviews
        .signoffs
        .iter()
        .rev()
        .find(|s| s.by == by && s.role == role);
    match latest {
        Some(s) if s.fingerprint.as_deref() == Some(fingerprint) => Err(CucError::Usage(format!(
            "{by} already signed this version as {} on {}\n  help: a new sign-off is needed only after the understanding changes; nothing was written",
            role.replace('_', " "),
            s.date
        ))),
        _ => Ok(()),
    }
}
