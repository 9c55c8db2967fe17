//! One module per subcommand. Each only orchestrates: find the workspace,
//! load, check, hand the report to an output format.

pub mod approve;
pub mod check;
pub mod completions;
pub mod diff;
pub mod init;
pub mod interview;
pub mod new;
pub mod render;
pub mod review;
pub mod schema;
pub mod signoff;
pub mod status;
pub mod validate;

use std::path::PathBuf;

use crate::cli::Command;
use crate::output::{Accepted, Format, Style};

/// What every command gets from the global flags.
#[derive(Debug, Clone)]
pub struct Context {
    /// The folder cuc runs in (`-C DIR`, or the current folder).
    pub cwd: PathBuf,
    pub today: jiff::civil::Date,
    /// The format to print in: one the command accepts (see `formats`).
    pub format: Format,
    pub style: Style,
}

const FINDINGS: Accepted = &[
    (Format::Human, "human"),
    (Format::Json, "json"),
    (Format::Github, "github"),
    (Format::Sarif, "sarif"),
];
const TEXT: Accepted = &[(Format::Human, "human")];

/// The formats each command prints in, its default first.
pub fn formats(command: &Command) -> Accepted {
    match command {
        Command::Validate(_) | Command::Review(_) | Command::Check => FINDINGS,
        Command::Status => &[(Format::Human, "table"), (Format::Json, "json")],
        Command::Diff(_) => &[
            (Format::Human, "human"),
            (Format::Markdown, "markdown"),
            (Format::Json, "json"),
        ],
        Command::Render(_) => &[(Format::Html, "html"), (Format::Markdown, "markdown")],
        // A schema is JSON whichever is asked for.
        Command::Schema(_) => &[(Format::Human, "human"), (Format::Json, "json")],
        Command::Init(_) | Command::New(_) | Command::Signoff(_) | Command::Completions(_) => TEXT,
    }
}

/// The command's name, as people type it.
pub fn name(command: &Command) -> &'static str {
    match command {
        Command::Init(_) => "init",
        Command::New(_) => "new",
        Command::Validate(_) => "validate",
        Command::Review(_) => "review",
        Command::Signoff(_) => "signoff",
        Command::Check => "check",
        Command::Status => "status",
        Command::Diff(_) => "diff",
        Command::Render(_) => "render",
        Command::Schema(_) => "schema",
        Command::Completions(_) => "completions",
    }
}

/// What a command produced: text for standard output and the exit code
/// (0: nothing at error severity, 1: findings at error severity).
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    /// Warnings for the person running the command, apart from the result.
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    pub fn new(stdout: String, code: u8) -> Outcome {
        Outcome {
            stdout,
            stderr: String::new(),
            code,
        }
    }

    pub fn ok(stdout: impl Into<String>) -> Outcome {
        Outcome {
            stdout: stdout.into(),
            stderr: String::new(),
            code: 0,
        }
    }
}
