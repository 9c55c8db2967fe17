//! Texts YAML reads otherwise than their writer meant, though the document
//! reads: a ` #` that starts a comment and cuts the text short
//! (`hash-in-text`), and a `- ` line whose dash is not lined up, read as
//! more of the text above it (`item-in-text`). Warnings: the document is
//! still checked, with the text as YAML read it.

use crate::load::check::{HASH_IN_TEXT, ITEM_IN_TEXT};
use crate::load::finding::Finding;
use crate::load::node::{Node, NodeKind};
use crate::load::source::{SourceText, Span};
use crate::load::syntax::{quoted, shorten};
use crate::text::words::plural;

/// Texts cut short by a ` #` that YAML reads as the start of a comment:
/// `at_stake: shipper #1 and #2` keeps only `shipper`. A comment written
/// the usual way (`# like this`, with a space) is taken as meant.
pub fn cut_by_hash(root: &Node, source: &SourceText, file: &str) -> Vec<Finding> {
    let text = source.text();
    if !text.contains(" #") && !text.contains("\t#") {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for (node, value) in texts(root) {
        // Plain text only: a quoted text ends where its quote does.
        if text[node.span.start..].starts_with(['"', '\'', '|', '>']) {
            continue;
        }
        let rest = &text[node.span.end.min(text.len())..];
        let line_rest = rest.split('\n').next().unwrap_or("");
        let gap = line_rest.len() - line_rest.trim_start_matches([' ', '\t']).len();
        let after = &line_rest[gap..];
        let Some(cut) = after.strip_prefix('#') else {
            continue;
        };
        if gap == 0 || cut.is_empty() || cut.starts_with([' ', '\t', '#']) {
            continue;
        }
        let at = node.span.end + gap;
        let lost = after.trim_end();
        findings.push(
            Finding::new(
                HASH_IN_TEXT,
                file,
                format!(
                    "YAML reads ` #` as the start of a comment, so `{lost}` is left out of this text"
                ),
            )
            .help(whole_in_quotes(text, node, &format!("{value} {lost}")))
            .label("left out from here")
            .at(Span::new(at, at + lost.len()), source),
        );
    }
    findings
}

/// Every text in the tree, in document order.
fn texts(root: &Node) -> Vec<(&Node, &String)> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Map(entries) => stack.extend(entries.iter().rev().map(|e| &e.value)),
            NodeKind::Seq(items) => stack.extend(items.iter().rev()),
            NodeKind::Str(value) => found.push((node, value)),
            _ => {}
        }
    }
    found
}

/// Plain texts that go on over a line starting with `- `: a list item
/// whose `-` is not lined up with the one above, read as more of that text.
pub fn items_in_text(root: &Node, source: &SourceText, file: &str) -> Vec<Finding> {
    let text = source.text();
    let mut findings = Vec::new();
    for (node, value) in texts(root) {
        let written = &text[node.span.start..node.span.end.min(text.len())];
        if !written.contains('\n') || written.starts_with(['"', '\'', '|', '>']) {
            continue;
        }
        let first_line = source.position(node.span.start).line;
        let first = source.line_text(first_line);
        let head = first.len() - first.trim_start().len();
        let is_item = first.trim_start().starts_with("- ");
        let mut offset = node.span.start;
        for (n, part) in written.split('\n').enumerate() {
            if n > 0 {
                let body = part.trim_start_matches([' ', '\t']);
                if body.starts_with("- ") {
                    let at = offset + (part.len() - body.len());
                    let help = if is_item {
                        format!(
                            "line its `-` up with the `-` on line {first_line} ({} in), to make it an item of its own",
                            plural(head, "space")
                        )
                    } else {
                        let key = first.trim_start().split(':').next().unwrap_or_default();
                        format!(
                            "to make a list, leave nothing after `{key}:` and write each item on a line of its own below it, starting with `- `"
                        )
                    };
                    findings.push(
                        Finding::new(
                            ITEM_IN_TEXT,
                            file,
                            format!(
                                "YAML reads this line as more of the text above it, not as a list item: the text is `{}`",
                                shorten(value)
                            ),
                            )
                        .help(help)
                        .label("read as part of the text above")
                        .at(Span::new(at, at + 1), source),
                    );
                    break;
                }
            }
            offset += part.len() + 1;
        }
    }
    findings
}

/// "put the whole text in double quotes", with the line as it would be
/// when the text sits on one line.
fn whole_in_quotes(text: &str, node: &Node, whole: &str) -> String {
    let line_start = text[..node.span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..node.span.start].trim_start();
    if text[node.span.start..node.span.end].contains('\n') {
        return "put the whole text in double quotes".to_owned();
    }
    format!(
        "put the whole text in double quotes: `{before}{}`",
        quoted(whole)
    )
}
