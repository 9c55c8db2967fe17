//! When each customer folder last changed: one walk of history that compares
//! raw tree objects, and an index of the answer kept inside `.git/` so the
//! next run walks only the commits made since.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::History;
use crate::error::CucError;

/// When folders last changed: seconds since the epoch, and whether the time
/// is only a bound (history cut off by a shallow clone).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LastChanged {
    pub times: HashMap<String, Changed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    pub time: i64,
    /// True when the change is at the shallow boundary: it happened then or earlier.
    pub at_or_before: bool,
}

fn failed(e: git2::Error) -> CucError {
    CucError::Git {
        message: format!("cannot read history: {}", e.message()),
        help: "check that the repository is not damaged (`git log` should work)",
    }
}

impl History {
    /// When each folder under `dir` (as of HEAD) last changed.
    ///
    /// The answer for a commit is kept in `.git/cuc/last-changed`. When HEAD
    /// has moved on from that commit, only the commits since are walked;
    /// when the kept commit is no longer in HEAD's history (a rebase, a
    /// reset), or the index is missing or damaged, all of history is walked
    /// again. Either way the answer is the same.
    pub fn last_changed(&self, dir: &Path) -> Result<LastChanged, CucError> {
        let Some(relative) = self.repo_path(dir) else {
            return Ok(LastChanged::default());
        };
        let Ok(head) = self.repo.head().and_then(|h| h.peel_to_commit()) else {
            return Ok(LastChanged::default());
        };
        let Some(folders) = self.folders_of(&head, Path::new(&relative))? else {
            return Ok(LastChanged::default());
        };
        let shallow = self.shallow_boundary();
        let index_path = self.repo.path().join("cuc").join("last-changed");
        let kept = Index::read(&index_path)
            .filter(|index| index.dir == relative && index.shallow == shallow_key(&shallow));
        let current = kept.as_ref().is_some_and(|index| index.commit == head.id());
        let mut result = match kept {
            Some(index) if current => index.dated,
            Some(index)
                if self
                    .repo
                    .graph_descendant_of(head.id(), index.commit)
                    .unwrap_or(false) =>
            {
                let since = self.walk(
                    &head,
                    Some(index.commit),
                    Path::new(&relative),
                    &folders,
                    &shallow,
                )?;
                let mut dated = index.dated;
                for (name, changed) in since.times {
                    // The later of the two, as a walk of all history in time
                    // order would meet it first.
                    let slot = dated.times.entry(name).or_insert(changed);
                    if changed.time > slot.time {
                        *slot = changed;
                    }
                }
                dated
            }
            _ => LastChanged::default(),
        };
        result.times.retain(|name, _| folders.contains(name));
        if current && result.times.len() == folders.len() {
            return Ok(result);
        }
        if result.times.len() < folders.len() {
            result = self.walk(&head, None, Path::new(&relative), &folders, &shallow)?;
        }
        // The index only saves time: a repository cuc cannot write to still
        // gets its answer.
        let _ = Index {
            commit: head.id(),
            dir: relative,
            shallow: shallow_key(&shallow),
            dated: result.clone(),
        }
        .write(&index_path);
        Ok(result)
    }

    /// The folders under `relative` in a commit, or `None` if it has no such folder.
    fn folders_of(
        &self,
        commit: &git2::Commit,
        relative: &Path,
    ) -> Result<Option<HashSet<String>>, CucError> {
        let Some(id) = subtree_id(commit, relative) else {
            return Ok(None);
        };
        let Ok(tree) = self.repo.find_tree(id) else {
            return Ok(None);
        };
        Ok(Some(
            tree.iter()
                .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
                .filter_map(|e| e.name().map(str::to_owned))
                .collect(),
        ))
    }

