//! Hostile and accidental input: every case gets a clear finding at its
//! place, the right exit code, and finishes within 10 seconds and 512 MiB
//! of address space (a hang or a balloon fails the test).

use crate::common::{Scratch, VALID, findings, message};

const FILE: &str = "customers/acme/understanding.yaml";

/// A workspace with one customer whose understanding.yaml is `bytes`.
fn understanding(bytes: impl AsRef<[u8]>) -> Scratch {
    let scratch = Scratch::new();
    scratch.write(FILE, bytes);
    scratch
}

/// Validates within 10 seconds and 512 MiB of address space: no hostile
/// input may make cuc hang or balloon.
fn json(scratch: &Scratch) -> crate::common::Run {
    crate::common::cuc_bounded(scratch.path(), &["validate", "--format", "json"], 10, 512)
}

#[test]
fn alias_bomb_fails_fast() {
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = "a".to_owned();
    for i in 0..9 {
        let name = format!("b{i}");
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{previous}"); 9].join(", ")
        ));
        previous = name;
    }
    let run = json(&understanding(text));
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [format!("yaml-limit {FILE}:6:20")]);
    assert_eq!(
        message(&run, "yaml-limit"),
        "this document's YAML aliases (`*name`) repeat its content into more than 250,000 values, the most cuc reads in one document. Write the content out plainly: a customer document never needs YAML anchors (`&name`) or aliases (`*name`)"
    );
}

#[test]
fn deep_flow_nesting_is_refused() {
    let run = json(&understanding("[".repeat(100_000)));
    assert_eq!(findings(&run), [format!("yaml-limit {FILE}:1:256")]);
    assert_eq!(
        message(&run, "yaml-limit"),
        "this document nests lists and blocks more than 64 levels deep, the most cuc reads. A customer document needs only a few levels (a list of items, each with its fields): write the deeply nested part out plainly"
    );
}

#[test]
fn deep_block_nesting_is_refused() {
    let text: String = (0..200)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let run = json(&understanding(text));
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [format!("yaml-limit {FILE}:65:65")]);
}

#[test]
fn a_50_megabyte_document_is_refused_without_reading_it_all() {
    let run = json(&understanding(format!(
        "problem: {}\n",
        "x".repeat(50 * 1024 * 1024)
    )));
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [format!("file-too-large {FILE}")]);
}

#[test]
fn invalid_utf8_names_the_byte_and_its_position() {
    let run = json(&understanding(
        b"schema: cuc/v1\ncustomer:\n  name: Caf\xe9 Nord\n",
    ));
    assert_eq!(findings(&run), [format!("invalid-utf8 {FILE}:3:12")]);
    assert!(message(&run, "invalid-utf8").contains("byte 36 (0xE9) is not valid UTF-8"));
}

#[test]
fn a_nul_byte_is_a_syntax_error_at_its_place() {
    let run = json(&understanding("schema: cuc/v1\nnote: \"a\0b\"\n"));
    assert_eq!(findings(&run), [format!("yaml-syntax {FILE}:2:9")]);
}

#[test]
fn a_byte_order_mark_is_accepted_and_columns_stay_right() {
    let run = json(&understanding(format!(
        "\u{feff}{}",
        VALID.replace("90d", "soon")
    )));
    assert_eq!(
        findings(&run),
        [format!("invalid-value {FILE}:14:12 /review/cadence")]
    );
}

