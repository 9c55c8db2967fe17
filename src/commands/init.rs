//! `cuc init [DIR]`: a new workspace with settings, a customers folder, an
//! example CI workflow and a .gitignore for rendered pages; a git
//! repository when not already inside one.

use std::path::Path;

use super::{Context, Outcome};
use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::workspace::template::{PAGES_DIR, WORKSPACE_CI, WORKSPACE_CONFIG, WORKSPACE_GITIGNORE};
use crate::workspace::{CONFIG_FILE, CUSTOMERS_DIR};

pub fn run(ctx: &Context, dir: Option<&Path>) -> Result<Outcome, CucError> {
    let root = match dir {
        Some(dir) => ctx.cwd.join(dir),
        None => ctx.cwd.clone(),
    };
    let config = root.join(CONFIG_FILE);
    if config.exists() {
        return Err(CucError::WorkspaceExists { path: root });
    }
    std::fs::create_dir_all(&root).map_err(|e| CucError::io("create folder", &root, e))?;

    let mut created = Vec::new();
    let git_note = match git2::Repository::discover(&root) {
        Ok(_) => "already inside a git repository".to_owned(),
        Err(_) => {
            // The first branch is main: the workflow init writes runs on pushes to main.
            let mut options = git2::RepositoryInitOptions::new();
            options.initial_head("main");
            git2::Repository::init_opts(&root, &options).map_err(|e| CucError::Git {
                message: format!(
                    "could not create a repository in {}: {}",
                    root.display(),
                    e.message()
                ),
                help: "check that you can write to the folder",
            })?;
            created.push(".git/ (a new git repository)".to_owned());
            "created a git repository".to_owned()
        }
    };

    write_new(&config, WORKSPACE_CONFIG)?;
    created.push(CONFIG_FILE.to_owned());
    let customers = root.join(CUSTOMERS_DIR);
    std::fs::create_dir_all(&customers)
        .map_err(|e| CucError::io("create folder", &customers, e))?;
    // git keeps no empty folders; this file keeps customers/ in the first commit.
    let keep = customers.join(".gitkeep");
    if !keep.exists() {
        write_new(&keep, "")?;
    }
    created.push(format!("{CUSTOMERS_DIR}/"));
    // The schemas, where the documents' first lines point editors at them.
    let schemas = root.join(SCHEMA_DIR);
    std::fs::create_dir_all(&schemas).map_err(|e| CucError::io("create folder", &schemas, e))?;
    let mut kept = false;
    for kind in [
        DocumentKind::Understanding,
        DocumentKind::Decisions,
        DocumentKind::Reviews,
        DocumentKind::Config,
    ] {
        let path = schemas.join(format!("{}.json", kind.name()));
        if path.symlink_metadata().is_ok() {
            kept = true;
        } else {
            write_new(&path, kind.schema_text())?;
        }
    }
    created.push(if kept {
        format!("{SCHEMA_DIR}/ (the schemas your editor reads to suggest fields and values; those already there are kept)")
    } else {
        format!("{SCHEMA_DIR}/ (the schemas your editor reads to suggest fields and values)")
    });
    let workflow = root.join(".github/workflows/cuc.yml");
    if workflow.exists() {
        created.push(".github/workflows/cuc.yml (kept: it already exists)".to_owned());
    } else {
        let parent = workflow.parent().unwrap_or(&root);
        std::fs::create_dir_all(parent).map_err(|e| CucError::io("create folder", parent, e))?;
        write_new(&workflow, WORKSPACE_CI)?;
        created
            .push(".github/workflows/cuc.yml (cuc check, code scanning and a diff comment on every pull request)".to_owned());
    }

    let ignore = root.join(".gitignore");
    if ignore.symlink_metadata().is_ok() {
        // A person's .gitignore is theirs: cuc does not change it, it says
        // what to add.
        if ignores_pages(&root) {
            created.push(format!(
                ".gitignore (kept: it already exists, and already leaves {PAGES_DIR}/ out of git)"
            ));
        } else {
            created.push(format!(
                ".gitignore (kept: it already exists; add the line `/{PAGES_DIR}/` to it, so the pages `cuc render --all -o {PAGES_DIR}` writes stay out of git)"
            ));
        }
    } else {
        write_new(&ignore, WORKSPACE_GITIGNORE)?;
        created.push(format!(
            ".gitignore (leaves {PAGES_DIR}/, the pages `cuc render --all -o {PAGES_DIR}` writes, out of git)"
        ));
    }

    // The folder as the person named it: the path they typed, not where it
    // happens to sit on this machine.
    let place = match dir {
        Some(dir) => format!("{}/", dir.display().to_string().trim_end_matches('/')),
        None => "this folder".to_owned(),
    };
    let mut out = format!("Created a cuc workspace in {place} ({git_note}):\n");
    for item in created {
        out.push_str(&format!("  {item}\n"));
    }
    let go = match dir {
        Some(dir) => format!("`cd {}`, then add", dir.display()),
        None => "add".to_owned(),
    };
    out.push_str(&format!(
        "\nNext: {go} your first customer with `cuc new ID --interactive`, which asks the page's \
         questions one by one (or `cuc new ID --name NAME --cs EMAIL` for a template to fill in).\n"
    ));
    out.push_str(&format!(
        "Then `cuc render --all -o {PAGES_DIR}` builds every customer's page into {PAGES_DIR}/.\n"
    ));
    Ok(Outcome::ok(out))
}

/// Where `cuc init` puts the schemas the documents' first lines name.
const SCHEMA_DIR: &str = "schema";

/// Whether git already leaves the workspace's pages folder out.
fn ignores_pages(root: &Path) -> bool {
    let Ok(repo) = git2::Repository::discover(root) else {
        return false;
    };
    let (Some(workdir), Ok(root)) = (repo.workdir(), root.canonicalize()) else {
        return false;
    };
    let workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    let Ok(relative) = root.strip_prefix(&workdir) else {
        return false;
    };
    repo.is_path_ignored(relative.join(PAGES_DIR).join("index.html"))
        .unwrap_or(false)
}

/// Writes a file that must not exist yet; never overwrites.
fn write_new(path: &Path, text: &str) -> Result<(), CucError> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| CucError::io("create", path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| CucError::io("write", path, e))
}
