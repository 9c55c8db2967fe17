//! Recording reviews and sign-offs in reviews.yaml without losing a byte of
//! what people wrote: the new entry is inserted as text (never by
//! re-serialising the file), the result is parsed and validated before it
//! replaces the old file, the replacement is atomic (temporary file in the
//! same folder, fsync, rename), and writers are serialised by a lock.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::document::DocumentKind;
use crate::error::CucError;
use crate::load::{Limits, parse_yaml, read_text};
use crate::node::{Node, NodeKind};
use crate::schema::Schemas;
use crate::source::SourceText;

/// The two lists cuc appends to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Reviews,
    Signoffs,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Reviews => "reviews",
            Section::Signoffs => "signoffs",
        }
    }
}

/// A field of a new entry, written the way people would write it.
#[derive(Debug, Clone)]
pub enum Value {
    /// Written as is: dates, fingerprints, words from a fixed set.
    Plain(String),
    /// Written quoted, so no name or note can break the YAML.
    Text(String),
    List(Vec<String>),
}

pub type Entry = Vec<(&'static str, Value)>;

/// Why an append could not be done; the file is untouched.
fn refuse(file: &str, why: impl Into<String>, fix: &'static str) -> CucError {
    CucError::Usage(format!(
        "cannot add to {file}: {}\n  help: {fix}",
        why.into()
    ))
}

/// Appends `entry` to `section` of the reviews file at `path` (creating the
/// file if absent). `lock` is the lock file that serialises writers.
pub fn append(
    path: &Path,
    file: &str,
    section: Section,
    entry: &Entry,
    lock: &Path,
) -> Result<(), CucError> {
    if let Some(parent) = lock.parent() {
        std::fs::create_dir_all(parent).map_err(|e| CucError::io("create folder", parent, e))?;
    }
    let lock_file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock)
        .map_err(|e| CucError::io("open lock file", lock, e))?;
    // Released when the file is closed, also if the process is killed, so
    // a crashed writer never leaves a lock behind.
    lock_file
        .lock()
        .map_err(|e| CucError::io("lock", lock, e))?;

    let old = if path.exists() {
        let source = read_text(path, file, Limits::default()).map_err(|failure| {
            refuse(
                file,
                failure.finding.message,
                "fix the file (cuc validate shows where), then run again",
            )
        })?;
        Some(source)
    } else {
        None
    };
    let new_text = insert(old.as_ref(), file, section, entry)?;

    // The result must be a valid reviews document before it replaces anything.
    let source = SourceText::new(new_text.clone());
    let root = parse_yaml(&source, &new_text, file).map_err(|f| {
        refuse(
            file,
            format!("the result would not be valid YAML ({})", f.message),
            "fix the file by hand, then run again",
        )
    })?;
    let findings = Schemas::embedded().check(DocumentKind::Reviews, &root, &source, file);
    if let Some(first) = findings.first() {
        return Err(refuse(
            file,
            format!(
                "the result would not be a valid reviews.yaml ({})",
                first.full_message()
            ),
            "fix the problems cuc validate reports in the file, then run again",
        ));
    }
    write_atomically(path, &new_text)?;
    drop(lock_file);
    Ok(())
}

