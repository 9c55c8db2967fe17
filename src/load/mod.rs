//! Loading a document: bytes → text → YAML tree with spans. One read and one
//! parse per file; every way this can fail becomes a finding at a position.

pub mod check;
pub mod customer;
pub mod document;
pub mod fast_yaml;
pub mod finding;
pub mod misread;
pub mod node;
pub mod notes;
pub mod source;
pub mod syntax;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::options::{DuplicateKeyPolicy, Options};
use serde_saphyr::{Budget, Error as YamlError, MessageFormatter, Spanned, UserMessageFormatter};
use std::io::Read;
use std::path::Path;

use crate::load::check::{
    Check, DUPLICATE_KEY, FILE_TOO_LARGE, INVALID_UTF8, MERGE_CONFLICT, UNREADABLE_FILE,
    YAML_LIMIT, YAML_SYNTAX,
};
use crate::load::finding::Finding;
use crate::load::node::{Node, ParsedNode, location_span};
use crate::load::source::{SourceText, Span};
use crate::text::words::thousands;

/// Limits that keep a hostile or accidental file from exhausting the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 1024 * 1024,
        }
    }
}

/// A parsed YAML document and the text it came from.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: SourceText,
    pub root: Node,
}

/// Why a file could not be loaded. `finding` says what and where; `source`
/// is the text when there was text to show.
#[derive(Debug)]
pub struct LoadFailure {
    pub finding: Box<Finding>,
    pub source: Option<SourceText>,
}

/// Reads a file as UTF-8 text, within the size limit.
pub fn read_text(path: &Path, file: &str, limits: Limits) -> Result<SourceText, LoadFailure> {
    let unreadable = |e: std::io::Error| LoadFailure {
        finding: Box::new(
            Finding::new(
                UNREADABLE_FILE,
                file,
                format!("cannot read this file: {}", io_reason(&e)),
            )
            .help("check the file's permissions; every other file is still checked"),
        ),
        source: None,
    };
    let handle = std::fs::File::open(path).map_err(unreadable)?;
    // Sized from the file's length, so a document is read in one call
    // rather than in growing steps (40,000 files in a large portfolio).
    let expected = handle.metadata().map_or(0, |m| m.len());
    let capacity = expected.min(limits.max_file_size).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    // Read one byte past the limit to know it was exceeded, without ever
    // holding more than that in memory.
    handle
        .take(limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(LoadFailure {
            finding: Box::new(Finding::new(
FILE_TOO_LARGE, file,
                format!(
                    "this file is larger than the {} cuc reads",
                    human_size(limits.max_file_size)
                ),
            )
            .help("a customer document is one page: move long material into notes/, or raise `limits.max_file_size` in cuc.yaml")),
            source: None,
        });
    }
    text_from_bytes(bytes, file)
}

/// Checks that bytes are UTF-8, naming the first byte that is not.
pub fn text_from_bytes(bytes: Vec<u8>, file: &str) -> Result<SourceText, LoadFailure> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText::new(text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // Show the readable part, so the position makes sense to a person.
            let readable = SourceText::new(String::from_utf8_lossy(&bytes[..offset]).into_owned());
            let finding = Finding::new(
                INVALID_UTF8,
                file,
                format!("this file is not UTF-8 text: byte {offset} (0x{:02X}) is not valid UTF-8", bytes[offset]),
            )
            .help("re-save the file as UTF-8 in your editor; this usually comes from text pasted from an old spreadsheet")
            .at(Span::new(offset, offset), &readable);
            Err(LoadFailure {
                finding: Box::new(finding),
                source: Some(readable),
            })
        }
    }
}

/// What to do about a key written twice.
const KEEP_ONE: &str = "keep one of the two (merge the text if both matter) and delete the other";

/// Parses YAML text into a tree. `text` may be a prefix of the file (a
/// note's front matter), so positions are the file's own. A key written
/// twice is refused.
pub fn parse_yaml(source: &SourceText, text: &str, file: &str) -> Result<Node, Box<Finding>> {
    parse_yaml_keeping_going(source, text, file).and_then(refuse_duplicates)
}

