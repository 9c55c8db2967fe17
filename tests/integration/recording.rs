//! Recording reviews and sign-offs (append-only, atomic, locked, tied to a
//! commit and a fingerprint), the milestone questions, `--explain`, and
//! `cuc status`.

use git2::Repository;

use crate::common::{Run, Scratch, commit_all, head, rules_repository};

const CUSTOMER: &str = "customers/northwind";

/// The clean rules fixture as a customer in a git repository, committed.
fn repository() -> Scratch {
    rules_repository().0
}

fn read(scratch: &Scratch, file: &str) -> String {
    std::fs::read_to_string(scratch.path().join(CUSTOMER).join(file)).unwrap()
}

fn record(scratch: &Scratch, milestone: &str) -> Run {
    record_with(scratch, milestone, &[])
}

/// `record`, with more flags (`--again`, `--date`).
fn record_with(scratch: &Scratch, milestone: &str, more: &[&str]) -> Run {
    let mut args = vec![
        "review",
        "northwind",
        "--record",
        "--milestone",
        milestone,
        "--by",
        "Tom Becker",
        "--by",
        "Sabine Kurz",
        "--outcome",
        "on_track",
        "--note",
        "Council approved the night shifts: \"finally\"",
    ];
    args.extend_from_slice(more);
    scratch.run(&args)
}

fn fingerprint_in(text: &str) -> String {
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("fingerprint: "))
        .expect("a fingerprint")
        .to_owned()
}

#[test]
fn record_appends_one_entry_and_keeps_every_byte() {
    let scratch = repository();
    let before = read(&scratch, "reviews.yaml");
    let head = head(scratch.path());
    let run = record(&scratch, "mid-year");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!(
        "Recorded the `mid-year` review of northwind (on_track) in {CUSTOMER}/reviews.yaml, for the page as last saved (version "
    )));
    let after = read(&scratch, "reviews.yaml");
    let cut = before.find("signoffs:").unwrap();
    let fingerprint = fingerprint_in(&after);
    let entry = format!(
        "  - milestone: \"mid-year\"\n    date: 2026-11-23\n    by: [\"Tom Becker\", \"Sabine Kurz\"]\n    outcome: on_track\n    \
         notes: \"Council approved the night shifts: \\\"finally\\\"\"\n    commit: \"{head}\"\n    fingerprint: {fingerprint}\n"
    );
    assert_eq!(
        after,
        format!("{}{entry}{}", &before[..cut], &before[cut..])
    );
    assert!(fingerprint.starts_with("sha256:") && fingerprint.len() == 71);
    // The file is still valid, and the milestone counts as reviewed.
    let run = scratch.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn reformatting_keeps_the_fingerprint_and_a_value_change_changes_it() {
    let scratch = repository();
    assert_eq!(record(&scratch, "mid-year").code, 0);
    let first = fingerprint_in(&read(&scratch, "reviews.yaml"));
    let understanding = read(&scratch, "understanding.yaml");
    let reformatted = understanding
        .replace("  - id: sc-1\n", "  # reworded\n  - id: \"sc-1\"\n")
        .replace("target: 30\n", "target:   30   # minutes\n");
    scratch.write(&format!("{CUSTOMER}/understanding.yaml"), &reformatted);
    commit_all(scratch.path(), "change");
    assert_eq!(record_with(&scratch, "mid-year", &["--again"]).code, 0);
    assert_eq!(fingerprint_in(&read(&scratch, "reviews.yaml")), first);
    scratch.write(
        &format!("{CUSTOMER}/understanding.yaml"),
        reformatted.replace("target:   30", "target: 25"),
    );
    commit_all(scratch.path(), "change");
    assert_eq!(record_with(&scratch, "mid-year", &["--again"]).code, 0);
    assert_ne!(fingerprint_in(&read(&scratch, "reviews.yaml")), first);
}

#[test]
fn record_refuses_uncommitted_changes_and_writes_nothing() {
    let scratch = repository();
    let before = read(&scratch, "reviews.yaml");
    scratch.write(
        &format!("{CUSTOMER}/understanding.yaml"),
        read(&scratch, "understanding.yaml").replace("target: 30", "target: 25"),
    );
    scratch.write(&format!("{CUSTOMER}/notes/call.md"), "# Call\n");
    let run = record(&scratch, "mid-year");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "customers/northwind has uncommitted changes: notes/call.md, understanding.yaml"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("commit them first"));
    assert_eq!(read(&scratch, "reviews.yaml"), before);
}

#[test]
fn record_allows_an_uncommitted_reviews_yaml() {
    let scratch = repository();
    assert_eq!(record(&scratch, "mid-year").code, 0);
    assert_eq!(
        record(&scratch, "renewal").code,
        0,
        "the first record is not committed yet, and need not be"
    );
}

#[test]
fn record_refuses_an_unknown_milestone() {
    let scratch = repository();
    let before = read(&scratch, "reviews.yaml");
    let run = record(&scratch, "midyear");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("customer `northwind` has no milestone `midyear`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `mid-year`?"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&scratch, "reviews.yaml"), before);
}

