//! The fast path for reading a document: the spanned tree built straight from
//! the YAML event parser that serde-saphyr itself uses (granit-parser),
//! without serde in between.
//!
//! It covers the YAML people write in cuc documents: block and flow mappings
//! and lists, plain and quoted text, whole numbers, decimals, dates, `true`,
//! `false` and `null`. Anything else (a syntax error, a tag, an anchor or
//! alias, a merge key, a duplicate key, an unusual number spelling, several
//! documents in one file, a document over budget) makes it give up and
//! return `None`, and the caller parses the document again with serde-saphyr,
//! which gives the exact error or the exact value. Where it does answer, its
//! tree is the one serde-saphyr would have built, spans included; the tests
//! compare the two on every document in the repository, on generated edge
//! cases and at every limit, and `fuzz/fuzz_targets/readers.rs` compares them
//! on whatever a fuzzer finds.
//!
//! **One budget.** Both paths read with the same `serde_saphyr::Options`
//! (`load::yaml_options`), and the fast path takes every limit from its
//! budget, counting as serde-saphyr's own enforcer does: every parser event,
//! every node (scalars, lists and mappings), nesting depth, the bytes of all
//! scalars (keys included) and the number of documents. It gives up as soon
//! as one is exceeded, so serde-saphyr reports the breach in its own words.
//! The budget's alias, anchor and merge-key limits need no counting here:
//! the fast path gives up at the first anchor, alias or `<<`.

use granit_parser::{Event, Parser, ScalarStyle};
use serde_saphyr::Budget;

use crate::load::node::{Entry, Node, NodeKind};
use crate::load::source::Span;

/// The parser options serde-saphyr derives from `options` (its
/// `Options::parser_options`, which is not public), so that both paths
/// accept and refuse the same text.
fn parser_options(options: &serde_saphyr::Options) -> granit_parser::Options {
    let default = Budget::default();
    let budget = options.budget.as_ref().unwrap_or(&default);
    let mut parser = granit_parser::Options::default();
    parser.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    parser.flow_nesting_limit = budget.flow_nesting_limit;
    // Lets the first container past the budget's depth through, so that the
    // budget, not the parser, names the breach.
    parser.block_nesting_limit = parser
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    parser.emit_comments = false;
    parser.strict_indentation = options.strict_indentation;
    parser
}

/// What the budget has used so far; `None` from `spend` once any limit is
/// exceeded. Without a budget (`Options::budget` is `None`), serde-saphyr
/// enforces none, and neither does this.
struct Spent<'a> {
    budget: Option<&'a Budget>,
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
    documents: usize,
}

impl Spent<'_> {
    fn event(&mut self) -> Option<()> {
        self.events += 1;
        self.within(|b, s| s.events <= b.max_events)
    }

    fn node(&mut self, depth: usize) -> Option<()> {
        self.nodes += 1;
        self.within(|b, s| s.nodes <= b.max_nodes && depth <= b.max_depth)
    }

    fn scalar(&mut self, bytes: usize) -> Option<()> {
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        self.within(|b, s| s.scalar_bytes <= b.max_total_scalar_bytes)
    }

    fn document(&mut self) -> Option<()> {
        self.documents += 1;
        self.within(|b, s| s.documents <= b.max_documents)
    }

    fn within(&self, fits: impl Fn(&Budget, &Self) -> bool) -> Option<()> {
        match self.budget {
            Some(budget) if !fits(budget, self) => None,
            _ => Some(()),
        }
    }
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

