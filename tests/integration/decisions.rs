//! Decisions as one-line habits: `cuc decision` writes one down with its
//! owner (appended to decisions.yaml, every byte and comment kept), and
//! `cuc circulate` records when and to whom it was sent (two fields added
//! to its entry) and prints the message to send.

use crate::common::{Run, Scratch, findings, fixture};

const LOG: &str = "customers/northwind/decisions.yaml";

/// A decision log as a person writes it: comments, blank lines between
/// entries, a folded block, one decision circulated and one not yet.
const WRITTEN: &str = "# Decision log for Northwind. Circulate within 24 hours.
schema: cuc/v1

decisions:
  - id: d-1   # the first one
    made: 2026-06-10T09:00+02:00
    decision: >-
      Start with the Bremen dock;
      Hamburg follows after first value.
    owner: Sabine Kurz
    scope_item: Slot booking for the Bremen and Hamburg docks
    circulated: 2026-06-10T16:30+02:00
    to: [Henrik Albers, Marco Lenz]
    status: active

  - id: d-2
    made: 2026-09-01T11:00+02:00
    decision: Night shifts book by phone until the works council approves.
    owner: Henrik Albers

# Newest last.
";

/// The clean customer of the rules fixture (no rule fires on it) with the
/// decision log `log`, or none.
fn workspace(log: Option<&str>) -> Scratch {
    let scratch = Scratch::new();
    for name in ["understanding.yaml", "reviews.yaml"] {
        scratch.write(
            &format!("customers/northwind/{name}"),
            std::fs::read(fixture("rules").join(name)).unwrap(),
        );
    }
    if let Some(log) = log {
        scratch.write(LOG, log);
    }
    scratch
}

fn read(scratch: &Scratch) -> String {
    std::fs::read_to_string(scratch.path().join(LOG)).unwrap()
}

/// The decision most tests write: everything MADR has, made at a set time.
const DECIDE: [&str; 23] = [
    "decision",
    "northwind",
    "Hamburg goes live on 1 March; Bremen keeps its Tuesday slots.",
    "--owner",
    "Sabine Kurz",
    "--scope",
    "Slot booking for the Bremen and Hamburg docks",
    "--supersedes",
    "d-1",
    "--made",
    "2026-11-20T10:00+01:00",
    "--context",
    "Bremen's pilot halved the waits.",
    "--option",
    "Hamburg on 1 March",
    "--option",
    "Both docks after peak season",
    "--consequences",
    "Hamburg's gate staff train in February.",
    "--consulted",
    "Marco Lenz",
    "--consulted",
    "Tom Becker",
];

/// What `DECIDE` appends to `WRITTEN`.
const DECIDED: &str = "
  - id: d-3
    made: 2026-11-20T10:00+01:00
    decision: \"Hamburg goes live on 1 March; Bremen keeps its Tuesday slots.\"
    owner: \"Sabine Kurz\"
    scope_item: \"Slot booking for the Bremen and Hamburg docks\"
    supersedes: d-1
    context: \"Bremen's pilot halved the waits.\"
    options: [\"Hamburg on 1 March\", \"Both docks after peak season\"]
    consequences: \"Hamburg's gate staff train in February.\"
    consulted: [\"Marco Lenz\", \"Tom Becker\"]
";

fn refused(run: &Run, message: &str) {
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, message);
}

#[test]
fn a_decision_is_appended_keeping_every_byte_and_comment() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&DECIDE);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Recorded decision d-3 in customers/northwind/decisions.yaml: owned by Sabine Kurz, made 2026-11-20 at 10:00 (UTC+01:00)\n\
         It replaces d-1 (2026-06-10). d-1 still says `status: active`: cuc leaves what was written as it is, so change it to `superseded` if you keep statuses.\n\
         Circulate it within 24 hours: `cuc circulate northwind d-3 --to NAME...` records it and prints the message to send.\n"
    );
    let (before, comment) = WRITTEN.split_at(WRITTEN.find("\n# Newest last.").unwrap());
    assert_eq!(read(&scratch), format!("{before}{DECIDED}{comment}"));
    assert_eq!(scratch.run(&["validate"]).code, 0);
}

