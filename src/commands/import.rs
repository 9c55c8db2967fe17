//! `cuc import SYSTEM --from DIR`: customers from a CRM's CSV exports. The
//! whole export is read and every customer to create is built and checked
//! before any is written; a customer already here is never touched.

use std::io::IsTerminal;

use super::new::{UNDERSTANDING, check_generated, create, values};
use super::{Context, Outcome};
use crate::cli::ImportArgs;
use crate::error::CucError;
use crate::import::{self, map};
use crate::load::document::DocumentKind;
use crate::output::{self, Format};
use crate::workspace::Workspace;
use crate::workspace::template::{customer_templates, fill};

/// How many problems the error lists before it counts the rest.
const SHOWN: usize = 20;

pub fn run(ctx: &Context, args: &ImportArgs) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let from = ctx.cwd.join(&args.from);
    let shown_from = args.from.display().to_string();
    if !from.is_dir() {
        let what = if from.exists() {
            format!("{shown_from} is a file, not a folder")
        } else {
            format!("there is no folder {shown_from} to import from")
        };
        return Err(CucError::Usage(format!(
            "{what}\n  \
             help: pass the folder holding the export's CSV files with --from DIR"
        )));
    }
    if let Some(cs) = &args.cs
        && !workspace.schemas().accepts(
            DocumentKind::Understanding,
            "/customer/team/cs",
            &serde_json::Value::from(cs.as_str()),
        )
    {
        return Err(CucError::Usage(format!(
            "`{cs}` is not an email address, and --cs names the customer success manager by their email\n  \
             help: write it whole, e.g. --cs priya.raman@yourcompany.com"
        )));
    }
    let map_path = args.map.as_ref().map(|m| ctx.cwd.join(m));
    let map_shown = args.map.as_ref().map(|m| m.display().to_string());
    let mapping = map::load(
        args.system,
        map_path.as_deref().zip(map_shown.as_deref()),
        &workspace.config.fields,
    )?;

    let progress = if std::io::stderr().is_terminal() && !ctx.style.quiet {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let planned = import::plan(
        &workspace,
        args.system,
        &mapping,
        &from,
        args.cs.as_deref(),
        ctx.today,
        &progress,
    );
    let plan = match planned {
        Ok(plan) => plan,
        Err(mut problems) => {
            progress.finish_and_clear();
            problems.sort();
            problems.dedup();
            let mut text = format!(
                "the export in {shown_from} has {}:",
                crate::text::words::plural(problems.len(), "problem")
            );
            for p in problems.iter().take(SHOWN) {
                text.push_str(&format!("\n  {p}"));
            }
            if problems.len() > SHOWN {
                text.push_str(&format!(
                    "\n  ...and {} more like these",
                    problems.len() - SHOWN
                ));
            }
            return Err(CucError::ImportRejected { problems: text });
        }
    };

    // Every other template, as `cuc new` fills it, checked before writing.
    let templates = customer_templates(&workspace)?;
    let mut customers = Vec::with_capacity(plan.created.len());
    for c in &plan.created {
        let values = values(
            ctx,
            &c.id,
            c.name.clone(),
            c.cs.clone(),
            c.sales.clone(),
            c.renewal.clone(),
        );
        let mut files = Vec::with_capacity(templates.len());
        for (path, template) in &templates {
            // understanding.yaml was checked against the workspace's own
            // schemas, required fields and all.
            let text = if path == UNDERSTANDING {
                c.text.clone()
            } else {
                let text = fill(path, template, &values);
                check_generated(workspace.schemas_for_writing(), &c.id, path, &text)?;
                text
            };
            files.push((path.clone(), text));
        }
        customers.push((c.id.clone(), files));
    }
    if !args.dry_run {
        progress.set_length(customers.len() as u64);
        progress.set_position(0);
        progress.set_message("writing the new customers");
        for (id, files) in &customers {
            create(&workspace, id, files)?;
            progress.inc(1);
        }
    }
    progress.finish_and_clear();
    let stdout = match ctx.format {
        Format::Json => output::import::json(&plan, args.dry_run),
        // -q: only errors, and an import that did its job has none.
        _ if ctx.style.quiet => String::new(),
        _ => output::import::human(&plan, args.dry_run, &shown_from),
    };
    Ok(Outcome::ok(stdout))
}
