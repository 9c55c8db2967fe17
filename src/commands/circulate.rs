//! `cuc circulate ID DECISION --to NAME... [--at TIME]`: records when and to
//! whom a decision was sent (`circulated` and `to`, added to its entry in
//! decisions.yaml, every other byte kept) and prints the message to send.
//!
//! A decision is circulated once: one already circulated is refused with
//! when and to whom, as adding names to its `to` would rewrite a line
//! a person or an earlier run wrote.

use super::{Context, Outcome, record};
use crate::cli::CirculateArgs;
use crate::error::CucError;
use crate::history::History;
use crate::model::Decision;
use crate::model::dates::{
    has_offset, hours_between, instant, now_to_the_minute, now_to_the_minute_local, readable_time,
};
use crate::output::Format;
use crate::output::circulation::{self, Circulation};
use crate::text::words::plural;
use crate::workspace::Workspace;
use crate::write::{self, Edit, Section, Target, Value};

pub fn run(ctx: &Context, args: &CirculateArgs) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let (id, dir) = workspace.select(std::slice::from_ref(&args.id))?.remove(0);
    let typed = record::valid(&workspace, &id, &dir, "a circulation", false)?;
    let decision = record::decision(&typed.decisions, &id, &args.decision)?;
    not_yet_circulated(decision, &id)?;
    let to = record::unique(&args.to);
    for name in &to {
        record::stakeholder(
            &typed.understanding.stakeholders,
            &id,
            name,
            "everyone it is sent to",
        )?;
    }
    // Written like the decision's own time: with an offset when it has one.
    let at = match &args.at {
        Some(at) => {
            record::time_not_in_future(at, "the circulation", "--at")?;
            at.clone()
        }
        None if has_offset(&decision.made) => now_to_the_minute(),
        None => now_to_the_minute_local(),
    };
    if let (Some(made), Some(sent)) = (instant(&decision.made), instant(&at))
        && sent < made
    {
        return Err(CucError::Usage(format!(
            "decision {} was made {}, after {}, when it would be circulated\n  help: {}; nothing was written",
            decision.id,
            readable_time(&decision.made),
            readable_time(&at),
            if args.at.is_some() {
                "check --at: a decision is circulated after it is made"
            } else {
                "check its `made` in decisions.yaml"
            }
        )));
    }

    let history = History::discover(&workspace.root)?;
    let path = dir.join("decisions.yaml");
    let file = workspace.relative(&path);
    let lock = write::lock_path(&workspace.root, history.as_ref().map(History::git_dir), &id);
    let target = Target {
        path: &path,
        file: &file,
        section: Section::Decisions,
        lock: &lock,
        limits: workspace.config.limits,
        header: "",
        schemas: workspace.schemas_for_writing(),
    };
    let fields = vec![
        ("circulated", Value::Plain(at.clone())),
        ("to", Value::List(to.clone())),
    ];
    write::apply(&target, |current| {
        let log = record::decisions_of(current, &id)?;
        let Some(index) = log.decisions.iter().position(|d| d.id == decision.id) else {
            return Err(record::changed_meanwhile(&id));
        };
        not_yet_circulated(&log.decisions[index], &id)?;
        Ok((Edit::AddFields { index, fields }, ()))
    })?;

    let replaces = decision
        .supersedes
        .as_deref()
        .and_then(|old| typed.decisions.find(old));
    let message = Circulation {
        customer: &typed.understanding.customer.name,
        decision,
        replaces,
        to: &to,
    };
    let stdout = match ctx.format {
        Format::Human => circulation::text(&message),
        _ => circulation::markdown(&message),
    };
    let mut outcome = Outcome::ok(stdout);
    if !ctx.style.quiet {
        outcome.stderr = recorded(decision, &file, &at, &to);
    }
    Ok(outcome)
}

/// A decision is circulated once; a `to` without `circulated` is a record
/// half written by hand, which cuc does not complete by rewriting it.
fn not_yet_circulated(d: &Decision, id: &str) -> Result<(), CucError> {
    let file = format!("customers/{id}/decisions.yaml");
    match &d.circulated {
        Some(when) => Err(CucError::Usage(format!(
            "decision {} was already circulated on {} to {}\n  help: cuc records one circulation per decision: to tell someone else as well, send it to them and add their name to its `to` in {file}; nothing was written",
            d.id,
            readable_time(when),
            if d.to.is_empty() {
                "nobody named (its `to` is empty)".to_owned()
            } else {
                circulation::names(&d.to)
            }
        ))),
        None if !d.to.is_empty() => Err(CucError::Usage(format!(
            "decision {} already lists whom it was sent to ({}) but not when\n  help: add `circulated:` with the time it was sent to its entry in {file}; nothing was written",
            d.id,
            circulation::names(&d.to)
        ))),
        None => Ok(()),
    }
}

/// What was recorded, for the person running cuc (the message itself is
/// the output, ready to send): and whether it went out later than the
/// practice's 24 hours.
fn recorded(d: &Decision, file: &str, at: &str, to: &[String]) -> String {
    let mut out = format!(
        "Recorded in {file} that {} was circulated {} to {}; send the message above.\n",
        d.id,
        readable_time(at),
        circulation::names(to)
    );
    if let (Some(made), Some(sent)) = (instant(&d.made), instant(at)) {
        let hours = hours_between(made, sent);
        if hours > 24.0 {
            let days = (hours / 24.0).floor() as usize;
            out.push_str(&format!(
                "It was made {} before, later than the practice's 24 hours: `cuc review` will say so.\n",
                if days >= 2 {
                    plural(days, "day")
                } else {
                    plural(hours.floor() as usize, "hour")
                }
            ));
        }
    }
    out
}