#[test]
fn crlf_line_ends_are_accepted_and_positions_stay_right() {
    let run = json(&understanding(
        VALID.replace("90d", "soon").replace('\n', "\r\n"),
    ));
    assert_eq!(
        findings(&run),
        [format!("invalid-value {FILE}:14:12 /review/cadence")]
    );
    let run = json(&understanding(VALID.replace('\n', "\r\n")));
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn tabs_for_indentation_are_named() {
    let run = json(&understanding("schema: cuc/v1\ncustomer:\n\tname: x\n"));
    assert_eq!(findings(&run), [format!("yaml-syntax {FILE}:3:1")]);
    assert_eq!(
        message(&run, "yaml-syntax"),
        "this line is indented with a tab. YAML indents with spaces only: replace the tab with spaces (the line above is not indented)"
    );
}

#[test]
fn duplicate_keys_are_reported_at_the_second_key() {
    let run = json(&understanding(
        VALID.replace("  problem: p\n", "  problem: p\n  problem: q\n"),
    ));
    assert_eq!(
        findings(&run),
        [format!(
            "duplicate-key {FILE}:8:3 /business_context/problem"
        )]
    );
    assert_eq!(
        message(&run, "duplicate-key"),
        "`problem` is written twice in the same block. Keep one of the two (merge the text if both matter) and delete the other; until then cuc checks the first one"
    );
}

#[test]
fn a_duplicate_key_does_not_hide_the_other_errors() {
    // Two repeated keys in different blocks, and a date that is not one:
    // all three in the same run, the repetitions at their second key.
    let run = json(&understanding(
        VALID
            .replace("  problem: p\n", "  problem: p\n  problem: q\n")
            .replace(
                "  name: Test Co\n",
                "  name: Test Co\n  name: Test Company\n",
            )
            .replace(
                "review:\n",
                "handover:\n  intro_meeting: 31/01/2026\nreview:\n",
            ),
    ));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        findings(&run),
        [
            format!("duplicate-key {FILE}:4:3 /customer/name"),
            format!("duplicate-key {FILE}:9:3 /business_context/problem"),
            format!("invalid-value {FILE}:16:18 /handover/intro_meeting"),
        ]
    );
    assert_eq!(
        message(&run, "invalid-value"),
        "`31/01/2026` is not written as YYYY-MM-DD (`handover.intro_meeting`). Write it as 2026-01-31"
    );
}

#[test]
fn yaml_1_1_booleans_stay_text() {
    // `no` is the text "no": fine as a segment, not a true/false value.
    let text = VALID
        .replace("  name: Test Co\n", "  name: Test Co\n  segment: no\n")
        .replace(
            "success_criteria: []",
            "success_criteria:\n  - id: sc-1\n    outcome: o\n    non_negotiable: no",
        );
    let run = json(&understanding(text));
    assert_eq!(
        findings(&run),
        [format!(
            "wrong-type {FILE}:15:21 /success_criteria/0/non_negotiable"
        )]
    );
}

#[test]
fn tags_are_refused_never_executed() {
    let run = json(&understanding(VALID.replace(
        "p\n",
        "!!python/object/apply:os.system [\"touch /tmp/pwned\"]\n",
    )));
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [format!("yaml-syntax {FILE}:7:12")]);
    assert!(
        message(&run, "yaml-syntax")
            .starts_with("this text starts with `!`, which YAML reads as a marker of its own")
    );
}

