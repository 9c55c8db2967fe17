//! A YAML syntax error in the words of the person who made it.
//!
//! The parser knows *that* a document cannot be read and roughly where; its
//! own words ("while parsing a block mapping…") are for parser authors. This
//! module reads the text around that place the way a person would: which
//! lines are fields, list items or text, how far each is indented compared
//! with its neighbours, and what each value starts with. From that it names
//! the line that is wrong, says what is wrong with it, and gives the fix for
//! that line.
//!
//! It understands the YAML a customer document is written in (fields, lists,
//! `[a, b]` lists, quoted text, `>` and `|` texts, comments). Where the text
//! holds something else, it says so plainly at the parser's position rather
//! than guessing.

use crate::load::source::{SourceText, Span};
use crate::text::words::plural;

/// A syntax error, explained: where, what is wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub span: Span,
    pub message: String,
    pub help: String,
    /// A few words under the marked spot.
    pub label: String,
}

/// Explains why `text` (a prefix of `source` starting at its first byte)
/// cannot be read. `reported` is where the parser stopped, `said` what it
/// said.
pub fn explain(source: &SourceText, text: &str, reported: Span, said: &str) -> Explanation {
    let lines = lines(text);
    let at_line = source.position(reported.start).line;
    if said.contains("multiple found")
        && let Some(explained) = second_document(&lines, at_line)
    {
        return explained;
    }
    if said.contains("BOM") {
        return Explanation {
            span: reported,
            message: "there is an invisible character here (a byte order mark), usually left by copying and pasting".to_owned(),
            help: "delete it: retype the word at the marked spot".to_owned(),
label: "invisible character".to_owned(),
        };
    }
    let mut walk = Walk::new(&lines);
    if let Some(problem) = walk.first_problem(at_line) {
        return problem;
    }
    // The walk found nothing wrong up to the parser's line: say so plainly
    // at the parser's position.
    let escape = said.contains("escape");
    Explanation {
        span: reported,
        message: if escape {
            "this text in double quotes holds a `\\` that YAML reads as the start of a special character".to_owned()
        } else {
            "cuc cannot read the document from here: this line does not fit the lines around it"
                .to_owned()
        },
        help: if escape {
            "write `\\\\` for each backslash, or put the text in single quotes (`'`) instead"
                .to_owned()
        } else {
            "compare the line with its neighbours: each field is `name: value` on its own line, \
             lined up with the other fields of its block; list items start with `- `; and a text \
             holding `: ` or ` #` goes in double quotes"
                .to_owned()
        },
        label: "cuc stops reading here".to_owned(),
    }
}

/// One line of the document.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based.
    number: usize,
    /// Byte offset of the line's first character in the file.
    start: usize,
    /// The line without its ending.
    text: &'a str,
    /// Leading spaces.
    indent: usize,
}

impl<'a> Line<'a> {
    fn body(&self) -> &'a str {
        &self.text[self.indent..]
    }

    /// Nothing on it but spaces, or a comment.
    fn is_empty(&self) -> bool {
        let body = self.body().trim_start_matches([' ', '\t']);
        body.is_empty() || body.starts_with('#')
    }

    fn span(&self, column: usize, len: usize) -> Span {
        Span::new(self.start + column, self.start + column + len)
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        // A byte order mark before the first line is not a character anyone sees.
        let (line, skip) = match line.strip_prefix('\u{feff}') {
            Some(rest) if index == 0 => (rest, 3),
            _ => (line, 0),
        };
        out.push(Line {
            number: index + 1,
            start: start + skip,
            text: line,
            indent: line.len() - line.trim_start_matches(' ').len(),
        });
        start += raw.len() + 1;
    }
    out
}

/// The `---` that starts a second document.
fn second_document(lines: &[Line], at_line: usize) -> Option<Explanation> {
    let mut seen_content = false;
    for line in lines.iter().take(at_line) {
        let body = line.text.trim_end();
        if body == "---" || body.starts_with("--- ") {
            if seen_content {
                return Some(Explanation {
                    span: line.span(0, 3),
                    message: "a second document starts here: a `---` line ends the first one"
                        .to_owned(),
                    help: "a cuc file holds one document: delete this `---` line, and move \
                           anything below it that belongs elsewhere"
                        .to_owned(),
                    label: "the second document starts here".to_owned(),
                });
            }
        } else if !line.is_empty() && !body.starts_with('%') {
            seen_content = true;
        }
    }
    None
}

/// What a line is, once its indentation is set aside.
#[derive(Debug, Clone, Copy)]
enum Shape<'a> {
    /// `key: value` or `key:`; `value` starts at byte `value_at` of the line.
    Field {
        key: &'a str,
        key_at: usize,
        value: &'a str,
        value_at: usize,
    },
    /// `- …`; what follows the dash starts at byte `inner_at` of the line.
    Item { inner: &'a str, inner_at: usize },
    /// Anything else: text on its own line.
    Text { at: usize },
}

/// Reads a line's body (from byte `at` of the line) as a field, an item or text.
fn shape(line: &str, at: usize) -> Result<Shape<'_>, Problem> {
    let body = &line[at..];
    if body == "-" || body.starts_with("- ") || body.starts_with("-\t") {
        let rest = &body[1..];
        let inner_at = at + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        return Ok(Shape::Item {
            inner: &line[inner_at..],
            inner_at,
        });
    }
    if let Some(quote @ ('"' | '\'')) = body.chars().next() {
        // A quoted key (`"title": …`) or a quoted text.
        if let Some(close) = closing_quote(body, quote) {
            let after = &body[close + 1..];
            if let Some(rest) = after.strip_prefix(':')
                && (rest.is_empty() || rest.starts_with([' ', '\t']))
            {
                let value_at = at + close + 2 + (rest.len() - rest.trim_start().len());
                return Ok(Shape::Field {
                    key: &body[1..close],
                    key_at: at,
                    value: &line[value_at..],
                    value_at,
                });
            }
        }
        return Ok(Shape::Text { at });
    }
    if body.starts_with(['[', '{']) {
        return Ok(Shape::Text { at });
    }
    if body.starts_with("? ") {
        return Err(Problem::Unsupported);
    }
    if let Some(colon) = field_colon(body) {
        if colon == 0 {
            return Err(Problem::EmptyKey { at });
        }
        let rest = &body[colon + 1..];
        let value_at = at + colon + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        return Ok(Shape::Field {
            key: body[..colon].trim_end(),
            key_at: at,
            value: &line[value_at..],
            value_at,
        });
    }
    Ok(Shape::Text { at })
}

/// Where a plain line's key ends: the first `:` followed by a space or the
/// end of the line, before any comment.
fn field_colon(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            return None;
        }
        if b == b':' && bytes.get(i + 1).is_none_or(|c| matches!(c, b' ' | b'\t')) {
            return Some(i);
        }
    }
    None
}

/// The byte of the quote that closes the one at the start of `text`.
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == '"' => i += 2,
            b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote as u8 => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Where the `[…]` or `{…}` at the start of `text` closes, quotes respected;
