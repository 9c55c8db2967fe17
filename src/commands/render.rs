//! `cuc render ID [-o FILE]` and `cuc render --all -o DIR`: the page a
//! customer's sponsors read and sign. Only documents that validate are
//! rendered: a page for signature must not rest on documents with errors.

use std::path::{Component, Path, PathBuf};

use super::{Context, Outcome};
use crate::cli::RenderArgs;
use crate::error::CucError;
use crate::history::History;
use crate::judge::portfolio::assess;
use crate::judge::summary::summarize;
use crate::output::{self, Format};
use crate::render::audience::Audience;
use crate::render::{self, Paper, fitting, html, index, markdown, note, page};
use crate::text::words::plural;
use crate::workspace::Workspace;
use crate::workspace::template::NoteTemplates;
use crate::write::write_regenerable;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Markdown,
    /// HTML printed to PDF by this browser.
    Pdf,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Markdown => "md",
            Kind::Pdf => "pdf",
        }
    }

    /// The page as text: HTML fitted to one sheet (also what is printed to
    /// PDF), or Markdown with everything.
    fn write(self, full: &page::Page, paper: Paper) -> String {
        match self {
            Kind::Html | Kind::Pdf => html::render(&fitting::fitted(full), paper),
            Kind::Markdown => markdown::render(full),
        }
    }

    /// What a file cuc wrote carries near its top.
    fn marker(self) -> &'static str {
        match self {
            Kind::Html | Kind::Pdf => html::GENERATOR,
            Kind::Markdown => markdown::GENERATOR,
        }
    }

    /// The kind of the files that go with the pages: notes and the index.
    fn companion(self) -> Kind {
        match self {
            Kind::Pdf => Kind::Html,
            other => other,
        }
    }
}

/// The browser that prints PDFs, found before anything is rendered.
fn browser(kind: Kind) -> Result<Option<std::path::PathBuf>, CucError> {
    if kind != Kind::Pdf {
        return Ok(None);
    }
    let variable = std::env::var("CUC_BROWSER").ok();
    let path = std::env::var_os("PATH");
    render::pdf::find_browser(variable.as_deref(), path.as_deref())
        .map(Some)
        .map_err(|f| CucError::Usage(format!("{}\n  help: {}", f.message, f.help)))
}

/// Prints a page to `path`, replacing only a PDF cuc printed before.
fn write_pdf(
    workspace: &Workspace,
    browser: &Path,
    path: &Path,
    html: &str,
) -> Result<(), CucError> {
    make_room(workspace, path, Kind::Pdf)?;
    render::pdf::print(browser, html, path)
        .map_err(|f| CucError::Usage(format!("{}\n  help: {}", f.message, f.help)))
}

pub fn run(ctx: &Context, args: &RenderArgs) -> Result<Outcome, CucError> {
    let kind = match ctx.format {
        Format::Markdown => Kind::Markdown,
        Format::Pdf => Kind::Pdf,
        // The formats `commands::formats` lists for render; html is the rest.
        _ => Kind::Html,
    };
    if kind == Kind::Pdf && args.output.is_none() {
        return Err(CucError::Usage(
            "a PDF needs a file to go to: add -o FILE, e.g. `-o pages/page.pdf`".to_owned(),
        ));
    }
    let workspace = Workspace::discover(&ctx.cwd)?;
    if let Some(output) = &args.output {
        refuse_inside_customers(&workspace, &ctx.cwd.join(output))?;
    }
    match (&args.id, args.all) {
        (Some(id), _) => one(ctx, &workspace, id, args, kind),
        (None, _) => {
            let dir = args.output.as_deref().ok_or_else(|| {
                CucError::Usage(
                    "`cuc render --all` needs -o DIR, the folder to write the pages to".to_owned(),
                )
            })?;
            all(
                ctx,
                &workspace,
                &ctx.cwd.join(dir),
                dir,
                (args.paper, args.audience),
                kind,
            )
        }
    }
}

