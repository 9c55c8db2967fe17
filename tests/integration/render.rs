//! `cuc render`: the one page for sign-off, its Markdown twin, the portfolio
//! index, and what the renderer refuses. The printed page itself is checked
//! in a real browser by `browser.rs`.

use crate::common::{Scratch, cuc, example, fixture, rules_repository};

/// Every start tag in `html` (`<name ...>`), as written.
fn tags(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let end = rest.find('>').expect("a tag ends");
            found.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    found
}

/// No tag outside what the renderer itself writes, no event handler, and
/// no link that runs script or carries a document.
fn assert_inert(html: &str) {
    const ALLOWED: [&str; 33] = [
        "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
        "h1", "h2", "h3", "p", "div", "span", "strong", "b", "em", "ul", "ol", "li", "table",
        "thead", "tbody", "tr", "th", "td", "colgroup", "col", "svg", "a", "code",
    ];
    const SVG: [&str; 5] = ["rect", "line", "circle", "text", "del"];
    for tag in tags(html) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ALLOWED.contains(&name.as_str()) || SVG.contains(&name.as_str()) || name == "pre",
            "unexpected tag <{tag}>"
        );
        let lower = tag.to_lowercase();
        for attribute in lower.split_whitespace().skip(1) {
            assert!(!attribute.starts_with("on"), "event handler in <{tag}>");
        }
        assert!(!lower.contains("javascript:"), "javascript: URL in <{tag}>");
        assert!(!lower.contains("data:"), "data: URL in <{tag}>");
        assert!(!lower.contains("src="), "a source to load in <{tag}>");
    }
    assert!(
        html.contains("Content-Security-Policy"),
        "the page carries a CSP"
    );
}