#[test]
fn the_first_decision_creates_the_log() {
    let scratch = workspace(None);
    let run = scratch.run(&[
        "decision",
        "northwind",
        "Start with the Bremen dock.",
        "--owner",
        "Sabine Kurz",
        "--made",
        "2026-06-10T09:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(
        "Recorded decision d-1 in customers/northwind/decisions.yaml: owned by Sabine Kurz, made 2026-06-10 at 09:00\n"
    ));
    assert_eq!(
        read(&scratch),
        "# yaml-language-server: $schema=../../schema/decisions.json
# Decision log for Northwind Foods GmbH. Circulate every decision within 24 hours.
schema: cuc/v1

decisions:
  - id: d-1
    made: 2026-06-10T09:00
    decision: \"Start with the Bremen dock.\"
    owner: \"Sabine Kurz\"
"
    );
    let run = scratch.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn the_next_id_follows_the_style_of_the_log() {
    for (ids, next) in [
        (["D1", "D2"], "D3"),
        (["d-007", "d-008"], "d-009"),
        (["d-2", "d-1"], "d-3"),
    ] {
        let log = format!(
            "decisions:\n  - id: {}\n    made: 2026-06-10T09:00\n    decision: a\n  - id: {}\n    made: 2026-06-11T09:00\n    decision: b\n",
            ids[0], ids[1]
        );
        let scratch = workspace(Some(&log));
        let run = scratch.run(&[
            "decision",
            "northwind",
            "c",
            "--owner",
            "Tom Becker",
            "--made",
            "2026-06-12T09:00",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout
                .starts_with(&format!("Recorded decision {next} in ")),
            "{}",
            run.stdout
        );
        assert_eq!(
            read(&scratch),
            format!(
                "{log}  - id: {next}\n    made: 2026-06-12T09:00\n    decision: \"c\"\n    owner: \"Tom Becker\"\n"
            )
        );
    }
}

#[test]
fn made_is_now_to_the_minute_with_the_offset() {
    let scratch = workspace(Some(WRITTEN));
    let before = jiff::Timestamp::now();
    let run = scratch.run(&["decision", "northwind", "c", "--owner", "Tom Becker"]);
    let after = jiff::Timestamp::now();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let log = read(&scratch);
    let made = log
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("    made: "))
        .unwrap();
    // YYYY-MM-DDTHH:MM+HH:MM, in this computer's time zone.
    assert_eq!(made.len(), 22, "{made}");
    assert!(matches!(&made[16..17], "+" | "-"), "{made}");
    let at: jiff::Timestamp = made.parse().unwrap();
    let minute = jiff::SignedDuration::from_secs(60);
    assert!(at <= after && at + minute > before, "{made}");
    let offset = jiff::Zoned::now().strftime("%:z").to_string();
    assert!(made.ends_with(&offset), "{made} {offset}");
}

#[test]
fn an_owner_who_is_not_a_stakeholder_is_refused_with_the_closest_name() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&["decision", "northwind", "c", "--owner", "Sabine Kurtz"]);
    refused(
        &run,
        "cuc: `Sabine Kurtz` is not a stakeholder of northwind\n  \
         help: did you mean `Sabine Kurz`? the owner must be in `stakeholders` in understanding.yaml, written exactly as there; nothing was written\n",
    );
    let run = scratch.run(&[
        "decision",
        "northwind",
        "c",
        "--owner",
        "Sabine Kurz",
        "--consulted",
        "Nobody Known",
    ]);
    refused(
        &run,
        "cuc: `Nobody Known` is not a stakeholder of northwind\n  \
         help: everyone consulted must be in `stakeholders` in understanding.yaml, written exactly as there; nothing was written\n",
    );
    assert_eq!(read(&scratch), WRITTEN);
}

