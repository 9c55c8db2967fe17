//! Writes under faults: `review --record` and `signoff` killed at every step
//! of a write leave reviews.yaml whole (the old file or the new one, never a
//! mix, never empty), and the next writer recovers the lock and the
//! leftovers. The crash is a test-only failpoint: debug builds abort where
//! `CUC_FAILPOINT` says, as if the process were killed there.

use std::path::Path;
use std::process::Command;

use crate::common::rules_repository;

const REVIEWS: &str = "customers/northwind/reviews.yaml";

/// Records the review or the sign-off; `again` says the first one landed:
/// the review is then a follow-up, and the sign-off another sponsor's (the
/// same sponsor signing the same version again is refused).
fn record(dir: &Path, command: &str, failpoint: Option<&str>, again: bool) -> std::process::Output {
    let args: Vec<&str> = match (command, again) {
        ("review", false) => crate::common::RECORD_MID_YEAR.to_vec(),
        ("review", true) => [&crate::common::RECORD_MID_YEAR[..], &["--again"]].concat(),
        (_, false) => crate::common::SIGNOFF_HENRIK.to_vec(),
        (_, true) => vec![
            "signoff",
            "northwind",
            "--by",
            "Sabine Kurz",
            "--role",
            "project_sponsor",
        ],
    };
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("cuc"));
    cmd.current_dir(dir)
        .env("CUC_TODAY", "2026-11-23")
        .env_remove("CUC_FAILPOINT")
        .args(&args);
    if let Some(point) = failpoint {
        cmd.env("CUC_FAILPOINT", point);
    }
    cmd.output().unwrap()
}

/// A text each entry the command writes has once.
fn marker(command: &str) -> &'static str {
    if command == "review" {
        "mid-year"
    } else {
        "fingerprint: sha256:"
    }
}

/// Files in the customer's folder whose names start with a dot (cuc's
/// temporary files).
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("customers/northwind"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_writer_killed_at_any_step_leaves_the_old_file_or_the_new_one() {
    for command in ["review", "signoff"] {
        for (point, lands) in [
            ("locked", false),
            ("half-written", false),
            ("before-rename", false),
            ("renamed", true),
        ] {
            let (scratch, _) = rules_repository();
            let dir = scratch.path();
            let old = std::fs::read_to_string(dir.join(REVIEWS)).unwrap();

            let killed = record(dir, command, Some(point), false);
            assert!(
                !killed.status.success() && killed.status.code().is_none(),
                "{command} at {point} should have been killed: {:?}",
                killed.status
            );
            let after = std::fs::read_to_string(dir.join(REVIEWS)).unwrap();
            if lands {
                // The new file: every line of the old one, in order, plus one entry.
                let mut lines = after.lines();
                for line in old.lines() {
                    assert!(
                        lines.any(|l| l == line),
                        "{command} at {point} lost {line:?}"
                    );
                }
                assert_eq!(
                    after.matches(marker(command)).count(),
                    old.matches(marker(command)).count() + 1,
                    "{command} at {point}: {after}"
                );
            } else {
                assert_eq!(after, old, "{command} at {point} changed the file");
            }
            let validate = crate::common::cuc(dir, &["validate"]);
            assert_eq!(
                validate.code, 0,
                "{command} at {point}: {}",
                validate.stdout
            );
            // The lock file is still there; the OS released the lock itself.
            assert!(dir.join(".git/cuc/locks/northwind.lock").exists());

            // The next writer takes the lock, clears the dead writer's
            // temporary file and lands (a follow-up review, when the dead
            // writer's review landed).
            let next = record(dir, command, None, lands);
            assert!(
                next.status.success(),
                "{command} after a crash at {point}: {}",
                String::from_utf8_lossy(&next.stderr)
            );
            assert_eq!(leftovers(dir), Vec::<String>::new(), "{command} at {point}");
            let last = std::fs::read_to_string(dir.join(REVIEWS)).unwrap();
            let expected = if lands { 2 } else { 1 };
            assert_eq!(
                last.matches(marker(command)).count(),
                expected,
                "{command} at {point}: {last}"
            );
            assert_eq!(crate::common::cuc(dir, &["validate"]).code, 0);
        }
    }
}

#[test]
fn a_temporary_file_left_by_a_killed_writer_is_not_a_persons_change() {
    let (scratch, _) = rules_repository();
    let dir = scratch.path();
    let killed = record(dir, "review", Some("before-rename"), false);
    assert!(killed.status.code().is_none());
    assert_eq!(leftovers(dir).len(), 1, "the dead writer's temporary file");
    // Validation ignores it, and recording does not mistake it for an
    // uncommitted edit.
    let validate = crate::common::cuc(dir, &["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.stdout);
    let next = record(dir, "review", None, false);
    assert!(
        next.status.success(),
        "{}",
        String::from_utf8_lossy(&next.stderr)
    );
}
