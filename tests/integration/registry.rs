//! The registry of checks is the single source: `load::check::CHECKS` and the
//! review rules (`RULES` and `IGNORE_CHECKS` in src/judge/rules/). Adding a
//! rule is its file and one line in `RULES`; these tests then say what else
//! to write, and fail on any drift between the registry and what is written
//! about it elsewhere: the rule names in schema/config.json, the README's
//! rule table and docs/rules.md, whose examples are run for real.
//!
//! Each comparison is a function from the registry and a text to the list
//! of what is wrong, so the tests at the end can show that each one fails
//! on a doctored input.

use std::collections::BTreeSet;
use std::path::Path;

use cuc::judge::catalog;
use cuc::judge::rules::{self, RULES};
use cuc::load::check::{Check, Severity};

use crate::common::{cuc, fixture};

const README: &str = include_str!("../../README.md");
const CONFIG_SCHEMA: &str = include_str!("../../schema/config.json");
const DOCS: &str = include_str!("../../docs/rules.md");

/// Where docs/rules.md's examples live, one workspace per rule.
const EXAMPLES: &str = "rules-docs";

/// The rules a workspace configures in cuc.yaml's `rules:`, and which
/// docs/rules.md shows: the review rules and the checks on ignores.
fn configurable() -> Vec<&'static Check> {
    rules::checks().collect()
}

/// The rules of the README's table: the review rules.
fn review_rules() -> Vec<&'static Check> {
    RULES.iter().map(|r| &r.check).collect()
}

