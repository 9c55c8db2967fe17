//! When each customer folder last changed, as `git log -1 -- customers/ID`
//! says: one walk of history that compares raw tree objects, and an index of
//! the answer kept inside `.git/` so the next run walks only what it must.
//!
//! git's default history simplification decides the answer. Walking back
//! from HEAD, a commit whose folder is the same as in one of its parents did
//! not change it: git follows the first such parent only and leaves the
//! others (a merge that kept one side's folder says nothing about the other
//! side's). So the commit `git log -1` shows for a folder is found by
//! following, from HEAD, the first parent with the same folder, until a
//! commit whose folder differs from every parent's. Commit times do not
//! enter into it (git's walk has a single commit to go on with until it
//! meets that one), so clocks that were wrong cannot change the answer.
//! Each folder follows its own chain of commits; the walk moves all of them
//! together, newest commit first, and compares a commit's tree with its
//! parents' once for every folder waiting there.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
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

/// A commit whose folder list cannot be read: named, so it can be looked at.
fn damaged(commit: git2::Oid) -> CucError {
    CucError::Git {
        message: format!(
            "cannot read history: the customer folders of commit {commit} are damaged"
        ),
        help: "check that the repository is not damaged (`git fsck` should pass)",
    }
}

impl History {
    /// When each folder under `dir` (as of HEAD) last changed.
    ///
    /// The answer for a commit is kept in `.git/cuc/last-changed`. A later
    /// walk stops each folder at that commit when it gets there (the answer
    /// from a commit on is the same whatever came after it); a folder whose
    /// chain passes by it (a rebase, a reset, a merge that kept an older
    /// side) is walked on. The index only saves time: the answer is the same
    /// without it.
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
        if let Some(index) = kept.as_ref().filter(|index| index.commit == head.id()) {
            let mut dated = index.dated.clone();
            dated.times.retain(|name, _| folders.contains(name));
            if dated.times.len() == folders.len() {
                return Ok(dated);
            }
        }
        let result = Walk::new(&self.repo, Path::new(&relative), &folders, &shallow)
            .run(&head, kept.as_ref())?;
        // A repository cuc cannot write to still gets its answer.
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
        let Some(id) = subtree_id(commit, relative)? else {
            return Ok(None);
        };
        let tree = self.repo.find_tree(id).map_err(|_| damaged(commit.id()))?;
        Ok(Some(
            tree.iter()
                .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
                .filter_map(|e| e.name().map(str::to_owned))
                .collect(),
        ))
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

/// Commits read ahead and compared at most per round: enough to keep both
/// cores busy, few enough that a walk which dates everything early stops
/// soon after. The first round reads few (a warm walk is often done within
/// a handful of commits); each round reads twice as many as the last.
const BLOCK: usize = 2048;
const FIRST_ROUND: usize = 16;

/// Folders, by their number in `Walk::names`.
type Folders = HashSet<u32>;

/// One walk of history from HEAD for all folders at once.
struct Walk<'r> {
    repo: &'r git2::Repository,
    relative: &'r Path,
    boundary: &'r HashSet<String>,
    names: Vec<String>,
    numbers: HashMap<Vec<u8>, u32>,
    /// Each commit's `dir` tree, read once (as a parent, then as itself).
    subtrees: HashMap<git2::Oid, Option<git2::Oid>>,
    /// What is known of the commits read ahead, until the walk gets there.
    facts: HashMap<git2::Oid, Facts>,
    looked: HashSet<git2::Oid>,
    round: usize,
}

/// A commit as the walk needs it: when it was made, its parents, and for
/// each parent in turn, up to the first with the same `dir` tree, which
/// folders differ from that parent's.
struct Facts {
    time: i64,
    at_or_before: bool,
    parents: Vec<(git2::Oid, i64)>,
    against: Vec<Against>,
}

enum Against {
    /// The whole `dir` tree is the parent's: every folder is the same.
    Same,
    /// These folders differ from the parent's (or it has none of them).
    Differs(Vec<u32>),
}

/// A commit whose `dir` tree must be compared with some of its parents'.
struct Step {
    commit: git2::Oid,
    tree: git2::Oid,
    /// The parents to compare with, in order: each commit and its `dir` tree.
    parents: Vec<(git2::Oid, Option<git2::Oid>)>,
}