#[test]
fn merge_keys_are_plain_data() {
    let text = VALID.replace("review:\n  cadence: 90d\n", "review: &r\n  cadence: 90d\n")
        + "handover:\n  <<: {attendees: [a]}\n";
    let run = json(&understanding(text));
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn an_empty_file_and_a_comment_only_file_say_so() {
    for (text, what) in [
        ("", "this file is empty"),
        (
            "# nothing here yet\n# more later\n",
            "this file holds only comments",
        ),
    ] {
        let run = json(&understanding(text));
        assert_eq!(run.code, 1);
        // At the top of the file, not a line past its end.
        assert_eq!(findings(&run), [format!("wrong-type {FILE}:1:1")]);
        assert_eq!(
            message(&run, "wrong-type"),
            format!("{what}. Fill it in: `cuc new ID` writes a guided template to start from")
        );
    }
}

#[test]
fn a_list_instead_of_a_mapping() {
    let run = json(&understanding("- schema: cuc/v1\n"));
    assert_eq!(findings(&run), [format!("wrong-type {FILE}:1:3")]);
    assert!(message(&run, "wrong-type").starts_with("this file must be a block of fields"));
}

#[test]
fn a_customer_folder_without_understanding_yaml() {
    let scratch = Scratch::new();
    scratch.write("customers/acme/notes/intro.md", "# Intro\n");
    let run = json(&scratch);
    assert_eq!(findings(&run), [format!("missing-document {FILE}")]);
}

#[test]
fn non_yaml_files_in_customers_are_ignored() {
    let scratch = understanding(VALID);
    scratch.write("customers/README.md", "# Our customers\n");
    scratch.write("customers/.DS_Store", [0u8, 1, 2]);
    scratch.write("customers/acme/logo.png", [0x89u8, b'P', b'N', b'G']);
    let run = json(&scratch);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn extremely_long_lines_keep_positions_and_skip_the_snippet() {
    let long = "x".repeat(200_000);
    let text = VALID.replace(
        "  problem: p\n",
        &format!("  problem: {long}\n  probelm: typo\n"),
    );
    let scratch = understanding(text);
    let run = json(&scratch);
    assert_eq!(
        findings(&run),
        [format!(
            "unknown-field {FILE}:8:3 /business_context/probelm"
        )]
    );
    let human = scratch.run(&["validate"]);
    assert!(
        human.stdout.contains(&format!("at: {FILE}:8:3")),
        "{}",
        &human.stdout[..500.min(human.stdout.len())]
    );
    assert!(
        human.stdout.len() < 2000,
        "the 200,000-character line is not printed"
    );
}

#[test]
fn unicode_names_have_columns_in_characters() {
    // CJK, an emoji with a variation selector, and right-to-left Hebrew before
    // the misspelt key: the column counts characters, as editors show them.
    let text = VALID.replace(
        "customer:\n  name: Test Co\n  team:\n    cs: cs@vendor.example\n",
        "customer: {name: \"東京 ✈️ שלום\", segmnt: 名前, team: {cs: cs@vendor.example}}\n",
    );
    let run = json(&understanding(text));
    assert_eq!(
        findings(&run),
        [format!("unknown-field {FILE}:2:32 /customer/segmnt")]
    );
}

#[test]
fn merge_conflict_markers_are_named() {
    let text = VALID.replace(
        "  problem: p\n",
        "<<<<<<< HEAD\n  problem: p\n=======\n  problem: q\n>>>>>>> feature\n",
    );
    let run = json(&understanding(text));
    assert_eq!(findings(&run), [format!("merge-conflict {FILE}:7:1")]);
    assert!(message(&run, "merge-conflict").starts_with("unresolved merge conflict"));
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_still_checked() {
    // A folder where a document should be cannot be read, even by root
    // (unlike a file without read permission).
    let scratch = Scratch::new();
    std::fs::create_dir_all(scratch.path().join(FILE)).unwrap();
    scratch.write(
        "customers/beta/understanding.yaml",
        VALID.replace("90d", "soon"),
    );
    let run = json(&scratch);
    assert_eq!(run.code, 2);
    assert_eq!(
        findings(&run),
        [
            format!("unreadable-file {FILE}"),
            "invalid-value customers/beta/understanding.yaml:14:12 /review/cadence".to_owned(),
        ]
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_workspace_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("understanding.yaml"), VALID).unwrap();
    let scratch = Scratch::new();
    std::os::unix::fs::symlink(outside.path(), scratch.path().join("customers/linked")).unwrap();
    scratch.write("customers/acme/decisions.yaml", "decisions: []\n");
    std::os::unix::fs::symlink(
        outside.path().join("understanding.yaml"),
        scratch.path().join(FILE),
    )
    .unwrap();
    let run = json(&scratch);
    assert_eq!(
        findings(&run),
        [
            "outside-workspace customers/acme/understanding.yaml",
            "outside-workspace customers/linked",
        ]
    );
}

#[test]
fn a_tab_on_the_line_after_a_value_is_found_where_it_is() {
    let run = json(&understanding("customer:\n  name: abc\n\tsegment: x\n"));
    assert_eq!(findings(&run), [format!("yaml-syntax {FILE}:3:1")]);
}

#[test]
fn every_command_that_reads_documents_exits_2_on_an_unreadable_one() {
    let scratch = Scratch::new();
    std::fs::create_dir_all(scratch.path().join(FILE)).unwrap();
    for command in ["validate", "check", "review"] {
        let run = scratch.run(&[command, "--format", "json"]);
        assert_eq!(run.code, 2, "{command}");
        assert!(
            findings(&run).contains(&format!("unreadable-file {FILE}")),
            "{command}"
        );
    }
}

/// A workspace whose cuc.yaml allows the largest documents cuc reads.
fn at_the_largest_limit() -> Scratch {
    let scratch = Scratch::new();
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nlimits:\n  max_file_size: 64MiB\n",
    );
    scratch
}

/// `scope.in` as `count` texts of 1 MiB each, after a valid document.
fn large_texts(count: usize) -> String {
    let text = "x".repeat(1 << 20);
    let items: String = (0..count).map(|_| format!("    - {text}\n")).collect();
    format!("{VALID}scope:\n  in:\n{items}")
}

#[test]
fn many_large_texts_within_the_largest_limit_are_read_in_bounds() {
    // 63 MiB of text in 63 values: inside both the file limit and the
    // reading budget, so a valid document, read within 10 s and 512 MiB.
    let scratch = at_the_largest_limit();
    scratch.write(FILE, large_texts(63));
    let run = json(&scratch);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(findings(&run), Vec::<String>::new());
}

#[test]
fn many_large_texts_past_the_largest_limit_are_refused_unread() {
    // 65 texts of 1 MiB: the case where the fast reader used to go past
    // the 64 MiB budget. The largest limit a workspace may set stops it
    // before a byte is parsed.
    let scratch = at_the_largest_limit();
    scratch.write(FILE, large_texts(65));
    let run = json(&scratch);
    assert_eq!(run.code, 1);
    assert_eq!(findings(&run), [format!("file-too-large {FILE}")]);
    assert_eq!(
        message(&run, "file-too-large"),
        "this file is larger than the 64 MiB cuc reads. A customer document is one page: move long material into notes/, or raise `limits.max_file_size` in cuc.yaml"
    );
}

#[test]
fn a_limit_past_what_cuc_reads_is_a_config_error_at_its_line() {
    for (written, shown) in [
        ("10GiB", "10GiB"),
        ("67108865", "67108865"),
        ("65 MiB", "65 MiB"),
    ] {
        let scratch = Scratch::new();
        scratch.write(
            "cuc.yaml",
            format!("schema: cuc/v1\nlimits:\n  max_file_size: {written}\n"),
        );
        scratch.write(FILE, VALID);
        let run = json(&scratch);
        assert_eq!(run.code, 2, "{written}: {}", run.stdout);
        assert_eq!(
            findings(&run),
            ["invalid-value cuc.yaml:3:18 /limits/max_file_size"],
            "{written}"
        );
        assert_eq!(
            message(&run, "invalid-value"),
            format!(
                "`limits.max_file_size` is {shown}, but cuc reads at most 64 MiB from one document. Write 64MiB or less: a customer document is one page, and the default 1MiB is plenty"
            )
        );
    }
    // The largest allowed, in either form, is accepted.
    for written in ["64MiB", "67108864"] {
        let scratch = Scratch::new();
        scratch.write(
            "cuc.yaml",
            format!("schema: cuc/v1\nlimits:\n  max_file_size: {written}\n"),
        );
        scratch.write(FILE, VALID);
        assert_eq!(json(&scratch).code, 0, "{written}");
    }
}

#[test]
fn nesting_to_the_budget_is_read_on_every_thread() {
    // 64 levels of lists, the most the budget allows, with an anchor so
    // the complete reader (which recurses) reads it; in several customers,
    // so that worker threads read them. A thread's stack once overflowed
    // here: a crash where the budget promises a finding.
    let scratch = Scratch::new();
    // The document and business_context are two levels; 62 lists more.
    let deep = format!("{}1{}", "[".repeat(62), "]".repeat(62));
    for id in ["acme", "bravo", "charlie", "delta"] {
        scratch.write(
            &format!("customers/{id}/understanding.yaml"),
            VALID.replace(
                "  problem: p\n",
                &format!("  problem: &p p\n  strategy: {deep}\n"),
            ),
        );
    }
    let run = json(&scratch);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&run),
        ["acme", "bravo", "charlie", "delta"].map(|id| format!(
            "wrong-type customers/{id}/understanding.yaml:8:75 /business_context/strategy"
        ))
    );
}

