//! `cuc new ID`: scaffolds a customer from templates, or with
//! `--interactive` from an interview (`interview`). The id is checked and
//! every generated document validated before anything is written; an
//! existing folder is never touched.

use std::collections::BTreeMap;
use std::path::Path;

use super::interview::{self, Defaults};
use super::{Context, Outcome};
use crate::cli::NewArgs;
use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::load::notes::front_matter_end;
use crate::load::parse_yaml;
use crate::load::source::SourceText;
use crate::model::schema::Schemas;
use crate::workspace::answers::understanding;
use crate::workspace::template::{customer_templates, fill, is_built_in};
use crate::workspace::{Workspace, check_customer_id};

pub fn run(ctx: &Context, args: &NewArgs) -> Result<Outcome, CucError> {
    check_customer_id(&args.id)?;
    if args.interactive {
        interview::check_terminal(&args.id)?;
    }
    let workspace = Workspace::discover(&ctx.cwd)?;
    let target = workspace.customers_dir().join(&args.id);
    refuse_existing(&args.id, &target)?;
    let name = args.name.clone().unwrap_or_else(|| title_case(&args.id));
    if args.interactive {
        return interactive(ctx, &workspace, args, name);
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
    let values = values(
        ctx,
        &args.id,
        name,
        cs,
        args.sales.clone(),
        args.renewal.map(|d| d.to_string()),
    );
    let mut files = Vec::new();
    for (path, template) in customer_templates(&workspace)? {
        let text = fill(&path, &template, &values);
        check_generated(workspace.schemas_for_writing(), &args.id, &path, &text)?;
        files.push((path, text));
    }
    let folder = create(&workspace, &args.id, &files)?;
    let note = if files.iter().any(|(path, _)| path == "notes/handover.md") {
        format!(", write the story of the deal in {folder}/notes/handover.md")
    } else {
        String::new()
    };
    Ok(Outcome::ok(format!(
        "{}\nNext: fill in {folder}/understanding.yaml with sales (its commented examples show \
         what to write), replace every TODO{note}, and share it with the customer: \
         \"Is this right? What did we miss?\"\n{}",
        created(&args.id, &folder, &files, ""),
        still_required(&workspace, &args.id, &folder, &files)
    )))
}

/// `cuc new --interactive`: the interview, then understanding.yaml made of
/// the answers and every other template filled as plain `cuc new` fills it.
fn interactive(
    ctx: &Context,
    workspace: &Workspace,
    args: &NewArgs,
    name: String,
) -> Result<Outcome, CucError> {
    let id = args.id.as_str();
    let defaults = Defaults {
        name,
        cs: args.cs.clone().or_else(git_user_email),
        sales: args.sales.clone(),
        renewal: args.renewal,
    };
    // A workspace template that cannot make a valid document is refused
    // before the questions, not after them.
    let before = values(
        ctx,
        id,
        defaults.name.clone(),
        defaults.cs.clone().unwrap_or_default(),
        defaults.sales.clone(),
        defaults.renewal.map(|d| d.to_string()),
    );
    for (path, template) in customer_templates(workspace)? {
        if path != UNDERSTANDING {
            check_generated(
                workspace.schemas_for_writing(),
                id,
                &path,
                &fill(&path, &template, &before),
            )?;
        }
    }
    let answers = interview::ask(id, &defaults, ctx.style.color)?;

    let c = &answers.customer;
    let values = values(
        ctx,
        id,
        c.name.clone(),
        c.cs.clone(),
        c.sales.clone(),
        c.renewal.map(|d| d.to_string()),
    );
    let document = understanding(&answers, ctx.today).map_err(|place| {
        CucError::Usage(format!(
            "the answer at {place} would not read back from understanding.yaml as it was typed, so nothing was written\n  \
             help: this is a fault in cuc; run the interview again with that answer put differently, or use plain `cuc new {id}`"
        ))
    })?;
    let mut files = Vec::new();
    let mut template_unused = false;
    for (path, template) in customer_templates(workspace)? {
        let text = if path == UNDERSTANDING {
            template_unused = !is_built_in(&path, &template);
            document.clone()
        } else {
            fill(&path, &template, &values)
        };
        check_generated(workspace.schemas_for_writing(), id, &path, &text)?;
        files.push((path, text));
    }
    let folder = create(workspace, id, &files)?;
    let note = if template_unused {
        "  (from your answers: the interview does not use templates/understanding.yaml)\n"
    } else {
        ""
    };
    Ok(Outcome::ok(format!(
        "{}\nNext: read {folder}/understanding.yaml with sales, fill in what is still TODO, \
         and share it with the customer: \"Is this right? What did we miss?\"\n{}",
        created(id, &folder, &files, note),
        still_required(workspace, id, &folder, &files)
    )))
}

pub(super) const UNDERSTANDING: &str = "understanding.yaml";

/// The fields of the team's own that cuc.yaml requires and the new
/// understanding.yaml does not have yet (cuc writes none of them), said so
/// that `cuc validate` asking for them is no surprise.
fn still_required(
    workspace: &Workspace,
    id: &str,
    folder: &str,
    files: &[(String, String)],
) -> String {
    let Some((_, text)) = files.iter().find(|(path, _)| path == UNDERSTANDING) else {
        return String::new();
    };
    let file = format!("customers/{id}/{UNDERSTANDING}");
    let source = SourceText::new(text.clone());
    let Ok(root) = parse_yaml(&source, text, &file) else {
        return String::new();
    };
    let missing: Vec<String> = workspace
        .schemas()
        .check(DocumentKind::Understanding, &root, &source, &file)
        .iter()
        .filter_map(|f| f.absent.as_deref())
        .map(|pointer| format!("`{}`", pointer.trim_start_matches('/').replace('/', ".")))
        .collect();
    if missing.is_empty() {
        return String::new();
    }
    format!(
        "cuc.yaml requires {} of every customer: write {} in {folder}/understanding.yaml (until then `cuc validate` asks for {}).\n",
        missing.join(", "),
        if missing.len() == 1 { "it" } else { "them" },
        if missing.len() == 1 { "it" } else { "them" },
    )
}

fn refuse_existing(id: &str, target: &Path) -> Result<(), CucError> {
    if target.symlink_metadata().is_ok() {
        return Err(CucError::CustomerExists {
            id: id.to_owned(),
            path: target.to_path_buf(),
        });
    }
    Ok(())
}

/// What the templates' `{{placeholders}}` are filled with.
pub(super) fn values(
    ctx: &Context,
    id: &str,
    name: String,
    cs: String,
    sales: Option<String>,
    renewal: Option<String>,
) -> BTreeMap<&'static str, Option<String>> {
    BTreeMap::from([
        ("id", Some(id.to_owned())),
        ("name", Some(name)),
        ("cs", Some(cs)),
        ("sales", sales),
        ("renewal", renewal),
        ("today", Some(ctx.today.to_string())),
    ])
}

