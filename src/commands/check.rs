//! `cuc check`: the CI gate. Validation and every review rule over the whole
//! workspace; exit 1 when anything is at error severity.

use super::{Context, Outcome};
use crate::error::CucError;
use crate::judge::portfolio::check;
use crate::output::{self, Format};
use crate::workspace::Workspace;

pub fn run(ctx: &Context) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customer_dirs()?;
    let format = ctx.format;
    // Only the human format shows snippets of the files.
    let report = &check(&workspace, &customers, ctx.today, format == Format::Human);
    let stdout = output::render(report, format, &ctx.style);
    Ok(Outcome::new(stdout, report.exit_code()))
}
