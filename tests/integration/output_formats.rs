//! The wire formats: JSON (snapshot), GitHub annotations, SARIF.

use crate::common::{Scratch, cuc, fixture};

#[test]
fn json_output_snapshot() {
    let run = cuc(
        &fixture("every-error"),
        &[
            "validate",
            "--format",
            "json",
            "customers/broken/decisions.yaml",
        ],
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_annotations_point_at_lines() {
    let run = cuc(
        &fixture("every-error"),
        &[
            "validate",
            "--format",
            "github",
            "customers/broken/decisions.yaml",
        ],
    );
    assert_eq!(run.code, 1);
    let first = run.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=customers/broken/decisions.yaml,line=3,col=11,endLine=3,endColumn=27,title=cuc invalid-value::\
         `2026-02-30` is not a real calendar date (`decisions[d-1].made`). Check the day exists in that month"
    );
    assert_eq!(run.stdout.lines().count(), 4);
}

#[test]
fn github_warnings_and_positionless_findings() {
    let run = cuc(
        &fixture("every-error"),
        &[
            "validate",
            "--format",
            "github",
            "customers/typo-file",
            "customers/no-understanding",
        ],
    );
    assert_eq!(
        run.stdout
            .lines()
            .map(|l| l.split("::").nth(1).unwrap())
            .collect::<Vec<_>>(),
        [
            "error file=customers/no-understanding/understanding.yaml,title=cuc missing-document",
            "warning file=customers/typo-file/decision.yaml,title=cuc unknown-document",
        ]
    );
}

#[test]
fn sarif_has_a_rule_per_check_and_a_region_per_positioned_result() {
    let run = cuc(&fixture("every-error"), &["validate", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "missing-field",
            "unknown-field",
            "wrong-type",
            "invalid-value",
            "duplicate-id",
            "unknown-reference",
            "missing-document",
            "unknown-document",
            "invalid-customer-id",
        ]
    );
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 22);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], rules[index]);
        let location = &result["locations"][0]["physicalLocation"];
        let positionless = [
            "missing-document",
            "unknown-document",
            "invalid-customer-id",
        ];
        if !positionless.contains(&rules[index]) {
            assert!(
                location["region"]["startLine"].as_u64().unwrap() >= 1,
                "{result}"
            );
        }
    }
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
}

#[test]
fn a_closed_pipe_does_not_panic() {
    let scratch = Scratch::new();
    for i in 0..200 {
        scratch.write(
            &format!("customers/c{i}/understanding.yaml"),
            "schema: cuc/v2\n",
        );
    }
    let cuc = assert_cmd::cargo::cargo_bin("cuc");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --color never validate | head -n 1",
            cuc.display()
        ))
        .current_dir(scratch.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "error[missing-field]\n"
    );
}