/// Which walk a folder waiting at a commit belongs to: the one from HEAD,
/// or the one from the commit of the kept answer.
const FROM_HEAD: usize = 0;
const FROM_KEPT: usize = 1;

/// The folders waiting at each commit, and the commits in the order they are
/// walked: newest first, and in the order they were reached when made at
/// the same second.
#[derive(Default)]
struct Waiting {
    at: HashMap<git2::Oid, [Folders; 2]>,
    queue: BinaryHeap<(i64, Reverse<u64>, git2::Oid)>,
    reached: u64,
}

impl Waiting {
    /// Folders of one walk move to `commit` (made at `time`).
    fn send(&mut self, commit: git2::Oid, time: i64, walk: usize, mut folders: Folders) {
        if folders.is_empty() {
            return;
        }
        match self.at.entry(commit) {
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                let there = &mut slot.get_mut()[walk];
                if folders.len() > there.len() {
                    std::mem::swap(there, &mut folders);
                }
                there.extend(folders);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let mut sets = [Folders::new(), Folders::new()];
                sets[walk] = folders;
                slot.insert(sets);
                self.reached += 1;
                self.queue.push((time, Reverse(self.reached), commit));
            }
        }
    }

    /// The next commit and the folders waiting there.
    fn next(&mut self) -> Option<(git2::Oid, [Folders; 2])> {
        while let Some((_, _, commit)) = self.queue.pop() {
            if let Some(sets) = self.at.remove(&commit) {
                return Some((commit, sets));
            }
        }
        None
    }

    /// Moves each of `folders` to the first parent where it is the same;
    /// returns those no parent has the same (this commit changed them).
    fn advance(&mut self, facts: &Facts, walk: usize, mut folders: Folders) -> Folders {
        for (against, &(parent, time)) in facts.against.iter().zip(&facts.parents) {
            if folders.is_empty() {
                break;
            }
            let moving = match against {
                Against::Same => std::mem::take(&mut folders),
                Against::Differs(differ) => {
                    let stay: Folders = differ
                        .iter()
                        .filter(|n| folders.remove(n))
                        .copied()
                        .collect();
                    std::mem::replace(&mut folders, stay)
                }
            };
            self.send(parent, time, walk, moving);
        }
        folders
    }
}

