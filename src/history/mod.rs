//! Git, read with git2 (cuc never shells out to `git`): the commit a review
//! records, whether a customer's documents have uncommitted changes, and a
//! document as it was at a commit.

use git2::{Repository, Status, StatusOptions};
use std::path::{Path, PathBuf};

use crate::error::CucError;

mod last_changed;
pub use last_changed::{Changed, LastChanged};

pub struct History {
    repo: Repository,
    /// The repository's work tree, canonical.
    workdir: PathBuf,
}

impl History {
    /// The repository containing the workspace, if there is one. A
    /// repository git itself would refuse (another user owns it) is an
    /// error that says how to trust it, never taken for "no repository".
    pub fn discover(workspace_root: &Path) -> Result<Option<History>, CucError> {
        let repo = match Repository::discover(workspace_root) {
            Ok(repo) => repo,
            Err(e) if e.code() == git2::ErrorCode::Owner => {
                return Err(CucError::GitOwnership {
                    path: workspace_root.to_path_buf(),
                });
            }
            Err(_) => return Ok(None),
        };
        let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
            return Ok(None);
        };
        Ok(Some(History { repo, workdir }))
    }

    /// Like `discover`, but a missing repository is an error that says why
    /// it is needed.
    pub fn require(workspace_root: &Path, why: &'static str) -> Result<History, CucError> {
        History::discover(workspace_root)?.ok_or(CucError::Git {
            message: format!("{} is not in a git repository", workspace_root.display()),
            help: why,
        })
    }

    /// Where git keeps its own files (for cuc's locks).
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The commit HEAD points at.
    pub fn head_commit(&self) -> Result<String, CucError> {
        let head = self.repo.head().map_err(|e| CucError::Git {
            message: format!("cannot read HEAD: {}", e.message()),
            help: "commit the customer's documents first (a repository with no commits has nothing to review)",
        })?;
        let commit = head.peel_to_commit().map_err(|e| CucError::Git {
            message: format!("HEAD is not a commit: {}", e.message()),
            help: "check out a branch with commits",
        })?;
        Ok(commit.id().to_string())
    }

    /// A path as git sees it: relative to the work tree, `/`-separated.
    fn repo_path(&self, path: &Path) -> Option<String> {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let relative = canonical.strip_prefix(&self.workdir).ok()?;
        Some(
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// Files under `dir` that differ from HEAD (modified, added, deleted or
    /// untracked), as paths relative to `dir`.
    pub fn uncommitted(&self, dir: &Path) -> Result<Vec<String>, CucError> {
        let Some(prefix) = self.repo_path(dir) else {
            return Err(CucError::Git {
                message: format!("{} is not inside the repository's work tree", dir.display()),
                help: "run cuc in the repository that holds the customer folders",
            });
        };
        let mut options = StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            // A literal path, not a glob: folder names may contain `[`.
            .disable_pathspec_match(true)
            .pathspec(format!("{prefix}/"));
        let statuses = self
            .repo
            .statuses(Some(&mut options))
            .map_err(|e| CucError::Git {
                message: format!("cannot read the repository's status: {}", e.message()),
                help: "check that the repository is not damaged (`git status` should work)",
            })?;
        let mut changed = Vec::new();
        for entry in statuses.iter() {
            if entry.status() == Status::CURRENT || entry.status().contains(Status::IGNORED) {
                continue;
            }
            if let Some(path) = entry.path() {
                let relative = path.strip_prefix(&format!("{prefix}/")).unwrap_or(path);
                changed.push(relative.to_owned());
            }
        }
        changed.sort();
        Ok(changed)
    }

    /// Whether this is a shallow clone (history cut off at a boundary).
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// The commit a revision names (a commit id, short or full, a branch, a
    /// tag, `HEAD~2`...).
    pub fn resolve(&self, revision: &str) -> Result<String, CucError> {
        self.repo
            .revparse_single(revision)
            .and_then(|object| object.peel_to_commit())
            .map(|commit| commit.id().to_string())
            .map_err(|_| self.missing_revision(revision))
    }

    fn missing_revision(&self, revision: &str) -> CucError {
        CucError::Git {
            message: if self.is_shallow() {
                format!("revision `{revision}` is not in this shallow clone")
            } else {
                format!("there is no revision `{revision}` in this repository")
            },
            help: if self.is_shallow() {
                "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions)"
            } else {
                "name a milestone id, a branch, a tag or a commit (`git log` lists commits)"
            },
        }
    }

    /// The names of the folders in `dir` (e.g. `customers/`) as of a revision.
    pub fn folders_at(&self, revision: &str, dir: &Path) -> Result<Vec<String>, CucError> {
        let commit = self
            .repo
            .revparse_single(revision)
            .and_then(|object| object.peel_to_commit())
            .map_err(|_| self.missing_revision(revision))?;
        let Some(relative) = self.repo_path(dir) else {
            return Ok(Vec::new());
        };
        let tree = commit.tree().map_err(|e| CucError::Git {
            message: e.message().to_owned(),
            help: "check that the repository is not damaged (`git status` should work)",
        })?;
        let Ok(entry) = tree.get_path(Path::new(&relative)) else {
            return Ok(Vec::new());
        };
        let Some(subtree) = entry
            .to_object(&self.repo)
            .ok()
            .and_then(|o| o.into_tree().ok())
        else {
            return Ok(Vec::new());
        };
        let mut names: Vec<String> = subtree
            .iter()
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
            .filter_map(|e| e.name().map(str::to_owned))
            .collect();
        names.sort();
        Ok(names)
    }

    /// The text of a file as of a commit, or `None` when it did not exist
    /// then. A version larger than `max_size` (`limits.max_file_size`) is
    /// refused from its size alone, before it is loaded.
    pub fn file_at(
        &self,
        commit: &str,
        path: &Path,
        max_size: u64,
    ) -> Result<Option<String>, CucError> {
        let not_found = |what: String| CucError::Git {
            message: what,
            help: "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions)",
        };
        // revparse, so short ids (7 digits, as people copy them) resolve too.
        let commit = self
            .repo
            .revparse_single(commit)
            .and_then(|object| object.peel_to_commit())
            .map_err(|_| not_found(format!("commit {commit} is not in this repository")))?;
        let Some(relative) = self.repo_path(path) else {
            return Ok(None);
        };
        let tree = commit
            .tree()
            .map_err(|e| not_found(e.message().to_owned()))?;
        let Ok(entry) = tree.get_path(Path::new(&relative)) else {
            return Ok(None);
        };
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        let odb = self
            .repo
            .odb()
            .map_err(|e| not_found(e.message().to_owned()))?;
        let (size, _) = odb
            .read_header(entry.id())
            .map_err(|e| not_found(e.message().to_owned()))?;
        if size as u64 > max_size {
            return Err(CucError::TooLargeInHistory {
                file: relative,
                revision: short(&commit.id().to_string()).to_owned(),
                size: size as u64,
                limit: max_size,
            });
        }
        let blob = self
            .repo
            .find_blob(entry.id())
            .map_err(|e| not_found(e.message().to_owned()))?;
        Ok(Some(String::from_utf8_lossy(blob.content()).into_owned()))
    }
}

/// A commit id as people quote it: its first 7 digits.
pub fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}