#[test]
fn record_refuses_outside_a_git_repository() {
    let scratch = repository();
    std::fs::remove_dir_all(scratch.path().join(".git")).unwrap();
    let before = read(&scratch, "reviews.yaml");
    let run = record(&scratch, "mid-year");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&scratch, "reviews.yaml"), before);
}

#[test]
fn record_refuses_flow_style_instead_of_rewriting_it() {
    let scratch = repository();
    let flow = "reviews: [{milestone: onboarding, date: 2026-07-03}]\n";
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), flow);
    commit_all(scratch.path(), "change");
    let run = record(&scratch, "mid-year");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("square brackets"), "{}", run.stderr);
    assert_eq!(read(&scratch, "reviews.yaml"), flow);
}

#[test]
fn record_creates_reviews_yaml_when_absent() {
    let scratch = repository();
    std::fs::remove_file(scratch.path().join(CUSTOMER).join("reviews.yaml")).unwrap();
    commit_all(scratch.path(), "change");
    assert_eq!(record(&scratch, "onboarding").code, 0);
    let text = read(&scratch, "reviews.yaml");
    assert!(text.starts_with("# Milestone reviews and customer sign-offs, recorded by cuc.\nreviews:\n  - milestone: \"onboarding\"\n"), "{text}");
}

#[test]
fn fifty_concurrent_writers_all_land() {
    let scratch = repository();
    assert_eq!(scratch.run(&crate::common::RECORD_MID_YEAR).code, 0);
    // 47 follow-up reviews and the three sponsors' sign-offs, all at once,
    // on one customer.
    let sponsors = [
        ("Henrik Albers", "exec_sponsor"),
        ("Sabine Kurz", "project_sponsor"),
        ("Marco Lenz", "operating_owner"),
    ];
    let runs: Vec<Vec<String>> = (0..50)
        .map(|i| {
            let args: Vec<String> = if i < 47 {
                [
                    "review",
                    "northwind",
                    "--record",
                    "--milestone",
                    "mid-year",
                    "--again",
                    "--by",
                    "Tom Becker",
                    "--outcome",
                    "on_track",
                    "--note",
                    &format!("Reviewer {i}"),
                ]
                .map(str::to_owned)
                .to_vec()
            } else {
                let (by, role) = sponsors[i - 47];
                [
                    "signoff",
                    "northwind",
                    "--by",
                    by,
                    "--role",
                    role,
                    "--date",
                    &format!("2026-10-{:02}", i - 46),
                ]
                .map(str::to_owned)
                .to_vec()
            };
            args
        })
        .collect();
    crate::common::cuc_all_at_once(scratch.path(), runs);
    let text = read(&scratch, "reviews.yaml");
    for i in 0..47 {
        assert_eq!(
            text.matches(&format!("\"Reviewer {i}\"")).count(),
            1,
            "{text}"
        );
    }
    for day in 1..=3 {
        assert_eq!(
            text.matches(&format!("date: 2026-10-{day:02}")).count(),
            1,
            "{text}"
        );
    }
    assert_eq!(text.matches("- milestone:").count(), 50);
    assert_eq!(text.matches("  - by:").count(), 6);
    assert_eq!(scratch.run(&["validate"]).code, 0);
}

#[test]
fn signoff_records_the_current_fingerprint_and_goes_stale_when_content_changes() {
    let scratch = repository();
    let head = head(scratch.path());
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&scratch, "reviews.yaml");
    let fingerprint = fingerprint_in(&text);
    assert_eq!(
        run.stdout,
        format!(
            "Recorded the sign-off of Henrik Albers (exec sponsor) on 2026-11-23 in {CUSTOMER}/reviews.yaml, for the page as last saved (version {})\n",
            &fingerprint[7..13]
        )
    );
    assert!(text.ends_with(&format!(
        "  - by: \"Henrik Albers\"\n    role: exec_sponsor\n    date: 2026-11-23\n    fingerprint: {fingerprint}\n    commit: \"{head}\"\n"
    )));
    let check = scratch.run(&["check", "--format", "json"]);
    assert!(!check.stdout.contains("stale-signoff"), "{}", check.stdout);

    scratch.write(
        &format!("{CUSTOMER}/understanding.yaml"),
        read(&scratch, "understanding.yaml").replace("target: 30", "target: 45"),
    );
    let check = scratch.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let stale: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "stale-signoff")
        .collect();
    assert_eq!(stale.len(), 1);
    let line = text.lines().count() as u64 - 1;
    assert_eq!(
        (
            stale[0]["file"].as_str().unwrap(),
            stale[0]["line"].as_u64().unwrap()
        ),
        ("customers/northwind/reviews.yaml", line)
    );
    assert!(stale[0]["message"].as_str().unwrap().starts_with(
        "Henrik Albers's sign-off as exec sponsor (2026-11-23) is of an earlier version"
    ));
}