#[test]
fn supersedes_must_name_a_decision_not_already_replaced() {
    let scratch = workspace(Some(WRITTEN));
    let decide = |old: &str| {
        scratch.run(&[
            "decision",
            "northwind",
            "c",
            "--owner",
            "Tom Becker",
            "--supersedes",
            old,
            "--made",
            "2026-11-20T10:00+01:00",
        ])
    };
    refused(
        &decide("d1"),
        "cuc: there is no decision `d1` in customers/northwind/decisions.yaml\n  \
         help: did you mean `d-1`? use the `id` of one of its decisions (the latest is `d-2`); nothing was written\n",
    );
    refused(
        &decide("d-7"),
        "cuc: there is no decision `d-7` in customers/northwind/decisions.yaml\n  \
         help: use the `id` of one of its decisions (the latest is `d-2`); nothing was written\n",
    );
    assert_eq!(read(&scratch), WRITTEN);
    assert_eq!(decide("d-1").code, 0);
    let replaced = read(&scratch);
    refused(
        &decide("d-1"),
        "cuc: decision d-1 was already replaced by d-3 (2026-11-20)\n  \
         help: to change what d-3 decided, use --supersedes d-3; nothing was written\n",
    );
    assert_eq!(read(&scratch), replaced);
    let run = scratch.run(&[
        "decision",
        "northwind",
        "c",
        "--owner",
        "Tom Becker",
        "--supersedes",
        "d-2",
        "--made",
        "2026-08-01T10:00+02:00",
    ]);
    refused(
        &run,
        "cuc: the new decision would be made 2026-08-01 at 10:00 (UTC+02:00), before the decision it replaces (d-2, made 2026-09-01 at 11:00 (UTC+02:00))\n  \
         help: check --made; nothing was written\n",
    );
    let none = workspace(None);
    let run = none.run(&[
        "decision",
        "northwind",
        "c",
        "--owner",
        "Tom Becker",
        "--supersedes",
        "d-1",
    ]);
    refused(
        &run,
        "cuc: there is no decision `d-1`: customers/northwind has no decisions yet\n  \
         help: write one down first with `cuc decision northwind \"TEXT\" --owner NAME`; nothing was written\n",
    );
    assert!(!none.path().join(LOG).exists());
}

#[test]
fn documents_with_errors_get_no_decision_and_no_circulation() {
    let scratch = workspace(Some(WRITTEN));
    let understanding = std::fs::read_to_string(fixture("rules").join("understanding.yaml"))
        .unwrap()
        .replace("    sentiment: neutral\n", "    sentiment: grumpy\n");
    scratch.write("customers/northwind/understanding.yaml", &understanding);
    let expected = |what: &str| {
        format!(
            "cuc: cannot record {what}: customers/northwind has an error\n  \
             customers/northwind/understanding.yaml:62:16: `grumpy` is not a valid value for `stakeholders[Marco Lenz].sentiment`\n  \
             help: fix it first (`cuc validate customers/northwind` shows each in place), then run again; nothing was written\n"
        )
    };
    let run = scratch.run(&["decision", "northwind", "c", "--owner", "Tom Becker"]);
    refused(&run, &expected("a decision"));
    let run = scratch.run(&["circulate", "northwind", "d-2", "--to", "Tom Becker"]);
    refused(&run, &expected("a circulation"));
    assert_eq!(read(&scratch), WRITTEN);
    // A log that does not validate is refused the same way.
    let broken = WRITTEN.replace(
        "owner: Henrik Albers",
        "owner: Henrik Albers\n    reviewer: x",
    );
    let scratch = workspace(Some(&broken));
    let run = scratch.run(&["decision", "northwind", "c", "--owner", "Tom Becker"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "cuc: cannot record a decision: customers/northwind has an error\n  customers/northwind/decisions.yaml:20:5: "
        ),
        "{}",
        run.stderr
    );
    assert_eq!(read(&scratch), broken);
}