/// Markdown for text that may hold `<placeholders>`, as docs/rules.md
/// writes a check's summary and explanation.
fn markdown(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---------------------------------------------------------------------------
// The comparisons

/// Checks without a summary, or without an explanation worth the name.
fn unexplained(checks: &[&Check]) -> Vec<String> {
    let mut problems = Vec::new();
    for check in checks {
        if check.summary.trim().is_empty() {
            problems.push(format!(
                "check `{}` has no summary: write in its Check's `summary` one line saying what it finds",
                check.name
            ));
        }
        if check.explanation.trim().len() < 80 {
            problems.push(format!(
                "check `{}` has no real explanation ({} characters): write in its Check's `explanation` why it matters and how to fix what it finds (80 characters at least)",
                check.name,
                check.explanation.trim().len()
            ));
        }
    }
    problems
}

/// The rule names schema/config.json lists against those of the registry.
fn schema_drift(rules: &[&Check], schema: &str) -> Vec<String> {
    let schema: serde_json::Value = match serde_json::from_str(schema) {
        Ok(schema) => schema,
        Err(e) => return vec![format!("schema/config.json is not JSON: {e}")],
    };
    let Some(listed) = schema
        .pointer("/properties/rules/properties")
        .and_then(|p| p.as_object())
    else {
        return vec![
            "schema/config.json has no `properties.rules.properties`: add it, with one entry per rule"
                .to_owned(),
        ];
    };
    let mut problems = Vec::new();
    for rule in rules {
        if !listed.contains_key(rule.name) {
            problems.push(format!(
                "schema/config.json lacks rule `{0}`: add `\"{0}\": {{ \"$ref\": \"#/$defs/severity\" }}` under properties.rules.properties",
                rule.name
            ));
        }
    }
    for name in listed.keys() {
        if !rules.iter().any(|r| r.name == name) {
            problems.push(format!(
                "schema/config.json names rule `{name}`, which the registry does not have: remove it from properties.rules.properties (or add the rule to RULES in src/judge/rules/mod.rs)"
            ));
        }
    }
    problems
}

/// One row of the README's rule table: the rule and its default cell.
struct Row {
    rule: String,
    default: String,
}

/// The rows of the table under "**Review rules**", or why there are none.
fn readme_table(readme: &str) -> Result<Vec<Row>, String> {
    let mut lines = readme
        .lines()
        .skip_while(|l| !l.starts_with("**Review rules**"))
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'));
    let header = lines.next();
    if header.map(|h| h.replace(' ', "")) != Some("|rule|fireswhen|default|".to_owned()) {
        return Err(
            "README.md has no rule table `| rule | fires when | default |` under **Review rules**: put it back"
                .to_owned(),
        );
    }
    let mut rows = Vec::new();
    for line in lines.skip(1) {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let [rule, _, default] = cells[..] else {
            return Err(format!(
                "README.md's rule table has a row that is not `| rule | fires when | default |`: {line}"
            ));
        };
        rows.push(Row {
            rule: rule.trim_matches('`').to_owned(),
            default: default.to_owned(),
        });
    }
    Ok(rows)
}

/// The README's rule table against the registry's review rules.
fn readme_drift(rules: &[&Check], readme: &str) -> Vec<String> {
    let rows = match readme_table(readme) {
        Ok(rows) => rows,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    for rule in rules {
        match rows.iter().filter(|r| r.rule == rule.name).count() {
            0 => problems.push(format!(
                "README.md's rule table (under **Review rules**) lacks `{0}`: add the row `| `{0}` | {1} | {2} |`",
                rule.name, rule.summary, rule.severity
            )),
            1 => {}
            _ => problems.push(format!(
                "README.md's rule table has `{}` more than once: remove all but one of its rows",
                rule.name
            )),
        }
    }
    for row in &rows {
        match rules.iter().find(|r| r.name == row.rule) {
            None => problems.push(format!(
                "README.md's rule table names `{}`, which the registry does not have: remove its row (or add the rule to RULES in src/judge/rules/mod.rs)",
                row.rule
            )),
            Some(rule) if row.default != rule.severity.to_string() => problems.push(format!(
                "README.md's rule table shows `{}` as `{}` by default, but its default is `{}`: change the row's default to `{}`",
                row.rule, row.default, rule.severity, rule.severity
            )),
            Some(_) => {}
        }
    }
    problems
}

/// A fenced block of a docs section: its language and text.
struct Block {
    language: String,
    text: String,
}

/// A `## rule` section of docs/rules.md.
struct Section {
    rule: String,
    body: String,
    blocks: Vec<Block>,
}

fn sections(docs: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut open: Option<Block> = None;
    for line in docs.split_inclusive('\n') {
        if let Some(block) = &mut open {
            if line.trim_end() == "```" {
                let block = open.take().expect("a block is open");
                if let Some(section) = sections.last_mut() {
                    section.blocks.push(block);
                }
            } else {
                block.text.push_str(line);
            }
            continue;
        }
        if let Some(language) = line.strip_prefix("```") {
            open = Some(Block {
                language: language.trim().to_owned(),
                text: String::new(),
            });
        } else if let Some(rule) = line.strip_prefix("## ") {
            sections.push(Section {
                rule: rule.trim().to_owned(),
                body: String::new(),
                blocks: Vec::new(),
            });
        } else if let Some(section) = sections.last_mut() {
            section.body.push_str(line);
        }
    }
    sections
}

/// The paragraph under `### heading` in a section's text.
fn paragraph<'a>(body: &'a str, heading: &str) -> Option<&'a str> {
    let start = body.find(&format!("### {heading}\n"))? + heading.len() + 5;
    let rest = &body[start..];
    Some(rest.split("\n### ").next().unwrap_or(rest).trim())
}

