//! Replays the fuzz target's inputs through the real binary: the seeds in
//! `fuzz/seeds/` and every crash the fuzzer ever found, kept in
//! `tests/fixtures/fuzz/` after it was fixed. As in the fuzz target, the
//! first byte picks which document of a valid customer the rest replaces.
//! No input may make cuc panic, hang or balloon.

use std::path::Path;

use crate::common::{Scratch, cuc_bounded, fixture};

const DOCUMENTS: [&str; 4] = [
    "understanding.yaml",
    "decisions.yaml",
    "reviews.yaml",
    "notes/note.md",
];

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut inputs: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    inputs.sort();
    inputs
}

fn replay(name: &str, data: &[u8]) {
    let Some((&which, content)) = data.split_first() else {
        return;
    };
    let scratch = Scratch::new();
    let rules = fixture("rules");
    for (k, document) in DOCUMENTS.iter().enumerate() {
        let path = format!("customers/acme/{document}");
        if k == usize::from(which) % DOCUMENTS.len() {
            scratch.write(&path, content);
        } else if let Ok(original) = std::fs::read(rules.join(document)) {
            scratch.write(&path, original);
        }
    }
    for args in [
        &["validate"][..],
        &["check", "--format", "sarif"],
        &["render", "acme"],
        &["render", "acme", "--format", "markdown"],
    ] {
        let run = cuc_bounded(scratch.path(), args, 20, 1024);
        assert!(
            matches!(run.code, 0..=2),
            "{name}: `cuc {}` ended with {}: {}",
            args.join(" "),
            run.code,
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
}

#[test]
fn the_fuzz_seeds_and_every_crash_found_run_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = inputs(&root.join("fuzz/seeds"));
    let seeds = all.len();
    all.extend(inputs(&fixture("fuzz")));
    assert!(seeds > 20, "the seed corpus is in fuzz/seeds");
    for (name, data) in &all {
        replay(name, data);
    }
}