#[test]
fn times_must_be_real_and_not_in_the_future() {
    let scratch = workspace(Some(WRITTEN));
    let decide = |made: &str| {
        scratch.run(&[
            "decision",
            "northwind",
            "c",
            "--owner",
            "Tom Becker",
            "--made",
            made,
        ])
    };
    let run = decide("2026-11-20 10:00");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: invalid value '2026-11-20 10:00' for '--made <TIME>': `2026-11-20 10:00` is not written as YYYY-MM-DDTHH:MM; write it as 2026-11-20T10:00\n"
        ),
        "{}",
        run.stderr
    );
    let run = decide("2026-02-30T10:00");
    assert!(
        run.stderr.contains(
            "`2026-02-30T10:00` is not a real calendar date; check the day exists in that month"
        ),
        "{}",
        run.stderr
    );
    let run = decide("2999-01-01T09:00+01:00");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "cuc: a decision would be dated 2999-01-01 at 09:00 (UTC+01:00), which is in the future (it is now "
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with(
        "help: give --made the time it happened, or leave it out for now; nothing was written\n"
    ));
    let run = scratch.run(&[
        "circulate",
        "northwind",
        "d-2",
        "--to",
        "Tom Becker",
        "--at",
        "2026-09-01T10:00+02:00",
    ]);
    refused(
        &run,
        "cuc: decision d-2 was made 2026-09-01 at 11:00 (UTC+02:00), after 2026-09-01 at 10:00 (UTC+02:00), when it would be circulated\n  \
         help: check --at: a decision is circulated after it is made; nothing was written\n",
    );
    assert_eq!(read(&scratch), WRITTEN);
}

#[test]
fn an_unknown_customer_gets_the_closest_id() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&["decision", "nortwind", "c", "--owner", "Tom Becker"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("cuc: there is no customer `nortwind` in "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: did you mean `northwind`?"));
    let run = scratch.run(&["circulate", "nortwind", "d-2", "--to", "Tom Becker"]);
    assert!(run.stderr.contains("help: did you mean `northwind`?"));
}

#[test]
fn a_scope_that_is_not_in_scope_is_recorded_and_said() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&[
        "decision",
        "northwind",
        "c",
        "--owner",
        "Tom Becker",
        "--scope",
        "Slot booking for the Bremen docks",
        "--made",
        "2026-11-20T10:00+01:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().nth(1).unwrap(),
        "Its scope, `Slot booking for the Bremen docks`, is not one of the items in scope.in of understanding.yaml (did you mean `Slot booking for the Bremen and Hamburg docks`?); it is recorded as written."
    );
    assert!(read(&scratch).contains("    scope_item: \"Slot booking for the Bremen docks\"\n"));
}

const CIRCULATE_D2: [&str; 9] = [
    "circulate",
    "northwind",
    "d-2",
    "--to",
    "Sabine Kurz",
    "Tom Becker",
    "--to",
    "Sabine Kurz",
    "--at=2026-09-01T15:00+02:00",
];

#[test]
fn circulating_adds_two_fields_to_the_entry_and_prints_the_message() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&CIRCULATE_D2);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "## Decision d-2 for Northwind Foods GmbH

Night shifts book by phone until the works council approves.

- **Owner:** Henrik Albers
- **Decided:** 2026-09-01 at 11:00 (UTC+02:00)
- **Sent to:** Sabine Kurz and Tom Becker

Tell Henrik Albers within 24 hours if this is not what was decided.
"
    );
    assert_eq!(
        run.stderr,
        "Recorded in customers/northwind/decisions.yaml that d-2 was circulated 2026-09-01 at 15:00 (UTC+02:00) to Sabine Kurz and Tom Becker; send the message above.\n"
    );
    let (before, after) = WRITTEN.split_at(WRITTEN.find("\n# Newest last.").unwrap());
    assert_eq!(
        read(&scratch),
        format!(
            "{before}    circulated: 2026-09-01T15:00+02:00\n    to: [\"Sabine Kurz\", \"Tom Becker\"]\n{after}"
        )
    );
}

