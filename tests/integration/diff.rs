//! `cuc diff`: the semantic diff between milestones and in pull requests,
//! on a repository built here: a sign-off and a recorded review, then the
//! edits a real quarter brings.

use crate::common::{Run, Scratch, commit_all, rules_repository};

const CUSTOMER: &str = "customers/northwind";

fn edit(scratch: &Scratch, file: &str, from: &str, to: &str) {
    let path = scratch.path().join(CUSTOMER).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

struct Story {
    scratch: Scratch,
    /// The first commit, the one the mid-year review recorded.
    reviewed: String,
    /// After the review and sign-off were committed.
    recorded: String,
}

/// Commit the clean customer; Henrik signs and the mid-year review is
/// recorded; then a quarter of edits, committed.
fn story() -> Story {
    let (scratch, reviewed) = rules_repository();
    assert_eq!(
        scratch
            .run(&[
                "signoff",
                "northwind",
                "--by",
                "Henrik Albers",
                "--role",
                "exec_sponsor"
            ])
            .code,
        0
    );
    let run = scratch.run(&crate::common::RECORD_MID_YEAR);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let recorded = commit_all(scratch.path(), "mid-year review");

    let u = "understanding.yaml";
    edit(&scratch, u, "target: 30", "target: 25");
    edit(
        &scratch,
        u,
        "    roles: [operating_owner, end_user]\n    sentiment: neutral",
        "    roles: [operating_owner, end_user]\n    sentiment: supporter",
    );
    // Reordering stakeholders is not a change.
    edit(
        &scratch,
        u,
        "  - name: Priya Raman\n    title: Account Executive\n    side: vendor\n  - name: Tom Becker\n    title: Customer Success Manager\n    side: vendor\n",
        "  - name: Tom Becker\n    title: Customer Success Manager\n    side: vendor\n  - name: Priya Raman\n    title: Account Executive\n    side: vendor\n",
    );
    edit(
        &scratch,
        u,
        "\nscope:",
        "  - id: r-2\n    what: The IT lead leaves before go-live.\n    impact: high\n    owner: Sabine Kurz\n    mitigation: Document the gate integration.\n    status: open\n\nscope:",
    );
    edit(
        &scratch,
        u,
        "commitments:\n  - id: c-1\n    what: Carrier self-service booking portal in German and Polish\n    promised_by: Priya Raman\n    promised_on: 2026-05-10\n    confirmed_with_product: true\n    due: 2027-01-31\n    status: in_progress\n",
        "commitments: []\n",
    );
    edit(&scratch, u, "  - id: sc-2\n", "  - id: sc-3\n");
    edit(
        &scratch,
        u,
        "problem: Trucks wait hours at the docks because slots are booked by phone.",
        "problem: Trucks wait two hours at the Bremen docks because slots are booked by phone.",
    );
    commit_all(scratch.path(), "a quarter of changes");
    Story {
        scratch,
        reviewed,
        recorded,
    }
}

fn run(story: &Story, args: &[&str]) -> Run {
    story.scratch.run(args)
}

const CHANGES: &str = "  customers/northwind/understanding.yaml
    ~ business_context.problem: Trucks wait {+two +}hours at the {+Bremen +}docks because slots are booked by phone.
    - commitments[c-1]: Carrier self-service booking portal in German and Polish (status in_progress)
    + risks[r-2]: The IT lead leaves before go-live. (impact high, status open)
    ~ stakeholders[Marco Lenz].sentiment: neutral → supporter
    ~ success_criteria[sc-1].target: 30 → 25
    - success_criteria[sc-2]: Fewer detention fees (status on_track)
    + success_criteria[sc-3]: Fewer detention fees (status on_track)
  must sign again (they signed the earlier version): Henrik Albers (exec sponsor)
";

#[test]
fn diff_since_a_revision_in_the_documents_terms() {
    let story = story();
    let out = run(&story, &["diff", "northwind", &story.recorded]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "1 customer changed · 7 changes · 1 sign-off to renew\n\nnorthwind: from {} at {} to the working tree\n{CHANGES}",
            story.recorded,
            &story.recorded[..12]
        )
    );
}