#[test]
fn a_huge_version_in_history_is_refused_by_diff_without_being_loaded() {
    // A 96 MiB understanding.yaml committed once, then replaced. cuc diff
    // runs within 64 MiB of address space, so it can only answer by
    // refusing that version from its size.
    let scratch = Scratch::new();
    scratch.write(FILE, VALID);
    git2::Repository::init(scratch.path()).unwrap();
    crate::common::commit_all(scratch.path(), "first");
    let huge_text = format!("{VALID}# {}\n", "x".repeat(96 << 20));
    let size = cuc::text::words::thousands(huge_text.len());
    scratch.write(FILE, huge_text);
    let huge = crate::common::commit_all(scratch.path(), "a huge paste");
    scratch.write(FILE, VALID.replace("name: Test Co", "name: Test Company"));
    crate::common::commit_all(scratch.path(), "back to one page");
    let short = &huge[..7];
    let expected = format!(
        "cuc: {FILE} as kept at HEAD~1 (commit {short}) is {size} bytes, larger than the 1 MiB cuc reads from one document, so that version cannot be compared\n  help: compare with other versions: this one is larger than cuc reads from any document\n"
    );
    for args in [
        &["diff", "acme", "HEAD~1"][..],
        &["diff", "--base", "HEAD~1"],
        &["diff", "acme", "HEAD~2", "HEAD~1"],
    ] {
        let run = crate::common::cuc_bounded(scratch.path(), args, 10, 64);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert_eq!(run.stderr, expected, "{args:?}");
    }
    // Around it, versions compare as always.
    let run = crate::common::cuc_bounded(scratch.path(), &["diff", "acme", "HEAD~2"], 10, 64);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Test Company"), "{}", run.stdout);
}