impl<'r> Walk<'r> {
    fn new(
        repo: &'r git2::Repository,
        relative: &'r Path,
        folders: &HashSet<String>,
        boundary: &'r HashSet<String>,
    ) -> Walk<'r> {
        let mut names: Vec<String> = folders.iter().cloned().collect();
        names.sort_unstable();
        let numbers = names
            .iter()
            .zip(0..)
            .map(|(name, n)| (name.as_bytes().to_vec(), n))
            .collect();
        Walk {
            repo,
            relative,
            boundary,
            names,
            numbers,
            subtrees: HashMap::new(),
            facts: HashMap::new(),
            looked: HashSet::new(),
            round: FIRST_ROUND,
        }
    }

    /// Dates every folder: each waits at a commit, newest first, and moves
    /// to the first parent where it is the same, or is dated by the commit
    /// when no parent has it the same.
    ///
    /// `kept` is the answer for an earlier commit. A folder that reaches
    /// that commit takes the kept answer. So does a folder that meets the
    /// kept commit's own chain for it: the chains from that commit are
    /// walked too (usually no further than the commit itself), so that a
    /// merge whose first parent is a branch (main merged into it, then main
    /// moved up to it) need not walk all of history again. Folders of that
    /// second walk are only ever met, never dated.
    fn run(mut self, head: &git2::Commit, kept: Option<&Index>) -> Result<LastChanged, CucError> {
        let mut result = LastChanged::default();
        let mut waiting = Waiting::default();
        let mut undated = self.names.len();
        let mut dated = vec![false; undated];
        waiting.send(
            head.id(),
            head.time().seconds(),
            FROM_HEAD,
            (0..undated as u32).collect(),
        );
        if let Some(index) = kept
            && let Ok(commit) = self.repo.find_commit(index.commit)
        {
            let known = self
                .names
                .iter()
                .zip(0..)
                .filter(|(name, _)| index.dated.times.contains_key(*name))
                .map(|(_, n)| n)
                .collect();
            waiting.send(commit.id(), commit.time().seconds(), FROM_KEPT, known);
        }
        while undated > 0
            && let Some((commit, [mut ours, mut theirs])) = waiting.next()
        {
            theirs.retain(|&n| !dated[n as usize]);
            if let Some(index) = kept {
                let at_kept = index.commit == commit;
                ours.retain(|&n| {
                    if !at_kept && !theirs.contains(&n) {
                        return true;
                    }
                    let name = &self.names[n as usize];
                    let Some(changed) = index.dated.times.get(name) else {
                        return true;
                    };
                    result.times.insert(name.clone(), *changed);
                    dated[n as usize] = true;
                    undated -= 1;
                    false
                });
                theirs.retain(|&n| !dated[n as usize]);
            }
            if ours.is_empty() && theirs.is_empty() {
                continue;
            }
            let facts = match self.facts.remove(&commit) {
                Some(facts) => facts,
                None => {
                    self.read_ahead(commit)?;
                    self.facts.remove(&commit).ok_or_else(|| damaged(commit))?
                }
            };
            // The kept commit's chains that end here were never met: dropped.
            waiting.advance(&facts, FROM_KEPT, theirs);
            for n in waiting.advance(&facts, FROM_HEAD, ours) {
                result.times.insert(
                    self.names[n as usize].clone(),
                    Changed {
                        time: facts.time,
                        at_or_before: facts.at_or_before,
                    },
                );
                dated[n as usize] = true;
                undated -= 1;
            }
        }
        Ok(result)
    }

    /// Reads `from` and the commits before it, newest first, up to this
    /// round's number, and compares their trees (on all cores when there
    /// are many). A commit is read again only when the walk comes back to
    /// it (a folder reaching it late, by another way).
    fn read_ahead(&mut self, from: git2::Oid) -> Result<(), CucError> {
        self.looked.remove(&from);
        let first = self.repo.find_commit(from).map_err(failed)?;
        let mut queue = BinaryHeap::from([(first.time().seconds(), from)]);
        let mut steps = Vec::new();
        let mut read = 0;
        while let Some((_, id)) = queue.pop() {
            if read == self.round {
                break;
            }
            if !self.looked.insert(id) {
                continue;
            }
            read += 1;
            let commit = self.repo.find_commit(id).map_err(failed)?;
            let tree = self.subtree(&commit)?;
            let mut parents = Vec::new();
            let mut trees = Vec::new();
            for parent in commit.parents() {
                trees.push((parent.id(), self.subtree(&parent)?));
                parents.push((parent.id(), parent.time().seconds()));
                if !self.looked.contains(&parent.id()) {
                    queue.push((parent.time().seconds(), parent.id()));
                }
            }
            let mut facts = Facts {
                time: commit.time().seconds(),
                at_or_before: parents.is_empty() && self.boundary.contains(&id.to_string()),
                parents,
                against: Vec::new(),
            };
            if let Some(tree) = tree {
                let same = trees.iter().position(|(_, t)| *t == Some(tree));
                if same == Some(0) {
                    facts.against.push(Against::Same);
                } else {
                    trees.truncate(same.unwrap_or(trees.len()));
                    steps.push(Step {
                        commit: id,
                        tree,
                        parents: trees,
                    });
                }
            }
            self.facts.insert(id, facts);
        }
        self.round = (self.round * 2).min(BLOCK);
        let compared = self.compare(&steps)?;
        for (step, differ) in steps.iter().zip(compared) {
            let Some(facts) = self.facts.get_mut(&step.commit) else {
                continue;
            };
            let compared = differ.len();
            facts
                .against
                .extend(differ.into_iter().map(Against::Differs));
            if compared < facts.parents.len() {
                // Compared up to the parent with the very same tree.
                facts.against.push(Against::Same);
            }
        }
        Ok(())
    }

    /// The id of a commit's `dir` tree, read once per commit.
    fn subtree(&mut self, commit: &git2::Commit) -> Result<Option<git2::Oid>, CucError> {
        if let Some(id) = self.subtrees.get(&commit.id()) {
            return Ok(*id);
        }
        let id = subtree_id(commit, self.relative)?;
        self.subtrees.insert(commit.id(), id);
        Ok(id)
    }

    /// For each step, the folders that differ from each parent compared.
    /// Many steps are split between the cores, each part reading its trees
    /// through its own handle on the repository.
    fn compare(&self, steps: &[Step]) -> Result<Vec<Vec<Vec<u32>>>, CucError> {
        use rayon::prelude::*;
        const PART: usize = 64;
        if steps.len() <= PART {
            return compare_steps(&self.repo.odb().map_err(failed)?, steps, &self.numbers);
        }
        let part = steps.len().div_ceil(rayon::current_num_threads()).max(PART);
        let path = self.repo.path().to_path_buf();
        let numbers = &self.numbers;
        let parts: Vec<Result<Vec<Vec<Vec<u32>>>, CucError>> = steps
            .par_chunks(part)
            .map(|chunk| {
                let repo = git2::Repository::open(&path).map_err(failed)?;
                let odb = repo.odb().map_err(failed)?;
                compare_steps(&odb, chunk, numbers)
            })
            .collect();
        let mut compared = Vec::with_capacity(steps.len());
        for part in parts {
            compared.extend(part?);
        }
        Ok(compared)
    }
}

