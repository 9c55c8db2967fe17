//! `cuc validate`: every structural problem, at its exact place, in one run.

use crate::common::{Scratch, VALID, cuc, findings, fixture, message};

#[test]
fn every_error_kind_at_its_exact_place_in_one_run() {
    let run = cuc(&fixture("every-error"), &["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&run),
        [
            "invalid-customer-id customers/Bad_Name",
            "invalid-value customers/broken/decisions.yaml:3:11 /decisions/0/made",
            "unknown-reference customers/broken/decisions.yaml:9:12 /decisions/1/owner",
            "unknown-reference customers/broken/decisions.yaml:10:22 /decisions/1/to/1",
            "unknown-reference customers/broken/decisions.yaml:11:17 /decisions/1/supersedes",
            "unknown-reference customers/broken/notes/kickoff.md:3:12 /milestone",
            "unknown-field customers/broken/notes/kickoff.md:4:1 /atendees",
            "unknown-reference customers/broken/reviews.yaml:2:16 /reviews/0/milestone",
            "invalid-value customers/broken/understanding.yaml:7:9 /customer/team/cs",
            "invalid-value customers/broken/understanding.yaml:9:14 /customer/contract/renewal",
            "missing-field customers/broken/understanding.yaml:11:1 /business_context",
            "invalid-value customers/broken/understanding.yaml:21:9 /success_criteria/0/by",
            "wrong-type customers/broken/understanding.yaml:22:21 /success_criteria/0/non_negotiable",
            "unknown-reference customers/broken/understanding.yaml:23:29 /success_criteria/0/agreed_by/1",
            "duplicate-id customers/broken/understanding.yaml:24:9 /success_criteria/1/id",
            "invalid-value customers/broken/understanding.yaml:26:13 /success_criteria/1/status",
            "invalid-value customers/broken/understanding.yaml:33:16 /stakeholders/0/sentiment",
            "unknown-field customers/broken/understanding.yaml:36:3 /constraints/budjet",
            "unknown-reference customers/broken/understanding.yaml:42:12 /risks/0/owner",
            "invalid-value customers/broken/understanding.yaml:45:12 /review/cadence",
            "missing-document customers/no-understanding/understanding.yaml",
            "unknown-document customers/typo-file/decision.yaml",
        ]
    );
}

#[test]
fn messages_say_what_is_wrong_and_how_to_fix_it() {
    let run = cuc(&fixture("every-error"), &["validate", "--format", "json"]);
    assert_eq!(
        message(&run, "unknown-field"),
        "`atendees` is not a field of the front matter. Did you mean `attendees`?"
    );
    assert_eq!(
        message(&run, "duplicate-id"),
        "two success criteria have the id `sc-1` (the first is on line 17). Give each of the success criteria \
         its own id, so reviews, diffs and sign-offs know which one is meant"
    );
    assert_eq!(
        message(&run, "missing-field"),
        "`business_context` is missing `success_looks_like`. Add `success_looks_like:` (What success looks like, in their words)"
    );
    assert_eq!(
        message(&run, "wrong-type"),
        "`success_criteria[sc-1].non_negotiable` must be true or false, but it is the text `yes`. \
         Write true or false here"
    );
    assert_eq!(
        message(&run, "unknown-document"),
        "`decision.yaml` is not a document cuc reads. Did you mean `decisions.yaml`? cuc ignores this file until it is renamed"
    );
}

#[test]
fn summary_counts_errors_warnings_and_files() {
    let run = cuc(&fixture("every-error"), &["validate", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["summary"],
        serde_json::json!({"errors": 21, "warnings": 1, "files": 8})
    );
}

#[test]
fn human_output_shows_the_line_and_underlines_the_value() {
    let run = cuc(
        &fixture("every-error"),
        &["validate", "customers/broken/understanding.yaml"],
    );
    assert_eq!(run.code, 1);
    let expected = "\
error[unknown-field]

  × `budjet` is not a field of `constraints`
    ╭─[customers/broken/understanding.yaml:36:3]
 35 │ constraints:
 36 │   budjet: [no new headcount]
    ·   ───┬──
    ·      ╰── unknown field
 37 │ 
    ╰────
  help: did you mean `budget`?
";
    assert!(run.stdout.contains(expected), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("12 errors, 0 warnings in 4 files\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_clean_customer_passes_with_exit_0() {
    let run = cuc(&fixture("every-error"), &["validate", "customers/clean"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "ok: 1 file checked, no problems found\n");
}

#[test]
fn paths_narrow_the_report_to_a_customer_or_a_file() {
    let dir = fixture("every-error");
    let run = cuc(
        &dir,
        &[
            "validate",
            "--format",
            "json",
            "customers/broken/decisions.yaml",
        ],
    );
    assert_eq!(findings(&run).len(), 4);
    assert!(
        findings(&run)
            .iter()
            .all(|f| f.contains("customers/broken/decisions.yaml"))
    );
    // Run from inside a customer folder: the workspace is found by walking up.
    let run = cuc(
        &dir.join("customers/broken"),
        &["validate", "--format", "json", "."],
    );
    assert_eq!(findings(&run).len(), 19);
}

#[test]
fn warnings_alone_exit_0() {
    let run = cuc(
        &fixture("every-error"),
        &["validate", "customers/typo-file"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("0 errors, 1 warning in 1 file\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn quiet_prints_only_errors() {
    let run = cuc(
        &fixture("every-error"),
        &["validate", "-q", "customers/typo-file"],
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn no_workspace_is_exit_2_with_a_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let run = cuc(dir.path(), &["validate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no cuc workspace here: no cuc.yaml in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("create one with `cuc init`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_path_outside_the_workspace_or_missing_is_exit_2() {
    let scratch = Scratch::new();
    let run = scratch.run(&["validate", "/"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not inside this workspace"),
        "{}",
        run.stderr
    );
    let run = scratch.run(&["validate", "customers/nobody"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("customers/nobody does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn dash_c_runs_as_if_started_there() {
    let scratch = Scratch::new();
    scratch.write("customers/acme/understanding.yaml", VALID);
    let elsewhere = tempfile::tempdir().unwrap();
    let run = cuc(
        elsewhere.path(),
        &["-C", scratch.path().to_str().unwrap(), "validate"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_invalid_cuc_yaml_stops_the_run_with_its_findings() {
    let scratch = Scratch::new();
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nlimits:\n  max_file_siz: 2MiB\n",
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        findings(&run),
        ["unknown-field cuc.yaml:3:3 /limits/max_file_siz"]
    );
    assert!(
        run.stderr.contains("cuc.yaml has problems"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_file_size_limit_comes_from_cuc_yaml() {
    let scratch = Scratch::new();
    scratch.write("cuc.yaml", "limits:\n  max_file_size: 100 B\n");
    scratch.write("customers/acme/understanding.yaml", VALID);
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["file-too-large customers/acme/understanding.yaml"]
    );
    assert!(message(&run, "file-too-large").contains("larger than the 100 bytes cuc reads"));
}

#[test]
fn an_invalid_today_is_refused() {
    let scratch = Scratch::new();
    let run = scratch.run(&["--today", "2026-02-30", "validate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`2026-02-30` is not a real calendar date"),
        "{}",
        run.stderr
    );
}

/// The messages for a value of the wrong kind say what the person wrote.
fn contract_run(contract: &str) -> crate::common::Run {
    let scratch = Scratch::new();
    scratch.write(
        "customers/acme/understanding.yaml",
        VALID.replace(
            "    cs: cs@vendor.example\n",
            &format!("    cs: cs@vendor.example\n  contract:\n{contract}"),
        ),
    );
    scratch.run(&["validate", "--format", "json"])
}

#[test]
fn without_quotes_is_said_only_of_a_quoted_value() {
    let run = contract_run("    arr: \"186000\"\n");
    assert_eq!(
        message(&run, "wrong-type"),
        "`customer.contract.arr` must be a number, but it is the text `186000`. Write a number here, without quotes"
    );
    let run = contract_run("    arr: 186k\n");
    assert_eq!(
        message(&run, "wrong-type"),
        "`customer.contract.arr` must be a number, but it is the text `186k`. Write a number here"
    );
    // Quoted, but taking the quotes away would not make it a number.
    let run = contract_run("    arr: \"lots\"\n");
    assert_eq!(
        message(&run, "wrong-type"),
        "`customer.contract.arr` must be a number, but it is the text `lots`. Write a number here"
    );
}

#[test]
fn a_currency_in_lower_case_is_told_to_use_capitals() {
    let run = contract_run("    currency: eur\n");
    assert_eq!(
        findings(&run),
        ["invalid-value customers/acme/understanding.yaml:7:15 /customer/contract/currency"]
    );
    assert_eq!(
        message(&run, "invalid-value"),
        "`eur` is not in the form `customer.contract.currency` needs. Write currency codes in capitals: `EUR`"
    );
}

#[test]
fn a_date_in_another_form_is_told_to_use_yyyy_mm_dd() {
    let run = contract_run("    renewal: 01/31/2027\n");
    assert_eq!(
        message(&run, "invalid-value"),
        "`01/31/2027` is not written as YYYY-MM-DD (`customer.contract.renewal`). Write it as 2027-01-31"
    );
    let run = contract_run("    renewal: 20270131\n");
    assert_eq!(
        message(&run, "wrong-type"),
        "`customer.contract.renewal` must be a date written as YYYY-MM-DD, but it is `20270131`. Write it as 2027-01-31"
    );
    let run = contract_run("    renewal: 2027-31-01\n");
    assert_eq!(
        message(&run, "invalid-value"),
        "`2027-31-01` is not a real calendar date (`customer.contract.renewal`). There is no month 31; if the day and month are the other way round, write 2027-01-31"
    );
    let run = contract_run("    renewal: 2027-02-30\n");
    assert_eq!(
        message(&run, "invalid-value"),
        "`2027-02-30` is not a real calendar date (`customer.contract.renewal`). Check the day exists in that month"
    );
    // The same on the command line.
    let scratch = Scratch::new();
    let run = scratch.run(&["--today", "03/01/2027", "status"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "`03/01/2027` is not written as YYYY-MM-DD; write 2027-03-01 if the month comes first, or 2027-01-03 if the day does"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_misspelt_required_list_is_one_finding_that_counts_the_references_it_hides() {
    let scratch = Scratch::new();
    for name in ["understanding.yaml", "decisions.yaml", "reviews.yaml"] {
        let text = std::fs::read_to_string(fixture("rules").join(name)).unwrap();
        scratch.write(
            &format!("customers/northwind/{name}"),
            text.replace("\nstakeholders:\n", "\nstakeholder:\n"),
        );
    }
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&run),
        ["unknown-field customers/northwind/understanding.yaml:45:1 /stakeholder"]
    );
    assert_eq!(
        message(&run, "unknown-field"),
        "`stakeholder` is not a field of the top level. Did you mean `stakeholders`? It is a required field; \
         until it is fixed, 13 references to stakeholders (risk owners, agreed_by, decision owners, \
         decision recipients, sign-offs) cannot be checked"
    );
    // An optional list misspelt is counted in its unknown-field finding.
    let text = std::fs::read_to_string(fixture("rules").join("understanding.yaml")).unwrap();
    scratch.write(
        "customers/northwind/understanding.yaml",
        text.replace("\nmilestones:\n", "\nmilestone:\n"),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["unknown-field customers/northwind/understanding.yaml:99:1 /milestone"]
    );
    assert_eq!(
        message(&run, "unknown-field"),
        "`milestone` is not a field of the top level. Did you mean `milestones`? \
         Until it is fixed, 2 references to milestones (reviews) cannot be checked"
    );
    // Left out altogether, it is one missing field with the same count.
    let text = std::fs::read_to_string(fixture("rules").join("understanding.yaml")).unwrap();
    let start = text.find("\nstakeholders:\n").unwrap();
    let end = text.find("\nconstraints:\n").unwrap();
    scratch.write(
        "customers/northwind/understanding.yaml",
        format!("{}{}", &text[..start], &text[end..]),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["missing-field customers/northwind/understanding.yaml:3:1"]
    );
    assert!(
        message(&run, "missing-field").ends_with(
            "; until it is fixed, 13 references to stakeholders (risk owners, agreed_by, decision owners, decision recipients, sign-offs) cannot be checked"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn an_understanding_that_is_not_a_block_of_fields_is_one_finding() {
    let scratch = Scratch::new();
    for name in ["decisions.yaml", "reviews.yaml"] {
        scratch.write(
            &format!("customers/northwind/{name}"),
            std::fs::read(fixture("rules").join(name)).unwrap(),
        );
    }
    scratch.write("customers/northwind/understanding.yaml", "- a\n- b\n");
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["wrong-type customers/northwind/understanding.yaml:1:3"]
    );
    assert_eq!(
        message(&run, "wrong-type"),
        "this file must be a block of fields (like `schema: cuc/v1`), but it is a list. Write a block of fields here; \
         until it is fixed, 6 references to stakeholders (decision owners, decision recipients, sign-offs) \
         and 2 references to milestones (reviews) cannot be checked"
    );
}