/// docs/rules.md against the registry: one section per rule, with the
/// rule's summary, default severity and explanation, an example (YAML),
/// its output (text) and how to fix it.
fn docs_drift(rules: &[&Check], docs: &str) -> Vec<String> {
    let sections = sections(docs);
    let mut problems = Vec::new();
    for rule in rules {
        let found: Vec<&Section> = sections.iter().filter(|s| s.rule == rule.name).collect();
        let section = match found[..] {
            [] => {
                problems.push(format!(
                    "docs/rules.md has no section for `{0}`: add `## {0}` with its summary, default severity, an example (a ```yaml block and a ```text block with what `cuc review` prints for it, from tests/fixtures/{EXAMPLES}/{0}/), why it matters and how to fix it",
                    rule.name
                ));
                continue;
            }
            [one] => one,
            _ => {
                problems.push(format!(
                    "docs/rules.md has more than one `## {}` section: merge them into one",
                    rule.name
                ));
                continue;
            }
        };
        let expected = [
            format!("- **Finds:** {}\n", markdown(rule.summary)),
            format!("- **Default severity:** {}\n", rule.severity),
        ];
        for line in expected {
            if !section.body.contains(&line) {
                problems.push(format!(
                    "docs/rules.md's `## {}` does not say what the registry does: write the line `{}`",
                    rule.name,
                    line.trim_end()
                ));
            }
        }
        if paragraph(&section.body, "Why it matters") != Some(markdown(rule.explanation).as_str()) {
            problems.push(format!(
                "docs/rules.md's `## {}` does not give the rule's explanation: write under `### Why it matters` the paragraph\n{}",
                rule.name,
                markdown(rule.explanation)
            ));
        }
        if paragraph(&section.body, "How to fix it").is_none_or(str::is_empty) {
            problems.push(format!(
                "docs/rules.md's `## {}` does not say how to fix its example: add `### How to fix it` with the fix",
                rule.name
            ));
        }
        let count = |language: &str| {
            section
                .blocks
                .iter()
                .filter(|b| b.language == language)
                .count()
        };
        if count("yaml") == 0 || count("text") != 1 {
            problems.push(format!(
                "docs/rules.md's `## {}` needs its example: one or more ```yaml blocks (excerpts of tests/fixtures/{EXAMPLES}/{}/) and one ```text block with what cuc prints for it",
                rule.name, rule.name
            ));
        }
    }
    for section in &sections {
        if !rules.iter().any(|r| r.name == section.rule) {
            problems.push(format!(
                "docs/rules.md has a section `## {}`, which the registry does not have: remove it (or add the rule to RULES in src/judge/rules/mod.rs)",
                section.rule
            ));
        }
    }
    problems
}

/// The example workspaces against the rules: one folder per rule.
fn examples_drift(rules: &[&Check], folders: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    for rule in rules {
        if !folders.contains(rule.name) {
            problems.push(format!(
                "tests/fixtures/{EXAMPLES}/ has no example for `{}`: add a workspace in tests/fixtures/{EXAMPLES}/{}/ (cuc.yaml and customers/acme/) on which `cuc review acme` reports it",
                rule.name, rule.name
            ));
        }
    }
    for folder in folders {
        if !rules.iter().any(|r| r.name == folder) {
            problems.push(format!(
                "tests/fixtures/{EXAMPLES}/{folder}/ is the example of a rule the registry does not have: remove it"
            ));
        }
    }
    problems
}