/// or how deep it is still open at the end.
fn closing_bracket(text: &str, mut depth: usize) -> Result<usize, usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(i);
                }
            }
            q @ (b'"' | b'\'') => match closing_quote(&text[i..], q as char) {
                Some(close) => i += close,
                None => return Err(depth),
            },
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => return Err(depth),
            _ => {}
        }
        i += 1;
    }
    Err(depth)
}

/// Where a quote that is never closed opens, in the `[…]` or `{…}` at the
/// start of `text`.
fn open_quote_in_brackets(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'') => match closing_quote(&text[i..], q as char) {
                Some(close) => i += close,
                None => return Some(i),
            },
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// `text` without a trailing comment (` # …`), outside quotes and brackets
/// being the caller's concern.
fn without_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) {
            return text[..i].trim_end();
        }
    }
    text.trim_end()
}

/// What a value on a line is, as far as the lines below it are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    /// Nothing after the `:` or `-`: the lines below (if deeper) hold it.
    Nothing,
    /// Plain text, which may go on on deeper lines.
    Plain,
    /// A quoted text, a `[…]` list or a number: complete on this line.
    Complete,
    /// `|` or `>`: the deeper lines below are its text.
    Block,
    /// A quoted text going on to the lines below.
    QuoteOpen(char),
    /// A `[…]` or `{…}` going on to the lines below, this deep.
    BracketOpen(usize),
}

/// Something wrong with one line, found by the walk.
#[derive(Debug, Clone)]
enum Problem {
    /// The walk cannot tell: say it plainly at the parser's position.
    Unsupported,
    EmptyKey {
        at: usize,
    },
}

/// Reads the value at byte `at` of `line` (after a field's `:` or an
/// item's `-`); `field` is the field's key, for the fix.
fn value(line: &Line, mut at: usize, field: Option<&str>) -> Result<Value, Explanation> {
    // Anchors (`&name value`) name what follows them: read what follows.
    while let Some(rest) = line.text[at..].strip_prefix('&') {
        let name_len = rest.find([' ', '\t']).unwrap_or(rest.len());
        let name = &rest[..name_len];
        let after = &rest[name_len..];
        let next = after.trim_start_matches([' ', '\t']);
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            || next.is_empty()
            || next.starts_with('#')
        {
            break;
        }
        at = line.text.len() - next.len();
    }
    let text = &line.text[at..];
    let Some(first) = text.chars().next() else {
        return Ok(Value::Nothing);
    };
    let fix = |text: &str| match field {
        Some(key) => format!("`{key}: {}`", quoted(text)),
        None => format!("`- {}`", quoted(text)),
    };
    let whole = without_comment(text);
    match first {
        '#' => Ok(Value::Nothing),
        '"' | '\'' => match closing_quote(text, first) {
            Some(close) => {
                if first == '"'
                    && let Some(bad) = bad_escape(&text[..close])
                {
                    let written = &text[bad..];
                    let shown: String = written.chars().take(2).collect();
                    let inner = &text[1..close];
                    return Err(Explanation {
                        span: line.span(at + bad, shown.len()),
                        message: format!(
                            "this text in double quotes holds `{shown}`, which YAML reads as the start of a special character"
                        ),
                        help: if inner.contains('\'') {
                            "write each `\\` as `\\\\`".to_owned()
                        } else {
                            format!(
                                "put the text in single quotes instead: {}",
                                fix_with(field, &format!("'{inner}'"))
                            )
                        },
                        label: "not a special character YAML knows".to_owned(),
                    });
                }
                let after = &text[close + 1..];
                let rest = after.trim_start_matches([' ', '\t']);
                if rest.is_empty() || (rest.starts_with('#') && rest.len() < after.len()) {
                    Ok(Value::Complete)
                } else {
                    let all = text.trim_end();
                    Err(Explanation {
                        span: line.span(at, close + 1),
                        message: format!(
                            "this text begins with a quoted part, {}, and goes on after the closing quote, which YAML does not allow",
                            &text[..=close]
                        ),
                        help: format!("put the whole text in quotes: {}", fix(all)),
                        label: "the quote closes before the text ends".to_owned(),
                    })
                }
            }
            None => Ok(Value::QuoteOpen(first)),
        },
        '[' | '{' => match closing_bracket(text, 0) {
            Ok(close) => {
                let rest = without_comment(&text[close + 1..]);
                if rest.is_empty() {
                    Ok(Value::Complete)
                } else if rest.chars().all(|c| matches!(c, ']' | '}' | ' ')) {
                    // `[a, b]]`: a closing bracket too many, not a text.
                    let extra = at + close + 1 + text[close + 1..].find([']', '}']).unwrap_or(0);
                    let closer = line.text[extra..].chars().next().unwrap_or(']');
                    Err(Explanation {
                        span: line.span(extra, 1),
                        message: format!(
                            "this `{closer}` closes nothing: the {} is already closed before it",
                            if first == '{' {
                                "group of fields"
                            } else {
                                "list"
                            }
                        ),
                        help: format!("delete it: {}", fix_with(field, &text[..=close])),
                        label: "one too many".to_owned(),
                    })
                } else {
                    Err(special_start(line, at, first, whole, &fix))
                }
            }
            Err(depth) => Ok(Value::BracketOpen(depth)),
        },
        '|' | '>' => {
            let rest = without_comment(&text[1..]);
            if rest
                .chars()
                .all(|c| c == '+' || c == '-' || c.is_ascii_digit())
                && rest.len() <= 2
            {
                Ok(Value::Block)
            } else {
                Err(special_start(line, at, first, whole, &fix))
            }
        }
        '@' | '`' | '%' | '!' => Err(special_start(line, at, first, whole, &fix)),
        '&' | '*' => {
            let name_len = text[1..].find([' ', '\t']).unwrap_or(text.len() - 1);
            let name = &text[1..1 + name_len];
            let valid_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            let alone = without_comment(&text[1 + name_len..]).is_empty();
            if valid_name && (first == '&' || alone) {
                // An anchor or an alias: unusual in a customer document, but YAML.
                return Ok(if first == '&' {
                    Value::Nothing
                } else {
                    Value::Complete
                });
            }
            Err(special_start(line, at, first, whole, &fix))
        }
        '-' | '?' if text.len() == 1 || text[1..].starts_with([' ', '\t']) => {
            Err(special_start(line, at, first, whole, &fix))
        }
        _ => plain(line, at, field),
    }
}

/// `key: text` or `- text`, in backticks, for a fix.
fn fix_with(field: Option<&str>, text: &str) -> String {
    match field {
        Some(key) => format!("`{key}: {text}`"),
        None => format!("`- {text}`"),
    }
}