/// The slower, complete path alone: serde-saphyr with `options` (the fast
/// path's tests and the differential fuzz target compare with it). A key
/// written twice is refused.
#[doc(hidden)]
pub fn parse_yaml_exactly(
    source: &SourceText,
    text: &str,
    file: &str,
    options: Options,
) -> Result<Node, Box<Finding>> {
    exactly(source, text, file, options).and_then(refuse_duplicates)
}

/// Parses YAML text into a tree like `parse_yaml`, but a key written twice
/// in the same block is not the end: the tree keeps the first value, and
/// each repetition comes back as a `duplicate-key` finding, so the rest of
/// the document is still checked.
pub fn parse_yaml_keeping_going(
    source: &SourceText,
    text: &str,
    file: &str,
) -> Result<(Node, Vec<Finding>), Box<Finding>> {
    if let Some(finding) = conflict_marker(source, text, file) {
        return Err(Box::new(finding));
    }
    // Most documents take the fast path; the rest (and every document with
    // a YAML problem) are read by serde-saphyr, for its exact messages. Both
    // read with the same options, budget included.
    let options = yaml_options();
    if let Some(root) = crate::load::fast_yaml::parse(text, &options) {
        return Ok((root, Vec::new()));
    }
    exactly(source, text, file, options)
}

/// serde-saphyr's reading, with each repeated key as a finding.
fn exactly(
    source: &SourceText,
    text: &str,
    file: &str,
    options: Options,
) -> Result<(Node, Vec<Finding>), Box<Finding>> {
    let budget = options.budget.clone().unwrap_or_default();
    let parsed = serde_saphyr::from_str_with_options::<Spanned<ParsedNode>>(text, options)
        .map_err(|error| Box::new(yaml_finding(&error, source, text, file, &budget)))?;
    let mut duplicates = Vec::new();
    let root = Node::from_parsed(parsed, source, "", &mut duplicates);
    let mut new_items: Vec<(String, usize)> = Vec::new();
    let mut findings = Vec::new();
    for d in duplicates {
        let (item, _) = d.pointer.rsplit_once('/').unwrap_or_default();
        // A repetition after an item's first field written again without
        // its `-`: part of that one mistake, already explained.
        if new_items
            .iter()
            .any(|(at, start)| at == item && d.key_span.start > *start)
        {
            continue;
        }
        if let Some(finding) = missing_dash(&root, &d, item, source, file) {
            new_items.push((item.to_owned(), d.key_span.start));
            findings.push(finding);
            continue;
        }
        findings.push(
            Finding::new(
                DUPLICATE_KEY,
                file,
                format!("`{}` is written twice in the same block", d.key),
            )
            .help(format!("{KEEP_ONE}; until then cuc checks the first one"))
            .label("written a second time here")
            .at(d.key_span, source)
            .pointer(d.pointer),
        );
    }
    Ok((root, findings))
}

/// A list item's first field written again, lined up with the item's
/// fields but without a `-`: a new item that lost its dash.
fn missing_dash(
    root: &Node,
    d: &crate::load::node::Duplicate,
    item: &str,
    source: &SourceText,
    file: &str,
) -> Option<Finding> {
    let (list, index) = item.rsplit_once('/')?;
    index.parse::<usize>().ok()?;
    let node = root.find(item)?.node;
    if node.entries().first()?.key != d.key {
        return None;
    }
    let list_key = list.rsplit('/').next().unwrap_or_default();
    let noun = syntax::item_noun(list_key);
    let line = source
        .line_text(source.position(d.key_span.start).line)
        .trim();
    let plural =
        syntax::plural_noun(list_key).map_or_else(|| list_key.replace('_', " "), str::to_owned);
    let help = format!(
        "write `- ` in place of the two spaces before `{}:`, lined up with the `-` of the other {plural}: `- {line}`",
        d.key
    );
    Some(
        Finding::new(
            DUPLICATE_KEY,
            file,
            format!(
                "`{}:` begins a new {noun}, but its line has no `-`, so it reads as a second `{}` of the {noun} above",
                d.key, d.key
            ),
        )
        .help(help)
        .label("a new item starts here")
        .at(d.key_span, source)
        .pointer(d.pointer.clone()),
    )
}

