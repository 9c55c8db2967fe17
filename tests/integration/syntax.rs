//! The mistakes people make writing YAML by hand, each with the exact
//! message, line and column cuc gives: what is wrong on which line, in
//! plain words, and the fix for that line. Each case changes one thing in a
//! valid document (tests/fixtures/syntax/understanding.yaml).

use crate::common::{Run, Scratch, fixture};

struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    /// `rule line:column` of the first finding.
    at: &'static str,
    message: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "owner-indent-3",
        from: "    owner: Ben Okafor",
        to: "   owner: Ben Okafor",
        at: "yaml-syntax 45:4",
        message: "`owner:` is indented 3 spaces, but the other fields of this risk are indented 4. Indent it by 4 spaces",
    },
    Case {
        name: "owner-indent-5",
        from: "    owner: Ben Okafor",
        to: "     owner: Ben Okafor",
        at: "yaml-syntax 45:6",
        message: "`owner:` is indented 5 spaces, but the other fields of this risk are indented 4. Indent it by 4 spaces",
    },
    Case {
        name: "field-indent-1-too-far",
        from: "    title: COO",
        to: "     title: COO",
        at: "yaml-syntax 31:6",
        message: "`title:` is indented 5 spaces, but the other fields of this stakeholder are indented 4. Indent it by 4 spaces",
    },
    Case {
        name: "colon-in-prose",
        from: "problem: Dispatchers plan routes by hand every morning.",
        to: "problem: Note: dispatchers plan routes by hand every morning.",
        at: "yaml-syntax 14:16",
        message: "this text contains `: `, which YAML reads as the start of a new field. Put the whole text in double quotes: `problem: \"Note: dispatchers plan routes by hand every morning.\"`",
    },
    Case {
        name: "colon-in-list-item",
        from: "    - Route planning",
        to: "    - Route planning: phase one",
        at: "wrong-type 50:21",
        message: "this text contains `: `, which YAML reads as the start of a new field. Put the whole text in double quotes: `- \"Route planning: phase one\"`",
    },
    Case {
        name: "hash-in-prose",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: The renewal of shipper #1 and #2.",
        at: "hash-in-text 16:36",
        message: "YAML reads ` #` as the start of a comment, so `#1 and #2.` is left out of this text. Put the whole text in double quotes: `at_stake: \"The renewal of shipper #1 and #2.\"`",
    },
    Case {
        name: "unclosed-double",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: \"The renewal of their largest shipper.",
        at: "yaml-syntax 16:13",
        message: "the double quote `\"` that starts this text is never closed. Add a closing `\"` where the text ends: `at_stake: \"The renewal of their largest shipper.\"`",
    },
    Case {
        name: "unclosed-single",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: 'The renewal of their largest shipper.",
        at: "yaml-syntax 16:13",
        message: "the single quote `'` that starts this text is never closed. Add a closing `'` where the text ends: `at_stake: 'The renewal of their largest shipper.'`",
    },
    Case {
        name: "quote-then-text",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: \"The renewal\" of their largest shipper.",
        at: "yaml-syntax 16:13",
        message: "this text begins with a quoted part, \"The renewal\", and goes on after the closing quote, which YAML does not allow. Put the whole text in quotes: `at_stake: '\"The renewal\" of their largest shipper.'`",
    },
    Case {
        name: "apostrophe-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: 'Renewal' is what's at stake.",
        at: "yaml-syntax 16:13",
        message: "this text begins with a quoted part, 'Renewal', and goes on after the closing quote, which YAML does not allow. Put the whole text in quotes: `at_stake: \"'Renewal' is what's at stake.\"`",
    },
    Case {
        name: "no-space-after-colon",
        from: "    title: COO",
        to: "    title:COO",
        at: "yaml-syntax 31:10",
        message: "`title:` needs a space after the `:`, or YAML does not see a field. Write `title: COO`",
    },
    Case {
        name: "no-space-after-colon-key",
        from: "  problem: Dispatchers",
        to: "  problem:Dispatchers",
        at: "yaml-syntax 14:10",
        message: "`problem:` needs a space after the `:`, or YAML does not see a field. Write `problem: Dispatchers plan routes by hand every morning.`",
    },
    Case {
        name: "tab-indent",
        from: "    title: COO",
        to: "\ttitle: COO",
        at: "yaml-syntax 31:1",
        message: "this line is indented with a tab. YAML indents with spaces only: replace the tab with spaces (the line above is indented 2 spaces)",
    },
    Case {
        name: "stray-char-line",
        from: "scope:\n",
        to: "scope:\n  x\n",
        at: "yaml-syntax 49:3",
        message: "`x` stands alone on this line, where the fields of `scope` are expected. Delete it, or write it as a field: `name: value`",
    },
    Case {
        name: "list-item-too-deep",
        from: "  - name: Ben Okafor",
        to: "    - name: Ben Okafor",
        at: "yaml-syntax 35:5",
        message: "`- name: Ben Okafor` is indented 4 spaces, but the other stakeholders are indented 2. Indent it by 2 spaces",
    },
    Case {
        name: "missing-dash",
        from: "  - name: Ben Okafor",
        to: "    name: Ben Okafor",
        at: "duplicate-key 35:5",
        message: "`name:` begins a new stakeholder, but its line has no `-`, so it reads as a second `name` of the stakeholder above. Write `- ` in place of the two spaces before `name:`, lined up with the `-` of the other stakeholders: `- name: Ben Okafor`",
    },
    Case {
        name: "missing-dash-scalar-list",
        from: "    - Fleet telematics",
        to: "    Fleet telematics",
        at: "wrong-type 52:5",
        message: "`scope.out` must be a list, but it is the text `Fleet telematics`. Start each item on its own line with `- `: `- Fleet telematics`",
    },
    Case {
        name: "key-wrong-level-open-questions",
        from: "  open_questions:",
        to: "open_questions:",
        at: "unknown-field 56:1",
        message: "`open_questions` is not a field of the top level. `open_questions` is a field of `handover`: indent it under `handover:`",
    },
    Case {
        name: "key-wrong-level-title",
        from: "    title: COO",
        to: "  title: COO",
        at: "yaml-syntax 31:3",
        message: "`title:` is indented 2 spaces, but the other fields of this stakeholder are indented 4. Indent it by 4 spaces",
    },
    Case {
        name: "dash-no-space",
        from: "    - Route planning",
        to: "    -Route planning",
        at: "wrong-type 50:5",
        message: "`scope.in` must be a list, but it is the text `-Route planning`. Put a space after the `-`: `- Route planning`",
    },
    Case {
        name: "flow-list-unclosed",
        from: "agreed_by: [Ana Ruiz]",
        to: "agreed_by: [Ana Ruiz",
        at: "yaml-syntax 27:16",
        message: "the list that starts with `[` here is never closed. Add `]` where the list ends: `agreed_by: [Ana Ruiz]`",
    },
    Case {
        name: "flow-list-closed-twice",
        from: "agreed_by: [Ana Ruiz]",
        to: "agreed_by: [Ana Ruiz]]",
        at: "yaml-syntax 27:26",
        message: "this `]` closes nothing: the list is already closed before it. Delete it: `agreed_by: [Ana Ruiz]`",
    },
    Case {
        name: "flow-list-quote-unclosed",
        from: "roles: [exec_sponsor, economic_buyer]",
        to: "roles: [\"exec_sponsor, economic_buyer]",
        at: "yaml-syntax 33:13",
        message: "the double quote `\"` in this list is never closed, so the rest of the line is read as text in quotes. Delete it: `roles: [exec_sponsor, economic_buyer]`, or add a closing `\"` where the text in quotes ends",
    },
    Case {
        name: "backtick-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: `renewal` of their largest shipper.",
        at: "yaml-syntax 16:13",
        message: "this text starts with a backtick (`), which YAML reads as a sign it keeps for itself, not as text. Put the whole text in double quotes: `at_stake: \"`renewal` of their largest shipper.\"`",
    },
    Case {
        name: "at-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: @renewal of their largest shipper.",
        at: "yaml-syntax 16:13",
        message: "this text starts with `@`, which YAML reads as a sign it keeps for itself, not as text. Put the whole text in double quotes: `at_stake: \"@renewal of their largest shipper.\"`",
    },
    Case {
        name: "percent-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: %40 of revenue.",
        at: "yaml-syntax 16:13",
        message: "this text starts with `%`, which YAML reads as a sign it keeps for itself, not as text. Put the whole text in double quotes: `at_stake: \"%40 of revenue.\"`",
    },
    Case {
        name: "star-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: *the* renewal.",
        at: "yaml-syntax 16:13",
        message: "this text starts with `*`, which YAML reads as a reference to another part of the document. Put the whole text in double quotes: `at_stake: \"*the* renewal.\"`",
    },
    Case {
        name: "amp-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: & more.",
        at: "yaml-syntax 16:13",
        message: "this text starts with `&`, which YAML reads as a name for this part of the document. Put the whole text in double quotes: `at_stake: \"& more.\"`",
    },
    Case {
        name: "brace-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: {renewal} of the shipper.",
        at: "yaml-syntax 16:13",
        message: "this text starts with `{`, which YAML reads as the start of a group of fields. Put the whole text in double quotes: `at_stake: \"{renewal} of the shipper.\"`",
    },
    Case {
        name: "bracket-prose",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: [draft] renewal of the shipper.",
        at: "yaml-syntax 16:13",
        message: "this text starts with `[`, which YAML reads as the start of a list. Put the whole text in double quotes: `at_stake: \"[draft] renewal of the shipper.\"`",
    },
    Case {
        name: "pipe-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: | renewal",
        at: "yaml-syntax 16:13",
        message: "this text starts with `|`, which YAML reads as the start of a long text written on the lines below. Put the whole text in double quotes: `at_stake: \"| renewal\"`",
    },
    Case {
        name: "multiline-continuation-less",
        from: "  problem: Dispatchers plan routes by hand every morning.",
        to: "  problem: Dispatchers plan routes\nby hand every morning.",
        at: "yaml-syntax 15:1",
        message: "this line seems to go on with the text of `problem` on line 14, but it is not indented more than `problem:`. Indent it by 4 spaces, or join it to the end of the line above",
    },
    Case {
        name: "two-keys-one-line",
        from: "    title: COO",
        to: "    title: COO side: customer",
        at: "yaml-syntax 31:20",
        message: "this text contains `: `, which YAML reads as the start of a new field. Put the whole text in double quotes: `title: \"COO side: customer\"`",
    },
    Case {
        name: "indent-top-key",
        from: "scope:\n",
        to: " scope:\n",
        at: "yaml-syntax 48:2",
        message: "`scope:` is indented 1 space, but the other top-level fields are not indented. Start it at the beginning of the line, with no spaces before it",
    },
    Case {
        name: "dash-item-mixed",
        from: "    - Route planning",
        to: "    - Route planning\n    Fleet planning",
        at: "yaml-syntax 51:5",
        message: "this line is one of the list `in`, but it has no `-`. Start it with `- `, like the items above it: `- Fleet planning`",
    },
    Case {
        name: "quoted-extra",
        from: "    metric: share of days routes are ready by 7am",
        to: "    metric: \"share of days\" routes are ready by 7am",
        at: "yaml-syntax 22:13",
        message: "this text begins with a quoted part, \"share of days\", and goes on after the closing quote, which YAML does not allow. Put the whole text in quotes: `metric: '\"share of days\" routes are ready by 7am'`",
    },
    Case {
        name: "greater-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: > 50% of revenue",
        at: "yaml-syntax 16:13",
        message: "this text starts with `>`, which YAML reads as the start of a long text written on the lines below. Put the whole text in double quotes: `at_stake: \"> 50% of revenue\"`",
    },
    Case {
        name: "question-start",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: ? unknown",
        at: "yaml-syntax 16:13",
        message: "this text starts with `?`, which YAML reads as a marker of its own, not as text. Put the whole text in double quotes: `at_stake: \"? unknown\"`",
    },
    Case {
        name: "leading-dash-prose",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: - renewal",
        at: "yaml-syntax 16:13",
        message: "this text starts with `-`, which YAML reads as a list item. Put the whole text in double quotes: `at_stake: \"- renewal\"`",
    },
    Case {
        name: "bom-mid",
        from: "    title: COO",
        to: "    title: \u{feff}COO",
        at: "yaml-syntax 31:12",
        message: "there is an invisible character here (a byte order mark), usually left by copying and pasting. Delete it: retype the word at the marked spot",
    },
    Case {
        name: "unclosed-quote-key",
        from: "    title: COO",
        to: "    \"title: COO",
        at: "yaml-syntax 31:5",
        message: "this line starts with a double quote `\"` that is never closed. Delete the quote: `title: COO`",
    },
    Case {
        name: "empty-key",
        from: "    title: COO",
        to: "    : COO",
        at: "yaml-syntax 31:5",
        message: "this line starts with `:`, with no field name before it. Write the field's name before the `:`, as in `title: COO`",
    },
    Case {
        name: "missing-colon",
        from: "    title: COO",
        to: "    title COO",
        at: "yaml-syntax 31:5",
        message: "`title COO` stands alone on this line, where the fields of this stakeholder are expected. If `title` is the field's name, write `title: COO`; otherwise delete the line",
    },
    Case {
        name: "windows-path",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: \"Files in C:\\Users\\dana\"",
        at: "yaml-syntax 16:25",
        message: "this text in double quotes holds `\\U`, which YAML reads as the start of a special character. Put the text in single quotes instead: `at_stake: 'Files in C:\\Users\\dana'`",
    },
    Case {
        name: "list-under-valued-key",
        from: "  out:\n    - Fleet telematics",
        to: "  out: Billing\n    - Fleet telematics",
        at: "wrong-type 51:8",
        message: "`scope.out` must be a list, but it is the text `Billing - Fleet telematics`. A list starts on the line after its field: move `Billing` to its own line below, as `- Billing`",
    },
    Case {
        name: "roles-comma-text",
        from: "roles: [champion]",
        to: "roles: champion, end_user",
        at: "wrong-type 38:12",
        message: "`stakeholders[Ben Okafor].roles` must be a list, but it is the text `champion, end_user`. Write the list in square brackets: `roles: [champion, end_user]`, or each item on its own line below, starting with `- `",
    },
    Case {
        name: "unclosed-quote-next-field",
        from: "  at_stake: The renewal of their largest shipper.",
        to: "  at_stake: \"The renewal of their largest shipper.\n  success_looks_like: \"Routes planned before 7am\"",
        at: "yaml-syntax 16:13",
        message: "the double quote `\"` that starts this text is never closed. Add a closing `\"` where the text ends: `at_stake: \"The renewal of their largest shipper.\"`",
    },
    Case {
        name: "item-field-3",
        from: "    title: Dispatch Lead",
        to: "   title: Dispatch Lead",
        at: "yaml-syntax 36:4",
        message: "`title:` is indented 3 spaces, but the other fields of this stakeholder are indented 4. Indent it by 4 spaces",
    },
    Case {
        name: "agreed-by-block-missing-dash",
        from: "    agreed_by: [Ana Ruiz]",
        to: "    agreed_by:\n      - Ana Ruiz\n      Ben Okafor",
        at: "yaml-syntax 29:7",
        message: "this line is one of the list `agreed_by`, but it has no `-`. Start it with `- `, like the items above it: `- Ben Okafor`",
    },
    Case {
        name: "agreed-by-item-left-of-its-list",
        from: "    agreed_by: [Ana Ruiz]",
        to: "    agreed_by:\n      - Ana Ruiz\n    - Ben Okafor",
        at: "yaml-syntax 29:5",
        message: "`- Ben Okafor` is indented 4 spaces, but the other items of `agreed_by` are indented 6. Indent it by 6 spaces",
    },
    Case {
        name: "first-item-dash-line-moved",
        from: "  - id: r-1",
        to: "   - id: r-1",
        at: "yaml-syntax 41:4",
        message: "`- id: r-1` is indented 3 spaces, which puts `id:` 5 spaces in, but the fields of this risk below it are indented 4. Indent it by 2 spaces, so that `id:` lines up with them",
    },
    Case {
        name: "first-item-dash-line-moved-far",
        from: "  - id: r-1",
        to: "    - id: r-1",
        at: "yaml-syntax 41:5",
        message: "`- id: r-1` is indented 4 spaces, which puts `id:` 6 spaces in, but the fields of this risk below it are indented 4. Indent it by 2 spaces, so that `id:` lines up with them",
    },
    Case {
        name: "contract-field-outdented",
        from: "    renewal: 2027-01-15",
        to: "  renewal: 2027-01-15",
        at: "unknown-field 11:3",
        message: "`renewal` is not a field of `customer`. `renewal` is a field of `contract`: indent it under `contract:`",
    },
    Case {
        name: "cadence-in-handover",
        from: "  open_questions:",
        to: "  cadence: 90d\n  open_questions:",
        at: "unknown-field 56:3",
        message: "`cadence` is not a field of `handover`. `cadence` is a field of `review`, not of `handover`: move it there",
    },
    Case {
        name: "apostrophe-word",
        from: "at_stake: The renewal of their largest shipper.",
        to: "at_stake: It's the renewal: big",
        at: "yaml-syntax 16:29",
        message: "this text contains `: `, which YAML reads as the start of a new field. Put the whole text in double quotes: `at_stake: \"It's the renewal: big\"`",
    },
    Case {
        name: "second-document",
        from: "review:\n  cadence: 90d\n",
        to: "review:\n  cadence: 90d\n---\nschema: cuc/v1\n",
        at: "yaml-syntax 61:1",
        message: "a second document starts here: a `---` line ends the first one. A cuc file holds one document: delete this `---` line, and move anything below it that belongs elsewhere",
    },
    Case {
        name: "text-goes-on-with-colon",
        from: "    what: Dispatchers keep their spreadsheets",
        to: "    what: Dispatchers keep their spreadsheets\n      and they might leave: soon",
        at: "yaml-syntax 43:27",
        message: "this text contains `: `, which YAML reads as the start of a new field. Put the whole text in double quotes, from `what:` on line 42 to the end of this line",
    },
    Case {
        name: "line-left-of-folded-text",
        from: "    what: Dispatchers keep their spreadsheets",
        to: "    what: >\n      Dispatchers keep their spreadsheets\n    and the night shift was never asked",
        at: "yaml-syntax 44:5",
        message: "this line seems to go on with the text of `what` (the lines after `what:` on line 42), but it is indented less than they are. Indent it by 6 spaces, like the lines above it",
    },
    Case {
        name: "list-under-a-field-with-text",
        from: "  at_stake: The renewal of their largest shipper.",
        to: "  at_stake: The renewal of their largest shipper.\n    - and the night shift",
        at: "item-in-text 17:5",
        message: "YAML reads this line as more of the text above it, not as a list item: the text is `The renewal of their largest shipper. -…`. To make a list, leave nothing after `at_stake:` and write each item on a line of its own below it, starting with `- `",
    },
    Case {
        name: "items-run-together",
        from: "    - Route planning",
        to: "    - Route planning\n     - Driver apps",
        at: "item-in-text 51:6",
        message: "YAML reads this line as more of the text above it, not as a list item: the text is `Route planning - Driver apps`. Line its `-` up with the `-` on line 50 (4 spaces in), to make it an item of its own",
    },
];

