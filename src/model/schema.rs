//! Schema validation: the embedded JSON Schemas, compiled once, and the
//! translation of each schema error into a finding at the exact span, in
//! words a customer success manager understands.

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::Value;
use std::sync::OnceLock;

use crate::load::check::{Check, INVALID_VALUE, MISSING_FIELD, UNKNOWN_FIELD, WRONG_TYPE};
use crate::load::document::DocumentKind;
use crate::load::finding::Finding;
use crate::load::node::{Node, NodeKind, escape_pointer, pointer_segments};
use crate::load::source::{SourceText, Span};
use crate::model::fields::CustomFields;
use crate::text::closest;

/// One compiled validator per document kind, with the schema it came from
/// (kept to look up field names and descriptions for messages).
pub struct Schemas {
    compiled: Vec<(DocumentKind, Value, Validator)>,
}

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds: Vec<DocumentKind> = self.compiled.iter().map(|(k, _, _)| *k).collect();
        f.debug_struct("Schemas").field("kinds", &kinds).finish()
    }
}

impl Schemas {
    /// The embedded schemas, compiled once per process.
    pub fn embedded() -> &'static Schemas {
        static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
        SCHEMAS.get_or_init(|| Schemas::with_fields(&CustomFields::default()))
    }

    /// The schemas of a workspace: the embedded ones with the fields it
    /// declares in cuc.yaml merged into their sections.
    pub fn with_fields(fields: &CustomFields) -> Schemas {
        let compiled = DocumentKind::ALL
            .into_iter()
            .map(|kind| {
                let schema = fields.merged_schema(kind);
                // The schemas are part of the binary and tested, and a custom
                // field adds only a type cuc wrote; failing here is a bug in cuc.
                assert!(!schema.is_null(), "embedded schema {kind} is not JSON");
                let validator = jsonschema::options()
                    .with_draft(Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("schema {kind} does not compile: {e}"));
                (kind, schema, validator)
            })
            .collect();
        Schemas { compiled }
    }

    /// The schema of a kind of document, as this workspace checks it.
    pub fn schema(&self, kind: DocumentKind) -> &Value {
        self.get(kind).0
    }

    fn get(&self, kind: DocumentKind) -> (&Value, &Validator) {
        let (_, schema, validator) = self
            .compiled
            .iter()
            .find(|(k, _, _)| *k == kind)
            .expect("every document kind has a compiled schema");
        (schema, validator)
    }

    /// Validates a parsed document; returns one finding per problem.
    pub fn check(
        &self,
        kind: DocumentKind,
        root: &Node,
        source: &SourceText,
        file: &str,
    ) -> Vec<Finding> {
        let (schema, validator) = self.get(kind);
        let value = root.to_json();
        if matches!(root.kind, NodeKind::Null) {
            // Point at the top of the file: the end of an empty document can
            // be a line past the last one.
            let what = if source.text().trim().is_empty() {
                "this file is empty"
            } else {
                "this file holds only comments"
            };
            return vec![
                Finding::new(WRONG_TYPE, file, what)
                    .help(empty_file_help(kind))
                    .at(Span::new(0, 0), source)
                    .pointer(""),
            ];
        }
        let context = Context {
            schema,
            root,
            source,
            file,
        };
        let mut findings: Vec<Finding> = Vec::new();
        for error in validator.iter_errors(&value) {
            let mut found = Vec::new();
            context.translate(&error, &mut found);
            // Two checks of one value can say the same thing (a team's
            // `url` field is both an address and a web one): say it once.
            for finding in found {
                if !findings
                    .iter()
                    .any(|f| f.pointer == finding.pointer && f.message == finding.message)
                {
                    findings.push(finding);
                }
            }
        }
        findings
    }
}

impl Schemas {
    /// Whether `value` would be valid at the instance pointer `at` of a
    /// document of this kind (e.g. `/customer/team/cs`): one answer checked
    /// by the very definition `cuc validate` uses, before there is a
    /// document. A place the schema does not describe accepts nothing.
    pub fn accepts(&self, kind: DocumentKind, at: &str, value: &Value) -> bool {
        let (root, _) = self.get(kind);
        let Some(Value::Object(schema)) = subschema(root, at).map(|s| resolve(root, s)) else {
            return false;
        };
        // The subschema alone, with the definitions its `$ref`s point to.
        let mut alone = schema.clone();
        if let Some(defs) = root.get("$defs") {
            alone.insert("$defs".to_owned(), defs.clone());
        }
        jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .build(&Value::Object(alone))
            .is_ok_and(|validator| validator.is_valid(value))
    }

