//! `cuc review`: the rules' judgement and the milestone's questions;
//! `--record` appends the review to reviews.yaml; `--explain` explains rules.

use super::{Context, Outcome, record};
use crate::cli::ReviewArgs;
use crate::error::CucError;
use crate::history::History;
use crate::judge::catalog;
use crate::judge::portfolio::assess;
use crate::judge::questions::{milestone_at_hand, render, since_last_review};
use crate::judge::rules::RULES;
use crate::model::{Reviews, Understanding};
use crate::output::{self, Format};
use crate::text::closest;
use crate::workspace::Workspace;
use crate::write::{Section, Value};

pub fn run(ctx: &Context, args: &ReviewArgs) -> Result<Outcome, CucError> {
    if let Some(rule) = &args.explain {
        return explain(rule);
    }
    let workspace = Workspace::discover(&ctx.cwd)?;
    if args.record {
        return record_review(ctx, &workspace, args);
    }
    let customers = workspace.select(&args.ids)?;
    let portfolio = assess(&workspace, &customers, ctx.today);
    let format = ctx.format;
    let mut stdout = String::new();
    if format == Format::Human {
        let history = History::discover(&workspace.root)?;
        for assessed in &portfolio.customers {
            let Some(typed) = &assessed.typed else {
                stdout.push_str(&format!(
                    "{}: its documents have errors (below); fix them to see the milestone's questions\n\n",
                    assessed.customer.id
                ));
                continue;
            };
            let milestone = match milestone_at_hand(typed, ctx.today, args.milestone.as_deref()) {
                Ok(milestone) => milestone,
                // Asked for one customer: a milestone it lacks is a mistake.
                Err(why) if portfolio.customers.len() == 1 => {
                    return Err(CucError::Usage(format!("{}: {why}", assessed.customer.id)));
                }
                // Across the portfolio: say so for this customer and go on.
                Err(why) => {
                    stdout.push_str(&format!("{}: {why}\n\n", assessed.customer.id));
                    continue;
                }
            };
            match milestone {
                Some(m) => {
                    let current = assessed
                        .customer
                        .understanding
                        .as_ref()
                        .and_then(|l| l.parsed())
                        .map(|(_, p)| p.root.to_json())
                        .unwrap_or_default();
                    let path = assessed.customer.dir.join("understanding.yaml");
                    let since = since_last_review(
                        typed,
                        history.as_ref(),
                        &path,
                        &current,
                        workspace.config.limits.max_file_size,
                    );
                    stdout.push_str(&render(&assessed.customer.id, m, typed, &since));
                }
                None => {
                    let next = typed
                        .understanding
                        .milestones
                        .iter()
                        .filter(|m| {
                            crate::model::dates::date(&m.due).is_some_and(|d| d > ctx.today)
                        })
                        .min_by_key(|m| crate::model::dates::date(&m.due));
                    match next {
                        Some(m) => stdout.push_str(&format!(
                            "{}: no milestone is due for review; the next is `{}` on {}\n",
                            assessed.customer.id, m.id, m.due
                        )),
                        None => stdout.push_str(&format!(
                            "{}: no milestone is due for review\n",
                            assessed.customer.id
                        )),
                    }
                }
            }
            stdout.push('\n');
        }
    }
    stdout.push_str(&output::render(&portfolio.report, format, &ctx.style));
    Ok(Outcome::new(stdout, portfolio.report.exit_code()))
}

fn explain(rule: &str) -> Result<Outcome, CucError> {
    if rule.is_empty() {
        let mut out = String::from("Review rules (cuc review, cuc check):\n");
        for r in RULES {
            out.push_str(&format!(
                "  {:<26} {:<8} {}\n",
                r.check.name, r.check.severity, r.check.summary
            ));
        }
        out.push_str("\nOn a customer's exceptions (review.ignore):\n");
        for c in crate::judge::rules::IGNORE_CHECKS.iter() {
            out.push_str(&format!(
                "  {:<26} {:<8} {}\n",
                c.name, c.severity, c.summary
            ));
        }
        out.push_str("\nStructure (cuc validate, cuc check):\n");
        for c in catalog::CHECKS {
            out.push_str(&format!(
                "  {:<26} {:<8} {}\n",
                c.name, c.severity, c.summary
            ));
        }
        out.push_str("\nExplain one with `cuc review --explain RULE`.\n");
        return Ok(Outcome::ok(out));
    }
    let Some(check) = catalog::find(rule) else {
        let hint = closest(rule, catalog::all().map(|c| c.name))
            .map(|b| format!("did you mean `{b}`? "))
            .unwrap_or_default();
        return Err(CucError::Usage(format!(
            "there is no rule `{rule}`\n  help: {hint}`cuc review --explain` lists them all"
        )));
    };
    Ok(Outcome::ok(format!(
        "{} ({} by default)\n  {}\n\n{}\n",
        check.name,
        check.severity,
        check.summary,
        wrap(check.explanation, 80)
    )))
}

fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

