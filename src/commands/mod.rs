//! One module per subcommand. Each only orchestrates: find the workspace,
//! load, check, hand the report to an output format.

pub mod check;
pub mod circulate;
pub mod completions;
pub mod decision;
pub mod diff;
pub mod export;
pub mod import;
pub mod init;
pub mod interview;
pub mod new;
pub mod record;
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

/// The formats each command prints in, its default first.
pub fn formats(command: &Command) -> Accepted {
    use crate::cli::formats::*;
    match command {
        Command::Validate(_) | Command::Review(_) | Command::Check(_) => FINDINGS,
        Command::Status(_) => STATUS,
        Command::Diff(_) => DIFF,
        Command::Render(_) => RENDER,
        Command::Import(_) => IMPORT,
        Command::Export(_) => EXPORT,
        Command::Schema(_) => SCHEMA,
        Command::Circulate(_) => CIRCULATE,
        Command::Init(_)
        | Command::New(_)
        | Command::Signoff(_)
        | Command::Decision(_)
        | Command::Completions(_) => TEXT,
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
        Command::Decision(_) => "decision",
        Command::Circulate(_) => "circulate",
        Command::Check(_) => "check",
        Command::Status(_) => "status",
        Command::Diff(_) => "diff",
        Command::Render(_) => "render",
        Command::Import(_) => "import",
        Command::Export(_) => "export",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::{CommandFactory, Parser};

    /// Each command's `--format` offers exactly the formats `formats` gives
    /// it, so its help and completions say what the command accepts.
    #[test]
    fn each_command_offers_the_formats_it_prints_in() {
        let cli = Cli::command();
        let mut seen = Vec::new();
        for argv in [
            &["init"][..],
            &["new", "x"],
            &["validate"],
            &["review"],
            &["signoff", "x", "--by", "y", "--role", "exec_sponsor"],
            &["decision", "x", "text", "--owner", "n"],
            &["circulate", "x", "d-1", "--to", "n"],
            &["check"],
            &["status"],
            &["diff"],
            &["render", "x"],
            &["import", "csv", "--from", "x"],
            &["export"],
            &["schema"],
            &["completions", "bash"],
        ] {
            let parsed = Cli::try_parse_from(std::iter::once("cuc").chain(argv.iter().copied()))
                .unwrap_or_else(|e| panic!("{argv:?}: {e}"));
            let name = name(&parsed.command);
            let offered: Vec<String> = cli
                .find_subcommand(name)
                .and_then(|c| c.get_arguments().find(|a| a.get_id() == "format"))
                .unwrap_or_else(|| panic!("`{name}` has no --format"))
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect();
            let accepted: Vec<&str> = formats(&parsed.command)
                .iter()
                .map(|(_, name, _)| *name)
                .collect();
            assert_eq!(offered, accepted, "{name}");
            seen.push(name);
        }
        let all: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(seen, all);
    }
}
