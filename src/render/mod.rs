//! `cuc render`: the one page a customer's sponsors read and sign, as HTML
//! (fitted to one printed sheet) or Markdown (everything, for an email or a
//! pull request), and the portfolio index for `render --all`.

pub mod audience;
pub mod changes;
pub mod fit;
pub mod fitting;
pub mod html;
pub mod index;
pub mod markdown;
pub mod metrics;
pub mod note;
pub mod numbers;
pub mod page;
pub mod pdf;
pub mod svg;

use std::path::Path;

use crate::history::History;
use crate::load::customer::Customer;
use crate::load::notes::body_start;
use crate::load::read_text;
use crate::model::typed::Typed;
use crate::workspace::Workspace;
use crate::workspace::template::NoteTemplates;
use audience::{Audience, Hide};
use page::{NoteRef, Provenance};

/// The paper the page is printed on. `auto` leaves it to the browser (the
/// layout fits both A4 and US Letter); the others set it in the print CSS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    #[default]
    Auto,
    A4,
    Letter,
}

/// A note of the customer's, read for the page: where it is, what its
/// front matter says, and its Markdown body.
pub struct NoteText {
    pub file: String,
    pub stem: String,
    pub meta: note::NoteMeta,
    pub body: String,
    /// Still the text of the template it was made from: nothing is written
    /// in it yet, so no page shows it as if it were.
    pub untouched: bool,
    /// `visibility: internal` in its front matter: not on the customer's page.
    pub internal: bool,
}

/// Reads every note in the customer's `notes/` folder (validation has
/// already checked their front matter), oldest file name first, each
/// marked when it is still a template's text.
pub fn read_notes(
    workspace: &Workspace,
    customer: &Customer,
    templates: &NoteTemplates,
) -> Vec<NoteText> {
    let dir = customer.dir.join("notes");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && workspace.contains(p))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let file = workspace.relative(&path);
            let source = read_text(&path, &file, workspace.config.limits).ok()?;
            let front = customer
                .notes
                .iter()
                .find(|n| n.file == file)
                .and_then(|n| n.parsed.as_ref())
                .map(|p| p.root.to_json());
            let field = |key: &str| {
                front
                    .as_ref()
                    .and_then(|v| v.get(key))
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let body = source.text()[body_start(&source)..].to_owned();
            let untouched = templates.untouched(&source).is_some();
            let title = field("title").or_else(|| first_heading(&body));
            Some(NoteText {
                stem: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                file,
                meta: note::NoteMeta {
                    title,
                    date: field("date"),
                },
                body,
                untouched,
                internal: field("visibility").as_deref() == Some("internal"),
            })
        })
        .collect()
}

/// The text of a note's first `# heading`, if it has one.
fn first_heading(markdown: &str) -> Option<String> {
    markdown.lines().find_map(|line| {
        line.strip_prefix("# ")
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    })
}

/// The file name of a customer's page in `render --all`: `ID.html`, except
/// for a customer called `index`, whose page must not replace the portfolio
/// index (ids have no dots, so `index.customer.html` is nobody else's).
pub fn page_file(id: &str, extension: &str) -> String {
    if id == "index" {
        format!("index.customer.{extension}")
    } else {
        format!("{id}.{extension}")
    }
}

/// A name as one segment of a relative URL: letters, digits and `-_.~`
/// stay, every other byte is percent-encoded (so no name can start a scheme
/// like `javascript:` or break out of the path).
pub fn url_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The commit the page shows, whether the folder has changed since, and
/// the day its content was last committed.
pub fn provenance(history: Option<&History>, dir: &Path, id: &str, customers: &Path) -> Provenance {
    let Some(history) = history else {
        return Provenance {
            commit: None,
            uncommitted: false,
            committed_on: None,
        };
    };
    let commit = history
        .head_commit()
        .ok()
        .map(|c| crate::history::short(&c).to_owned());
    let uncommitted = commit.is_some()
        && history
            .uncommitted(dir)
            .map(|changed| !changed.is_empty())
            .unwrap_or(false);
    let committed_on = if commit.is_some() && !uncommitted {
        history
            .last_changed(customers)
            .ok()
            .and_then(|changed| changed.times.get(id).map(|c| c.time))
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
    } else {
        None
    };
    Provenance {
        commit,
        uncommitted,
        committed_on,
    }
}

/// For whom, and how, a page is made.
#[derive(Debug, Clone)]
pub struct View {
    pub audience: Audience,
    pub hide: Hide,
    pub locale: crate::workspace::config::Locale,
    /// The workspace's own fields the page shows (`show_on_page`).
    pub fields: Vec<crate::model::fields::Field>,
}

