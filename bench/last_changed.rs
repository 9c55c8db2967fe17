//! Times cuc's last-changed history walk on a workspace, apart from
//! everything else `cuc status` does. Used by bench/run.py.
//!
//! usage: cargo run --release --example last-changed -- WORKSPACE

use std::path::Path;
use std::time::Instant;

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: last-changed WORKSPACE");
        std::process::exit(2);
    };
    let root = Path::new(&root)
        .canonicalize()
        .expect("the workspace exists");
    // The process-wide settings cuc's main makes (src/main.rs says what
    // each costs and saves), so the walk is timed as cuc runs it.
    git2::opts::strict_hash_verification(false);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes glibc's allocation thresholds; it may be
    // called at any time, from any thread, and cannot invalidate memory.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
    let history = cuc::history::History::discover(&root)
        .expect("git can read the repository")
        .expect("the workspace is in a git repository");
    let start = Instant::now();
    let changed = history
        .last_changed(&root.join("customers"))
        .expect("history can be read");
    let elapsed = start.elapsed();
    // One line per folder, as `ID SECONDS`, for comparing with git.
    let mut rows: Vec<_> = changed.times.iter().collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    for (id, c) in rows {
        println!("{id} {}", c.time);
    }
    eprintln!(
        "cuc walk: {} folders dated in {:.3} s",
        changed.times.len(),
        elapsed.as_secs_f64()
    );
}
