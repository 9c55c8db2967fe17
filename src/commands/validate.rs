//! `cuc validate [PATH...]`: every structural problem, all at once.

use std::path::{Path, PathBuf};

use super::{Context, Outcome};
use crate::error::CucError;
use crate::output::{self, Format};
use crate::validate::validate_customers;
use crate::workspace::{CUSTOMERS_DIR, Workspace};

pub fn run(ctx: &Context, paths: &[PathBuf]) -> Result<Outcome, CucError> {
    let workspace = Workspace::discover(&ctx.cwd)?;
    let all = workspace.customer_dirs()?;
    let selection = Selection::resolve(&workspace, &ctx.cwd, paths)?;
    let customers: Vec<_> = all
        .into_iter()
        .filter(|(id, _)| selection.includes_customer(id))
        .collect();
    let format = ctx.format;
    // Only the human format shows snippets; JSON, SARIF and GitHub keep no
    // source text.
    let mut report = validate_customers(&workspace, &customers, format == Format::Human);
    report.findings.retain(|f| selection.includes_file(&f.file));

    let stdout = output::render(&report, format, &ctx.style);
    Ok(Outcome::new(stdout, report.exit_code()))
}

/// Which customers and files the command line asked for.
struct Selection {
    /// `None`: the whole workspace. Otherwise workspace-relative prefixes
    /// (`customers/acme`, `customers/acme/decisions.yaml`).
    prefixes: Option<Vec<String>>,
}

impl Selection {
    fn resolve(
        workspace: &Workspace,
        cwd: &Path,
        paths: &[PathBuf],
    ) -> Result<Selection, CucError> {
        if paths.is_empty() {
            return Ok(Selection { prefixes: None });
        }
        let mut prefixes = Vec::new();
        for path in paths {
            let full = cwd.join(path);
            let canonical = full
                .canonicalize()
                .map_err(|_| CucError::NoSuchPath { path: path.clone() })?;
            if !canonical.starts_with(&workspace.root) {
                return Err(CucError::OutsideWorkspace {
                    path: path.clone(),
                    root: workspace.root.clone(),
                });
            }
            let relative = workspace.relative(&canonical);
            if relative.is_empty() || relative == CUSTOMERS_DIR {
                return Ok(Selection { prefixes: None });
            }
            if !relative.starts_with(&format!("{CUSTOMERS_DIR}/")) {
                return Err(CucError::OutsideWorkspace {
                    path: path.clone(),
                    root: workspace.root.join(CUSTOMERS_DIR),
                });
            }
            prefixes.push(relative);
        }
        Ok(Selection {
            prefixes: Some(prefixes),
        })
    }

    fn includes_customer(&self, id: &str) -> bool {
        self.prefixes
            .as_ref()
            .is_none_or(|prefixes| prefixes.iter().any(|p| p.split('/').nth(1) == Some(id)))
    }

    fn includes_file(&self, file: &str) -> bool {
        self.prefixes.as_ref().is_none_or(|prefixes| {
            prefixes
                .iter()
                .any(|p| file == p || file.starts_with(&format!("{p}/")))
        })
    }
}
