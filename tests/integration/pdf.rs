//! `cuc render --format pdf`: the page printed by the Chrome or Chromium
//! on this computer. Without a browser, or with one that fails, cuc says
//! what to do and writes nothing; with Chromium (`.ci/run` installs it)
//! the PDF is one sheet whose text poppler can read.

use std::path::Path;
use std::process::Command;

use crate::browser::pages_and_size;
use crate::common::{cuc, cuc_env, example, fixture, tool};

const HOW: &str = "install Chrome or Chromium (Debian or Ubuntu: `sudo apt install chromium`; macOS and Windows: \
Google Chrome from google.com/chrome), or set CUC_BROWSER to the browser's path; \
or render the HTML (`cuc render ID -o page.html`), open it in any browser and print it to PDF";

#[test]
fn a_pdf_needs_a_file_to_go_to() {
    let run = cuc(
        &example("portfolio"),
        &["render", "northwind", "--format", "pdf"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "cuc: a PDF needs a file to go to: add -o FILE, e.g. `-o pages/page.pdf`\n"
    );
}

#[test]
fn without_a_browser_cuc_says_how_to_get_one_and_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("nw.pdf");
    let args = [
        "render",
        "northwind",
        "--format",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ];
    let run = cuc_env(
        &example("portfolio"),
        &args,
        &[("PATH", work.path().to_str().unwrap())],
        &["CUC_BROWSER"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "cuc: cuc prints the PDF with Chrome or Chromium, and found neither on this computer\n  help: {HOW}\n"
        )
    );
    let run = cuc_env(
        &example("portfolio"),
        &args,
        &[("CUC_BROWSER", "/no/such/chrome")],
        &[],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "cuc: CUC_BROWSER is /no/such/chrome, but there is no such file\n  \
         help: set CUC_BROWSER to where Chrome or Chromium is, or unset it to let cuc look for one\n"
    );
    assert!(!out.exists());
}

#[cfg(unix)]
fn fake_browser(dir: &Path, script: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-chrome");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_str().unwrap().to_owned()
}

#[cfg(unix)]
#[test]
fn a_browser_that_fails_leaves_no_file_and_is_named() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("nw.pdf");
    let args = [
        "render",
        "northwind",
        "--format",
        "pdf",
        "-o",
        out.to_str().unwrap(),
    ];
    let failing = fake_browser(work.path(), "echo 'GPU process crashed' >&2; exit 3");
    let run = cuc_env(
        &example("portfolio"),
        &args,
        &[("CUC_BROWSER", &failing)],
        &[],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "cuc: the browser {failing} printed no PDF (it exited with 3: GPU process crashed)\n  \
             help: set CUC_BROWSER to a working Chrome or Chromium, or render the HTML and print it from any browser\n"
        )
    );
    // One that writes something that is not a PDF where the PDF should be.
    let garbage = fake_browser(
        work.path(),
        "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) echo nonsense > \"${a#--print-to-pdf=}\";; esac; done",
    );
    let run = cuc_env(
        &example("portfolio"),
        &args,
        &[("CUC_BROWSER", &garbage)],
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "cuc: the browser {garbage} printed no PDF (it exited with 0)\n"
        )),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(work.path()).unwrap().count(),
        1,
        "only the fake browser is left"
    );
}

#[cfg(unix)]
#[test]
fn a_pdf_cuc_did_not_print_is_left_alone() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("contract.pdf");
    std::fs::write(&out, "%PDF-1.7 the signed contract").unwrap();
    let browser = fake_browser(work.path(), "exit 0");
    let run = cuc_env(
        &example("portfolio"),
        &[
            "render",
            "northwind",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ],
        &[("CUC_BROWSER", &browser)],
        &[],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "cuc: {} exists and was not written by `cuc render`, so cuc leaves it alone\n  \
             help: choose another file with -o, or move that file away first\n",
            out.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "%PDF-1.7 the signed contract"
    );
}

fn pdf_text(pdftotext: &Path, pdf: &Path) -> String {
    let output = Command::new(pdftotext).arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs chromium, pdfinfo and pdftotext (.ci/run installs them)"]
fn cuc_prints_one_sheet_whose_text_can_be_read() {
    let chromium = tool("CUC_CHROMIUM", "chromium");
    let pdfinfo = tool("CUC_PDFINFO", "pdfinfo");
    let pdftotext = tool("CUC_PDFTOTEXT", "pdftotext");
    let browser = chromium.to_str().unwrap();
    let work = tempfile::tempdir().unwrap();
    let mut results = Vec::new();
    for (workspace, id, name) in [
        (example("portfolio"), "northwind", "Northwind Foods GmbH"),
        (fixture("render"), "secretive", "Secretive Shipping SE"),
    ] {
        for paper in ["a4", "letter"] {
            for audience in ["customer", "internal"] {
                let pdf = work.path().join(format!("{id}-{paper}-{audience}.pdf"));
                let args = [
                    "render",
                    id,
                    "--format",
                    "pdf",
                    "--paper",
                    paper,
                    "--audience",
                    audience,
                    "-o",
                    pdf.to_str().unwrap(),
                ];
                let run = cuc_env(&workspace, &args, &[("CUC_BROWSER", browser)], &[]);
                assert_eq!(run.code, 0, "{}", run.stderr);
                let html = cuc(
                    &workspace,
                    &["render", id, "--paper", paper, "--audience", audience],
                );
                let version = html
                    .stdout
                    .split("<p class=\"meta\">")
                    .nth(1)
                    .and_then(|rest| rest.split("</p>").next())
                    .unwrap()
                    .replace("&#39;", "'");
                let text = pdf_text(&pdftotext, &pdf);
                assert!(text.contains(name), "{text}");
                assert!(text.contains(&version), "{version} not in\n{text}");
                if audience == "customer" && id == "secretive" {
                    assert!(
                        !text.contains("Zebra") && !text.contains("skeptic"),
                        "{text}"
                    );
                }
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
    }
    assert_eq!(
        results,
        [
            "northwind a4 customer: 1 page(s), right size",
            "northwind a4 internal: 1 page(s), right size",
            "northwind letter customer: 1 page(s), right size",
            "northwind letter internal: 1 page(s), right size",
            "secretive a4 customer: 1 page(s), right size",
            "secretive a4 internal: 1 page(s), right size",
            "secretive letter customer: 1 page(s), right size",
            "secretive letter internal: 1 page(s), right size",
        ]
    );

    let all = work.path().join("all");
    let run = cuc_env(
        &example("portfolio"),
        &[
            "render",
            "--all",
            "--format",
            "pdf",
            "-o",
            all.to_str().unwrap(),
        ],
        &[("CUC_BROWSER", browser)],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut files: Vec<String> = std::fs::read_dir(&all)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "bluebird-health.pdf",
            "globex.pdf",
            "index.html",
            "northwind.pdf"
        ]
    );
    let index = std::fs::read_to_string(all.join("index.html")).unwrap();
    assert!(index.contains("href=\"northwind.pdf\""), "{index}");
    // Printed again: cuc replaces what it printed before.
    let again = cuc_env(
        &example("portfolio"),
        &[
            "render",
            "northwind",
            "--format",
            "pdf",
            "-o",
            all.join("northwind.pdf").to_str().unwrap(),
        ],
        &[("CUC_BROWSER", browser)],
        &[],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
}
