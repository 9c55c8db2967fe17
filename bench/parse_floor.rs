//! The floor under `cuc validate`: what reading and parsing every YAML
//! document of a workspace costs with nothing else done, on all cores (as
//! cuc does). Used by bench/run.py.
//!
//! usage: cargo run --release --example parse-floor -- MODE WORKSPACE
//!
//! MODE is one of:
//! - `read`: read every file, nothing else;
//! - `events`: run granit-parser, the YAML event parser under serde-saphyr,
//!   over every file;
//! - `tree`: build cuc's spanned tree (the fast path of `cuc validate`);
//! - `value`: serde-saphyr into a `serde_json::Value`, without spans.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(root)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: parse-floor read|events|tree|value WORKSPACE");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    yaml_files(&Path::new(root).join("customers"), &mut files);
    let parsed: usize = files
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return 0;
            };
            match mode.as_str() {
                "read" => 1,
                "events" => usize::from(
                    granit_parser::Parser::new_from_str(&text).all(|event| event.is_ok()),
                ),
                "tree" => usize::from(
                    cuc::load::fast_yaml::parse(&text, &cuc::load::yaml_options()).is_some(),
                ),
                "value" => usize::from(serde_saphyr::from_str::<serde_json::Value>(&text).is_ok()),
                other => {
                    eprintln!("unknown mode {other}");
                    std::process::exit(2);
                }
            }
        })
        .sum();
    eprintln!("{mode}: {parsed} of {} files", files.len());
}
