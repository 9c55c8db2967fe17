use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    cuc::app::run(cuc::cli::Cli::parse())
}