/// The first `\` in a double-quoted text (from its opening quote) that YAML
/// cannot read as an escape.
fn bad_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let hex = match bytes.get(i + 1) {
            Some(b'x') => 2,
            Some(b'u') => 4,
            Some(b'U') => 8,
            Some(
                b'0' | b'a' | b'b' | b't' | b'\t' | b'n' | b'v' | b'f' | b'r' | b'e' | b' ' | b'"'
                | b'/' | b'\\' | b'N' | b'_' | b'L' | b'P',
            ) => 0,
            // A `\` at the end of a line continues the text on the next.
            None => return None,
            Some(_) => return Some(i),
        };
        let digits = bytes.get(i + 2..i + 2 + hex);
        if !digits.is_some_and(|d| d.iter().all(u8::is_ascii_hexdigit)) {
            return Some(i);
        }
        i += 2 + hex;
    }
    None
}

/// A plain text: fine unless it holds `: ` (or ends with `:`), which starts
/// a new field.
fn plain(line: &Line, at: usize, field: Option<&str>) -> Result<Value, Explanation> {
    let text = without_comment(&line.text[at..]);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b':' && bytes.get(i + 1).is_none_or(|c| matches!(c, b' ' | b'\t')) {
            let ends = i + 1 == bytes.len();
            let fix = match field {
                Some(key) => format!("`{key}: {}`", quoted(text)),
                None => format!("`- {}`", quoted(text)),
            };
            return Err(Explanation {
                span: line.span(at + i, 1),
                message: if ends {
                    "this text ends with `:`, which YAML reads as the start of a new field"
                        .to_owned()
                } else {
                    "this text contains `: `, which YAML reads as the start of a new field"
                        .to_owned()
                },
                help: format!("put the whole text in double quotes: {fix}"),
                label: "read as a new field".to_owned(),
            });
        }
    }
    Ok(Value::Plain)
}

/// A text that starts with a character YAML keeps for itself.
fn special_start(
    line: &Line,
    at: usize,
    first: char,
    whole: &str,
    fix: &dyn Fn(&str) -> String,
) -> Explanation {
    let reads_as = match first {
        '[' => "the start of a list",
        '{' => "the start of a group of fields",
        '|' | '>' => "the start of a long text written on the lines below",
        '*' => "a reference to another part of the document",
        '&' => "a name for this part of the document",
        '-' => "a list item",
        '@' | '`' | '%' => "a sign it keeps for itself, not as text",
        _ => "a marker of its own, not as text",
    };
    let sign = if first == '`' {
        "a backtick (`)".to_owned()
    } else {
        format!("`{first}`")
    };
    Explanation {
        span: line.span(at, first.len_utf8()),
        message: format!("this text starts with {sign}, which YAML reads as {reads_as}"),
        help: format!(
            "put the whole text in double quotes: {}",
            fix(whole.trim_end())
        ),
        label: "read as a sign, not as text".to_owned(),
    }
}

/// `text` in the quotes that need no escaping inside it.
pub fn quoted(text: &str) -> String {
    if !text.contains('"') && !text.contains('\\') {
        format!("\"{text}\"")
    } else if !text.contains('\'') {
        format!("'{text}'")
    } else {
        crate::text::yaml::double_quoted(text)
    }
}

/// A block of fields or a list, as the walk sees it.
#[derive(Debug, Clone)]
struct Frame {
    indent: usize,
    list: bool,
    /// The field that holds it (`None` at the top).
    key: Option<String>,
    /// A block of fields that is an item of a list: the list's field.
    item_of: Option<String>,
    /// The fields seen in this block, or for a list the first field of its
    /// items (`name`, `id`).
    keys: Vec<String>,
    /// A list written at the same indentation as its field (`key:` then
    /// `- a` below it, not indented).
    flush: bool,
    /// The line that began it (1-based; 0 for the top).
    from_line: usize,
}

impl Frame {
    /// "the other fields of this risk", "the other top-level fields".
    fn fields_of(&self) -> String {
        match (&self.item_of, &self.key) {
            (Some(list), _) => format!("the other fields of this {}", item_noun(list)),
            (None, Some(key)) => format!("the other fields of `{key}`"),
            (None, None) => "the other top-level fields".to_owned(),
        }
    }

    /// "the other stakeholders", "the other items of `in`".
    fn items_of(&self) -> String {
        match self.key.as_deref() {
            Some(key) => match plural_noun(key) {
                Some(plural) => format!("the other {plural}"),
                None => format!("the other items of `{key}`"),
            },
            None => "the other items".to_owned(),
        }
    }
}

/// What one item of a list is called, in words.
pub fn item_noun(list: &str) -> String {
    match list {
        "success_criteria" => "success criterion".to_owned(),
        "stakeholders" => "stakeholder".to_owned(),
        "risks" => "risk".to_owned(),
        "commitments" => "commitment".to_owned(),
        "milestones" => "milestone".to_owned(),
        "initiatives" => "initiative".to_owned(),
        "decisions" => "decision".to_owned(),
        "reviews" => "review".to_owned(),
        "signoffs" => "sign-off".to_owned(),
        "ignore" => "exception".to_owned(),
        other => format!("item of `{other}`"),
    }
}

pub fn plural_noun(list: &str) -> Option<&'static str> {
    Some(match list {
        "success_criteria" => "success criteria",
        "stakeholders" => "stakeholders",
        "risks" => "risks",
        "commitments" => "commitments",
        "milestones" => "milestones",
        "initiatives" => "initiatives",
        "decisions" => "decisions",
        "reviews" => "reviews",
        "signoffs" => "sign-offs",
        _ => return None,
    })
}

fn spaces(n: usize) -> String {
    match n {
        0 => "not indented".to_owned(),
        n => format!("indented {}", plural(n, "space")),
    }
}

/// "indented 4", "not indented": after "the others are".
fn spaces_short(n: usize) -> String {
    match n {
        0 => "not indented".to_owned(),
        n => format!("indented {n}"),
    }
}

/// "3 spaces in, not 4", "1 space in, not 0": the label under a line.
fn spaces_in(indent: usize, expected: usize) -> String {
    format!("{} in, not {expected}", plural(indent, "space"))
}

fn indent_to(n: usize) -> String {
    match n {
        0 => "start it at the beginning of the line, with no spaces before it".to_owned(),
        n => format!("indent it by {}", plural(n, "space")),
    }
}

/// What the line before left open for the lines after it.
#[derive(Debug, Clone)]
enum Before {
    /// The start of the document.
    Start,
    /// A field or item with nothing after it, at this indentation; `key`
    /// for a field.
    Opens { indent: usize, key: Option<String> },
    /// A plain text, held by a field or item at `indent`; `line` is where
    /// the text started; `own_line` when it started on a line of its own.
    Plain {
        indent: usize,
        key: Option<String>,
        line: usize,
        own_line: bool,
    },
    /// A `|` or `>` text held by the field on `line`, whose lines were
    /// `content` spaces in.
    Block { line: usize, content: Option<usize> },
    /// A complete value.
    Done,
}

