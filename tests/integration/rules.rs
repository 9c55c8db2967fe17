//! Every review rule: a customer that triggers it (the clean fixture with one
//! realistic change) and the clean fixture itself, on which no rule fires.
//! Expected lines are found in the fixture text, independently of cuc.

use crate::common::{Run, Scratch, fixture};

struct Customer {
    understanding: String,
    decisions: String,
    reviews: String,
}

fn base() -> Customer {
    let read = |name: &str| std::fs::read_to_string(fixture("rules").join(name)).unwrap();
    Customer {
        understanding: read("understanding.yaml"),
        decisions: read("decisions.yaml"),
        reviews: read("reviews.yaml"),
    }
}

/// Replaces exactly one occurrence of `from` (the first), failing the test
/// when the fixture no longer contains it.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture has no {from:?}");
    text.replacen(from, to, 1)
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("fixture has no {needle:?}"));
    text[..at].matches('\n').count() + 1
}

fn workspace(c: &Customer, config: &str) -> Scratch {
    let scratch = Scratch::new();
    scratch.write("cuc.yaml", config);
    scratch.write("customers/northwind/understanding.yaml", &c.understanding);
    scratch.write("customers/northwind/decisions.yaml", &c.decisions);
    scratch.write("customers/northwind/reviews.yaml", &c.reviews);
    scratch
}

fn check(c: &Customer) -> Run {
    check_with(c, "schema: cuc/v1\n")
}

fn check_with(c: &Customer, config: &str) -> Run {
    workspace(c, config).run(&["check", "--format", "json"])
}

/// `severity file:line` of each finding of `rule`.
fn hits(run: &Run, rule: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|_| panic!("{}{}", run.stdout, run.stderr));
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            format!(
                "{} {}:{}",
                f["severity"].as_str().unwrap(),
                f["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("customers/northwind/"),
                f["line"]
            )
        })
        .collect()
}

fn message(run: &Run, rule: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .expect("a finding")["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_clean_customer_triggers_no_rule() {
    let run = check(&base());
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
}

#[test]
fn unmeasurable_success() {
    let mut c = base();
    c.understanding = edit(&c.understanding, "    target: 15000\n", "");
    let run = check(&c);
    assert_eq!(run.code, 1);
    assert_eq!(
        hits(&run, "unmeasurable-success"),
        [format!(
            "error understanding.yaml:{}",
            line_of(&c.understanding, "  - id: sc-2")
        )]
    );
    assert_eq!(
        message(&run, "unmeasurable-success"),
        "success criterion `sc-2` has no target. Agree with the customer how it is measured: a metric, a target and the date it is due"
    );
}

#[test]
fn missing_role() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "[project_sponsor, champion]",
        "[project_sponsor]",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "missing-role"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "stakeholders:")
        )]
    );
    assert!(
        message(&run, "missing-role")
            .starts_with("no champion is named among the customer's stakeholders")
    );
}

#[test]
fn success_not_agreed() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "agreed_by: [Henrik Albers, Sabine Kurz, Marco Lenz]",
        "agreed_by: [Henrik Albers]",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "success-not-agreed"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "agreed_by: [Henrik Albers]\n")
        )]
    );
    assert!(message(&run, "success-not-agreed").starts_with(
        "success criterion `sc-1` is not agreed by the project sponsor (Sabine Kurz) and the operating owner (Marco Lenz)"
    ));
}

#[test]
fn definitions_of_success_side_by_side() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "    roles: [project_sponsor, champion]\n",
        "    roles: [project_sponsor, champion]\n    definition_of_success: No phone calls at 6 a.m.\n",
    );
    let run = check(&c);
    assert_eq!(run.code, 0, "an info finding does not fail the gate");
    assert_eq!(
        hits(&run, "definitions-of-success"),
        [format!(
            "info understanding.yaml:{}",
            line_of(&c.understanding, "stakeholders:")
        )]
    );
    assert_eq!(
        message(&run, "definitions-of-success"),
        "2 stakeholders define success in their own words; read them side by side:\n  \
         - Henrik Albers (COO): Detention fees visibly down in the board numbers.\n  \
         - Sabine Kurz (Head of Logistics): No phone calls at 6 a.m.. Where they pull apart, talk about it with the exec sponsor before it stalls the project"
    );
}

