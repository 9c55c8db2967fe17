//! History read with git2: last-changed times from one walk agree with
//! `git log -1 -- customers/ID` (the tests may call git; cuc never does),
//! and a shallow clone is detected and explained.

use git2::{IndexAddOption, Repository, Signature, Time};
use std::path::Path;
use std::process::Command;

use crate::common::{Scratch, VALID};

/// Commits everything with a committer time of `seconds`, on top of `parents`.
fn commit_at(
    repo: &Repository,
    seconds: i64,
    parents: &[git2::Oid],
    update_head: bool,
) -> git2::Oid {
    let mut index = repo.index().unwrap();
    index.add_all(["*"], IndexAddOption::DEFAULT, None).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let signature = Signature::new("Test", "test@example.com", &Time::new(seconds, 0)).unwrap();
    let parents: Vec<git2::Commit> = parents
        .iter()
        .map(|p| repo.find_commit(*p).unwrap())
        .collect();
    let refs: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(
        if update_head { Some("HEAD") } else { None },
        &signature,
        &signature,
        "change",
        &tree,
        &refs,
    )
    .unwrap()
}

fn write(dir: &Path, customer: &str, text: &str) {
    let folder = dir.join("customers").join(customer);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("understanding.yaml"), text).unwrap();
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git is installed for the tests");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// Seven customers changed over eleven commits, one of them a merge.
fn history() -> Scratch {
    let scratch = Scratch::new();
    let dir = scratch.path();
    let repo = Repository::init(dir).unwrap();
    let start = 1_780_000_000;
    // `acme-emea/` sorts before `acme/` in git's trees: both must be dated right.
    for id in [
        "acme",
        "acme-emea",
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
    ] {
        write(dir, id, VALID);
    }
    let mut head = commit_at(&repo, start, &[], true);
    for (i, id) in ["bravo", "acme", "charlie", "bravo", "delta"]
        .iter()
        .enumerate()
    {
        write(dir, id, &VALID.replace("Test Co", &format!("Test Co {i}")));
        head = commit_at(&repo, start + 1000 * (i as i64 + 1), &[head], true);
    }
    // A side branch changes charlie; the main line changes echo; then merge.
    let base = head;
    write(
        dir,
        "charlie",
        &VALID.replace("Test Co", "Charlie on a branch"),
    );
    let side = commit_at(&repo, start + 6500, &[base], false);
    repo.reset(
        &repo.find_object(base, None).unwrap(),
        git2::ResetType::Hard,
        None,
    )
    .unwrap();
    write(dir, "echo", &VALID.replace("Test Co", "Echo on main"));
    let main = commit_at(&repo, start + 7500, &[base], true);
    write(
        dir,
        "charlie",
        &VALID.replace("Test Co", "Charlie on a branch"),
    );
    commit_at(&repo, start + 8500, &[main, side], true);
    // A commit touching nothing under customers/.
    std::fs::write(dir.join("README.md"), "# Our customers\n").unwrap();
    commit_at(
        &repo,
        start + 9000,
        &[repo.head().unwrap().target().unwrap()],
        true,
    );
    scratch
}

fn last_changed(scratch: &Scratch) -> Vec<(String, Option<String>, bool)> {
    let run = scratch.run(&["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut rows: Vec<_> = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["last_changed"].as_str().map(str::to_owned),
                c["last_changed_at_or_before"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn last_changed_agrees_with_git_log_for_every_customer() {
    let scratch = history();
    for (id, changed, bound) in last_changed(&scratch) {
        let seconds: i64 = git(
            scratch.path(),
            &[
                "log",
                "-1",
                "--format=%ct",
                "--",
                &format!("customers/{id}"),
            ],
        )
        .parse()
        .unwrap();
        let expected = jiff::Timestamp::from_second(seconds).unwrap().to_string();
        assert_eq!(changed.as_deref(), Some(expected.as_str()), "{id}");
        assert!(!bound, "{id}: a full clone has no bounds");
    }
}

#[test]
fn outside_git_there_is_no_last_changed() {
    let scratch = Scratch::new();
    scratch.write("customers/alpha/understanding.yaml", VALID);
    assert_eq!(last_changed(&scratch), [("alpha".to_owned(), None, false)]);
}

#[test]
fn a_shallow_clone_marks_times_as_bounds_and_explains() {
    let full = history();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", full.path().display());
    git(
        clone.path(),
        &["clone", "--quiet", "--depth", "2", &url, "shallow"],
    );
    let dir = clone.path().join("shallow");
    let run = crate::common::cuc(&dir, &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("this is a shallow clone"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("git fetch --unshallow"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let bounded: Vec<&str> = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["last_changed_at_or_before"] == true)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!bounded.is_empty(), "{}", run.stdout);
    // What needs older history fails with the fix.
    let first = git(full.path(), &["rev-list", "--max-parents=0", "HEAD"]);
    let run = crate::common::cuc(&dir, &["diff", "alpha", &first]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not in this shallow clone"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
}
