//! What cuc says when it did its job: never a line that begins with `cuc:`,
//! which is how its errors begin.

use std::path::Path;

use crate::common::{RECORD_MID_YEAR, Run, SIGNOFF_HENRIK, commit_all, cuc, rules_repository};

/// Runs cuc and checks that it succeeded (`code`: 1 only where the
/// documents have findings at error severity) and said so in its own words.
fn said(dir: &Path, args: &[&str], code: i32) -> Run {
    let run = cuc(dir, args);
    assert_eq!(run.code, code, "{args:?}: {}{}", run.stdout, run.stderr);
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        assert!(
            !line.starts_with("cuc:"),
            "{args:?} says {line:?} like an error:\n{}{}",
            run.stdout,
            run.stderr
        );
    }
    run
}

#[test]
fn success_messages_do_not_begin_like_errors() {
    let root = tempfile::tempdir().unwrap();
    let init = said(root.path(), &["init", "crm"], 0);
    assert!(
        init.stdout.starts_with("Created a cuc workspace in "),
        "{}",
        init.stdout
    );
    let crm = root.path().join("crm");
    let new = said(
        &crm,
        &[
            "new",
            "acme",
            "--name",
            "Acme",
            "--cs",
            "maria@vendor.example",
            "--renewal",
            "2027-09-30",
        ],
        0,
    );
    assert!(
        new.stdout
            .starts_with("Created customer `acme` in customers/acme/:\n"),
        "{}",
        new.stdout
    );
    said(&crm, &["validate"], 0);

    let (scratch, first) = rules_repository();
    let dir = scratch.path();
    let recorded = said(dir, &RECORD_MID_YEAR, 0);
    assert!(
        recorded
            .stdout
            .starts_with("Recorded the `mid-year` review of northwind"),
        "{}",
        recorded.stdout
    );
    commit_all(dir, "mid-year review");
    let signed = said(dir, &SIGNOFF_HENRIK, 0);
    assert!(
        signed
            .stdout
            .starts_with("Recorded the sign-off of Henrik Albers"),
        "{}",
        signed.stdout
    );
    commit_all(dir, "sign-off");

    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("northwind.html");
    let wrote = said(
        dir,
        &["render", "northwind", "-o", page.to_str().unwrap()],
        0,
    );
    assert_eq!(wrote.stderr, format!("Wrote {}\n", page.display()));
    let md = out.path().join("northwind.md");
    said(
        dir,
        &[
            "render",
            "northwind",
            "--format",
            "markdown",
            "-o",
            md.to_str().unwrap(),
        ],
        0,
    );
    for (folder, format) in [("html", "html"), ("md", "markdown")] {
        let folder = out.path().join(folder);
        let all = said(
            dir,
            &[
                "render",
                "--all",
                "--format",
                format,
                "-o",
                folder.to_str().unwrap(),
            ],
            0,
        );
        assert_eq!(
            all.stderr,
            format!("Wrote 1 page and the index to {}\n", folder.display())
        );
    }
    for args in [
        &["validate"][..],
        &["check"],
        &["status"],
        &["status", "--format", "json"],
        &["review"],
        &["review", "northwind", "--milestone", "renewal"],
        &["review", "--explain"],
        &["review", "--explain", "stale-signoff"],
        &["diff", "northwind"],
        &["diff", "--base", &first],
        &["diff", "--base", &first, "--format", "markdown"],
        &["render", "northwind"],
        &["render", "northwind", "--format", "markdown"],
        &["schema"],
        &["schema", "understanding"],
        &["completions", "bash"],
    ] {
        said(dir, args, 0);
    }
}
