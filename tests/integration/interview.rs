//! `cuc new ID --interactive`, driven through a pseudo-terminal the way a
//! person types: each answer is sent once its question is on the screen.
//! These tests need a pseudo-terminal and fail, never pass, without one.

use std::path::Path;

use crate::common::{Scratch, cuc};
use crate::terminal::{ENTER, Terminal};
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const DOWN: &str = "\x1b[B";
const SPACE: &str = " ";

/// `cuc new ARGS` in `dir`, with the surroundings of `common::cuc`.
fn start(dir: &Path, args: &[&str]) -> Terminal {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("cuc"));
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("CUC_TODAY", "2026-11-23")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join(".no-such-config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("TERM", "xterm")
        .args(["--color", "never", "new"])
        .args(args);
    Terminal::spawn(command)
}

/// Nothing of the customer, and no half-made folder, was left behind.
fn nothing_written(scratch: &Scratch) {
    let left: Vec<String> = std::fs::read_dir(scratch.path().join("customers"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left behind in customers/: {left:?}");
}

/// The customer section, with the flags' defaults taken.
fn customer_basics(t: &mut Terminal) {
    t.answer("Customer name, as they write it: (Northwind Foods)", ENTER);
    t.type_in(
        "Segment (e.g. enterprise, mid-market, healthcare):",
        "mid-market, food & beverage",
    );
    t.answer(
        "Email of our customer success manager: (tom.becker@vendor.example)",
        ENTER,
    );
    t.type_in(
        "Email of our account executive (who sold the deal):",
        "priya.raman@vendor.example",
    );
    t.type_in("Contract start (YYYY-MM-DD):", "2027-01-01");
    t.answer("Renewal date (YYYY-MM-DD): (2027-12-31)", ENTER);
}

const FLAGS: [&str; 8] = [
    "northwind",
    "--interactive",
    "--name",
    "Northwind Foods",
    "--cs",
    "tom.becker@vendor.example",
    "--renewal",
    "2027-12-31",
];

#[test]
fn a_full_interview_writes_a_customer_that_validates() {
    let scratch = Scratch::new();
    let mut t = start(scratch.path(), &FLAGS);
    t.expect("Interview for the new customer `northwind`");
    t.expect("The customer (1 of 9)");
    customer_basics(&mut t);
    t.type_in("Annual recurring revenue (ARR), a plain number:", "186000");
    t.type_in(
        "Currency of the ARR (three capital letters, e.g. EUR):",
        "EUR",
    );

    t.expect("Business context (2 of 9)");
    t.type_in(
        "What problem did they buy us to solve?",
        "Trucks wait for hours at the docks",
    );
    t.type_in(
        "Why does solving it matter to them now?",
        "OTIF penalties: 2% of every late order",
    );
    t.type_in(
        "What do they lose if it is not solved?",
        "About EUR 500k a year",
    );
    t.answer("What does success look like, in their words?", ENTER);
    t.answer("Which company strategy does this purchase serve?", ENTER);

    t.expect("Stakeholders (3 of 9)");
    t.type_in("Add a stakeholder? (y/N)", "y");
    t.type_in("Name:", "Henrik Albers");
    t.type_in("Title:", "COO");
    t.answer("Side:", ENTER);
    // economic_buyer, then four down to exec_sponsor.
    t.answer(
        "Roles (Space picks, Enter when done):",
        &format!("{SPACE}{DOWN}{DOWN}{DOWN}{DOWN}{SPACE}{ENTER}"),
    );
    t.type_in("Sentiment:", "supp");
    t.type_in(
        "What does success mean to Henrik Albers?",
        "Penalties down in his board numbers",
    );
    t.type_in("Add another stakeholder? (y/N)", "y");
    t.type_in("Name:", "Priya Raman");
    t.type_in("Title:", "Account Executive");
    t.type_in("Side:", "vendor");
    t.answer("Roles (Space picks, Enter when done):", ENTER);
    t.answer("Sentiment:", ENTER);
    t.answer("What does success mean to Priya Raman?", ENTER);
    t.answer("Add another stakeholder? (y/N)", ENTER);

    t.expect("Success criteria (4 of 9)");
    t.type_in("Add a success criterion? (y/N)", "y");
    t.type_in(
        "Outcome they want:",
        "Trucks get a dock soon after the gate",
    );
    t.type_in(
        "How is it measured (the metric)?",
        "average gate-to-dock time",
    );
    t.type_in("Baseline (a number: where they are today):", "94");
    t.type_in("Target (a number):", "45");
    t.type_in("Unit (e.g. minutes, percent, EUR per month):", "minutes");
    t.type_in("Target date (YYYY-MM-DD):", "2027-06-30");
    t.type_in(
        "Where do the numbers come from (a report, system or person)?",
        "yard management system, weekly export",
    );
    t.type_in("Non-negotiable? (y/N)", "y");
    t.answer(
        "Who agreed it? (Space picks, Enter when done)",
        &format!("{SPACE}{ENTER}"),
    );
    t.answer("Add another success criterion? (y/N)", ENTER);

    t.expect("Constraints (5 of 9)");
    t.type_in("Budget constraint:", "No new spend before 2028");
    t.answer("Another budget constraint:", ENTER);
    t.type_in("Technical constraint:", "SAP EWM 9.5: SFTP only");
    t.type_in("Another technical constraint:", "yes");
    t.answer("Another technical constraint:", ENTER);
    t.answer("Timeline constraint:", ENTER);
    t.type_in(
        "Political constraint:",
        "#1 rule: the works council approves tracking",
    );
    t.answer("Another political constraint:", ENTER);

    t.expect("Risks (6 of 9)");
    t.type_in("Add a risk? (y/N)", "y");
    t.type_in("What could go wrong?", "Carriers keep phoning");
    t.type_in("Likelihood:", "high");
    t.type_in("Impact:", "medium");
    t.type_in(
        "What would make them pull the plug?",
        "Detention above EUR 30k at the Q1 review",
    );
    t.answer("What do we do about it (mitigation)?", ENTER);
    t.type_in("Who owns it?", "Henrik");
    t.answer("Add another risk? (y/N)", ENTER);

    t.expect("Commitments (7 of 9)");
    t.type_in("Add a commitment (something the sale promised)? (y/N)", "y");
    t.type_in("What was promised?", "Portal in German at go-live");
    // Our own people are offered first: Priya is the first suggestion.
    t.answer("Who promised it?", &format!("{DOWN}{ENTER}"));
    t.type_in("Promised on (YYYY-MM-DD):", "2026-11-02");
    t.answer("Did product confirm it? (y/N)", ENTER);
    t.type_in("Due (YYYY-MM-DD):", "2027-02-01");
    t.answer("Status:", ENTER);
    t.answer("Add another commitment? (y/N)", ENTER);

    t.expect("Scope (8 of 9)");
    t.type_in("In scope:", "Dock slot booking");
    t.answer("Also in scope:", ENTER);
    t.type_in("Explicitly out of scope:", "- outbound routes");
    t.answer("Also out of scope:", ENTER);

    t.expect("Milestones (9 of 9)");
    t.question(
        "Which review moments? (proposed from the contract dates; Space unpicks, Enter when done)",
    );
    t.expect(
        "> [x] Onboarding — 30 days after the start, 2027-01-31\n  \
         [x] First value — 90 days after the start, 2027-04-01\n  \
         [x] Mid-year — 180 days after the start, 2027-06-30\n  \
         [x] Renewal — on the renewal date, 2027-12-31\n",
    );
    t.send(ENTER);
    t.answer("Onboarding due (YYYY-MM-DD): (2027-01-31)", ENTER);
    t.type_in("What does success look like at onboarding?", "Hamburg live");
    // A proposed date can be changed.
    t.type_in("First value due (YYYY-MM-DD): (2027-04-01)", "2027-04-15");
    t.answer("What does success look like at first value?", ENTER);
    t.answer("Mid-year due (YYYY-MM-DD): (2027-06-30)", ENTER);
    t.answer("What does success look like at mid-year?", ENTER);
    t.answer("Renewal due (YYYY-MM-DD): (2027-12-31)", ENTER);
    t.answer("What does success look like at renewal?", ENTER);
    t.type_in("Add another milestone? (y/N)", "y");
    t.answer("Kind:", ENTER);
    t.type_in("Due (YYYY-MM-DD):", "2027-03-15");
    t.type_in(
        "What does success look like then?",
        "Kick-off with the works council",
    );
    t.answer("Add another milestone? (y/N)", ENTER);
    t.answer(
        "How often to review this customer (e.g. 90d or 12w): (90d)",
        ENTER,
    );
    t.expect("Created customer `northwind` in customers/northwind/:");
    let (code, shown) = t.finish();
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains(
            "Next: read customers/northwind/understanding.yaml with sales, fill in what is still TODO"
        ),
        "{shown}"
    );

    let written = std::fs::read_to_string(
        scratch
            .path()
            .join("customers/northwind/understanding.yaml"),
    )
    .unwrap();
    assert_eq!(
        written,
        r##"# yaml-language-server: $schema=../../schema/understanding.json
# The one page of shared understanding for Northwind Foods, from the interview of `cuc new` on 2026-11-23.
# Check it with sales, then share it with the customer:
# "Here is what we understood. Is this right? What did we miss?"
# Replace every TODO; `cuc validate` checks the structure, `cuc review` what is missing.
schema: cuc/v1

customer:
  name: Northwind Foods
  segment: mid-market, food & beverage
  team:
    cs: tom.becker@vendor.example
    sales: priya.raman@vendor.example
  contract:
    start: 2027-01-01
    renewal: 2027-12-31
    arr: 186000
    currency: EUR

# Why they bought, in their words.
business_context:
  problem: Trucks wait for hours at the docks
  why_it_matters: "OTIF penalties: 2% of every late order"
  at_stake: About EUR 500k a year
  success_looks_like: "TODO: what success looks like, in their words"

# How they will measure success. Every criterion needs a metric, a target and a date.
success_criteria:
  - id: sc-1
    outcome: Trucks get a dock soon after the gate
    metric: average gate-to-dock time
    baseline: 94
    target: 45
    unit: minutes
    by: 2027-06-30
    data_source: yard management system, weekly export
    non_negotiable: true
    status: not_started
    agreed_by:
      - Henrik Albers

# Who matters, on their side and ours, and what success means to each of them.
stakeholders:
  - name: Henrik Albers
    title: COO
    side: customer
    roles:
      - economic_buyer
      - exec_sponsor
    sentiment: supporter
    definition_of_success: Penalties down in his board numbers
  - name: Priya Raman
    title: Account Executive
    side: vendor
    sentiment: unknown

# What they work within.
constraints:
  budget:
    - No new spend before 2028
  technical:
    - "SAP EWM 9.5: SFTP only"
    - "yes"
  timeline: []
  political:
    - "#1 rule: the works council approves tracking"

# What could go wrong, and what would make them pull the plug.
risks:
  - id: r-1
    what: Carriers keep phoning
    likelihood: high
    impact: medium
    pull_the_plug: Detention above EUR 30k at the Q1 review
    owner: Henrik Albers
    status: open

# What is in, and explicitly what is not: non-scope matters as much as scope.
scope:
  in:
    - Dock slot booking
  out:
    - "- outbound routes"

# What the sale promised. Was each one confirmed with product?
commitments:
  - id: c-1
    what: Portal in German at go-live
    promised_by: Priya Raman
    promised_on: 2026-11-02
    confirmed_with_product: false
    due: 2027-02-01
    status: planned

# The review moments: 30, 90 and 180 days after start, and the renewal.
milestones:
  - id: onboarding
    kind: onboarding
    due: 2027-01-31
    success: Hamburg live
  - id: first_value
    kind: first_value
    due: 2027-04-15
  - id: mid_year
    kind: mid_year
    due: 2027-06-30
  - id: renewal
    kind: renewal
    due: 2027-12-31
  - id: custom
    kind: custom
    due: 2027-03-15
    success: Kick-off with the works council

handover:
  attendees: []
  open_questions: []

review:
  cadence: 90d
"##
    );
    let note =
        std::fs::read_to_string(scratch.path().join("customers/northwind/notes/handover.md"))
            .unwrap();
    assert!(note.contains("# Handover: Northwind Foods\n"), "{note}");
    let run = cuc(scratch.path(), &["validate"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "ok: 2 files checked, no problems found\n"),
        "{}",
        run.stderr
    );
}

/// Enter through every question after the customer's basics.
fn skip_the_rest(t: &mut Terminal) {
    for question in [
        "Annual recurring revenue (ARR), a plain number:",
        "What problem did they buy us to solve?",
        "Why does solving it matter to them now?",
        "What do they lose if it is not solved?",
        "What does success look like, in their words?",
        "Which company strategy does this purchase serve?",
        "Add a stakeholder? (y/N)",
        "Add a success criterion? (y/N)",
        "Budget constraint:",
        "Technical constraint:",
        "Timeline constraint:",
        "Political constraint:",
        "Add a risk? (y/N)",
        "Add a commitment (something the sale promised)? (y/N)",
        "In scope:",
        "Explicitly out of scope:",
    ] {
        t.answer(question, ENTER);
    }
    // Unpick every proposed milestone.
    t.answer(
        "Which review moments? (proposed from the contract dates; Space unpicks, Enter when done)",
        &format!("\x1b[D{ENTER}"),
    );
    t.answer("Add a milestone? (y/N)", ENTER);
    t.answer(
        "How often to review this customer (e.g. 90d or 12w): (90d)",
        ENTER,
    );
}

#[test]
fn an_impossible_date_is_asked_again_with_the_reason() {
    let scratch = Scratch::new();
    let mut t = start(scratch.path(), &FLAGS);
    t.answer("Customer name, as they write it: (Northwind Foods)", ENTER);
    t.answer("Segment (e.g. enterprise, mid-market, healthcare):", ENTER);
    t.answer(
        "Email of our customer success manager: (tom.becker@vendor.example)",
        ENTER,
    );
    t.type_in(
        "Email of our account executive (who sold the deal):",
        "priya at vendor",
    );
    t.expect(
        "# `priya at vendor` is not an email address; write the person's email, e.g. jane.doe@example.com",
    );
    t.send(&format!(
        "{}{ENTER}",
        "\x7f".repeat("priya at vendor".len())
    ));
    t.type_in("Contract start (YYYY-MM-DD):", "2027-02-30");
    t.expect("# `2027-02-30` is not a real calendar date; check the day exists in that month");
    t.send(&format!("{}2027-02-28{ENTER}", "\x7f".repeat(10)));
    t.type_in("Renewal date (YYYY-MM-DD): (2027-12-31)", "31.12.2027");
    t.expect("# `31.12.2027` is not written as YYYY-MM-DD; write it as 2027-12-31");
    t.send(&format!("{}2028-02-27{ENTER}", "\x7f".repeat(10)));
    skip_the_rest(&mut t);
    let (code, shown) = t.finish();
    assert_eq!(code, 0, "{shown}");
    let written = std::fs::read_to_string(
        scratch
            .path()
            .join("customers/northwind/understanding.yaml"),
    )
    .unwrap();
    assert!(
        written.contains(
            "  team:\n    cs: tom.becker@vendor.example\n  contract:\n    start: 2027-02-28\n    renewal: 2028-02-27\n\n"
        ),
        "{written}"
    );
    assert!(written.contains("\nmilestones: []\n"), "{written}");
    let run = cuc(scratch.path(), &["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn the_risk_owner_is_picked_from_the_stakeholders() {
    let scratch = Scratch::new();
    let mut t = start(scratch.path(), &FLAGS);
    customer_basics(&mut t);
    for question in [
        "Annual recurring revenue (ARR), a plain number:",
        "What problem did they buy us to solve?",
        "Why does solving it matter to them now?",
        "What do they lose if it is not solved?",
        "What does success look like, in their words?",
        "Which company strategy does this purchase serve?",
    ] {
        t.answer(question, ENTER);
    }
    for (i, name) in ["Jana Petersen", "Oliver Brandt"].into_iter().enumerate() {
        let add = if i == 0 {
            "Add a stakeholder? (y/N)"
        } else {
            "Add another stakeholder? (y/N)"
        };
        t.type_in(add, "y");
        t.type_in("Name:", name);
        t.answer("Title:", ENTER);
        t.answer("Side:", ENTER);
        t.answer("Roles (Space picks, Enter when done):", ENTER);
        t.answer("Sentiment:", ENTER);
        t.answer(&format!("What does success mean to {name}?"), ENTER);
    }
    for question in [
        "Add another stakeholder? (y/N)",
        "Add a success criterion? (y/N)",
        "Budget constraint:",
        "Technical constraint:",
        "Timeline constraint:",
        "Political constraint:",
    ] {
        t.answer(question, ENTER);
    }
    t.type_in("Add a risk? (y/N)", "y");
    t.type_in("What could go wrong?", "The IT lead blocks the SAP feed");
    t.answer("Likelihood:", ENTER);
    t.answer("Impact:", ENTER);
    t.answer("What would make them pull the plug?", ENTER);
    t.answer("What do we do about it (mitigation)?", ENTER);
    t.question("Who owns it?");
    // The stakeholders are offered, and nobody is where the cursor starts.
    t.expect("  Jana Petersen\n  Oliver Brandt\n> nobody yet\n");
    t.send(&format!("\x1b[A{ENTER}"));
    t.answer("Add another risk? (y/N)", ENTER);
    t.answer("Add a commitment (something the sale promised)? (y/N)", ESC);
    let (code, shown) = t.finish();
    assert!(shown.contains("? Who owns it? Oliver Brandt\n"), "{shown}");
    assert_eq!(code, 2, "{shown}");
    nothing_written(&scratch);
}

#[test]
fn ctrl_c_in_the_middle_writes_nothing() {
    let scratch = Scratch::new();
    let mut t = start(scratch.path(), &FLAGS);
    customer_basics(&mut t);
    t.type_in("Annual recurring revenue (ARR), a plain number:", "186000");
    t.answer(
        "Currency of the ARR (three capital letters, e.g. EUR):",
        CTRL_C,
    );
    let (code, shown) = t.finish();
    assert!(
        shown.ends_with(
            "cuc: the interview stopped (Ctrl-C was pressed); nothing was written\n  \
             help: run `cuc new northwind --interactive` again to start over, or `cuc new northwind` for a template to fill in\n"
        ),
        "{shown}"
    );
    assert_eq!(
        code, 130,
        "Ctrl-C exits as shells report an interrupted command"
    );
    nothing_written(&scratch);
}

#[test]
fn esc_ends_the_interview_and_writes_nothing() {
    let scratch = Scratch::new();
    let mut t = start(scratch.path(), &FLAGS);
    customer_basics(&mut t);
    t.type_in("Annual recurring revenue (ARR), a plain number:", "186000");
    t.type_in(
        "Currency of the ARR (three capital letters, e.g. EUR):",
        "EUR",
    );
    t.type_in("What problem did they buy us to solve?", "Trucks wait");
    t.answer("Why does solving it matter to them now?", ESC);
    let (code, shown) = t.finish();
    assert!(
        shown.ends_with(
            "cuc: the interview stopped (Esc or Ctrl-D was pressed); nothing was written\n  \
             help: run `cuc new northwind --interactive` again to start over, or `cuc new northwind` for a template to fill in\n"
        ),
        "{shown}"
    );
    assert_eq!(code, 2);
    nothing_written(&scratch);
}

#[test]
fn the_cs_owner_is_required_and_a_wrong_flag_is_given_back_to_correct() {
    let scratch = Scratch::new();
    // No --cs, and no git user.email to fall back on: the answer is needed.
    let mut t = start(scratch.path(), &["northwind", "--interactive"]);
    t.answer("Customer name, as they write it: (Northwind)", ENTER);
    t.answer("Segment (e.g. enterprise, mid-market, healthcare):", ENTER);
    t.answer("Email of our customer success manager:", ENTER);
    t.expect("# the customer needs a CS owner: type their email");
    t.send(ESC);
    let (code, _) = t.finish();
    assert_eq!(code, 2);

    // A --cs that is no email is not taken silently: it is typed in, to correct.
    let mut t = start(
        scratch.path(),
        &["northwind", "--interactive", "--cs", "tom-at-vendor"],
    );
    t.answer("Customer name, as they write it: (Northwind)", ENTER);
    t.answer("Segment (e.g. enterprise, mid-market, healthcare):", ENTER);
    t.expect("? Email of our customer success manager: tom-at-vendor");
    t.send(ENTER);
    t.expect("# `tom-at-vendor` is not an email address");
    t.send(ESC);
    let (code, _) = t.finish();
    assert_eq!(code, 2);
    nothing_written(&scratch);
}

#[test]
fn end_of_input_writes_nothing() {
    let scratch = Scratch::new();
    let mut t = start(scratch.path(), &FLAGS);
    customer_basics(&mut t);
    t.answer("Annual recurring revenue (ARR), a plain number:", CTRL_D);
    let (code, shown) = t.finish();
    assert!(
        shown.contains(
            "cuc: the interview stopped (Esc or Ctrl-D was pressed); nothing was written\n"
        ),
        "{shown}"
    );
    assert_eq!(code, 2);
    nothing_written(&scratch);
}

#[test]
fn without_a_terminal_the_interview_refuses() {
    let scratch = Scratch::new();
    let run = scratch.run(&["new", "northwind", "--interactive"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            "cuc: `cuc new --interactive` asks its questions in a terminal, and standard input is not one\n  \
             help: run it in a terminal, or use plain `cuc new northwind` (with --name, --cs, --sales, --renewal) to write a template to fill in\n"
        )
    );
    nothing_written(&scratch);
}

#[test]
fn an_existing_customer_is_refused_before_any_question() {
    let scratch = Scratch::new();
    scratch.write(
        "customers/northwind/understanding.yaml",
        crate::common::VALID,
    );
    let t = start(scratch.path(), &FLAGS);
    let (code, shown) = t.finish();
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown.starts_with("cuc: customer `northwind` already exists"),
        "{shown}"
    );
    assert!(!shown.contains("? "), "no question was asked: {shown}");
}

#[test]
fn workspace_templates_fill_the_other_files_and_the_answers_make_the_page() {
    let scratch = Scratch::new();
    scratch.write(
        "templates/understanding.yaml",
        "# Our own page\nschema: cuc/v1\ncustomer:\n  name: {{name}}\n  team:\n    cs: {{cs}}\nbusiness_context:\n  problem: p\n  why_it_matters: w\n  at_stake: a\n  success_looks_like: s\nsuccess_criteria: []\nstakeholders: []\nreview:\n  cadence: 30d\n",
    );
    scratch.write("templates/notes/kickoff.md", "# Kick-off with {{name}}\n");
    let mut t = start(scratch.path(), &FLAGS);
    for question in [
        "Customer name, as they write it: (Northwind Foods)",
        "Segment (e.g. enterprise, mid-market, healthcare):",
        "Email of our customer success manager: (tom.becker@vendor.example)",
        "Email of our account executive (who sold the deal):",
        "Contract start (YYYY-MM-DD):",
        "Renewal date (YYYY-MM-DD): (2027-12-31)",
    ] {
        t.answer(question, ENTER);
    }
    skip_the_rest(&mut t);
    let (code, shown) = t.finish();
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains(
            "Created customer `northwind` in customers/northwind/:\n  \
             customers/northwind/notes/handover.md\n  \
             customers/northwind/notes/kickoff.md\n  \
             customers/northwind/understanding.yaml\n  \
             (from your answers: the interview does not use templates/understanding.yaml)\n"
        ),
        "{shown}"
    );
    let folder = scratch.path().join("customers/northwind");
    assert_eq!(
        std::fs::read_to_string(folder.join("notes/kickoff.md")).unwrap(),
        "# Kick-off with Northwind Foods\n"
    );
    let page = std::fs::read_to_string(folder.join("understanding.yaml")).unwrap();
    assert!(page.contains("\nreview:\n  cadence: 90d\n"), "{page}");
    assert!(page.contains("    renewal: 2027-12-31\n"), "{page}");
    let run = cuc(scratch.path(), &["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_template_that_cannot_work_is_refused_before_any_question() {
    let scratch = Scratch::new();
    scratch.write(
        "templates/notes/kickoff.md",
        "---\ndate: [\n---\n# {{name}}\n",
    );
    let t = start(scratch.path(), &FLAGS);
    let (code, shown) = t.finish();
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown.starts_with(
            "cuc: the template customers/northwind/notes/kickoff.md would not produce a valid document"
        ),
        "{shown}"
    );
    assert!(!shown.contains("? "), "no question was asked: {shown}");
    nothing_written(&scratch);
}
