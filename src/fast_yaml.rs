//! The fast path for reading a document: the spanned tree built straight from
//! the YAML event parser that serde-saphyr itself uses (granit-parser, with
//! the same limits), without serde in between.
//!
//! It covers the YAML people write in cuc documents: block and flow mappings
//! and lists, plain and quoted text, whole numbers, decimals, dates, `true`,
//! `false` and `null`. Anything else (a syntax error, a tag, an anchor or
//! alias, a merge key, a duplicate key, deep nesting, an unusual number
//! spelling, several documents in one file) makes it give up and return
//! `None`, and the caller parses the document again with serde-saphyr, which
//! gives the exact error or the exact value. Where it does answer, its tree
//! is the one serde-saphyr would have built, spans included; the tests
//! compare the two on every document in the repository and on generated
//! edge cases.

use granit_parser::{Event, Parser, ScalarStyle};

use crate::node::{Entry, Node, NodeKind};
use crate::source::Span;

/// Deeper than this, serde-saphyr's own budget (depth 64) decides.
const MAX_DEPTH: usize = 48;
/// More values than this, serde-saphyr's own budget (250,000 nodes) decides.
const MAX_NODES: usize = 100_000;

/// The parser options serde-saphyr derives from its default budget, so that
/// both paths accept and refuse the same text.
fn parser_options() -> granit_parser::Options {
    let budget = serde_saphyr::Budget::default();
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.block_nesting_limit = options
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    options
}

enum Frame {
    Seq {
        start: Span,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
}

/// The tree of `text`, or `None` when the fast path does not cover it.
pub fn parse(text: &str) -> Option<Node> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    for next in Parser::new_from_str_with_options(text, parser_options()) {
        let (event, span) = next.ok()?;
        let span = Span::new(span.start.byte_offset()?, span.end.byte_offset()?);
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                nodes += 1;
                // A mapping waiting for a key: this scalar is the key.
                if let Some(Frame::Map { entries, key, .. }) = stack.last_mut()
                    && key.is_none()
                {
                    if style == ScalarStyle::Plain && !plain_key(&value) {
                        return None;
                    }
                    if value == "<<" || entries.iter().any(|e| e.key == value) {
                        return None;
                    }
                    *key = Some((value.into_owned(), span));
                    continue;
                }
                let kind = if style == ScalarStyle::Plain {
                    plain_scalar(&value)?
                } else {
                    NodeKind::Str(value.into_owned())
                };
                add(&mut stack, &mut root, Node { kind, span })?;
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                // A collection as a mapping key is beyond the fast path.
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return None;
                }
                nodes += 1;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        start: span,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        start: span,
                        entries: Vec::new(),
                        key: None,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match stack.pop()? {
                    Frame::Seq { start, items } => {
                        let end = items.last().map_or(start.end, |n| n.span.end);
                        Node {
                            kind: NodeKind::Seq(items),
                            span: Span::new(start.start, end),
                        }
                    }
                    Frame::Map {
                        start,
                        entries,
                        key,
                    } => {
                        if key.is_some() {
                            return None;
                        }
                        let end = entries
                            .last()
                            .map_or(start.end, |e| e.value.span.end.max(e.key_span.end));
                        Node {
                            kind: NodeKind::Map(entries),
                            span: Span::new(start.start, end),
                        }
                    }
                };
                add(&mut stack, &mut root, node)?;
            }
            // Aliases, anchors and anything newer: serde-saphyr decides.
            _ => return None,
        }
        if nodes > MAX_NODES {
            return None;
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// Puts a finished value where it belongs: in the open list, under the
/// pending key of the open mapping, or as the document itself.
fn add(stack: &mut [Frame], root: &mut Option<Node>, node: Node) -> Option<()> {
    match stack.last_mut() {
        None => {
            if root.is_some() {
                return None;
            }
            *root = Some(node);
        }
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map { entries, key, .. }) => {
            let (key, key_span) = key.take()?;
            entries.push(Entry {
                key,
                key_span,
                value: node,
            });
        }
    }
    Some(())
}

