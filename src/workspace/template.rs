//! Templates for new customers: built in, overridable file by file from the
//! workspace's `templates/` folder, filled with `{{placeholders}}`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::CucError;
use crate::load::notes::body_start;
use crate::load::source::{SourceText, Span};
use crate::workspace::Workspace;

/// The built-in customer templates, by path inside the customer folder.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "understanding.yaml",
        include_str!("../../templates/customer/understanding.yaml"),
    ),
    (
        "notes/handover.md",
        include_str!("../../templates/customer/notes/handover.md"),
    ),
];

pub const WORKSPACE_CONFIG: &str = include_str!("../../templates/workspace/cuc.yaml");
/// The `.gitignore` `cuc init` writes: rendered pages stay out of git.
pub const WORKSPACE_GITIGNORE: &str = include_str!("../../templates/workspace/gitignore");
/// Where `cuc render --all -o pages` writes, the folder that `.gitignore` names.
pub const PAGES_DIR: &str = "pages";
/// The GitHub Actions workflow `cuc init` installs: the documented example, one file.
pub const WORKSPACE_CI: &str = include_str!("../../examples/ci/github-actions.yml");

/// Whether `text` is the built-in template for `path` (not the workspace's own).
pub fn is_built_in(path: &str, text: &str) -> bool {
    BUILT_IN.iter().any(|(p, t)| *p == path && *t == text)
}

/// The templates for a new customer: built-ins, replaced or extended by
/// every file under the workspace's `templates/` folder.
pub fn customer_templates(workspace: &Workspace) -> Result<BTreeMap<String, String>, CucError> {
    let mut templates: BTreeMap<String, String> = BUILT_IN
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect();
    let dir = workspace.root.join("templates");
    if dir.is_dir() {
        collect(workspace, &dir, &dir, &mut templates, 0)?;
    }
    Ok(templates)
}

fn collect(
    workspace: &Workspace,
    base: &Path,
    dir: &Path,
    templates: &mut BTreeMap<String, String>,
    depth: usize,
) -> Result<(), CucError> {
    if depth > 4 {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| CucError::io("read templates folder", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| CucError::io("read templates folder", dir, e))?;
        let path = entry.path();
        // Never follow a template link out of the workspace.
        if !workspace.contains(&path) {
            continue;
        }
        if path.is_dir() {
            collect(workspace, base, &path, templates, depth + 1)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            // Within the workspace's file size, like every document.
            let file = workspace.relative(&path);
            let text = crate::load::read_text(&path, &file, workspace.config.limits)
                .map_err(|failure| {
                    CucError::Usage(format!(
                        "{file}: {}\n  help: {}",
                        failure.finding.message,
                        failure
                            .finding
                            .help
                            .as_deref()
                            .unwrap_or("fix the template")
                    ))
                })?
                .text()
                .to_owned();
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            templates.insert(key, text);
        }
    }
    Ok(())
}

/// The note templates a workspace's customers were scaffolded from, to
/// tell a note nobody has written in yet: the built-in ones and the
/// workspace's own (`templates/notes/…`), both, since a customer made before
/// the workspace had its own template was made from the built-in one.
#[derive(Debug, Clone)]
pub struct NoteTemplates {
    /// Each template's body, as `untouched` compares it: its lines that are
    /// not blank, trimmed, spaces collapsed, `{{key}}` standing for any text.
    bodies: Vec<Vec<String>>,
}

impl NoteTemplates {
    /// The built-in note templates only.
    pub fn built_in() -> NoteTemplates {
        NoteTemplates::from_texts(
            BUILT_IN
                .iter()
                .filter(|(path, _)| path.ends_with(".md"))
                .map(|(_, text)| *text),
        )
    }

    /// The built-in note templates and the workspace's own. A template that
    /// cannot be read is left out here: `cuc new` reports it.
    pub fn of(workspace: &Workspace) -> NoteTemplates {
        let own = customer_templates(workspace).unwrap_or_default();
        let mut templates = NoteTemplates::built_in();
        templates.bodies.extend(
            NoteTemplates::from_texts(
                own.iter()
                    .filter(|(path, _)| path.ends_with(".md"))
                    .map(|(_, text)| text.as_str()),
            )
            .bodies,
        );
        templates.bodies.dedup();
        templates
    }