/// Each section's example, run: every ```yaml block (its first line a
/// comment naming the file) and ```markdown block (an HTML comment naming
/// the note, `<!-- customers/acme/notes/x.md -->`) must be a part of that file in the rule's
/// workspace, and the ```text block, a `$ cuc ...` line and then the
/// output, exactly what that command prints there and mention the rule.
fn examples_differ(docs: &str, root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for section in sections(docs) {
        let dir = root.join(&section.rule);
        for block in &section.blocks {
            let Some((first, excerpt)) = block.text.split_once('\n') else {
                continue;
            };
            // The first line names the file: a YAML comment, or in a
            // note's Markdown an HTML comment.
            let file = match block.language.as_str() {
                "yaml" => first.strip_prefix("# "),
                "markdown" => first
                    .strip_prefix("<!-- ")
                    .and_then(|f| f.strip_suffix(" -->")),
                _ => None,
            };
            let Some(file) = file else {
                // A block that is not an example (how to configure, say).
                continue;
            };
            let path = dir.join(file.trim());
            match std::fs::read_to_string(&path) {
                Ok(text) if text.contains(excerpt) => {}
                Ok(_) => problems.push(format!(
                    "docs/rules.md's `## {}` shows {} that is not in {}: copy the excerpt from the file, or change the file",
                    section.rule,
                    if block.language == "yaml" { "YAML" } else { "Markdown" },
                    path.display()
                )),
                Err(e) => problems.push(format!(
                    "docs/rules.md's `## {}` shows an excerpt of {}, which cannot be read ({e}): name a file of tests/fixtures/{EXAMPLES}/{}/ on the block's first line",
                    section.rule,
                    path.display(),
                    section.rule
                )),
            }
        }
        let Some(shown) = section.blocks.iter().find(|b| b.language == "text") else {
            continue;
        };
        let Some((command, output)) = shown.text.split_once('\n') else {
            continue;
        };
        let Some(args) = command.strip_prefix("$ cuc ") else {
            problems.push(format!(
                "docs/rules.md's `## {}`: the ```text block must start with the command, `$ cuc review acme`",
                section.rule
            ));
            continue;
        };
        if !dir.is_dir() {
            // examples_drift says what to add.
            continue;
        }
        let args: Vec<&str> = args.split_whitespace().collect();
        let run = cuc(&dir, &args);
        if run.stdout != output || !run.stderr.is_empty() {
            problems.push(format!(
                "docs/rules.md's `## {}` does not show what `cuc {}` prints in tests/fixtures/{EXAMPLES}/{}/: replace its ```text block's output with\n{}{}",
                section.rule,
                args.join(" "),
                section.rule,
                run.stdout,
                if run.stderr.is_empty() {
                    String::new()
                } else {
                    format!("(and it wrote to stderr, which it must not:\n{})", run.stderr)
                }
            ));
        }
        if !output.contains(&format!("[{}]\n", section.rule)) {
            problems.push(format!(
                "the example of `{0}` does not trigger `{0}`: change tests/fixtures/{EXAMPLES}/{0}/ so that it does",
                section.rule
            ));
        }
    }
    problems
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n\n"));
}

// ---------------------------------------------------------------------------
// The registry against the real files

#[test]
fn every_check_in_the_registry_is_explained() {
    assert_none(unexplained(&catalog::all().collect::<Vec<_>>()));
}

#[test]
fn the_config_schema_names_exactly_the_registry_rules() {
    assert_none(schema_drift(&configurable(), CONFIG_SCHEMA));
}

#[test]
fn the_readme_rule_table_matches_the_registry() {
    assert_none(readme_drift(&review_rules(), README));
}

#[test]
fn docs_rules_has_one_section_for_each_registry_rule() {
    assert_none(docs_drift(&configurable(), DOCS));
}

