//! Recording in the files cuc adds to (reviews and sign-offs in
//! reviews.yaml, decisions and their circulation in decisions.yaml) without
//! losing a byte of what people wrote: the new entry, or the new fields of
//! an entry, are inserted as text (never by re-serialising the file), the
//! result is parsed and validated before it replaces the old file, the
//! replacement is atomic (temporary file in the same folder, fsync, rename),
//! and writers are serialised by a lock.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::load::node::{Node, NodeKind};
use crate::load::source::SourceText;
use crate::load::{Limits, parse_yaml, read_text};
use crate::model::schema::Schemas;

/// The lists cuc adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Reviews,
    Signoffs,
    Decisions,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Reviews => "reviews",
            Section::Signoffs => "signoffs",
            Section::Decisions => "decisions",
        }
    }

    /// The document the list is in, whose schema the result must pass.
    fn kind(self) -> DocumentKind {
        match self {
            Section::Reviews | Section::Signoffs => DocumentKind::Reviews,
            Section::Decisions => DocumentKind::Decisions,
        }
    }

    /// What the document starts with, said to someone whose file starts otherwise.
    fn starts_with(self) -> &'static str {
        match self {
            Section::Reviews | Section::Signoffs => "`reviews:` or `signoffs:`",
            Section::Decisions => "`decisions:` (after an optional `schema: cuc/v1`)",
        }
    }
}

/// What a new reviews.yaml starts with, before its first list.
pub const REVIEWS_HEADER: &str = "# Milestone reviews and customer sign-offs, recorded by cuc.\n";

/// A field of a new entry, written the way people would write it.
#[derive(Debug, Clone)]
pub enum Value {
    /// Written as is: dates, fingerprints, words from a fixed set.
    Plain(String),
    /// Written quoted, so no name or note can break the YAML.
    Text(String),
    List(Vec<String>),
}

impl Value {
    /// A word (an id such as `d-3`) as is when YAML reads it back as the
    /// same text, quoted otherwise (`"7"` would be read as a number).
    pub fn word(text: &str) -> Value {
        if reads_back_plain(text) {
            Value::Plain(text.to_owned())
        } else {
            Value::Text(text.to_owned())
        }
    }
}

pub type Entry = Vec<(&'static str, Value)>;

/// What to change in a section: one entry added after the last, or fields
/// added to the end of the entry at `index` (none of which it has yet).
#[derive(Debug, Clone)]
pub enum Edit {
    Append(Entry),
    AddFields { index: usize, fields: Entry },
}

/// The file to change and how: `file` is its path as people see it (for
/// messages), `lock` the lock file that serialises writers, and `header`
/// what a file cuc creates starts with before the section.
pub struct Target<'a> {
    pub path: &'a Path,
    pub file: &'a str,
    pub section: Section,
    pub lock: &'a Path,
    pub limits: Limits,
    pub header: &'a str,
    /// What the result is checked against (the workspace's schemas).
    pub schemas: &'a Schemas,
}

/// Why an append could not be done; the file is untouched.
fn refuse(file: &str, why: impl Into<String>, fix: impl AsRef<str>) -> CucError {
    CucError::Usage(format!(
        "cannot add to {file}: {}\n  help: {}",
        why.into(),
        fix.as_ref()
    ))
}

