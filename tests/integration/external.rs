//! Independent tools agree with cuc: check-jsonschema (PyPI) on the schemas,
//! Microsoft's SARIF multitool on the SARIF output. `.ci/run` installs both
//! and points at them with CUC_CHECK_JSONSCHEMA and CUC_SARIF_MULTITOOL; on a
//! developer machine without them these tests say so and stop, while under
//! CI (CI=true) a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{cuc, example, fixture};

fn tool(variable: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from);
    let runs = Command::new(&path).arg("--help").output().is_ok();
    if runs {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{default} is not installed, but CI needs it: .ci/run installs it and sets {variable}"
    );
    eprintln!("skipped: {default} is not installed (set {variable}, or run .ci/run)");
    None
}

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
fn check_jsonschema_agrees_on_every_example_document() {
    let Some(checker) = tool("CUC_CHECK_JSONSCHEMA", "check-jsonschema") else {
        return;
    };
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
fn sarif_multitool_finds_no_errors_in_cuc_sarif() {
    let Some(multitool) = tool("CUC_SARIF_MULTITOOL", "sarif-multitool") else {
        return;
    };
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
