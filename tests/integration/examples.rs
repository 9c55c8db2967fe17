//! The bundled example portfolio: the clean customers pass, and every
//! planted problem is found at its place, and nothing else.

use crate::common::{cuc, example, findings};

#[test]
fn the_example_portfolio_finds_exactly_the_planted_problems() {
    let run = cuc(&example("portfolio"), &["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&run),
        [
            "unknown-reference customers/acme-logistics/decisions.yaml:17:12 /decisions/1/owner",
            "unknown-reference customers/acme-logistics/decisions.yaml:50:17 /decisions/4/supersedes",
            "invalid-value customers/acme-logistics/understanding.yaml:45:9 /success_criteria/0/by",
            "duplicate-id customers/acme-logistics/understanding.yaml:62:9 /success_criteria/2/id",
            "invalid-value customers/acme-logistics/understanding.yaml:86:16 /stakeholders/1/sentiment",
            "unknown-field customers/acme-logistics/understanding.yaml:116:3 /constraints/budjet",
            "unknown-reference customers/acme-logistics/understanding.yaml:133:12 /risks/0/owner",
            "unknown-reference customers/initech/notes/2026-08-07-midwest-go-live.md:4:12 /milestone",
            "missing-field customers/initech/understanding.yaml:17:1 /business_context",
            "wrong-type customers/initech/understanding.yaml:44:21 /success_criteria/0/non_negotiable",
        ]
    );
}

#[test]
fn the_clean_customers_pass() {
    let dir = example("portfolio");
    for customer in ["northwind", "bluebird-health", "globex"] {
        let run = cuc(&dir, &["validate", &format!("customers/{customer}")]);
        assert_eq!(run.code, 0, "{customer}: {}", run.stdout);
    }
}