/// The folders (by number) that differ between each step's tree and each
/// of its parents', reading raw trees and keeping the few still needed (a
/// commit's parent is usually the next step's tree).
fn compare_steps(
    odb: &git2::Odb,
    steps: &[Step],
    numbers: &HashMap<Vec<u8>, u32>,
) -> Result<Vec<Vec<Vec<u32>>>, CucError> {
    let mut trees: HashMap<git2::Oid, RawTree> = HashMap::new();
    let mut compared = Vec::with_capacity(steps.len());
    for step in steps {
        let mut wanted: HashSet<git2::Oid> =
            step.parents.iter().filter_map(|(_, tree)| *tree).collect();
        wanted.insert(step.tree);
        trees.retain(|id, _| wanted.contains(id));
        let owners =
            std::iter::once((step.commit, Some(step.tree))).chain(step.parents.iter().copied());
        for (commit, tree) in owners {
            let Some(id) = tree else { continue };
            if let std::collections::hash_map::Entry::Vacant(slot) = trees.entry(id) {
                slot.insert(read_tree(odb, id, commit).ok_or_else(|| damaged(commit))?);
            }
        }
        let tree = &trees[&step.tree];
        let mut against = Vec::with_capacity(step.parents.len());
        for (_, parent) in &step.parents {
            let differ = match parent.and_then(|id| trees.get(&id)) {
                Some(parent) => changed_from(tree, parent)?,
                None => folders_in(tree, 0)?,
            };
            let mut numbered = Vec::with_capacity(differ.len());
            for i in differ {
                if let Some(&n) = numbers.get(tree.entry(i)?.name) {
                    numbered.push(n);
                }
            }
            against.push(numbered);
        }
        compared.push(against);
    }
    Ok(compared)
}

