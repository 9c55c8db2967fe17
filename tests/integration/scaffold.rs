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
        run.stdout.lines().take(3).collect::<Vec<_>>(),
        [
            "Created customer `northwind-traders` in customers/northwind-traders/:",
            "  customers/northwind-traders/notes/handover.md",
            "  customers/northwind-traders/understanding.yaml",
        ]
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
