//! Errors that stop a command from doing its job (exit code 2). Problems in
//! documents are not errors but findings; see `finding.rs`.

use std::path::PathBuf;

use crate::load::finding::Report;

#[derive(Debug, thiserror::Error)]
pub enum CucError {
    #[error(
        "no cuc workspace here: no cuc.yaml in {} or any folder above it\n  \
         help: run cuc inside a workspace, point at one with `cuc -C DIR ...`, or create one with `cuc init`",
        .start.display()
    )]
    NoWorkspace { start: PathBuf },

    #[error("cuc.yaml has problems, so cuc cannot run until they are fixed (see above)")]
    InvalidConfig(Box<Report>),

    #[error("the mapping file {file} has problems, so nothing was imported (see above)")]
    InvalidMap { file: String, report: Box<Report> },

    #[error(
        "nothing was imported: {problems}\n  \
         help: fix them in the CRM or the files and export again (or name other columns with --map); every customer is checked before any is written"
    )]
    ImportRejected { problems: String },

    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "`{id}` is not a valid customer id: {reason}\n  help: use lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters (e.g. `northwind` or `acme-emea`)"
    )]
    InvalidId { id: String, reason: &'static str },

    #[error("customer `{id}` already exists in {}\n  help: cuc new never touches an existing folder; pick another id, or edit the existing documents", .path.display())]
    CustomerExists { id: String, path: PathBuf },

    #[error("{} is already a cuc workspace (it has a cuc.yaml)\n  help: cuc init never overwrites; edit the existing cuc.yaml instead", .path.display())]
    WorkspaceExists { path: PathBuf },

    #[error(
        "git refuses to read the repository holding {}: it belongs to another user of this computer\n  \
         help: if you trust it, tell git so with `git config --global --add safe.directory <the repository's folder>`, then run cuc again",
        .path.display()
    )]
    GitOwnership { path: PathBuf },

    #[error("{} is not inside this workspace ({})\n  help: name a customer folder or document under customers/, or cuc.yaml", .path.display(), .root.display())]
    OutsideWorkspace { path: PathBuf, root: PathBuf },

    #[error("{} does not exist\n  help: check the path; customer folders are under customers/", .path.display())]
    NoSuchPath { path: PathBuf },

    #[error(
        "the template {file} would not produce a valid document:\n{details}\n  help: fix the template (or the values passed with --name, --cs, --sales, --renewal); nothing was written"
    )]
    InvalidTemplate { file: String, details: String },

    #[error(
        "{file} as kept at {revision} is {}, larger than the {} cuc reads from one document, so that version cannot be compared\n  \
         help: {}",
        crate::load::human_size(*.size), crate::load::human_size(*.limit), too_large_help(*.size, *.limit)
    )]
    TooLargeInHistory {
        file: String,
        /// Which version: the commit, and what people call it where known.
        revision: String,
        size: u64,
        limit: u64,
    },

    #[error(
        "`cuc new --interactive` asks its questions in a terminal, and {what} is not one\n  \
         help: run it in a terminal, or use plain `cuc new {id}` (with --name, --cs, --sales, --renewal) to write a template to fill in"
    )]
    NoTerminal { id: String, what: &'static str },

    /// The person stopped the interview (exit 130 for Ctrl-C, as shells
    /// report an interrupted command; 2 otherwise).
    #[error(
        "the interview stopped ({how}); nothing was written\n  \
         help: run `cuc new {id} --interactive` again to start over, or `cuc new {id}` for a template to fill in"
    )]
    InterviewStopped {
        id: String,
        how: String,
        interrupted: bool,
    },

    #[error("{0}")]
    Usage(String),

    #[error("git: {message}\n  help: {help}")]
    Git { message: String, help: &'static str },
}

/// What to do about a version in history too large to read: raise the
/// limit if that would help, else compare other versions.
fn too_large_help(size: u64, limit: u64) -> &'static str {
    if limit < crate::load::max_file_size_cap() && size <= crate::load::max_file_size_cap() {
        "compare with other versions, or raise `limits.max_file_size` in cuc.yaml (at most 64 MiB)"
    } else {
        "compare with other versions: this one is larger than cuc reads from any document"
    }
}

impl CucError {
    /// 2, the command could not do its job; 130 when the person pressed
    /// Ctrl-C, which is how shells report an interrupted command.
    pub fn exit_code(&self) -> u8 {
        match self {
            CucError::InterviewStopped {
                interrupted: true, ..
            } => 130,
            _ => 2,
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CucError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