/// A tree object read raw, or `None` if it is missing, not a tree, or not
/// one cuc can read.
fn read_tree<'o>(odb: &'o git2::Odb<'_>, id: git2::Oid, commit: git2::Oid) -> Option<RawTree<'o>> {
    let object = odb.read(id).ok()?;
    if object.kind() != git2::ObjectType::Tree {
        return None;
    }
    RawTree::new(object, commit)
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
/// cuc last-changed 2
/// commit <id>
/// dir customers
/// shallow none
/// <folder> <seconds> <0|1>
/// ```
///
/// Version 1 dated a folder by the newest commit that changed it on any
/// side of a merge, which is not git's answer: it is rebuilt.
#[derive(Debug, PartialEq)]
struct Index {
    commit: git2::Oid,
    dir: String,
    shallow: String,
    dated: LastChanged,
}

const INDEX_HEADER: &str = "cuc last-changed 2";

impl Index {
    /// The index, or `None` when it is missing, from another version or
    /// damaged in any way (it is then rebuilt).
    fn read(path: &Path) -> Option<Index> {
        // cuc's own file, but it sits where anything may replace it: a
        // file past any real index's size (some 50 bytes per document) is
        // damaged, and never read whole.
        const LARGEST: u64 = 256 << 20;
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut std::io::Read::take(std::fs::File::open(path).ok()?, LARGEST + 1),
            &mut text,
        )
        .ok()?;
        if text.len() as u64 > LARGEST {
            return None;
        }
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
/// tree without loading the subtree itself; `None` when the commit has no
/// folder there (nothing, or a file).
fn subtree_id(commit: &git2::Commit, path: &Path) -> Result<Option<git2::Oid>, CucError> {
    let root = commit.tree().map_err(|_| damaged(commit.id()))?;
    match root.get_path(path) {
        Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => Ok(Some(entry.id())),
        Ok(_) => Ok(None),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(_) => Err(damaged(commit.id())),
    }
}

/// A tree object as git stores it: entries of `MODE SP NAME NUL ID` (a
/// 20-byte id), sorted in git's order; where each entry starts; and the
/// commit it was read for, to name if an entry turns out damaged.
///
/// Only the entry boundaries are checked when a tree is indexed; an entry's
/// mode and name are checked when it is read, which is rarely (the walk
/// skips identical runs of entries unread).
struct RawTree<'o> {
    object: git2::OdbObject<'o>,
    starts: Vec<u32>,
    commit: git2::Oid,
}

/// One entry of a raw tree.
struct RawEntry<'a> {
    name: &'a [u8],
    is_tree: bool,
    /// The object id the entry names.
    id: &'a [u8],
}

const OID_LEN: usize = 20;

/// A folder's mode, as a number: git writes `40000`, and reads a mode with
/// leading zeros (`040000`, written by some old tools) as the same.
const TREE_MODE: u32 = 0o40000;

impl<'o> RawTree<'o> {
    /// Indexes the entries of a tree object; `None` if it is not one cuc can
    /// read (damaged, or a hash other than SHA-1).
    fn new(object: git2::OdbObject<'o>, commit: git2::Oid) -> Option<RawTree<'o>> {
        let starts = entry_starts(object.data())?;
        Some(RawTree {
            object,
            starts,
            commit,
        })
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// An entry, or an error naming the commit if it is damaged.
    fn entry(&self, index: usize) -> Result<RawEntry<'_>, CucError> {
        let data = self.object.data();
        let start = self.starts[index] as usize;
        let end = self
            .starts
            .get(index + 1)
            .map_or(data.len(), |&s| s as usize);
        parse_entry(&data[start..end]).ok_or_else(|| damaged(self.commit))
    }

    fn start(&self, index: usize) -> usize {
        self.starts[index] as usize
    }

    /// The index of the entry holding byte `offset`, or `len()` at the end.
    fn entry_at(&self, offset: usize) -> usize {
        if offset >= self.object.data().len() {
            return self.len();
        }
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }
}

/// Where each entry of a tree object's bytes starts: each runs to its first
/// NUL and the 20 bytes of id after it. `None` when the last is cut short
/// (or the object is too large to index in 32 bits).
fn entry_starts(data: &[u8]) -> Option<Vec<u32>> {
    u32::try_from(data.len()).ok()?;
    let mut starts = Vec::with_capacity(data.len() / 40);
    let mut start = 0;
    while start < data.len() {
        starts.push(start as u32);
        let nul = start + memchr::memchr(0, &data[start..])?;
        start = nul + 1 + OID_LEN;
    }
    (start == data.len()).then_some(starts)
}

/// One entry (`MODE SP NAME NUL ID`, its only NUL the one before the id) as
/// git itself reads it, the mode octal digits; `None` for anything else: no
/// space before the NUL, a mode that is not octal, an empty name.
fn parse_entry(bytes: &[u8]) -> Option<RawEntry<'_>> {
    let nul = bytes.len().checked_sub(OID_LEN + 1)?;
    let space = memchr::memchr(b' ', &bytes[..nul])?;
    let mut mode = 0u32;
    for &digit in &bytes[..space] {
        let digit = digit.wrapping_sub(b'0');
        if digit > 7 {
            return None;
        }
        mode = mode.wrapping_shl(3).wrapping_add(u32::from(digit));
    }
    let name = &bytes[space + 1..nul];
    if name.is_empty() || bytes[nul] != 0 {
        return None;
    }
    Some(RawEntry {
        name,
        is_tree: mode == TREE_MODE,
        id: &bytes[nul + 1..],
    })
}