/// Words from the YAML parser's own vocabulary: none reaches a person.
const PARSER_WORDS: &[&str] = &[
    "block collection",
    "block mapping",
    "block sequence",
    "indicator",
    "mapping values",
    "while parsing",
    "while scanning",
    "scalar",
    "flow",
    "simple key",
    "token",
    "did not find expected",
    "not valid YAML",
];

fn base() -> String {
    std::fs::read_to_string(fixture("syntax/understanding.yaml")).unwrap()
}

fn workspace(text: &str) -> Scratch {
    let scratch = Scratch::new();
    scratch.write("customers/kestrel/understanding.yaml", text);
    scratch
}

fn mistaken(case: &Case) -> String {
    let base = base();
    assert!(
        base.contains(case.from),
        "{}: the fixture has no `{}`",
        case.name,
        case.from
    );
    base.replacen(case.from, case.to, 1)
}

fn first_finding(run: &Run) -> (String, String) {
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    let first = &json["findings"][0];
    (
        format!(
            "{} {}:{}",
            first["rule"].as_str().unwrap_or("none"),
            first["line"],
            first["column"]
        ),
        first["message"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn the_fixture_is_valid() {
    let run = workspace(&base()).run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn every_common_mistake_is_explained_at_its_line_with_its_fix() {
    assert!(CASES.len() >= 25);
    let mut wrong = Vec::new();
    for case in CASES {
        let run = workspace(&mistaken(case)).run(&["validate", "--format", "json"]);
        let (at, message) = first_finding(&run);
        // A text cut short by a `#` is still read: a warning, exit 0.
        // A warning: the document is still read.
        let code = if case.at.starts_with("hash-in-text") || case.at.starts_with("item-in-text") {
            0
        } else {
            1
        };
        if run.code != code || at != case.at || message != case.message {
            wrong.push(format!(
                "{}: exit {}\n  expected {} {}\n  got      {at} {message}",
                case.name, run.code, case.at, case.message
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_message_speaks_the_parsers_language() {
    for case in CASES {
        let scratch = workspace(&mistaken(case));
        for format in ["human", "json", "github", "sarif"] {
            let run = scratch.run(&["validate", "--format", format]);
            let said = format!("{}{}", run.stdout, run.stderr).to_lowercase();
            for word in PARSER_WORDS {
                // The SARIF log names its own schema's properties; only the texts count.
                let texts: String = if format == "sarif" {
                    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
                    log["runs"][0]["results"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| {
                            r["message"]["text"]
                                .as_str()
                                .unwrap_or_default()
                                .to_lowercase()
                        })
                        .collect()
                } else {
                    said.clone()
                };
                assert!(
                    !texts.contains(word),
                    "{} ({format}) says `{word}`:\n{said}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn the_human_report_shows_the_line_and_the_fix() {
    let case = CASES.iter().find(|c| c.name == "owner-indent-3").unwrap();
    let run = workspace(&mistaken(case)).run(&["validate"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "error[yaml-syntax]

  × `owner:` is indented 3 spaces, but the other fields of this risk are indented 4
    ╭─[customers/kestrel/understanding.yaml:45:4]
 44 │     impact: high
 45 │    owner: Ben Okafor
    ·    ──┬──
    ·      ╰── 3 spaces in, not 4
 46 │     status: open
    ╰────
  help: indent it by 4 spaces

1 error, 0 warnings in 1 file
"
    );
}

#[test]
fn a_hash_in_a_text_warns_that_the_rest_is_left_out() {
    let text = base().replace(
        "at_stake: The renewal of their largest shipper.",
        "at_stake: The renewal of shipper #1 and #2. # said in the kick-off",
    );
    let run = workspace(&text).run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 0, "a warning: {}", run.stdout);
    assert_eq!(
        first_finding(&run),
        (
            "hash-in-text 16:36".to_owned(),
            "YAML reads ` #` as the start of a comment, so `#1 and #2. # said in the kick-off` is left out of this text. Put the whole text in double quotes: `at_stake: \"The renewal of shipper #1 and #2. # said in the kick-off\"`".to_owned()
        )
    );
    // A comment written the usual way, and a `#` in quotes, are taken as meant.
    let text = base()
        .replace("  segment: mid-market", "  segment: mid-market # for now")
        .replace(
            "at_stake: The renewal of their largest shipper.",
            "at_stake: \"The renewal of shipper #1\"",
        );
    let run = workspace(&text).run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(first_finding(&run).0, "none null:null");
}

#[test]
fn a_mistake_in_a_decision_log_or_a_note_is_explained_the_same_way() {
    let scratch = workspace(&base());
    scratch.write(
        "customers/kestrel/decisions.yaml",
        "decisions:\n  - id: d-1\n    made: 2026-01-20T10:00\n    decision: Pilot: two depots first\n    owner: Ana Ruiz\n",
    );
    scratch.write(
        "customers/kestrel/notes/kick-off.md",
        "---\ndate: \"2026-01-20\n---\n# Kick-off\n",
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let got: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{} {}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "yaml-syntax customers/kestrel/decisions.yaml:4:20 this text contains `: `, which YAML reads as the start of a new field. Put the whole text in double quotes: `decision: \"Pilot: two depots first\"`",
            "yaml-syntax customers/kestrel/notes/kick-off.md:2:7 the double quote `\"` that starts this text is never closed. Add a closing `\"` where the text ends: `date: \"2026-01-20\"`",
        ]
    );
}

#[test]
fn a_note_saved_with_a_byte_order_mark_still_has_its_front_matter_checked() {
    // Notepad's "UTF-8 with BOM": the invisible mark before `---` does not
    // turn the front matter into text nobody checks.
    let scratch = workspace(&base());
    scratch.write(
        "customers/kestrel/notes/kick-off.md",
        "\u{feff}---\ntitle: Kick-off\n date: 2026-01-20\n---\n# Kick-off\n",
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    let (at, message) = first_finding(&run);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(at, "yaml-syntax 3:2");
    assert_eq!(
        message,
        "`date:` is indented 1 space, but the other top-level fields are not indented. Start it at the beginning of the line, with no spaces before it"
    );
}

#[test]
fn the_examples_are_read_to_their_last_line_before_a_mistake_is_blamed() {
    // A stray line at the end of each example document: every line before
    // it (folded texts, quotes, lists in brackets, comments) is read as
    // fine, and the stray line itself is named.
    let customers = crate::common::example("portfolio/customers");
    let mut checked = 0;
    for customer in std::fs::read_dir(&customers).unwrap() {
        let customer = customer.unwrap().path();
        for name in ["understanding.yaml", "decisions.yaml", "reviews.yaml"] {
            let Ok(text) = std::fs::read_to_string(customer.join(name)) else {
                continue;
            };
            let scratch = Scratch::new();
            let last = text.lines().count() + 1;
            scratch.write(
                &format!("customers/kestrel/{name}"),
                format!("{text}this line is stray\n"),
            );
            if name != "understanding.yaml" {
                scratch.write("customers/kestrel/understanding.yaml", base());
            }
            let run = scratch.run(&["validate", "--format", "json"]);
            let (at, message) = first_finding(&run);
            assert_eq!(
                (at.as_str(), message.as_str()),
                (
                    format!("yaml-syntax {last}:1").as_str(),
                    "`this line is stray` stands alone on this line, where the top-level fields are expected. If `this` is the field's name, write `this: line is stray`; otherwise delete the line"
                ),
                "{}/{name}",
                customer.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn the_human_report_counts_the_column_in_characters() {
    // `Zoë` and `名前` are 2 characters but 5 bytes more: the column above
    // the snippet is where an editor puts the cursor, as in --format json.
    let text = base().replace("roles: [champion]", "roles: [\"Zoë 名前\", bogus]");
    let scratch = workspace(&text);
    let human = scratch.run(&["validate"]);
    let json = scratch.run(&["validate", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["findings"][1]["column"], 23);
    assert!(
        human
            .stdout
            .contains("╭─[customers/kestrel/understanding.yaml:38:23]"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_setting_written_without_its_colon_is_given_back_as_a_field() {
    for (written, fix) in [
        ("  max_file_size 1MiB", "max_file_size: 1MiB"),
        ("  max_file_size:1MiB", "max_file_size: 1MiB"),
    ] {
        let scratch = workspace(&base());
        scratch.write("cuc.yaml", format!("schema: cuc/v1\nlimits:\n{written}\n"));
        let run = scratch.run(&["validate"]);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(
            run.stdout
                .contains(&format!("help: write it as a field: `{fix}`")),
            "{written}: {}",
            run.stdout
        );
    }
}