/// Skipping the lines that belong to a value started above.
#[derive(Debug, Clone, Copy)]
enum Inside {
    Nothing,
    /// `|` or `>` text: every line deeper than `indent`, begun on `line`;
    /// `content` is how far in its first line is.
    Block {
        indent: usize,
        line: usize,
        content: Option<usize>,
    },
    /// A quoted text opened at `line`, byte `at`.
    Quote {
        quote: char,
        indent: usize,
        line: usize,
        at: usize,
    },
    /// A `[…]` opened at `line`, byte `at`, still `depth` deep.
    Bracket {
        depth: usize,
        indent: usize,
        line: usize,
        at: usize,
    },
}

struct Walk<'a> {
    lines: &'a [Line<'a>],
    frames: Vec<Frame>,
    before: Before,
    inside: Inside,
}

impl<'a> Walk<'a> {
    fn new(lines: &'a [Line<'a>]) -> Self {
        Walk {
            lines,
            frames: Vec::new(),
            before: Before::Start,
            inside: Inside::Nothing,
        }
    }

    /// The first line, up to `last`, that is wrong, explained; `None` when
    /// the walk sees nothing wrong there (or meets what it cannot judge).
    fn first_problem(&mut self, last: usize) -> Option<Explanation> {
        let lines = self.lines;
        for (index, line) in lines.iter().enumerate() {
            if line.number > last + 1 {
                break;
            }
            match self.step(index, line) {
                Ok(()) => {}
                Err(Some(explained)) => return Some(explained),
                Err(None) => return None,
            }
        }
        // Text still open at the end of what was read.
        match self.inside {
            Inside::Quote {
                quote, line, at, ..
            } => Some(self.unclosed_quote(line, at, quote)),
            Inside::Bracket { line, at, .. } => Some(self.unclosed_bracket(line, at)),
            _ => None,
        }
    }

    fn step(&mut self, index: usize, line: &Line<'a>) -> Result<(), Option<Explanation>> {
        // Lines that belong to a value begun above.
        match self.inside {
            Inside::Block {
                indent,
                line: opened,
                content,
            } => {
                if line.body().trim().is_empty() {
                    return Ok(());
                }
                if line.indent > indent {
                    if content.is_none() {
                        self.inside = Inside::Block {
                            indent,
                            line: opened,
                            content: Some(line.indent),
                        };
                    }
                    return Ok(());
                }
                self.inside = Inside::Nothing;
                self.before = Before::Block {
                    line: opened,
                    content,
                };
            }
            Inside::Quote {
                quote,
                indent,
                line: opened,
                at,
            } => {
                if self.looks_like_field(line, indent) {
                    return Err(Some(self.unclosed_quote(opened, at, quote)));
                }
                let text = line.text;
                let mut probe = String::with_capacity(text.len() + 1);
                probe.push(quote);
                probe.push_str(text);
                if let Some(close) = closing_quote(&probe, quote) {
                    let after = probe[close + 1..].trim_start();
                    if !(after.is_empty() || after.starts_with('#')) {
                        return Err(None);
                    }
                    self.inside = Inside::Nothing;
                    self.before = Before::Done;
                }
                return Ok(());
            }
            Inside::Bracket {
                depth,
                indent,
                line: opened,
                at,
            } => {
                if self.looks_like_field(line, indent) {
                    return Err(Some(self.unclosed_bracket(opened, at)));
                }
                match closing_bracket(line.text, depth) {
                    Ok(close) => {
                        if !without_comment(&line.text[close + 1..]).is_empty() {
                            return Err(None);
                        }
                        self.inside = Inside::Nothing;
                        self.before = Before::Done;
                    }
                    Err(depth) => {
                        self.inside = Inside::Bracket {
                            depth,
                            indent,
                            line: opened,
                            at,
                        }
                    }
                }
                return Ok(());
            }
            Inside::Nothing => {}
        }
        if line.is_empty() {
            return Ok(());
        }
        let body = line.body();
        if body.starts_with('\t') || line.text.starts_with('\t') {
            return Err(Some(self.tab(index, line)));
        }
        let trimmed = body.trim_end();
        if trimmed == "---" || trimmed == "..." || trimmed.starts_with("--- ") {
            if self.frames.is_empty() {
                return Ok(());
            }
            return Err(None);
        }
        if self.frames.is_empty() && body.starts_with('%') {
            return Ok(());
        }
        let shape = match shape(line.text, line.indent) {
            Ok(shape) => shape,
            Err(Problem::EmptyKey { at }) => {
                return Err(Some(Explanation {
                    span: line.span(at, 1),
                    message: "this line starts with `:`, with no field name before it".to_owned(),
                    help: "write the field's name before the `:`, as in `title: COO`".to_owned(),
                    label: "no field name".to_owned(),
                }));
            }
            Err(Problem::Unsupported) => return Err(None),
        };
        self.place(index, line, shape)
    }

    /// Whether a line inside an open quote or list looks like the next field
    /// of the document, at or left of the field that opened it.
    fn looks_like_field(&self, line: &Line, indent: usize) -> bool {
        !line.is_empty()
            && line.indent <= indent
            && matches!(
                shape(line.text, line.indent),
                Ok(Shape::Field { .. } | Shape::Item { .. })
            )
    }

    fn unclosed_quote(&self, line_number: usize, at: usize, quote: char) -> Explanation {
        let line = &self.lines[line_number - 1];
        let name = if quote == '"' {
            "double quote `\"`"
        } else {
            "single quote `'`"
        };
        let text = line.text[at..].trim_end();
        // A quote in front of a field's name (`"title: COO`).
        if at == line.indent
            && let Ok(Shape::Field { key, value, .. }) = shape(line.text, at + 1)
        {
            return Explanation {
                span: line.span(at, 1),
                message: format!("this line starts with a {name} that is never closed"),
                help: format!("delete the quote: `{key}: {}`", value.trim_end()),
                label: "never closed".to_owned(),
            };
        }
        Explanation {
            span: line.span(at, 1),
            message: format!("the {name} that starts this text is never closed"),
            help: format!(
                "add a closing `{quote}` where the text ends: `{}{text}{quote}`",
                self.field_prefix(line, at)
            ),
            label: "never closed".to_owned(),
        }
    }

    fn unclosed_bracket(&self, line_number: usize, at: usize) -> Explanation {
        let line = &self.lines[line_number - 1];
        // A quote opened inside the brackets and never closed keeps every
        // `]` after it inside the text: the quote is what to fix.
        if let Some(quote_at) = open_quote_in_brackets(&line.text[at..]) {
            let quote = line.text[at + quote_at..].chars().next().unwrap_or('"');
            let name = if quote == '"' {
                "double quote `\"`"
            } else {
                "single quote `'`"
            };
            let mut without = line.text[at..].to_owned();
            without.remove(quote_at);
            let without = without_comment(&without).to_owned();
            let help = if closing_bracket(&without, 0).is_ok() {
                format!(
                    "delete it: `{}{without}`, or add a closing `{quote}` where the text in quotes ends",
                    self.field_prefix(line, at)
                )
            } else {
                format!("add a closing `{quote}` where the text in quotes ends")
            };
            return Explanation {
                span: line.span(at + quote_at, 1),
                message: format!(
                    "the {name} in this list is never closed, so the rest of the line is read as text in quotes"
                ),
                help,
                label: "never closed".to_owned(),
            };
        }
        let open = line.text[at..].chars().next().unwrap_or('[');
        let (close, what) = if open == '{' {
            ('}', "group of fields")
        } else {
            (']', "list")
        };
        let text = without_comment(&line.text[at..]);
        Explanation {
            span: line.span(at, 1),
            message: format!("the {what} that starts with `{open}` here is never closed"),
            help: format!(
                "add `{close}` where the {what} ends: `{}{text}{close}`",
                self.field_prefix(line, at)
            ),
            label: "never closed".to_owned(),
        }
    }

    /// `key: ` or `- ` before a value at byte `at` of `line`, for a fix.
    fn field_prefix(&self, line: &Line, at: usize) -> String {
        match shape(line.text, line.indent) {
            Ok(Shape::Field { key, value_at, .. }) if value_at == at => format!("{key}: "),
            Ok(Shape::Item { inner_at, inner }) if inner_at == at || inner.is_empty() => {
                "- ".to_owned()
            }
            Ok(Shape::Item { inner, inner_at }) => match shape(line.text, inner_at) {
                Ok(Shape::Field { key, value_at, .. }) if value_at == at && !inner.is_empty() => {
                    format!("- {key}: ")
                }
                _ => String::new(),
            },
            _ => String::new(),
        }
    }

    fn tab(&self, index: usize, line: &Line) -> Explanation {
        let at = line.text.find('\t').unwrap_or(0);
        let neighbour = self.lines[..index]
            .iter()
            .rev()
            .find(|l| !l.is_empty() && !l.text.starts_with('\t'));
        let help = match neighbour {
            Some(above) => format!(
                "YAML indents with spaces only: replace the tab with spaces (the line above is {})",
                spaces(above.indent)
            ),
            None => "YAML indents with spaces only: replace the tab with spaces".to_owned(),
        };
        Explanation {
            span: line.span(at, 1),
            message: "this line is indented with a tab".to_owned(),
            help,
            label: "tab".to_owned(),
        }
    }

    /// Fits a line into the blocks and lists above it, or explains why it
    /// does not fit.
    fn place(
        &mut self,
        index: usize,
        line: &Line<'a>,
        shape: Shape<'a>,
    ) -> Result<(), Option<Explanation>> {
        let indent = line.indent;
        if let Shape::Text { at } = shape
            && let Some(quote @ ('"' | '\'')) = line.text[at..].chars().next()
            && closing_quote(&line.text[at..], quote).is_none()
            && matches!(shape_of_inner(line, at + 1), Ok(Shape::Field { .. }))
        {
            return Err(Some(self.unclosed_quote(line.number, at, quote)));
        }
        if self.frames.is_empty() {
            self.frames.push(Frame {
                indent,
                list: matches!(shape, Shape::Item { .. }),
                key: None,
                item_of: None,
                keys: Vec::new(),
                flush: false,
                from_line: line.number,
            });
            return self.enter(line, shape);
        }
        let before = std::mem::replace(&mut self.before, Before::Done);

        // Deeper than the value above it.
        if let Before::Plain {
            indent: holder,
            key,
            line: started,
            own_line,
        } = &before
            && indent > *holder
        {
            return match shape {
                // The text goes on.
                Shape::Text { .. } => {
                    self.before = before.clone();
                    Ok(())
                }
                Shape::Field {
                    key: field, key_at, ..
                } => {
                    if *own_line && self.lines[*started - 1].indent == indent {
                        return Err(Some(self.stray_text(*started, key.as_deref())));
                    }
                    // `and they might leave: soon` goes on with the text
                    // above: no field's name has spaces in it.
                    if field.contains(' ') {
                        let colon = key_at + field.len();
                        let from = key
                            .as_deref()
                            .map_or(String::new(), |k| format!(" from `{k}:` on line {started}"));
                        return Err(Some(Explanation {
                            span: line.span(colon, 1),
                            message: "this text contains `: `, which YAML reads as the start of a new field".to_owned(),
                            help: format!("put the whole text in double quotes,{from} to the end of this line"),
                            label: "read as a new field".to_owned(),
                        }));
                    }
                    let frame = self.frames.last().cloned();
                    if let (Some(fields), Some(list)) = (&frame, self.frames.iter().rev().nth(1))
                        && let Some(explained) = self.item_line_moved(line, fields, list)
                    {
                        return Err(Some(explained));
                    }
                    let siblings = match (&frame, key) {
                        (Some(frame), Some(_)) => frame.fields_of(),
                        _ => "the other fields around it".to_owned(),
                    };
                    let expected = frame.map_or(*holder, |f| f.indent);
                    Err(Some(
                        self.misindented(line, field, indent, expected, &siblings),
                    ))
                }
                Shape::Item { .. } => {
                    let Some(key) = key else {
                        return Err(None);
                    };
                    let item = line.body().trim_end();
                    Err(Some(Explanation {
                        span: line.span(indent, 1),
                        message: format!(
                            "`{}` is a list item under `{key}:`, but `{key}` already has a value on its line (line {started})",
                            shorten(item)
                        ),
                        help: format!(
                            "a field holds either a value on its own line or a list on the lines below it: leave nothing after `{key}:` and write each item below it with `- `, or delete this line"
                        ),
                        label: "a list under a field that has a value".to_owned(),
                    }))
                }
            };
        }
        if let Before::Opens {
            indent: holder,
            key,
        } = &before
            && indent > *holder
        {
            let key = key.clone();
            match shape {
                Shape::Text { .. } => {
                    self.before = Before::Plain {
                        indent: *holder,
                        key: key.clone(),
                        line: line.number,
                        own_line: true,
                    };
                    // The text's own value (quotes, brackets) still counts.
                    let result = value(line, indent, None);
                    return self.after_value(line, indent, result, *holder, key);
                }
                _ => {
                    self.frames.push(Frame {
                        indent,
                        list: matches!(shape, Shape::Item { .. }),
                        key,
                        item_of: None,
                        keys: Vec::new(),
                        flush: false,
                        from_line: line.number,
                    });
                    return self.enter(line, shape);
                }
            }
        }
        if indent > self.frames.last().map_or(0, |f| f.indent) {
            // Deeper than its block, with nothing above opening it.
            let frame = self.frames.last().cloned().unwrap_or_else(root);
            return Err(Some(match shape {
                Shape::Field { key, .. } => {
                    self.misindented(line, key, indent, frame.indent, &frame.fields_of())
                }
                Shape::Item { .. } if frame.list => {
                    self.item_misplaced(index, line, indent, &frame)
                }
                Shape::Item { .. } => return Err(None),
                Shape::Text { .. } => return Err(None),
            }));
        }

        // Back out of the blocks this line is left of.
        let mut popped: Option<Frame> = None;
        while self.frames.len() > 1 && self.frames.last().is_some_and(|f| f.indent > indent) {
            popped = self.frames.pop();
        }
        // A list written flush with its field ends at the next field.
        if let Some(top) = self.frames.last()
            && top.flush
            && top.indent == indent
            && !matches!(shape, Shape::Item { .. })
        {
            popped = self.frames.pop();
        }
        let top = self.frames.last().cloned().unwrap_or_else(root);

        if indent < top.indent {
            // Left of even the top block.
            return Err(Some(match shape {
                Shape::Field { key, .. } => {
                    self.misindented(line, key, indent, top.indent, &top.fields_of())
                }
                _ => return Err(None),
            }));
        }
        if indent > top.indent {
            // Between two blocks: left of the one it seems to belong to.
            let Some(inner) = popped else {
                return Err(None);
            };
            return Err(Some(match shape {
                Shape::Field { .. }
                    if let Some(explained) = self.item_line_moved(line, &inner, &top) =>
                {
                    explained
                }
                Shape::Field { key, .. } if !inner.list => {
                    self.misindented(line, key, indent, inner.indent, &inner.fields_of())
                }
                Shape::Field { key, .. } if !top.list => {
                    self.misindented(line, key, indent, top.indent, &top.fields_of())
                }
                Shape::Item { .. } if top.list => self.item_misplaced(index, line, indent, &top),
                Shape::Item { .. } if inner.list => {
                    self.item_misplaced(index, line, indent, &inner)
                }
                _ => return Err(None),
            }));
        }

        // At the indentation of the block it belongs to.
        match (top.list, shape) {
            (false, Shape::Field { key, .. }) => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.keys.push(key.to_owned());
                }
                self.enter(line, shape)
            }
            (false, Shape::Item { .. }) => {
                if let Before::Opens {
                    indent: holder,
                    key,
                } = &before
                    && *holder == indent
                {
                    self.frames.push(Frame {
                        indent,
                        list: true,
                        key: key.clone(),
                        item_of: None,
                        keys: Vec::new(),
                        flush: true,
                        from_line: line.number,
                    });
                    return self.enter(line, shape);
                }
                // An item where fields are: the next item of the list just
                // above it, left of that list's items, or a new item of a
                // list further out. Its content says which: text like the
                // items above, or the first field of the outer list's items.
                let outer = self.frames.iter().rev().find(|f| f.list).cloned();
                let list = match (popped.filter(|p| p.list), outer) {
                    (Some(above), Some(outer)) => {
                        if item_fits(line, &above) && !item_fits(line, &outer) {
                            above
                        } else {
                            outer
                        }
                    }
                    (Some(above), None) => above,
                    (None, Some(outer)) => outer,
                    (None, None) => return Err(None),
                };
                Err(Some(self.item_misplaced(index, line, indent, &list)))
            }
            (false, Shape::Text { at }) => {
                Err(Some(self.text_among_fields(line, at, &before, &top)))
            }
            (true, Shape::Item { .. }) => self.enter(line, shape),
            (true, Shape::Field { key, .. }) => {
                let item_fields = popped.filter(|p| !p.list);
                let new_item = top.keys.first().is_some_and(|first| first == key)
                    || item_fields
                        .as_ref()
                        .is_some_and(|p| p.keys.iter().any(|k| k == key));
                if new_item || item_fields.is_none() {
                    let noun = top.key.as_deref().map_or("item".to_owned(), item_noun);
                    return Err(Some(Explanation {
                        span: line.span(indent, key.len()),
                        message: format!("`{key}:` begins a new {noun}, but its line has no `-`"),
                        help: format!(
                            "start the line with `- `, like the other {}: `- {}`",
                            top.key.as_deref().and_then(plural_noun).unwrap_or("items"),
                            line.body().trim_end()
                        ),
                        label: "no `-` here".to_owned(),
                    }));
                }
                let fields = item_fields.expect("checked above");
                if let Some(explained) = self.item_line_moved(line, &fields, &top) {
                    return Err(Some(explained));
                }
                Err(Some(self.misindented(
                    line,
                    key,
                    indent,
                    fields.indent,
                    &fields.fields_of(),
                )))
            }
            (true, Shape::Text { .. }) => {
                let text = without_comment(line.body());
                if let Some(explained) = missing_space(line, line.indent) {
                    return Err(Some(explained));
                }
                let list = top.key.as_deref().map_or("this list".to_owned(), |k| {
                    plural_noun(k).map_or(format!("the list `{k}`"), |p| format!("the {p}"))
                });
                Err(Some(Explanation {
                    span: line.span(indent, text.len()),
                    message: format!("this line is one of {list}, but it has no `-`"),
                    help: format!("start it with `- `, like the items above it: `- {text}`"),
                    label: "no `-` here".to_owned(),
                }))
            }
        }
    }

    /// A line's content once it has its place: what its value leaves open.
    fn enter(&mut self, line: &Line<'a>, shape: Shape<'a>) -> Result<(), Option<Explanation>> {
        match shape {
            Shape::Field {
                key,
                value: _,
                value_at,
                key_at,
            } => {
                let result = value(line, value_at, Some(key));
                self.after_value(line, value_at, result, key_at, Some(key.to_owned()))
            }
            Shape::Item { inner, inner_at } => {
                let dash = inner_at
                    - (line.text[..inner_at].len()
                        - line.text[..inner_at].trim_end_matches([' ', '\t']).len())
                    - 1;
                if inner.is_empty() || inner.starts_with('#') {
                    self.before = Before::Opens {
                        indent: dash,
                        key: None,
                    };
                    return Ok(());
                }
                match shape_of_inner(line, inner_at) {
                    Ok(Shape::Field { key, .. }) => {
                        // The item is a block of fields, at the column after the dash.
                        let list = self.frames.last().cloned();
                        if let Some(list) = self.frames.last_mut()
                            && list.keys.is_empty()
                        {
                            list.keys.push(key.to_owned());
                        }
                        self.frames.push(Frame {
                            indent: inner_at,
                            list: false,
                            key: None,
                            item_of: list.and_then(|l| l.key),
                            keys: vec![key.to_owned()],
                            flush: false,
                            from_line: line.number,
                        });
                        let inner_shape = shape_of_inner(line, inner_at).map_err(|_| None)?;
                        self.enter(line, inner_shape)
                    }
                    Ok(Shape::Item { .. }) => Err(None),
                    Ok(Shape::Text { .. }) => {
                        let result = value(line, inner_at, None);
                        self.after_value(line, inner_at, result, dash, None)
                    }
                    Err(_) => Err(None),
                }
            }
            Shape::Text { .. } => Err(None),
        }
    }

    /// Records what a value leaves open for the lines below.
    fn after_value(
        &mut self,
        line: &Line,
        at: usize,
        result: Result<Value, Explanation>,
        holder: usize,
        key: Option<String>,
    ) -> Result<(), Option<Explanation>> {
        match result.map_err(Some)? {
            Value::Nothing => {
                self.before = Before::Opens {
                    indent: holder,
                    key,
                };
            }
            Value::Plain => {
                if !matches!(self.before, Before::Plain { own_line: true, .. }) {
                    self.before = Before::Plain {
                        indent: holder,
                        key,
                        line: line.number,
                        own_line: false,
                    };
                }
            }
            Value::Complete => self.before = Before::Done,
            Value::Block => {
                self.inside = Inside::Block {
                    indent: holder,
                    line: line.number,
                    content: None,
                };
                self.before = Before::Done;
            }
            Value::QuoteOpen(quote) => {
                self.inside = Inside::Quote {
                    quote,
                    indent: holder,
                    line: line.number,
                    at,
                };
            }
            Value::BracketOpen(depth) => {
                self.inside = Inside::Bracket {
                    depth,
                    indent: holder,
                    line: line.number,
                    at,
                };
            }
        }
        Ok(())
    }

    fn misindented(
        &self,
        line: &Line,
        key: &str,
        indent: usize,
        expected: usize,
        siblings: &str,
    ) -> Explanation {
        let message = if expected == 0 && siblings == "the other top-level fields" {
            format!(
                "`{key}:` is {}, but the other top-level fields are not indented",
                spaces(indent)
            )
        } else {
            format!(
                "`{key}:` is {}, but {siblings} are {}",
                spaces(indent),
                spaces_short(expected)
            )
        };
        Explanation {
            span: line.span(indent, key.len()),
            message,
            help: indent_to(expected),
            label: spaces_in(indent, expected),
        }
    }

    /// The `- ` line of a list's first item moved: the field on it is not
    /// lined up with the fields below it (`line` and the next field of the
    /// item), which agree with each other. Moving that one line fixes it;
    /// moving each field below to the first one would take a fix for every
    /// line.
    fn item_line_moved(&self, line: &Line, fields: &Frame, list: &Frame) -> Option<Explanation> {
        let indent = line.indent;
        let next = self.lines[line.number..]
            .iter()
            .find(|l| !l.is_empty() && l.indent <= indent)?;
        if next.indent != indent || !matches!(shape(next.text, indent), Ok(Shape::Field { .. })) {
            return None;
        }
        if fields.list
            || !list.list
            || fields.keys.len() != 1
            || fields.from_line == 0
            || fields.from_line != list.from_line
        {
            return None;
        }
        let item = &self.lines[fields.from_line - 1];
        let key = fields.keys.first()?;
        let wanted = (item.indent + indent).checked_sub(fields.indent)?;
        // Still under the field that holds the list.
        let holder = self.lines[..fields.from_line - 1]
            .iter()
            .rev()
            .find(|l| !l.is_empty())?;
        if item.indent != list.indent || wanted < holder.indent || wanted == item.indent {
            return None;
        }
        let below = match list.key.as_deref() {
            Some(list_key) => format!("the fields of this {} below it", item_noun(list_key)),
            None => "the fields below it".to_owned(),
        };
        Some(Explanation {
            span: item.span(item.indent, 1),
            message: format!(
                "`{}` is {}, which puts `{key}:` {} spaces in, but {below} are {}",
                shorten(item.body().trim_end()),
                spaces(item.indent),
                fields.indent,
                spaces_short(indent)
            ),
            help: format!("{}, so that `{key}:` lines up with them", indent_to(wanted)),
            label: spaces_in(item.indent, wanted),
        })
    }

    /// A `- ` item at the wrong indentation for the list it belongs to.
    fn item_misplaced(
        &self,
        index: usize,
        line: &Line,
        indent: usize,
        list: &Frame,
    ) -> Explanation {
        let item = line.body().trim_end();
        let mut help = indent_to(list.indent);
        // Its fields below moved with it: they move back too.
        let content = match shape(line.text, indent) {
            Ok(Shape::Item { inner_at, .. }) => inner_at,
            _ => indent + 2,
        };
        let below = self.lines[index + 1..]
            .iter()
            .find(|l| !l.is_empty())
            .filter(|l| l.indent == content);
        if below.is_some() && indent != list.indent {
            let shift = indent.abs_diff(list.indent);
            let way = if indent > list.indent {
                "left"
            } else {
                "right"
            };
            help.push_str(&format!(
                ", and move the lines below it that belong to it {} {way} too",
                plural(shift, "space")
            ));
        }
        Explanation {
            span: line.span(indent, 1),
            message: format!(
                "`{}` is {}, but {} are {}",
                shorten(item),
                spaces(indent),
                list.items_of(),
                spaces_short(list.indent)
            ),
            help,
            label: spaces_in(indent, list.indent),
        }
    }

    /// A line of text where the fields of a block are.
    fn text_among_fields(
        &self,
        line: &Line,
        at: usize,
        before: &Before,
        top: &Frame,
    ) -> Explanation {
        if let Some(explained) = missing_space(line, at) {
            return explained;
        }
        let text = without_comment(&line.text[at..]);
        if let Before::Plain {
            indent: holder,
            key: Some(key),
            line: started,
            ..
        } = before
            && *holder > line.indent
            && is_prose(self.lines[*started - 1].text)
        {
            let wanted = holder + 2;
            return Explanation {
                span: line.span(at, text.len()),
                message: format!(
                    "this line seems to go on with the text of `{key}` on line {started}, but it is not indented more than `{key}:`"
                ),
                help: format!(
                    "indent it by {wanted} spaces, or join it to the end of the line above"
                ),
                label: "not indented enough".to_owned(),
            };
        }
        if let Before::Block {
            line: opened,
            content: Some(content),
            ..
        } = before
            && line.indent < *content
            && let Ok(Shape::Field { key, .. }) =
                shape(self.lines[*opened - 1].text, self.lines[*opened - 1].indent)
        {
            return Explanation {
                span: line.span(at, text.len()),
                message: format!(
                    "this line seems to go on with the text of `{key}` (the lines after `{key}:` on line {opened}), but it is indented less than they are"
                ),
                help: format!("indent it by {content} spaces, like the lines above it"),
                label: "not indented enough".to_owned(),
            };
        }
        let fields = top.fields_of();
        let belongs = format!("the {}", fields.trim_start_matches("the other "));
        Explanation {
            span: line.span(at, text.len()),
            message: format!(
                "`{}` stands alone on this line, where {belongs} are expected",
                shorten(text)
            ),
            help: stray_help(text),
            label: "stands alone".to_owned(),
        }
    }

    /// Text on its own line under a field, followed by that field's fields:
    /// the text is the stray.
    fn stray_text(&self, line_number: usize, key: Option<&str>) -> Explanation {
        let line = &self.lines[line_number - 1];
        if let Some(explained) = missing_space(line, line.indent) {
            return explained;
        }
        let text = without_comment(line.body());
        let of = key.map_or("this block".to_owned(), |k| format!("`{k}`"));
        Explanation {
            span: line.span(line.indent, text.len()),
            message: format!(
                "`{}` stands alone on this line, where the fields of {of} are expected",
                shorten(text)
            ),
            help: stray_help(text),
            label: "stands alone".to_owned(),
        }
    }
}