#[test]
fn the_message_has_everything_the_log_knows_in_markdown_and_in_plain_text() {
    let circulate = |scratch: &Scratch, format: &str| {
        scratch.run(&[
            "circulate",
            "northwind",
            "d-3",
            "--to",
            "Henrik Albers",
            "Marco Lenz",
            "Tom Becker",
            "--at",
            "2026-11-20T16:15+01:00",
            "--format",
            format,
        ])
    };
    let scratch = workspace(Some(WRITTEN));
    assert_eq!(scratch.run(&DECIDE).code, 0);
    let run = circulate(&scratch, "text");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Decision d-3 for Northwind Foods GmbH

Hamburg goes live on 1 March; Bremen keeps its Tuesday slots.

Owner: Sabine Kurz
Decided: 2026-11-20 at 10:00 (UTC+01:00)
Scope: Slot booking for the Bremen and Hamburg docks
Replaces: decision d-1 of 2026-06-10: Start with the Bremen dock; Hamburg follows after first value.
Consulted: Marco Lenz and Tom Becker
Sent to: Henrik Albers, Marco Lenz and Tom Becker

Context:
Bremen's pilot halved the waits.

Options considered:
- Hamburg on 1 March
- Both docks after peak season

Consequences:
Hamburg's gate staff train in February.

Tell Sabine Kurz within 24 hours if this is not what was decided.
"
    );
    let (before, comment) = WRITTEN.split_at(WRITTEN.find("\n# Newest last.").unwrap());
    assert_eq!(
        read(&scratch),
        format!(
            "{before}{DECIDED}    circulated: 2026-11-20T16:15+01:00\n    to: [\"Henrik Albers\", \"Marco Lenz\", \"Tom Becker\"]\n{comment}"
        )
    );

    // The same message in Markdown, from a second log.
    let scratch = workspace(Some(WRITTEN));
    assert_eq!(scratch.run(&DECIDE).code, 0);
    let run = circulate(&scratch, "markdown");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "## Decision d-3 for Northwind Foods GmbH

Hamburg goes live on 1 March; Bremen keeps its Tuesday slots.

- **Owner:** Sabine Kurz
- **Decided:** 2026-11-20 at 10:00 (UTC+01:00)
- **Scope:** Slot booking for the Bremen and Hamburg docks
- **Replaces:** decision d-1 of 2026-06-10: Start with the Bremen dock; Hamburg follows after first value.
- **Consulted:** Marco Lenz and Tom Becker
- **Sent to:** Henrik Albers, Marco Lenz and Tom Becker

**Context:** Bremen's pilot halved the waits.

**Options considered:**

- Hamburg on 1 March
- Both docks after peak season

**Consequences:** Hamburg's gate staff train in February.

Tell Sabine Kurz within 24 hours if this is not what was decided.
"
    );
}

#[test]
fn a_late_circulation_is_recorded_and_said_to_be_late() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&[
        "circulate",
        "northwind",
        "d-2",
        "--to",
        "Sabine Kurz",
        "--at",
        "2026-09-04T09:00+02:00",
        "--format",
        "text",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Recorded in customers/northwind/decisions.yaml that d-2 was circulated 2026-09-04 at 09:00 (UTC+02:00) to Sabine Kurz; send the message above.\n\
         It was made 2 days before, later than the practice's 24 hours: `cuc review` will say so.\n"
    );
}

#[test]
fn an_unknown_recipient_is_refused_with_the_closest_name() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&[
        "circulate",
        "northwind",
        "d-2",
        "--to",
        "Tom Becker",
        "Marco Lentz",
    ]);
    refused(
        &run,
        "cuc: `Marco Lentz` is not a stakeholder of northwind\n  \
         help: did you mean `Marco Lenz`? everyone it is sent to must be in `stakeholders` in understanding.yaml, written exactly as there; nothing was written\n",
    );
    let run = scratch.run(&["circulate", "northwind", "d-9", "--to", "Tom Becker"]);
    refused(
        &run,
        "cuc: there is no decision `d-9` in customers/northwind/decisions.yaml\n  \
         help: use the `id` of one of its decisions (the latest is `d-2`); nothing was written\n",
    );
    assert_eq!(read(&scratch), WRITTEN);
}

