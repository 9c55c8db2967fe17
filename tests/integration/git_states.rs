//! The repository states a customer repo meets in practice: a detached HEAD
//! (CI checks out a commit), no commits yet, a linked worktree, and a
//! repository another user owns (git's `safe.directory` check). Conflict
//! markers left by a merge are in `hostile.rs`.

use std::os::unix::fs::MetadataExt;

use crate::common::{Scratch, VALID, head, rules_repository};

fn record(scratch_dir: &std::path::Path) -> crate::common::Run {
    crate::common::cuc(scratch_dir, &crate::common::RECORD_MID_YEAR)
}

#[test]
fn a_detached_head_is_reviewed_at_its_commit() {
    let (scratch, first) = rules_repository();
    let repo = git2::Repository::open(scratch.path()).unwrap();
    repo.set_head_detached(git2::Oid::from_str(&first).unwrap())
        .unwrap();
    let run = record(scratch.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reviews =
        std::fs::read_to_string(scratch.path().join("customers/northwind/reviews.yaml")).unwrap();
    assert!(
        reviews.contains(&format!("commit: \"{first}\"")),
        "{reviews}"
    );
    let status = scratch.run(&["status", "--format", "json"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stdout.contains("\"last_changed\""),
        "{}",
        status.stdout
    );
}

#[test]
fn a_repository_without_commits_validates_and_refuses_to_record() {
    let scratch = Scratch::new();
    scratch.write(
        "customers/acme/understanding.yaml",
        format!("{VALID}milestones:\n  - id: kickoff\n    due: 2026-12-01\n"),
    );
    git2::Repository::init(scratch.path()).unwrap();
    assert_eq!(scratch.run(&["validate"]).code, 0);
    let status = scratch.run(&["status", "--format", "json"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(!status.stdout.contains("last_changed"), "{}", status.stdout);
    let page = scratch.run(&["render", "acme", "--audience", "internal"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(page.stdout.contains("not committed yet"), "{}", page.stdout);
    let run = scratch.run(&[
        "review",
        "acme",
        "--record",
        "--milestone",
        "kickoff",
        "--by",
        "cs@vendor.example",
        "--outcome",
        "on_track",
    ]);
    assert_eq!(run.code, 2);
    // Before the first commit everything is uncommitted, and cuc says so.
    assert!(
        run.stderr
            .contains("cuc: customers/acme has uncommitted changes: understanding.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: commit them first"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_linked_worktree_works_like_the_main_one() {
    let (scratch, first) = rules_repository();
    let repo = git2::Repository::open(scratch.path()).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let path = outside.path().join("review-work");
    repo.worktree("review-work", &path, None).unwrap();
    let run = record(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reviews = std::fs::read_to_string(path.join("customers/northwind/reviews.yaml")).unwrap();
    assert!(
        reviews.contains(&format!("commit: \"{first}\"")),
        "{reviews}"
    );
    assert_eq!(head(&path), first);
    let status = crate::common::cuc(&path, &["status", "--format", "json"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stdout.contains("\"last_changed\""),
        "{}",
        status.stdout
    );
    // The main work tree is untouched.
    let main =
        std::fs::read_to_string(scratch.path().join("customers/northwind/reviews.yaml")).unwrap();
    assert!(!main.contains("mid-year"));
}

#[test]
#[ignore = "needs root, to give a folder another owner (.ci/run runs as root)"]
fn a_repository_owned_by_someone_else_is_named_not_ignored() {
    let running_as_root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    assert!(
        running_as_root,
        "this test needs root, to change a folder's owner"
    );
    let (scratch, _) = rules_repository();
    for path in [scratch.path().to_path_buf(), scratch.path().join(".git")] {
        std::os::unix::fs::chown(&path, Some(12345), Some(12345)).unwrap();
    }
    let status = scratch.run(&["status"]);
    assert_eq!(status.code, 2, "{}", status.stdout);
    assert!(
        status
            .stderr
            .contains("git refuses to read the repository holding"),
        "{}",
        status.stderr
    );
    assert!(
        status.stderr.contains("safe.directory"),
        "{}",
        status.stderr
    );
    let run = record(scratch.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("belongs to another user"),
        "{}",
        run.stderr
    );
    // Validation needs no git, so it still works.
    assert_eq!(scratch.run(&["validate"]).code, 0);

    // Trusted the way git is told, it works again (HOME is the scratch folder).
    let root = scratch.path().canonicalize().unwrap();
    scratch.write(
        ".gitconfig",
        format!("[safe]\n\tdirectory = {}\n", root.display()),
    );
    let status = scratch.run(&["status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
}