#[test]
fn signoff_needs_a_stakeholder_who_holds_the_role() {
    let scratch = repository();
    let before = read(&scratch, "reviews.yaml");
    let run = scratch.run(&[
        "signoff",
        "northwind",
        "--by",
        "Henrik Albrecht",
        "--role",
        "exec_sponsor",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`Henrik Albrecht` is not a stakeholder of northwind"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `Henrik Albers`?"),
        "{}",
        run.stderr
    );
    let run = scratch.run(&[
        "signoff",
        "northwind",
        "--by",
        "Marco Lenz",
        "--role",
        "exec_sponsor",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "Marco Lenz does not hold the role exec_sponsor (it is held by Henrik Albers)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(read(&scratch, "reviews.yaml"), before);
}

#[test]
fn review_asks_the_milestone_questions_with_evidence() {
    let scratch = repository();
    // Record the first-value review at this commit, then move a target.
    let first = head(scratch.path());
    let reviews = read(&scratch, "reviews.yaml").replace(
        "    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n",
        &format!(
            "    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n    commit: \"{first}\"\n"
        ),
    );
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), reviews);
    scratch.write(
        &format!("{CUSTOMER}/understanding.yaml"),
        read(&scratch, "understanding.yaml").replace("target: 30", "target: 25"),
    );
    commit_all(scratch.path(), "change");

    let run = scratch.run(&["--today", "2026-11-29", "review", "northwind"]);
    let expected = format!(
        "northwind: milestone `mid-year` (mid year, due 2026-11-28)\n  \
         Success at this milestone: Detention fees down by a third.\n\n  \
         How is their context evolving, are priorities shifting?\n    \
         since the last review (first-value, 2026-09-01, commit {}): 1 change\n      \
         ~ success_criteria[sc-1].target: 30 → 25\n\n",
        &first[..12]
    );
    assert!(run.stdout.starts_with(&expected), "{}", run.stdout);

    let run = scratch.run(&["review", "northwind", "--milestone", "onboarding"]);
    assert!(
        run.stdout.contains(
            "  Is what we promised matching what they are getting?\n    \
             c-1  Carrier self-service booking portal in German and Polish — in_progress, due 2027-01-31, confirmed with product\n"
        ),
        "{}",
        run.stdout
    );
    let run = scratch.run(&["review", "northwind"]);
    assert!(
        run.stdout.starts_with(
            "northwind: no milestone is due for review; the next is `mid-year` on 2026-11-28\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_a_rule_and_list_them_all() {
    let scratch = Scratch::new();
    let run = scratch.run(&["review", "--explain", "decision-not-circulated"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with(
        "decision-not-circulated (warning by default)\n  a decision was circulated more than 24 hours after it was made, or not at all\n\nThe practice: every decision"
    ), "{}", run.stdout);
    let run = scratch.run(&["review", "--explain"]);
    assert!(
        run.stdout.contains(
            "  stale-review               warning  the last review is older than the cadence"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  unknown-field              error    a field that cuc does not know")
    );
    let run = scratch.run(&["review", "--explain", "stale-reveiw"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `stale-review`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn status_puts_the_customers_needing_attention_first() {
    let scratch = repository();
    // A second, stale customer: its first-value review never happened.
    let stale = read(&scratch, "reviews.yaml").replace("  - milestone: first-value\n    date: 2026-09-01\n    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n", "");
    for name in ["understanding.yaml", "decisions.yaml"] {
        scratch.write(&format!("customers/acme/{name}"), read(&scratch, name));
    }
    scratch.write("customers/acme/reviews.yaml", stale);
    let run = scratch.run(&["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["customers"][0],
        serde_json::json!({
            "id": "acme", "name": "Northwind Foods GmbH", "cs": "tom.becker@vendor.example",
            "renewal_in_days": 190,
            "last_review": {"date": "2026-07-03", "milestone": "onboarding"},
            "next_milestone": {"id": "first-value", "due": "2026-08-30", "overdue": true},
            "freshness": "stale", "open_high_risks": 1, "signoff": "unverified",
            "errors": 1, "warnings": 1, "arr": 186000.0, "currency": "EUR"
        })
    );
    assert_eq!(json["customers"][1]["id"], "northwind");
    assert_eq!(json["customers"][1]["freshness"], "ok");

    let run = scratch.run(&["status"]);
    assert!(
        run.stdout.starts_with(
            "STALE  acme · renewal in 190 days · ARR 186,000 EUR\n       \
             CS tom.becker@vendor.example · 1 error, 1 warning · 1 open high risk\n       \
             last review 2026-07-03 (onboarding)\n       \
             overdue: first-value, due 2026-08-30\n       \
             sign-off unverified\n\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with(
        "ARR on stale understanding: 186,000 EUR (1 customer)\nfresh: 186,000 EUR (1 customer)\n"
    ), "{}", run.stdout);
}

#[test]
fn recording_works_on_every_example_customer() {
    // The examples have block scalars (`notes: >-`) as the last value of
    // their last review: the new entry must land after them.
    let scratch = Scratch::new();
    let examples = crate::common::example("portfolio");
    for customer in ["northwind", "globex"] {
        for entry in std::fs::read_dir(examples.join("customers").join(customer)).unwrap() {
            let path = entry.unwrap().path();
            let relative = path
                .strip_prefix(&examples)
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            if path.is_file() {
                scratch.write(&relative, std::fs::read(&path).unwrap());
            }
        }
    }
    Repository::init(scratch.path()).unwrap();
    commit_all(scratch.path(), "change");
    for (customer, milestone, by) in [
        ("northwind", "mid_year", "Tom Becker"),
        ("globex", "renewal", "Mei Lin"),
    ] {
        let before = std::fs::read_to_string(
            scratch
                .path()
                .join(format!("customers/{customer}/reviews.yaml")),
        )
        .unwrap();
        let run = scratch.run(&[
            "review",
            customer,
            "--record",
            "--milestone",
            milestone,
            "--by",
            by,
            "--outcome",
            "at_risk",
        ]);
        assert_eq!(run.code, 0, "{customer}: {}", run.stderr);
        let after = std::fs::read_to_string(
            scratch
                .path()
                .join(format!("customers/{customer}/reviews.yaml")),
        )
        .unwrap();
        // Every old line is still there, in order; one entry was added.
        let mut old_lines = before.lines().peekable();
        for line in after.lines() {
            if old_lines.peek() == Some(&line) {
                old_lines.next();
            }
        }
        assert_eq!(old_lines.next(), None, "{customer}: a line was lost");
        assert_eq!(after.lines().count(), before.lines().count() + 6);
        assert_eq!(
            scratch
                .run(&["validate", &format!("customers/{customer}")])
                .code,
            0
        );
    }
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_customer_folder_linked_out_of_the_workspace() {
    let scratch = repository();
    let outside = tempfile::tempdir().unwrap();
    let moved = outside.path().join("northwind");
    std::fs::rename(scratch.path().join(CUSTOMER), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, scratch.path().join(CUSTOMER)).unwrap();
    let before = std::fs::read(moved.join("reviews.yaml")).unwrap();
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not inside this workspace"),
        "{}",
        run.stderr
    );
    let run = record(&scratch, "mid-year");
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read(moved.join("reviews.yaml")).unwrap(), before);
}

#[test]
fn vendor_people_cannot_sign_for_the_customer() {
    let scratch = repository();
    let text = read(&scratch, "understanding.yaml").replace(
        "    title: Customer Success Manager\n    side: vendor\n",
        "    title: Customer Success Manager\n    side: vendor\n    roles: [exec_sponsor]\n",
    );
    scratch.write(&format!("{CUSTOMER}/understanding.yaml"), text);
    let run = scratch.run(&[
        "signoff",
        "northwind",
        "--by",
        "Tom Becker",
        "--role",
        "exec_sponsor",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("Tom Becker is on our side (side: vendor)"),
        "{}",
        run.stderr
    );
}

#[test]
fn review_flags_without_record_are_refused() {
    let scratch = repository();
    let run = scratch.run(&[
        "review",
        "northwind",
        "--by",
        "Tom Becker",
        "--outcome",
        "at_risk",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--record"), "{}", run.stderr);
}

#[test]
fn a_milestone_asked_across_the_portfolio_skips_customers_without_it() {
    let scratch = repository();
    scratch.write("customers/zeta/understanding.yaml", crate::common::VALID);
    let run = scratch.run(&["review", "--milestone", "mid-year"]);
    assert!(
        run.stdout.starts_with("northwind: milestone `mid-year`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("zeta: there is no milestone `mid-year`; the milestones are: none yet\n"),
        "{}",
        run.stdout
    );
    let run = scratch.run(&["review", "zeta", "--milestone", "mid-year"]);
    assert_eq!(run.code, 2);
}

#[test]
fn a_short_commit_id_in_reviews_yaml_resolves() {
    let scratch = repository();
    let first = head(scratch.path());
    let reviews = read(&scratch, "reviews.yaml").replace(
        "    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n",
        &format!(
            "    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n    commit: \"{}\"\n",
            &first[..7]
        ),
    );
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), reviews);
    let run = scratch.run(&["--today", "2026-11-29", "review", "northwind"]);
    assert!(
        run.stdout.contains(&format!(
            "since the last review (first-value, 2026-09-01, commit {}): 0 changes",
            &first[..7]
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_reviewed_version_too_large_to_read_is_named_not_loaded() {
    // The last review recorded a commit where understanding.yaml held a
    // 2 MiB paste; the questions say why they cannot compare with it.
    let scratch = repository();
    let understanding = read(&scratch, "understanding.yaml");
    let huge = format!("{understanding}# {}\n", "x".repeat(2 << 20));
    let size = cuc::text::words::thousands(huge.len());
    scratch.write(&format!("{CUSTOMER}/understanding.yaml"), huge);
    let pasted = commit_all(scratch.path(), "a huge paste");
    scratch.write(&format!("{CUSTOMER}/understanding.yaml"), understanding);
    let reviews = read(&scratch, "reviews.yaml").replace(
        "    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n",
        &format!(
            "    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n    commit: \"{pasted}\"\n"
        ),
    );
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), reviews);
    commit_all(scratch.path(), "back to one page");
    let run = scratch.run(&["--today", "2026-11-29", "review", "northwind"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "cannot compare with the last review: understanding.yaml as reviewed (commit {}) is {size} bytes, larger than the 1 MiB cuc reads from one document (`limits.max_file_size` in cuc.yaml)\n",
            &pasted[..7]
        )),
        "{}",
        run.stdout
    );
}

/// northwind with `reviews` as its reviews.yaml, committed.
fn with_reviews(reviews: &str) -> Scratch {
    let scratch = repository();
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), reviews);
    commit_all(scratch.path(), "reviews written by hand");
    scratch
}

/// The entry `RECORD_MID_YEAR` appends, its dash two spaces in, with `newline`
/// line endings; the fingerprint is the one in `after`.
fn mid_year_entry(scratch: &Scratch, after: &str, newline: &str) -> String {
    format!(
        "  - milestone: \"mid-year\"\n    date: 2026-11-23\n    by: [\"Tom Becker\"]\n    outcome: on_track\n    commit: \"{}\"\n    fingerprint: {}\n",
        head(scratch.path()),
        fingerprint_in(after)
    )
    .replace('\n', newline)
}

/// The entry `SIGNOFF_HENRIK` appends, like `mid_year_entry`.
fn henrik_entry(scratch: &Scratch, after: &str, newline: &str) -> String {
    format!(
        "  - by: \"Henrik Albers\"\n    role: exec_sponsor\n    date: 2026-11-23\n    fingerprint: {}\n    commit: \"{}\"\n",
        fingerprint_in(after),
        head(scratch.path())
    )
    .replace('\n', newline)
}

/// Runs `args` on northwind with `reviews` as its reviews.yaml; returns the
/// run, the scratch and the file after.
fn append_to(reviews: &str, args: &[&str]) -> (Run, Scratch, String) {
    let scratch = with_reviews(reviews);
    let run = scratch.run(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&scratch, "reviews.yaml");
    assert_eq!(scratch.run(&["validate"]).code, 0, "{after}");
    (run, scratch, after)
}

#[test]
fn an_empty_flow_list_becomes_the_block_list_with_the_entry() {
    let review = crate::common::RECORD_MID_YEAR;
    let signoff = crate::common::SIGNOFF_HENRIK;

    let (_, scratch, after) = append_to("reviews: []\n", &review);
    assert_eq!(
        after,
        format!("reviews:\n{}", mid_year_entry(&scratch, &after, "\n"))
    );

    let (_, scratch, after) = append_to("signoffs: []", &signoff);
    assert_eq!(
        after,
        format!("signoffs:\n{}", henrik_entry(&scratch, &after, "\n"))
    );

    let around = "# Reviews with Northwind\nreviews: [ ]   # none yet\n\n# Sign-offs predate cuc\nsignoffs:\n  - by: Henrik Albers\n    role: exec_sponsor\n    date: 2026-06-05\n";
    let (_, scratch, after) = append_to(around, &review);
    assert_eq!(
        after,
        format!(
            "# Reviews with Northwind\nreviews:   # none yet\n{}\n# Sign-offs predate cuc\nsignoffs:\n  - by: Henrik Albers\n    role: exec_sponsor\n    date: 2026-06-05\n",
            mid_year_entry(&scratch, &after, "\n")
        )
    );

    let around = "schema: cuc/v1\nsignoffs: []  # none yet\nreviews:\n  - milestone: onboarding\n    date: 2026-07-03\n";
    let (_, scratch, after) = append_to(around, &signoff);
    assert_eq!(
        after,
        format!(
            "schema: cuc/v1\nsignoffs:  # none yet\n{}reviews:\n  - milestone: onboarding\n    date: 2026-07-03\n",
            henrik_entry(&scratch, &after, "\n")
        )
    );
}

#[test]
fn lines_of_block_notes_that_start_with_a_hash_are_notes_not_comments() {
    let before = "reviews:\n  - milestone: onboarding\n    date: 2026-07-03\n    notes: |\n      Agenda\n      # a heading in the notes, not a comment\n  - milestone: first-value\n    date: 2026-09-01\n    notes: >\n      Went well.\n\n      # also part of the notes\n# Sign-offs below.\nsignoffs: []\n";
    let (_, scratch, after) = append_to(before, &crate::common::RECORD_MID_YEAR);
    assert_eq!(
        after,
        inserted_before(
            before,
            "# Sign-offs below.",
            &mid_year_entry(&scratch, &after, "\n")
        )
    );
}

#[test]
fn trailing_comments_stay_where_they_are() {
    let before = "reviews:\n  - milestone: onboarding\n    date: 2026-07-03   # the kick-off\n  # next: first value, in September\n\n# Sign-offs come later.\n";
    let (_, scratch, after) = append_to(before, &crate::common::RECORD_MID_YEAR);
    assert_eq!(
        after,
        inserted_before(before, "  # next", &mid_year_entry(&scratch, &after, "\n"))
    );
}

#[test]
fn a_last_line_without_a_newline_gets_one_before_the_entry() {
    let before = "reviews:\n  - milestone: onboarding\n    date: 2026-07-03";
    let (_, scratch, after) = append_to(before, &crate::common::RECORD_MID_YEAR);
    assert_eq!(
        after,
        format!("{before}\n{}", mid_year_entry(&scratch, &after, "\n"))
    );
}

#[test]
fn crlf_files_get_crlf_entries() {
    let before = "# Reviews\r\nreviews:\r\n  - milestone: onboarding\r\n    date: 2026-07-03\r\n    notes: |\r\n      # Agenda\r\nsignoffs: []\r\n";
    let (_, scratch, after) = append_to(before, &crate::common::RECORD_MID_YEAR);
    assert_eq!(
        after,
        inserted_before(
            before,
            "signoffs",
            &mid_year_entry(&scratch, &after, "\r\n")
        )
    );
    let before = after;
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&scratch, "reviews.yaml");
    let cut = before.find("signoffs: []").unwrap();
    assert_eq!(
        after,
        format!(
            "{}signoffs:\r\n{}",
            &before[..cut],
            henrik_entry(&scratch, &after, "\r\n")
        )
    );
}

#[cfg(unix)]
#[test]
fn the_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = repository();
    let path = scratch.path().join(CUSTOMER).join("reviews.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    for args in [
        &crate::common::RECORD_MID_YEAR[..],
        &crate::common::SIGNOFF_HENRIK[..],
    ] {
        let run = scratch.run(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640, "{:o} after {}", mode, args[0]);
    }
}

/// The lines the advice says to paste: everything after its last line
/// ending in "then run again:".
fn advised_lines(stderr: &str) -> String {
    let (_, lines) = stderr
        .rsplit_once("then run again:\n")
        .unwrap_or_else(|| panic!("no lines to paste in {stderr}"));
    lines.to_owned()
}

#[test]
fn flow_style_is_refused_with_advice_that_works_when_followed() {
    let first = "reviews: [{milestone: onboarding, date: 2026-07-03, by: [Tom Becker, Sabine Kurz], outcome: on_track}]\n";
    let rest = "# Sign-offs predate cuc.\nsignoffs: []\n";
    let scratch = with_reviews(&format!("{first}{rest}"));
    let run = scratch.run(&crate::common::RECORD_MID_YEAR);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "cuc: cannot add to customers/northwind/reviews.yaml: `reviews` is written in square brackets (`[ ... ]`), which cuc cannot add to without rewriting it\n  \
         help: write it one field to a line: replace line 1 with these lines, then run again:\n\
         reviews:\n  - milestone: onboarding\n    date: 2026-07-03\n    by: [\"Tom Becker\", \"Sabine Kurz\"]\n    outcome: on_track\n"
    );
    assert_eq!(read(&scratch, "reviews.yaml"), format!("{first}{rest}"));

    // Followed literally: line 1 replaced by the lines given.
    let fixed = format!("{}{rest}", advised_lines(&run.stderr));
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), &fixed);
    commit_all(scratch.path(), "reviews in block style");
    assert_eq!(scratch.run(&["validate"]).code, 0);
    let run = scratch.run(&crate::common::RECORD_MID_YEAR);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&scratch, "reviews.yaml");
    assert_eq!(
        after,
        inserted_before(
            &fixed,
            "# Sign-offs",
            &mid_year_entry(&scratch, &after, "\n")
        )
    );
}

#[test]
fn a_whole_file_in_flow_style_gets_the_whole_file_as_advice() {
    let flow = "{reviews: [{milestone: onboarding, date: 2026-07-03}], signoffs: [{by: Henrik Albers, role: exec_sponsor, date: 2026-06-05}]}\n";
    let scratch = with_reviews(flow);
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "cuc: cannot add to customers/northwind/reviews.yaml: it is written in braces (`{ ... }`), which cuc cannot add to without rewriting it\n  \
         help: write it one field to a line: replace everything in the file with these lines, then run again:\n\
         reviews:\n  - milestone: onboarding\n    date: 2026-07-03\nsignoffs:\n  - by: \"Henrik Albers\"\n    role: exec_sponsor\n    date: 2026-06-05\n"
    );
    assert_eq!(read(&scratch, "reviews.yaml"), flow);
    let fixed = advised_lines(&run.stderr);
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), &fixed);
    commit_all(scratch.path(), "reviews in block style");
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&scratch, "reviews.yaml");
    assert_eq!(
        after,
        format!("{fixed}{}", henrik_entry(&scratch, &after, "\n"))
    );
    assert_eq!(scratch.run(&["validate"]).code, 0);
}

