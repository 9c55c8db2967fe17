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

/// Renders one customer's page for `paper` and `audience` into `work`, and
/// prints it there; returns the HTML and the PDF.
fn render_and_print(
    chromium: &Path,
    work: &Path,
    workspace: &Path,
    id: &str,
    paper: &str,
    audience: &str,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let html = work.join(format!("{id}-{paper}-{audience}.html"));
    let pdf = work.join(format!("{id}-{paper}-{audience}.pdf"));
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
    print(chromium, &html, &pdf, &work.join("profile"));
    (html, pdf)
}

/// `Pages:` and `Page size:` as pdfinfo reports them.
pub fn pages_and_size(pdfinfo: &Path, pdf: &Path) -> (String, String) {
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
        (fixture("render"), "kestrel"),
    ];
    let mut results = Vec::new();
    for (workspace, id) in &pages {
        for (paper, audience) in [
            ("a4", "customer"),
            ("letter", "customer"),
            ("a4", "internal"),
            ("letter", "internal"),
        ] {
            let (_, pdf) = render_and_print(&chromium, work.path(), workspace, id, paper, audience);
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

/// The bottom of the last text on the first page, in millimetres below the
/// top margin, from `pdftotext -bbox`.
fn content_bottom_mm(pdftotext: &Path, pdf: &Path) -> f64 {
    let output = Command::new(pdftotext)
        .args(["-f", "1", "-l", "1", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let bottom = text
        .split("yMax=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse::<f64>().ok())
        .fold(0.0, f64::max);
    bottom * 25.4 / 72.0 - MARGIN_MM
}

const MARGIN_MM: f64 = 11.0;
/// One line of body text (7.5 pt at a line height of 1.22), in millimetres.
const LINE_MM: f64 = 7.5 * 1.22 * 25.4 / 72.0;

#[test]
#[ignore = "needs chromium and pdftotext (.ci/run installs them)"]
fn the_height_estimate_is_within_a_few_lines_of_what_chromium_prints() {
    let chromium = tool("CUC_CHROMIUM", "chromium");
    let pdftotext = tool("CUC_PDFTOTEXT", "pdftotext");
    let work = tempfile::tempdir().unwrap();
    let minimal = crate::common::Scratch::new();
    minimal.write("customers/acme/understanding.yaml", crate::common::VALID);
    let corpus = [
        (minimal.path().to_path_buf(), "acme"),
        (fixture("render"), "hostile"),
        (fixture("render"), "secretive"),
        (example("portfolio"), "bluebird-health"),
        (example("portfolio"), "globex"),
        (example("portfolio"), "northwind"),
        (fixture("render"), "kestrel"),
        (fixture("render"), "stuffed"),
    ];
    let mut table = vec!["page                          paper   estimate   printed".to_owned()];
    let mut wrong = Vec::new();
    for (workspace, id) in &corpus {
        for audience in ["customer", "internal"] {
            for paper in ["a4", "letter"] {
                let (html, pdf) =
                    render_and_print(&chromium, work.path(), workspace, id, paper, audience);
                let page = std::fs::read_to_string(&html).unwrap();
                let estimate: f64 = page
                    .split("data-estimated-mm=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .and_then(|n| n.parse().ok())
                    .expect("the page carries its estimate");
                let printed = content_bottom_mm(&pdftotext, &pdf);
                table.push(format!(
                    "{:<30}{paper:<8}{estimate:>7.1} mm{printed:>7.1} mm",
                    format!("{id} ({audience})")
                ));
                // The estimate is made for A4's narrower lines and Letter's
                // shorter sheet. At A4's width it must be within two lines
                // either way; on Letter's wider lines text wraps less, so the
                // estimate may be higher, but never lower by more than a line
                // (that is where a second sheet would come from).
                let difference = estimate - printed;
                let ok = match paper {
                    "a4" => difference.abs() <= 2.0 * LINE_MM,
                    _ => (-LINE_MM..=4.0 * LINE_MM).contains(&difference),
                };
                if !ok {
                    wrong.push(format!(
                        "{id} ({audience}, {paper}): estimated {estimate:.1} mm, printed {printed:.1} mm"
                    ));
                }
            }
        }
    }
    println!("{}", table.join("\n"));
    assert!(
        wrong.is_empty(),
        "{}\n\n{}",
        wrong.join("\n"),
        table.join("\n")
    );
}
