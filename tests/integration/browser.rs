//! The printed page, in a real browser: every renderable example customer,
//! the overfull fixture and the hostile one are printed to PDF by headless
//! Chromium on A4 and on US Letter, and `pdfinfo` must count exactly one
//! page of the right size. `.ci/run` installs Debian's chromium and
//! poppler-utils and runs it; a plain `cargo test` lists it as ignored.

use std::path::Path;
use std::process::Command;

use crate::common::{cuc, example, fixture, tool};

/// Prints `html` to `pdf` with headless Chromium kept off the network.
fn print(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        pdf.exists(),
        "chromium printed nothing for {}: {}",
        html.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `Pages:` and `Page size:` as pdfinfo reports them.
fn pages_and_size(pdfinfo: &Path, pdf: &Path) -> (String, String) {
    let output = Command::new(pdfinfo)
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    (field("Pages:"), field("Page size:"))
}

#[test]
#[ignore = "needs chromium and pdfinfo (.ci/run installs them)"]
fn every_page_prints_on_one_sheet_of_a4_and_of_letter() {
    let chromium = tool("CUC_CHROMIUM", "chromium");
    let pdfinfo = tool("CUC_PDFINFO", "pdfinfo");
    let work = tempfile::tempdir().unwrap();
    let pages = [
        (example("portfolio"), "northwind"),
        (example("portfolio"), "globex"),
        (example("portfolio"), "bluebird-health"),
        (fixture("render"), "stuffed"),
        (fixture("render"), "hostile"),
        (fixture("render"), "secretive"),
    ];
    let mut results = Vec::new();
    for (workspace, id) in &pages {
        for (paper, audience) in [
            ("a4", "customer"),
            ("letter", "customer"),
            ("a4", "internal"),
            ("letter", "internal"),
        ] {
            let html = work.path().join(format!("{id}-{paper}-{audience}.html"));
            let pdf = work.path().join(format!("{id}-{paper}-{audience}.pdf"));
            let run = cuc(
                workspace,
                &[
                    "render",
                    id,
                    "--paper",
                    paper,
                    "--audience",
                    audience,
                    "-o",
                    html.to_str().unwrap(),
                ],
            );
            assert_eq!(run.code, 0, "{}", run.stderr);
            print(&chromium, &html, &pdf, &work.path().join("profile"));
            let (pages, size) = pages_and_size(&pdfinfo, &pdf);
            let expected = if paper == "a4" { "(A4)" } else { "(letter)" };
            results.push(format!(
                "{id} {paper} {audience}: {pages} page(s), {}",
                if size.ends_with(expected) {
                    "right size"
                } else {
                    &size
                }
            ));
        }
    }
    let expected: Vec<String> = pages
        .iter()
        .flat_map(|(_, id)| {
            [
                ("a4", "customer"),
                ("letter", "customer"),
                ("a4", "internal"),
                ("letter", "internal"),
            ]
            .map(|(paper, audience)| format!("{id} {paper} {audience}: 1 page(s), right size"))
        })
        .collect();
    assert_eq!(results, expected);
}