fn record_review(
    ctx: &Context,
    workspace: &Workspace,
    args: &ReviewArgs,
) -> Result<Outcome, CucError> {
    let [id] = args.ids.as_slice() else {
        return Err(CucError::Usage(
            "name exactly one customer to record a review for\n  help: cuc review ID --record --milestone M --by NAME --outcome on_track".to_owned(),
        ));
    };
    let (id, dir) = workspace.select(std::slice::from_ref(id))?.remove(0);
    let history = History::require(
        &workspace.root,
        "a review records the git commit that was reviewed; run cuc inside the repository (`cuc init` creates one)",
    )?;
    let milestone = args.milestone.as_deref().unwrap_or_default();
    let typed = record::valid(workspace, &id, &dir, "a review", true)?;
    let milestones: Vec<String> = typed
        .understanding
        .milestones
        .iter()
        .map(|m| m.id.clone())
        .collect();
    if !milestones.iter().any(|m| m == milestone) {
        let hint = closest(milestone, milestones.iter().map(String::as_str))
            .map(|b| format!("did you mean `{b}`? "))
            .unwrap_or_default();
        return Err(CucError::Usage(format!(
            "customer `{id}` has no milestone `{milestone}`\n  help: {hint}the milestones are: {}",
            if milestones.is_empty() {
                "none yet (add them to understanding.yaml)".to_owned()
            } else {
                milestones.join(", ")
            }
        )));
    }
    let by: Vec<String> = args
        .by
        .iter()
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .collect();
    if by.is_empty() {
        return Err(CucError::Usage(
            "--by needs a name: who held the review".to_owned(),
        ));
    }
    let by = check_reviewers(&id, &typed.understanding, &by)?;
    let date = args.date.unwrap_or(ctx.today);
    let commit = record::dated_and_committed(
        &history,
        &dir,
        &id,
        date,
        ctx.today,
        "a review",
        "the review records exactly what was reviewed",
    )?;
    let fingerprint = typed.fingerprint;
    let outcome = args.outcome.map(|o| o.as_str()).unwrap_or("on_track");
    let mut entry = vec![
        ("milestone", Value::Text(milestone.to_owned())),
        ("date", Value::Plain(date.to_string())),
        ("by", Value::List(by)),
        ("outcome", Value::Plain(outcome.to_owned())),
    ];
    if let Some(note) = &args.note {
        entry.push(("notes", Value::Text(note.clone())));
    }
    entry.push(("commit", Value::Text(commit.clone())));
    entry.push(("fingerprint", Value::Plain(fingerprint.to_string())));
    // Checked under the lock: two people recording the same milestone at
    // once cannot both pass as the first review.
    let once = |reviews: &serde_json::Value| {
        first_or_again(
            &id,
            milestone,
            args.again,
            date,
            &record::reviews_of(reviews, &id)?,
        )
    };
    let file = record::append(
        workspace,
        &history,
        &id,
        &dir,
        Section::Reviews,
        &entry,
        once,
    )?;
    Ok(Outcome::ok(format!(
        "Recorded the `{milestone}` review of {id} ({outcome}) in {file}, for the page as last saved (version {})\n",
        fingerprint.short()
    )))
}

/// Every reviewer is someone the understanding knows: a stakeholder (either
/// side), or an email of the customer's team (`customer.team`, in any
/// case). Returns them as the understanding writes them, each once.
fn check_reviewers(
    id: &str,
    understanding: &Understanding,
    by: &[String],
) -> Result<Vec<String>, CucError> {
    let team = &understanding.customer.team;
    let known: Vec<&str> = understanding
        .stakeholders
        .iter()
        .map(|s| s.name.as_str())
        .chain(std::iter::once(team.cs.as_str()))
        .chain(team.sales.as_deref())
        .collect();
    let spelling = |b: &str| {
        known
            .iter()
            .find(|k| **k == b || (k.contains('@') && k.eq_ignore_ascii_case(b)))
            .copied()
    };
    let mut reviewers: Vec<String> = Vec::new();
    for name in by {
        let Some(known_as) = spelling(name) else {
            let hint = closest(name, known.iter().copied())
                .map(|b| format!("did you mean `{b}`? "))
                .unwrap_or_default();
            return Err(CucError::Usage(format!(
                "`{name}` is not a stakeholder of {id}, nor an email in its `customer.team`\n  \
                 help: {hint}name each reviewer exactly as in `stakeholders` in understanding.yaml (or add them there first); nothing was written"
            )));
        };
        if !reviewers.iter().any(|r| r == known_as) {
            reviewers.push(known_as.to_owned());
        }
    }
    Ok(reviewers)
}

/// A milestone is reviewed once; a later review of it is a follow-up, which
/// `--again` says. `reviews` is the reviews file as it is now.
fn first_or_again(
    id: &str,
    milestone: &str,
    again: bool,
    date: jiff::civil::Date,
    reviews: &Reviews,
) -> Result<(), CucError> {
    let earlier = reviews.reviews.iter().find(|r| r.milestone == milestone);
    match (earlier, again) {
        (Some(first), false) => Err(CucError::Usage(format!(
            "the `{milestone}` milestone of {id} was already reviewed on {}\n  \
             help: if this is a follow-up review, record it with --again; nothing was written",
            first.date
        ))),
        // A follow-up comes after the review it follows.
        (Some(first), true)
            if crate::model::dates::date(&first.date).is_some_and(|first| date < first) =>
        {
            Err(CucError::Usage(format!(
                "a follow-up review of the `{milestone}` milestone of {id} cannot be dated {date}, before its first review on {}\n  \
                 help: check --date; nothing was written",
                first.date
            )))
        }
        (None, true) => Err(CucError::Usage(format!(
            "--again records a follow-up review, but the `{milestone}` milestone of {id} has no review yet\n  \
             help: leave out --again to record its first review; nothing was written"
        ))),
        _ => Ok(()),
    }
}