#[test]
fn a_decision_is_circulated_once() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&["circulate", "northwind", "d-1", "--to", "Tom Becker"]);
    refused(
        &run,
        "cuc: decision d-1 was already circulated on 2026-06-10 at 16:30 (UTC+02:00) to Henrik Albers and Marco Lenz\n  \
         help: cuc records one circulation per decision: to tell someone else as well, send it to them and add their name to its `to` in customers/northwind/decisions.yaml; nothing was written\n",
    );
    assert_eq!(scratch.run(&CIRCULATE_D2).code, 0);
    let circulated = read(&scratch);
    let run = scratch.run(&CIRCULATE_D2);
    refused(
        &run,
        "cuc: decision d-2 was already circulated on 2026-09-01 at 15:00 (UTC+02:00) to Sabine Kurz and Tom Becker\n  \
         help: cuc records one circulation per decision: to tell someone else as well, send it to them and add their name to its `to` in customers/northwind/decisions.yaml; nothing was written\n",
    );
    assert_eq!(read(&scratch), circulated);
    // Recipients written by hand without a time: cuc does not complete it.
    let half = WRITTEN.replace(
        "owner: Henrik Albers\n",
        "owner: Henrik Albers\n    to: [Sabine Kurz]\n",
    );
    let scratch = workspace(Some(&half));
    refused(
        &scratch.run(&CIRCULATE_D2),
        "cuc: decision d-2 already lists whom it was sent to (Sabine Kurz) but not when\n  \
         help: add `circulated:` with the time it was sent to its entry in customers/northwind/decisions.yaml; nothing was written\n",
    );
    assert_eq!(read(&scratch), half);
}