impl View {
    pub fn of(workspace: &Workspace, audience: Audience) -> View {
        View {
            audience,
            hide: Hide::of(workspace.config.render.hide.as_deref()).and(
                workspace
                    .config
                    .fields
                    .fields
                    .iter()
                    .filter(|f| f.internal)
                    .map(crate::model::fields::Field::path),
            ),
            locale: workspace.config.render.locale,
            fields: workspace
                .config
                .fields
                .fields
                .iter()
                .filter(|f| f.show_on_page)
                .cloned()
                .collect(),
        }
    }
}

/// The customer's documents as this page may show them: for the customer,
/// with everything they may not see taken out before anything is built.
pub fn shown(customer: &Customer, typed: &Typed, view: &View) -> Option<Typed> {
    let understanding = customer.understanding.as_ref()?.parsed()?.1.root.to_json();
    let decisions = customer
        .decisions
        .as_ref()
        .and_then(|d| d.parsed())
        .map(|(_, p)| p.root.to_json());
    let (understanding, decisions) = match view.audience {
        Audience::Internal => (understanding, decisions),
        Audience::Customer => {
            let names = audience::hidden_names(&understanding, &view.hide);
            (
                audience::redact_understanding(&understanding, &view.hide),
                decisions.map(|d| audience::redact_decisions(&d, &view.hide, &names)),
            )
        }
    };
    Some(Typed {
        understanding: serde_json::from_value(understanding).ok()?,
        decisions: match decisions {
            Some(d) => serde_json::from_value(d).ok()?,
            None => Default::default(),
        },
        reviews: typed.reviews.clone(),
        fingerprint: typed.fingerprint.clone(),
    })
}

/// The page for one customer whose documents validated, with links to the
/// notes' own pages when `link_notes` (for `render --all`). A note still
/// the template's text is left out: there is nothing in it to read, and so
/// is one marked internal on the customer's page.
pub fn page_for(
    customer: &Customer,
    typed: &Typed,
    notes: &[NoteText],
    provenance: Provenance,
    today: jiff::civil::Date,
    link_notes: bool,
    view: &View,
) -> Option<page::Page> {
    let shown = shown(customer, typed, view)?;
    let customer_page = view.audience == Audience::Customer;
    let refs = if customer_page && view.hide.hides("notes") {
        Vec::new()
    } else {
        notes
            .iter()
            .filter(|n| !(n.untouched || customer_page && n.internal))
            .map(|n| NoteRef {
                title: n.meta.title.clone().unwrap_or_else(|| n.stem.clone()),
                date: n.meta.date.clone(),
                file: n.file.clone(),
                href: link_notes.then(|| {
                    format!(
                        "{}/notes/{}.html",
                        url_segment(&customer.id),
                        url_segment(&n.stem)
                    )
                }),
            })
            .collect()
    };
    let business_context_internal = customer
        .understanding
        .as_ref()
        .and_then(|u| u.parsed())
        .map(|(_, p)| p.root.to_json())
        .and_then(|v| v.get("business_context").map(audience::is_internal))
        .unwrap_or(false);
    let mut page = page::build(
        page::Source {
            id: &customer.id,
            typed: &shown,
            fingerprint: &typed.fingerprint,
            business_context_internal,
            audience: view.audience,
            hide: view.hide.clone(),
            locale: view.locale,
            fields: &view.fields,
        },
        provenance,
        refs,
        today,
    );
    if customer_page {
        let full = &typed.understanding;
        let scope_items = |u: &crate::model::Understanding| {
            u.scope
                .as_ref()
                .is_some_and(|s| !s.included.is_empty() || !s.out.is_empty())
        };
        for (section, had, has) in [
            (
                "success_criteria",
                !full.success_criteria.is_empty(),
                !page.criteria.is_empty(),
            ),
            (
                "stakeholders",
                full.stakeholders.iter().any(|s| s.side == "customer"),
                !page.stakeholder_groups.is_empty(),
            ),
            (
                "risks",
                full.risks.iter().any(crate::model::Risk::is_open),
                !page.risks.is_empty(),
            ),
            (
                "scope",
                scope_items(full),
                scope_items(&shown.understanding),
            ),
        ] {
            if had && !has {
                page.withheld.push(section);
            }
        }
        // A role nobody holds is a gap for us to fill, not a box for the
        // customer to stare at; one open box stays when nobody is named.
        let named = page.signoff.iter().any(|l| l.name.is_some());
        let mut first = true;
        page.signoff.retain(|l| {
            let keep = l.name.is_some() || (!named && first);
            first = false;
            keep
        });
    }
    Some(page)
}
