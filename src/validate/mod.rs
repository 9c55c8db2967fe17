//! Structural validation: load each of a customer's documents once, check it
//! against its schema, then check ids and references across documents.
//! Customers are independent, so they are checked in parallel.

pub mod references;

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

use crate::load::check::{
    INVALID_CUSTOMER_ID, MISSING_DOCUMENT, MISSING_FIELD, OUTSIDE_WORKSPACE, UNKNOWN_DOCUMENT,
    UNKNOWN_FIELD, WRONG_TYPE,
};
use crate::load::customer::{Customer, Loaded};
use crate::load::document::DocumentKind;
use crate::load::finding::{Finding, Report, Severity};
use crate::load::node::pointer_segments;
use crate::load::notes::front_matter_end;
use crate::load::{load_yaml_keeping_going, parse_yaml_keeping_going, read_text};
use crate::model::schema::misspells;
use crate::model::typed::Typed;
use crate::text::closest;
use crate::workspace::{Workspace, customer_id_problem};

/// Loads and validates every customer folder given, in parallel, keeping
/// only the findings (and, when `snippets` are to be shown, the text of the
/// files that have them), so memory does not grow with the number of
/// customers. The report is sorted by file and position.
pub fn validate_customers(
    workspace: &Workspace,
    customers: &[(String, std::path::PathBuf)],
    snippets: bool,
) -> Report {
    let mut report = customers
        .par_iter()
        .map(|(id, dir)| {
            let mut report = validate_customer(workspace, id, dir).1;
            if !snippets {
                report.sources.clear();
            }
            report
        })
        .reduce(Report::default, Report::combined);
    report.sort();
    report
}

/// A customer validated, with its typed documents when they have no
/// errors (the rules and the page rest only on those).
pub fn validated(workspace: &Workspace, id: &str, dir: &Path) -> (Customer, Report, Option<Typed>) {
    let (customer, report) = validate_customer(workspace, id, dir);
    let typed = if report.has_errors() {
        None
    } else {
        Typed::from_customer(&customer)
    };
    (customer, report, typed)
}