#[test]
fn every_command_refuses_a_format_it_has_not_and_names_those_it_has() {
    let dir = crate::common::example("portfolio");
    for (args, expected) in [
        (
            &["--format", "html", "validate"][..],
            "cuc: `cuc validate` has no html output\n  help: use --format human (the default), json, github or sarif\n",
        ),
        (
            &["--format", "markdown", "check"],
            "cuc: `cuc check` has no markdown output\n  help: use --format human (the default), json, github or sarif\n",
        ),
        (
            &["--format", "github", "status"],
            "cuc: `cuc status` has no github output\n  help: use --format table (the default) or json\n",
        ),
        (
            &["--format", "sarif", "diff", "northwind"],
            "cuc: `cuc diff` has no sarif output\n  help: use --format human (the default), markdown or json\n",
        ),
        (
            &["--format", "json", "render", "northwind"],
            "cuc: `cuc render` has no json output\n  help: use --format html (the default), markdown or pdf\n",
        ),
        (
            &["--format", "sarif", "schema", "understanding"],
            "cuc: `cuc schema` has no sarif output\n  help: use --format human (the default) or json\n",
        ),
        (
            &[
                "--format",
                "json",
                "signoff",
                "northwind",
                "--by",
                "x",
                "--role",
                "exec_sponsor",
                "--today",
                "2026-11-23",
            ],
            "cuc: `cuc signoff` has no json output\n  help: drop --format: `cuc signoff` has only its human output\n",
        ),
    ] {
        let run = crate::common::cuc(&dir, args);
        assert_eq!((run.code, run.stderr.as_str()), (2, expected), "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    // A schema is JSON either way.
    let plain = crate::common::cuc(&dir, &["schema", "understanding"]);
    let json = crate::common::cuc(&dir, &["--format", "json", "schema", "understanding"]);
    assert_eq!((json.code, &json.stdout), (0, &plain.stdout));
}

/// The lines of a command's help, from `cuc COMMAND -h`.
fn help(command: &[&str]) -> String {
    let mut args = command.to_vec();
    args.push("-h");
    let run = crate::common::cuc(&crate::common::example("portfolio"), &args);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{command:?}");
    run.stdout
}

#[test]
fn a_commands_help_shows_its_own_options_then_the_global_ones() {
    for (command, own) in [
        (&["check"][..], &["--format"][..]),
        (&["status"], &["--format"]),
        (&["render"], &["--all", "--output", "--paper", "--format"]),
        (&["new"], &["--name", "--cs", "--sales", "--renewal"]),
        (
            &["review"],
            &["--milestone", "--record", "--by", "--format"],
        ),
    ] {
        let text = help(command);
        let at = |what: &str| {
            text.find(what)
                .unwrap_or_else(|| panic!("no {what:?} in the help of {command:?}:\n{text}"))
        };
        let global = at("\nGlobal options:\n");
        assert!(at("\nOptions:\n") < global, "{text}");
        let options = at("\nOptions:\n");
        for option in own {
            let place = text[options..]
                .find(&format!(" {option} "))
                .unwrap_or_else(|| panic!("no {option} in the options of {command:?}:\n{text}"));
            assert!(options + place < global, "{option}: {text}");
        }
        for option in [
            "-C <DIR>",
            "--today <YYYY-MM-DD>",
            "--color <WHEN>",
            "-q, --quiet",
        ] {
            assert!(at(option) > global, "{option}: {text}");
        }
        assert_eq!(text.matches("Global options:").count(), 1, "{text}");
    }
}

#[test]
fn a_commands_help_lists_only_the_formats_it_prints_in() {
    for (command, formats) in [
        (&["check"][..], "human, json, github, sarif"),
        (&["validate"], "human, json, github, sarif"),
        (&["review"], "human, json, github, sarif"),
        (&["status"], "table, json"),
        (&["diff"], "human, markdown, json"),
        (&["render"], "html, markdown, pdf"),
        (&["schema"], "human, json"),
    ] {
        let text = help(command);
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with("--format <FORMAT>"))
            .unwrap_or_else(|| panic!("no --format in the help of {command:?}:\n{text}"));
        assert!(
            line.ends_with(&format!("Output format [possible values: {formats}]")),
            "{command:?}: {line}"
        );
    }
    // The long help says what each one is.
    let run = crate::common::cuc(&crate::common::example("portfolio"), &["status", "--help"]);
    assert!(
        run.stdout.contains(
            "Possible values:\n          - table: One row per customer, those needing attention first (the default)\n          - json:  For programs\n"
        ),
        "{}",
        run.stdout
    );
    // A command with one format does not offer a choice.
    for command in [&["init"][..], &["new"], &["signoff"], &["completions"]] {
        let text = help(command);
        assert!(!text.contains("--format"), "{command:?}: {text}");
    }
}

#[test]
fn format_works_before_and_after_the_command_and_the_commands_own_wins() {
    let dir = crate::common::example("portfolio");
    let before = crate::common::cuc(&dir, &["--format", "json", "check"]);
    let after = crate::common::cuc(&dir, &["check", "--format", "json"]);
    assert_eq!(before.code, 1, "{}", before.stderr);
    assert!(
        before.stdout.starts_with("{\n  \"findings\": ["),
        "{}",
        before.stdout
    );
    assert_eq!((after.code, &after.stdout), (1, &before.stdout));
    let both = crate::common::cuc(&dir, &["--format", "sarif", "check", "--format", "json"]);
    assert_eq!((both.code, &both.stdout), (1, &before.stdout));
    // `cuc status` calls its text `table`, and has always taken `human` too.
    let table = crate::common::cuc(&dir, &["status", "--format", "table"]);
    let human = crate::common::cuc(&dir, &["status", "--format", "human"]);
    assert_eq!((table.code, &table.stdout), (0, &human.stdout));
    // After the command's name, a format it has not is refused as before it.
    let run = crate::common::cuc(&dir, &["check", "--format", "markdown"]);
    assert_eq!(
        (run.code, run.stderr.as_str(), run.stdout.as_str()),
        (
            2,
            "cuc: `cuc check` has no markdown output\n  help: use --format human (the default), json, github or sarif\n",
            ""
        )
    );
    // A word that is no format at all: the formats this command has.
    let run = crate::common::cuc(&dir, &["status", "--format", "jsno"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: invalid value 'jsno' for '--format <FORMAT>'\n  [possible values: table, json]\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn completions_offer_each_command_only_its_formats() {
    let run = crate::common::cuc(
        &crate::common::example("portfolio"),
        &["completions", "bash"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let offered = |command: &str| {
        let start = run
            .stdout
            .find(&format!("        cuc__subcmd__{command})\n"))
            .unwrap_or_else(|| panic!("no {command} in\n{}", run.stdout));
        let rest = &run.stdout[start..];
        let rest = &rest[rest.find("--format)\n").expect("--format")..];
        let words = &rest[rest.find("compgen -W \"").expect("compgen") + 12..];
        words[..words.find('"').unwrap()].to_owned()
    };
    assert_eq!(offered("check"), "human json github sarif");
    assert_eq!(offered("status"), "table json");
    assert_eq!(offered("diff"), "human markdown json");
    assert_eq!(offered("render"), "html markdown pdf");
}