    fn from_texts<'t>(texts: impl Iterator<Item = &'t str>) -> NoteTemplates {
        let bodies = texts
            .map(|text| {
                let source = SourceText::new(text.to_owned());
                comparable(&source.text()[body_start(&source)..])
                    .map(|(_, line)| line)
                    .collect::<Vec<_>>()
            })
            // A template without text of its own leaves nothing unwritten.
            .filter(|body| !body.is_empty())
            .collect();
        NoteTemplates { bodies }
    }

    /// Whether a note is still a template's text, untouched: its body is,
    /// line for line, a template's body with the values `cuc new` filled in
    /// (blank lines and spacing aside). Then the span of its body's first
    /// line, where the template text begins.
    pub fn untouched(&self, note: &SourceText) -> Option<Span> {
        let start = body_start(note);
        let lines: Vec<(usize, String)> = comparable(&note.text()[start..]).collect();
        let (first, _) = lines.first()?;
        let matches = self.bodies.iter().any(|body| {
            body.len() == lines.len()
                && body
                    .iter()
                    .zip(&lines)
                    .all(|(pattern, (_, line))| filled_from(pattern, line))
        });
        if !matches {
            return None;
        }
        let from = start + first;
        let line = &note.text()[from..];
        let end = line.find('\n').unwrap_or(line.len());
        Some(Span::new(from, from + line[..end].trim_end().len()))
    }
}

