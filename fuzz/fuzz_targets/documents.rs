//! Fuzzes everything cuc does with a document a person wrote: loading
//! (bytes → text → YAML with spans), schema validation and its friendly
//! messages, cross-document references, the review rules, every output
//! format, and the rendered page. The first byte picks which document of a
//! valid customer the rest replaces, so mutations of a good document reach
//! the rules and the renderer, not only the parser.
//!
//! Run: `cargo fuzz run documents fuzz/corpus/documents` (see README).

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

use cuc::output::{self, Format, Style};
use cuc::render::{self, fitting, html, markdown, page};
use cuc::judge::rules;
use cuc::model::typed::Typed;
use cuc::validate::validate_customer;
use cuc::workspace::Workspace;
use cuc::workspace::template::NoteTemplates;

const DOCUMENTS: [&str; 4] = [
    "understanding.yaml",
    "decisions.yaml",
    "reviews.yaml",
    "notes/note.md",
];

/// A workspace with one valid customer, made once per fuzzing process.
fn workspace() -> &'static (PathBuf, Vec<(String, Vec<u8>)>) {
    static WORKSPACE: OnceLock<(PathBuf, Vec<(String, Vec<u8>)>)> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("cuc-fuzz-{}", std::process::id()));
        let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/rules");
        std::fs::create_dir_all(root.join("customers/acme/notes")).unwrap();
        std::fs::write(root.join("cuc.yaml"), "schema: cuc/v1\n").unwrap();
        let mut originals = Vec::new();
        for name in DOCUMENTS {
            let bytes = std::fs::read(fixture.join(name))
                .unwrap_or_else(|_| b"---\ntitle: A note\n---\n# Note\n".to_vec());
            originals.push((name.to_owned(), bytes));
        }
        (root, originals)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, content)) = data.split_first() else {
        return;
    };
    let (root, originals) = workspace();
    let dir = root.join("customers/acme");
    let target = usize::from(which) % DOCUMENTS.len();
    for (k, (name, original)) in originals.iter().enumerate() {
        let bytes = if k == target { content } else { original.as_slice() };
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let workspace = Workspace::discover(root).unwrap();
    let today = jiff::civil::date(2026, 11, 23);
    let (customer, mut report) = validate_customer(&workspace, "acme", &dir);
    if !report.has_errors()
        && let Some(typed) = Typed::from_customer(&customer)
    {
        let templates = NoteTemplates::of(&workspace);
        report
            .findings
            .extend(rules::review(&customer, &typed, &workspace.config, &templates, today));
        let notes = render::read_notes(&workspace, &customer, &templates);
        let provenance = page::Provenance {
            commit: None,
            uncommitted: false,
        };
        let full = render::page_for(&customer, &typed, &notes, provenance, today, true);
        let _ = html::render(&fitting::fitted(&full), render::Paper::Auto);
        let _ = markdown::render(&full);
        for note in &notes {
            let _ = render::note::page("acme", &note.file, &note.meta, &note.body);
        }
    }
    let style = Style {
        color: true,
        quiet: false,
    };
    for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
        let _ = output::render(&report, format, &style);
    }
});