/// Where a repeated key cannot be kept going past (a file cuc writes to, an
/// old version): the first repetition is the error.
fn refuse_duplicates((root, mut duplicates): (Node, Vec<Finding>)) -> Result<Node, Box<Finding>> {
    if duplicates.is_empty() {
        return Ok(root);
    }
    Err(Box::new(duplicates.swap_remove(0).help(KEEP_ONE)))
}

/// Reads and parses a YAML document; a key written twice is refused.
pub fn load_yaml(path: &Path, file: &str, limits: Limits) -> Result<Parsed, LoadFailure> {
    let (parsed, duplicates) = load_yaml_keeping_going(path, file, limits)?;
    let Parsed { source, root } = parsed;
    match refuse_duplicates((root, duplicates)) {
        Ok(root) => Ok(Parsed { source, root }),
        Err(finding) => Err(LoadFailure {
            finding,
            source: Some(source),
        }),
    }
}

/// Reads and parses a YAML document for validation: as `load_yaml`, but
/// keys written twice come back as findings next to the tree.
pub fn load_yaml_keeping_going(
    path: &Path,
    file: &str,
    limits: Limits,
) -> Result<(Parsed, Vec<Finding>), LoadFailure> {
    let source = read_text(path, file, limits)?;
    match parse_yaml_keeping_going(&source, source.text(), file) {
        Ok((root, duplicates)) => Ok((Parsed { source, root }, duplicates)),
        Err(finding) => Err(LoadFailure {
            finding,
            source: Some(source),
        }),
    }
}

/// How cuc reads YAML, on both paths: YAML 1.2 core scalars only (`no`
/// stays text, `0755` stays text), duplicate keys passed on (see
/// `exactly`), and serde-saphyr's default budget (see `budget`).
#[doc(hidden)]
pub fn yaml_options() -> Options {
    let mut options = Options::default();
    options.budget = Some(budget());
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    // Every entry reaches cuc's tree builder, which keeps the first of a
    // repeated key and reports the others (all of them, not just one).
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.reject_unsupported_tags = true;
    options
}

/// The limits on one document, for both readers: serde-saphyr's defaults
/// (nesting depth 64, 250,000 values, 1,000,000 parser events, 64 MiB of
/// text, 50,000 aliases and anchors, 1,024 documents).
pub fn budget() -> Budget {
    Budget::default()
}

/// The largest `limits.max_file_size` a workspace may set: the budget's
/// total text, so that no file cuc agrees to read is refused for its size
/// alone by the budget (a document can still reach its other limits, such
/// as the number of values).
pub fn max_file_size_cap() -> u64 {
    budget().max_total_scalar_bytes as u64
}

fn yaml_finding(
    error: &YamlError,
    source: &SourceText,
    text: &str,
    file: &str,
    budget: &Budget,
) -> Finding {
    let (inner, through_alias) = original(error);
    let span = error
        .location()
        .map(|l| location_span(&l, source))
        .unwrap_or_default();
    let raw = UserMessageFormatter.format_message(inner).into_owned();
    let (rule, message, help) = match inner {
        YamlError::DuplicateMappingKey { key, .. } => (
            DUPLICATE_KEY,
            match key {
                Some(key) => format!("`{key}` is written twice in the same block"),
                None => "the same field is written twice in the same block".to_owned(),
            },
            KEEP_ONE.to_owned(),
        ),
        YamlError::Budget { breach, .. } if through_alias => {
            limit_message(&Limit::ThroughAliases(Some(breach)), budget)
        }
        YamlError::Budget { breach, .. } => limit_message(&Limit::Budget(breach), budget),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => {
            limit_message(&Limit::ThroughAliases(None), budget)
        }
        // The parser's own nesting limits (flow collections stop at 255).
        _ if raw.contains("recursion limit") => limit_message(&Limit::Nesting, budget),
        _ => {
            // Where the parser stopped is not always where the mistake is,
            // and its words are not a person's: `syntax` reads the lines.
            let explained = syntax::explain(source, text, span, &raw);
            return Finding::new(YAML_SYNTAX, file, explained.message)
                .help(explained.help)
                .label(explained.label)
                .at(explained.span, source);
        }
    };
    Finding::new(rule, file, message)
        .help(help)
        .at(span, source)
}