#[test]
fn docs_rules_has_one_example_workspace_for_each_registry_rule() {
    let folders = std::fs::read_dir(fixture(EXAMPLES))
        .expect("the examples folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_none(examples_drift(&configurable(), &folders));
}

#[test]
fn docs_rules_shows_what_cuc_prints_for_each_example() {
    assert_none(examples_differ(DOCS, &fixture(EXAMPLES)));
}

// ---------------------------------------------------------------------------
// Each comparison fails on a doctored input

const MADE_UP: Check = Check {
    name: "made-up-rule",
    severity: Severity::Warning,
    summary: "something made up for a test",
    explanation: "A rule that exists only in this test, to show that the comparisons notice a rule \
                  that is written nowhere else.",
};

fn with_made_up(checks: Vec<&'static Check>) -> Vec<&'static Check> {
    checks.into_iter().chain([&MADE_UP]).collect()
}

/// `checks` with the one named `name` left out, as if it had been removed.
fn leaving_out(checks: Vec<&'static Check>, name: &str) -> Vec<&'static Check> {
    checks.into_iter().filter(|c| c.name != name).collect()
}

/// The problems, each cut at its colon: what is wrong, without the fix.
fn said(problems: &[String]) -> Vec<&str> {
    problems
        .iter()
        .map(|p| p.split(": ").next().unwrap_or(p))
        .collect()
}

#[test]
fn an_unexplained_check_is_caught() {
    let bare = Check {
        name: "bare",
        severity: Severity::Info,
        summary: "",
        explanation: "Fix it.",
    };
    let problems = unexplained(&[&bare, &MADE_UP]);
    assert_eq!(
        said(&problems),
        [
            "check `bare` has no summary",
            "check `bare` has no real explanation (7 characters)"
        ]
    );
}

#[test]
fn the_config_schema_drifting_is_caught() {
    let problems = schema_drift(&with_made_up(configurable()), CONFIG_SCHEMA);
    assert_eq!(
        said(&problems),
        ["schema/config.json lacks rule `made-up-rule`"]
    );
    assert!(problems[0].contains(r##""made-up-rule": { "$ref": "#/$defs/severity" }"##));

    let doctored = CONFIG_SCHEMA.replacen(
        "\"placeholder\": {",
        "\"placeholders\": { \"$ref\": \"#/$defs/severity\" },\n      \"placeholder\": {",
        1,
    );
    assert_ne!(doctored, CONFIG_SCHEMA, "the schema lists placeholder");
    let problems = schema_drift(&configurable(), &doctored);
    assert_eq!(
        said(&problems),
        ["schema/config.json names rule `placeholders`, which the registry does not have"]
    );

    let without = leaving_out(configurable(), "unused-ignore");
    let problems = schema_drift(&without, CONFIG_SCHEMA);
    assert_eq!(
        said(&problems),
        ["schema/config.json names rule `unused-ignore`, which the registry does not have"]
    );
    assert_eq!(
        said(&schema_drift(&configurable(), "{}")),
        ["schema/config.json has no `properties.rules.properties`"]
    );
}

#[test]
fn the_readme_table_drifting_is_caught() {
    let problems = readme_drift(&with_made_up(review_rules()), README);
    assert_eq!(
        said(&problems),
        ["README.md's rule table (under **Review rules**) lacks `made-up-rule`"]
    );
    assert!(
        problems[0].contains("| `made-up-rule` | something made up for a test | warning |"),
        "{}",
        problems[0]
    );

    let without = leaving_out(review_rules(), "placeholder");
    assert_eq!(
        said(&readme_drift(&without, README)),
        ["README.md's rule table names `placeholder`, which the registry does not have"]
    );

    let row = "| `no-non-scope` | scope has no `out` | warning |";
    assert!(README.contains(row), "the README's row for no-non-scope");
    let doctored = README.replacen(row, "| `no-non-scope` | scope has no `out` | error |", 1);
    assert_eq!(
        said(&readme_drift(&review_rules(), &doctored)),
        [
            "README.md's rule table shows `no-non-scope` as `error` by default, but its default is `warning`"
        ]
    );
    let doubled = README.replacen(row, &format!("{row}\n{row}"), 1);
    assert_eq!(
        said(&readme_drift(&review_rules(), &doubled)),
        ["README.md's rule table has `no-non-scope` more than once"]
    );
    let gone = README.replacen("**Review rules**", "**Rules**", 1);
    assert_eq!(
        said(&readme_drift(&review_rules(), &gone)),
        ["README.md has no rule table `| rule | fires when | default |` under **Review rules**"]
    );
}

#[test]
fn docs_rules_drifting_is_caught() {
    let problems = docs_drift(&with_made_up(configurable()), DOCS);
    assert_eq!(
        said(&problems),
        ["docs/rules.md has no section for `made-up-rule`"]
    );

    let without = leaving_out(configurable(), "unused-ignore");
    assert_eq!(
        said(&docs_drift(&without, DOCS)),
        ["docs/rules.md has a section `## unused-ignore`, which the registry does not have"]
    );

    let stale = DOCS
        .replacen(
            "- **Finds:** scope has no `out`",
            "- **Finds:** scope has no `outside`",
            1,
        )
        .replacen(
            "Explicit non-scope matters as much as scope",
            "Non-scope matters",
            1,
        );
    assert_eq!(
        said(&docs_drift(&configurable(), &stale)),
        [
            "docs/rules.md's `## no-non-scope` does not say what the registry does",
            "docs/rules.md's `## no-non-scope` does not give the rule's explanation"
        ]
    );

    let start = DOCS.find("## no-non-scope\n").expect("a section");
    let end = start
        + DOCS[start..]
            .find("### Why it matters")
            .expect("its explanation");
    let without_example = format!(
        "{}## no-non-scope\n\n- **Finds:** {}\n- **Default severity:** warning\n\n{}",
        &DOCS[..start],
        markdown(catalog::find("no-non-scope").unwrap().summary),
        &DOCS[end..]
    );
    assert_eq!(
        said(&docs_drift(&configurable(), &without_example)),
        ["docs/rules.md's `## no-non-scope` needs its example"]
    );
}

#[test]
fn an_example_workspace_drifting_is_caught() {
    let mut folders: BTreeSet<String> = configurable().iter().map(|c| c.name.to_owned()).collect();
    folders.remove("placeholder");
    folders.insert("retired-rule".to_owned());
    assert_eq!(
        said(&examples_drift(&configurable(), &folders)),
        [
            "tests/fixtures/rules-docs/ has no example for `placeholder`",
            "tests/fixtures/rules-docs/retired-rule/ is the example of a rule the registry does not have"
        ]
    );
}

#[test]
fn an_example_whose_output_or_excerpt_drifted_is_caught() {
    let start = DOCS.find("## no-non-scope\n").expect("a section");
    let end = start + DOCS[start..].find("### How to fix it").expect("its fix");
    let section = &DOCS[start..end];
    assert!(section.contains("  in: [Slot booking for the Bremen dock]\n"));
    let doctored = section
        .replacen(
            "  in: [Slot booking for the Bremen dock]\n",
            "  in: [Slot booking for the Hamburg dock]\n",
            1,
        )
        .replacen("0 errors, 1 warning", "0 errors, 2 warnings", 1);
    let problems = examples_differ(&doctored, &fixture(EXAMPLES));
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("docs/rules.md's `## no-non-scope` shows YAML that is not in ")
            && problems[0].ends_with("no-non-scope/customers/acme/understanding.yaml: copy the excerpt from the file, or change the file"),
        "{}",
        problems[0]
    );
    assert_eq!(
        said(&problems[1..]),
        [
            "docs/rules.md's `## no-non-scope` does not show what `cuc review acme` prints in tests/fixtures/rules-docs/no-non-scope/"
        ]
    );
    assert!(
        problems[1].contains("0 errors, 1 warning in 2 files"),
        "{}",
        problems[1]
    );

    let elsewhere = section.replacen("## no-non-scope", "## placeholder", 1);
    let problems = examples_differ(&elsewhere, &fixture(EXAMPLES));
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("the example of `placeholder` does not trigger `placeholder`")),
        "{problems:?}"
    );
}

#[test]
fn a_note_excerpt_that_drifted_is_caught() {
    let start = DOCS.find("## placeholder\n").expect("a section");
    let end = start + DOCS[start..].find("### How to fix it").expect("its fix");
    let section = &DOCS[start..end];
    assert!(
        section
            .contains("<!-- customers/acme/notes/handover.md -->\n# Handover: Acme Freight GmbH\n")
    );
    assert!(examples_differ(section, &fixture(EXAMPLES)).is_empty());
    let doctored = section.replacen("# Handover: Acme Freight GmbH", "# Handover: Acme", 1);
    let problems = examples_differ(&doctored, &fixture(EXAMPLES));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("docs/rules.md's `## placeholder` shows Markdown that is not in ")
            && problems[0]
                .contains("placeholder/customers/acme/notes/handover.md: copy the excerpt"),
        "{}",
        problems[0]
    );
}

#[test]
fn the_doctored_inputs_start_from_files_without_drift() {
    // The doctored tests above find exactly one problem each only because
    // the real files have none; say so here rather than in six places.
    assert!(unexplained(&catalog::all().collect::<Vec<_>>()).is_empty());
    assert!(schema_drift(&configurable(), CONFIG_SCHEMA).is_empty());
    assert!(readme_drift(&review_rules(), README).is_empty());
    assert!(docs_drift(&configurable(), DOCS).is_empty());
}
