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
    // git_last_changed marks no time as a bound: a full clone has none.
    assert_eq!(last_changed(&scratch), git_last_changed(&scratch));
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
    // A note, not an error: it does not begin with `cuc:`.
    assert!(
        run.stderr
            .starts_with("Note: this is a shallow clone, so \"last changed\" marked ≤ means at or before that time\n"),
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

/// What git says: when each customer folder last changed.
fn git_last_changed(scratch: &Scratch) -> Vec<(String, Option<String>, bool)> {
    let mut rows: Vec<_> = std::fs::read_dir(scratch.path().join("customers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|id| {
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
            let when = jiff::Timestamp::from_second(seconds).unwrap().to_string();
            (id, Some(when), false)
        })
        .collect();
    rows.sort();
    rows
}

fn index_path(scratch: &Scratch) -> std::path::PathBuf {
    scratch.path().join(".git/cuc/last-changed")
}

/// Commits a change to one customer, one hour after HEAD.
fn change(scratch: &Scratch, id: &str, text: &str) {
    let repo = Repository::open(scratch.path()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    write(scratch.path(), id, &VALID.replace("Test Co", text));
    commit_at(&repo, head.time().seconds() + 3600, &[head.id()], true);
}

/// Rewrites one folder's time in the kept index, to see whether a run
/// reads the index or walks history.
fn tamper(scratch: &Scratch, id: &str, seconds: i64) {
    let path = index_path(scratch);
    let text = std::fs::read_to_string(&path).unwrap();
    let prefix = format!("{id} ");
    let line = text.lines().find(|l| l.starts_with(&prefix)).unwrap();
    let text = text.replace(line, &format!("{id} {seconds} 0"));
    std::fs::write(&path, text).unwrap();
}

#[test]
fn the_index_is_kept_inside_git_and_stays_right_after_new_commits() {
    let scratch = history();
    assert_eq!(last_changed(&scratch), git_last_changed(&scratch));
    let index = std::fs::read_to_string(index_path(&scratch)).unwrap();
    let head = git(scratch.path(), &["rev-parse", "HEAD"]);
    assert!(
        index.starts_with(&format!(
            "cuc last-changed 2\ncommit {head}\ndir customers\n"
        )),
        "{index}"
    );
    // Nothing new in the work tree.
    assert_eq!(git(scratch.path(), &["status", "--porcelain"]), "");

    change(&scratch, "alpha", "Alpha again");
    change(&scratch, "delta", "Delta again");
    write(scratch.path(), "foxtrot", VALID);
    let repo = Repository::open(scratch.path()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    commit_at(&repo, head.time().seconds() + 3600, &[head.id()], true);
    assert_eq!(last_changed(&scratch), git_last_changed(&scratch));
    let head = git(scratch.path(), &["rev-parse", "HEAD"]);
    let index = std::fs::read_to_string(index_path(&scratch)).unwrap();
    assert!(index.contains(&format!("commit {head}\n")), "{index}");
    assert!(index.contains("\nfoxtrot "), "{index}");
}

#[test]
fn only_the_commits_since_the_index_are_walked() {
    let scratch = history();
    last_changed(&scratch);
    // A time only the index holds: if it shows, the index was read.
    tamper(&scratch, "alpha", 1_700_000_000);
    change(&scratch, "bravo", "Bravo again");
    let rows = last_changed(&scratch);
    let alpha = rows.iter().find(|r| r.0 == "alpha").unwrap();
    assert_eq!(alpha.1.as_deref(), Some("2023-11-14T22:13:20Z"));
    let expected = git_last_changed(&scratch);
    let bravo =
        |rows: &[(String, Option<String>, bool)]| rows.iter().find(|r| r.0 == "bravo").cloned();
    assert_eq!(bravo(&rows), bravo(&expected));
}

#[test]
fn a_rewritten_history_uses_the_index_only_where_it_still_holds() {
    let scratch = history();
    last_changed(&scratch);
    // A time only the index holds: if it shows, the index was read.
    tamper(&scratch, "alpha", 1_700_000_000);
    tamper(&scratch, "echo", 1_700_000_000);
    // Reset two commits back and commit something else: the commit the
    // index was made for is no longer in HEAD's history, but what it
    // shares with it (all before the merge) still is.
    git(scratch.path(), &["reset", "--quiet", "--hard", "HEAD~2"]);
    change(&scratch, "echo", "Echo rewritten");
    let mut expected = git_last_changed(&scratch);
    // alpha's chain from HEAD meets the kept commit's: its kept time is
    // taken. echo changed in the new commit: the kept time is not.
    expected
        .iter_mut()
        .filter(|row| row.0 == "alpha")
        .for_each(|row| row.1 = Some("2023-11-14T22:13:20Z".to_owned()));
    assert_eq!(last_changed(&scratch), expected);
    std::fs::remove_file(index_path(&scratch)).unwrap();
    assert_eq!(last_changed(&scratch), git_last_changed(&scratch));
}

#[test]
fn a_damaged_index_is_rebuilt() {
    let scratch = history();
    last_changed(&scratch);
    for damage in [
        "",
        "cuc last-changed 1\ncommit nonsense\n",
        "cuc last-changed 1\ncommit 0123\ndir customers\nshallow none\nalpha x 0\n",
    ] {
        std::fs::write(index_path(&scratch), damage).unwrap();
        assert_eq!(
            last_changed(&scratch),
            git_last_changed(&scratch),
            "{damage:?}"
        );
    }
    // A folder the index does not know is dated by a walk.
    let index = std::fs::read_to_string(index_path(&scratch)).unwrap();
    let without_alpha: String = index
        .lines()
        .filter(|l| !l.starts_with("alpha "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(index_path(&scratch), without_alpha).unwrap();
    assert_eq!(last_changed(&scratch), git_last_changed(&scratch));
}

#[test]
fn the_index_is_not_written_again_while_head_stays() {
    let scratch = history();
    last_changed(&scratch);
    // A line for a folder that does not exist: a rewrite would drop it.
    let mut index = std::fs::read_to_string(index_path(&scratch)).unwrap();
    index.push_str("zulu 1700000000 0\n");
    std::fs::write(index_path(&scratch), &index).unwrap();
    assert_eq!(last_changed(&scratch), git_last_changed(&scratch));
    assert_eq!(
        std::fs::read_to_string(index_path(&scratch)).unwrap(),
        index
    );
}

/// A repository built with the git CLI, so merges are made the way people
/// make them; every git command runs one minute after the one before, so
/// each commit has a time of its own.
struct Shaped {
    scratch: Scratch,
    clock: std::cell::Cell<i64>,
}

impl Shaped {
    /// `customers`, each added in one first commit on `main`.
    fn new(customers: &[&str]) -> Shaped {
        let shaped = Shaped {
            scratch: Scratch::new(),
            clock: std::cell::Cell::new(1_780_000_000),
        };
        shaped.git(&["init", "--quiet", "--initial-branch=main"]);
        for id in customers {
            write(shaped.path(), id, VALID);
        }
        shaped.commit("Start");
        shaped
    }

    fn path(&self) -> &Path {
        self.scratch.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let output = self.attempt(args);
        assert!(
            output.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Runs git, which may fail (a merge with conflicts, a revert of nothing).
    fn attempt(&self, args: &[&str]) -> std::process::Output {
        self.clock.set(self.clock.get() + 60);
        let date = format!("@{} +0000", self.clock.get());
        Command::new("git")
            .current_dir(self.path())
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "merge.conflictStyle=merge",
            ])
            .args(args)
            .output()
            .expect("git is installed for the tests")
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--allow-empty", "-m", message]);
    }

    /// Commits a new version of one customer's understanding.
    fn change(&self, id: &str, text: &str) {
        write(self.path(), id, &VALID.replace("Test Co", text));
        self.commit(&format!("{id}: {text}"));
    }

    fn branch(&self, name: &str) {
        self.git(&["checkout", "--quiet", "-b", name]);
    }

    fn switch(&self, name: &str) {
        self.git(&["checkout", "--quiet", name]);
    }

    /// Merges `branches` into the current branch, with `how` (`-s ours`,
    /// `-X theirs`, ...), always as a merge commit.
    fn merge(&self, how: &[&str], branches: &[&str]) {
        let mut args = vec!["merge", "--quiet", "--no-ff", "--no-edit"];
        args.extend(how);
        args.extend(branches);
        self.git(&args);
    }

    /// cuc's last-changed times agree with `git log -1` for every customer,
    /// using (and updating) whatever index an earlier call left.
    fn agrees_warm(&self, when: &str) {
        assert_eq!(
            last_changed(&self.scratch),
            git_last_changed(&self.scratch),
            "{when}, with the index"
        );
    }

    /// The same from nothing: no index kept.
    fn agrees_cold(&self, when: &str) {
        let _ = std::fs::remove_dir_all(self.path().join(".git/cuc"));
        assert_eq!(
            last_changed(&self.scratch),
            git_last_changed(&self.scratch),
            "{when}, without the index"
        );
    }

    /// Both, the warm one first (its index was made at an earlier commit).
    fn agrees(&self, when: &str) {
        self.agrees_warm(when);
        self.agrees_cold(when);
    }
}

#[test]
fn a_merge_that_keeps_ours_dates_by_what_survived() {
    let repo = Shaped::new(&["alpha", "bravo", "charlie"]);
    repo.agrees("at the start");
    repo.branch("side");
    repo.change("alpha", "Alpha on a branch that is thrown away");
    repo.change("charlie", "Charlie on a branch that is thrown away");
    repo.switch("main");
    repo.change("bravo", "Bravo on main");
    repo.agrees_warm("before the merge");
    repo.merge(&["-s", "ours"], &["side"]);
    // alpha and charlie are as they were at the start: git dates them there.
    repo.agrees("after merging with -s ours");
    repo.change("bravo", "Bravo again");
    repo.agrees("after one more commit");
}

#[test]
fn a_merge_that_keeps_theirs_dates_by_the_branch() {
    let repo = Shaped::new(&["alpha", "bravo", "charlie"]);
    repo.branch("side");
    repo.change("alpha", "Alpha on the branch");
    repo.switch("main");
    repo.change("alpha", "Alpha on main, later, and lost in the merge");
    repo.change("bravo", "Bravo on main");
    repo.agrees_warm("before the merge");
    repo.merge(&["-X", "theirs"], &["side"]);
    repo.agrees("after merging with -X theirs");
}

#[test]
fn a_normal_merge_keeps_both_sides_dates() {
    let repo = Shaped::new(&["alpha", "bravo", "charlie"]);
    repo.branch("side");
    repo.change("alpha", "Alpha on the branch");
    repo.switch("main");
    repo.change("bravo", "Bravo on main");
    repo.agrees_warm("before the merge");
    repo.merge(&[], &["side"]);
    repo.agrees("after the merge");
    // The branch merged the other way round: its first parent is the branch.
    repo.switch("side");
    repo.change("charlie", "Charlie on the branch");
    repo.merge(&[], &["main"]);
    repo.agrees("after merging main into the branch");
    repo.switch("main");
    repo.git(&["merge", "--quiet", "--ff-only", "side"]);
    repo.agrees("after main moved up to the branch");
}

#[test]
fn a_side_branch_discarded_by_the_first_parent_of_its_own_merge() {
    // The branch merges main with -s ours: main's change is dropped, and the
    // merge's first parent is the branch.
    let repo = Shaped::new(&["alpha", "bravo"]);
    repo.branch("side");
    repo.change("bravo", "Bravo on the branch");
    repo.switch("main");
    repo.change("alpha", "Alpha on main, dropped");
    repo.agrees_warm("on main");
    repo.switch("side");
    repo.merge(&["-s", "ours"], &["main"]);
    repo.agrees("after the branch dropped main's change");
    repo.switch("main");
    repo.git(&["merge", "--quiet", "--ff-only", "side"]);
    repo.agrees("after main moved up to the branch");
}

#[test]
fn an_octopus_merge_dates_each_branch_by_its_own_change() {
    let repo = Shaped::new(&["alpha", "bravo", "charlie", "delta"]);
    for (branch, id) in [("one", "alpha"), ("two", "bravo"), ("three", "charlie")] {
        repo.switch("main");
        repo.branch(branch);
        repo.change(id, &format!("{id} on {branch}"));
    }
    repo.switch("main");
    repo.change("delta", "Delta on main");
    repo.agrees_warm("before the merge");
    repo.merge(&[], &["one", "two", "three"]);
    repo.agrees("after the octopus merge");
}

#[test]
fn criss_cross_merges_agree_with_git() {
    let repo = Shaped::new(&["alpha", "bravo", "charlie", "delta"]);
    repo.branch("side");
    repo.change("alpha", "Alpha on the branch");
    repo.switch("main");
    repo.change("bravo", "Bravo on main");
    repo.git(&["branch", "main-before"]);
    repo.git(&["branch", "side-before", "side"]);
    // Each merges the other as it was before either merge.
    repo.merge(&[], &["side-before"]);
    repo.change("charlie", "Charlie on main");
    repo.switch("side");
    repo.merge(&[], &["main-before"]);
    repo.change("delta", "Delta on the branch");
    repo.agrees_warm("on the branch after the cross");
    repo.switch("main");
    repo.agrees_warm("on main after the cross");
    repo.merge(&[], &["side"]);
    repo.agrees("after merging the crossed branches");
    repo.switch("side");
    repo.change("alpha", "Alpha once more");
    repo.switch("main");
    repo.merge(&["-s", "ours"], &["side"]);
    repo.agrees("after dropping the branch's last change");
}

#[test]
fn a_change_reverted_on_a_branch_leaves_the_date_where_it_was() {
    let repo = Shaped::new(&["alpha", "bravo"]);
    repo.branch("side");
    repo.change("alpha", "Alpha tried");
    repo.git(&["revert", "--no-edit", "HEAD"]);
    repo.change("bravo", "Bravo on the branch");
    repo.switch("main");
    repo.agrees_warm("on main");
    repo.merge(&[], &["side"]);
    // alpha is as at the start: git dates it there, not by the revert.
    repo.agrees("after merging the branch");
}

#[test]
fn an_evil_merge_dates_the_folder_by_the_merge() {
    let repo = Shaped::new(&["alpha", "bravo"]);
    repo.branch("side");
    repo.change("alpha", "Alpha on the branch");
    repo.switch("main");
    repo.change("bravo", "Bravo on main");
    repo.agrees_warm("before the merge");
    repo.git(&["merge", "--quiet", "--no-ff", "--no-commit", "side"]);
    // The merge itself changes alpha beyond both sides.
    write(
        repo.path(),
        "alpha",
        &VALID.replace("Test Co", "Alpha from the merge"),
    );
    repo.commit("Merge side, and fix alpha");
    repo.agrees("after the merge");
}

#[test]
fn main_moved_up_to_a_branch_that_merged_it_still_uses_the_index() {
    let repo = Shaped::new(&["alpha", "bravo", "charlie"]);
    repo.branch("side");
    repo.change("bravo", "Bravo on the branch");
    repo.switch("main");
    repo.change("alpha", "Alpha on main");
    repo.agrees("on main");
    // A time only the index holds: if it shows, the index was read.
    tamper(&repo.scratch, "charlie", 1_700_000_000);
    repo.switch("side");
    repo.merge(&[], &["main"]);
    repo.switch("main");
    repo.git(&["merge", "--quiet", "--ff-only", "side"]);
    // charlie's chain from HEAD goes down the branch to where it started;
    // the kept commit's chain gets there too, so its answer is taken
    // rather than walking on.
    let mut expected = git_last_changed(&repo.scratch);
    expected
        .iter_mut()
        .filter(|row| row.0 == "charlie")
        .for_each(|row| row.1 = Some("2023-11-14T22:13:20Z".to_owned()));
    assert_eq!(last_changed(&repo.scratch), expected);
    repo.agrees_cold("without the index");
}

/// Histories generated from a seed: edits (from a small set of texts, so a
/// folder's content comes back), branches, merges normal, `-s ours`,
/// `-X theirs` and octopus, and reverts; checked against git log cold, and
/// warm from an index made a few commits earlier.
#[test]
fn generated_histories_agree_with_git_log() {
    for seed in 1..=3u64 {
        let ids = ["alpha", "bravo", "charlie", "delta", "echo"];
        let repo = Shaped::new(&ids);
        let mut state = seed;
        let mut next = |n: usize| {
            // xorshift: the same history for a seed on every machine.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut branches = vec!["main".to_owned()];
        for step in 0..40 {
            let here = if next(3) == 0 {
                "main".to_owned()
            } else {
                branches[next(branches.len())].clone()
            };
            repo.switch(&here);
            match next(10) {
                0..=4 => {
                    let id = ids[next(ids.len())];
                    repo.change(id, ["one", "two", "three"][next(3)]);
                }
                5 => {
                    // Reverting a merge or an empty commit fails: then nothing.
                    if !repo
                        .attempt(&["revert", "--no-edit", "HEAD"])
                        .status
                        .success()
                    {
                        let _ = repo.attempt(&["revert", "--abort"]);
                        let _ = repo.attempt(&["reset", "--quiet", "--hard"]);
                    }
                }
                6 => {
                    let name = format!("b{step}");
                    repo.branch(&name);
                    branches.push(name);
                }
                _ => {
                    let others: Vec<&str> = branches
                        .iter()
                        .map(String::as_str)
                        .filter(|b| *b != here)
                        .collect();
                    if others.is_empty() {
                        continue;
                    }
                    let how: &[&str] = [&[][..], &["-s", "ours"], &["-X", "theirs"]][next(3)];
                    let them = if others.len() > 2 && next(4) == 0 {
                        vec![others[0], others[others.len() - 1]]
                    } else {
                        vec![others[next(others.len())]]
                    };
                    let how = if them.len() > 1 { &[][..] } else { how };
                    let mut args = vec!["merge", "--quiet", "--no-ff", "--no-edit"];
                    args.extend(how);
                    args.extend(&them);
                    // A merge with conflicts git cannot settle is left out.
                    if !repo.attempt(&args).status.success() {
                        let _ = repo.attempt(&["merge", "--abort"]);
                        let _ = repo.attempt(&["reset", "--quiet", "--hard"]);
                    }
                }
            }
            if step % 10 == 9 {
                repo.switch("main");
                repo.agrees_warm(&format!("seed {seed}, step {step}"));
            }
        }
        repo.switch("main");
        repo.agrees(&format!("seed {seed}, at the end"));
    }
}