#[test]
fn sponsor_gap() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "last_contact: 2026-11-02",
        "last_contact: 2026-07-01",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "sponsor-gap"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "last_contact: 2026-07-01")
        )]
    );
    assert!(
        message(&run, "sponsor-gap")
            .starts_with("exec sponsor Henrik Albers was last contacted 145 days ago")
    );
    // A project sponsor with no exec sponsor above them.
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "[exec_sponsor, economic_buyer]",
        "[economic_buyer]",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "sponsor-gap"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "[project_sponsor, champion]")
        )]
    );
}

#[test]
fn decision_without_owner() {
    let mut c = base();
    c.decisions = edit(&c.decisions, "    owner: Sabine Kurz\n", "");
    let run = check(&c);
    assert_eq!(run.code, 1);
    assert_eq!(
        hits(&run, "decision-without-owner"),
        [format!(
            "error decisions.yaml:{}",
            line_of(&c.decisions, "  - id: d-1")
        )]
    );
}

#[test]
fn decision_not_circulated() {
    let mut c = base();
    c.decisions = edit(
        &c.decisions,
        "circulated: 2026-06-10T16:30",
        "circulated: 2026-06-13T08:00",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "decision-not-circulated"),
        [format!(
            "warning decisions.yaml:{}",
            line_of(&c.decisions, "circulated:")
        )]
    );
    assert!(
        message(&run, "decision-not-circulated")
            .starts_with("decision `d-1` was circulated 3 days after it was made")
    );
    let mut c = base();
    c.decisions = edit(&c.decisions, "    circulated: 2026-06-10T16:30\n", "");
    let run = check(&c);
    assert_eq!(
        hits(&run, "decision-not-circulated"),
        [format!(
            "warning decisions.yaml:{}",
            line_of(&c.decisions, "  - id: d-1")
        )]
    );
}

#[test]
fn decision_reopened() {
    let mut c = base();
    c.decisions.push_str(
        "  - id: d-2\n    made: 2026-06-13T10:00\n    decision: Start with Hamburg after all.\n    owner: Henrik Albers\n    \
         circulated: 2026-06-13T12:00\n    to: [Sabine Kurz]\n    supersedes: d-1\n",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "decision-reopened"),
        [format!(
            "warning decisions.yaml:{}",
            line_of(&c.decisions, "supersedes: d-1")
        )]
    );
    assert!(
        message(&run, "decision-reopened")
            .starts_with("decision `d-2` reopened `d-1` only 3 days after it was made")
    );
}

#[test]
fn unconfirmed_commitment() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "confirmed_with_product: true",
        "confirmed_with_product: false",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "unconfirmed-commitment"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "confirmed_with_product: false")
        )]
    );
}

#[test]
fn overdue_commitment() {
    let mut c = base();
    c.understanding = edit(&c.understanding, "due: 2027-01-31", "due: 2026-10-31");
    let run = check(&c);
    assert_eq!(run.code, 1);
    assert_eq!(
        hits(&run, "overdue-commitment"),
        [format!(
            "error understanding.yaml:{}",
            line_of(&c.understanding, "due: 2026-10-31")
        )]
    );
    assert!(
        message(&run, "overdue-commitment")
            .contains("was due on 2026-10-31, 23 days ago, and is not delivered")
    );
    // Delivered is done, whatever the date.
    c.understanding = edit(&c.understanding, "status: in_progress", "status: delivered");
    assert_eq!(hits(&check(&c), "overdue-commitment"), Vec::<String>::new());
}

#[test]
fn unowned_risk() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "    mitigation: Sabine presents the pilot results to the council in December.\n",
        "",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "unowned-risk"),
        [format!(
            "error understanding.yaml:{}",
            line_of(&c.understanding, "impact: high")
        )]
    );
    let mut c = base();
    c.understanding = edit(&c.understanding, "    owner: Sabine Kurz\n", "");
    let run = check(&c);
    assert_eq!(
        hits(&run, "unowned-risk"),
        [format!(
            "error understanding.yaml:{}",
            line_of(&c.understanding, "  - id: r-1")
        )]
    );
}

