//! A small builder around the real `cuc` binary: fixed colours, a fixed
//! "today", no inherited CUC_/NO_COLOR settings, and helpers to read findings.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs cuc in `dir` with `args`. A run that takes longer than 60 seconds
/// is killed and fails the test: cuc must never hang.
pub fn cuc(dir: &Path, args: &[&str]) -> Run {
    let command = Command::cargo_bin("cuc").expect("the cuc binary is built");
    finish(command, dir, args, 60)
}

/// Runs cuc like `cuc`, with these variables set and those removed.
pub fn cuc_env(dir: &Path, args: &[&str], set: &[(&str, &str)], remove: &[&str]) -> Run {
    let mut command = Command::cargo_bin("cuc").expect("the cuc binary is built");
    for (name, value) in set {
        command.env(name, value);
    }
    for name in remove {
        command.env_remove(name);
    }
    finish(command, dir, args, 120)
}

/// Runs cuc like `cuc`, but within a bound of time and memory: killed after
/// `seconds`, and refused address space beyond `megabytes` (`ulimit -v`), so
/// hostile input that made cuc hang or balloon fails the test.
pub fn cuc_bounded(dir: &Path, args: &[&str], seconds: u64, megabytes: u64) -> Run {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -v {} && exec \"$0\" \"$@\"",
            megabytes * 1024
        ))
        .arg(assert_cmd::cargo::cargo_bin("cuc"));
    finish(command, dir, args, seconds)
}

/// The same surroundings for every run: a fixed today, no colour, and no
/// user or system git configuration but the folder's own.
fn finish(mut command: Command, dir: &Path, args: &[&str], seconds: u64) -> Run {
    let output = command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("CUC_TODAY", "2026-11-23")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join(".no-such-config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("--color")
        .arg("never")
        .args(args)
        .timeout(Duration::from_secs(seconds))
        .output()
        .expect("cuc runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Runs cuc once for each of `runs` (its arguments), all at the same time
/// in `dir`, in the surroundings of `cuc`, and fails the test unless every
/// run succeeds: for writers that must not lose each other's records.
pub fn cuc_all_at_once(dir: &Path, runs: Vec<Vec<String>>) {
    let children: Vec<_> = runs
        .into_iter()
        .map(|args| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("cuc"))
                .current_dir(dir)
                .env_remove("NO_COLOR")
                .env("CUC_TODAY", "2026-11-23")
                .env("HOME", dir)
                .env("XDG_CONFIG_HOME", dir.join(".no-such-config"))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("cuc starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("cuc ends");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The findings of a `--format json` run, one line each:
/// `rule file:line:column pointer`, in output order.
pub fn findings(run: &Run) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr: {}", run.stdout, run.stderr));
    json["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| {
            let mut line = format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap()
            );
            if let Some(l) = f["line"].as_u64() {
                line.push_str(&format!(":{}:{}", l, f["column"]));
            }
            if let Some(p) = f["pointer"].as_str().filter(|p| !p.is_empty()) {
                line.push_str(&format!(" {p}"));
            }
            line
        })
        .collect()
}

/// The message of the first finding with `rule` in a JSON run.
pub fn message(run: &Run, rule: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON output");
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {}", run.stdout))["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A throw-away workspace for cases built in the test itself.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("cuc.yaml"), "schema: cuc/v1\n").unwrap();
        std::fs::create_dir(dir.path().join("customers")).unwrap();
        Scratch { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (relative to the workspace), creating folders.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        cuc(self.path(), args)
    }
}

/// The review most recording tests write: northwind's mid-year milestone,
/// reviewed by Tom Becker, on track.
pub const RECORD_MID_YEAR: [&str; 9] = [
    "review",
    "northwind",
    "--record",
    "--milestone",
    "mid-year",
    "--by",
    "Tom Becker",
    "--outcome",
    "on_track",
];

/// The sign-off most recording tests write: Henrik Albers as northwind's
/// exec sponsor, today.
pub const SIGNOFF_HENRIK: [&str; 6] = [
    "signoff",
    "northwind",
    "--by",
    "Henrik Albers",
    "--role",
    "exec_sponsor",
];

/// A minimal valid understanding.yaml, for cases that need one to exist.
pub const VALID: &str = "schema: cuc/v1
customer:
  name: Test Co
  team:
    cs: cs@vendor.example
business_context:
  problem: p
  why_it_matters: w
  at_stake: a
  success_looks_like: s
success_criteria: []
stakeholders: []
review:
  cadence: 90d
";

/// Stages every file in the repository at `dir`.
pub fn stage_all(dir: &Path) {
    let repo = git2::Repository::open(dir).unwrap();
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
}

/// The clean customer of `tests/fixtures/rules` as `customers/northwind`
/// in a new git repository; returns it and the id of its first commit.
pub fn rules_repository() -> (Scratch, String) {
    let scratch = Scratch::new();
    for name in ["understanding.yaml", "decisions.yaml", "reviews.yaml"] {
        scratch.write(
            &format!("customers/northwind/{name}"),
            std::fs::read(fixture("rules").join(name)).unwrap(),
        );
    }
    git2::Repository::init(scratch.path()).unwrap();
    let first = commit_all(scratch.path(), "northwind at close");
    (scratch, first)
}

/// Commits every file in the repository at `dir`; returns the commit id.
pub fn commit_all(dir: &Path, message: &str) -> String {
    stage_all(dir);
    let repo = git2::Repository::open(dir).unwrap();
    let mut index = repo.index().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let signature = git2::Signature::now("Test", "test@example.com").unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &parents,
    )
    .unwrap()
    .to_string()
}

/// The id of the commit HEAD points at.
pub fn head(dir: &Path) -> String {
    let repo = git2::Repository::open(dir).unwrap();
    repo.head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .id()
        .to_string()
}

/// An external tool a test runs for real: the path in `variable` (set by
/// `.ci/run`, which installs every such tool), or `default` on the PATH.
/// Tests that need one are `#[ignore = "needs …"]`, so a plain `cargo test`
/// lists them as ignored instead of counting them as passed; `.ci/run` runs
/// them with `--include-ignored`, and a missing tool then fails the test.
pub fn tool(variable: &str, default: &str) -> PathBuf {
    let path = std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from);
    let runs = std::process::Command::new(&path)
        .arg("--version")
        .output()
        .is_ok();
    assert!(
        runs,
        "this test needs {default}, which is not installed: run .ci/run (it installs it), or set {variable} to its path"
    );
    path
}

/// The example portfolio copied into a scratch folder outside any git
/// repository, so nothing in its outputs depends on this repository's
/// history.
pub fn example_portfolio() -> Scratch {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let scratch = Scratch::new();
    copy(&example("portfolio"), scratch.path());
    scratch
}