/// Whether the value on a `key: value` line reads like a sentence, which a
/// line below might go on with (`90d` or a date does not).
fn is_prose(line: &str) -> bool {
    without_comment(line)
        .split_once(": ")
        .is_some_and(|(_, value)| value.trim().contains(' '))
}

/// What to do with a line of text where fields are: `title COO` lost its
/// `:`; anything else is best deleted or made a field.
fn stray_help(text: &str) -> String {
    match meant_field(text) {
        Some(Meant::NoColon { key, value }) => format!(
            "if `{key}` is the field's name, write `{key}: {value}`; otherwise delete the line"
        ),
        _ => "delete it, or write it as a field: `name: value`".to_owned(),
    }
}

/// A line of text that was meant as a field: its name, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meant<'a> {
    /// `title:COO`: no space after the `:`, which is at byte `colon`.
    NoSpace {
        key: &'a str,
        value: &'a str,
        colon: usize,
    },
    /// `title COO`: no `:` after a name.
    NoColon { key: &'a str, value: &'a str },
}

impl Meant<'_> {
    /// The line as it was meant: `title: COO`.
    pub fn field(&self) -> String {
        match self {
            Meant::NoSpace { key, value, .. } | Meant::NoColon { key, value } => {
                format!("{key}: {value}")
            }
        }
    }
}