#[test]
fn missing_constraints() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "political: [The works council must approve any new shift tooling.]",
        "political: []",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "missing-constraints"),
        [format!(
            "info understanding.yaml:{}",
            line_of(&c.understanding, "political: []")
        )]
    );
}

#[test]
fn no_non_scope() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "out: [Yard management inside the gates]",
        "out: []",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "no-non-scope"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "out: []")
        )]
    );
}

#[test]
fn unsigned_objective() {
    let mut c = base();
    c.reviews = edit(
        &c.reviews,
        "  - by: Marco Lenz\n    role: operating_owner\n    date: 2026-06-06\n",
        "",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "unsigned-objective"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "- name: Marco Lenz")
        )]
    );
    assert!(
        message(&run, "unsigned-objective")
            .contains("cuc signoff northwind --by \"Marco Lenz\" --role operating_owner")
    );
}

#[test]
fn stale_review() {
    let mut c = base();
    c.reviews = edit(&c.reviews, "date: 2026-09-01", "date: 2026-08-01");
    let run = check(&c);
    assert_eq!(
        hits(&run, "stale-review"),
        [format!(
            "warning reviews.yaml:{}",
            line_of(&c.reviews, "date: 2026-08-01")
        )]
    );
    assert!(
        message(&run, "stale-review")
            .starts_with("last reviewed 114 days ago (2026-08-01); the cadence is every 90 days")
    );
    // Past the workspace's error_after it is an error.
    let run = check_with(&c, "freshness:\n  error_after: 100d\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        hits(&run, "stale-review"),
        [format!(
            "error reviews.yaml:{}",
            line_of(&c.reviews, "date: 2026-08-01")
        )]
    );
}

#[test]
fn missed_milestone_review() {
    let mut c = base();
    c.reviews = edit(
        &c.reviews,
        "  - milestone: first-value\n    date: 2026-09-01\n    by: [Tom Becker, Henrik Albers]\n    outcome: on_track\n",
        "",
    );
    let run = check(&c);
    assert_eq!(run.code, 1);
    assert_eq!(
        hits(&run, "missed-milestone-review"),
        [format!(
            "error understanding.yaml:{}",
            line_of(&c.understanding, "due: 2026-08-30")
        )]
    );
    // Within the grace period it is not missed yet.
    let run = check_with(&c, "freshness:\n  milestone_grace: 90d\n");
    assert_eq!(hits(&run, "missed-milestone-review"), Vec::<String>::new());
}

#[test]
fn renewal_approaching() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "renewal: 2027-06-01",
        "renewal: 2027-01-15",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "renewal-approaching"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "renewal: 2027-01-15")
        )]
    );
    assert!(
        message(&run, "renewal-approaching")
            .starts_with("the renewal is in 53 days (2027-01-15) and there is no renewal review")
    );
    // A shorter lead time in cuc.yaml: not yet.
    assert_eq!(
        hits(
            &check_with(&c, "freshness:\n  renewal_lead: 30d\n"),
            "renewal-approaching"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn handover_gaps() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "attendees: [Priya Raman, Tom Becker,",
        "attendees: [Tom Becker,",
    );
    c.understanding = edit(
        &c.understanding,
        "    due: 2026-08-30\n",
        "    due: 2026-10-30\n",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "handover-gaps"),
        [
            format!(
                "warning understanding.yaml:{}",
                line_of(&c.understanding, "milestones:")
            ),
            format!(
                "warning understanding.yaml:{}",
                line_of(&c.understanding, "  attendees:")
            ),
        ]
    );
    let run_text = run.stdout.clone();
    assert!(run_text.contains(
        "our sales owner (priya.raman@vendor.example) is not among the intro meeting's attendees"
    ));
    assert!(
        run_text
            .contains("no milestone defines what success looks like around day 90 (2026-08-30)")
    );
}

#[test]
fn placeholder() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "at_stake: The retail contract renewal in spring 2027.",
        "at_stake: \"TODO: what they lose if it is not solved\"",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "placeholder"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "at_stake:")
        )]
    );
}