/// Loads one customer's documents and reports every structural problem.
pub fn validate_customer(workspace: &Workspace, id: &str, dir: &Path) -> (Customer, Report) {
    let mut checker = Checker {
        workspace,
        customer: id,
        dir,
        report: Report::default(),
    };
    let folder = workspace.relative(dir);
    let mut customer = Customer {
        id: id.to_owned(),
        dir: dir.to_path_buf(),
        understanding: None,
        decisions: None,
        reviews: None,
        notes: Vec::new(),
    };
    if let Some(reason) = customer_id_problem(id) {
        checker.push(Finding::new(
INVALID_CUSTOMER_ID, &folder,
            format!("the folder name `{id}` is not a valid customer id: {reason}"),
        )
        .help("rename the folder: lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters"));
    }
    if !workspace.contains(dir) {
        checker.push(outside(&folder));
        return (customer, checker.report);
    }

    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut found_understanding = false;

    for name in &names {
        let path = dir.join(name);
        if let Some(kind) = DocumentKind::for_customer_file(name) {
            found_understanding |= kind == DocumentKind::Understanding;
            let loaded = checker.load_document(kind, &path);
            match kind {
                DocumentKind::Understanding => customer.understanding = loaded,
                DocumentKind::Decisions => customer.decisions = loaded,
                _ => customer.reviews = loaded,
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            let known = ["understanding.yaml", "decisions.yaml", "reviews.yaml"];
            let help = match closest(name, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? cuc ignores this file until it is renamed"),
                None => "cuc reads understanding.yaml, decisions.yaml and reviews.yaml; move free text into notes/*.md".to_owned(),
            };
            checker.push(
                Finding::new(
                    UNKNOWN_DOCUMENT,
                    format!("{folder}/{name}"),
                    format!("`{name}` is not a document cuc reads"),
                )
                .help(help),
            );
        } else if name == "notes" && path.is_dir() {
            customer.notes = checker.load_notes(&path);
        }
    }
    if !found_understanding {
        checker.push(
            Finding::new(
MISSING_DOCUMENT, format!("{folder}/understanding.yaml"),
                format!("customer `{id}` has no understanding.yaml"),
            )
            .help(format!("every customer needs its one page: write {folder}/understanding.yaml (`cuc new` scaffolds one for a new customer)")),
        );
    }
    let (references, unchecked) = references::check(&customer);
    for finding in references {
        checker.push(finding);
    }
    for finding in name_the_cause(&mut checker.report.findings, &unchecked) {
        checker.push(finding);
    }
    let sources: Vec<_> = [
        &customer.understanding,
        &customer.decisions,
        &customer.reviews,
    ]
    .into_iter()
    .flatten()
    .chain(customer.notes.iter())
    .filter_map(Loaded::parsed)
    // Only the files with findings: reporters show snippets of those, and
    // keeping every text would make memory grow with the portfolio.
    .filter(|(file, _)| checker.report.findings.iter().any(|f| f.file == *file))
    .map(|(file, parsed)| (file.to_owned(), parsed.source.clone()))
    .collect();
    for (file, source) in sources {
        checker.report.add_source(&file, &source);
    }
    (customer, checker.report)
}

/// One mistake, one finding: a required list that is misspelt
/// (`stakeholder:`) is reported once, where it is written, instead of also
/// as missing at the top of the file; and the references that cannot be
/// checked without the list are counted in that finding instead of each
/// being reported as unknown. Returns the references to report one by one
/// after all, where no finding names a cause.
fn name_the_cause(
    findings: &mut Vec<Finding>,
    unchecked: &[references::Unchecked],
) -> Vec<Finding> {
    let misspelling = |f: &Finding, parent: &[String], name: &str| {
        f.is(UNKNOWN_FIELD)
            && f.pointer
                .as_deref()
                .is_some_and(|p| misspells(&pointer_segments(p), parent, name))
    };
    // A missing field and an unknown one beside it that is its misspelling:
    // (the missing one, the misspelt one, the name).
    let mut folded: Vec<(usize, usize, String)> = Vec::new();
    for (m, missing) in findings.iter().enumerate() {
        let Some(absent) = &missing.absent else {
            continue;
        };
        if !missing.is(MISSING_FIELD) {
            continue;
        }
        let segments = pointer_segments(absent);
        let Some((name, parent)) = segments.split_last() else {
            continue;
        };
        let misspelt = findings
            .iter()
            .position(|f| f.file == missing.file && misspelling(f, parent, name));
        if let Some(u) = misspelt {
            folded.push((m, u, name.clone()));
        }
    }
    for (_, u, name) in &folded {
        let unknown = &mut findings[*u];
        unknown.help = Some(format!("did you mean `{name}`? It is a required field"));
        unknown.absent = Some(format!(
            "{}/{}",
            parent_of(unknown.pointer.as_deref()),
            crate::load::node::escape_pointer(name)
        ));
    }
    // The references that could not be checked, counted in their cause:
    // the finding about the list (missing, misspelt, not a list), or about
    // the whole file not being a block of fields.
    let mut extra = Vec::new();
    let mut hidden: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for gap in unchecked {
        let list = pointer_segments(gap.list_pointer);
        let cause = findings.iter().enumerate().position(|(i, f)| {
            !folded.iter().any(|(m, _, _)| *m == i)
                && f.file == gap.file
                && f.severity == Severity::Error
                && ([f.absent.as_deref(), f.pointer.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|p| p == gap.list_pointer)
                    || (f.is(WRONG_TYPE) && f.pointer.as_deref() == Some(""))
                    || misspelling(f, &[], &list.concat()))
        });
        let Some(cause) = cause else {
            // No finding says the list is missing or misspelt (it is
            // optional): then each reference is reported on its own.
            extra.extend(gap.findings.iter().cloned());
            continue;
        };
        let references = if gap.references == 1 {
            "1 reference".to_owned()
        } else {
            format!("{} references", gap.references)
        };
        hidden.entry(cause).or_default().push(format!(
            "{references} to {} ({})",
            gap.what,
            gap.places.join(", ")
        ));
    }
    // One sentence per cause, however many lists it hides.
    for (cause, lists) in hidden {
        let finding = &mut findings[cause];
        let help = finding.help.take().unwrap_or_default();
        let until = if help.ends_with(['?', '.']) {
            " Until"
        } else {
            "; until"
        };
        finding.help = Some(format!(
            "{help}{until} it is fixed, {} cannot be checked",
            lists.join(" and ")
        ));
    }
    let mut dropped: Vec<usize> = folded.iter().map(|(m, _, _)| *m).collect();
    dropped.sort_unstable();
    for m in dropped.into_iter().rev() {
        findings.remove(m);
    }
    extra
}

/// The pointer of the block that holds the value at `pointer`.
fn parent_of(pointer: Option<&str>) -> &str {
    pointer
        .and_then(|p| p.rsplit_once('/'))
        .map_or("", |(parent, _)| parent)
}

struct Checker<'a> {
    workspace: &'a Workspace,
    customer: &'a str,
    /// The customer's folder, once known to be inside the workspace.
    dir: &'a Path,
    report: Report,
}

