//! `cuc status` and the `render --all` index on customers whose documents
//! have errors: every part that is itself valid is still summarised, only
//! a field whose own part has an error is unknown (and the row says why),
//! and the totals count every customer exactly once.

use crate::common::{Scratch, fixture};

/// The clean customer of `tests/fixtures/rules`, changed by `edit`.
fn customer(scratch: &Scratch, id: &str, edit: impl Fn(String) -> String) {
    for name in ["understanding.yaml", "decisions.yaml", "reviews.yaml"] {
        let text = std::fs::read_to_string(fixture("rules").join(name)).unwrap();
        let text = if name == "understanding.yaml" {
            edit(text)
        } else {
            text
        };
        scratch.write(&format!("customers/{id}/{name}"), text);
    }
}

/// Three customers: `northwind` is clean; `beta` has one misspelt key on a
/// stakeholder (and 240,000 USD of ARR); `gamma` has errors in its ARR, a
/// milestone's date and a risk's impact.
fn portfolio() -> Scratch {
    let scratch = Scratch::new();
    customer(&scratch, "northwind", |t| t);
    customer(&scratch, "beta", |t| {
        t.replace("    sentiment: neutral", "    sentimnet: neutral")
            .replace("arr: 186000", "arr: 240000")
            .replace("currency: EUR", "currency: USD")
    });
    customer(&scratch, "gamma", |t| {
        t.replace("arr: 186000", "arr: 186k")
            .replace("due: 2026-08-30", "due: 08/30/2026")
            .replace("    impact: high", "    impact: hihg")
    });
    scratch
}