    /// Walks history from `head` in time order (leaving out `since` and what
    /// it reaches) and dates each of `folders` by the first commit met that
    /// changed it. Each commit's `dir` subtree id is compared with its
    /// parents' (read from the small root trees); only commits where it
    /// differs have their big `dir` trees compared, in blocks, on all cores,
    /// stopping after the block in which every folder got its date.
    fn walk(
        &self,
        head: &git2::Commit,
        since: Option<git2::Oid>,
        relative: &Path,
        folders: &HashSet<String>,
        boundary: &HashSet<String>,
    ) -> Result<LastChanged, CucError> {
        let mut result = LastChanged::default();
        let mut undated = folders.clone();
        let mut walk = self.repo.revwalk().map_err(failed)?;
        walk.set_sorting(git2::Sort::TIME).map_err(failed)?;
        walk.push(head.id()).map_err(failed)?;
        if let Some(since) = since {
            walk.hide(since).map_err(failed)?;
        }
        // Like git itself, objects are not hashed again on every read.
        git2::opts::strict_hash_verification(false);
        keep_freed_memory();
        // Each commit's subtree id is read once: as a parent, then as itself.
        let mut subtrees: HashMap<git2::Oid, Option<git2::Oid>> = HashMap::new();
        let mut subtree_of = |commit: &git2::Commit, done: bool| {
            let id = *subtrees
                .entry(commit.id())
                .or_insert_with(|| subtree_id(commit, relative));
            if done {
                subtrees.remove(&commit.id());
            }
            id
        };
        let mut block: Vec<Step> = Vec::with_capacity(BLOCK);
        let mut walk = walk.peekable();
        while walk.peek().is_some() && !undated.is_empty() {
            block.clear();
            for oid in walk.by_ref() {
                let commit = self
                    .repo
                    .find_commit(oid.map_err(failed)?)
                    .map_err(failed)?;
                let Some(tree) = subtree_of(&commit, true) else {
                    continue;
                };
                let parents: Vec<Option<git2::Oid>> =
                    commit.parents().map(|p| subtree_of(&p, false)).collect();
                // Unchanged under `dir` compared with some parent: nothing to date here.
                if parents.contains(&Some(tree)) {
                    continue;
                }
                block.push(Step {
                    time: commit.time().seconds(),
                    at_or_before: parents.is_empty() && boundary.contains(&commit.id().to_string()),
                    tree,
                    parents,
                });
                if block.len() == BLOCK {
                    break;
                }
            }
            let changed = self.compare_in_parallel(&block)?;
            for (step, names) in block.iter().zip(changed) {
                for name in names {
                    if undated.remove(&name) {
                        result.times.insert(
                            name,
                            Changed {
                                time: step.time,
                                at_or_before: step.at_or_before,
                            },
                        );
                    }
                }
            }
        }
        Ok(result)
    }

    /// The changed folders of each step, the block split between the cores;
    /// each part reads its trees through its own handle on the repository.
    fn compare_in_parallel(&self, steps: &[Step]) -> Result<Vec<Vec<String>>, CucError> {
        use rayon::prelude::*;
        let part = steps.len().div_ceil(rayon::current_num_threads()).max(64);
        let path = self.repo.path().to_path_buf();
        let parts: Vec<Result<Vec<Vec<String>>, CucError>> = steps
            .par_chunks(part)
            .map(|chunk| {
                let repo = git2::Repository::open(&path).map_err(failed)?;
                let odb = repo.odb().map_err(failed)?;
                compare_steps(&odb, chunk)
            })
            .collect();
        let mut changed = Vec::with_capacity(steps.len());
        for part in parts {
            changed.extend(part?);
        }
        Ok(changed)
    }

    /// The commits where a shallow clone's history was cut (git's
    /// `shallow` file): they look parentless but are not roots.
    fn shallow_boundary(&self) -> HashSet<String> {
        if !self.is_shallow() {
            return HashSet::new();
        }
        std::fs::read_to_string(self.repo.path().join("shallow"))
            .map(|text| text.lines().map(|l| l.trim().to_owned()).collect())
            .unwrap_or_default()
    }
}

/// libgit2 allocates every tree it reads (400 KB for 10,000 folders) with
/// the C allocator, which by default maps such blocks fresh and returns them
/// on free: a page fault per 4 KB, 50,000 times over. Keeping freed memory
/// for reuse took a 10,000-folder, 50,000-commit walk from 14.7 s to 10.7 s.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only changes glibc's allocation thresholds; it may be
    // called at any time, from any thread, and cannot invalidate memory.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

/// Commits compared per round: enough to keep both cores busy, few enough
/// that a walk which dates everything early stops soon after.
const BLOCK: usize = 2048;

/// A commit whose `dir` subtree differs from all its parents'.
struct Step {
    time: i64,
    at_or_before: bool,
    tree: git2::Oid,
    parents: Vec<Option<git2::Oid>>,
}