impl Checker<'_> {
    fn push(&mut self, finding: Finding) {
        self.report
            .findings
            .push(finding.customer(Some(self.customer)));
    }

    /// Whether a document may be read: a link that leads out of the
    /// workspace is refused (and reported).
    fn readable(&mut self, path: &Path, file: &str) -> bool {
        if !self.plainly_inside(path) && !self.workspace.contains(path) {
            self.push(outside(file));
            return false;
        }
        true
    }

    /// Whether `path` is in the customer's folder without a link on the way:
    /// one `lstat` per step, instead of resolving the whole path.
    fn plainly_inside(&self, path: &Path) -> bool {
        let Ok(rest) = path.strip_prefix(self.dir) else {
            return false;
        };
        let mut step = self.dir.to_path_buf();
        rest.components().all(|part| {
            step.push(part);
            std::fs::symlink_metadata(&step).is_ok_and(|m| !m.file_type().is_symlink())
        })
    }

    fn load_document(&mut self, kind: DocumentKind, path: &Path) -> Option<Loaded> {
        let file = self.workspace.relative(path);
        if !self.readable(path, &file) {
            return None;
        }
        self.report.files += 1;
        let parsed = match load_yaml_keeping_going(path, &file, self.workspace.config.limits) {
            Ok((parsed, duplicates)) => {
                for finding in duplicates {
                    self.push(finding);
                }
                parsed
            }
            Err(failure) => {
                if let Some(source) = &failure.source {
                    self.report.add_source(&file, source);
                }
                self.push(*failure.finding);
                return Some(Loaded { file, parsed: None });
            }
        };
        for finding in self
            .workspace
            .schemas()
            .check(kind, &parsed.root, &parsed.source, &file)
        {
            self.push(finding);
        }
        for finding in crate::load::misread::cut_by_hash(&parsed.root, &parsed.source, &file) {
            self.push(finding);
        }
        for finding in crate::load::misread::items_in_text(&parsed.root, &parsed.source, &file) {
            self.push(finding);
        }
        Some(Loaded {
            file,
            parsed: Some(parsed),
        })
    }

    fn load_notes(&mut self, dir: &Path) -> Vec<Loaded> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        let mut notes = Vec::new();
        for path in paths {
            let file = self.workspace.relative(&path);
            if !self.readable(&path, &file) {
                continue;
            }
            self.report.files += 1;
            let source = match read_text(&path, &file, self.workspace.config.limits) {
                Ok(source) => source,
                Err(failure) => {
                    if let Some(source) = &failure.source {
                        self.report.add_source(&file, source);
                    }
                    self.push(*failure.finding);
                    continue;
                }
            };
            let Some(end) = front_matter_end(&source) else {
                // No front matter to check; the note's text is kept for
                // the rules (a note still the template's text).
                let root = crate::load::node::Node {
                    kind: crate::load::node::NodeKind::Null,
                    span: crate::load::source::Span::new(0, 0),
                };
                notes.push(Loaded {
                    file,
                    parsed: Some(crate::load::Parsed { source, root }),
                });
                continue;
            };
            match parse_yaml_keeping_going(&source, &source.text()[..end], &file) {
                Ok((root, duplicates)) => {
                    for finding in duplicates {
                        self.push(finding);
                    }
                    for finding in crate::load::misread::cut_by_hash(&root, &source, &file) {
                        self.push(finding);
                    }
                    for finding in crate::load::misread::items_in_text(&root, &source, &file) {
                        self.push(finding);
                    }
                    // `---` followed directly by `---` is an empty front matter: nothing to check.
                    if !matches!(root.kind, crate::load::node::NodeKind::Null) {
                        for finding in self.workspace.schemas().check(
                            DocumentKind::Note,
                            &root,
                            &source,
                            &file,
                        ) {
                            self.push(finding);
                        }
                    }
                    notes.push(Loaded {
                        file,
                        parsed: Some(crate::load::Parsed { source, root }),
                    });
                }
                Err(finding) => {
                    self.report.add_source(&file, &source);
                    self.push(*finding);
                }
            }
        }
        notes
    }
}

fn outside(file: &str) -> Finding {
    Finding::new(
        OUTSIDE_WORKSPACE,
        file,
        format!("`{file}` is a link to a place outside the workspace, so cuc does not read it"),
    )
    .help("replace the link with the real files inside the repository")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only the human format shows snippets: without them, no file's text
    /// is kept, however many findings there are.
    #[test]
    fn the_text_of_files_is_kept_only_for_snippets() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cuc.yaml"), "schema: cuc/v1\n").unwrap();
        let acme = dir.path().join("customers/acme");
        std::fs::create_dir_all(&acme).unwrap();
        std::fs::write(acme.join("understanding.yaml"), "customer: [\n").unwrap();
        let workspace = Workspace::discover(dir.path()).unwrap();
        let customers = workspace.customer_dirs().unwrap();

        let with = validate_customers(&workspace, &customers, true);
        let without = validate_customers(&workspace, &customers, false);
        assert!(with.has_errors() && without.has_errors());
        assert_eq!(with.findings, without.findings);
        assert_eq!(
            with.sources.keys().collect::<Vec<_>>(),
            ["customers/acme/understanding.yaml"]
        );
        assert!(without.sources.is_empty());
    }
}