/// The new text: the old text with the entry inserted at the end of its
/// section, every other byte as it was.
pub fn insert(
    old: Option<&SourceText>,
    file: &str,
    section: Section,
    entry: &Entry,
) -> Result<String, CucError> {
    let key = section.key();
    let Some(source) = old else {
        return Ok(format!(
            "# Milestone reviews and customer sign-offs, recorded by cuc.\n{key}:\n{}",
            render(entry, 2, 4)
        ));
    };
    let text = source.text();
    let root = parse_yaml(source, text, file).map_err(|f| {
        refuse(
            file,
            format!("it is not valid YAML ({})", f.message),
            "fix the file (cuc validate shows where), then run again",
        )
    })?;
    let with_newline = |mut t: String| {
        if !t.is_empty() && !t.ends_with('\n') {
            t.push('\n');
        }
        t
    };
    match &root.kind {
        NodeKind::Null => {
            Ok(with_newline(text.to_owned()) + &format!("{key}:\n{}", render(entry, 2, 4)))
        }
        NodeKind::Map(entries) => {
            if !is_block(text, &root) {
                return Err(refuse(
                    file,
                    "it is written in flow style ({ ... })",
                    "write it in block style (one field per line), then run again",
                ));
            }
            let Some(existing) = entries.iter().find(|e| e.key == key) else {
                return Ok(
                    with_newline(text.to_owned()) + &format!("{key}:\n{}", render(entry, 2, 4))
                );
            };
            match &existing.value.kind {
                NodeKind::Seq(items) if !items.is_empty() && is_block(text, &existing.value) => {
                    let first = &items[0];
                    let line = source.position(first.span.start).line;
                    let line_start = source.offset(line, 1);
                    let prefix = &text[line_start..first.span.start];
                    let Some(dash) = prefix.rfind('-') else {
                        return Err(refuse(
                            file,
                            format!("cannot tell how `{key}` is indented"),
                            "write each entry as `- field: value` lines, then run again",
                        ));
                    };
                    let field_indent = prefix.chars().count();
                    let last_end = items.last().map_or(first.span.end, |n| n.span.end);
                    let at = text[last_end..]
                        .find('\n')
                        .map_or(text.len(), |i| last_end + i + 1);
                    let mut out = with_newline(text[..at].to_owned());
                    out.push_str(&render(entry, prefix[..dash].chars().count(), field_indent));
                    out.push_str(&text[at..]);
                    Ok(out)
                }
                NodeKind::Null if after_key_is_empty(text, existing.key_span.end) => {
                    let at = text[existing.key_span.end..]
                        .find('\n')
                        .map_or(text.len(), |i| existing.key_span.end + i + 1);
                    let mut out = with_newline(text[..at].to_owned());
                    out.push_str(&render(entry, 2, 4));
                    out.push_str(&text[at..]);
                    Ok(out)
                }
                _ => Err(refuse(
                    file,
                    format!(
                        "`{key}` is written in a form cuc does not append to (flow style like `[]`, or a single value)"
                    ),
                    "write it as `reviews:` followed by `- field: value` lines (block style), then run again",
                )),
            }
        }
        _ => Err(refuse(
            file,
            "it is not a block of fields",
            "it should start with `reviews:` or `signoffs:`; fix it, then run again",
        )),
    }
}

/// Block style (not `{...}` or `[...]`): the node does not start with a bracket.
fn is_block(text: &str, node: &Node) -> bool {
    !matches!(text[node.span.start..].chars().next(), Some('{' | '['))
}

/// Nothing but a comment after `key:` on its line.
fn after_key_is_empty(text: &str, key_end: usize) -> bool {
    let rest = &text[key_end..];
    let line = rest.split('\n').next().unwrap_or("");
    let after_colon = line.trim_start().strip_prefix(':').unwrap_or(line).trim();
    after_colon.is_empty() || after_colon.starts_with('#')
}