#[test]
fn diff_from_a_milestone_uses_the_commit_its_review_recorded() {
    let story = story();
    let out = run(&story, &["diff", "northwind", "mid-year", "HEAD"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let header = format!(
        "northwind: from the mid-year review (2026-11-23) at {} to HEAD at ",
        &story.reviewed[..12]
    );
    assert!(out.stdout.contains(&header), "{}", out.stdout);
    // Between the reviewed commit and HEAD, reviews.yaml gained the sign-off and the review.
    assert!(out.stdout.contains("  customers/northwind/reviews.yaml\n    + reviews[mid-year 2026-11-23]: mid-year (outcome on_track, date 2026-11-23)\n"), "{}", out.stdout);
    // Without FROM: the last recorded review.
    let out = run(&story, &["diff", "northwind"]);
    assert!(
        out.stdout.contains(&format!(
            "from the last review (mid-year, 2026-11-23) at {}",
            &story.reviewed[..12]
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn diff_of_a_version_with_itself_is_empty() {
    let story = story();
    let out = run(&story, &["diff", "northwind", "HEAD"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "no customer's understanding changed\n")
    );
}

#[test]
fn markdown_for_a_pull_request_comment() {
    let story = story();
    story
        .scratch
        .write("customers/acme/understanding.yaml", crate::common::VALID);
    commit_all(story.scratch.path(), "new customer");
    let out = run(
        &story,
        &[
            "diff",
            "--base",
            &story.recorded,
            "--head",
            "HEAD",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected_start = format!(
        "### cuc diff\n\n**2 customers changed (1 added) · 15 changes · 1 sign-off to renew**\n\n#### acme (new customer)\n\nFrom {} at {} to HEAD at ",
        story.recorded,
        &story.recorded[..12]
    );
    assert!(out.stdout.starts_with(&expected_start), "{}", out.stdout);
    for line in [
        "`customers/acme/understanding.yaml` (new)\n",
        "#### northwind\n",
        "- <details><summary><b>changed</b> <code>business_context.problem</code> (text)</summary>\n\n  Trucks wait **two** hours at the **Bremen** docks because slots are booked by phone.\n\n  </details>\n",
        "- **removed** `commitments[c-1]`: Carrier self-service booking portal in German and Polish (status in_progress)\n",
        "- **added** `risks[r-2]`: The IT lead leaves before go-live. (impact high, status open)\n",
        "- **changed** `stakeholders[Marco Lenz].sentiment`: neutral → supporter\n",
        "- **changed** `success_criteria[sc-1].target`: 30 → 25\n",
        "\n> **Must sign again** (they signed the earlier version): Henrik Albers (exec sponsor)\n",
    ] {
        assert!(
            out.stdout.contains(line),
            "missing {line:?} in\n{}",
            out.stdout
        );
    }
}

#[test]
fn json_for_programs() {
    let story = story();
    let out = run(
        &story,
        &["diff", "northwind", &story.recorded, "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        json["summary"],
        serde_json::json!({"customers": 1, "changes": 7, "records": 0, "signoffs_to_renew": 1})
    );
    let customer = &json["customers"][0];
    assert_eq!(
        customer["to"],
        serde_json::json!({"label": "the working tree", "commit": null})
    );
    assert_eq!(
        customer["must_sign_again"],
        serde_json::json!([{"by": "Henrik Albers", "role": "exec_sponsor"}])
    );
    let changes = &customer["documents"][0]["changes"];
    assert_eq!(
        changes[4],
        serde_json::json!({"kind": "changed", "path": "success_criteria[sc-1].target", "old": 30, "new": 25})
    );
    assert_eq!(changes[2]["kind"], "added");
    assert_eq!(changes[2]["new"]["id"], "r-2");
}

#[test]
fn diff_refuses_what_it_cannot_compare() {
    let story = story();
    let out = run(&story, &["diff", "northwind", "no-such-branch"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("there is no revision `no-such-branch` in this repository"),
        "{}",
        out.stderr
    );
    // onboarding's review predates cuc: it recorded no commit.
    let out = run(&story, &["diff", "northwind", "onboarding"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("milestone `onboarding` of `northwind` has no recorded review with a commit"),
        "{}",
        out.stderr
    );
    let out = run(&story, &["diff"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("name a customer, or --base for a pull request"),
        "{}",
        out.stderr
    );
}

#[test]
fn formatting_only_changes_say_so() {
    let story = story();
    edit(
        &story.scratch,
        "decisions.yaml",
        "decisions:\n",
        "# the decision log\ndecisions:\n",
    );
    let out = run(&story, &["diff", "--base", "HEAD"]);
    assert!(
        out.stdout.contains(
            "  customers/northwind/decisions.yaml\n    only formatting or comments changed\n"
        ),
        "{}",
        out.stdout
    );
}

#[cfg(unix)]
#[test]
fn diff_never_reads_through_a_link_out_of_the_workspace() {
    let story = story();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("understanding.yaml"),
        "secret: outside\n",
    )
    .unwrap();
    let linked = story.scratch.path().join("customers/linked");
    std::os::unix::fs::symlink(outside.path(), &linked).unwrap();
    let out = run(&story, &["diff", "--base", "HEAD"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is not inside this workspace"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("secret"));
    let out = run(&story, &["diff", "linked", "HEAD"]);
    assert_eq!(out.code, 2);
    assert!(!out.stdout.contains("secret"));
}

#[test]
fn recorded_reviews_and_signoffs_are_records_not_changes_in_understanding() {
    let story = story();
    let out = run(
        &story,
        &["diff", "northwind", &story.reviewed, &story.recorded],
    );
    assert_eq!(
        out.stdout.lines().next().unwrap(),
        "no customer's understanding changed · 2 records of reviews and sign-offs"
    );
    let out = run(
        &story,
        &[
            "diff",
            "northwind",
            &story.reviewed,
            &story.recorded,
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        json["summary"],
        serde_json::json!({"customers": 1, "changes": 0, "records": 2, "signoffs_to_renew": 0})
    );
    // Rewriting a recorded outcome is a change, not a new record.
    edit(
        &story.scratch,
        "reviews.yaml",
        "    outcome: on_track\n    commit:",
        "    outcome: at_risk\n    commit:",
    );
    let out = run(&story, &["diff", "northwind", &story.recorded]);
    assert_eq!(
        out.stdout.lines().next().unwrap(),
        "1 customer changed · 8 changes · 1 sign-off to renew"
    );
}

#[test]
fn a_misspelt_customer_with_a_revision_gets_the_usual_suggestion() {
    // It used to say "no customer's understanding changed" and exit 0.
    let story = story();
    let out = run(&story, &["diff", "northwnd", &story.recorded]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("cuc: there is no customer `northwnd` in ")
            && out.stderr.ends_with(
                "\n  help: did you mean `northwind`? customers are the folders under customers/ (`cuc status` lists them)\n"
            ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_customer_gone_from_the_work_tree_still_compares_with_its_history() {
    let story = story();
    std::fs::remove_dir_all(story.scratch.path().join("customers/northwind")).unwrap();
    let out = run(&story, &["diff", "northwind", &story.recorded]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("1 customer changed"),
        "{}",
        out.stdout
    );
}