/// Changes the file of `target` (creating it if absent) by the edit `plan`
/// makes from its content as it is once the lock is held, so two writers
/// cannot both pass its checks or both take the same id: `plan` gets the
/// content (`Null` when there is none yet) and returns the edit, with what
/// the caller wants to know of it.
pub fn apply<T>(
    target: &Target,
    plan: impl FnOnce(&serde_json::Value) -> Result<(Edit, T), CucError>,
) -> Result<T, CucError> {
    let Target {
        path,
        file,
        section,
        lock,
        limits,
        header,
        schemas,
    } = *target;
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
    failpoint("locked");
    // Holding the lock, any temporary file next to the document belongs to
    // a writer that died before its rename: the document is still whole
    // (old or new), so the leftover goes.
    remove_leftovers(path);

    let old = if path.exists() {
        let source = read_text(path, file, limits).map_err(|failure| {
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
    let old_value = match &old {
        Some(old) => parse_yaml(old, old.text(), file)
            .map(|n| n.to_json())
            .unwrap_or_default(),
        None => serde_json::Value::Null,
    };
    let (edit, answer) = plan(&old_value)?;
    // What the result is compared with: for a new file, what its header
    // holds (`schema: cuc/v1`).
    let baseline = match &old {
        Some(_) => old_value,
        None => {
            let source = SourceText::new(header.to_owned());
            parse_yaml(&source, header, file)
                .map(|n| n.to_json())
                .unwrap_or_default()
        }
    };
    // Nothing people wrote may change meaning: the old content, plus the
    // edit. Blank lines after the entry edited stay after the new text,
    // unless they belong to it (the end of a block that keeps them, `notes: |+`).
    let mut changed = None;
    for blank_lines_in_item in [false, true] {
        let new_text = match &edit {
            Edit::Append(entry) => insert_with(
                old.as_ref(),
                file,
                section,
                entry,
                header,
                blank_lines_in_item,
            )?,
            Edit::AddFields { index, fields } => {
                let Some(old) = &old else {
                    return Err(refuse(
                        file,
                        "it does not exist",
                        "check the customer's folder, then run again",
                    ));
                };
                add_fields_with(old, file, section, *index, fields, blank_lines_in_item)?
            }
        };
        // The result must be a valid document before it replaces anything.
        let source = SourceText::new(new_text.clone());
        let root = parse_yaml(&source, &new_text, file).map_err(|f| {
            refuse(
                file,
                format!("the result would not be valid YAML ({})", f.message),
                "fix the file by hand, then run again",
            )
        })?;
        let new_value = root.to_json();
        let only_the_edit = match &edit {
            Edit::Append(_) => only_appended(&baseline, &new_value, section),
            Edit::AddFields { index, fields } => {
                only_added(&baseline, &new_value, section, *index, fields)
            }
        };
        if only_the_edit {
            changed = Some((new_text, source, root));
            break;
        }
    }
    let Some((new_text, source, root)) = changed else {
        return Err(refuse(
            file,
            "adding the entry as text would change what is already written there",
            "write each entry on lines of its own (`- field: value`, then its other fields below it), one entry after another, then run again",
        ));
    };
    let kind = section.kind();
    let findings = schemas.check(kind, &root, &source, file);
    if let Some(first) = findings.first() {
        return Err(refuse(
            file,
            format!(
                "the result would not be a valid {}.yaml ({})",
                kind.name(),
                first.full_message()
            ),
            "fix the problems cuc validate reports in the file, then run again",
        ));
    }
    write_atomically(path, &new_text)?;
    drop(lock_file);
    Ok(answer)
}

/// Whether `new` is `old` with exactly one entry added at the end of `section`.
fn only_appended(old: &serde_json::Value, new: &serde_json::Value, section: Section) -> bool {
    let (Some(new_map), key) = (new.as_object(), section.key()) else {
        return false;
    };
    let empty = serde_json::Map::new();
    let old_map = old.as_object().unwrap_or(&empty);
    let old_items: &[serde_json::Value] = old_map
        .get(key)
        .and_then(|v| v.as_array())
        .map_or(&[], Vec::as_slice);
    let Some(new_items) = new_map.get(key).and_then(|v| v.as_array()) else {
        return false;
    };
    let others_kept = old_map
        .iter()
        .filter(|(k, _)| *k != key)
        .all(|(k, v)| new_map.get(k) == Some(v))
        && new_map
            .keys()
            .filter(|k| *k != key)
            .all(|k| old_map.contains_key(k));
    others_kept
        && new_items.len() == old_items.len() + 1
        && new_items[..old_items.len()] == *old_items
}

/// Whether `new` is `old` with only `fields` added to the entry at `index`
/// of `section`: every other entry and field as it was.
fn only_added(
    old: &serde_json::Value,
    new: &serde_json::Value,
    section: Section,
    index: usize,
    fields: &Entry,
) -> bool {
    let key = section.key();
    let (Some(old_map), Some(new_map)) = (old.as_object(), new.as_object()) else {
        return false;
    };
    let items = |map: &serde_json::Map<String, serde_json::Value>| {
        map.get(key).and_then(|v| v.as_array()).cloned()
    };
    let (Some(old_items), Some(new_items)) = (items(old_map), items(new_map)) else {
        return false;
    };
    let (Some(old_item), Some(new_item)) = (
        old_items.get(index).and_then(|i| i.as_object()),
        new_items.get(index).and_then(|i| i.as_object()),
    ) else {
        return false;
    };
    let added: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
    let item_kept = old_item.iter().all(|(k, v)| new_item.get(k) == Some(v))
        && new_item
            .keys()
            .all(|k| old_item.contains_key(k) || added.contains(&k.as_str()))
        && added
            .iter()
            .all(|k| new_item.contains_key(*k) && !old_item.contains_key(*k));
    let others_kept = old_map.len() == new_map.len()
        && old_map
            .iter()
            .all(|(k, v)| k == key || new_map.get(k) == Some(v))
        && old_items.len() == new_items.len()
        && (0..old_items.len()).all(|i| i == index || old_items[i] == new_items[i]);
    item_kept && others_kept
}

/// The new text: the old text with the entry inserted at the end of its
/// section, every other byte as it was; a new reviews file when there is
/// none. Line endings follow the file's own.
pub fn insert(
    old: Option<&SourceText>,
    file: &str,
    section: Section,
    entry: &Entry,
) -> Result<String, CucError> {
    insert_with(old, file, section, entry, REVIEWS_HEADER, false)
}

/// `insert`, a new file starting with `header`; with `blank_lines_in_item`,
/// blank lines right after the last entry count as part of it, so the new
/// entry goes after them.
fn insert_with(
    old: Option<&SourceText>,
    file: &str,
    section: Section,
    entry: &Entry,
    header: &str,
    blank_lines_in_item: bool,
) -> Result<String, CucError> {
    let key = section.key();
    let Some(source) = old else {
        let style = Style {
            dash: 2,
            fields: 4,
            newline: "\n",
        };
        return Ok(format!("{header}{key}:\n{}", render(entry, &style)));
    };
    let text = source.text();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let fresh = Style {
        dash: 2,
        fields: 4,
        newline,
    };
    let root = read_for_edit(source, file)?;
    let with_newline = |mut t: String| {
        if !t.is_empty() && !t.ends_with('\n') {
            t.push_str(newline);
        }
        t
    };
    let new_section =
        |t: &str| with_newline(t.to_owned()) + &format!("{key}:{newline}{}", render(entry, &fresh));
    match &root.kind {
        NodeKind::Null => Ok(new_section(text)),
        NodeKind::Map(entries) => {
            if !is_block(text, &root) {
                return Err(in_braces(file, entries, newline));
            }
            let Some(existing) = entries.iter().find(|e| e.key == key) else {
                return Ok(new_section(text));
            };
            // Entries under a key that has none yet: two spaces deeper than it.
            let key_line = source.position(existing.key_span.start).line;
            let key_column = text[source.offset(key_line, 1)..existing.key_span.start]
                .chars()
                .count();
            let under_key = Style {
                dash: key_column + 2,
                fields: key_column + 4,
                newline,
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
                    let style = Style {
                        dash: prefix[..dash].chars().count(),
                        fields: prefix.chars().count(),
                        newline,
                    };
                    let last = items.last().unwrap_or(first);
                    let at = end_of_item(
                        text,
                        source.position(last.span.start).line,
                        style.dash,
                        source,
                        blank_lines_in_item,
                    );
                    let mut out = with_newline(text[..at].to_owned());
                    if section == Section::Decisions
                        && blank_line_between_last_two(text, source, items, style.dash)
                    {
                        out.push_str(newline);
                    }
                    out.push_str(&render(entry, &style));
                    out.push_str(&text[at..]);
                    Ok(out)
                }
                // `reviews: []`: the empty list becomes a block list holding
                // the entry; a comment after it stays on its line.
                NodeKind::Seq(items) if items.is_empty() => {
                    let Some((open, close)) = empty_flow_list(text, existing) else {
                        return Err(refuse(
                            file,
                            format!("`{key}` is an empty list written over several lines"),
                            format!("write it on one line as `{key}: []`, then run again"),
                        ));
                    };
                    let line_end = text[close..]
                        .find('\n')
                        .map_or(text.len(), |i| close + i + 1);
                    let rest = text[close..line_end].trim();
                    if !(rest.is_empty() || rest.starts_with('#')) {
                        return Err(refuse(
                            file,
                            format!("`{key}: []` has something after it on its line"),
                            format!("put `{key}: []` on a line of its own, then run again"),
                        ));
                    }
                    let cut = text[..open].trim_end_matches([' ', '\t']).len();
                    let mut out =
                        with_newline(format!("{}{}", &text[..cut], &text[close..line_end]));
                    out.push_str(&render(entry, &under_key));
                    out.push_str(&text[line_end..]);
                    Ok(out)
                }
                NodeKind::Null if after_key_is_empty(text, existing.key_span.end) => {
                    let at = text[existing.key_span.end..]
                        .find('\n')
                        .map_or(text.len(), |i| existing.key_span.end + i + 1);
                    let mut out = with_newline(text[..at].to_owned());
                    out.push_str(&render(entry, &under_key));
                    out.push_str(&text[at..]);
                    Ok(out)
                }
                NodeKind::Seq(_) => Err(in_brackets(source, file, existing, newline)),
                _ => Err(refuse(
                    file,
                    format!("`{key}` is not a list"),
                    format!(
                        "write `{key}: []` for none yet, or one `- field: value` entry after another under `{key}:`, then run again"
                    ),
                )),
            }
        }
        _ => Err(refuse(
            file,
            "it is not a block of fields",
            format!(
                "it should start with {}; fix it, then run again",
                section.starts_with()
            ),
        )),
    }
}

/// The file an edit starts from, read; refused with what to do when it is
/// not YAML.
fn read_for_edit(source: &SourceText, file: &str) -> Result<Node, CucError> {
    parse_yaml(source, source.text(), file).map_err(|f| {
        refuse(
            file,
            format!("it is not valid YAML ({})", f.message),
            "fix the file (cuc validate shows where), then run again",
        )
    })
}

/// A file written as one `{ ... }` cannot be added to without rewriting
/// it: the refusal, with the file written out one field to a line.
fn in_braces(file: &str, entries: &[crate::load::node::Entry], newline: &str) -> CucError {
    refuse(
        file,
        "it is written in braces (`{ ... }`), which cuc cannot add to without rewriting it",
        rewrite_advice("replace everything in the file", entries, newline),
    )
}

/// The same for a list written in `[ ... ]`, with the lines to replace.
fn in_brackets(
    source: &SourceText,
    file: &str,
    list: &crate::load::node::Entry,
    newline: &str,
) -> CucError {
    let (first, last) = flow_lines(source.text(), source, list);
    let lines = if first == last {
        format!("replace line {first}")
    } else {
        format!("replace lines {first} to {last}")
    };
    refuse(
        file,
        format!(
            "`{}` is written in square brackets (`[ ... ]`), which cuc cannot add to without rewriting it",
            list.key
        ),
        rewrite_advice(&lines, std::slice::from_ref(list), newline),
    )
}

/// The new text: the old text with `fields` added at the end of the entry
/// at `index` of `section`, laid out like its other fields, every other
/// byte as it was. `blank_lines_in_item` as for `insert_with`.
fn add_fields_with(
    source: &SourceText,
    file: &str,
    section: Section,
    index: usize,
    fields: &Entry,
    blank_lines_in_item: bool,
) -> Result<String, CucError> {
    let key = section.key();
    let text = source.text();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let root = read_for_edit(source, file)?;
    let NodeKind::Map(entries) = &root.kind else {
        return Err(refuse(
            file,
            "it is not a block of fields",
            format!(
                "it should start with {}; fix it, then run again",
                section.starts_with()
            ),
        ));
    };
    if !is_block(text, &root) {
        return Err(in_braces(file, entries, newline));
    }
    let Some(existing) = entries.iter().find(|e| e.key == key) else {
        return Err(refuse(
            file,
            format!("it has no `{key}`"),
            "check the file, then run again",
        ));
    };
    let NodeKind::Seq(items) = &existing.value.kind else {
        return Err(refuse(
            file,
            format!("`{key}` is not a list"),
            format!(
                "write one `- field: value` entry after another under `{key}:`, then run again"
            ),
        ));
    };
    if !is_block(text, &existing.value) {
        return Err(in_brackets(source, file, existing, newline));
    }
    let Some(item) = items.get(index) else {
        return Err(refuse(
            file,
            format!("it has no entry {} in `{key}`", index + 1),
            "check the file, then run again",
        ));
    };
    let line = source.position(item.span.start).line;
    let item_line = format!("line {line}");
    if !matches!(&item.kind, NodeKind::Map(fields) if !fields.is_empty()) || !is_block(text, item) {
        return Err(refuse(
            file,
            format!("the entry on {item_line} is not written as `- field: value` lines"),
            "write it as one `field: value` line after another, then run again",
        ));
    }
    let line_start = source.offset(line, 1);
    let prefix = &text[line_start..item.span.start];
    let Some(dash) = prefix.rfind('-') else {
        return Err(refuse(
            file,
            format!("cannot tell how the entry on {item_line} is indented"),
            "write each entry as `- field: value` lines, then run again",
        ));
    };
    let dash = prefix[..dash].chars().count();
    let indent = prefix.chars().count();
    let at = end_of_item(text, line, dash, source, blank_lines_in_item);
    let mut out = text[..at].to_owned();
    if !out.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&render_fields(fields, indent, newline));
    out.push_str(&text[at..]);
    Ok(out)
}

/// Whether the last two items of a block list are apart by a blank line,
/// as a decision log often writes them: the next one is then written so too.
fn blank_line_between_last_two(
    text: &str,
    source: &SourceText,
    items: &[Node],
    dash: usize,
) -> bool {
    let [.., before, last] = items else {
        return false;
    };
    let line = |node: &Node| source.position(node.span.start).line;
    let end = end_of_item(text, line(before), dash, source, false);
    let start = source.offset(line(last), 1);
    text.get(end..start)
        .is_some_and(|gap| gap.lines().any(|l| l.trim().is_empty()))
}

/// Where `[` and just after `]` are, for an empty list written `[]` (or
/// `[ ]`) on one line.
fn empty_flow_list(text: &str, entry: &crate::load::node::Entry) -> Option<(usize, usize)> {
    let after_key = &text[entry.key_span.end..];
    let open = entry.key_span.end + after_key.find('[')?;
    let between = &text[entry.key_span.end..open];
    if between.contains('\n') || between.trim().trim_start_matches(['"', '\'']).trim() != ":" {
        return None;
    }
    let inside = &text[open + 1..];
    let close = inside.find(']')?;
    inside[..close]
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some((open, open + 1 + close + 1))
}

/// The first and last lines (1-based) of a key whose value is a flow list:
/// from the key to the line of its closing `]`.
fn flow_lines(text: &str, source: &SourceText, entry: &crate::load::node::Entry) -> (usize, usize) {
    let first = source.position(entry.key_span.start).line;
    let close = text[entry.value.span.end..]
        .find(']')
        .map_or(entry.value.span.end, |i| entry.value.span.end + i);
    (first, source.position(close).line.max(first))
}

/// Advice for a form cuc does not append to: the same content one field
/// to a line (block style), ready to paste. `what` says which lines it
/// replaces; `fields` are the top-level fields those lines hold.
fn rewrite_advice(what: &str, fields: &[crate::load::node::Entry], newline: &str) -> String {
    let lines: Option<String> = fields
        .iter()
        .map(|e| block_lines(&e.key, &e.value, newline))
        .collect();
    match lines {
        Some(lines) => format!(
            "write it one field to a line: {what} with these lines, then run again:{newline}{}",
            lines.trim_end()
        ),
        None => {
            "write it one field to a line, one `- field: value` entry after another, then run again"
                .to_owned()
        }
    }
}

/// A field holding a plain value or a list of flat mappings, as block-style
/// YAML lines, fields in the order written; `None` for anything deeper.
fn block_lines(key: &str, value: &Node, newline: &str) -> Option<String> {
    let key = flow_value(&Node {
        kind: NodeKind::Str(key.to_owned()),
        span: value.span,
    })?;
    let items = match &value.kind {
        NodeKind::Seq(items) if !items.is_empty() => items,
        _ => return Some(format!("{key}: {}{newline}", flow_value(value)?)),
    };
    let mut out = format!("{key}:{newline}");
    for item in items {
        let NodeKind::Map(fields) = &item.kind else {
            out.push_str(&format!("  - {}{newline}", flow_value(item)?));
            continue;
        };
        if fields.is_empty() {
            out.push_str(&format!("  - {{}}{newline}"));
        }
        for (i, field) in fields.iter().enumerate() {
            let lead = if i == 0 { "  - " } else { "    " };
            let name = flow_value(&Node {
                kind: NodeKind::Str(field.key.clone()),
                span: field.key_span,
            })?;
            out.push_str(&format!(
                "{lead}{name}: {}{newline}",
                flow_value(&field.value)?
            ));
        }
    }
    Some(out)
}

/// One value on one line: plain when YAML reads it back as the same string,
/// quoted otherwise; lists of such values in brackets.
fn flow_value(value: &Node) -> Option<String> {
    Some(match &value.kind {
        NodeKind::Str(s) if reads_back_plain(s) => s.clone(),
        NodeKind::Str(s) => quote(s),
        NodeKind::Seq(items) => format!(
            "[{}]",
            items
                .iter()
                .map(flow_value)
                .collect::<Option<Vec<_>>>()?
                .join(", ")
        ),
        NodeKind::Map(entries) if entries.is_empty() => "{}".to_owned(),
        NodeKind::Map(_) => return None,
        _ => value.to_json().to_string(),
    })
}

/// A date, or a word of letters, digits, `_` and `-` starting with a letter
/// that YAML does not read as true, false or null.
fn reads_back_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let date = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let word = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    date || word
}