/// The handover note `cuc new` writes for northwind, as it writes it.
fn handover_template() -> String {
    let scratch = Scratch::new();
    let run = scratch.run(&[
        "new",
        "northwind",
        "--name",
        "Northwind Foods",
        "--cs",
        "a@b.example",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(scratch.path().join("customers/northwind/notes/handover.md")).unwrap()
}

/// `rule file:line:column` of each finding in a JSON run.
fn places(run: &Run, rule: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|_| panic!("{}{}", run.stdout, run.stderr));
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            format!(
                "{}:{}:{}",
                f["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("customers/northwind/"),
                f["line"],
                f["column"]
            )
        })
        .collect()
}

#[test]
fn placeholder_finds_a_note_nobody_has_written_in() {
    let c = base();
    let template = handover_template();
    let scratch = workspace(&c, "schema: cuc/v1\n");
    scratch.write("customers/northwind/notes/handover.md", &template);
    let run = scratch.run(&["check", "--format", "json"]);
    assert_eq!(
        places(&run, "placeholder"),
        [format!(
            "notes/handover.md:{}:1",
            line_of(&template, "# Handover: Northwind Foods")
        )]
    );
    assert_eq!(
        message(&run, "placeholder"),
        "nothing is written in this note yet: it is still the template `cuc new` wrote. \
         Write the note in place of the template's text, or delete the file if there is nothing to tell; \
         until then `cuc render` leaves it out"
    );

    // Written in, it is a note; its heading and the template's words may stay.
    scratch.write(
        "customers/northwind/notes/handover.md",
        format!(
            "{template}\nPriya met Henrik at a trade fair in March; Sabine pushed for the pilot.\n"
        ),
    );
    let run = scratch.run(&["check", "--format", "json"]);
    assert_eq!(places(&run, "placeholder"), Vec::<String>::new());
}

#[test]
fn placeholder_knows_the_workspace_templates_and_the_built_in_one() {
    let c = base();
    let scratch = workspace(&c, "schema: cuc/v1\n");
    // The workspace's own template, without front matter; and a customer
    // scaffolded before it existed, from the built-in one.
    scratch.write(
        "templates/notes/handover.md",
        "# Handover of {{name}}\n\n<!-- How did the deal start? Who pushed for it? -->\n",
    );
    scratch.write(
        "customers/northwind/notes/handover.md",
        "# Handover of Northwind Foods\n\n<!-- How did the deal start? Who pushed for it? -->\n",
    );
    scratch.write("customers/northwind/notes/older.md", handover_template());
    let run = scratch.run(&["check", "--format", "json"]);
    assert_eq!(
        places(&run, "placeholder"),
        ["notes/handover.md:1:1", "notes/older.md:7:1"]
    );
}

#[test]
fn placeholder_finds_template_text_in_a_notes_front_matter() {
    let c = base();
    let scratch = workspace(&c, "schema: cuc/v1\n");
    let note = "---\ntitle: \"TODO: what the meeting was about\"\ndate: 2026-11-20\n---\n\nWe agreed on the carrier letter.\n";
    scratch.write("customers/northwind/notes/2026-11-20.md", note);
    let run = scratch.run(&["check", "--format", "json"]);
    assert_eq!(places(&run, "placeholder"), ["notes/2026-11-20.md:2:8"]);
    assert_eq!(
        message(&run, "placeholder"),
        "template text is still here: \"TODO: what the meeting was about\". \
         Replace it with what you learned from the customer, or delete the line"
    );
}

#[test]
fn a_documented_exception_suppresses_a_rule() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "out: [Yard management inside the gates]",
        "out: []",
    );
    c.understanding = edit(
        &c.understanding,
        "  cadence: 90d\n",
        "  cadence: 90d\n  ignore:\n    - rule: no-non-scope\n      reason: Pilot contract; scope is fixed by the order form.\n",
    );
    let run = check(&c);
    assert_eq!(run.code, 0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
}

