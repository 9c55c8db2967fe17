use clap::Parser;
use std::process::ExitCode;

/// Reading a portfolio allocates a small value for every YAML scalar on two
/// threads at once; mimalloc does that with less contention than the system
/// allocator (BENCHMARKS.md has the before and after).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cuc::app::run(cuc::cli::Cli::parse())
}