/// The entry as YAML lines: `- ` at `dash` spaces, fields at `fields`.
fn render(entry: &Entry, dash: usize, fields: usize) -> String {
    let mut out = String::new();
    for (i, (key, value)) in entry.iter().enumerate() {
        let value = match value {
            Value::Plain(v) => v.clone(),
            Value::Text(v) => quote(v),
            Value::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| quote(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        if i == 0 {
            out.push_str(&format!("{}- {key}: {value}\n", " ".repeat(dash)));
        } else {
            out.push_str(&format!("{}{key}: {value}\n", " ".repeat(fields)));
        }
    }
    out
}

/// A JSON string is a valid YAML double-quoted string.
fn quote(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// The name of a writer's temporary file next to `name`.
fn temporary_name(name: &str) -> String {
    format!(".{name}.cuc-{}.tmp", std::process::id())
}

/// Whether a file in a customer folder is one cuc is writing right now (so
/// it is not a person's uncommitted change).
pub fn is_in_flight(file_name: &str) -> bool {
    file_name.starts_with(".reviews.yaml.cuc-") && file_name.ends_with(".tmp")
}

/// Temporary file in the same folder, fsync, rename over the old file, fsync
/// the folder: readers see the old file or the new one, never a mix.
fn write_atomically(path: &Path, text: &str) -> Result<(), CucError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("reviews.yaml".into(), |n| n.to_string_lossy());
    let temp: PathBuf = dir.join(temporary_name(&name));
    let result = (|| {
        let mut file = File::create(&temp).map_err(|e| CucError::io("create", &temp, e))?;
        file.write_all(text.as_bytes())
            .map_err(|e| CucError::io("write", &temp, e))?;
        file.sync_all()
            .map_err(|e| CucError::io("write", &temp, e))?;
        std::fs::rename(&temp, path).map_err(|e| CucError::io("replace", path, e))?;
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Where the lock for a customer's reviews.yaml lives: inside git's own
/// folder when there is one (never among the documents), else in the
/// system's temporary folder, keyed by the workspace's path.
pub fn lock_path(workspace_root: &Path, git_dir: Option<&Path>, customer: &str) -> PathBuf {
    match git_dir {
        Some(git) => git
            .join("cuc")
            .join("locks")
            .join(format!("{customer}.lock")),
        None => {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(workspace_root.to_string_lossy().as_bytes());
            let key: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
            std::env::temp_dir()
                .join("cuc-locks")
                .join(format!("{key}-{customer}.lock"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        vec![
            ("milestone", Value::Text("first-value".into())),
            ("date", Value::Plain("2026-11-23".into())),
            ("by", Value::List(vec!["Tom Becker".into()])),
        ]
    }

    fn add(old: &str) -> Result<String, CucError> {
        insert(
            Some(&SourceText::new(old.to_owned())),
            "reviews.yaml",
            Section::Reviews,
            &entry(),
        )
    }

    const NEW: &str =
        "- milestone: \"first-value\"\n    date: 2026-11-23\n    by: [\"Tom Becker\"]\n";

    #[test]
    fn appends_after_the_last_item_keeping_every_byte() {
        let old = "# our reviews\nreviews:\n  - milestone: onboarding   # went well\n    date: 2026-07-01\n\n# sign-offs below\nsignoffs: []\n";
        let new = add(old).unwrap();
        assert_eq!(
            new,
            format!(
                "# our reviews\nreviews:\n  - milestone: onboarding   # went well\n    date: 2026-07-01\n  {NEW}\n# sign-offs below\nsignoffs: []\n"
            )
        );
    }

    #[test]
    fn follows_the_file_s_own_indentation() {
        let old = "reviews:\n- milestone: onboarding\n  date: 2026-07-01\n";
        assert_eq!(
            add(old).unwrap(),
            "reviews:\n- milestone: onboarding\n  date: 2026-07-01\n- milestone: \"first-value\"\n  date: 2026-11-23\n  by: [\"Tom Becker\"]\n"
        );
    }

    #[test]
    fn creates_the_section_when_absent_or_empty() {
        assert_eq!(
            add("signoffs: []").unwrap(),
            format!("signoffs: []\nreviews:\n  {NEW}")
        );
        assert_eq!(
            add("reviews:   # none yet\n").unwrap(),
            format!("reviews:   # none yet\n  {NEW}")
        );
        assert_eq!(
            add("# only a comment\n").unwrap(),
            format!("# only a comment\nreviews:\n  {NEW}")
        );
    }

    #[test]
    fn refuses_flow_style_instead_of_rewriting() {
        assert!(add("reviews: []\n").is_err());
        assert!(add("{reviews: [{milestone: a, date: 2026-01-01}]}\n").is_err());
        assert!(add("reviews: [{milestone: a, date: 2026-01-01}]\n").is_err());
    }
}