/// The error itself, without the wrappers serde-saphyr puts around it to
/// show a snippet or where an alias was used; and whether it came up while
/// an alias was being expanded.
fn original(mut error: &YamlError) -> (&YamlError, bool) {
    let mut through_alias = false;
    loop {
        match error {
            YamlError::AliasError { error: inner, .. } => {
                through_alias = true;
                error = inner;
            }
            YamlError::WithSnippet { error: inner, .. } => error = inner,
            _ => return (error, through_alias),
        }
    }
}

/// Which limit a document went past.
enum Limit<'a> {
    Budget(&'a BudgetBreach),
    /// A limit reached while an alias was expanded, or one of alias replay,
    /// which serde-saphyr limits outside its budget (`None`).
    ThroughAliases(Option<&'a BudgetBreach>),
    /// The parser's own nesting limit.
    Nesting,
}

/// A `yaml-limit` finding's message and help: which limit was hit, its
/// number, and what to do.
fn limit_message(limit: &Limit, budget: &Budget) -> (&'static Check, String, String) {
    const ONE_PAGE: &str = "a customer document is one page: move long material into a note (notes/), or split long lists";
    const PLAINLY: &str = "write the content out plainly: a customer document never needs YAML anchors (`&name`) or aliases (`*name`)";
    let (message, help) = match limit {
        Limit::Budget(BudgetBreach::Depth { .. }) | Limit::Nesting => (
            format!(
                "this document nests lists and blocks more than {} levels deep, the most cuc reads",
                budget.max_depth
            ),
            "a customer document needs only a few levels (a list of items, each with its fields): write the deeply nested part out plainly".to_owned(),
        ),
        Limit::Budget(BudgetBreach::Nodes { .. }) => (
            format!(
                "this document holds more than {} values (fields, list items and texts), the most cuc reads in one document",
                thousands(budget.max_nodes)
            ),
            ONE_PAGE.to_owned(),
        ),
        Limit::Budget(BudgetBreach::Events { .. }) => (
            format!(
                "this document is made of more than {} values, lists and blocks, the most cuc reads in one document",
                thousands(budget.max_events)
            ),
            ONE_PAGE.to_owned(),
        ),
        Limit::Budget(BudgetBreach::ScalarBytes { .. }) => (
            format!(
                "the text in this document adds up to more than {}, the most cuc reads in one document",
                human_size(budget.max_total_scalar_bytes as u64)
            ),
            ONE_PAGE.to_owned(),
        ),
        Limit::Budget(BudgetBreach::Documents { .. }) => (
            format!(
                "this file holds more than {} documents separated by `---` lines",
                thousands(budget.max_documents)
            ),
            "a cuc file is one document: remove the `---` lines between its parts".to_owned(),
        ),
        Limit::Budget(BudgetBreach::Aliases { .. }) => (
            format!(
                "this document uses more than {} YAML aliases (`*name`), the most cuc reads",
                thousands(budget.max_aliases)
            ),
            PLAINLY.to_owned(),
        ),
        Limit::Budget(BudgetBreach::Anchors { .. }) => (
            format!(
                "this document defines more than {} YAML anchors (`&name`), the most cuc reads",
                thousands(budget.max_anchors)
            ),
            PLAINLY.to_owned(),
        ),
        Limit::Budget(BudgetBreach::MergeKeys { .. }) => (
            format!(
                "this document uses more than {} YAML merge keys (`<<`), the most cuc reads",
                thousands(budget.max_merge_keys)
            ),
            PLAINLY.to_owned(),
        ),
        Limit::ThroughAliases(breach) => {
            let into = match breach {
                Some(BudgetBreach::Nodes { .. }) => {
                    format!("more than {} values", thousands(budget.max_nodes))
                }
                Some(BudgetBreach::Events { .. }) => format!(
                    "more than {} values, lists and blocks",
                    thousands(budget.max_events)
                ),
                Some(BudgetBreach::ScalarBytes { .. }) => format!(
                    "more than {} of text",
                    human_size(budget.max_total_scalar_bytes as u64)
                ),
                Some(BudgetBreach::Depth { .. }) => {
                    format!("more than {} levels deep", budget.max_depth)
                }
                _ => "more content".to_owned(),
            };
            (
                format!(
                    "this document's YAML aliases (`*name`) repeat its content into {into}, the most cuc reads in one document"
                ),
                PLAINLY.to_owned(),
            )
        }
        // Every other limit of the budget concerns aliases and anchors.
        Limit::Budget(_) => (
            "this document uses YAML anchors (`&name`) and aliases (`*name`) more than cuc reads in one document".to_owned(),
            PLAINLY.to_owned(),
        ),
    };
    (YAML_LIMIT, message, help)
}

/// Git's conflict markers make confusing YAML errors; name them for what they are.
fn conflict_marker(source: &SourceText, text: &str, file: &str) -> Option<Finding> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<< ") || line.trim_end() == "<<<<<<<" {
            let span = Span::new(offset, offset + line.trim_end().len());
            return Some(
                Finding::new(
MERGE_CONFLICT, file,
                    "unresolved merge conflict: git left conflict markers in this file",
                )
                .help("keep the right version of the lines between <<<<<<< and >>>>>>>, delete the markers, and commit")
                .label("conflict starts here")
                .at(span, source),
            );
        }
        offset += line.len();
    }
    None
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::NotFound => "it does not exist".to_owned(),
        _ => error.to_string(),
    }
}

