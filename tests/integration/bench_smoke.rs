//! The scale benchmark's smoke run: bench/gen_portfolio.py writes 100
//! customers with a 300-commit history, and bench/run.py runs every
//! comparison once on them: cuc against ajv-cli and check-jsonschema, the
//! last-changed walk against git, render --all. Nothing is timed against a
//! target here; the run fails when the tools disagree on which documents are
//! invalid, or cuc's last-changed times (cold or warm) differ from git's.
//! `.ci/run` installs ajv-cli and check-jsonschema (CUC_AJV,
//! CUC_CHECK_JSONSCHEMA).

use std::path::Path;
use std::process::Command;

use crate::common::tool;

#[test]
#[ignore = "needs ajv-cli and check-jsonschema (.ci/run installs them)"]
fn the_benchmark_runs_on_a_small_portfolio_and_the_tools_agree() {
    let ajv = tool("CUC_AJV", "ajv");
    let checker = tool("CUC_CHECK_JSONSCHEMA", "check-jsonschema");
    let cuc = Path::new(env!("CARGO_BIN_EXE_cuc"));
    // `cargo test` builds the examples next to the binary.
    let examples = cuc.parent().unwrap().join("examples");
    let walker = examples.join("last-changed");
    assert!(
        walker.exists(),
        "{} is missing: run `cargo test -- --include-ignored` without filters, which builds the examples",
        walker.display()
    );
    let work = tempfile::tempdir().unwrap();
    let result = work.path().join("result.md");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(root.join("bench/run.py"))
        .args(["--smoke", "--customers", "100", "--commits", "300"])
        .args(["--render-customers", "100", "--sample", "10"])
        .arg("--work")
        .arg(work.path())
        .arg("--cuc")
        .arg(cuc)
        .arg("--examples")
        .arg(&examples)
        .arg("--ajv")
        .arg(&ajv)
        .arg("--check-jsonschema")
        .arg(&checker)
        .arg("--out")
        .arg(&result)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let table = std::fs::read_to_string(&result).unwrap();
    // Two of the 100 customers carry a planted schema mistake in their
    // understanding; every validator finds exactly those.
    for row in [
        "| cuc validate | 2 | yes |",
        "| ajv-cli (quoted copy) | 2 | yes |",
        "| check-jsonschema | 2 | yes |",
        "| planted by the generator | 2 | yes |",
    ] {
        assert!(table.contains(row), "{row} is missing from\n{table}");
    }
    for section in [
        "### Checking",
        "### Last changed, every customer folder",
        "cuc, warm (index 10 commits behind HEAD)",
        "### Rendering (98 pages written",
    ] {
        assert!(
            table.contains(section),
            "{section} is missing from\n{table}"
        );
    }
    assert!(!table.contains("Disagreements"), "{table}");
}