fn one(
    ctx: &Context,
    workspace: &Workspace,
    id: &str,
    args: &RenderArgs,
    kind: Kind,
) -> Result<Outcome, CucError> {
    let (id, dir) = workspace
        .select(&[id.to_owned()])?
        .into_iter()
        .next()
        .expect("select returns one folder per id");
    let browser = browser(kind)?;
    let (customer, report, typed) = crate::validate::validated(workspace, &id, &dir);
    let Some(typed) = typed else {
        let mut outcome = Outcome::new(String::new(), 1);
        outcome.stderr = format!(
            "{}cuc: the page for `{id}` was not rendered: {} in its documents (above)\n  \
             help: a page for signature must rest on documents without errors; fix them (`cuc validate customers/{id}`), then render again\n",
            output::render(&report, Format::Human, &ctx.style),
            plural(report.count(crate::load::finding::Severity::Error), "error"),
        );
        return Ok(outcome);
    };
    let history = History::discover(&workspace.root)?;
    let notes = render::read_notes(workspace, &customer, &NoteTemplates::of(workspace));
    let mut left_out = left_out(&notes.iter().collect::<Vec<_>>(), ctx.style.quiet);
    let view = render::View::of(workspace, args.audience);
    let full = page(
        workspace,
        history.as_ref(),
        &customer,
        &typed,
        &notes,
        ctx.today,
        false,
        &view,
        &mut left_out,
    )?;
    let text = kind.write(&full, args.paper);
    match &args.output {
        None => {
            let mut outcome = Outcome::ok(text);
            outcome.stderr = left_out;
            Ok(outcome)
        }
        Some(asked) => {
            let path = ctx.cwd.join(asked);
            match &browser {
                Some(browser) => write_pdf(workspace, browser, &path, &text)?,
                None => write_generated(workspace, &path, &text, kind)?,
            }
            let mut outcome = Outcome::ok(String::new());
            if !ctx.style.quiet {
                // The path as it was asked for, not where it sits on this machine.
                outcome.stderr = format!("Wrote {}\n", asked.display());
            }
            outcome.stderr.push_str(&left_out);
            Ok(outcome)
        }
    }
}

