//! One module per subcommand. Each only orchestrates: find the workspace,
//! load, check, hand the report to an output format.

pub mod approve;
pub mod check;
pub mod completions;
pub mod diff;
pub mod init;
pub mod new;
pub mod render;
pub mod review;
pub mod schema;
pub mod signoff;
pub mod status;
pub mod validate;

use std::path::PathBuf;

use crate::output::{Format, Style};

/// What every command gets from the global flags.
#[derive(Debug, Clone)]
pub struct Context {
    /// The folder cuc runs in (`-C DIR`, or the current folder).
    pub cwd: PathBuf,
    pub today: jiff::civil::Date,
    pub format: Option<Format>,
    pub style: Style,
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