/// Asserts a refusal: exit 2, exactly `stderr`, and reviews.yaml unchanged.
fn assert_refused(scratch: &Scratch, args: &[&str], stderr: &str) {
    let before = std::fs::read(scratch.path().join(CUSTOMER).join("reviews.yaml")).unwrap();
    let run = scratch.run(args);
    assert_eq!((run.code, run.stderr.as_str()), (2, stderr), "{args:?}");
    assert_eq!(
        std::fs::read(scratch.path().join(CUSTOMER).join("reviews.yaml")).unwrap(),
        before,
        "{args:?} wrote"
    );
}

#[test]
fn nothing_is_recorded_about_documents_that_do_not_validate() {
    let scratch = repository();
    scratch.write(
        &format!("{CUSTOMER}/understanding.yaml"),
        read(&scratch, "understanding.yaml")
            .replace("  segment: mid-market", "  segmnet: mid-market")
            .replace("    kind: mid_year\n", "    kind: midyear\n"),
    );
    commit_all(scratch.path(), "broken");
    let validate = scratch.run(&["validate", CUSTOMER, "--format", "json"]);
    assert_eq!(validate.code, 1);
    let errors = crate::common::findings(&validate);
    assert_eq!(errors.len(), 2, "{errors:?}");
    for (args, what) in [
        (&crate::common::RECORD_MID_YEAR[..], "a review"),
        (&crate::common::SIGNOFF_HENRIK[..], "a sign-off"),
    ] {
        assert_refused(
            &scratch,
            args,
            &format!(
                "cuc: cannot record {what}: customers/northwind has 2 errors\n{}\n{}\n  \
                 help: fix them first (`cuc validate customers/northwind` shows each in place), commit, then run again; nothing was written\n",
                "  customers/northwind/understanding.yaml:7:3: `segmnet` is not a field of `customer`",
                "  customers/northwind/understanding.yaml:109:11: `midyear` is not a valid value for `milestones[mid-year].kind`",
            ),
        );
    }
}