/// The folders each step changed, reading raw trees and keeping the few
/// still needed (a commit's parent is usually the next step's tree).
fn compare_steps(odb: &git2::Odb, steps: &[Step]) -> Result<Vec<Vec<String>>, CucError> {
    let damaged = |id: git2::Oid| CucError::Git {
        message: format!("tree {id} is damaged"),
        help: "check that the repository is not damaged (`git fsck` should pass)",
    };
    let mut trees: HashMap<git2::Oid, RawTree> = HashMap::new();
    let mut changed = Vec::with_capacity(steps.len());
    for step in steps {
        let mut wanted: HashSet<git2::Oid> = step.parents.iter().flatten().copied().collect();
        wanted.insert(step.tree);
        trees.retain(|id, _| wanted.contains(id));
        for id in wanted {
            if let std::collections::hash_map::Entry::Vacant(slot) = trees.entry(id) {
                let object = odb.read(id).map_err(failed)?;
                slot.insert(RawTree::new(object).ok_or_else(|| damaged(id))?);
            }
        }
        let parents: Vec<Option<&RawTree>> = step
            .parents
            .iter()
            .map(|p| p.and_then(|id| trees.get(&id)))
            .collect();
        changed.push(changed_entries(&trees[&step.tree], &parents));
    }
    Ok(changed)
}

/// The shallow boundary as one line of the index: fetching more history
/// (`git fetch --unshallow`) changes the answer, so it invalidates the index.
fn shallow_key(boundary: &HashSet<String>) -> String {
    let mut commits: Vec<&str> = boundary.iter().map(String::as_str).collect();
    commits.sort_unstable();
    if commits.is_empty() {
        "none".to_owned()
    } else {
        commits.join(",")
    }
}

/// The kept answer: `.git/cuc/last-changed`, a small text file.
///
/// ```text
/// cuc last-changed 1
/// commit <id>
/// dir customers
/// shallow none
/// <folder> <seconds> <0|1>
/// ```
#[derive(Debug, PartialEq)]
struct Index {
    commit: git2::Oid,
    dir: String,
    shallow: String,
    dated: LastChanged,
}

const INDEX_HEADER: &str = "cuc last-changed 1";

impl Index {
    /// The index, or `None` when it is missing, from another version or
    /// damaged in any way (it is then rebuilt).
    fn read(path: &Path) -> Option<Index> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != INDEX_HEADER {
            return None;
        }
        let commit = git2::Oid::from_str(lines.next()?.strip_prefix("commit ")?).ok()?;
        let dir = lines.next()?.strip_prefix("dir ")?.to_owned();
        let shallow = lines.next()?.strip_prefix("shallow ")?.to_owned();
        let mut dated = LastChanged::default();
        for line in lines {
            let mut fields = line.rsplitn(3, ' ');
            let bound = match fields.next()? {
                "0" => false,
                "1" => true,
                _ => return None,
            };
            let time = fields.next()?.parse().ok()?;
            let name = fields.next()?.to_owned();
            dated.times.insert(
                name,
                Changed {
                    time,
                    at_or_before: bound,
                },
            );
        }
        Some(Index {
            commit,
            dir,
            shallow,
            dated,
        })
    }

    /// Writes the index through a temporary file and a rename, so a reader
    /// never sees half of it. Folder names with a line break are left out
    /// (and so walked for each time).
    fn write(&self, path: &Path) -> std::io::Result<()> {
        use std::fmt::Write as _;
        let mut text = format!(
            "{INDEX_HEADER}\ncommit {}\ndir {}\nshallow {}\n",
            self.commit, self.dir, self.shallow
        );
        if self.dir.contains('\n') {
            return Ok(());
        }
        let mut rows: Vec<_> = self.dated.times.iter().collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (name, changed) in rows {
            if !name.contains('\n') {
                let _ = writeln!(
                    text,
                    "{name} {} {}",
                    changed.time,
                    u8::from(changed.at_or_before)
                );
            }
        }
        let folder = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        let temp = folder.join(format!("last-changed.{}.tmp", std::process::id()));
        std::fs::write(&temp, text)?;
        std::fs::rename(&temp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }
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

/// A tree object as git stores it: entries of `MODE NAME\0` and a 20-byte
/// object id, sorted in git's order; and where each entry starts.
struct RawTree<'o> {
    object: git2::OdbObject<'o>,
    starts: Vec<usize>,
}

/// One entry of a raw tree.
struct RawEntry<'a> {
    name: &'a [u8],
    is_tree: bool,
    /// The whole entry: mode, name and object id.
    bytes: &'a [u8],
}