fn all(
    ctx: &Context,
    workspace: &Workspace,
    out: &Path,
    asked: &Path,
    (paper, audience): (Paper, Audience),
    kind: Kind,
) -> Result<Outcome, CucError> {
    if out.exists() && !out.is_dir() {
        return Err(CucError::Usage(format!(
            "{} is a file; `cuc render --all` writes a folder of pages\n  help: name a folder with -o (it is created if missing)",
            out.display()
        )));
    }
    let browser = browser(kind)?;
    std::fs::create_dir_all(out).map_err(|e| CucError::io("create", out, e))?;
    let customers = workspace.customer_dirs()?;
    let portfolio = assess(workspace, &customers, ctx.today);
    let (rows, _) = summarize(&portfolio, workspace, ctx.today)?;
    let history = History::discover(&workspace.root)?;
    let templates = NoteTemplates::of(workspace);
    let view = render::View::of(workspace, audience);
    let mut warnings = String::new();
    let mut rendered = Vec::new();
    let mut skipped = Vec::new();
    let mut unwritten = Vec::new();
    let progress = progress(ctx, kind, portfolio.customers.len());
    for assessed in &portfolio.customers {
        progress.inc(1);
        let customer = &assessed.customer;
        let Some(typed) = &assessed.typed else {
            skipped.push(customer.id.clone());
            continue;
        };
        let notes = render::read_notes(workspace, customer, &templates);
        let full = page(
            workspace,
            history.as_ref(),
            customer,
            typed,
            &notes,
            ctx.today,
            kind == Kind::Html,
            &view,
            &mut warnings,
        )?;
        let text = kind.write(&full, paper);
        let file = out.join(render::page_file(&customer.id, kind.extension()));
        match &browser {
            Some(browser) => {
                progress.set_message(customer.id.clone());
                write_pdf(workspace, browser, &file, &text)?
            }
            None => write_generated(workspace, &file, &text, kind)?,
        }
        if kind == Kind::Html {
            let folder = out.join(&customer.id).join("notes");
            for n in &notes {
                let path = folder.join(format!("{}.html", n.stem));
                // A note marked internal is not published with the customer's page.
                let withheld =
                    view.audience == Audience::Customer && (n.internal || view.hide.hides("notes"));
                if n.untouched || withheld {
                    // Nothing is written in it yet: no page, and none left
                    // from an earlier render to read as if it were.
                    remove_generated(workspace, &path, kind)?;
                    continue;
                }
                std::fs::create_dir_all(&folder).map_err(|e| CucError::io("create", &folder, e))?;
                write_generated(
                    workspace,
                    &path,
                    &note::page(&customer.id, &n.file, &n.meta, &n.body),
                    kind,
                )?;
            }
        }
        unwritten.extend(notes.into_iter().filter(|n| n.untouched));
        rendered.push(customer.id.clone());
    }
    progress.finish_and_clear();
    let has_page = |id: &str| rendered.iter().any(|r| r == id);
    let index_text = match kind {
        Kind::Html | Kind::Pdf => index::render(&rows, has_page, ctx.today, kind.extension()),
        Kind::Markdown => index::markdown(&rows, has_page, ctx.today),
    };
    write_generated(
        workspace,
        &out.join(format!("index.{}", kind.companion().extension())),
        &index_text,
        kind.companion(),
    )?;
    let mut stderr = String::new();
    if !ctx.style.quiet || !skipped.is_empty() {
        stderr.push_str(&format!(
            "Wrote {} and the index to {}\n",
            plural(rendered.len(), "page"),
            asked.display()
        ));
    }
    match skipped.as_slice() {
        [] => {}
        [id] => stderr.push_str(&format!(
            "cuc: no page for `{id}`: its documents have errors\n  help: `cuc validate customers/{id}` shows them; fix them, then render again\n"
        )),
        many => {
            // A portfolio can have hundreds: name a few, count the rest.
            const NAMED: usize = 5;
            let mut names: Vec<String> = many.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
            if many.len() > NAMED {
                names.push(format!("{} more", many.len() - NAMED));
            }
            stderr.push_str(&format!(
                "cuc: no page for {} whose documents have errors: {}\n  help: `cuc validate` shows the errors (the index lists every customer); fix them, then render again\n",
                plural(many.len(), "customer"),
                names.join(", ")
            ));
        }
    }
    stderr.push_str(&left_out(
        &unwritten.iter().collect::<Vec<_>>(),
        ctx.style.quiet,
    ));
    stderr.push_str(&warnings);
    let mut outcome = Outcome::new(String::new(), if skipped.is_empty() { 0 } else { 1 });
    outcome.stderr = stderr;
    Ok(outcome)
}