#[test]
fn signoff_refuses_uncommitted_changes_and_records_the_commit_it_signed() {
    let scratch = repository();
    scratch.write(
        &format!("{CUSTOMER}/understanding.yaml"),
        read(&scratch, "understanding.yaml").replace("target: 30", "target: 25"),
    );
    scratch.write(&format!("{CUSTOMER}/notes/call.md"), "# Call\n");
    assert_refused(
        &scratch,
        &crate::common::SIGNOFF_HENRIK,
        "cuc: customers/northwind has uncommitted changes: notes/call.md, understanding.yaml\n  \
         help: commit them first, so the sign-off records exactly what was signed; nothing was written\n",
    );
    // An uncommitted reviews.yaml is fine: cuc writes it.
    let signed = commit_all(scratch.path(), "target 25");
    scratch.write(
        &format!("{CUSTOMER}/reviews.yaml"),
        format!("# touched\n{}", read(&scratch, "reviews.yaml")),
    );
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        read(&scratch, "reviews.yaml").ends_with(&format!("    commit: \"{signed}\"\n")),
        "{}",
        read(&scratch, "reviews.yaml")
    );
}

#[test]
fn a_date_in_the_future_is_refused() {
    let scratch = repository();
    let mut review = crate::common::RECORD_MID_YEAR.to_vec();
    review.extend(["--date", "2026-11-24"]);
    assert_refused(
        &scratch,
        &review,
        "cuc: a review would be dated 2026-11-24, which is in the future (today is 2026-11-23)\n  \
         help: record a review on the day it happened or later, with --date if it was not today; nothing was written\n",
    );
    let mut signoff = crate::common::SIGNOFF_HENRIK.to_vec();
    signoff.extend(["--date", "2026-12-01"]);
    assert_refused(
        &scratch,
        &signoff,
        "cuc: a sign-off would be dated 2026-12-01, which is in the future (today is 2026-11-23)\n  \
         help: record a sign-off on the day it happened or later, with --date if it was not today; nothing was written\n",
    );
    // Moving cuc's calendar ahead does not date a record in the future.
    let before = read(&scratch, "reviews.yaml");
    let mut ahead = vec!["--today", "2999-01-01"];
    ahead.extend(crate::common::SIGNOFF_HENRIK);
    let run = scratch.run(&ahead);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "cuc: a sign-off would be dated 2999-01-01, which is in the future (today is "
        ) && run
            .stderr
            .contains("(--today and CUC_TODAY cannot date a record after this computer's today)"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&scratch, "reviews.yaml"), before);
    // Today and earlier days are recorded as given.
    let last = review.len() - 1;
    review[last] = "2026-11-20";
    let run = scratch.run(&review);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let last = signoff.len() - 1;
    signoff[last] = "2026-11-23";
    let run = scratch.run(&signoff);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&scratch, "reviews.yaml");
    assert!(
        text.contains("  - milestone: \"mid-year\"\n    date: 2026-11-20\n"),
        "{text}"
    );
}