    /// The values allowed at the instance pointer `at` (e.g.
    /// `/stakeholders/0/side`), in the schema's order; empty where the
    /// schema lists none.
    pub fn choices(&self, kind: DocumentKind, at: &str) -> Vec<String> {
        let (root, _) = self.get(kind);
        subschema(root, at)
            .map(|s| resolve(root, s))
            .and_then(|s| s.get("enum"))
            .and_then(Value::as_array)
            .map(|values| {
                values
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn empty_file_help(kind: DocumentKind) -> String {
    match kind {
        DocumentKind::Understanding => "fill it in: `cuc new ID` writes a guided template to start from".to_owned(),
        DocumentKind::Decisions => "start it with `decisions:` followed by the first decision, or delete the file until there is one".to_owned(),
        DocumentKind::Reviews => "delete it: cuc creates reviews.yaml when the first review is recorded".to_owned(),
        DocumentKind::Note | DocumentKind::Config | DocumentKind::ImportMap => "add the settings, or delete the file".to_owned(),
    }
}

struct Context<'a> {
    schema: &'a Value,
    root: &'a Node,
    source: &'a SourceText,
    file: &'a str,
}

impl Context<'_> {
    /// Where a field that does not belong in the block at `pointer` does
    /// belong, when that is right next to it: in the block written just
    /// above it ("indent it under `handover:`"), or in the block around
    /// this one, or beside it.
    fn home_nearby(&self, pointer: &str, block: &Node, key: &str) -> Option<String> {
        let entries = block.entries();
        let at = entries.iter().position(|e| e.key == key)?;
        let allows = |pointer: &str| {
            subschema(self.schema, pointer).is_some_and(|s| {
                allowed_fields(self.schema, Some(s))
                    .iter()
                    .any(|f| f == key)
            })
        };
        if let Some(above) = at.checked_sub(1).map(|i| &entries[i]) {
            let below = format!("{pointer}/{}", escape_pointer(&above.key));
            match &above.value.kind {
                NodeKind::Map(_) | NodeKind::Null if allows(&below) => {
                    return Some(format!(
                        "`{key}` is a field of `{}`: indent it under `{}:`",
                        above.key, above.key
                    ));
                }
                NodeKind::Seq(_) if allows(&format!("{below}/0")) => {
                    return Some(format!(
                        "`{key}` is a field of each {} in `{}`: indent it under the one it belongs to",
                        crate::load::syntax::item_noun(&above.key),
                        above.key
                    ));
                }
                _ => {}
            }
        }
        let segments = pointer_segments(pointer);
        let (_, outer) = segments.split_last()?;
        let outer_pointer: String = outer
            .iter()
            .map(|s| format!("/{}", escape_pointer(s)))
            .collect();
        let outer_place = describe_place(self.root, &outer_pointer, self.file);
        let here = describe_place(self.root, pointer, self.file);
        if allows(&outer_pointer) && outer.last().is_none_or(|s| s.parse::<usize>().is_err()) {
            return Some(format!(
                "`{key}` is a field of {outer_place}, not of {here}: move it out, lined up with `{}:`",
                segments.last().map(String::as_str).unwrap_or_default()
            ));
        }
        let outer_node = self.root.find(&outer_pointer)?.node;
        for sibling in outer_node.entries() {
            let beside = format!("{outer_pointer}/{}", escape_pointer(&sibling.key));
            if beside != pointer
                && matches!(sibling.value.kind, NodeKind::Map(_))
                && allows(&beside)
            {
                return Some(format!(
                    "`{key}` is a field of {}, not of {here}: move it there",
                    describe_place(self.root, &beside, self.file)
                ));
            }
        }
        None
    }

    /// `- Route planning: phase one` where text is expected: the `: `
    /// made a field of it.
    fn text_read_as_field(&self, node: &Node, pointer: &str) -> Option<Finding> {
        let [entry] = node.entries() else {
            return None;
        };
        let text = self.source.text();
        let written = text.get(entry.key_span.start..entry.value.span.end)?;
        if written.contains('\n')
            || !matches!(
                entry.value.kind,
                NodeKind::Str(_)
                    | NodeKind::Int(_)
                    | NodeKind::Float(_)
                    | NodeKind::UInt(_)
                    | NodeKind::Bool(_)
            )
        {
            return None;
        }
        let colon = entry.key_span.end + text[entry.key_span.end..].find(':')?;
        let in_list = pointer
            .rsplit('/')
            .next()
            .is_some_and(|s| s.parse::<usize>().is_ok());
        let fix = if in_list {
            format!("`- {}`", crate::load::syntax::quoted(written))
        } else {
            let key = pointer.rsplit('/').next().unwrap_or_default();
            format!("`{key}: {}`", crate::load::syntax::quoted(written))
        };
        Some(
            Finding::new(
                WRONG_TYPE,
                self.file,
                "this text contains `: `, which YAML reads as the start of a new field",
            )
            .help(format!("put the whole text in double quotes: {fix}"))
            .label("read as a new field")
            .at(Span::new(colon, colon + 1), self.source)
            .pointer(pointer.to_owned()),
        )
    }

    /// How to make a list of a text written where a list belongs.
    fn list_help(&self, node: &Node, text: &str) -> String {
        if let Some(rest) = text.strip_prefix('-')
            && !rest.starts_with([' ', '\t'])
            && !rest.is_empty()
        {
            return format!(
                "put a space after the `-`: `- {}`",
                rest.lines().next().unwrap_or(rest)
            );
        }
        let written =
            &self.source.text()[node.span.start..node.span.end.min(self.source.text().len())];
        if written
            .lines()
            .skip(1)
            .any(|l| l.trim_start().starts_with("- "))
        {
            return format!(
                "a list starts on the line after its field: move `{}` to its own line below, as `- {}`",
                written.lines().next().unwrap_or_default().trim(),
                written.lines().next().unwrap_or_default().trim()
            );
        }
        let line_start = self.source.text()[..node.span.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let own_line = self.source.text()[line_start..node.span.start]
            .trim()
            .is_empty();
        let first = text.lines().next().unwrap_or(text);
        if own_line {
            format!("start each item on its own line with `- `: `- {first}`")
        } else {
            let key = self.source.text()[line_start..node.span.start].trim();
            format!(
                "write the list in square brackets: `{key} [{first}]`, or each item on its own line below, starting with `- `"
            )
        }
    }

    fn translate(&self, error: &ValidationError<'_>, findings: &mut Vec<Finding>) {
        let pointer = error.instance_path().as_str().to_owned();
        let Some(found) = self.root.find(&pointer) else {
            return;
        };
        let node = found.node;
        let place = describe_place(self.root, &pointer, self.file);
        let subschema = subschema(self.schema, &pointer);
        let value_finding = |rule: &'static Check, message: String| {
            Finding::new(rule, self.file, message)
                .at(node.headline_span(), self.source)
                .pointer(pointer.clone())
        };
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = allowed_fields(self.schema, subschema);
                for key in unexpected {
                    let Some(entry) = node.get(key) else { continue };
                    let mut finding = Finding::new(
                        UNKNOWN_FIELD,
                        self.file,
                        format!("`{key}` is not a field of {place}"),
                    )
                    .label("unknown field")
                    .at(entry.key_span, self.source)
                    .pointer(format!("{pointer}/{}", escape_pointer(key)));
                    let nearby = self.home_nearby(&pointer, node, key);
                    finding = match closest(key, allowed.iter().map(String::as_str)) {
                        _ if nearby.is_some() => finding.help(nearby.unwrap_or_default()),
                        Some(best) => finding.help(format!("did you mean `{best}`?")),
                        None if let Some(home) = only_home(self.schema, key) => {
                            finding.help(format!("`{key}` is a field of {home}: move it there"))
                        }
                        None if allowed.is_empty() => finding.help("remove it"),
                        None => {
                            finding.help(format!("the fields here are: {}", allowed.join(", ")))
                        }
                    };
                    findings.push(finding);
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let field_schema = subschema.and_then(|s| child_schema(self.schema, s, name));
                let what = field_schema
                    .and_then(|s| description(self.schema, s))
                    .map(|d| format!(" ({})", d.trim_end_matches('.')))
                    .unwrap_or_default();
                // Point at the key that names the block, or the block's start.
                let span = found.key_span.unwrap_or_else(|| node.first_line_span());
                findings.push(
                    Finding::new(
                        MISSING_FIELD,
                        self.file,
                        format!("{place} is missing `{name}`"),
                    )
                    .help(format!("add `{name}:`{what}"))
                    .label(format!("`{name}` is missing here"))
                    .at(span, self.source)
                    .pointer(pointer.clone())
                    .absent(format!("{pointer}/{}", escape_pointer(name))),
                );
            }
            ValidationErrorKind::Type { .. } => {
                let is_date = subschema.is_some_and(|s| {
                    resolve(self.schema, s)
                        .get("format")
                        .and_then(Value::as_str)
                        == Some("date")
                });
                let expected = match subschema {
                    Some(_) if is_date => "a date written as YYYY-MM-DD".to_owned(),
                    Some(s) => expected_kind(self.schema, s),
                    None => "another kind of value".to_owned(),
                };
                // A quoted value is text: say so, since that is the usual mistake.
                let found = match node.kind {
                    NodeKind::Str(_) => format!("the text {}", describe_value(node)),
                    _ => describe_value(node),
                };
                let message = if pointer.is_empty() {
                    format!(
                        "this file must be a block of fields (like `schema: cuc/v1`), but it is {found}"
                    )
                } else {
                    format!("{place} must be {expected}, but it is {found}")
                };
                if expected == "text"
                    && let Some(finding) = self.text_read_as_field(node, &pointer)
                {
                    findings.push(finding);
                    return;
                }
                let help = match &node.kind {
                    _ if expected == "a list" && matches!(node.kind, NodeKind::Str(_)) => {
                        self.list_help(node, &plain_text(node))
                    }
                    NodeKind::Str(text)
                        if expected == "a block of fields"
                            && let Some(meant) = crate::load::syntax::meant_field(text) =>
                    {
                        format!("write it as a field: `{}`", meant.field())
                    }
                    NodeKind::Null => {
                        "write the value after the colon, or delete the line".to_owned()
                    }
                    // `20260630`: a date without its dashes.
                    _ if is_date => match crate::model::dates::date_problem(&plain_text(node)) {
                        Some((_, help)) => help,
                        None => format!("write it as {}", plain_text(node)),
                    },
                    _ if expected == "text" => "put the value in quotes to make it text".to_owned(),
                    // Only where taking the quotes away makes it right.
                    NodeKind::Str(text)
                        if quoted(node, self.source) && unquoted_fits(text, &expected) =>
                    {
                        format!("write {expected} here, without quotes")
                    }
                    _ => format!("write {expected} here"),
                };
                findings.push(
                    value_finding(WRONG_TYPE, message)
                        .help(help)
                        .label(format!("expected {expected}")),
                );
            }
            ValidationErrorKind::Enum { options } => {
                let options: Vec<&str> = options
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let shown = describe_value(node);
                let mut help = format!("use one of: {}", options.join(", "));
                if let Some(best) = node
                    .as_str()
                    .and_then(|s| closest(s, options.iter().copied()))
                {
                    help = format!(
                        "did you mean `{best}`? The choices are: {}",
                        options.join(", ")
                    );
                }
                findings.push(
                    value_finding(
                        INVALID_VALUE,
                        format!("{shown} is not a valid value for {place}"),
                    )
                    .help(help)
                    .label("not one of the choices"),
                );
            }
            ValidationErrorKind::Constant { expected_value } => {
                let expected = expected_value.as_str().unwrap_or_default();
                findings.push(
                    value_finding(
                        INVALID_VALUE,
                        format!("{place} must be `{expected}`, not {}", describe_value(node)),
                    )
                    .help(format!(
                        "write `{expected}`: it is the only version of the format this cuc reads"
                    )),
                );
            }
            ValidationErrorKind::Format { format } => {
                let (message, help) = match format.as_str() {
                    "date" => {
                        let (what, help) = node
                            .as_str()
                            .and_then(crate::model::dates::date_problem)
                            .unwrap_or_else(|| {
                                (
                                    "is not a date".to_owned(),
                                    "write dates as YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
                                )
                            });
                        (format!("{} {what} ({place})", describe_value(node)), help)
                    }
                    "email" => (
                        format!("{} is not an email address ({place})", describe_value(node)),
                        "write the person's email, e.g. jane.doe@example.com".to_owned(),
                    ),
                    "uri" => (
                        format!("{} is not a web address ({place})", describe_value(node)),
                        "write the whole address, starting with https://".to_owned(),
                    ),
                    other => (
                        format!("{} is not a valid {other} ({place})", describe_value(node)),
                        format!("write a valid {other}"),
                    ),
                };
                findings.push(value_finding(INVALID_VALUE, message).help(help).label(
                    match format.as_str() {
                        "uri" => "not a web address".to_owned(),
                        _ => format!("not a valid {format}"),
                    },
                ));
            }
            ValidationErrorKind::Pattern { pattern }
                if pattern == crate::model::fields::WEB_ADDRESS =>
            {
                findings.push(
                    value_finding(
                        INVALID_VALUE,
                        format!("{} is not a web address ({place})", describe_value(node)),
                    )
                    .help("write the whole address, starting with https://")
                    .label("not a web address"),
                );
            }
            ValidationErrorKind::Pattern { pattern } => {
                let form = pattern_form(pattern);
                // A currency code in lower case is the one mistake worth naming.
                let capitals = node.as_str().map(str::to_ascii_uppercase).filter(|upper| {
                    pattern == "^[A-Z]{3}$"
                        && upper.len() == 3
                        && upper.bytes().all(|b| b.is_ascii_uppercase())
                });
                let help = match capitals {
                    Some(upper) => format!("write currency codes in capitals: `{upper}`"),
                    None => format!("write {form}"),
                };
                findings.push(
                    value_finding(
                        INVALID_VALUE,
                        format!("{} is not in the form {place} needs", describe_value(node)),
                    )
                    .help(help)
                    .label("wrong form"),
                );
            }
            ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
                // A text (or a text with its visibility) where `- Route
                // planning: phase one` made a field of the text.
                let one_key = match node.entries() {
                    [entry] => self
                        .source
                        .text()
                        .get(entry.key_span.start..entry.key_span.end),
                    _ => None,
                };
                if one_key.is_some_and(|k| k != "text" && k != "visibility")
                    && let Some(finding) = self.text_read_as_field(node, &pointer)
                {
                    findings.push(finding);
                    return;
                }
                let what = subschema
                    .and_then(|s| description(self.schema, s))
                    .unwrap_or("a value of the documented form");
                findings.push(
                    value_finding(
                        INVALID_VALUE,
                        format!("{} is not valid for {place}", describe_value(node)),
                    )
                    .help(format!(
                        "write {}",
                        lowercase_first(what.trim_end_matches('.'))
                    )),
                );
            }
            ValidationErrorKind::MinLength { .. } => {
                findings.push(
                    value_finding(INVALID_VALUE, format!("{place} is empty"))
                        .help("write a value, or delete the line"),
                );
            }
            ValidationErrorKind::Minimum { limit } => {
                findings.push(
                    value_finding(
                        INVALID_VALUE,
                        format!(
                            "{place} must be at least {limit}, but it is {}",
                            describe_value(node)
                        ),
                    )
                    .help(format!("write a number of {limit} or more")),
                );
            }
            ValidationErrorKind::UniqueItems => {
                findings.push(
                    value_finding(INVALID_VALUE, format!("{place} lists the same entry twice"))
                        .help("remove the repeated entry"),
                );
            }
            _ => {
                findings.push(value_finding(INVALID_VALUE, format!("{place}: {error}")));
            }
        }
    }
}

