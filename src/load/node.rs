//! A YAML document as a tree of nodes, each knowing the byte range it came
//! from. Built in one parse; converted to JSON for the schema; walked by JSON
//! pointer to find where a problem is.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::{Location, Spanned};
use std::fmt;

use crate::load::source::{SourceText, Span};

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// Where a JSON pointer leads in the tree: the value, and the key that names
/// it when it sits in a mapping.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub node: &'a Node,
    pub key_span: Option<Span>,
}

impl Node {
    /// The same tree as `other` in every respect: kinds, values, keys and
    /// spans, with floats compared by their bits (so `-0.0` is not `0.0`,
    /// and a NaN is itself). `==` compares floats as numbers.
    pub fn identical(&self, other: &Node) -> bool {
        self.span == other.span
            && match (&self.kind, &other.kind) {
                (NodeKind::Float(a), NodeKind::Float(b)) => a.to_bits() == b.to_bits(),
                (NodeKind::Seq(a), NodeKind::Seq(b)) => {
                    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.identical(y))
                }
                (NodeKind::Map(a), NodeKind::Map(b)) => {
                    a.len() == b.len()
                        && a.iter().zip(b).all(|(x, y)| {
                            x.key == y.key
                                && x.key_span == y.key_span
                                && x.value.identical(&y.value)
                        })
                }
                (NodeKind::Seq(_) | NodeKind::Map(_) | NodeKind::Float(_), _) => false,
                (a, b) => a == b,
            }
    }

    /// The mapping entries, if this node is a mapping.
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key == key)
    }

    /// The span to underline for this value: a scalar whole; a block only
    /// its first line, so the snippet stays readable.
    pub fn headline_span(&self) -> Span {
        match self.kind {
            NodeKind::Seq(_) | NodeKind::Map(_) => self.first_line_span(),
            _ => self.span,
        }
    }

    /// The first key (or item) of a block; the value itself otherwise.
    pub fn first_line_span(&self) -> Span {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .first()
                .map_or(Span::new(self.span.start, self.span.start), |e| e.key_span),
            NodeKind::Seq(items) => items.first().map_or(
                Span::new(self.span.start, self.span.start),
                Node::first_line_span,
            ),
            _ => self.span,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Follows a JSON pointer (`/success_criteria/1/by`) down the tree.
    pub fn find(&self, pointer: &str) -> Option<Found<'_>> {
        let mut found = Found {
            node: self,
            key_span: None,
        };
        if pointer.is_empty() {
            return Some(found);
        }
        if !pointer.starts_with('/') {
            return None;
        }
        for segment in pointer_segments(pointer) {
            found = match &found.node.kind {
                NodeKind::Map(entries) => {
                    let entry = entries.iter().find(|e| e.key == segment)?;
                    Found {
                        node: &entry.value,
                        key_span: Some(entry.key_span),
                    }
                }
                NodeKind::Seq(items) => Found {
                    node: items.get(segment.parse::<usize>().ok()?)?,
                    key_span: None,
                },
                _ => return None,
            };
        }
        Some(found)
    }

    /// The JSON value the schema validator sees.
    pub fn to_json(&self) -> Value {
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Int(i) => Value::from(*i),
            NodeKind::UInt(u) => Value::from(*u),
            NodeKind::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            NodeKind::Str(s) => Value::String(s.clone()),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Builds the tree from what serde-saphyr parsed, turning its locations
    /// into byte ranges of `source`. A key written twice in one block keeps
    /// its first value; each later one is added to `duplicates`.
    pub(crate) fn from_parsed(
        parsed: Spanned<ParsedNode>,
        source: &SourceText,
        pointer: &str,
        duplicates: &mut Vec<Duplicate>,
    ) -> Node {
        let start_span = location_span(&parsed.referenced, source);
        let kind = match parsed.value {
            ParsedNode::Null => NodeKind::Null,
            ParsedNode::Bool(b) => NodeKind::Bool(b),
            ParsedNode::Int(i) => NodeKind::Int(i),
            ParsedNode::UInt(u) => NodeKind::UInt(u),
            ParsedNode::Float(f) => NodeKind::Float(f),
            ParsedNode::Str(s) => NodeKind::Str(s),
            ParsedNode::Seq(items) => NodeKind::Seq(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        Node::from_parsed(item, source, &format!("{pointer}/{i}"), duplicates)
                    })
                    .collect(),
            ),
            ParsedNode::Map(parsed_entries) => {
                let mut entries: Vec<Entry> = Vec::with_capacity(parsed_entries.len());
                // A set, so a block of many keys is not compared pairwise.
                let mut seen = std::collections::HashSet::with_capacity(parsed_entries.len());
                for (k, v) in parsed_entries {
                    let key_span = location_span(&k.referenced, source);
                    let at = format!("{pointer}/{}", escape_pointer(&k.value));
                    if !seen.insert(k.value.clone()) {
                        duplicates.push(Duplicate {
                            key: k.value,
                            key_span,
                            pointer: at,
                        });
                        continue;
                    }
                    entries.push(Entry {
                        value: Node::from_parsed(v, source, &at, duplicates),
                        key_span,
                        key: k.value,
                    });
                }
                NodeKind::Map(entries)
            }
        };
        // A collection's location is where it starts; it ends where its last child ends.
        let end = match &kind {
            NodeKind::Seq(items) => items.last().map(|n| n.span.end),
            NodeKind::Map(entries) => entries.last().map(|e| e.value.span.end.max(e.key_span.end)),
            _ => None,
        };
        let span = Span::new(start_span.start, end.unwrap_or(start_span.end));
        Node { kind, span }
    }
}

/// The byte range of a serde-saphyr location; falls back to line and column
/// when the parser gave no byte offset.
pub(crate) fn location_span(location: &Location, source: &SourceText) -> Span {
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => {
            let start = start as usize;
            Span::new(start, start + len as usize)
        }
        _ => {
            let start = source.offset(location.line() as usize, location.column() as usize);
            Span::new(start, start)
        }
    }
}

/// What serde-saphyr hands back: every value with its location.
#[derive(Debug)]
pub(crate) enum ParsedNode {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<ParsedNode>>),
    Map(Vec<(Spanned<String>, Spanned<ParsedNode>)>),
}

impl<'de> Deserialize<'de> for ParsedNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ParsedNodeVisitor)
    }
}

struct ParsedNodeVisitor;

impl<'de> Visitor<'de> for ParsedNodeVisitor {
    type Value = ParsedNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<ParsedNode, D::Error> {
        ParsedNode::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParsedNode, E> {
        Ok(ParsedNode::UInt(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<ParsedNode, E> {
        Ok(ParsedNode::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ParsedNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<ParsedNode>>()? {
            items.push(item);
        }
        Ok(ParsedNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParsedNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<ParsedNode>>()?;
            entries.push((key, value));
        }
        Ok(ParsedNode::Map(entries))
    }
}

/// A key written a second time in the same block: where, and the JSON
/// pointer of the value the first one holds.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub key: String,
    pub key_span: Span,
    pub pointer: String,
}

/// A key as one segment of a JSON pointer (`a/b` is `a~1b`).
pub fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The keys and indexes of a JSON pointer, unescaped: `/a~1b/0` is `a/b`, `0`.
/// The empty pointer (the whole document) has none.
pub fn pointer_segments(pointer: &str) -> Vec<String> {
    match pointer.strip_prefix('/') {
        Some(rest) => rest
            .split('/')
            .map(|raw| raw.replace("~1", "/").replace("~0", "~"))
            .collect(),
        None => Vec::new(),
    }
}
