//! Two audiences: the page the customer reads leaves out our judgements
//! and everything marked `visibility: internal`, in every format; the
//! internal page shows all of it, marked. The fixture
//! `tests/fixtures/render/customers/secretive` hides a distinct word in
//! each thing the customer must not see.

use crate::common::{Scratch, commit_all, cuc, fixture};

/// What the customer's page must never show, each from one hidden place.
const HIDDEN: [(&str, &str); 16] = [
    ("sentiment", "skeptic"),
    ("sentiment", "supporter"),
    ("the role potential_blocker", "blocker"),
    ("the role influencer", "influencer"),
    ("pull_the_plug", "Zebra"),
    ("last_contact", "2026-04-17"),
    ("confirmed_with_product", "product"),
    ("a decision's context", "Quokka"),
    ("an internal criterion", "Walrus"),
    ("an internal stakeholder", "Narwhal"),
    ("an internal risk", "Okapi"),
    ("an internal commitment", "Axolotl"),
    ("an internal milestone", "Tapir"),
    ("an internal constraint", "Pangolin"),
    ("an internal scope item", "Capybara"),
    ("an internal initiative", "Manatee"),
];

/// Also hidden, but from the decisions and the notes.
const HIDDEN_ELSEWHERE: [(&str, &str); 2] = [
    ("an internal decision", "Jackal"),
    ("an internal note", "Wombat"),
];

pub fn leaks(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    HIDDEN
        .iter()
        .chain(HIDDEN_ELSEWHERE.iter())
        .filter(|(_, word)| lower.contains(&word.to_lowercase()))
        .map(|(what, _)| *what)
        .collect()
}