/// Sizes the way people write them: 1 MiB, 512 KiB, 300 bytes.
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{} bytes", thousands(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::NodeKind;

    fn parse(text: &str) -> Result<Node, Box<Finding>> {
        let source = SourceText::new(text.to_owned());
        parse_yaml(&source, source.text(), "t.yaml")
    }

    #[test]
    fn yaml_1_1_booleans_and_octals_stay_text() {
        let root = parse("a: no\nb: on\nc: 0755\nd: true\n").unwrap();
        let json = root.to_json();
        assert_eq!(json["a"], "no");
        assert_eq!(json["b"], "on");
        assert_eq!(json["c"], "0755");
        assert_eq!(json["d"], true);
    }

    #[test]
    fn pointer_maps_back_to_the_exact_span() {
        let text = "success_criteria:\n  - id: a\n  - id: b\n    by: 2026-02-30\n";
        let root = parse(text).unwrap();
        let found = root.find("/success_criteria/1/by").unwrap();
        assert_eq!(
            &text[found.node.span.start..found.node.span.end],
            "2026-02-30"
        );
        assert!(matches!(found.node.kind, NodeKind::Str(_)));
        let key = found.key_span.unwrap();
        assert_eq!(&text[key.start..key.end], "by");
    }

    #[test]
    fn duplicate_key_is_reported_at_the_second_key() {
        let f = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(f.rule, "duplicate-key");
        assert_eq!(f.region.unwrap().start.line, 3);
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut text = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("b{}", i - 1)
            };
            text.push_str(&format!(
                "b{i}: &b{i} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        assert_eq!(parse(&text).unwrap_err().rule, "yaml-limit");
    }

    /// `cuc review --explain yaml-limit` and `file-too-large` state the
    /// budget's numbers, which are written out there as text.
    #[test]
    fn the_explanations_state_the_budget() {
        let budget = budget();
        let explained = YAML_LIMIT.explanation;
        for number in [
            format!("{} levels deep", budget.max_depth),
            format!("{} values", thousands(budget.max_nodes)),
            format!(
                "{} of text",
                human_size(budget.max_total_scalar_bytes as u64)
            ),
            format!("{} YAML aliases", thousands(budget.max_aliases)),
        ] {
            assert!(explained.contains(&number), "{number}: {explained}");
        }
        assert_eq!(budget.max_aliases, budget.max_anchors);
        let explained = FILE_TOO_LARGE.explanation;
        let cap = human_size(max_file_size_cap());
        assert!(explained.contains(&format!("at most {cap}")), "{explained}");
        assert_eq!(cap, "64 MiB");
        assert!(
            include_str!("../../schema/config.json")
                .contains(&format!("\"maximum\": {}", max_file_size_cap())),
            "the config schema's bound on max_file_size is the cap"
        );
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let failure = text_from_bytes(b"a: 1\nb: \xff\n".to_vec(), "t.yaml").unwrap_err();
        assert_eq!(failure.finding.rule, "invalid-utf8");
        let region = failure.finding.region.unwrap();
        assert_eq!((region.start.line, region.start.column), (2, 4));
        assert!(failure.finding.message.contains("byte 8"));
    }
}
