//! `cuc completions SHELL`: shell completions generated from the CLI definition.

use clap::CommandFactory;

use super::Outcome;
use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell) -> Outcome {
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "cuc", &mut bytes);
    Outcome::ok(String::from_utf8_lossy(&bytes).into_owned())
}
