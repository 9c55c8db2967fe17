//! `cuc status`: the portfolio at a glance. One entry per customer, those
//! that need attention first, and the ARR that rests on stale understanding.

use super::{Context, Outcome};
use crate::error::CucError;
use crate::judge::portfolio::assess;
use crate::judge::summary::summarize;
use crate::output::{Format, status};
use crate::workspace::Workspace;

pub fn run(ctx: &Context) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customer_dirs()?;
    let portfolio = assess(&workspace, &customers, ctx.today);
    let (rows, shallow) = summarize(&portfolio, &workspace, ctx.today)?;
    let warning = if shallow {
        "Note: this is a shallow clone, so \"last changed\" marked ≤ means at or before that time\n  \
         help: fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions)\n"
            .to_owned()
    } else {
        String::new()
    };
    let stdout = match ctx.format {
        Format::Json => status::json(&rows),
        // The formats `commands::formats` lists for status; the table is the rest.
        _ => status::table(&rows),
    };
    let mut outcome = Outcome::ok(stdout);
    outcome.stderr = warning;
    Ok(outcome)
}
