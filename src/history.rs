//! Git, read with git2 (cuc never shells out to `git`): the commit a review
//! records, whether a customer's documents have uncommitted changes, and a
//! document as it was at a commit.

use git2::{Repository, Status, StatusOptions};
use std::path::{Path, PathBuf};

use crate::error::CucError;

/// When folders last changed: seconds since the epoch, and whether the time
/// is only a bound (history cut off by a shallow clone).
#[derive(Debug, Default)]
pub struct LastChanged {
    pub times: std::collections::HashMap<String, Changed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    pub time: i64,
    /// True when the change is at the shallow boundary: it happened then or earlier.
    pub at_or_before: bool,
}

fn subtree<'r>(repo: &'r Repository, commit: &git2::Commit, path: &Path) -> Option<git2::Tree<'r>> {
    commit
        .tree()
        .ok()?
        .get_path(path)
        .ok()?
        .to_object(repo)
        .ok()?
        .into_tree()
        .ok()
}

/// The id of the tree at `path` in a commit, read from the commit's root
/// tree without loading the subtree itself.
fn subtree_id(commit: &git2::Commit, path: &Path) -> Option<git2::Oid> {
    commit
        .tree()
        .ok()?
        .get_path(path)
        .ok()
        .map(|entry| entry.id())
}

/// The folder entries of `tree` that differ from every parent's entry of
/// the same name: a merge-join over entry lists that git keeps sorted.
fn changed_entries(tree: &git2::Tree, parents: &[Option<&git2::Tree>]) -> Vec<String> {
    let mut cursors = vec![0usize; parents.len()];
    let mut changed = Vec::new();
    for entry in tree.iter() {
        if entry.kind() != Some(git2::ObjectType::Tree) {
            continue;
        }
        let mut same_in_a_parent = false;
        for (parent, cursor) in parents.iter().zip(cursors.iter_mut()) {
            let Some(parent) = parent else { continue };
            // Advance this parent's cursor up to `name`.
            while let Some(candidate) = parent.get(*cursor) {
                match git_order(&candidate, &entry) {
                    std::cmp::Ordering::Less => *cursor += 1,
                    std::cmp::Ordering::Equal => {
                        same_in_a_parent |= candidate.id() == entry.id();
                        break;
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
        }
        if !same_in_a_parent {
            changed.push(String::from_utf8_lossy(entry.name_bytes()).into_owned());
        }
    }
    changed
}

/// The order git keeps tree entries in: by name, a folder as if its name
/// ended in `/` (so `acme-emea/` sorts before `acme/`).
fn git_order(a: &git2::TreeEntry, b: &git2::TreeEntry) -> std::cmp::Ordering {
    let slash = |e: &git2::TreeEntry| (e.kind() == Some(git2::ObjectType::Tree)).then_some(b'/');
    let a_key = a.name_bytes().iter().copied().chain(slash(a));
    let b_key = b.name_bytes().iter().copied().chain(slash(b));
    a_key.cmp(b_key)
}

fn oid_string(commit: &git2::Commit) -> String {
    commit.id().to_string()
}

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

    /// When each folder under `dir` (as of HEAD) last changed, in one walk of
    /// history that stops as soon as every folder is dated. Each commit's
    /// `dir` subtree is compared with its parents'; only when it differs are
    /// the folder entries compared, by object id.
    pub fn last_changed(&self, dir: &Path) -> Result<LastChanged, CucError> {
        let fail = |e: git2::Error| CucError::Git {
            message: format!("cannot read history: {}", e.message()),
            help: "check that the repository is not damaged (`git log` should work)",
        };
        let mut result = LastChanged::default();
        let Some(relative) = self.repo_path(dir) else {
            return Ok(result);
        };
        let relative = Path::new(&relative);
        let Ok(head) = self.repo.head().and_then(|h| h.peel_to_commit()) else {
            return Ok(result);
        };
        let Some(head_tree) = subtree(&self.repo, &head, relative) else {
            return Ok(result);
        };
        let mut undated: std::collections::HashSet<String> = head_tree
            .iter()
            .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
            .filter_map(|e| e.name().map(str::to_owned))
            .collect();
        let boundary = self.shallow_boundary();
        let mut walk = self.repo.revwalk().map_err(fail)?;
        walk.set_sorting(git2::Sort::TIME).map_err(fail)?;
        walk.push(head.id()).map_err(fail)?;
        // Subtree ids are read from each commit's small root tree; the big
        // `dir` trees are loaded only where they differ, and kept by id, since
        // a commit's parent is usually the next commit walked.
        let mut trees: std::collections::HashMap<git2::Oid, git2::Tree> = Default::default();
        for oid in walk {
            if undated.is_empty() {
                break;
            }
            let commit = self.repo.find_commit(oid.map_err(fail)?).map_err(fail)?;
            let Some(tree_id) = subtree_id(&commit, relative) else {
                continue;
            };
            let parent_ids: Vec<Option<git2::Oid>> =
                commit.parents().map(|p| subtree_id(&p, relative)).collect();
            // Unchanged under `dir` compared with some parent: nothing to date here.
            if parent_ids.contains(&Some(tree_id)) {
                continue;
            }
            let at_boundary = parent_ids.is_empty() && boundary.contains(&oid_string(&commit));
            let time = commit.time().seconds();
            let mut wanted: std::collections::HashSet<git2::Oid> =
                parent_ids.iter().flatten().copied().collect();
            wanted.insert(tree_id);
            trees.retain(|id, _| wanted.contains(id));
            for id in wanted {
                if let std::collections::hash_map::Entry::Vacant(slot) = trees.entry(id) {
                    slot.insert(self.repo.find_tree(id).map_err(fail)?);
                }
            }
            let parents: Vec<Option<&git2::Tree>> = parent_ids
                .iter()
                .map(|p| p.and_then(|id| trees.get(&id)))
                .collect();
            for name in changed_entries(&trees[&tree_id], &parents) {
                if undated.remove(&name) {
                    result.times.insert(
                        name,
                        Changed {
                            time,
                            at_or_before: at_boundary,
                        },
                    );
                }
            }
        }
        Ok(result)
    }

    /// The commits where a shallow clone's history was cut (git's
    /// `shallow` file): they look parentless but are not roots.
    fn shallow_boundary(&self) -> std::collections::HashSet<String> {
        if !self.is_shallow() {
            return Default::default();
        }
        std::fs::read_to_string(self.repo.path().join("shallow"))
            .map(|text| text.lines().map(|l| l.trim().to_owned()).collect())
            .unwrap_or_default()
    }

    /// The text of a file as of a commit, or `None` when it did not exist then.
    pub fn file_at(&self, commit: &str, path: &Path) -> Result<Option<String>, CucError> {
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
        let object = entry
            .to_object(&self.repo)
            .map_err(|e| not_found(e.message().to_owned()))?;
        Ok(object
            .as_blob()
            .map(|blob| String::from_utf8_lossy(blob.content()).into_owned()))
    }
}