#[test]
fn the_page_holds_the_whole_practice_for_a_signed_customer() {
    // Outside git, so the version is dated today, whenever the example was committed.
    let run = crate::common::example_portfolio().run(&["render", "northwind"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    for text in [
        "<title>Northwind Foods GmbH: shared understanding</title>",
        "<p class=\"meta\">Shared understanding · Version of 2026-11-23 · ec5299</p>",
        "<h2>Why they bought</h2>",
        "and the planning team (two planners quit in spring",
        "<h2>How success is measured</h2>",
        "<strong>Trucks get a dock soon after reaching the gate</strong>",
        "94 → 58 → 45 minutes",
        "<h3>Exec sponsor</h3>",
        "<strong>Henrik Albers</strong>, Chief Operating Officer",
        "<h2>What they work within</h2>",
        "<h2>Open risks</h2>",
        "<strong>Small carriers keep phoning instead of using the portal</strong>",
        "2 more mitigated or closed",
        "<h3>Not in scope</h3>",
        "<li>Real-time SAP API (waits for their S/4HANA migration)</li>",
        "<h2>What we promised</h2>",
        "to be confirmed",
        "today 2026-11-23",
        "<strong>Is this right? What did we miss?</strong> Tell tom.becker@vendor.example",
        "<div class=\"role\">Exec sponsor</div><div class=\"name\">Henrik Albers</div>",
        "<div class=\"role\">Project sponsor</div><div class=\"name\">Sabine Kurz</div>",
        "<div class=\"role\">Operating owner</div><div class=\"name\">Marco Lenz</div>",
        // Signed before fingerprints were recorded: nobody can say which version.
        "Signed 2026-06-12, version unknown: please sign again",
        "Notes:</b> Handover from sales to customer success (2026-05-26) · First value review (2026-09-04)",
    ] {
        assert!(html.contains(text), "missing {text:?} in\n{html}");
    }
    // One bar per criterion with numbers, one timeline, nothing to load.
    assert_eq!(html.matches("<svg class=\"bar\"").count(), 4);
    assert_eq!(html.matches("<svg class=\"timeline\"").count(), 1);
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<script"));
    assert_inert(html);
}

#[test]
fn a_sign_off_of_this_version_shows_its_date_and_an_older_one_is_outdated() {
    let (scratch, _) = rules_repository();
    let run = scratch.run(&crate::common::SIGNOFF_HENRIK);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = scratch.run(&["render", "northwind"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout
            .contains("<div class=\"state signed\">✓ Signed 2026-11-23 (this version)</div>"),
        "{}",
        page.stdout
    );
    // The two other sponsors signed before fingerprints existed.
    assert_eq!(
        page.stdout
            .matches("version unknown: please sign again")
            .count(),
        2
    );

    let path = scratch
        .path()
        .join("customers/northwind/understanding.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("target: 30", "target: 45")).unwrap();
    let page = scratch.run(&["render", "northwind", "--audience", "internal"]);
    assert!(
        page.stdout
            .contains("Signed 2026-11-23 an earlier version ("),
        "{}",
        page.stdout
    );
    assert!(
        page.stdout.contains("and changes not yet committed"),
        "{}",
        page.stdout
    );
}

#[test]
fn an_overfull_customer_still_gets_one_page_that_names_what_it_left_out() {
    let run = cuc(&fixture("render"), &["render", "stuffed"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    for text in [
        "Not on this page, for lack of room: ",
        " · 27 more open risks (Open risks) · ",
        " · 10 more people (Who matters) · ",
        " · 7 more success criteria (How success is measured) · ",
        ". Ask csm@vendor.example for the full version.",
        "Text ending in … is shortened to fit on one page.",
    ] {
        assert!(html.contains(text), "missing {text:?}");
    }
    let internal = cuc(
        &fixture("render"),
        &["render", "stuffed", "--audience", "internal"],
    );
    for text in [
        " · 27 more open risks (risks) · ",
        "; all of it is in customers/stuffed/understanding.yaml",
        "Text ending in … is shortened to fit; the full text is in customers/stuffed/understanding.yaml.",
    ] {
        assert!(internal.stdout.contains(text), "missing {text:?}");
    }
    // The risks that stay (3 of 30) are high-impact ones; the sponsors stay.
    assert_eq!(html.matches("<li class=\"high\">").count(), 3);
    assert!(!html.contains("<li class=\"low\">"));
    assert!(!html.contains("<li class=\"medium\">"));
    assert!(html.contains("<h3>Exec sponsor</h3>"));
    assert!(html.contains("<h3>Project sponsor</h3>"));
    // Non-negotiable criteria first: the three that stay are all of them.
    assert_eq!(
        html.matches("<span title=\"non-negotiable\">★</span>")
            .count(),
        3
    );
    assert_eq!(html.matches("<td class=\"star\">").count(), 3);
}

#[test]
fn markdown_has_everything_and_no_markup_of_its_own() {
    let run = cuc(
        &fixture("render"),
        &[
            "render",
            "stuffed",
            "--format",
            "markdown",
            "--audience",
            "internal",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(md.starts_with("<!-- generated by cuc render -->\n# Stuffed Wholesale Distribution"));
    // Nothing is left out of Markdown: all 30 risks, 10 criteria, 12 people.
    assert_eq!(
        md.matches("\n  - Would make them quit: ").count(),
        30,
        "{md}"
    );
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| ★ |") || l.starts_with("|  |"))
            .count(),
        10
    );
    assert!(!md.contains("Not on this page"));
    assert!(md.contains("## Is this right? What did we miss?"));

    let hostile = cuc(
        &fixture("render"),
        &["render", "hostile", "--format", "markdown"],
    );
    assert_eq!(hostile.code, 0, "{}", hostile.stderr);
    assert!(!hostile.stdout[32..].contains('<'), "{}", hostile.stdout);
    assert!(
        hostile.stdout.contains(
            "&lt;script>alert('problem')&lt;/script> \\[click\\](javascript:alert('md'))"
        ),
        "{}",
        hostile.stdout
    );
    // Read as Markdown, the page has no HTML and no link of its own.
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS;
    let body = &hostile.stdout["<!-- generated by cuc render -->\n".len()..];
    for event in pulldown_cmark::Parser::new_ext(body, options) {
        assert!(
            !matches!(
                event,
                pulldown_cmark::Event::Html(_)
                    | pulldown_cmark::Event::InlineHtml(_)
                    | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. })
                    | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. })
            ),
            "{event:?} in\n{body}"
        );
    }
}

#[test]
fn markdown_reads_as_written() {
    let run = cuc(
        &crate::common::example("portfolio"),
        &[
            "render",
            "globex",
            "--format",
            "markdown",
            "--today",
            "2026-11-20",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "enterprise, industrial manufacturing (US) · Customer success: mei.lin@vendor.example · Sales: daniel.shaw@vendor.example · ARR 240,000 USD · signed 2025-11-14 · start 2025-12-01 · renewal 2026-12-01  \n",
        "**The problem.** Outbound freight from four plants was tendered by e-mail from spreadsheets. Nobody could say which carrier was cheapest on a lane, and 60% of freight invoices were checked by hand in accounts payable.\n",
        "| ★ | Freight costs less per ton shipped | outbound freight spend divided by tons shipped, trailing 3 months | 2026-11-01 | met | 61.4 → 54.2 → 55.0 USD per ton (100%) |\n",
        "- Gary Lindqvist, Director of Procurement: “A lower price per seat at renewal and a 60-day exit clause.”\n",
        "  - Mitigation: Ruth presents sc-1 and sc-3 results to the CFO before procurement meets us.\n",
        "- Spot-market tendering for lanes where the routing guide fails\n",
        "Tell mei.lin@vendor.example what is wrong or missing.",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    // No backslash anywhere: nothing on this page would be read as markup.
    assert!(!run.stdout.contains('\\'), "{}", run.stdout);
}

#[test]
fn hostile_strings_render_as_text() {
    let run = cuc(&fixture("render"), &["render", "hostile"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert_inert(html);
    assert!(html.contains(
        "<title>&lt;/title&gt;&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;Evil &amp; Co: shared understanding</title>"
    ));
    assert!(html.contains("&lt;img src=x onerror=alert(&#39;segment&#39;)&gt;"));
    assert!(html.contains("&quot;&gt;&lt;svg onload=alert(&#39;svg&#39;)&gt;"));
}

#[test]
fn render_all_writes_pages_an_index_and_sanitised_notes() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("pages");
    let run = cuc(
        &fixture("render"),
        &["render", "--all", "-o", dir.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains(
        "<a href=\"stuffed.html\">Stuffed Wholesale Distribution International Holdings AG</a>"
    ));
    assert!(index.contains("<a href=\"hostile.html\">&lt;/title&gt;&lt;script&gt;"));
    assert_inert(&index);
    let page = std::fs::read_to_string(dir.join("hostile.html")).unwrap();
    assert!(page.contains("<a href=\"hostile/notes/2026-03-01-kickoff.html\">"));
    for note in ["2026-03-01-kickoff.html", "no-front-matter.html"] {
        let html = std::fs::read_to_string(dir.join("hostile/notes").join(note)).unwrap();
        assert_inert(&html);
    }
    let note = std::fs::read_to_string(dir.join("hostile/notes/2026-03-01-kickoff.html")).unwrap();
    assert!(note.contains("[image: a tracking pixel]"), "{note}");
    assert!(
        note.contains(
            "<a href=\"https://example.com/docs\" rel=\"noopener noreferrer\">real link</a>"
        ),
        "{note}"
    );
    assert!(
        note.contains("&lt;script&gt;"),
        "raw HTML shows as text: {note}"
    );

    // Rendering again replaces cuc's own files.
    let again = cuc(
        &fixture("render"),
        &["render", "--all", "-o", dir.to_str().unwrap()],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn render_all_skips_customers_with_errors_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    let run = cuc(
        &example("portfolio"),
        &["render", "--all", "-o", out.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Wrote 3 pages and the index to"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "cuc: no page for 2 customers whose documents have errors: `acme-logistics`, `initech`\n"
        ),
        "{}",
        run.stderr
    );
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "bluebird-health",
            "bluebird-health.html",
            "globex",
            "globex.html",
            "index.html",
            "northwind",
            "northwind.html"
        ]
    );
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains(
        "no page: the documents have errors; run <code>cuc validate customers/acme-logistics</code>"
    ));
    assert_eq!(index.matches("<tr><td>").count(), 5);
}

#[test]
fn a_customer_with_errors_gets_no_page() {
    let run = cuc(&example("portfolio"), &["render", "initech"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("error[missing-field]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "cuc: the page for `initech` was not rendered: 3 errors in its documents (above)"
    ));
}

#[test]
fn render_never_overwrites_what_it_did_not_write() {
    let scratch = Scratch::new();
    scratch.write("customers/acme/understanding.yaml", crate::common::VALID);
    scratch.write("notes.html", "my own notes\n");
    let run = scratch.run(&["render", "acme", "-o", "notes.html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "notes.html exists and was not written by `cuc render`, so cuc leaves it alone"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("notes.html")).unwrap(),
        "my own notes\n"
    );

    let run = scratch.run(&["render", "acme", "-o", "customers/acme/understanding.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("is inside customers/, where only the customers' own documents belong"),
        "{}",
        run.stderr
    );

    let run = scratch.run(&["render", "acme", "-o", "acme.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = scratch.run(&["render", "acme", "-o", "acme.html"]);
    assert_eq!(
        run.code, 0,
        "a page cuc wrote may be replaced: {}",
        run.stderr
    );

    let run = scratch.run(&["render", "acme", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`cuc render` has no json output"));
    let run = scratch.run(&["validate", "--format", "html"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`cuc validate` has no html output"));
}

#[test]
fn a_fresh_customer_renders_with_its_gaps_named() {
    let scratch = Scratch::new();
    scratch.write("customers/acme/understanding.yaml", crate::common::VALID);
    let run = scratch.run(&["render", "acme", "--audience", "internal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for text in [
        "No success criteria yet. How will they measure success?",
        "No one on the customer's side is named yet.",
        "No exec sponsor named yet",
        "No project sponsor named yet",
        "No operating owner named yet",
        "not committed yet",
    ] {
        assert!(run.stdout.contains(text), "missing {text:?}");
    }
    // The customer's page shows one box to sign, not three gaps.
    let page = scratch.run(&["render", "acme"]);
    assert_eq!(
        page.stdout.matches("<div class=\"sign\">").count(),
        1,
        "{}",
        page.stdout
    );
    assert!(!page.stdout.contains("not committed"), "{}", page.stdout);
}

#[test]
fn render_all_stays_out_of_customers_however_the_path_is_spelled() {
    let scratch = Scratch::new();
    scratch.write("customers/acme/understanding.yaml", crate::common::VALID);
    let run = scratch.run(&["render", "--all", "-o", "new/../customers/acme/pages"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is inside customers/"),
        "{}",
        run.stderr
    );
    assert!(!scratch.path().join("new").exists());
    assert!(!scratch.path().join("customers/acme/pages").exists());
}

#[test]
fn a_customer_called_index_and_odd_note_names_keep_working_links() {
    let scratch = Scratch::new();
    scratch.write("customers/index/understanding.yaml", crate::common::VALID);
    scratch.write(
        "customers/index/notes/kick off #2.md",
        "# Kick-off\n\nText.\n",
    );
    let run = scratch.run(&["render", "--all", "-o", "pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = scratch.path().join("pages");
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    assert!(
        index.contains("<a href=\"index.customer.html\">Test Co</a>"),
        "{index}"
    );
    let page = std::fs::read_to_string(pages.join("index.customer.html")).unwrap();
    assert!(
        page.contains("<a href=\"index/notes/kick%20off%20%232.html\">Kick-off</a>"),
        "{page}"
    );
    assert!(pages.join("index/notes/kick off #2.html").exists());
}

#[test]
fn render_all_as_markdown_writes_pages_and_an_index_linking_them() {
    let out = tempfile::tempdir().unwrap();
    let run = cuc(
        &example("portfolio"),
        &[
            "render",
            "--all",
            "--format",
            "markdown",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "two examples have errors: {}", run.stderr);
    let index = std::fs::read_to_string(out.path().join("index.md")).unwrap();
    assert!(index.starts_with("<!-- generated by cuc render -->\n# Customer understanding\n"));
    assert!(
        index.contains("| [Northwind Foods GmbH](northwind.md) | ok |"),
        "{index}"
    );
    assert!(
        index.contains("| Initech Corporation (`initech`; no page: the documents have errors, see `cuc validate customers/initech`) | stale |"),
        "{index}"
    );
    let page = std::fs::read_to_string(out.path().join("northwind.md")).unwrap();
    assert!(page.contains("## Is this right? What did we miss?"));
    // Note pages are HTML only.
    assert!(!out.path().join("northwind").exists());
}

#[test]
fn a_note_nobody_has_written_in_is_not_published() {
    let scratch = Scratch::new();
    let run = scratch.run(&["new", "acme", "--name", "ACME Corp", "--cs", "a@b.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let note = scratch.path().join("customers/acme/notes/handover.md");
    let template = std::fs::read_to_string(&note).unwrap();
    let left_out = "left out the note customers/acme/notes/handover.md: nothing is written in it yet (it is still the template)\n  help: write the note, or delete it if there is nothing to tell\n";

    // The page does not list it, and says why on the side.
    let run = scratch.run(&["render", "acme"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, left_out));
    assert!(
        !run.stdout.contains("Handover from sales"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("<b>Notes:</b>"), "{}", run.stdout);

    // render --all writes no page for it, and links none.
    let run = scratch.run(&["render", "--all", "-o", "pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.ends_with(left_out), "{}", run.stderr);
    let pages = scratch.path().join("pages");
    assert!(!pages.join("acme/notes/handover.html").exists());
    let page = std::fs::read_to_string(pages.join("acme.html")).unwrap();
    assert!(!page.contains("acme/notes/handover.html"), "{page}");

    // Once written, it is published like any note.
    std::fs::write(
        &note,
        format!("{template}\nPriya met their COO at a trade fair.\n"),
    )
    .unwrap();
    let run = scratch.run(&["render", "--all", "-o", "pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
    assert!(pages.join("acme/notes/handover.html").is_file());
    let page = std::fs::read_to_string(pages.join("acme.html")).unwrap();
    assert!(
        page.contains("<a href=\"acme/notes/handover.html\">Handover from sales to customer success (2026-11-23)</a>"),
        "{page}"
    );

    // Back to the template's text, the page rendered before goes too; a
    // file cuc did not write stays.
    scratch.write("pages/acme/notes/mine.html", "my own page\n");
    std::fs::write(&note, &template).unwrap();
    let run = scratch.run(&["render", "--all", "-o", "pages"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!pages.join("acme/notes/handover.html").exists());
    assert_eq!(
        std::fs::read_to_string(pages.join("acme/notes/mine.html")).unwrap(),
        "my own page\n"
    );
    // Under -q, nothing is said.
    let run = scratch.run(&["-q", "render", "acme"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}