/// The folder entries of `tree` from entry `from` on.
fn folders_in(tree: &RawTree, from: usize) -> Result<Vec<usize>, CucError> {
    let mut folders = Vec::new();
    for i in from..tree.len() {
        if tree.entry(i)?.is_tree {
            folders.push(i);
        }
    }
    Ok(folders)
}

/// The folder entries of `tree` missing from `parent` or different there: a
/// merge-join over the two sorted entry lists that skips identical runs of
/// bytes at once (a commit usually changes a few entries of thousands).
fn changed_from(tree: &RawTree, parent: &RawTree) -> Result<Vec<usize>, CucError> {
    let (a, b) = (tree.object.data(), parent.object.data());
    let mut changed = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < tree.len() {
        if j >= parent.len() {
            changed.extend(folders_in(tree, i)?);
            break;
        }
        // Identical bytes parse into identical entries: jump to the entry
        // where the two lists first differ.
        let (from_a, from_b) = (tree.start(i), parent.start(j));
        let same = common_prefix(&a[from_a..], &b[from_b..]);
        let next = tree.entry_at(from_a + same);
        j += next - i;
        i = next;
        if i >= tree.len() || j >= parent.len() {
            continue;
        }
        let (new, old) = (tree.entry(i)?, parent.entry(j)?);
        match git_order(new.name, new.is_tree, old.name, old.is_tree) {
            std::cmp::Ordering::Less => {
                if new.is_tree {
                    changed.push(i);
                }
                i += 1;
            }
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                // Both folders of the same name: the same if they name the
                // same tree, however the mode was written.
                if new.is_tree && new.id != old.id {
                    changed.push(i);
                }
                i += 1;
                j += 1;
            }
        }
    }
    Ok(changed)
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

#[cfg(test)]
mod tests {
    use super::*;

    const ID: [u8; OID_LEN] = [7; OID_LEN];

    fn entry(mode: &str, name: &str) -> Vec<u8> {
        let mut bytes = format!("{mode} {name}\0").into_bytes();
        bytes.extend(ID);
        bytes
    }