/// A bar on a terminal while PDFs are printed (a second or so each); none
/// on a pipe, under -q, or for HTML and Markdown, which take no time.
fn progress(ctx: &Context, kind: Kind, total: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if kind != Kind::Pdf || ctx.style.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("Printing {pos}/{len} pages {wide_bar} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// The page for one valid customer, with what changed since each sponsor
/// who signed an earlier version signed it. What could not be told is said
/// in `warnings`.
#[allow(clippy::too_many_arguments)]
fn page(
    workspace: &Workspace,
    history: Option<&History>,
    customer: &crate::load::customer::Customer,
    typed: &crate::model::typed::Typed,
    notes: &[render::NoteText],
    today: jiff::civil::Date,
    link_notes: bool,
    view: &render::View,
    warnings: &mut String,
) -> Result<page::Page, CucError> {
    let provenance = render::provenance(
        history,
        &customer.dir,
        &customer.id,
        &workspace.customers_dir(),
    );
    let mut page = render::page_for(
        customer, typed, notes, provenance, today, link_notes, view,
    )
    .ok_or_else(|| {
        CucError::Usage(format!(
            "the documents of `{}` could not be read for the page\n  help: `cuc validate customers/{}` shows what is wrong",
            customer.id, customer.id
        ))
    })?;
    if let Some(history) = history {
        page.since_signed = since_signed(workspace, history, customer, typed, view, warnings);
    }
    Ok(page)
}

/// For each earlier version a sponsor's latest sign-off is of, what
/// changed since, as the page's audience may read it.
fn since_signed(
    workspace: &Workspace,
    history: &History,
    customer: &crate::load::customer::Customer,
    typed: &crate::model::typed::Typed,
    view: &render::View,
    warnings: &mut String,
) -> Vec<page::SinceSigned> {
    let Some(current) = customer
        .understanding
        .as_ref()
        .and_then(|u| u.parsed())
        .map(|(_, p)| p.root.to_json())
    else {
        return Vec::new();
    };
    let shown_now = match view.audience {
        Audience::Customer => render::audience::redact_understanding(&current, &view.hide),
        Audience::Internal => current.clone(),
    };
    let shown_then = |old: &serde_json::Value| match view.audience {
        Audience::Customer => render::audience::redact_earlier(old, &current, &view.hide),
        Audience::Internal => old.clone(),
    };
    // Who may be named as a signer: those the page itself names.
    let on_page: Vec<String> = shown_now
        .get("stakeholders")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("name")?.as_str().map(str::to_owned))
        .collect();
    let sponsors: Vec<&str> = typed
        .understanding
        .stakeholders
        .iter()
        .filter(|s| s.side == "customer")
        .map(|s| s.name.as_str())
        .collect();
    let mut out: Vec<page::SinceSigned> = Vec::new();
    for (_, signoff) in typed.reviews.latest_signoffs() {
        let (Some(fingerprint), Some(commit)) = (&signoff.fingerprint, &signoff.commit) else {
            continue;
        };
        if fingerprint == typed.fingerprint.as_str()
            || !crate::model::SPONSOR_ROLES.contains(&signoff.role.as_str())
            || !sponsors.contains(&signoff.by.as_str())
        {
            continue;
        }
        let signer = if on_page.contains(&signoff.by) {
            format!("{} on {}", signoff.by, signoff.date)
        } else {
            format!("a sponsor on {}", signoff.date)
        };
        if let Some(known) = out.iter_mut().find(|s| &s.commit == commit) {
            if !known.signers.contains(&signer) {
                known.signers.push(signer);
            }
            continue;
        }
        let path = customer.dir.join("understanding.yaml");
        let old = history
            .file_at(commit, &path, workspace.config.limits.max_file_size)
            .ok()
            .flatten()
            .and_then(|text| {
                let source = crate::load::source::SourceText::new(text.clone());
                crate::load::parse_yaml(&source, &text, "understanding.yaml")
                    .ok()
                    .map(|n| n.to_json())
            });
        let Some(old) = old else {
            warnings.push_str(&format!(
                "cuc: the page for `{}` cannot list what changed since {} signed: the version signed is not in this copy of the history\n  \
                 help: fetch the full history (`git fetch --unshallow`), then render again\n",
                customer.id, signoff.by
            ));
            continue;
        };
        let (changes, more) =
            render::changes::since(&shown_then(&old), &shown_now, view.locale, &view.fields);
        out.push(page::SinceSigned {
            signers: vec![signer],
            code: page::code(fingerprint),
            commit: commit.clone(),
            changes,
            more,
        });
    }
    out
}

/// What to say about the notes left out because nothing is written in
/// them yet (nothing under `-q`).
fn left_out(notes: &[&render::NoteText], quiet: bool) -> String {
    let files: Vec<&str> = notes
        .iter()
        .filter(|n| n.untouched)
        .map(|n| n.file.as_str())
        .collect();
    if quiet {
        return String::new();
    }
    match files.as_slice() {
        [] => String::new(),
        [file] => format!(
            "left out the note {file}: nothing is written in it yet (it is still the template)\n  \
             help: write the note, or delete it if there is nothing to tell\n"
        ),
        many => {
            const NAMED: usize = 5;
            let mut names: Vec<String> = many.iter().take(NAMED).map(|f| (*f).to_owned()).collect();
            if many.len() > NAMED {
                names.push(format!("{} more", many.len() - NAMED));
            }
            format!(
                "left out {} that are still the template (nothing is written in them yet): {}\n  \
                 help: write them, or delete them if there is nothing to tell; `cuc review` shows each one\n",
                plural(many.len(), "note"),
                names.join(", ")
            )
        }
    }
}

/// Removes a page cuc rendered before, if there is one; never a file
/// cuc did not write.
fn remove_generated(workspace: &Workspace, path: &Path, kind: Kind) -> Result<(), CucError> {
    if !path.is_file() {
        return Ok(());
    }
    refuse_inside_customers(workspace, path)?;
    let head = read_head(path).map_err(|e| CucError::io("read", path, e))?;
    if head.contains(kind.marker()) {
        std::fs::remove_file(path).map_err(|e| CucError::io("remove", path, e))?;
    }
    Ok(())
}

/// Pages are written outside `customers/`: a page there would be a stray
/// file in a customer folder, and could overwrite a document.
fn refuse_inside_customers(workspace: &Workspace, path: &Path) -> Result<(), CucError> {
    let customers = workspace.customers_dir();
    let customers = customers.canonicalize().unwrap_or(customers);
    // Resolve the path one name at a time: what exists is resolved by the
    // file system (links included), what does not by its names, so that
    // `new/../customers` is `customers` even before `new` exists.
    let mut resolved = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => {
                resolved.push(other);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
        }
    }
    if resolved.starts_with(&customers) {
        return Err(CucError::Usage(format!(
            "{} is inside customers/, where only the customers' own documents belong\n  \
             help: write the page somewhere else, e.g. `-o {}`",
            path.display(),
            "pages/"
        )));
    }
    Ok(())
}

