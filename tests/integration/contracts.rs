//! Stored contracts: what cuc writes into reviews.yaml is compared with
//! what it computes years later, so it must never change by accident.

use crate::common::{SIGNOFF_HENRIK, rules_repository};

/// The fingerprint of `tests/fixtures/rules/understanding.yaml`, as every
/// sign-off of it records. If this test fails, every sign-off in every
/// workspace would silently turn stale: do not update the value. A change
/// on purpose needs a new prefix (not `sha256:`), and cuc must keep
/// computing this form to compare with the fingerprints recorded under it.
// Computed independently too: the YAML read as YAML 1.2 (dates stay text), then
// `json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)` and SHA-256.
const RULES_FINGERPRINT: &str =
    "sha256:a7091473c96241b35c96f3b2945cf56d8f82b8b4449437c3fa2e8e732fb9ea32";

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