/// A place in the document in the document's own words:
/// `success_criteria[sc-2].by`, `the top level`.
///
/// In a note, the document is the front matter, and is called so.
pub fn describe_place(root: &Node, pointer: &str, file: &str) -> String {
    let in_note = file.ends_with(".md");
    if pointer.is_empty() {
        return if in_note {
            "the front matter"
        } else {
            "the top level"
        }
        .to_owned();
    }
    let mut out = String::new();
    let mut node = Some(root);
    for segment in pointer_segments(pointer) {
        match node.map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => {
                let index: usize = segment.parse().unwrap_or(0);
                let item = items.get(index);
                let label = item
                    .and_then(|i| i.get("id").or_else(|| i.get("name")))
                    .and_then(|e| e.value.as_str())
                    .map_or_else(|| format!("#{}", index + 1), str::to_owned);
                out.push_str(&format!("[{label}]"));
                node = item;
            }
            _ => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&segment);
                node = node.and_then(|n| n.get(&segment)).map(|e| &e.value);
            }
        }
    }
    if in_note {
        format!("`{out}` in the front matter")
    } else {
        format!("`{out}`")
    }
}

/// A value as a person would refer to it in a message.
/// A scalar as it was written, for advice about it.
fn plain_text(node: &Node) -> String {
    match &node.kind {
        NodeKind::Str(s) => s.clone(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::UInt(u) => u.to_string(),
        NodeKind::Float(f) => f.to_string(),
        NodeKind::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// Whether text in quotes would be the `expected` kind without them (YAML
/// 1.2: `true`/`false`, numbers; `no` or `1` for true-or-false are not).
fn unquoted_fits(text: &str, expected: &str) -> bool {
    let text = text.trim();
    match expected {
        "a number" => text.parse::<f64>().is_ok_and(f64::is_finite),
        "a whole number" => text.parse::<i64>().is_ok(),
        "true or false" => text == "true" || text == "false",
        _ => false,
    }
}

/// Whether a text value was written in quotes (`"240000"`), as opposed to
/// plain text that is not a number or a date (`240k`).
fn quoted(node: &Node, source: &SourceText) -> bool {
    source
        .text()
        .get(node.span.start..)
        .is_some_and(|rest| rest.starts_with(['"', '\'']))
}

pub fn describe_value(node: &Node) -> String {
    match &node.kind {
        NodeKind::Null => "empty".to_owned(),
        NodeKind::Bool(b) => format!("`{b}`"),
        NodeKind::Int(i) => format!("`{i}`"),
        NodeKind::UInt(u) => format!("`{u}`"),
        NodeKind::Float(f) => format!("`{f}`"),
        NodeKind::Str(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                format!("`{short}…`")
            } else {
                format!("`{s}`")
            }
        }
        NodeKind::Seq(_) => "a list".to_owned(),
        NodeKind::Map(_) => "a block of fields".to_owned(),
    }
}

fn expected_kind(root: &Value, schema: &Value) -> String {
    let schema = resolve(root, schema);
    let name = |t: &str| match t {
        "string" => "text",
        "number" => "a number",
        "integer" => "a whole number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "a block of fields",
        "null" => "empty",
        _ => "another kind of value",
    };
    match schema.get("type") {
        Some(Value::String(t)) => name(t).to_owned(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(name)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "another kind of value".to_owned(),
    }
}

/// How each pattern in the schemas is described to a person.
fn pattern_form(pattern: &str) -> String {
    let known: &[(&str, &str)] = &[
        ("[dw]$", "a number of days or weeks, like 90d or 12w"),
        (
            "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "an id of letters, digits, `-`, `_` or `.`, starting with a letter or digit, like sc-1",
        ),
        (
            "T([01][0-9]|2[0-3])",
            "a date and time as YYYY-MM-DDTHH:MM, e.g. 2026-03-01T14:30 (optionally with seconds and an offset like +01:00)",
        ),
        (
            "^[A-Z]{3}$",
            "a three-letter currency code in capitals, like EUR or USD",
        ),
        (
            "^sha256:",
            "`sha256:` followed by 64 hexadecimal digits (cuc writes this; do not edit it by hand)",
        ),
        (
            "^[0-9a-f]{7,64}$",
            "a git commit id (cuc writes this; do not edit it by hand)",
        ),
        (
            "^[a-z][a-z0-9-]*$",
            "a rule name in lower case with dashes, like missing-role",
        ),
    ];
    known
        .iter()
        .find(|(key, _)| pattern.contains(key))
        .map_or_else(
            || format!("a value matching {pattern}"),
            |(_, form)| (*form).to_owned(),
        )
}

/// The schema that describes the value at an instance pointer.
fn subschema<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut schema = root;
    if pointer.is_empty() {
        return Some(schema);
    }
    for segment in pointer_segments(pointer) {
        let resolved = resolve(root, schema);
        schema = if segment.parse::<usize>().is_ok() && resolved.get("items").is_some() {
            resolved.get("items")?
        } else {
            child_schema(root, resolved, &segment)?
        };
    }
    Some(schema)
}

fn child_schema<'a>(root: &'a Value, schema: &'a Value, name: &str) -> Option<&'a Value> {
    resolve(root, schema).get("properties")?.get(name)
}

/// Follows local `$ref`s (`#/$defs/date`).
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(target) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match target.strip_prefix('#').and_then(|p| root.pointer(p)) {
            Some(next) => schema = next,
            None => break,
        }
    }
    schema
}