#[test]
fn a_misspelt_key_loses_nothing_and_errors_make_only_their_own_field_unknown() {
    let scratch = portfolio();
    let run = scratch.run(&["status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
STALE  gamma · renewal in 190 days · ARR unknown
       CS tom.becker@vendor.example · 3 errors, 0 warnings · high risks unknown
       last review 2026-09-01 (first-value) · next milestone unknown
       sign-off unverified
       documents have errors: cuc validate customers/gamma
       ARR unknown: customer.contract.arr has an error
       next milestone unknown: milestones[first-value].due has an error
       open high risks unknown: risks[r-1].impact has an error

STALE  beta · renewal in 190 days · ARR 240,000 USD
       CS tom.becker@vendor.example · 1 error, 0 warnings · 1 open high risk
       last review 2026-09-01 (first-value) · next mid-year due 2026-11-28
       sign-off unverified
       documents have errors: cuc validate customers/beta

ok     northwind · renewal in 190 days · ARR 186,000 EUR
       CS tom.becker@vendor.example · 0 errors, 0 warnings · 1 open high risk
       last review 2026-09-01 (first-value) · next mid-year due 2026-11-28
       sign-off unverified

ARR on stale understanding: none (0 customers)
ARR on documents with errors: 240,000 USD (2 customers; ARR unknown for 1)
fresh: 186,000 EUR (1 customer)
"
    );
}

#[test]
fn json_keeps_every_readable_field_and_says_why_the_others_are_unknown() {
    let scratch = portfolio();
    let run = scratch.run(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["customers"][0],
        serde_json::json!({
            "id": "gamma", "name": "Northwind Foods GmbH", "cs": "tom.becker@vendor.example",
            "renewal_in_days": 190,
            "last_review": {"date": "2026-09-01", "milestone": "first-value"},
            "next_milestone": null,
            "freshness": "stale", "open_high_risks": null, "signoff": "unverified",
            "errors": 3, "warnings": 0, "arr": null, "currency": null,
            "unknown": {
                "arr": "customer.contract.arr has an error",
                "next_milestone": "milestones[first-value].due has an error",
                "open_high_risks": "risks[r-1].impact has an error"
            }
        })
    );
    assert_eq!(
        json["customers"][1],
        serde_json::json!({
            "id": "beta", "name": "Northwind Foods GmbH", "cs": "tom.becker@vendor.example",
            "renewal_in_days": 190,
            "last_review": {"date": "2026-09-01", "milestone": "first-value"},
            "next_milestone": {"id": "mid-year", "due": "2026-11-28", "overdue": false},
            "freshness": "stale", "open_high_risks": 1, "signoff": "unverified",
            "errors": 1, "warnings": 0, "arr": 240000.0, "currency": "USD"
        })
    );
}

#[test]
fn a_document_that_cannot_be_read_makes_its_fields_unknown_not_absent() {
    let scratch = Scratch::new();
    customer(&scratch, "broken", |t| {
        t.replace(
            "  name: Northwind Foods GmbH",
            "  name: \"Northwind Foods GmbH",
        )
    });
    let run = scratch.run(&["status"]);
    assert_eq!(
        run.stdout,
        "\
STALE  broken · renewal unknown · ARR unknown
       CS owner unknown · 1 error, 0 warnings · high risks unknown
       last review 2026-09-01 (first-value) · next milestone unknown
       sign-off unknown
       documents have errors: cuc validate customers/broken
       name unknown: understanding.yaml cannot be read
       CS owner unknown: understanding.yaml cannot be read
       renewal unknown: understanding.yaml cannot be read
       ARR unknown: understanding.yaml cannot be read
       next milestone unknown: understanding.yaml cannot be read
       open high risks unknown: understanding.yaml cannot be read
       sign-off unknown: understanding.yaml cannot be read

ARR on stale understanding: none (0 customers)
ARR on documents with errors: unknown (1 customer)
"
    );
}

#[test]
fn the_render_index_keeps_the_readable_fields_and_the_totals() {
    let scratch = portfolio();
    let out = scratch.path().join("site");
    let run = scratch.run(&["render", "--all", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let gamma = index
        .lines()
        .find(|l| l.contains("customers/gamma"))
        .unwrap();
    assert_eq!(
        gamma,
        "<tr><td>Northwind Foods GmbH<div class=\"id\">no page: the documents have errors; run <code>cuc validate customers/gamma</code></div>\
         <div class=\"id\">ARR unknown: customer.contract.arr has an error<br>next milestone unknown: milestones[first-value].due has an error<br>\
         open high risks unknown: risks[r-1].impact has an error</div></td><td><span class=\"f stale\">stale</span></td><td>in 190 days</td>\
         <td class=\"num\">unknown</td><td>2026-09-01 (first-value)</td><td>unknown</td><td class=\"num\">unknown</td><td>unverified</td>\
         <td>3 errors, 0 warnings</td><td>—</td></tr>"
    );
    assert!(
        index.contains(
            "<p class=\"total\">ARR on documents with errors: 240,000 USD (2 customers; ARR unknown for 1)</p>"
        ),
        "{index}"
    );
}

#[test]
fn an_error_beside_a_valid_field_leaves_that_field_known() {
    let scratch = Scratch::new();
    // `arrr` is misspelt, but `arr` is there and valid; a reviewer written
    // as text (not a list) does not make the review vanish.
    customer(&scratch, "delta", |t| {
        t.replace("arr: 186000", "arr: 186000.5\n    arrr: 5")
    });
    let reviews = std::fs::read_to_string(fixture("rules").join("reviews.yaml")).unwrap();
    scratch.write(
        "customers/delta/reviews.yaml",
        reviews.replace("by: [Tom Becker, Sabine Kurz]", "by: Tom Becker"),
    );
    let run = scratch.run(&["status"]);
    assert_eq!(
        run.stdout,
        "\
STALE  delta · renewal in 190 days · ARR 186,000.50 EUR
       CS tom.becker@vendor.example · 2 errors, 0 warnings · 1 open high risk
       last review 2026-09-01 (first-value) · next mid-year due 2026-11-28
       sign-off unverified
       documents have errors: cuc validate customers/delta

ARR on stale understanding: none (0 customers)
ARR on documents with errors: 186,000.50 EUR (1 customer)
"
    );
}

#[test]
fn long_names_wrap_and_nothing_is_cut() {
    let scratch = Scratch::new();
    let id = "northwind-foods-gmbh-dach-distribution-centres-hamburg";
    customer(&scratch, id, |t| {
        t.replace(
            "cs: tom.becker@vendor.example",
            "cs: tom.becker-schneider@customer-success.vendor.example",
        )
    });
    let run = scratch.run(&["status"]);
    assert_eq!(
        run.stdout,
        "\
ok     northwind-foods-gmbh-dach-distribution-centres-hamburg
       renewal in 190 days · ARR 186,000 EUR
       CS tom.becker-schneider@customer-success.vendor.example
       0 errors, 1 warning · 1 open high risk
       last review 2026-09-01 (first-value) · next mid-year due 2026-11-28
       sign-off unverified

ARR on stale understanding: none (0 customers)
fresh: 186,000 EUR (1 customer)
"
    );
}

#[test]
fn a_name_that_refers_to_nothing_or_a_repeated_key_still_reads_its_value() {
    let scratch = Scratch::new();
    // The onboarding review now names a milestone that is not there, and
    // `arr` is written twice: validation checks the first value, and so
    // does the summary.
    customer(&scratch, "echo", |t| {
        t.replace("  - id: onboarding\n", "  - id: onboard\n")
            .replace("arr: 186000", "arr: 186000\n    arr: 999")
    });
    let run = scratch.run(&["status"]);
    assert_eq!(
        run.stdout,
        "\
STALE  echo · renewal in 190 days · ARR 186,000 EUR
       CS tom.becker@vendor.example · 2 errors, 0 warnings · 1 open high risk
       last review 2026-09-01 (first-value) · overdue: onboard, due 2026-07-01
       sign-off unverified
       documents have errors: cuc validate customers/echo

ARR on stale understanding: none (0 customers)
ARR on documents with errors: 186,000 EUR (1 customer)
"
    );
}