const OID_LEN: usize = 20;

impl<'o> RawTree<'o> {
    /// Indexes the entries of a tree object; `None` if it is not one (a
    /// damaged object, or a hash other than SHA-1).
    fn new(object: git2::OdbObject<'o>) -> Option<RawTree<'o>> {
        let data = object.data();
        let mut starts = Vec::with_capacity(data.len() / 40);
        let mut at = 0;
        while at < data.len() {
            starts.push(at);
            let nul = memchr::memchr(0, &data[at..])?;
            at += nul + 1 + OID_LEN;
        }
        (at == data.len()).then_some(RawTree { object, starts })
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    fn entry(&self, index: usize) -> RawEntry<'_> {
        let data = self.object.data();
        let start = self.starts[index];
        let end = self.starts.get(index + 1).copied().unwrap_or(data.len());
        let bytes = &data[start..end];
        let space = bytes.iter().position(|&b| b == b' ').unwrap_or(0);
        let nul = bytes.len() - OID_LEN - 1;
        RawEntry {
            name: &bytes[space + 1..nul],
            // Folders have mode 40000; files 100644, 100755, 120000, 160000.
            is_tree: &bytes[..space] == b"40000",
            bytes,
        }
    }

    /// The index of the entry holding byte `offset`, or `len()` at the end.
    fn entry_at(&self, offset: usize) -> usize {
        if offset >= self.object.data().len() {
            return self.len();
        }
        self.starts.partition_point(|&s| s <= offset) - 1
    }
}

/// The folder entries of `tree` that differ from every parent's entry of
/// the same name.
fn changed_entries(tree: &RawTree, parents: &[Option<&RawTree>]) -> Vec<String> {
    let mut changed: Option<std::collections::BTreeSet<usize>> = None;
    for parent in parents {
        let here = match parent {
            Some(parent) => changed_from(tree, parent),
            None => (0..tree.len()).filter(|&i| tree.entry(i).is_tree).collect(),
        };
        changed = Some(match changed {
            None => here,
            Some(before) => before.intersection(&here).copied().collect(),
        });
    }
    changed
        .unwrap_or_else(|| (0..tree.len()).filter(|&i| tree.entry(i).is_tree).collect())
        .into_iter()
        .map(|i| String::from_utf8_lossy(tree.entry(i).name).into_owned())
        .collect()
}

/// The folder entries of `tree` missing from `parent` or different there: a
/// merge-join over the two sorted entry lists that skips identical runs of
/// bytes at once (a commit usually changes a few entries of thousands).
fn changed_from(tree: &RawTree, parent: &RawTree) -> std::collections::BTreeSet<usize> {
    let (a, b) = (tree.object.data(), parent.object.data());
    let mut changed = std::collections::BTreeSet::new();
    let (mut i, mut j) = (0, 0);
    while i < tree.len() {
        if j >= parent.len() {
            changed.extend((i..tree.len()).filter(|&k| tree.entry(k).is_tree));
            break;
        }
        // Identical bytes parse into identical entries: jump to the entry
        // where the two lists first differ.
        let (from_a, from_b) = (tree.starts[i], parent.starts[j]);
        let same = common_prefix(&a[from_a..], &b[from_b..]);
        let next = tree.entry_at(from_a + same);
        j += next - i;
        i = next;
        if i >= tree.len() || j >= parent.len() {
            continue;
        }
        let (new, old) = (tree.entry(i), parent.entry(j));
        match git_order(new.name, new.is_tree, old.name, old.is_tree) {
            std::cmp::Ordering::Less => {
                if new.is_tree {
                    changed.insert(i);
                }
                i += 1;
            }
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if new.is_tree && new.bytes != old.bytes {
                    changed.insert(i);
                }
                i += 1;
                j += 1;
            }
        }
    }
    changed
}

/// How many bytes two slices share at their start: compared a block at a
/// time (memcmp), then byte by byte inside the block that differs.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..len]
        .iter()
        .zip(&b[at..len])
        .position(|(x, y)| x != y)
        .unwrap_or(len - at)
}

/// The order git keeps tree entries in: by name, a folder as if its name
/// ended in `/` (so `acme-emea/` sorts before `acme/`).
fn git_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> std::cmp::Ordering {
    let a_key = a.iter().copied().chain(a_tree.then_some(b'/'));
    let b_key = b.iter().copied().chain(b_tree.then_some(b'/'));
    a_key.cmp(b_key)
}