fn render(args: &[&str]) -> String {
    let mut all = vec!["render", "secretive", "--today", "2026-12-02"];
    all.extend_from_slice(args);
    let run = cuc(&fixture("render"), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn the_customer_page_shows_nothing_hidden_in_any_format() {
    for args in [
        &[][..],
        &["--audience", "customer"][..],
        &["--format", "markdown"][..],
        &["--paper", "a4"][..],
    ] {
        let page = render(args);
        assert_eq!(leaks(&page), Vec::<&str>::new(), "render {args:?}:\n{page}");
        // What is still shared is there.
        for shared in [
            "Secretive Shipping SE",
            "Bruno Keller",
            "Carla Dias",
            "Clerks keep their spreadsheets",
            "Spreadsheets read-only from go-live.",
            "to be confirmed",
            "Go live in Hamburg before Bremen.",
            "Works council approves anything that times individual clerks.",
            "Kickoff",
        ] {
            assert!(
                page.contains(shared),
                "render {args:?} lost {shared:?}:\n{page}"
            );
        }
    }
}

#[test]
fn render_all_publishes_nothing_hidden_and_no_internal_note() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("pages");
    for format in ["html", "markdown"] {
        let run = cuc(
            &fixture("render"),
            &[
                "render",
                "--all",
                "--format",
                format,
                "--today",
                "2026-12-02",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let extension = if format == "html" { "html" } else { "md" };
        let page = std::fs::read_to_string(out.join(format!("secretive.{extension}"))).unwrap();
        assert_eq!(leaks(&page), Vec::<&str>::new(), "{format}:\n{page}");
    }
    let notes = out.join("secretive/notes");
    assert!(notes.join("2026-09-05-kickoff.html").is_file());
    assert!(!notes.join("2026-09-01-wombat.html").exists());
}

#[test]
fn the_internal_page_shows_everything_and_marks_it() {
    let page = render(&["--audience", "internal"]);
    let missing: Vec<&str> = HIDDEN
        .iter()
        .chain(HIDDEN_ELSEWHERE.iter())
        .filter(|(_, word)| !page.to_lowercase().contains(&word.to_lowercase()))
        .map(|(what, _)| *what)
        .collect();
    assert_eq!(missing, Vec::<&str>::new(), "{page}");
    assert!(
        page.contains("Internal page, not for the customer"),
        "{page}"
    );
    assert!(page.contains("<title>Secretive Shipping SE: shared understanding (internal)</title>"));
    // Each item marked internal, and each field the customer's page leaves out.
    for marked in [
        "<strong>Walrus accuracy score above the audit line</strong> <span class=\"small\">the Walrus score</span><span class=\"tag\">internal</span>",
        "<strong>Narwhal Person</strong>, Board adviser<span class=\"tag\">internal</span>",
        "<h3>Potential blocker<span class=\"tag\">internal</span></h3>",
        "<b>Would make them quit:</b> The Zebra clause lets them walk if the audit fails.<span class=\"tag\">internal</span>",
        "<li><b>Political:</b> The Pangolin feud between IT and operations decides every vote.<span class=\"tag\">internal</span></li>",
        "<li>Capybara pilot for air freight<span class=\"tag\">internal</span></li>",
        "<b>Context:</b> The Quokka rivalry between the two site managers.<span class=\"tag\">internal</span>",
        "not yet confirmed with product<span class=\"tag\">internal</span></div>",
    ] {
        assert!(page.contains(marked), "not marked: {marked}\n{page}");
    }
    let markdown = render(&["--audience", "internal", "--format", "markdown"]);
    for marked in [
        "- Bruno Keller, Head of IT (skeptic _(internal)_)",
        "  - Would make them quit: The Zebra clause lets them walk if the audit fails. _(internal)_",
        "- **Political:** The Pangolin feud between IT and operations decides every vote. _(internal)_",
        "**Notes:** Wombat handover notes (2026-09-01) in customers/secretive/notes/2026-09-01-wombat.md",
    ] {
        assert!(
            markdown.contains(marked),
            "not marked: {marked}\n{markdown}"
        );
    }
}

#[test]
fn a_workspace_chooses_what_the_customer_page_hides() {
    let scratch = Scratch::new();
    let source = fixture("render/customers/secretive");
    for file in ["understanding.yaml", "decisions.yaml"] {
        scratch.write(
            &format!("customers/secretive/{file}"),
            std::fs::read(source.join(file)).unwrap(),
        );
    }
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nrender:\n  locale: de\n  customer:\n    hide: [risks.mitigation, customer.contract.arr]\n",
    );
    let page = scratch.run(&["render", "secretive", "--format", "markdown"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    // No longer hidden: sentiment and the blocker's role.
    assert!(
        page.stdout.contains("- Bruno Keller, Head of IT (skeptic)"),
        "{}",
        page.stdout
    );
    assert!(
        page.stdout.contains("**potential blocker**"),
        "{}",
        page.stdout
    );
    // Hidden now: the mitigation and the ARR; German numbers.
    assert!(
        !page.stdout.contains("Spreadsheets read-only"),
        "{}",
        page.stdout
    );
    assert!(!page.stdout.contains("ARR"), "{}", page.stdout);
    assert!(
        page.stdout
            .contains("2.400 → not measured yet → 100 bookings per week"),
        "{}",
        page.stdout
    );
    // Marked internal is hidden whatever the list says.
    assert!(!page.stdout.contains("Walrus"), "{}", page.stdout);

    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nrender:\n  customer:\n    hide: [risks.mitigaton]\n",
    );
    let run = scratch.run(&["render", "secretive"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("cuc.yaml:4:12"), "{said}");
    assert!(said.contains("did you mean `risks.mitigation`?"), "{said}");
}

#[test]
fn visibility_is_checked_like_any_field() {
    let scratch = Scratch::new();
    scratch.write("cuc.yaml", "schema: cuc/v1\n");
    let source = fixture("render/customers/secretive/understanding.yaml");
    let text = std::fs::read_to_string(source).unwrap();
    scratch.write(
        "customers/secretive/understanding.yaml",
        text.replace(
            "    visibility: internal\nstakeholders:",
            "    visibility: secret\nstakeholders:",
        ),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("\"line\": 38"), "{}", run.stdout);
    assert!(run.stdout.contains("internal"), "{}", run.stdout);
}

/// northwind's page as Markdown on 2026-12-02, with these arguments too.
fn northwind_markdown(scratch: &Scratch, more: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "render",
        "northwind",
        "--format",
        "markdown",
        "--today",
        "2026-12-02",
    ];
    args.extend_from_slice(more);
    let page = scratch.run(&args);
    assert_eq!(page.code, 0, "{}", page.stderr);
    page
}

/// A repository with northwind signed at one version and changed since.
fn signed_then_changed(change: &dyn Fn(String) -> String) -> Scratch {
    signed_then_changed_with("", &|text| text, change)
}

/// The same, with `config` added to cuc.yaml and `before` made to
/// northwind's understanding before it is signed.
fn signed_then_changed_with(
    config: &str,
    before: &dyn Fn(String) -> String,
    change: &dyn Fn(String) -> String,
) -> Scratch {
    let scratch = Scratch::new();
    let source = crate::common::example("portfolio");
    let settings = std::fs::read_to_string(source.join("cuc.yaml")).unwrap();
    scratch.write("cuc.yaml", format!("{settings}{config}"));
    for file in ["understanding.yaml", "decisions.yaml"] {
        let text = std::fs::read_to_string(source.join("customers/northwind").join(file)).unwrap();
        let text = if file == "understanding.yaml" {
            before(text)
        } else {
            text
        };
        scratch.write(&format!("customers/northwind/{file}"), text);
    }
    git2::Repository::init(scratch.path()).unwrap();
    commit_all(scratch.path(), "northwind as agreed");
    let run = scratch.run(&[
        "signoff",
        "northwind",
        "--by",
        "Henrik Albers",
        "--role",
        "exec_sponsor",
        "--date",
        "2026-11-23",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit_all(scratch.path(), "Henrik signed");
    let path = scratch
        .path()
        .join("customers/northwind/understanding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
    commit_all(scratch.path(), "changed since");
    scratch
}

#[test]
fn a_stale_sign_off_lists_what_changed_since_in_plain_words() {
    let scratch = signed_then_changed(&|text| {
        text.replace("    target: 45\n", "    target: 40\n")
            .replace(
                "  out:\n",
                "  out:\n    - Yard cameras (a 2027 conversation)\n",
            )
            .replace("    sentiment: neutral\n", "    sentiment: skeptic\n")
            .replace("    arr: 186000\n", "    arr: 210000\n")
    });
    let page = northwind_markdown(&scratch, &[]);
    let code = page
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Shared understanding · Version of "))
        .map(|rest| rest.split(" · ").nth(1).unwrap().to_owned())
        .expect("a version line");
    let start = page.stdout.find("**What changed since").expect("the list");
    let block: Vec<&str> = page.stdout[start..].lines().take(5).collect();
    let signed = block[0]
        .strip_prefix("**What changed since Henrik Albers on 2026-11-23 signed version ")
        .and_then(|rest| rest.strip_suffix(":**"))
        .unwrap_or_else(|| panic!("{}", block[0]));
    assert_eq!(signed.len(), 6);
    assert_ne!(signed, code);
    assert!(
        page.stdout
            .contains(&format!("an earlier version ({signed}): please sign again"))
    );
    assert_eq!(
        &block[2..],
        [
            "- Trucks get a dock soon after reaching the gate: target 45 minutes → 40 minutes",
            "- Not in scope, added: Yard cameras (a 2027 conversation)",
            "- ARR: 186,000 → 210,000",
        ]
    );
    // The sentiment changed too, but the customer's page never says so.
    assert!(!page.stdout.contains("skeptic"), "{}", page.stdout);
    let internal = northwind_markdown(&scratch, &["--audience", "internal"]);
    assert!(
        internal
            .stdout
            .contains("- Marco Lenz: sentiment neutral → skeptic"),
        "{}",
        internal.stdout
    );
    assert!(
        internal
            .stdout
            .contains("- All changes: cuc diff northwind "),
        "{}",
        internal.stdout
    );
}

#[test]
fn a_stale_sign_off_where_only_hidden_parts_changed_says_nothing_shown_changed() {
    let scratch = signed_then_changed(&|text| {
        text.replace("    sentiment: neutral\n", "    sentiment: skeptic\n")
    });
    let page = northwind_markdown(&scratch, &[]);
    let start = page.stdout.find("**What changed since").expect("the list");
    let block: Vec<&str> = page.stdout[start..].lines().take(3).collect();
    assert_eq!(block[2], "- Nothing this page shows has changed.");
    assert!(!page.stdout.contains("skeptic"), "{}", page.stdout);
}

#[test]
fn the_version_is_a_date_and_a_short_code_and_the_fingerprint_is_in_small_print() {
    let page = render(&[]);
    assert!(
        page.contains(
            "<p class=\"meta\">Shared understanding · Version of 2026-12-02 · a3704d</p>"
        ),
        "{page}"
    );
    assert_eq!(page.matches("sha256:").count(), 1, "{page}");
    assert!(page.contains(
        "<p class=\"fine\">Version a3704d of 2026-12-02, for verification: sha256:a3704d"
    ));
    for jargon in [
        "commit",
        "customers/",
        ".yaml",
        "stakeholders[]",
        "success_criteria",
    ] {
        assert!(
            !page.contains(jargon),
            "{jargon} on the customer's page:\n{page}"
        );
    }
}

#[test]
fn a_section_whose_every_item_is_hidden_is_left_out_not_shown_empty() {
    let scratch = Scratch::new();
    let source = fixture("render/customers/kestrel/understanding.yaml");
    scratch.write(
        "customers/kestrel/understanding.yaml",
        std::fs::read(source).unwrap(),
    );
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nrender:\n  customer:\n    hide: [risks, success_criteria, scope]\n",
    );
    for format in ["html", "markdown"] {
        let page = scratch.run(&["render", "kestrel", "--format", format]);
        assert_eq!(page.code, 0, "{}", page.stderr);
        for untrue in [
            "No open risks",
            "No success criteria yet",
            "Scope is not written down yet",
            "Open risks",
            "How success is measured",
            "Planners keep the spreadsheets",
        ] {
            assert!(
                !page.stdout.contains(untrue),
                "{format}: {untrue}\n{}",
                page.stdout
            );
        }
    }
    // The internal page still has them all.
    let internal = scratch.run(&["render", "kestrel", "--audience", "internal"]);
    assert!(
        internal.stdout.contains("<h2>Open risks</h2>"),
        "{}",
        internal.stdout
    );
}

#[test]
fn what_was_marked_internal_since_the_sign_off_is_not_told_as_a_change() {
    let scratch = signed_then_changed(&|text| {
        text.replace(
            "    title: Transport Planning Lead\n",
            "    title: Transport Planning Lead\n    visibility: internal\n",
        )
        .replace(
            "    pull_the_plug: A works council veto stops the Hannover rollout.\n",
            "    pull_the_plug: A works council veto stops the Hannover rollout.\n    visibility: internal\n",
        )
        .replace("    target: 45\n", "    target: 40\n")
    });
    let page = northwind_markdown(&scratch, &[]);
    let start = page.stdout.find("**What changed since").expect("the list");
    let told: Vec<&str> = page.stdout[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        told,
        ["- Trucks get a dock soon after reaching the gate: target 45 minutes → 40 minutes"]
    );
    assert!(!page.stdout.contains("Jana Petersen"), "{}", page.stdout);
    assert!(
        !page.stdout.contains("Works council objects"),
        "{}",
        page.stdout
    );
}

/// The workspace's own fields the page shows are told when they change;
/// an internal one never on the customer's page.
#[test]
fn a_change_to_a_field_of_the_teams_own_on_the_page_is_told() {
    let scratch = signed_then_changed_with(
        "fields:\n  customer:\n    headcount: {type: number, show_on_page: true}\n    secret: {type: text, visibility: internal, show_on_page: true}\n",
        &|text| {
            text.replacen(
                "  segment:",
                "  headcount: 1400\n  secret: Margin is thin\n  segment:",
                1,
            )
        },
        &|text| {
            text.replace("  headcount: 1400\n", "  headcount: 5000\n")
                .replace("  secret: Margin is thin\n", "  secret: Margin is gone\n")
        },
    );
    let page = northwind_markdown(&scratch, &[]);
    let start = page.stdout.find("**What changed since").expect("the list");
    let block: Vec<&str> = page.stdout[start..].lines().take(4).collect();
    assert_eq!(
        &block[2..],
        ["- Headcount: 1,400 → 5,000", ""],
        "{}",
        page.stdout
    );
    assert!(!page.stdout.contains("Margin"), "{}", page.stdout);
    let internal = northwind_markdown(&scratch, &["--audience", "internal"]);
    assert!(
        internal
            .stdout
            .contains("- Secret: Margin is thin → Margin is gone"),
        "{}",
        internal.stdout
    );
}

/// `render.customer.hide` takes the workspace's own fields, and still
/// refuses a path that is neither cuc's nor the workspace's.
#[test]
fn the_customers_page_can_leave_out_a_field_of_the_teams_own() {
    let scratch = signed_then_changed_with(
        "fields:\n  customer:\n    headcount: {type: number, show_on_page: true}\nrender:\n  customer:\n    hide: [customer.headcount, stakeholders.sentiment]\n",
        &|text| text.replacen("  segment:", "  headcount: 1400\n  segment:", 1),
        &|text| text,
    );
    let page = northwind_markdown(&scratch, &[]);
    assert!(!page.stdout.contains("Headcount"), "{}", page.stdout);
    let internal = northwind_markdown(&scratch, &["--audience", "internal"]);
    assert!(internal.stdout.contains("Headcount"), "{}", internal.stdout);
    let settings = std::fs::read_to_string(scratch.path().join("cuc.yaml")).unwrap();
    scratch.write(
        "cuc.yaml",
        settings.replace("customer.headcount,", "customer.headcont,"),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        crate::common::findings(&run)
            .iter()
            .filter(|f| f.contains("/render/customer/hide/0"))
            .count(),
        1,
        "{}",
        run.stdout
    );
}
