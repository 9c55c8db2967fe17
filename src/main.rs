use clap::Parser;
use std::process::ExitCode;

/// Reading a portfolio allocates a small value for every YAML scalar on two
/// threads at once; mimalloc does that with less contention than the system
/// allocator (BENCHMARKS.md has the before and after).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    process_settings();
    cuc::app::run(cuc::cli::Cli::parse())
}

/// Settings for the whole process, made once here rather than by the code
/// that benefits, since they change how every later read behaves. Both
/// matter to the last-changed walk, which reads one `customers/` tree
/// (400 KB for 10,000 customers) per commit of history. Measured on a cold
/// walk of 10,000 customers over 3,000 commits, 2 cores (bench/last_changed.rs
/// sets the same two).
fn process_settings() {
    // libgit2 hashes every object it reads again to check it; git itself
    // does not (only `git fsck` does). Cost: a damaged object is caught by
    // its own checks (a tree that does not parse is an error naming its
    // commit) rather than by its hash. Saves: 0.9 s instead of 5.2 s.
    git2::opts::strict_hash_verification(false);
    keep_freed_memory();
    deep_enough_stacks();
}

/// serde-saphyr reads nested YAML by recursion, down to the budget's depth
/// (64 levels). On rayon's default 2 MiB thread stack, an unoptimised build
/// overflowed at 62 levels of `[`, a crash where the budget promises a
/// finding. The worker threads that read customers get the main thread's
/// 8 MiB instead; untouched stack costs no memory.
fn deep_enough_stacks() {
    // Fails only when a pool was already built, which nothing does first.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
}

/// libgit2 allocates every object it reads with the C allocator (mimalloc
/// above serves Rust only), which by default maps a block that large fresh
/// and returns it on free: a page fault per 4 KB, for every tree read.
/// Cost: freed memory stays with the process until it ends (up to 256 MB is
/// kept before any is returned; 10 MB more at the peak in the walk measured
/// above). Saves: 0.9 s instead of 1.1 s there, with 14,000 page faults
/// instead of 110,000.
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
