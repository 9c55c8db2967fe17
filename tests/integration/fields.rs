//! Fields from the real artefacts of the practice (CRM ids, email, the
//! technical evaluator, where a metric's numbers come from, an owner on each
//! side of a milestone) and the workspace's own fields declared in cuc.yaml.

use crate::common::{Scratch, cuc, findings, message};

/// A customer using every built-in field the CRM artefacts carry.
const WITH_CRM_FIELDS: &str = "schema: cuc/v1
customer:
  name: Test Co
  crm_id: 001Hp00002Ab3xYIAR
  team:
    cs: cs@vendor.example
business_context:
  problem: p
  why_it_matters: w
  at_stake: a
  success_looks_like: s
success_criteria:
  - id: sc-1
    outcome: Faster docks
    metric: minutes from gate to dock
    baseline: 94
    target: 45
    by: 2027-06-30
    data_source: yard system weekly export
    agreed_by: [Ana Ruiz]
stakeholders:
  - name: Ana Ruiz
    side: customer
    email: ana.ruiz@customer.example
    crm_id: 003Hp00001ZzQ1aIAF
    roles: [exec_sponsor, technical_evaluator]
  - name: Sam Lee
    side: vendor
milestones:
  - id: onboarding
    kind: onboarding
    due: 2027-01-31
    owners:
      customer: Ana Ruiz
      vendor: Sam Lee
review:
  cadence: 90d
";

#[test]
fn the_crm_fields_validate() {
    let scratch = Scratch::new();
    scratch.write("customers/test-co/understanding.yaml", WITH_CRM_FIELDS);
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_wrong_email_and_wrong_milestone_owners_are_found_at_their_place() {
    let scratch = Scratch::new();
    let broken = WITH_CRM_FIELDS
        .replace("ana.ruiz@customer.example", "ana.ruiz at customer")
        .replace("customer: Ana Ruiz\n", "customer: Sam Lee\n")
        .replace("vendor: Sam Lee", "vendor: Sam Lea");
    scratch.write("customers/test-co/understanding.yaml", broken);
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        findings(&run),
        [
            "invalid-value customers/test-co/understanding.yaml:24:12 /stakeholders/0/email",
            "invalid-value customers/test-co/understanding.yaml:34:17 /milestones/0/owners/customer",
            "unknown-reference customers/test-co/understanding.yaml:35:15 /milestones/0/owners/vendor",
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let messages: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages[0],
        "`ana.ruiz at customer` is not an email address (`stakeholders[Ana Ruiz].email`). Write the person's email, e.g. jane.doe@example.com"
    );
    assert!(
        messages[1].starts_with("`Sam Lee` is on our side, but `owners.customer` names the customer's owner of the milestone"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("`Sam Lea`"), "{}", messages[2]);
}

#[test]
fn a_criterion_without_a_data_source_is_a_warning() {
    let scratch = Scratch::new();
    scratch.write(
        "customers/test-co/understanding.yaml",
        WITH_CRM_FIELDS.replace("    data_source: yard system weekly export\n", ""),
    );
    let run = scratch.run(&["review", "test-co", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unmeasurable-success")
        .map(|f| {
            format!(
                "{} {}:{}",
                f["severity"].as_str().unwrap(),
                f["line"],
                f["column"]
            )
        })
        .collect();
    assert_eq!(found, ["warning 13:5"]);
    assert_eq!(
        message(&run, "unmeasurable-success"),
        "success criterion `sc-1` does not say where its numbers come from. Add `data_source:` with the report, system or person that measures it, agreed with the customer"
    );
    // With its data source, the criterion is measurable.
    scratch.write("customers/test-co/understanding.yaml", WITH_CRM_FIELDS);
    let run = cuc(scratch.path(), &["review", "test-co", "--format", "json"]);
    assert!(
        !run.stdout.contains("unmeasurable-success"),
        "{}",
        run.stdout
    );
}