/// Writes a page, replacing only a file cuc rendered before: cuc never
/// overwrites what a person wrote.
fn write_generated(
    workspace: &Workspace,
    path: &Path,
    text: &str,
    kind: Kind,
) -> Result<(), CucError> {
    make_room(workspace, path, kind)?;
    write_regenerable(path, text)
}

/// Checks that a page may be written at `path` (outside customers/, not a
/// folder, and nothing there but a page cuc wrote before), and makes its
/// folder.
fn make_room(workspace: &Workspace, path: &Path, kind: Kind) -> Result<(), CucError> {
    // Checked for every file, not just the folder named with -o: a folder
    // inside it may be a link into customers/.
    refuse_inside_customers(workspace, path)?;
    if path.is_dir() {
        let format = if kind == Kind::Pdf {
            " --format pdf"
        } else {
            ""
        };
        return Err(CucError::Usage(format!(
            "{} is a folder\n  help: name a file with -o, or use `cuc render --all{format} -o {}` for every customer",
            path.display(),
            path.display()
        )));
    }
    if path.exists() {
        let ours = match kind {
            Kind::Pdf => std::fs::read(path).map(|bytes| render::pdf::is_ours(&bytes)),
            _ => read_head(path).map(|head| head.contains(kind.marker())),
        }
        .map_err(|e| CucError::io("read", path, e))?;
        if !ours {
            return Err(CucError::Usage(format!(
                "{} exists and was not written by `cuc render`, so cuc leaves it alone\n  \
                 help: choose another file with -o, or move that file away first",
                path.display()
            )));
        }
    }
    // `-o pages/acme.html` before pages/ exists: make it, as `--all` does.
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| CucError::io("create folder", parent, e))?;
    }
    Ok(())
}

/// The first kilobyte of a file, where cuc's marker sits.
fn read_head(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut buffer = vec![0; 1024];
    let mut file = std::fs::File::open(path)?;
    let mut filled = 0;
    while filled < buffer.len() {
        let n = file.read(&mut buffer[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    buffer.truncate(filled);
    Ok(String::from_utf8_lossy(&buffer).into_owned())
}