#[test]
fn every_reviewer_is_a_stakeholder_or_on_the_team() {
    let scratch = repository();
    let mut args = crate::common::RECORD_MID_YEAR.to_vec();
    args.extend(["--by", "Tom Beker"]);
    assert_refused(
        &scratch,
        &args,
        "cuc: `Tom Beker` is not a stakeholder of northwind, nor an email in its `customer.team`\n  \
         help: did you mean `Tom Becker`? name each reviewer exactly as in `stakeholders` in understanding.yaml (or add them there first); nothing was written\n",
    );
    // Either side, or the team's emails.
    let run = scratch.run(&[
        "review",
        "northwind",
        "--record",
        "--milestone",
        "mid-year",
        "--by",
        "Henrik Albers",
        "--by",
        "Priya Raman",
        "--by",
        "tom.becker@vendor.example",
        "--outcome",
        "on_track",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        read(&scratch, "reviews.yaml").contains(
            "    by: [\"Henrik Albers\", \"Priya Raman\", \"tom.becker@vendor.example\"]\n"
        )
    );
}

#[test]
fn a_milestone_is_reviewed_again_only_with_again() {
    let scratch = repository();
    let mut args = crate::common::RECORD_MID_YEAR.to_vec();
    args[4] = "first-value";
    assert_refused(
        &scratch,
        &args,
        "cuc: the `first-value` milestone of northwind was already reviewed on 2026-09-01\n  \
         help: if this is a follow-up review, record it with --again; nothing was written\n",
    );
    args.push("--again");
    let run = scratch.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&scratch, "reviews.yaml");
    assert_eq!(text.matches("milestone: first-value").count(), 1);
    assert_eq!(text.matches("milestone: \"first-value\"").count(), 1);
    assert_eq!(scratch.run(&["validate"]).code, 0);

    // A follow-up of a milestone never reviewed is a mistake.
    let mut args = crate::common::RECORD_MID_YEAR.to_vec();
    args.push("--again");
    assert_refused(
        &scratch,
        &args,
        "cuc: --again records a follow-up review, but the `mid-year` milestone of northwind has no review yet\n  \
         help: leave out --again to record its first review; nothing was written\n",
    );
}