fn description<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a str> {
    schema
        .get("description")
        .or_else(|| resolve(root, schema).get("description"))
        .and_then(Value::as_str)
}

fn allowed_fields(root: &Value, schema: Option<&Value>) -> Vec<String> {
    schema
        .and_then(|s| resolve(root, s).get("properties"))
        .and_then(Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

/// The one block of the schema where a field named `key` belongs, in
/// words (`` `handover` ``, "each risk"); `None` when it belongs in several
/// or nowhere.
fn only_home(root: &Value, key: &str) -> Option<String> {
    fn walk(
        root: &Value,
        schema: &Value,
        path: &mut Vec<String>,
        key: &str,
        found: &mut Vec<Vec<String>>,
        depth: usize,
    ) {
        if depth > 8 {
            return;
        }
        let schema = resolve(root, schema);
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            if props.contains_key(key) {
                found.push(path.clone());
            }
            for (name, child) in props {
                path.push(name.clone());
                walk(root, child, path, key, found, depth + 1);
                path.pop();
            }
        }
        if let Some(items) = schema.get("items") {
            path.push("[]".to_owned());
            walk(root, items, path, key, found, depth + 1);
            path.pop();
        }
    }
    let mut found = Vec::new();
    walk(root, root, &mut Vec::new(), key, &mut found, 0);
    let [path] = found.as_slice() else {
        return None;
    };
    match path.as_slice() {
        [] => Some("the top level".to_owned()),
        [.., list, last] if last == "[]" => Some(format!(
            "each {} in `{list}`",
            crate::load::syntax::item_noun(list)
        )),
        _ => Some(format!("`{}`", path.join(".").replace(".[]", "[]"))),
    }
}

/// Whether the key at `at` (a JSON pointer's segments) sits directly in the
/// block at `parent` and looks like a misspelling of `name` there:
/// `/stakeholder` for `stakeholders` at the top, `/customer/contrct` for
/// `contract` in `customer`.
pub fn misspells(at: &[String], parent: &[String], name: &str) -> bool {
    at.split_last().is_some_and(|(key, at_parent)| {
        at_parent == parent && key != name && closest(key, std::iter::once(name)).is_some()
    })
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_schema_compiles() {
        let schemas = Schemas::embedded();
        assert_eq!(schemas.compiled.len(), DocumentKind::ALL.len());
    }

    #[test]
    fn suggests_the_closest_field() {
        let fields = ["budget", "technical", "timeline", "political"];
        assert_eq!(
            crate::text::closest("budjet", fields.iter().copied()),
            Some("budget")
        );
        assert_eq!(crate::text::closest("zzz", fields.iter().copied()), None);
    }

    #[test]
    fn one_value_is_checked_against_its_place() {
        let schemas = Schemas::embedded();
        let kind = DocumentKind::Understanding;
        let accepts = |at: &str, v: Value| schemas.accepts(kind, at, &v);
        assert!(accepts("/customer/team/cs", "tom@vendor.example".into()));
        assert!(!accepts("/customer/team/cs", "tom at vendor".into()));
        assert!(accepts("/customer/contract/currency", "EUR".into()));
        assert!(!accepts("/customer/contract/currency", "eur".into()));
        assert!(accepts("/review/cadence", "12w".into()));
        assert!(!accepts("/review/cadence", "quarterly".into()));
        assert!(!accepts("/milestones/0/due", "2026-02-30".into()));
        assert!(!accepts("/no/such/place", "x".into()));
    }

    #[test]
    fn choices_are_the_schema_s_enums() {
        let schemas = Schemas::embedded();
        let kind = DocumentKind::Understanding;
        assert_eq!(
            schemas.choices(kind, "/stakeholders/0/side"),
            ["customer", "vendor"]
        );
        assert_eq!(
            schemas.choices(kind, "/risks/0/impact"),
            ["low", "medium", "high"]
        );
        assert_eq!(schemas.choices(kind, "/stakeholders/0/roles/0").len(), 10);
        assert!(schemas.choices(kind, "/customer/name").is_empty());
    }

    #[test]
    fn subschema_follows_refs_and_items() {
        let root: Value = serde_json::from_str(DocumentKind::Understanding.schema_text()).unwrap();
        let s = subschema(&root, "/success_criteria/0/by").unwrap();
        assert_eq!(resolve(&root, s)["format"], "date");
    }
}
