//! Templates for new customers: built in, overridable file by file from the
//! workspace's `templates/` folder, filled with `{{placeholders}}`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::CucError;
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
        if missing && yaml {
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
