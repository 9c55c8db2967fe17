//! Independent tools agree with cuc: check-jsonschema (PyPI) on the schemas,
//! Microsoft's SARIF multitool on the SARIF output. `.ci/run` installs both
//! and points at them with CUC_CHECK_JSONSCHEMA and CUC_SARIF_MULTITOOL, then
//! runs these tests with `--include-ignored`; a plain `cargo test` lists
//! them as ignored, never as passed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{cuc, example, fixture, tool};

/// Every document of the example portfolio, with the schema it must pass.
fn documents(root: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut docs = vec![(root.join("cuc.yaml"), "config")];
    let mut customers: Vec<_> = std::fs::read_dir(root.join("customers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    customers.sort();
    for dir in customers {
        for (file, kind) in [
            ("understanding.yaml", "understanding"),
            ("decisions.yaml", "decisions"),
            ("reviews.yaml", "reviews"),
        ] {
            if dir.join(file).exists() {
                docs.push((dir.join(file), kind));
            }
        }
    }
    docs
}

#[test]
#[ignore = "needs check-jsonschema (.ci/run installs it)"]
fn check_jsonschema_agrees_on_every_example_document() {
    let checker = tool("CUC_CHECK_JSONSCHEMA", "check-jsonschema");
    let root = example("portfolio");
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let mut verdicts = Vec::new();
    for (doc, kind) in documents(&root) {
        let output = Command::new(&checker)
            .arg("--schemafile")
            .arg(schemas.join(format!("{kind}.json")))
            .arg(&doc)
            .output()
            .unwrap();
        let relative = doc.strip_prefix(&root).unwrap().display().to_string();
        verdicts.push(format!(
            "{} {relative}",
            if output.status.success() {
                "pass"
            } else {
                "fail"
            }
        ));
    }
    // cuc finds schema problems in exactly these two documents (its other
    // findings there and elsewhere are references and duplicate ids, which a
    // JSON Schema cannot express).
    assert_eq!(
        verdicts,
        [
            "pass cuc.yaml",
            "fail customers/acme-logistics/understanding.yaml",
            "pass customers/acme-logistics/decisions.yaml",
            "pass customers/acme-logistics/reviews.yaml",
            "pass customers/bluebird-health/understanding.yaml",
            "pass customers/bluebird-health/decisions.yaml",
            "pass customers/globex/understanding.yaml",
            "pass customers/globex/decisions.yaml",
            "pass customers/globex/reviews.yaml",
            "fail customers/initech/understanding.yaml",
            "pass customers/initech/decisions.yaml",
            "pass customers/northwind/understanding.yaml",
            "pass customers/northwind/decisions.yaml",
            "pass customers/northwind/reviews.yaml",
        ]
    );
}

#[test]
#[ignore = "needs the SARIF multitool (.ci/run installs it)"]
fn sarif_multitool_finds_no_errors_in_cuc_sarif() {
    let multitool = tool("CUC_SARIF_MULTITOOL", "sarif-multitool");
    for workspace in [example("portfolio"), fixture("every-error")] {
        let run = cuc(&workspace, &["validate", "--format", "sarif"]);
        let file = tempfile::Builder::new()
            .suffix(".sarif")
            .tempfile()
            .unwrap();
        std::fs::write(file.path(), &run.stdout).unwrap();
        let output = Command::new(&multitool)
            .arg("validate")
            .arg(file.path())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        // The multitool exits 0 even when it reports errors: read what it says.
        let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", workspace.display());
        assert!(text.contains("Analysis completed successfully"), "{text}");
    }
}

#[test]
fn the_example_workflow_does_what_it_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/github-actions.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let workflow: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert!(
        workflow["on"].get("pull_request").is_some(),
        "runs on pull requests"
    );
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert_eq!(
        steps[0]["with"]["fetch-depth"], 0,
        "full history for diff and last-changed"
    );
    assert!(runs.contains(&"cuc check --format github"));
    assert!(
        runs.iter()
            .any(|r| r.contains("cuc check --format sarif > cuc.sarif"))
    );
    assert!(uses.contains(&"github/codeql-action/upload-sarif@v3"));
    assert!(runs.iter().any(|r| r.contains(
        "cuc diff --base \"origin/${{ github.base_ref }}\" --head HEAD --format markdown"
    )));
}

#[test]
#[ignore = "needs check-jsonschema (.ci/run installs it)"]
fn githubs_schema_for_workflows_accepts_the_example_workflow() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/github-actions.yml");
    let checker = tool("CUC_CHECK_JSONSCHEMA", "check-jsonschema");
    let output = Command::new(checker)
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
#[ignore = "needs pre-commit (.ci/run installs it)"]
fn pre_commit_hooks_run_for_real() {
    let pre_commit = tool("CUC_PRE_COMMIT", "pre-commit");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = crate::common::Scratch::new();
    scratch.write("customers/acme/understanding.yaml", crate::common::VALID);
    git2::Repository::init(scratch.path()).unwrap();
    let build = repo.join("target/pre-commit");
    let try_hook = |hook: &str| {
        Command::new(&pre_commit)
            .current_dir(scratch.path())
            .args(["try-repo", repo.to_str().unwrap(), hook, "--all-files"])
            .env("PRE_COMMIT_HOME", build.join("home"))
            .env("CARGO_TARGET_DIR", build.join("target"))
            // pre-commit builds cuc with `cargo install`; a quick build is enough to test the hook.
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CUC_TODAY", "2026-11-23")
            .output()
            .unwrap()
    };
    // try-repo looks at files git knows about.
    let add = |dir: &Path| {
        crate::common::stage_all(dir);
    };
    add(scratch.path());
    let output = try_hook("cuc-validate");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("cuc validate") && text.contains("Passed"),
        "{text}"
    );

    scratch.write(
        "customers/acme/understanding.yaml",
        crate::common::VALID.replace("90d", "every quarter"),
    );
    add(scratch.path());
    for hook in ["cuc-validate", "cuc-check"] {
        let output = try_hook(hook);
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "{hook} must fail on a broken customer: {text}"
        );
        assert!(
            text.contains("error[invalid-value]")
                && text.contains("customers/acme/understanding.yaml:14:12"),
            "{text}"
        );
    }
}