/// Whether `text` (a line, or a value read as text) is a field written
/// without the space after its `:` or without its `:`. A name is a word of
/// letters, digits, `_` and `-`; after a missing space, what follows is not
/// `/` (`https://…` is text) or another `:`.
pub fn meant_field(text: &str) -> Option<Meant<'_>> {
    let text = text.trim();
    if let Some(colon) = text.find(':') {
        let (key, value) = (&text[..colon], &text[colon + 1..]);
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if is_key && !value.is_empty() && !value.starts_with([' ', '\t', '/', ':']) {
            return Some(Meant::NoSpace { key, value, colon });
        }
    }
    let (key, value) = text.split_once(' ')?;
    let value = value.trim();
    let is_name = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    (is_name && !value.is_empty() && !value.contains(": ")).then_some(Meant::NoColon { key, value })
}

/// Whether the `- ` item on `line` looks like the items of `list`: a
/// block of fields starting with the field its items start with, or a
/// text where its items are texts.
fn item_fits(line: &Line, list: &Frame) -> bool {
    let Ok(Shape::Item { inner, inner_at }) = shape(line.text, line.indent) else {
        return false;
    };
    match shape(line.text, inner_at) {
        Ok(Shape::Field { key, .. }) if !inner.is_empty() => {
            list.keys.first().is_some_and(|first| first == key)
        }
        _ => list.keys.is_empty(),
    }
}

