//! `cuc check`: the CI gate. Validation and every review rule over the whole
//! workspace; exit 1 when anything is at error severity.

use super::{Context, Outcome};
use crate::error::CucError;
use crate::output::{self, Format};
use crate::portfolio::assess;
use crate::workspace::Workspace;

pub fn run(ctx: &Context) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customer_dirs()?;
    let portfolio = assess(&workspace, &customers, ctx.today);
    let report = &portfolio.report;
    let stdout = output::render(report, ctx.format.unwrap_or(Format::Human), &ctx.style);
    Ok(Outcome::new(stdout, report.exit_code()))
}
