//! `cuc new ID`: scaffolds a customer from templates. The id is checked and
//! every generated document validated before anything is written; an
//! existing folder is never touched.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Context, Outcome};
use crate::cli::NewArgs;
use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::load::notes::front_matter_end;
use crate::load::parse_yaml;
use crate::load::source::SourceText;
use crate::model::schema::Schemas;
use crate::workspace::template::{customer_templates, fill};
use crate::workspace::{Workspace, check_customer_id};

pub fn run(ctx: &Context, args: &NewArgs) -> Result<Outcome, CucError> {
    check_customer_id(&args.id)?;
    let workspace = Workspace::discover(&ctx.cwd)?;
    let customers = workspace.customers_dir();
    let target = customers.join(&args.id);
    if target.symlink_metadata().is_ok() {
        return Err(CucError::CustomerExists {
            id: args.id.clone(),
            path: target,
        });
    }
    let cs = match &args.cs {
        Some(cs) => cs.clone(),
        None => git_user_email().ok_or_else(|| {
            CucError::Usage(
                "who is the customer success manager for this customer?\n  \
                 help: pass their email with --cs EMAIL (cuc uses your git user.email when it is set)"
                    .to_owned(),
            )
        })?,
    };
    let values: BTreeMap<&str, Option<String>> = BTreeMap::from([
        ("id", Some(args.id.clone())),
        (
            "name",
            Some(args.name.clone().unwrap_or_else(|| title_case(&args.id))),
        ),
        ("cs", Some(cs)),
        ("sales", args.sales.clone()),
        ("renewal", args.renewal.map(|d| d.to_string())),
        ("today", Some(ctx.today.to_string())),
    ]);

    let mut files = Vec::new();
    for (path, template) in customer_templates(&workspace)? {
        let text = fill(&path, &template, &values);
        check_generated(&args.id, &path, &text)?;
        files.push((path, text));
    }

    // Write into a hidden folder first and rename it into place, so a
    // failure never leaves a half-made customer behind.
    std::fs::create_dir_all(&customers)
        .map_err(|e| CucError::io("create folder", &customers, e))?;
    let staging = customers.join(format!(".cuc-new-{}-{}", args.id, std::process::id()));
    let result = write_all(&staging, &files).and_then(|()| {
        if target.symlink_metadata().is_ok() {
            return Err(CucError::CustomerExists {
                id: args.id.clone(),
                path: target.clone(),
            });
        }
        std::fs::rename(&staging, &target).map_err(|e| CucError::io("create folder", &target, e))
    });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }

    let folder = workspace.relative(&target);
    let mut out = format!("Created customer `{}` in {folder}/:\n", args.id);
    for (path, _) in &files {
        out.push_str(&format!("  {folder}/{path}\n"));
    }
    let note = if files.iter().any(|(path, _)| path == "notes/handover.md") {
        format!(", write the story of the deal in {folder}/notes/handover.md")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "\nNext: fill in {folder}/understanding.yaml with sales (its commented examples show \
         what to write), replace every TODO{note}, and share it with the customer: \
         \"Is this right? What did we miss?\"\n"
    ));
    Ok(Outcome::ok(out))
}

/// A template that would produce an invalid document is refused.
fn check_generated(id: &str, path: &str, text: &str) -> Result<(), CucError> {
    let file = format!("customers/{id}/{path}");
    let source = SourceText::new(text.to_owned());
    let (kind, yaml_end) = if path.ends_with(".md") {
        match front_matter_end(&source) {
            Some(end) => (DocumentKind::Note, end),
            None => return Ok(()),
        }
    } else {
        match DocumentKind::for_customer_file(path) {
            Some(kind) => (kind, text.len()),
            None => return Ok(()),
        }
    };
    let findings = match parse_yaml(&source, &text[..yaml_end], &file) {
        Ok(root) => Schemas::embedded().check(kind, &root, &source, &file),
        Err(finding) => vec![*finding],
    };
    if findings.is_empty() {
        return Ok(());
    }
    let details = findings
        .iter()
        .map(|f| {
            let at = f
                .region
                .map(|r| format!(":{}:{}", r.start.line, r.start.column))
                .unwrap_or_default();
            format!("  {file}{at}: {}", f.full_message())
        })
        .collect::<Vec<_>>()
        .join("\n");
    Err(CucError::InvalidTemplate { file, details })
}

fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), CucError> {
    for (path, text) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| CucError::io("create folder", parent, e))?;
        }
        std::fs::write(&full, text).map_err(|e| CucError::io("write", &full, e))?;
    }
    Ok(())
}

fn git_user_email() -> Option<String> {
    git2::Config::open_default()
        .ok()?
        .get_string("user.email")
        .ok()
        .filter(|e| !e.trim().is_empty())
}

/// `northwind-traders` → `Northwind Traders`, a starting point for the name.
fn title_case(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