#[test]
fn a_flow_list_over_several_lines_gets_advice_for_all_of_them() {
    let flow = "reviews: [\n  {milestone: onboarding, date: 2026-07-03},\n  {milestone: first-value, date: 2026-09-01}  # went well\n]\n";
    let rest = "signoffs: []\n";
    let scratch = with_reviews(&format!("{flow}{rest}"));
    let run = scratch.run(&crate::common::RECORD_MID_YEAR);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "cuc: cannot add to customers/northwind/reviews.yaml: `reviews` is written in square brackets (`[ ... ]`), which cuc cannot add to without rewriting it\n  \
         help: write it one field to a line: replace lines 1 to 4 with these lines, then run again:\n\
         reviews:\n  - milestone: onboarding\n    date: 2026-07-03\n  - milestone: first-value\n    date: 2026-09-01\n"
    );
    assert_eq!(read(&scratch, "reviews.yaml"), format!("{flow}{rest}"));
    let fixed = format!("{}{rest}", advised_lines(&run.stderr));
    scratch.write(&format!("{CUSTOMER}/reviews.yaml"), &fixed);
    commit_all(scratch.path(), "reviews in block style");
    let run = scratch.run(&crate::common::RECORD_MID_YEAR);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&scratch, "reviews.yaml");
    assert_eq!(
        after,
        format!(
            "{}{}{rest}",
            &fixed[..fixed.len() - rest.len()],
            mid_year_entry(&scratch, &after, "\n")
        )
    );
}

