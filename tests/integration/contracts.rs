//! Stored contracts: what cuc writes into reviews.yaml is compared with
//! what it computes years later, so it must never change by accident.

use crate::common::example_portfolio;
use crate::common::{SIGNOFF_HENRIK, rules_repository};

/// The fingerprint of `tests/fixtures/rules/understanding.yaml`, as every
/// sign-off of it records. If this test fails, every sign-off in every
/// workspace would silently turn stale: do not update the value. A change
/// on purpose needs a new prefix (not `sha256:`), and cuc must keep
/// computing this form to compare with the fingerprints recorded under it.
// Computed independently too: the YAML read as YAML 1.2 (dates stay text), then
// `json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)` and SHA-256.
const RULES_FINGERPRINT: &str =
    "sha256:b0868792cb6589b37a8524111c982531c00557cde13ef15e27cda082c56095af";

#[test]
fn a_signoff_records_the_pinned_fingerprint_of_a_fixed_document() {
    let (scratch, _) = rules_repository();
    let mut args = SIGNOFF_HENRIK.to_vec();
    args.extend(["--date", "2026-11-20"]);
    let run = scratch.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reviews =
        std::fs::read_to_string(scratch.path().join("customers/northwind/reviews.yaml")).unwrap();
    assert!(
        reviews.contains(&format!("    fingerprint: {RULES_FINGERPRINT}\n")),
        "{reviews}"
    );
}

// The wire formats programs read, frozen by snapshots on the example
// portfolio: each comes from its own wire types (output/json.rs,
// output/sarif.rs, output/diff/json.rs, output/status.rs), so a change to
// the domain types that leaked into one fails here. A change on purpose is
// a contract change: say so in the README and the changelog of the release.

/// What `args` prints on the example portfolio, after checking its exit code.
fn printed(args: &[&str], code: i32) -> String {
    let run = example_portfolio().run(args);
    assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn the_findings_json_of_the_example_portfolio_is_frozen() {
    insta::assert_snapshot!(printed(&["--format", "json", "check"], 1));
}

#[test]
fn the_sarif_of_the_example_portfolio_is_frozen() {
    insta::assert_snapshot!(printed(&["--format", "sarif", "check"], 1));
}

#[test]
fn the_status_json_of_the_example_portfolio_is_frozen() {
    insta::assert_snapshot!(printed(&["--format", "json", "status"], 0));
}

#[test]
fn the_diff_json_of_the_example_portfolio_is_frozen() {
    // The example portfolio committed, then northwind's first target
    // changed. Commit ids vary with the time of the commit, so they are
    // named, not shown.
    let scratch = example_portfolio();
    git2::Repository::init(scratch.path()).unwrap();
    let first = crate::common::commit_all(scratch.path(), "the examples");
    let path = scratch
        .path()
        .join("customers/northwind/understanding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("target: ", "target: 1", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let run = scratch.run(&["--format", "json", "diff", "--base", &first]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout.replace(&first, "FIRST_COMMIT"));
}
