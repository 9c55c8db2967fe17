//! `cuc export`: the portfolio's figures back out, for a CRM's data loader
//! or a BI tool. One row per customer, or per stakeholder, criterion or risk.

use super::{Context, Outcome};
use crate::cli::ExportArgs;
use crate::error::CucError;
use crate::judge::portfolio::assess;
use crate::judge::summary::summarize;
use crate::output::Format;
use crate::output::export::{Table, What};
use crate::text::words::plural;
use crate::workspace::Workspace;

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customer_dirs()?;
    let portfolio = assess(&workspace, &customers, ctx.today);
    let fields = &workspace.config.fields;
    let mut note = String::new();
    let table = match args.what {
        What::Customers => {
            let (rows, _) = summarize(&portfolio, &workspace, ctx.today)?;
            let mut rows: Vec<_> = rows.iter().collect();
            rows.sort_by(|a, b| a.id.cmp(&b.id));
            Table::customers(&rows, fields)
        }
        what => {
            // Items are only exported from documents that validate: a
            // half-read list would pass for the whole one.
            let mut valid: Vec<_> = portfolio
                .customers
                .iter()
                .filter_map(|a| {
                    a.typed
                        .as_ref()
                        .map(|t| (a.customer.id.as_str(), &t.understanding))
                })
                .collect();
            valid.sort_by(|a, b| a.0.cmp(b.0));
            let mut left_out: Vec<&str> = portfolio
                .customers
                .iter()
                .filter(|a| a.typed.is_none())
                .map(|a| a.customer.id.as_str())
                .collect();
            left_out.sort_unstable();
            if !left_out.is_empty() {
                note = format!(
                    "Note: left out the {} of {} whose documents have errors: {}\n  \
                     help: `cuc validate` shows what to fix; their rows are exported once they validate\n",
                    what.name(),
                    plural(left_out.len(), "customer"),
                    left_out.join(", "),
                );
            }
            Table::items(what, &valid, fields)
        }
    };
    let stdout = match ctx.format {
        Format::Json => table.json(),
        _ => table.csv(),
    };
    let mut outcome = Outcome::ok(stdout);
    outcome.stderr = note;
    Ok(outcome)
}