#[test]
fn blank_lines_a_block_keeps_stay_in_it() {
    // `|+` keeps the blank lines after its text: they are part of the notes.
    let before = "reviews:\n  - milestone: onboarding\n    date: 2026-07-03\n    notes: |+\n      Went well.\n\n\n# Sign-offs below.\nsignoffs: []\n";
    let (_, scratch, after) = append_to(before, &crate::common::RECORD_MID_YEAR);
    assert_eq!(
        after,
        inserted_before(
            before,
            "# Sign-offs below.",
            &mid_year_entry(&scratch, &after, "\n")
        )
    );
    // Without `+`, blank lines after the last entry stay after the new one.
    let before = before.replace("|+", "|");
    let (_, scratch, after) = append_to(&before, &crate::common::RECORD_MID_YEAR);
    let cut = before.find("\n\n").unwrap() + 1;
    assert_eq!(
        after,
        format!(
            "{}{}{}",
            &before[..cut],
            mid_year_entry(&scratch, &after, "\n"),
            &before[cut..]
        )
    );
}

/// `text` with `entry` inserted just before the first `marker`.
fn inserted_before(text: &str, marker: &str, entry: &str) -> String {
    let cut = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in {text:?}"));
    format!("{}{entry}{}", &text[..cut], &text[cut..])
}

#[test]
fn each_reviewer_is_recorded_once_as_the_understanding_writes_them() {
    let scratch = repository();
    let mut review = crate::common::RECORD_MID_YEAR.to_vec();
    review.extend(["--by", "Tom Becker", "--by", "TOM.BECKER@VENDOR.EXAMPLE"]);
    let run = scratch.run(&review);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        read(&scratch, "reviews.yaml")
            .contains("    by: [\"Tom Becker\", \"tom.becker@vendor.example\"]\n"),
        "{}",
        read(&scratch, "reviews.yaml")
    );
}

#[test]
fn the_same_sponsor_signing_the_same_version_again_is_refused() {
    let scratch = repository();
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit_all(scratch.path(), "signed");
    assert_refused(
        &scratch,
        &crate::common::SIGNOFF_HENRIK,
        "cuc: Henrik Albers already signed this version as exec sponsor on 2026-11-23\n  \
         help: a new sign-off is needed only after the understanding changes; nothing was written\n",
    );
}

#[test]
fn a_follow_up_review_is_not_dated_before_the_review_it_follows() {
    let scratch = repository();
    let run = scratch.run(&crate::common::RECORD_MID_YEAR);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit_all(scratch.path(), "reviewed");
    let mut again = crate::common::RECORD_MID_YEAR.to_vec();
    again.extend(["--again", "--date", "2026-11-01"]);
    assert_refused(
        &scratch,
        &again,
        "cuc: a follow-up review of the `mid-year` milestone of northwind cannot be dated 2026-11-01, before its first review on 2026-11-23\n  \
         help: check --date; nothing was written\n",
    );
}