/// A plain key the fast path reads as text for certain: it starts with a
/// letter or `_` and is not a YAML word for null or a boolean.
fn plain_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !matches!(
            key,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
}

/// What a plain scalar means under YAML 1.2's core schema as cuc configures
/// serde-saphyr (strict booleans, numbers with leading zeros kept as text),
/// or `None` for spellings left to serde-saphyr.
fn plain_scalar(text: &str) -> Option<NodeKind> {
    let kind = match text {
        "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
        "true" | "True" | "TRUE" => NodeKind::Bool(true),
        "false" | "False" | "FALSE" => NodeKind::Bool(false),
        _ => {
            let bytes = text.as_bytes();
            let first = bytes[0];
            if first.is_ascii_alphabetic() {
                // Rust's float parser (which serde-saphyr falls back to)
                // reads these words as numbers.
                let word = text.to_ascii_lowercase();
                if matches!(word.as_str(), "nan" | "inf" | "infinity") {
                    return None;
                }
                NodeKind::Str(text.to_owned())
            } else if !first.is_ascii()
                || (first.is_ascii_punctuation() && !b"-+.~".contains(&first))
                || is_date(bytes)
            {
                NodeKind::Str(text.to_owned())
            } else if let Some(digits) = text.strip_prefix('-') {
                if digits.len() > 18 || !whole_number(digits) || digits.starts_with('0') {
                    return decimal(text);
                }
                NodeKind::Int(text.parse().ok()?)
            } else if whole_number(text) {
                if text.len() > 1 && text.starts_with('0') {
                    NodeKind::Str(text.to_owned())
                } else if text.len() <= 19 {
                    NodeKind::UInt(text.parse().ok()?)
                } else {
                    return None;
                }
            } else if first.is_ascii_digit() && !number_like(text) {
                NodeKind::Str(text.to_owned())
            } else {
                return decimal(text);
            }
        }
    };
    Some(kind)
}

/// Whether some YAML or Rust number spelling could use these characters:
/// digits, `.`, `_`, signs, exponents and `:` (YAML 1.1's base 60), or a
/// radix prefix (`0x`, `0o`, `0b`). `90d`, `12w` and `3 DCs` are text.
fn number_like(text: &str) -> bool {
    let radix = text.len() > 1 && text.starts_with('0') && text.as_bytes()[1].is_ascii_alphabetic();
    radix
        || text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"._+-eE:".contains(&b))
}

fn whole_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `12.5` or `-0.25`, which every reader agrees on; other spellings are
/// left to serde-saphyr.
fn decimal(text: &str) -> Option<NodeKind> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.')?;
    if whole.len() + fraction.len() > 15
        || !whole_number(whole)
        || !whole_number(fraction)
        || (whole.len() > 1 && whole.starts_with('0'))
    {
        return None;
    }
    Some(NodeKind::Float(text.parse().ok()?))
}