#[test]
fn an_ignore_without_reason_or_that_suppresses_nothing_is_a_finding() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "out: [Yard management inside the gates]",
        "out: []",
    );
    c.understanding = edit(
        &c.understanding,
        "  cadence: 90d\n",
        "  cadence: 90d\n  ignore:\n    - rule: no-non-scope\n    - rule: missing-roles\n      reason: We know.\n",
    );
    let run = check(&c);
    // Without a reason the ignore does not suppress: the rule keeps firing.
    assert_eq!(
        hits(&run, "no-non-scope"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "out: []")
        )]
    );
    assert_eq!(
        hits(&run, "ignore-without-reason"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "- rule: no-non-scope")
        )]
    );
    assert_eq!(
        hits(&run, "unused-ignore"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "- rule: missing-roles")
        )]
    );
    assert_eq!(
        message(&run, "unused-ignore"),
        "the ignore for `missing-roles` suppresses nothing. There is no rule `missing-roles`; did you mean `missing-role`?"
    );
}

#[test]
fn severities_come_from_cuc_yaml() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "out: [Yard management inside the gates]",
        "out: []",
    );
    let run = check_with(&c, "rules:\n  no-non-scope: error\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        hits(&run, "no-non-scope"),
        [format!(
            "error understanding.yaml:{}",
            line_of(&c.understanding, "out: []")
        )]
    );
    let run = check_with(&c, "rules:\n  no-non-scope: off\n");
    assert_eq!((run.code, hits(&run, "no-non-scope")), (0, vec![]));
    // A misspelt rule in cuc.yaml is caught like any unknown field.
    let run = check_with(&c, "rules:\n  no-nonscope: off\n");
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("Did you mean `no-non-scope`?"),
        "{}",
        run.stdout
    );
}

#[test]
fn rules_wait_for_valid_documents() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "out: [Yard management inside the gates]",
        "out: []\n  outt: []",
    );
    let run = check(&c);
    assert_eq!(run.code, 1);
    assert_eq!(hits(&run, "no-non-scope"), Vec::<String>::new());
    assert_eq!(
        hits(&run, "not-reviewed"),
        ["info customers/northwind:null"]
    );
}

#[test]
fn check_annotates_every_finding_for_github() {
    let mut c = base();
    c.understanding = edit(&c.understanding, "due: 2027-01-31", "due: 2026-10-31");
    let run = workspace(&c, "schema: cuc/v1\n").run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let line = line_of(&c.understanding, "due: 2026-10-31");
    assert_eq!(
        run.stdout
            .lines()
            .map(|l| l.split("::").take(2).collect::<Vec<_>>().join("::"))
            .collect::<Vec<_>>(),
        [format!(
            "::error file=customers/northwind/understanding.yaml,line={line},col=10,endLine={line},endColumn=20,title=cuc overdue-commitment"
        )]
    );
}

#[test]
fn last_years_renewal_review_does_not_count_for_this_renewal() {
    let mut c = base();
    c.understanding = edit(
        &c.understanding,
        "renewal: 2027-06-01",
        "renewal: 2027-01-15",
    );
    c.reviews = edit(
        &c.reviews,
        "signoffs:\n",
        "  - milestone: renewal\n    date: 2026-01-20\n    by: [Tom Becker]\n    outcome: on_track\nsignoffs:\n",
    );
    let run = check(&c);
    assert_eq!(
        hits(&run, "renewal-approaching"),
        [format!(
            "warning understanding.yaml:{}",
            line_of(&c.understanding, "renewal: 2027-01-15")
        )]
    );
    // A renewal review within this renewal's lead time does count.
    c.reviews = edit(&c.reviews, "date: 2026-01-20", "date: 2026-11-20");
    assert_eq!(
        hits(&check(&c), "renewal-approaching"),
        Vec::<String>::new()
    );
}

#[test]
fn huge_durations_in_cuc_yaml_are_refused_not_a_crash() {
    let run = check_with(
        &base(),
        "freshness:\n  renewal_lead: 1999999999999999999w\n  milestone_grace: 99999999d\n",
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["invalid-value", "invalid-value"]);
    // The largest duration the schema allows works.
    assert_eq!(
        check_with(&base(), "freshness:\n  milestone_grace: 99999w\n").code,
        0
    );
}