    /// Every entry of a tree's bytes, as (name, is a folder), the way the
    /// walk reads them; `None` if any is damaged.
    fn read_all(data: &[u8]) -> Option<Vec<(Vec<u8>, bool)>> {
        let starts = entry_starts(data)?;
        let mut entries = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(data.len(), |&s| s as usize);
            let entry = parse_entry(&data[start as usize..end])?;
            entries.push((entry.name.to_vec(), entry.is_tree));
        }
        Some(entries)
    }

    #[test]
    fn a_well_formed_tree_is_read_entry_by_entry() {
        let data = [entry("40000", "acme"), entry("100644", "notes.md")].concat();
        assert_eq!(
            read_all(&data),
            Some(vec![
                (b"acme".to_vec(), true),
                (b"notes.md".to_vec(), false)
            ])
        );
    }

    #[test]
    fn a_zero_padded_folder_mode_is_a_folder() {
        // git itself reads `040000` as a folder (fsck only warns).
        assert_eq!(
            read_all(&entry("040000", "acme")),
            Some(vec![(b"acme".to_vec(), true)])
        );
    }

    #[test]
    fn damaged_entries_are_refused_not_panicked_on() {
        let mut no_space = b"40000acme\0".to_vec();
        no_space.extend(ID);
        let mut nothing_before_nul = b"\0".to_vec();
        nothing_before_nul.extend(ID);
        let mut space_after_nul = b"40000\0".to_vec();
        space_after_nul.extend([b' '; OID_LEN]);
        let truncated = entry("40000", "acme");
        let truncated = &truncated[..truncated.len() - 5];
        let cases: [(&str, Vec<u8>); 8] = [
            ("an entry without a space before its NUL", no_space),
            ("an entry that is only a NUL and an id", nothing_before_nul),
            ("a space only inside the id", space_after_nul),
            ("an id cut short", truncated.to_vec()),
            ("no NUL at all", b"40000 acme".to_vec()),
            ("a mode that is not octal", entry("4000x", "acme")),
            ("an empty name", entry("40000", "")),
            (
                "a good entry, then a cut one",
                [entry("40000", "acme"), b"40000 b".to_vec()].concat(),
            ),
        ];
        for (what, data) in cases {
            assert_eq!(read_all(&data), None, "{what}");
        }
        assert_eq!(read_all(b""), Some(vec![]));
    }

    /// A repository and a way to write any bytes as a tree object.
    struct Repo {
        _dir: tempfile::TempDir,
        repo: git2::Repository,
    }

    impl Repo {
        fn new() -> Repo {
            let dir = tempfile::tempdir().unwrap();
            let repo = git2::Repository::init(dir.path()).unwrap();
            Repo { _dir: dir, repo }
        }

        fn raw_tree(&self, data: &[u8]) -> git2::Oid {
            self.repo
                .odb()
                .unwrap()
                .write(git2::ObjectType::Tree, data)
                .unwrap()
        }

        fn blob(&self) -> git2::Oid {
            self.repo.blob(b"schema: cuc/v1\n").unwrap()
        }

        /// A folder holding one file.
        fn folder(&self) -> git2::Oid {
            let mut bytes = b"100644 understanding.yaml\0".to_vec();
            bytes.extend(self.blob().as_bytes());
            self.raw_tree(&bytes)
        }

        /// A commit whose root holds `customers` as the tree `customers`.
        fn commit(&self, customers: git2::Oid, parents: &[git2::Oid], time: i64) -> git2::Oid {
            let mut root = b"40000 customers\0".to_vec();
            root.extend(customers.as_bytes());
            let root = self.repo.find_tree(self.raw_tree(&root)).unwrap();
            let who =
                git2::Signature::new("Test", "t@example.com", &git2::Time::new(time, 0)).unwrap();
            let parents: Vec<git2::Commit> = parents
                .iter()
                .map(|p| self.repo.find_commit(*p).unwrap())
                .collect();
            let parents: Vec<&git2::Commit> = parents.iter().collect();
            self.repo
                .commit(Some("HEAD"), &who, &who, "change", &root, &parents)
                .unwrap()
        }

        fn last_changed(&self) -> Result<LastChanged, CucError> {
            let folders: HashSet<String> = ["alpha".to_owned()].into();
            let head = self.repo.head().unwrap().peel_to_commit().unwrap();
            let boundary = HashSet::new();
            Walk::new(&self.repo, Path::new("customers"), &folders, &boundary).run(&head, None)
        }
    }

    fn customers(repo: &Repo, mode: &str, folder: git2::Oid) -> git2::Oid {
        let mut bytes = format!("{mode} alpha\0").into_bytes();
        bytes.extend(folder.as_bytes());
        repo.raw_tree(&bytes)
    }

    #[test]
    fn a_damaged_tree_in_history_is_an_error_that_names_its_commit() {
        let repo = Repo::new();
        let mut damaged_bytes = b"40000alpha\0".to_vec();
        damaged_bytes.extend(repo.folder().as_bytes());
        let damaged_tree = repo.raw_tree(&damaged_bytes);
        let old = repo.commit(damaged_tree, &[], 1_780_000_000);
        let good = customers(&repo, "40000", repo.folder());
        repo.commit(good, &[old], 1_780_000_600);
        let Err(CucError::Git { message, .. }) = repo.last_changed() else {
            panic!("a damaged tree must be an error");
        };
        assert_eq!(
            message,
            format!("cannot read history: the customer folders of commit {old} are damaged")
        );
    }

    #[test]
    fn a_zero_padded_folder_is_the_same_folder_in_history() {
        let repo = Repo::new();
        let folder = repo.folder();
        let first = repo.commit(customers(&repo, "040000", folder), &[], 1_780_000_000);
        repo.commit(customers(&repo, "40000", folder), &[first], 1_780_000_600);
        // The folder did not change: only how its mode was written.
        let changed = repo.last_changed().unwrap();
        assert_eq!(changed.times["alpha"].time, 1_780_000_000);
    }
}