#[test]
fn after_circulating_the_log_validates_and_the_rule_is_quiet() {
    let scratch = workspace(Some(WRITTEN));
    let not_circulated = |scratch: &Scratch| -> Vec<String> {
        let run = scratch.run(&["review", "northwind", "--format", "json"]);
        findings(&run)
            .into_iter()
            .filter(|f| f.starts_with("decision-not-circulated"))
            .collect()
    };
    assert_eq!(
        not_circulated(&scratch),
        ["decision-not-circulated customers/northwind/decisions.yaml:16:5 /decisions/1"]
    );
    assert_eq!(scratch.run(&CIRCULATE_D2).code, 0);
    assert_eq!(not_circulated(&scratch), Vec::<String>::new());
    let run = scratch.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // A decision written and circulated the same day by cuc leaves it quiet too.
    assert_eq!(scratch.run(&DECIDE).code, 0);
    assert_eq!(not_circulated(&scratch).len(), 1);
    let run = scratch.run(&[
        "circulate",
        "northwind",
        "d-3",
        "--to",
        "Henrik Albers",
        "--at",
        "2026-11-20T16:15+01:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(not_circulated(&scratch), Vec::<String>::new());
    let run = scratch.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn the_people_consulted_are_checked_like_owners_and_recipients() {
    let log = WRITTEN.replace(
        "owner: Henrik Albers\n",
        "owner: Henrik Albers\n    consulted: [Sabine Kurz, Marco Lentz]\n    options: [Phone, Portal]\n    context: The council meets monthly.\n    consequences: Night shifts wait.\n",
    );
    let scratch = workspace(Some(&log));
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["unknown-reference customers/northwind/decisions.yaml:20:30 /decisions/1/consulted/1"]
    );
    assert_eq!(
        crate::common::message(&run, "unknown-reference"),
        "`Marco Lentz` is not a stakeholder in understanding.yaml (`decisions[d-2].consulted[#2]`). Did you mean `Marco Lenz`?"
    );
}

#[test]
fn circulate_prints_markdown_or_text_and_nothing_else() {
    let scratch = workspace(Some(WRITTEN));
    let run = scratch.run(&[
        "--format",
        "json",
        "circulate",
        "northwind",
        "d-2",
        "--to",
        "Tom Becker",
    ]);
    refused(
        &run,
        "cuc: `cuc circulate` has no json output\n  help: use --format markdown (the default) or text\n",
    );
    let run = scratch.run(&[
        "circulate",
        "northwind",
        "d-2",
        "--to",
        "Tom Becker",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            == "cuc: `cuc circulate` has no json output\n  help: use --format markdown (the default) or text\n",
        "{}",
        run.stderr
    );
    let run = scratch.run(&[
        "--format",
        "json",
        "decision",
        "northwind",
        "c",
        "--owner",
        "Tom Becker",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(read(&scratch), WRITTEN);
}

#[test]
fn a_customer_without_a_log_has_nothing_to_circulate() {
    let scratch = workspace(None);
    let run = scratch.run(&["circulate", "northwind", "d-1", "--to", "Tom Becker"]);
    refused(
        &run,
        "cuc: there is no decision `d-1`: customers/northwind has no decisions yet\n  \
         help: write one down first with `cuc decision northwind \"TEXT\" --owner NAME`; nothing was written\n",
    );
    assert!(!scratch.path().join(LOG).exists());
}

#[test]
fn decisions_written_at_once_each_get_their_own_id() {
    let scratch = workspace(Some(WRITTEN));
    // Twenty decisions and the circulation of d-2, all at once.
    let runs: Vec<Vec<String>> = (0..21)
        .map(|i| {
            let args: Vec<String> = if i < 20 {
                vec![
                    "decision".into(),
                    "northwind".into(),
                    format!("Decision number {i}"),
                    "--owner".into(),
                    "Tom Becker".into(),
                    "--made".into(),
                    "2026-11-20T10:00".into(),
                ]
            } else {
                CIRCULATE_D2.map(str::to_owned).to_vec()
            };
            args
        })
        .collect();
    crate::common::cuc_all_at_once(scratch.path(), runs);
    let text = read(&scratch);
    for i in 0..20 {
        assert_eq!(
            text.matches(&format!("\"Decision number {i}\"\n")).count(),
            1,
            "{text}"
        );
    }
    for n in 3..=22 {
        assert_eq!(text.matches(&format!("- id: d-{n}\n")).count(), 1, "{text}");
    }
    assert_eq!(text.matches("- id: ").count(), 22);
    assert!(text.contains("    owner: Henrik Albers\n    circulated: 2026-09-01T15:00+02:00\n"));
    assert!(text.starts_with(WRITTEN.split("\n# Newest last.").next().unwrap()));
    assert!(text.ends_with("\n# Newest last.\n"));
    assert_eq!(scratch.run(&["validate"]).code, 0);
}

#[test]
#[ignore = "needs check-jsonschema (.ci/run installs it)"]
fn check_jsonschema_accepts_the_log_cuc_writes() {
    let checker = crate::common::tool("CUC_CHECK_JSONSCHEMA", "check-jsonschema");
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/decisions.json");
    let check = |path: &std::path::Path| {
        std::process::Command::new(&checker)
            .arg("--schemafile")
            .arg(&schema)
            .arg(path)
            .output()
            .unwrap()
    };
    // The decision with everything but `supersedes`, as the first of a new log.
    let scratch = workspace(None);
    let args: Vec<&str> = DECIDE
        .iter()
        .copied()
        .filter(|a| !["--supersedes", "d-1"].contains(a))
        .collect();
    assert_eq!(scratch.run(&args).code, 0);
    let run = scratch.run(&["circulate", "northwind", "d-1", "--to", "Henrik Albers"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let log = scratch.path().join(LOG);
    let output = check(&log);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    // And it refuses what cuc refuses: an option that is not text.
    std::fs::write(&log, read(&scratch).replace("options: [", "options: [3, ")).unwrap();
    assert!(!check(&log).status.success());
    assert_ne!(scratch.run(&["validate"]).code, 0);
}