/// The lines of a text that are not blank, each with its offset (of its
/// first character that is not a space) and its words joined by one space.
fn comparable(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    text.split_inclusive('\n')
        .scan(0, |offset, line| {
            let at = *offset;
            *offset += line.len();
            Some((at, line))
        })
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(at, line)| {
            let indent = line.len() - line.trim_start().len();
            (
                at + indent,
                line.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
}

/// Whether `line` is the template line `pattern` with each `{{key}}` in it
/// replaced by some text (a value `cuc new` filled in; on one line).
fn filled_from(pattern: &str, line: &str) -> bool {
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find("{{") {
        match rest[open + 2..].find("}}") {
            Some(close) => {
                pieces.push(&rest[..open]);
                rest = &rest[open + 2 + close + 2..];
            }
            None => break,
        }
    }
    pieces.push(rest);
    let [first, middle @ .., last] = pieces.as_slice() else {
        return pattern == line;
    };
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Fills `{{key}}` placeholders in a template file. In YAML, and in a
/// note's front matter, a value is written as a quoted string so no name can
/// break the document; a line whose value was not given becomes a comment
/// showing what to fill in. Markdown text gets values as they are.
pub fn fill(path: &str, template: &str, values: &BTreeMap<&str, Option<String>>) -> String {
    if path.ends_with(".md") {
        let front_end = template
            .strip_prefix("---\n")
            .and_then(|rest| rest.find("\n---").map(|i| i + 4 + 1));
        if let Some(end) = front_end {
            return fill_lines(&template[..end], values, true)
                + &fill_lines(&template[end..], values, false);
        }
        return fill_lines(template, values, false);
    }
    fill_lines(template, values, true)
}

fn fill_lines(text: &str, values: &BTreeMap<&str, Option<String>>, yaml: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut commented = Vec::new();
    for line in text.split_inclusive('\n') {
        let mut filled = line.to_owned();
        let mut missing = false;
        for (key, value) in values {
            let placeholder = format!("{{{{{key}}}}}");
            if !filled.contains(&placeholder) {
                continue;
            }
            let replacement = match value {
                Some(v) if yaml => serde_json::Value::from(v.as_str()).to_string(),
                Some(v) => v.clone(),
                None => {
                    missing = true;
                    format!("<{key}>")
                }
            };
            filled = filled.replace(&placeholder, &replacement);
        }
        // A comment (an example) keeps `<key>` as it is: uncommented, it
        // reads as what to fill in, and is no second `# ` deep.
        if missing && yaml && !filled.trim_start().starts_with('#') {
            comment_out(&mut filled);
            commented.push(lines.len());
        }
        lines.push(filled);
    }
    if yaml {
        comment_out_emptied_parents(&mut lines, &commented);
    }
    lines.concat()
}

fn comment_out(line: &mut String) {
    let indent = line.len() - line.trim_start().len();
    line.insert_str(indent, "# ");
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// A block whose only content was commented out would be left empty (and
/// invalid): comment out its key too, so the writer sees what to fill in.
fn comment_out_emptied_parents(lines: &mut [String], commented: &[usize]) {
    for &index in commented {
        let child_indent = indent_of(&lines[index]);
        let Some(parent) = (0..index)
            .rev()
            .find(|&i| is_content(&lines[i]) && indent_of(&lines[i]) < child_indent)
        else {
            continue;
        };
        if !lines[parent].trim_end().ends_with(':') {
            continue;
        }
        let parent_indent = indent_of(&lines[parent]);
        let has_content = lines[parent + 1..]
            .iter()
            .filter(|l| is_content(l))
            .take_while(|l| indent_of(l) > parent_indent)
            .next()
            .is_some();
        if !has_content {
            comment_out(&mut lines[parent]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_quoted_and_comments_out_missing_values() {
        let values = BTreeMap::from([
            ("name", Some("O'Brien: \"Best\" Co".to_owned())),
            ("sales", None),
        ]);
        let out = fill(
            "understanding.yaml",
            "name: {{name}}\n  sales: {{sales}}\n",
            &values,
        );
        assert_eq!(
            out,
            "name: \"O'Brien: \\\"Best\\\" Co\"\n  # sales: <sales>\n"
        );
    }
}

#[cfg(test)]
mod note_tests {
    use super::*;

    fn note(text: &str) -> SourceText {
        SourceText::new(text.to_owned())
    }

    #[test]
    fn a_filled_line_matches_its_template_line() {
        assert!(filled_from(
            "# Handover: {{name}}",
            "# Handover: Northwind Foods"
        ));
        assert!(filled_from("{{a}} and {{b}}", "x and y"));
        assert!(filled_from("plain", "plain"));
        assert!(!filled_from("plain", "plain, and more"));
        assert!(!filled_from(
            "# Handover: {{name}}",
            "# Kick-off: Northwind"
        ));
        assert!(!filled_from("{{a}} and {{b}}", "x or y"));
        // The end of the line must be the template's.
        assert!(filled_from("Met {{name}}.", "Met Acme."));
        assert!(!filled_from("Met {{name}}.", "Met Acme"));
    }

    #[test]
    fn the_built_in_handover_untouched_is_found_and_a_written_one_is_not() {
        let templates = NoteTemplates::built_in();
        let filled = fill(
            "notes/handover.md",
            BUILT_IN
                .iter()
                .find(|(path, _)| *path == "notes/handover.md")
                .expect("the handover template")
                .1,
            &BTreeMap::from([
                ("name", Some("Northwind Foods".to_owned())),
                ("today", Some("2026-11-23".to_owned())),
            ]),
        );
        let source = note(&filled);
        let span = templates.untouched(&source).expect("untouched");
        assert_eq!(&filled[span.start..span.end], "# Handover: Northwind Foods");
        // With other spacing, blank lines or line endings, it is still the template.
        let spaced = filled
            .replace("# Handover: ", "#  Handover:   ")
            .replace("deliver.\n", "deliver.   \n\n\n");
        assert!(templates.untouched(&note(&spaced)).is_some());
        let crlf = filled.replace('\n', "\r\n");
        let span = templates.untouched(&note(&crlf)).expect("untouched");
        assert_eq!(&crlf[span.start..span.end], "# Handover: Northwind Foods");
        // A line written under it, and it is a note.
        let written = note(&format!(
            "{filled}\nSales met Henrik at a trade fair in March.\n"
        ));
        assert_eq!(templates.untouched(&written), None);
        // Its text replaced, and it is a note.
        let replaced = note("---\ntitle: Handover\n---\n# Handover\n\nHenrik found us.\n");
        assert_eq!(templates.untouched(&replaced), None);
        // An empty note is no template's text.
        assert_eq!(templates.untouched(&note("---\ntitle: x\n---\n")), None);
    }
}

#[cfg(test)]
mod comment_tests {
    use super::*;

    #[test]
    fn a_commented_example_keeps_a_missing_value_as_a_guide() {
        let values = BTreeMap::from([("sales", None), ("cs", Some("a@b.example".to_owned()))]);
        let template = "handover:\n  attendees: []\n    # - {{cs}}\n    # - {{sales}}\n";
        let out = fill("understanding.yaml", template, &values);
        assert_eq!(
            out,
            "handover:\n  attendees: []\n    # - \"a@b.example\"\n    # - <sales>\n"
        );
    }
}

#[cfg(test)]
mod markdown_tests {
    use super::*;

    #[test]
    fn quotes_only_inside_front_matter() {
        let values = BTreeMap::from([("name", Some("Acme".to_owned()))]);
        let out = fill(
            "notes/a.md",
            "---\ntitle: {{name}}\n---\n# {{name}}\n",
            &values,
        );
        assert_eq!(out, "---\ntitle: \"Acme\"\n---\n# Acme\n");
    }
}

#[cfg(test)]
mod block_tests {
    use super::*;

    #[test]
    fn an_emptied_block_is_commented_out_too() {
        let values = BTreeMap::from([("renewal", None)]);
        let template =
            "customer:\n  contract:\n    renewal: {{renewal}}\n    # arr: 1\nreview: x\n";
        let out = fill("understanding.yaml", template, &values);
        assert_eq!(
            out,
            "customer:\n  # contract:\n    # renewal: <renewal>\n    # arr: 1\nreview: x\n"
        );
    }
}