/// Starts like a calendar date, `2026-05-18`: text for every YAML 1.2 reader.
fn is_date(bytes: &[u8]) -> bool {
    bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == b'-'
        && bytes[8..10].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_yaml_exactly;
    use crate::source::SourceText;
    use std::path::Path;

    /// Whenever the fast path answers, its tree (values and spans) is the
    /// one serde-saphyr builds.
    fn agrees(text: &str) -> bool {
        let fast = parse(text);
        if let Some(fast) = &fast {
            let exact = parse_yaml_exactly(&SourceText::new(text), text, "t.yaml");
            assert_eq!(Some(fast), exact.as_ref().ok(), "{text:?}");
        }
        fast.is_some()
    }

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_document_in_the_repository_reads_the_same_both_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in [
            "examples",
            "tests/fixtures",
            "schema",
            "fuzz/seeds",
            "templates",
        ] {
            if root.join(dir).is_dir() {
                files(&root.join(dir), &mut paths);
            }
        }
        let mut fast = 0;
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            // Fuzz seeds start with a byte choosing the document.
            let skip = usize::from(path.starts_with(root.join("fuzz")));
            let text = String::from_utf8_lossy(&bytes[skip.min(bytes.len())..]);
            let text = match text.strip_prefix("---\n") {
                // A note: its front matter.
                Some(rest) => rest.split("\n---").next().unwrap_or("").to_owned(),
                None => text.into_owned(),
            };
            fast += usize::from(agrees(&text));
        }
        assert!(paths.len() > 60, "{}", paths.len());
        assert!(
            fast * 10 > paths.len() * 7,
            "the fast path took only {fast} of {}",
            paths.len()
        );
    }

    #[test]
    fn the_example_portfolio_takes_the_fast_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/portfolio/customers");
        for id in ["northwind", "bluebird-health", "globex"] {
            for name in ["understanding.yaml", "decisions.yaml", "reviews.yaml"] {
                let path = root.join(id).join(name);
                if let Ok(text) = std::fs::read_to_string(&path) {
                    assert!(agrees(&text), "{} left the fast path", path.display());
                }
            }
        }
    }

    #[test]
    fn scalars_read_the_same_both_ways() {
        let scalars = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "no",
            "yes",
            "on",
            "off",
            "y",
            "n",
            "0",
            "7",
            "42",
            "007",
            "0755",
            "-1",
            "-0",
            "-007",
            "+1",
            "1_000",
            "1,000",
            "12345678901234567890",
            "123456789012345678",
            "-123456789012345678",
            "1.5",
            "-2.25",
            "0.5",
            "00.5",
            "1.",
            ".5",
            "1e3",
            "1E3",
            "1.5e3",
            "0x1F",
            "0o17",
            "0b1",
            ".inf",
            "-.inf",
            ".nan",
            "inf",
            "nan",
            "NaN",
            "Infinity",
            "infinity",
            "2026-05-18",
            "2026-5-18",
            "2026-06-03T14:00+02:00",
            "2026-13-45",
            "12:30",
            "1:30:00",
            "3 DCs",
            "30 minutes",
            "EUR 500k",
            "€500k",
            "Überblick",
            "ok: no",
            "a #b",
            "(see d-2)",
            "$5",
            "100%",
            "1/2",
            "v1.2.3",
            "1.2.3",
            "-x",
            "-.5",
            "+.5",
            "12e",
            "e12",
            "_x",
        ];
        for scalar in scalars {
            for text in [
                format!("key: {scalar}\n"),
                format!("- {scalar}\n"),
                format!("list: [{scalar}]\n"),
                format!("key: '{scalar}'\n"),
                format!("key: \"{scalar}\"\n"),
                format!("{scalar}: value\n"),
            ] {
                agrees(&text);
            }
        }
    }

    use proptest::prelude::*;

    /// One line of a document: how deep, and what (a scalar from a list of
    /// spellings that matter: numbers, dates, YAML words, odd punctuation).
    fn line() -> impl Strategy<Value = String> {
        let scalar = prop::sample::select(vec![
            "",
            "~",
            "null",
            "true",
            "False",
            "no",
            "0",
            "42",
            "007",
            "-3",
            "-0",
            "+1",
            "1.5",
            "0.25",
            "1e3",
            ".inf",
            "nan",
            "0x1F",
            "1_000",
            "2026-05-18",
            "2026-06-03T14:00+02:00",
            "12:30",
            "90d",
            "3 DCs",
            "Jana Petersen",
            "'quoted'",
            "\"double\"",
            "a #b",
            "€5",
            "x: y",
            "[a, b]",
            "{a: 1}",
            "&a x",
            "*a",
            "!!str 1",
            "<<",
            "- x",
            "|",
            ">-",
            "?",
        ]);
        let key =
            prop::sample::select(vec!["id", "name", "status", "by", "true", "1", "<<", "k k"]);
        (0usize..4, 0usize..7, key, scalar).prop_map(|(depth, shape, key, scalar)| {
            let pad = "  ".repeat(depth);
            match shape {
                0 => format!("{pad}{key}: {scalar}"),
                1 => format!("{pad}- {scalar}"),
                2 => format!("{pad}{key}:"),
                3 => format!("{pad}- {key}: {scalar}"),
                4 => format!("{pad}{key}: [{scalar}, {scalar}]"),
                5 => format!("{pad}  {scalar}"),
                _ => format!("{pad}# {scalar}"),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Random documents from those lines, most of them broken in some
        /// way: whenever the fast path answers, serde-saphyr agrees.
        #[test]
        fn random_documents_read_the_same_both_ways(lines in prop::collection::vec(line(), 1..12)) {
            agrees(&(lines.join("\n") + "\n"));
        }
    }

    /// A well-formed document, so that most of them take the fast path.
    #[derive(Debug, Clone)]
    enum Doc {
        Scalar(&'static str),
        Map(Vec<(&'static str, Doc)>),
        Seq(Vec<Doc>),
    }

    fn doc() -> impl Strategy<Value = Doc> {
        let leaf = prop::sample::select(vec![
            "",
            "~",
            "null",
            "true",
            "FALSE",
            "no",
            "0",
            "42",
            "-3",
            "1.5",
            "-0.25",
            "007",
            "2026-05-18",
            "2026-06-03T14:00+02:00",
            "90d",
            "3 DCs",
            "Jana Petersen",
            "'it''s'",
            "\"a\\tb\"",
            "€5",
            "Überblick",
            "日本",
            "text, with: colon",
            "a - b",
            "x#y",
            "[]",
            "{}",
            "[a, 1, true]",
            "{a: 1, b: [c]}",
            "1e3",
            "0x1F",
            ".inf",
        ])
        .prop_map(Doc::Scalar);
        let key = prop::sample::select(vec!["id", "name", "status", "by", "team", "b", "'quoted'"]);
        leaf.prop_recursive(4, 40, 4, move |inner| {
            prop_oneof![
                prop::collection::vec((key.clone(), inner.clone()), 1..4).prop_map(Doc::Map),
                prop::collection::vec(inner, 1..4).prop_map(Doc::Seq),
            ]
        })
    }

    fn write(doc: &Doc, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match doc {
            Doc::Scalar(s) => out.push_str(&format!("{pad}{s}\n")),
            Doc::Map(entries) => {
                for (key, value) in entries {
                    match value {
                        Doc::Scalar(s) => out.push_str(&format!("{pad}{key}: {s}\n")),
                        _ => {
                            out.push_str(&format!("{pad}{key}:\n"));
                            write(value, indent + 2, out);
                        }
                    }
                }
            }
            Doc::Seq(items) => {
                for item in items {
                    match item {
                        Doc::Scalar(s) => out.push_str(&format!("{pad}- {s}\n")),
                        _ => {
                            out.push_str(&format!("{pad}-\n"));
                            write(item, indent + 2, out);
                        }
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Nested well-formed documents: the fast path's tree, spans
        /// included, is serde-saphyr's.
        #[test]
        fn nested_documents_read_the_same_both_ways(doc in doc()) {
            let mut text = String::new();
            write(&doc, 0, &mut text);
            agrees(&text);
        }
    }

    #[test]
    fn structures_read_the_same_both_ways() {
        let documents = [
            "a: 1\nb:\n  c: [1, 2, {d: e}]\n  f: {}\n  g: []\n",
            "- a\n- - b\n  - c\n- {x: y}\n",
            "text: >-\n  folded\n  lines\n\nnext: |\n  literal\n  block\n",
            "a:\nb: ~\nc:\n  -\n  - 1\n",
            "\u{feff}a: 1\r\nb: two\r\n",
            "# comment\na: 1 # trailing\n# end\n",
            "---\na: 1\n...\n",
            "---\na: 1\n---\nb: 2\n",
            "a: 1\na: 2\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "? complex\n: key\n",
            "[a, b]: c\n",
            "a: [1, 2\n",
            "a:\n\t- b\n",
            "\"quoted key\": 1\n'single': 2\n",
            "name: Jana Petersen\nroles: [champion, end_user]\nlast_contact: 2026-11-19\n",
            "日本語: テキスト\nemoji: 🚚\n",
            "",
            "# only a comment\n",
            "plain\n",
            "a: b: c\n",
        ];
        for text in documents {
            agrees(text);
        }
        let deep = format!("{}1{}", "[".repeat(60), "]".repeat(60));
        assert!(!agrees(&deep));
        let deep_block: String = (0..60)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        agrees(&deep_block);
    }
}