/// The byte offset just after the last item of a block list that starts on
/// `line`: the item goes on while lines are indented deeper than its dash
/// (block scalars included, also their lines that start with `#`), or are
/// blank or comments followed by such lines. Trailing blank and comment lines
/// no deeper than the dash stay where they are, with whatever follows them;
/// with `blank_lines`, blank lines right after the item are part of it.
fn end_of_item(
    text: &str,
    line: usize,
    dash: usize,
    source: &SourceText,
    blank_lines: bool,
) -> usize {
    let mut offset = source.offset(line, 1);
    let mut end = offset;
    let mut first = true;
    let mut only_blank_since = true;
    for raw in text[offset..].split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let indent = content.len() - trimmed.len();
        let deeper = !trimmed.is_empty() && indent > dash;
        let blank_or_comment = trimmed.is_empty() || trimmed.starts_with('#');
        if !first && !deeper && !blank_or_comment {
            break;
        }
        offset += raw.len();
        if first || deeper {
            end = offset;
            only_blank_since = true;
        } else if trimmed.is_empty() {
            if blank_lines && only_blank_since {
                end = offset;
            }
        } else {
            only_blank_since = false;
        }
        first = false;
    }
    end
}

/// How entries are laid out: where the dash goes, where the fields start,
/// and the file's line ending.
struct Style {
    dash: usize,
    fields: usize,
    newline: &'static str,
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

/// The entry as YAML lines, laid out like the entries already there.
fn render(entry: &Entry, style: &Style) -> String {
    let mut out = String::new();
    let gap = style.fields.saturating_sub(style.dash + 1).max(1);
    for (i, (key, value)) in entry.iter().enumerate() {
        let value = written(value);
        let lead = if i == 0 {
            format!("{}-{}", " ".repeat(style.dash), " ".repeat(gap))
        } else {
            " ".repeat(style.dash + 1 + gap)
        };
        out.push_str(&format!("{lead}{key}: {value}{}", style.newline));
    }
    out
}

/// Fields of an entry already there, one `key: value` line each at `indent`.
fn render_fields(fields: &Entry, indent: usize, newline: &str) -> String {
    fields
        .iter()
        .map(|(key, value)| format!("{}{key}: {}{newline}", " ".repeat(indent), written(value)))
        .collect()
}

/// A value as it is written after `key: `.
fn written(value: &Value) -> String {
    match value {
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
    }
}

/// A JSON string is a valid YAML double-quoted string, once the characters
/// YAML does not allow as they are (DEL, C1 controls, U+FFFE/U+FFFF) are
/// escaped too.
fn quote(text: &str) -> String {
    serde_json::Value::from(text)
        .to_string()
        .chars()
        .map(|c| match c {
            '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => {
                format!("\\u{:04X}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// The name of a writer's temporary file next to `name`.
fn temporary_name(name: &str) -> String {
    format!(".{name}.cuc-{}.tmp", std::process::id())
}

/// Removes temporary files that writers killed before their rename left
/// next to `path`. Called only while holding the customer's lock.
fn remove_leftovers(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.cuc-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with(&prefix) && file.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A test-only crash: in debug builds, `CUC_FAILPOINT=NAME` makes the
/// process abort at the point of that name, as if it were killed there.
/// Release builds have no failpoints.
fn failpoint(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("CUC_FAILPOINT").is_ok_and(|point| point == name) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// Whether a file in a customer folder is one cuc is writing right now (so
/// it is not a person's uncommitted change).
pub fn is_in_flight(file_name: &str) -> bool {
    [".reviews.yaml.cuc-", ".decisions.yaml.cuc-"]
        .iter()
        .any(|prefix| file_name.starts_with(prefix))
        && file_name.ends_with(".tmp")
}

/// Temporary file in the same folder, fsync, rename over the old file, fsync
/// the folder: readers see the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), CucError> {
    replace(path, text, true)
}

/// Like `write_atomically` (a reader sees the old file or the new one, never
/// half), but without waiting for the disk: for files cuc can write again,
/// such as rendered pages, where an fsync per page made `render --all` slow.
pub fn write_regenerable(path: &Path, text: &str) -> Result<(), CucError> {
    replace(path, text, false)
}

fn replace(path: &Path, text: &str, durable: bool) -> Result<(), CucError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("reviews.yaml".into(), |n| n.to_string_lossy());
    let temp: PathBuf = dir.join(temporary_name(&name));
    // The new file gets the old one's permissions (a file only its owner
    // may read stays that way), before any content is in it.
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let result = (|| {
        let mut file = File::create(&temp).map_err(|e| CucError::io("create", &temp, e))?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)
                .map_err(|e| CucError::io("set the permissions of", &temp, e))?;
        }
        let (first, rest) = text.as_bytes().split_at(text.len() / 2);
        file.write_all(first)
            .map_err(|e| CucError::io("write", &temp, e))?;
        failpoint("half-written");
        file.write_all(rest)
            .map_err(|e| CucError::io("write", &temp, e))?;
        if durable {
            file.sync_all()
                .map_err(|e| CucError::io("write", &temp, e))?;
        }
        failpoint("before-rename");
        std::fs::rename(&temp, path).map_err(|e| CucError::io("replace", path, e))?;
        failpoint("renamed");
        if durable && let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Where the lock for a customer's files lives: inside git's own
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
    fn a_block_scalar_as_the_last_value_stays_whole() {
        let old = "reviews:\n  - milestone: onboarding\n    notes: >-\n      Went well;\n      more later.\n\n# sign-offs\nsignoffs:\n  - by: A\n";
        let new = add(old).unwrap();
        assert_eq!(
            new,
            format!(
                "reviews:\n  - milestone: onboarding\n    notes: >-\n      Went well;\n      more later.\n  {NEW}\n# sign-offs\nsignoffs:\n  - by: A\n"
            )
        );
    }

    #[test]
    fn crlf_files_get_crlf_lines() {
        let old = "reviews:\r\n  - milestone: onboarding\r\n    date: 2026-07-01\r\n";
        assert_eq!(
            add(old).unwrap(),
            format!("{old}{}", format!("  {NEW}").replace('\n', "\r\n"))
        );
    }

    #[test]
    fn a_wide_gap_after_the_dash_is_kept() {
        let old = "reviews:\n  -   milestone: onboarding\n      date: 2026-07-01\n";
        assert_eq!(
            add(old).unwrap(),
            format!(
                "{old}  -   milestone: \"first-value\"\n      date: 2026-11-23\n      by: [\"Tom Becker\"]\n"
            )
        );
    }

    #[test]
    fn characters_yaml_forbids_are_escaped() {
        assert_eq!(
            quote("a\u{7f}b\u{85}c\u{9f}"),
            "\"a\\u007Fb\u{85}c\\u009F\""
        );
        let source = SourceText::new(format!("a: {}\n", quote("x\u{7f}\u{1}y")));
        assert!(parse_yaml(&source, source.text(), "t").is_ok());
    }

    #[test]
    fn only_an_appended_entry_counts() {
        let old: serde_json::Value = serde_json::json!({"reviews": [{"m": 1}], "signoffs": []});
        let good = serde_json::json!({"reviews": [{"m": 1}, {"m": 2}], "signoffs": []});
        let moved = serde_json::json!({"reviews": [{"m": 1}, {"m": 2}]});
        let swallowed =
            serde_json::json!({"reviews": [{"m": 1, "x": 1}, {"m": 2}], "signoffs": []});
        assert!(only_appended(&old, &good, Section::Reviews));
        assert!(!only_appended(&old, &moved, Section::Reviews));
        assert!(!only_appended(&old, &swallowed, Section::Reviews));
    }

    #[test]
    fn refuses_flow_style_instead_of_rewriting() {
        assert!(add("{reviews: [{milestone: a, date: 2026-01-01}]}\n").is_err());
        assert!(add("reviews: [{milestone: a, date: 2026-01-01}]\n").is_err());
        assert!(add("reviews: [\n]\n").is_err());
    }

    #[test]
    fn an_empty_flow_list_becomes_a_block_list() {
        assert_eq!(add("reviews: []\n").unwrap(), format!("reviews:\n  {NEW}"));
        assert_eq!(
            add("reviews: [ ]   # none yet\r\nsignoffs: []\r\n").unwrap(),
            format!(
                "reviews:   # none yet\r\n{}signoffs: []\r\n",
                format!("  {NEW}").replace('\n', "\r\n")
            )
        );
    }

    #[test]
    fn lines_of_a_block_scalar_that_start_with_a_hash_stay_in_it() {
        let old = "reviews:\n  - milestone: onboarding\n    notes: |\n      went well\n      # next: training\n# sign-offs\nsignoffs: []\n";
        assert_eq!(
            add(old).unwrap(),
            format!(
                "reviews:\n  - milestone: onboarding\n    notes: |\n      went well\n      # next: training\n  {NEW}# sign-offs\nsignoffs: []\n"
            )
        );
    }

    fn circulation() -> Entry {
        vec![
            ("circulated", Value::Plain("2026-06-03T17:45+02:00".into())),
            (
                "to",
                Value::List(vec!["Marco Lenz".into(), "Tom Becker".into()]),
            ),
        ]
    }

    fn add_to(old: &str, index: usize) -> Result<String, CucError> {
        let source = SourceText::new(old.to_owned());
        add_fields_with(
            &source,
            "decisions.yaml",
            Section::Decisions,
            index,
            &circulation(),
            false,
        )
    }

    const CIRCULATED: &str =
        "circulated: 2026-06-03T17:45+02:00\n    to: [\"Marco Lenz\", \"Tom Becker\"]\n";

    #[test]
    fn fields_go_at_the_end_of_their_entry_keeping_every_byte() {
        let old = "# log\ndecisions:\n  - id: d-1   # first\n    made: 2026-06-03T14:00+02:00\n    decision: >-\n      Hamburg first;\n      # not a comment\n      Bremen later.\n\n  # replaced soon\n  - id: d-2\n    made: 2026-06-04T09:00\n    decision: x\n";
        assert_eq!(
            add_to(old, 0).unwrap(),
            format!(
                "# log\ndecisions:\n  - id: d-1   # first\n    made: 2026-06-03T14:00+02:00\n    decision: >-\n      Hamburg first;\n      # not a comment\n      Bremen later.\n    {CIRCULATED}\n  # replaced soon\n  - id: d-2\n    made: 2026-06-04T09:00\n    decision: x\n"
            )
        );
        assert_eq!(add_to(old, 1).unwrap(), format!("{old}    {CIRCULATED}"));
    }

    #[test]
    fn fields_follow_the_entry_s_own_indentation_and_line_endings() {
        let old = "decisions:\r\n-   id: d-1\r\n    made: 2026-06-03T14:00\r\n    decision: x";
        assert_eq!(
            add_to(old, 0).unwrap(),
            format!("{old}\r\n    {}", CIRCULATED.replace('\n', "\r\n"))
        );
        let old = "decisions:\n- id: d-1\n  made: 2026-06-03T14:00\n  decision: x\n";
        assert_eq!(
            add_to(old, 0).unwrap(),
            format!(
                "{old}  circulated: 2026-06-03T17:45+02:00\n  to: [\"Marco Lenz\", \"Tom Becker\"]\n"
            )
        );
    }

    #[test]
    fn an_entry_in_flow_style_is_refused_instead_of_rewritten() {
        let refused = |old: &str| add_to(old, 0).unwrap_err().to_string();
        assert!(
            refused("decisions:\n  - {id: d-1, made: 2026-06-03T14:00, decision: x}\n")
                .starts_with("cannot add to decisions.yaml: the entry on line 2 is not written as `- field: value` lines")
        );
        assert!(
            refused("decisions: [{id: d-1, made: 2026-06-03T14:00, decision: x}]\n")
                .contains("`decisions` is written in square brackets")
        );
    }

    #[test]
    fn only_the_fields_added_count() {
        let old = serde_json::json!({"decisions": [{"id": "d-1"}, {"id": "d-2"}]});
        let good = serde_json::json!({"decisions": [{"id": "d-1"}, {"id": "d-2", "circulated": "t", "to": []}]});
        let elsewhere = serde_json::json!({"decisions": [{"id": "d-1", "circulated": "t", "to": []}, {"id": "d-2"}]});
        let one_missing =
            serde_json::json!({"decisions": [{"id": "d-1"}, {"id": "d-2", "to": []}]});
        let changed = serde_json::json!({"decisions": [{"id": "d-1"}, {"id": "d-3", "circulated": "t", "to": []}]});
        let fields = circulation();
        assert!(only_added(&old, &good, Section::Decisions, 1, &fields));
        assert!(!only_added(
            &old,
            &elsewhere,
            Section::Decisions,
            1,
            &fields
        ));
        assert!(!only_added(
            &old,
            &one_missing,
            Section::Decisions,
            1,
            &fields
        ));
        assert!(!only_added(&old, &changed, Section::Decisions, 1, &fields));
    }

    #[test]
    fn a_decision_log_apart_by_blank_lines_gets_one_before_the_new_entry() {
        let entry = vec![
            ("id", Value::word("d-3")),
            ("decision", Value::Text("z".into())),
        ];
        let add = |old: &str| {
            insert_with(
                Some(&SourceText::new(old.to_owned())),
                "decisions.yaml",
                Section::Decisions,
                &entry,
                "",
                false,
            )
            .unwrap()
        };
        let apart = "decisions:\n  - id: d-1\n    decision: x\n\n  - id: d-2\n    decision: y\n";
        assert_eq!(
            add(apart),
            format!("{apart}\n  - id: d-3\n    decision: \"z\"\n")
        );
        let together = "decisions:\n  - id: d-1\n    decision: x\n  - id: d-2\n    decision: y\n";
        assert_eq!(
            add(together),
            format!("{together}  - id: d-3\n    decision: \"z\"\n")
        );
    }

    #[test]
    fn a_word_is_written_plain_only_when_it_reads_back_as_text() {
        assert!(matches!(Value::word("d-3"), Value::Plain(w) if w == "d-3"));
        assert!(matches!(Value::word("7"), Value::Text(w) if w == "7"));
        assert!(matches!(Value::word("no"), Value::Text(_)));
    }

    #[test]
    fn the_advice_for_a_flow_list_is_the_same_list_in_block_style() {
        let text = "{reviews: [{milestone: on-boarding, date: 2026-07-03, by: [Tom Becker, \"yes\"], commit: \"0123456\"}], signoffs: []}";
        let source = SourceText::new(text.to_owned());
        let root = parse_yaml(&source, text, "t").unwrap();
        assert_eq!(
            rewrite_advice("replace line 1", root.entries(), "\n"),
            "write it one field to a line: replace line 1 with these lines, then run again:\nreviews:\n  - milestone: on-boarding\n    date: 2026-07-03\n    by: [\"Tom Becker\", \"yes\"]\n    commit: \"0123456\"\nsignoffs: []"
        );
        let text = "a: [{b: {c: 1}}]";
        let source = SourceText::new(text.to_owned());
        let root = parse_yaml(&source, text, "t").unwrap();
        assert!(
            rewrite_advice("x", root.entries(), "\n")
                .starts_with("write it one field to a line, one")
        );
    }
}