fn root() -> Frame {
    Frame {
        indent: 0,
        list: false,
        key: None,
        item_of: None,
        keys: Vec::new(),
        flush: false,
        from_line: 0,
    }
}

/// The shape of what follows an item's dash.
fn shape_of_inner<'a>(line: &Line<'a>, at: usize) -> Result<Shape<'a>, Problem> {
    shape(line.text, at)
}

/// `title:COO`: a field whose `:` has no space after it.
fn missing_space(line: &Line, at: usize) -> Option<Explanation> {
    let text = without_comment(&line.text[at..]);
    let Some(Meant::NoSpace { key, value, colon }) = meant_field(text) else {
        return None;
    };
    let colon = at + (text.len() - text.trim_start().len()) + colon;
    Some(Explanation {
        span: line.span(colon, 1),
        message: format!("`{key}:` needs a space after the `:`, or YAML does not see a field"),
        help: format!("write `{key}: {value}`"),
        label: "no space after `:`".to_owned(),
    })
}

/// A long line cut for a message.
pub(crate) fn shorten(text: &str) -> String {
    const MOST: usize = 40;
    if text.chars().count() <= MOST {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MOST).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, line: usize) -> Explanation {
        let source = SourceText::new(text.to_owned());
        let at = source.offset(line, 1);
        explain(&source, text, Span::new(at, at), "")
    }

    #[test]
    fn a_field_without_its_space_or_its_colon_is_read_as_meant() {
        assert_eq!(
            meant_field("title:COO"),
            Some(Meant::NoSpace {
                key: "title",
                value: "COO",
                colon: 5
            })
        );
        assert_eq!(
            meant_field("title COO").map(|m| m.field()),
            Some("title: COO".to_owned())
        );
        assert_eq!(meant_field("https://example.com"), None);
        assert_eq!(meant_field("Routes ready by 7am"), None);
        assert_eq!(meant_field("x"), None);
    }

    #[test]
    fn quotes_what_needs_no_escaping() {
        assert_eq!(quoted("Note: x"), "\"Note: x\"");
        assert_eq!(quoted("\"a\" b"), "'\"a\" b'");
        assert_eq!(quoted("'a' \"b\""), "\"'a' \\\"b\\\"\"");
    }

    #[test]
    fn a_field_one_space_left_of_its_siblings() {
        let e = explained("risks:\n  - id: r-1\n    what: x\n   owner: Ana\n", 4);
        assert_eq!(
            e.message,
            "`owner:` is indented 3 spaces, but the other fields of this risk are indented 4"
        );
        assert_eq!(e.help, "indent it by 4 spaces");
    }

    proptest::proptest! {
        /// Whatever the text and wherever the parser stopped, an
        /// explanation comes back, pointing inside the text.
        #[test]
        fn any_text_is_explained_without_panicking(
            lines in proptest::collection::vec("[ \t]{0,6}(- )?[a-z_\"'\\[\\]{}&*!|>@`%#:?, \\\\-]{0,12}", 0..12),
            at in 0usize..200,
        ) {
            let text = lines.join("\n");
            let source = SourceText::new(text.clone());
            let at = at.min(text.len());
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let e = explain(&source, &text, Span::new(at, at), "");
            proptest::prop_assert!(e.span.end <= text.len() + 3);
            proptest::prop_assert!(!e.message.is_empty() && !e.help.is_empty());
        }
    }

    #[test]
    fn a_long_line_of_anchors_is_read_without_recursion() {
        let text = format!("a: {}x: y\n", "&a ".repeat(100_000));
        let source = SourceText::new(text.clone());
        let e = explain(&source, &text, Span::new(0, 0), "");
        assert_eq!(
            e.message,
            "this text contains `: `, which YAML reads as the start of a new field"
        );
    }

    #[test]
    fn a_valid_document_has_no_problem_to_find() {
        let text = "a:\n  b: c\n  d:\n  - e\n  - f: g\n    h: |\n      x: y\n  i: \"j\n    k\"\n";
        let lines = lines(text);
        assert!(Walk::new(&lines).first_problem(100).is_none());
    }
}