/// The tree of `text` read with `options` (cuc's are `load::yaml_options`),
/// or `None` when the fast path does not cover it.
pub fn parse(text: &str, options: &serde_saphyr::Options) -> Option<Node> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut spent = Spent {
        budget: options.budget.as_ref(),
        events: 0,
        nodes: 0,
        scalar_bytes: 0,
        documents: 0,
    };
    for next in Parser::new_from_str_with_options(text, parser_options(options)) {
        let (event, span) = next.ok()?;
        spent.event()?;
        let span = Span::new(span.start.byte_offset()?, span.end.byte_offset()?);
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(..) => {
                spent.document()?;
                if spent.documents > 1 {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                spent.node(stack.len())?;
                spent.scalar(value.len())?;
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
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                // A collection as a mapping key is beyond the fast path.
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return None;
                }
                spent.node(stack.len() + 1)?;
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
    use crate::load::source::SourceText;
    use crate::load::{parse_yaml_exactly, yaml_options};
    use std::path::Path;

    /// Whenever the fast path answers, its tree (values, kinds, spans, float
    /// bits) is the one serde-saphyr builds with the same options.
    fn agrees_with(text: &str, options: impl Fn() -> serde_saphyr::Options) -> bool {
        let fast = parse(text, &options());
        if let Some(fast) = &fast {
            let exact = parse_yaml_exactly(&SourceText::new(text), text, "t.yaml", options());
            match &exact {
                Ok(exact) => assert!(fast.identical(exact), "{text:?}\n{fast:?}\n{exact:?}"),
                Err(refused) => panic!(
                    "the fast path read what serde-saphyr refuses ({}): {text:?}",
                    refused.message
                ),
            }
        }
        fast.is_some()
    }

    fn agrees(text: &str) -> bool {
        agrees_with(text, yaml_options)
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

    /// Runs `cases` generated documents through `agrees`, and returns the
    /// share the fast path answered, so that a test fails when it stops
    /// answering (a comparison of nothing proves nothing).
    fn share_answered<S: Strategy>(
        strategy: S,
        cases: u32,
        text: impl Fn(S::Value) -> String,
    ) -> f64 {
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
        let answered = std::cell::Cell::new(0u32);
        runner
            .run(&strategy, |value| {
                answered.set(answered.get() + u32::from(agrees(&text(value))));
                Ok(())
            })
            .unwrap();
        f64::from(answered.get()) / f64::from(cases)
    }

    /// Random documents from those lines, most of them broken in some way:
    /// whenever the fast path answers, serde-saphyr agrees.
    #[test]
    fn random_documents_read_the_same_both_ways() {
        let share = share_answered(prop::collection::vec(line(), 1..12), 2000, |lines| {
            lines.join("\n") + "\n"
        });
        assert!(
            share > 0.04,
            "the fast path answered only {share:.2} of them"
        );
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

    /// Nested well-formed documents: the fast path's tree, spans included,
    /// is serde-saphyr's.
    #[test]
    fn nested_documents_read_the_same_both_ways() {
        let share = share_answered(doc(), 2000, |doc| {
            let mut text = String::new();
            write(&doc, 0, &mut text);
            text
        });
        assert!(
            share > 0.5,
            "the fast path answered only {share:.2} of them"
        );
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
    }

    /// Runs `f` on a thread with the stack cuc's own threads have (see
    /// main.rs): serde-saphyr reads nesting by recursion, and a test
    /// thread's 2 MiB is too little for an unoptimised build.
    fn on_cuc_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    /// One limit of the budget, tried at and just past its value: both
    /// readers accept the document at the limit (the fast path answering)
    /// and refuse the one past it with a `yaml-limit` naming that limit.
    fn at_the_limit(options: fn() -> serde_saphyr::Options, within: &str, past: &str, names: &str) {
        assert!(
            agrees_with(within, options),
            "the fast path gave up at the limit: {:.80}",
            within
        );
        assert!(
            parse(past, &options()).is_none(),
            "the fast path read past the limit"
        );
        let refused = parse_yaml_exactly(&SourceText::new(past), past, "t.yaml", options())
            .expect_err("serde-saphyr read past the limit");
        assert_eq!(refused.rule, "yaml-limit", "{}", refused.message);
        assert!(refused.message.contains(names), "{}", refused.message);
    }

    /// Both readers keep to the same budget, taken from the one set of
    /// options: every limit serde-saphyr counts, at its exact value, first
    /// with a small budget (so each limit is reached alone), then with
    /// cuc's own.
    #[test]
    fn both_paths_keep_to_every_limit_of_the_same_budget() {
        fn small() -> serde_saphyr::Options {
            let mut options = yaml_options();
            let budget = options.budget.as_mut().unwrap();
            budget.max_depth = 4;
            budget.max_nodes = 20;
            budget.max_events = 30;
            budget.max_total_scalar_bytes = 40;
            budget.max_documents = 1;
            options
        }
        let nested = |depth: usize| format!("{}1{}\n", "[".repeat(depth), "]".repeat(depth));
        at_the_limit(small, &nested(4), &nested(5), "more than 4 levels deep");
        let block = |depth: usize| -> String {
            (0..depth)
                .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
                .collect()
        };
        at_the_limit(small, &block(4), &block(5), "more than 4 levels deep");
        // A list of n one-letter items: n + 1 values, n + 6 events.
        let list = |n: usize| "- a\n".repeat(n);
        at_the_limit(small, &list(19), &list(20), "more than 20 values");
        // serde-saphyr's name for the events limit is cuc's "values, lists and blocks".
        fn many_events() -> serde_saphyr::Options {
            let mut options = yaml_options();
            let budget = options.budget.as_mut().unwrap();
            budget.max_events = 30;
            options
        }
        at_the_limit(
            many_events,
            &list(24),
            &list(25),
            "more than 30 values, lists and blocks",
        );
        // Keys count as text too: "k: " + value.
        let text = |bytes: usize| format!("k: {}\n", "x".repeat(bytes - 1));
        at_the_limit(small, &text(40), &text(41), "adds up to more than 40 bytes");
        fn no_documents() -> serde_saphyr::Options {
            let mut options = yaml_options();
            options.budget.as_mut().unwrap().max_documents = 0;
            options
        }
        assert!(parse("a: 1\n", &no_documents()).is_none());
        assert!(
            parse_yaml_exactly(
                &SourceText::new("a: 1\n"),
                "a: 1\n",
                "t.yaml",
                no_documents()
            )
            .is_err()
        );

        // cuc's own budget: depth 64, 250,000 values.
        on_cuc_stack(move || {
            at_the_limit(
                yaml_options,
                &nested(64),
                &nested(65),
                "more than 64 levels deep",
            );
            at_the_limit(
                yaml_options,
                &block(64),
                &block(65),
                "more than 64 levels deep",
            );
            at_the_limit(
                yaml_options,
                &list(249_999),
                &list(250_000),
                "more than 250,000 values",
            );
        });
    }

    /// The case that found the gap: 65 texts of 1 MiB each, 65 MiB in all,
    /// past the budget's 64 MiB of text. The fast path used to read it.
    #[test]
    fn many_large_texts_stop_at_the_budget_on_both_paths() {
        let value = "x".repeat(1 << 20);
        let document: String = (0..65).map(|i| format!("k{i}: {value}\n")).collect();
        assert!(parse(&document, &yaml_options()).is_none());
        let refused = parse_yaml_exactly(
            &SourceText::new(document.clone()),
            &document,
            "t.yaml",
            yaml_options(),
        )
        .unwrap_err();
        assert_eq!(refused.rule, "yaml-limit");
        assert_eq!(
            refused.message,
            "the text in this document adds up to more than 64 MiB, the most cuc reads in one document"
        );
    }
}
