//! `cuc init`, `cuc new`, `cuc schema`, `cuc completions`.

use crate::common::{Scratch, cuc, findings};

#[test]
fn init_creates_a_workspace_and_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    let run = cuc(dir.path(), &["init", "crm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("crm");
    for path in [
        "cuc.yaml",
        "customers/.gitkeep",
        ".github/workflows/cuc.yml",
        ".git/HEAD",
    ] {
        assert!(root.join(path).exists(), "{path} was not created");
    }
    assert!(
        run.stdout.contains("created a git repository"),
        "{}",
        run.stdout
    );
    // The new workspace is valid and empty.
    let run = cuc(&root, &["validate"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: 0 files checked, no problems found\n")
    );
    // And init never overwrites.
    let before = std::fs::read(root.join("cuc.yaml")).unwrap();
    let run = cuc(&root, &["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is already a cuc workspace"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(root.join("cuc.yaml")).unwrap(), before);
}

#[test]
fn init_starts_the_repository_on_main_where_the_workflow_runs() {
    let dir = tempfile::tempdir().unwrap();
    let run = cuc(dir.path(), &["init", "crm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("crm");
    // The first commit lands on main, not on git's old default, master.
    assert_eq!(
        std::fs::read_to_string(root.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    // The workflow init writes is the documented example, byte for byte, and
    // it runs on pushes to that branch.
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/github-actions.yml");
    let written = std::fs::read_to_string(root.join(".github/workflows/cuc.yml")).unwrap();
    assert_eq!(written, std::fs::read_to_string(example).unwrap());
    let workflow: serde_json::Value = serde_saphyr::from_str(&written).unwrap();
    assert_eq!(
        workflow["on"]["push"]["branches"],
        serde_json::json!(["main"])
    );
}

#[test]
fn init_inside_a_repository_does_not_make_another() {
    let dir = tempfile::tempdir().unwrap();
    git2::Repository::init(dir.path()).unwrap();
    let run = cuc(dir.path(), &["init", "accounts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("already inside a git repository"));
    assert!(!dir.path().join("accounts/.git").exists());
}

/// What `cuc init` writes in `.gitignore`, word for word.
const GITIGNORE: &str = "\
# The pages `cuc render --all -o pages` writes are built from the documents in
# customers/, and the documents are the source of truth: render the pages again
# whenever you need them, rather than keep copies in git that go out of date.
/pages/
";

#[test]
fn init_leaves_the_rendered_pages_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let run = cuc(dir.path(), &["init", "crm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("crm").canonicalize().unwrap();
    assert_eq!(
        run.stdout,
        "Created a cuc workspace in crm/ (created a git repository):
  .git/ (a new git repository)
  cuc.yaml
  customers/
  schema/ (the schemas your editor reads to suggest fields and values)
  .github/workflows/cuc.yml (cuc check, code scanning and a diff comment on every pull request)
  .gitignore (leaves pages/, the pages `cuc render --all -o pages` writes, out of git)

Next: `cd crm`, then add your first customer with `cuc new ID --interactive`, which asks the page's questions one by one (or `cuc new ID --name NAME --cs EMAIL` for a template to fill in).
Then `cuc render --all -o pages` builds every customer's page into pages/.
"
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        GITIGNORE
    );
    // The pages `render --all -o pages` writes are left out of git; the
    // documents, even of a customer called `pages`, are not.
    let run = cuc(&root, &["new", "pages", "--cs", "a@b.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = cuc(&root, &["render", "--all", "-o", "pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("pages/index.html").is_file());
    let repo = git2::Repository::open(&root).unwrap();
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    let mut seen: Vec<String> = repo
        .statuses(Some(&mut options))
        .unwrap()
        .iter()
        .map(|entry| entry.path().unwrap().to_owned())
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ".github/workflows/cuc.yml",
            ".gitignore",
            "cuc.yaml",
            "customers/.gitkeep",
            "customers/pages/notes/handover.md",
            "customers/pages/understanding.yaml",
            "schema/config.json",
            "schema/decisions.json",
            "schema/reviews.json",
            "schema/understanding.json",
        ]
    );
}

#[test]
fn init_keeps_an_existing_gitignore_and_says_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    let ours = "# ours\ntarget/\n*.log";
    std::fs::write(dir.path().join(".gitignore"), ours).unwrap();
    let run = cuc(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        ours,
        "not a byte of a person's .gitignore changes"
    );
    assert!(
        run.stdout.contains(
            "  .gitignore (kept: it already exists; add the line `/pages/` to it, so the pages `cuc render --all -o pages` writes stay out of git)\n"
        ),
        "{}",
        run.stdout
    );

    // One that already leaves the pages out is only kept.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "pages/\n").unwrap();
    let run = cuc(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  .gitignore (kept: it already exists, and already leaves pages/ out of git)\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "pages/\n"
    );
}

#[test]
fn new_scaffolds_a_customer_that_validates() {
    let scratch = Scratch::new();
    let run = scratch.run(&[
        "new",
        "northwind-traders",
        "--cs",
        "maria@vendor.example",
        "--renewal",
        "2027-09-30",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Created customer `northwind-traders` in customers/northwind-traders/:
  customers/northwind-traders/notes/handover.md
  customers/northwind-traders/understanding.yaml

Next: fill in customers/northwind-traders/understanding.yaml with sales (its commented examples show what to write), replace every TODO, write the story of the deal in customers/northwind-traders/notes/handover.md, and share it with the customer: \"Is this right? What did we miss?\"
"
    );
    let text = std::fs::read_to_string(
        scratch
            .path()
            .join("customers/northwind-traders/understanding.yaml"),
    )
    .unwrap();
    assert!(text.contains("  name: \"Northwind Traders\"\n"));
    assert!(text.contains("    cs: \"maria@vendor.example\"\n"));
    assert!(
        text.contains("    # sales: <sales>\n"),
        "absent values become a guiding comment"
    );
    assert!(text.contains("    renewal: \"2027-09-30\"\n"));
    let note = std::fs::read_to_string(
        scratch
            .path()
            .join("customers/northwind-traders/notes/handover.md"),
    )
    .unwrap();
    assert!(note.contains("date: \"2026-11-23\"\n"), "{note}");
    assert!(note.contains("# Handover: Northwind Traders\n"), "{note}");
    let run = scratch.run(&["validate"]);
    assert_eq!(run.code, 0, "a fresh customer validates: {}", run.stdout);
}

#[test]
fn new_quotes_names_so_they_cannot_break_the_yaml() {
    let scratch = Scratch::new();
    let run = scratch.run(&[
        "new",
        "obrien",
        "--name",
        "O'Brien: \"Best\" #1 Co\nx: y",
        "--cs",
        "a@b.example",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(scratch.run(&["validate"]).code, 0);
}

#[test]
fn new_refuses_bad_ids_before_touching_anything() {
    let scratch = Scratch::new();
    let long = "a".repeat(64);
    for id in [
        "../x",
        "a/b",
        "CON",
        ".git",
        "",
        long.as_str(),
        "Acme",
        "-x",
    ] {
        let run = scratch.run(&["new", "--cs", "a@b.example", "--", id]);
        assert_eq!(run.code, 2, "{id}");
        assert!(
            run.stderr.contains("is not a valid customer id"),
            "{id}: {}",
            run.stderr
        );
    }
    let entries: Vec<_> = std::fs::read_dir(scratch.path().join("customers"))
        .unwrap()
        .collect();
    assert!(entries.is_empty(), "nothing was written");
    assert!(!scratch.path().join("x").exists());
}

#[test]
fn new_never_touches_an_existing_customer() {
    let scratch = Scratch::new();
    scratch.write("customers/acme/understanding.yaml", "# ours\n");
    let run = scratch.run(&["new", "acme", "--cs", "a@b.example"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("customer `acme` already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("customers/acme/understanding.yaml")).unwrap(),
        "# ours\n"
    );
}

#[test]
fn new_asks_for_the_cs_owner_when_git_does_not_know_them() {
    let scratch = Scratch::new();
    let run = scratch.run(&["new", "acme"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("pass their email with --cs EMAIL"),
        "{}",
        run.stderr
    );
    assert!(!scratch.path().join("customers/acme").exists());
}

#[test]
fn new_refuses_an_invalid_email_without_writing() {
    let scratch = Scratch::new();
    let run = scratch.run(&["new", "acme", "--cs", "maria at vendor"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not an email address"),
        "{}",
        run.stderr
    );
    assert!(!scratch.path().join("customers/acme").exists());
}

#[test]
fn workspace_templates_override_the_built_ins() {
    let scratch = Scratch::new();
    scratch.write(
        "templates/understanding.yaml",
        crate::common::VALID
            .replace("Test Co", "{{name}}")
            .replace("cs@vendor.example", "{{cs}}"),
    );
    scratch.write(
        "templates/notes/discovery.md",
        "# Discovery call with {{name}}\n",
    );
    let run = scratch.run(&["new", "acme", "--name", "ACME Corp", "--cs", "a@b.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(scratch.path().join("customers/acme/understanding.yaml")).unwrap();
    assert!(
        text.starts_with("schema: cuc/v1\ncustomer:\n  name: \"ACME Corp\"\n"),
        "{text}"
    );
    let note =
        std::fs::read_to_string(scratch.path().join("customers/acme/notes/discovery.md")).unwrap();
    assert_eq!(note, "# Discovery call with ACME Corp\n");
}

#[test]
fn an_invalid_workspace_template_is_refused() {
    let scratch = Scratch::new();
    scratch.write(
        "templates/understanding.yaml",
        "schema: cuc/v1\nname: {{name}}\n",
    );
    let run = scratch.run(&["new", "acme", "--cs", "a@b.example"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("would not produce a valid document"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("customers/acme/understanding.yaml:2:1: `name` is not a field"),
        "{}",
        run.stderr
    );
    assert!(!scratch.path().join("customers/acme").exists());
}

#[test]
fn schema_prints_every_kind_as_json() {
    let scratch = Scratch::new();
    for kind in ["understanding", "decisions", "reviews", "note", "config"] {
        let run = scratch.run(&["schema", kind]);
        assert_eq!(run.code, 0);
        let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    let run = scratch.run(&["schema"]);
    assert!(
        run.stdout
            .contains("understanding  understanding.yaml: the one page"),
        "{}",
        run.stdout
    );
    let run = scratch.run(&["schema", "understandig"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `understanding`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn completions_for_bash() {
    let scratch = Scratch::new();
    let run = scratch.run(&["completions", "bash"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("_cuc()"));
    assert!(run.stdout.contains("validate"));
}

#[test]
fn findings_helper_sees_nothing_in_a_new_workspace() {
    let scratch = Scratch::new();
    let run = scratch.run(&["validate", "--format", "json"]);
    assert!(findings(&run).is_empty());
}

// ---------------------------------------------------------------------------
// The examples in the scaffolded understanding.yaml

/// A commented example of the scaffold: a run of lines, each `# ` and then
/// YAML (`key: …`, `- …`, or a continuation indented further), all with
/// their `#` in one column. Prose comments start otherwise (a capital
/// letter, a quote, a backtick), so they are never taken for an example.
struct Example {
    column: usize,
    /// Indexes of its lines.
    lines: Vec<usize>,
}

/// What a comment line is: the start of an example, its continuation, or
/// prose; with the column of its `#`.
fn comment_kind(line: &str) -> Option<(bool, usize)> {
    let column = line.len() - line.trim_start().len();
    let body = line.trim_start().strip_prefix("# ")?;
    let key = body.split_once(':').is_some_and(|(k, rest)| {
        !k.is_empty()
            && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && (rest.is_empty() || rest.starts_with(' '))
    });
    if body.starts_with("- ") || key {
        Some((true, column))
    } else if body.starts_with(' ') {
        Some((false, column))
    } else {
        None
    }
}

fn examples(text: &str) -> Vec<Example> {
    let mut found: Vec<Example> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        match comment_kind(line) {
            Some((_, column)) if open && found.last().is_some_and(|e| e.column == column) => {
                found.last_mut().unwrap().lines.push(i);
            }
            Some((true, column)) => {
                found.push(Example {
                    column,
                    lines: vec![i],
                });
                open = true;
            }
            Some((false, _)) => panic!(
                "line {} continues an example that has not started: {line}",
                i + 1
            ),
            None => open = false,
        }
    }
    found
}

/// The index of the line an example belongs to: the nearest line above it
/// that is not a comment and is indented less than the example's `#`.
fn owner(lines: &[&str], example: &Example) -> usize {
    (0..example.lines[0])
        .rev()
        .find(|&i| {
            let line = lines[i];
            let indent = line.len() - line.trim_start().len();
            !line.trim().is_empty()
                && !line.trim_start().starts_with('#')
                && indent < example.column
        })
        .expect("every example belongs to a line above it")
}

/// The text with these examples uncommented as the template says: the `# `
/// removed from each line, and the `[]` after the name of the list each
/// one belongs to.
fn uncommented(text: &str, chosen: &[&Example]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    for example in chosen {
        for &i in &example.lines {
            let line = lines[i];
            out[i] = format!("{}{}", &line[..example.column], &line[example.column + 2..]);
        }
        let owner = owner(&lines, example);
        if let Some(name) = lines[owner].strip_suffix(" []") {
            out[owner] = name.to_owned();
        }
    }
    out.join("\n") + "\n"
}

/// A scaffold with every value given, so no line of it is commented out
/// for want of a value.
fn scaffold() -> (Scratch, String) {
    let scratch = Scratch::new();
    let run = scratch.run(&[
        "new",
        "northwind",
        "--name",
        "Northwind Foods",
        "--cs",
        "tom.becker@vendor.example",
        "--sales",
        "priya.raman@vendor.example",
        "--renewal",
        "2027-04-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(
        scratch
            .path()
            .join("customers/northwind/understanding.yaml"),
    )
    .unwrap();
    (scratch, text)
}

/// `customer rule` for each finding of a JSON run.
fn found_by_customer(run: &crate::common::Run) -> Vec<(String, String)> {
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["customer"].as_str().unwrap_or("").to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_commented_example_validates_once_uncommented() {
    let (scratch, text) = scaffold();
    let lines: Vec<&str> = text.lines().collect();
    let all = examples(&text);
    assert_eq!(
        all.len(),
        18,
        "the scaffold's examples changed: {}",
        all.len()
    );
    let people = all
        .iter()
        .find(|e| lines[owner(&lines, e)] == "stakeholders: []")
        .expect("an example of stakeholders");
    let id = |i: usize| format!("example-{:02}", i + 1);
    for (i, example) in all.iter().enumerate() {
        scratch.write(
            &format!("customers/{}/understanding.yaml", id(i)),
            uncommented(&text, &[example]),
        );
    }
    // All of them at once are one consistent customer.
    scratch.write(
        "customers/all-examples/understanding.yaml",
        uncommented(&text, &all.iter().collect::<Vec<_>>()),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    let found = found_by_customer(&run);
    // Alone, an example fails only where it names people: the names are
    // those of the stakeholders example, which the comment points to.
    assert!(
        found.iter().all(|(_, rule)| rule == "unknown-reference"),
        "{}",
        run.stdout
    );
    let naming_people: Vec<usize> = (0..all.len())
        .filter(|&i| found.iter().any(|(c, _)| *c == id(i)))
        .collect();
    assert_eq!(
        naming_people
            .iter()
            .map(|&i| lines[owner(&lines, &all[i])])
            .collect::<Vec<_>>(),
        ["success_criteria: []", "risks: []", "milestones: []"],
        "{}",
        run.stdout
    );
    for &i in &naming_people {
        std::fs::remove_dir_all(scratch.path().join(format!("customers/{}", id(i)))).unwrap();
        scratch.write(
            &format!("customers/{}-with-people/understanding.yaml", id(i)),
            uncommented(&text, &[&all[i], people]),
        );
    }
    let run = scratch.run(&["validate"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: 21 files checked, no problems found\n"),
        "{}",
        run.stderr
    );
}

/// Every field path of a JSON Schema, `/a/*/b` for a field of a list's items.
fn schema_paths(
    schema: &serde_json::Value,
    node: &serde_json::Value,
    at: &str,
    out: &mut Vec<String>,
) {
    let node = match node.get("$ref").and_then(|r| r.as_str()) {
        Some(reference) => schema
            .pointer(reference.trim_start_matches('#'))
            .expect("the reference resolves"),
        None => node,
    };
    if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
        for (key, value) in properties {
            let path = format!("{at}/{key}");
            out.push(path.clone());
            schema_paths(schema, value, &path, out);
        }
    }
    if let Some(items) = node.get("items") {
        schema_paths(schema, items, &format!("{at}/*"), out);
    }
}

/// Every field path of a document, as `schema_paths` writes them.
fn document_paths(
    value: &serde_json::Value,
    at: &str,
    out: &mut std::collections::BTreeSet<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let path = format!("{at}/{key}");
                out.insert(path.clone());
                document_paths(value, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                document_paths(item, &format!("{at}/*"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_of_the_schema_is_shown_in_the_scaffold() {
    let (_scratch, text) = scaffold();
    let all = examples(&text);
    let document: serde_json::Value =
        serde_saphyr::from_str(&uncommented(&text, &all.iter().collect::<Vec<_>>())).unwrap();
    let mut shown = std::collections::BTreeSet::new();
    document_paths(&document, "", &mut shown);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../schema/understanding.json")).unwrap();
    let mut fields = Vec::new();
    schema_paths(&schema, &schema, "", &mut fields);
    // `visibility` may sit on every item and section: the template explains
    // it once at the top and shows it on one example.
    assert!(shown.contains("/risks/*/visibility"), "{shown:?}");
    let missing: Vec<&String> = fields
        .iter()
        .filter(|f| !shown.contains(*f) && !f.ends_with("/visibility"))
        .collect();
    assert!(
        missing.is_empty(),
        "fields of the schema with no example in templates/customer/understanding.yaml: {missing:?}"
    );
}

/// Every string of every `enum` in a JSON Schema.
fn enum_values(node: &serde_json::Value, out: &mut Vec<String>) {
    match node {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("enum", serde_json::Value::Array(values)) => {
                        out.extend(values.iter().filter_map(|v| v.as_str()).map(str::to_owned))
                    }
                    _ => enum_values(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| enum_values(i, out)),
        _ => {}
    }
}

#[test]
fn the_scaffold_names_every_allowed_value() {
    let (_scratch, text) = scaffold();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../schema/understanding.json")).unwrap();
    let mut values = Vec::new();
    enum_values(&schema, &mut values);
    assert!(
        values.contains(&"potential_blocker".to_owned()),
        "{values:?}"
    );
    let comments: String = text
        .lines()
        .filter_map(|l| l.split_once('#').map(|(_, comment)| comment))
        .collect::<Vec<_>>()
        .join("\n");
    let unnamed: Vec<&String> = values
        .iter()
        .filter(|v| {
            !comments
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == v.as_str())
        })
        .collect();
    assert!(
        unnamed.is_empty(),
        "allowed values the scaffold's comments do not name: {unnamed:?}"
    );
}

#[test]
fn a_fresh_customer_shows_each_template_text_left_to_fill_in() {
    let scratch = Scratch::new();
    let run = scratch.run(&["new", "northwind", "--cs", "maria@vendor.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = scratch.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let placeholders: Vec<String> = findings(&run)
        .into_iter()
        .filter(|f| f.starts_with("placeholder "))
        .collect();
    assert_eq!(
        placeholders,
        [
            "placeholder customers/northwind/notes/handover.md:7:1",
            "placeholder customers/northwind/understanding.yaml:14:12 /customer/segment",
            "placeholder customers/northwind/understanding.yaml:28:12 /business_context/problem",
            "placeholder customers/northwind/understanding.yaml:29:19 /business_context/why_it_matters",
            "placeholder customers/northwind/understanding.yaml:30:13 /business_context/at_stake",
            "placeholder customers/northwind/understanding.yaml:31:23 /business_context/success_looks_like",
        ]
    );
    // Filled in, nothing is left to flag: not the examples in comments.
    let path = scratch
        .path()
        .join("customers/northwind/understanding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let filled: String = text
        .lines()
        .map(|line| match line.split_once(": \"TODO") {
            Some((key, _)) => format!("{key}: Written with sales at deal close.\n"),
            None => format!("{line}\n"),
        })
        .collect();
    std::fs::write(&path, filled).unwrap();
    let note = scratch.path().join("customers/northwind/notes/handover.md");
    let mut story = std::fs::read_to_string(&note).unwrap();
    story.push_str("\nHenrik Albers found us at a trade fair in March.\n");
    std::fs::write(&note, story).unwrap();
    let run = scratch.run(&["check", "--format", "json"]);
    assert!(
        findings(&run)
            .iter()
            .all(|f| !f.starts_with("placeholder ")),
        "{}",
        run.stdout
    );
}