/// Writes the files into a hidden folder first and renames it into place,
/// so a failure never leaves a half-made customer behind. Returns the
/// customer's folder, relative to the workspace.
pub(super) fn create(
    workspace: &Workspace,
    id: &str,
    files: &[(String, String)],
) -> Result<String, CucError> {
    let customers = workspace.customers_dir();
    let target = customers.join(id);
    std::fs::create_dir_all(&customers)
        .map_err(|e| CucError::io("create folder", &customers, e))?;
    let staging = customers.join(format!(".cuc-new-{id}-{}", std::process::id()));
    let result = write_all(&staging, files).and_then(|()| {
        refuse_existing(id, &target)?;
        std::fs::rename(&staging, &target).map_err(|e| CucError::io("create folder", &target, e))
    });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    Ok(workspace.relative(&target))
}

fn created(id: &str, folder: &str, files: &[(String, String)], note: &str) -> String {
    let mut out = format!("Created customer `{id}` in {folder}/:\n");
    for (path, _) in files {
        out.push_str(&format!("  {folder}/{path}\n"));
        if path == UNDERSTANDING {
            out.push_str(note);
        }
    }
    out
}

/// A template that would produce an invalid document is refused (the
/// workspace's own fields are taken, but none is required of a template).
pub(super) fn check_generated(
    schemas: &Schemas,
    id: &str,
    path: &str,
    text: &str,
) -> Result<(), CucError> {
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
        Ok(root) => schemas.check(kind, &root, &source, &file),
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
