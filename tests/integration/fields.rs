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

/// The declaration of the example, plus a field on decisions.
const TEAM_FIELDS: &str = "schema: cuc/v1
fields:
  customer:
    region: {type: enum, values: [emea, amer, apac], required: true}
    tier:   {type: enum, values: [gold, silver, bronze], show_on_page: true}
  stakeholders:
    linkedin: {type: url, visibility: internal, show_on_page: true}
  success_criteria:
    dashboard: {type: url, show_on_page: true}
  decisions:
    ticket: {type: text, required: true}
";

/// A team's workspace: cuc.yaml with its fields, one customer using them.
fn team_workspace(understanding: &str) -> Scratch {
    let scratch = Scratch::new();
    scratch.write("cuc.yaml", TEAM_FIELDS);
    scratch.write("customers/test-co/understanding.yaml", understanding);
    scratch
}

fn with_team_fields() -> String {
    WITH_CRM_FIELDS
        .replace(
            "  crm_id: 001Hp00002Ab3xYIAR\n",
            "  crm_id: 001Hp00002Ab3xYIAR\n  region: emea\n  tier: gold\n",
        )
        .replace(
            "    data_source: yard system weekly export\n",
            "    data_source: yard system weekly export\n    dashboard: https://bi.example/docks\n",
        )
        .replace(
            "    crm_id: 003Hp00001ZzQ1aIAF\n",
            "    crm_id: 003Hp00001ZzQ1aIAF\n    linkedin: https://www.linkedin.com/in/ana-ruiz\n",
        )
}

#[test]
fn custom_fields_validate_like_built_in_ones() {
    let scratch = team_workspace(&with_team_fields());
    let run = scratch.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);

    let broken = with_team_fields()
        .replace("  region: emea\n", "  regoin: emea\n")
        .replace("tier: gold", "tier: gld")
        .replace("https://bi.example/docks", "the docks dashboard");
    scratch.write("customers/test-co/understanding.yaml", broken);
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        findings(&run),
        [
            "unknown-field customers/test-co/understanding.yaml:5:3 /customer/regoin",
            "invalid-value customers/test-co/understanding.yaml:6:9 /customer/tier",
            "invalid-value customers/test-co/understanding.yaml:22:16 /success_criteria/0/dashboard",
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
        messages,
        [
            "`regoin` is not a field of `customer`. Did you mean `region`? It is a required field",
            "`gld` is not a valid value for `customer.tier`. Did you mean `gold`? The choices are: gold, silver, bronze",
            "`the docks dashboard` is not a web address (`success_criteria[sc-1].dashboard`). Write the whole address, starting with https://",
        ]
    );

    // A required field left out is missing, with what to write.
    scratch.write(
        "customers/test-co/understanding.yaml",
        with_team_fields().replace("  region: emea\n", ""),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["missing-field customers/test-co/understanding.yaml:2:1 /customer"]
    );
    assert_eq!(
        message(&run, "missing-field"),
        "`customer` is missing `region`. Add `region:` (one of `emea`, `amer`, `apac`: this team's own field, declared in cuc.yaml)"
    );

    // An undeclared field is still an error.
    scratch.write(
        "customers/test-co/understanding.yaml",
        with_team_fields().replace("  tier: gold\n", "  tier: gold\n  pod: north\n"),
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["unknown-field customers/test-co/understanding.yaml:7:3 /customer/pod"]
    );
}

#[test]
fn a_bad_declaration_is_a_config_error_at_its_line() {
    let scratch = Scratch::new();
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1
fields:
  customer:
    region: {type: enum}
    segment: {type: text}
    Tier: {type: text}
    pod: {type: txt}
    owner_team: {type: text, values: [a]}
  stakeholder:
    x: {type: text}
",
    );
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        findings(&run),
        [
            "invalid-value cuc.yaml:4:20 /fields/customer/region/type",
            "invalid-value cuc.yaml:5:5 /fields/customer/segment",
            "invalid-value cuc.yaml:6:5 /fields/customer/Tier",
            "invalid-value cuc.yaml:7:17 /fields/customer/pod/type",
            "invalid-value cuc.yaml:8:30 /fields/customer/owner_team/values",
            "unknown-field cuc.yaml:9:3 /fields/stakeholder",
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
        messages,
        [
            "`region` is an enum, but its declaration lists no values (`fields.customer.region`). Add the values it allows, e.g. `values: [gold, silver, bronze]`",
            "`segment` is already one of cuc's own fields of `customer` (`fields.customer.segment`). Give your field another name, such as `crm_segment`, or use cuc's `segment`",
            "`Tier` cannot be the name of a field (`fields.customer.Tier`). Name it with lower-case letters, digits and underscores, starting with a letter, e.g. `region` or `product_line`",
            "`txt` is not a valid value for `fields.customer.pod.type`. Did you mean `text`? The choices are: text, number, date, email, url, boolean, enum, list",
            "`owner_team` lists values, but only an enum has values; it is `text` (`fields.customer.owner_team`). Write `type: enum` to allow only these values, or remove `values`",
            "`stakeholder` is not a field of `fields`. Did you mean `stakeholders`?",
        ]
    );
}

#[test]
fn the_schema_printed_holds_the_workspace_fields() {
    let scratch = team_workspace(&with_team_fields());
    let run = scratch.run(&["schema", "understanding"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        schema["properties"]["customer"]["properties"]["region"]["enum"],
        serde_json::json!(["emea", "amer", "apac"])
    );
    assert!(
        schema["properties"]["customer"]["required"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("region"))
    );
    assert_eq!(
        schema["$defs"]["stakeholder"]["properties"]["linkedin"]["format"],
        "uri"
    );
    let run = scratch.run(&["schema", "decisions"]);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        schema["$defs"]["decision"]["properties"]["ticket"]["type"],
        "string"
    );
    // Outside a workspace, cuc's own schema, byte for byte.
    let outside = tempfile::tempdir().unwrap();
    let run = cuc(outside.path(), &["schema", "understanding"]);
    assert_eq!(
        run.stdout,
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/understanding.json")
        )
        .unwrap()
    );
}

#[test]
fn the_page_shows_what_the_team_puts_on_it_and_never_its_internal_fields() {
    let scratch = team_workspace(&with_team_fields());
    let run = scratch.run(&["render", "test-co", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\nTier: gold  \n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("| minutes from gate to dock · Dashboard: https://bi.example/docks |"),
        "{}",
        run.stdout
    );
    // Region is not `show_on_page`; LinkedIn is internal.
    assert!(!run.stdout.contains("emea"), "{}", run.stdout);
    assert!(!run.stdout.contains("linkedin"), "{}", run.stdout);
    let html = scratch.run(&["render", "test-co"]).stdout;
    assert!(!html.contains("linkedin"), "{html}");
    assert!(html.contains("<b>Tier:</b> gold"), "{html}");

    // Our page shows the internal field, marked.
    let run = scratch.run(&[
        "render",
        "test-co",
        "--format",
        "markdown",
        "--audience",
        "internal",
    ]);
    assert!(
        run.stdout
            .contains("Linkedin: https://www.linkedin.com/in/ana-ruiz _(internal)_"),
        "{}",
        run.stdout
    );
}

#[test]
fn status_and_diff_carry_the_custom_fields() {
    let scratch = team_workspace(&with_team_fields());
    git2::Repository::init(scratch.path()).unwrap();
    crate::common::commit_all(scratch.path(), "test-co at close");
    let run = scratch.run(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["customers"][0]["fields"],
        serde_json::json!({"region": "emea", "tier": "gold"})
    );
    scratch.write(
        "customers/test-co/understanding.yaml",
        with_team_fields().replace("tier: gold", "tier: silver"),
    );
    let run = scratch.run(&["diff", "test-co", "HEAD", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\"path\": \"customer.tier\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"silver\""), "{}", run.stdout);
}

#[test]
fn a_decision_is_recorded_even_when_the_team_requires_a_field_on_it() {
    let scratch = team_workspace(&with_team_fields());
    let run = scratch.run(&[
        "decision",
        "test-co",
        "Go live in Hamburg first",
        "--owner",
        "Ana Ruiz",
        "--made",
        "2026-11-20T10:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Then validate asks for the team's field.
    let run = scratch.run(&["validate", "--format", "json"]);
    assert_eq!(
        findings(&run),
        ["missing-field customers/test-co/decisions.yaml:6:5 /decisions/0"]
    );
    assert!(
        message(&run, "missing-field").contains("`ticket`"),
        "{}",
        run.stdout
    );
}

/// cuc writes none of the team's own fields; what cuc.yaml requires of
/// every customer or decision is said when a command leaves it to be written.
#[test]
fn a_required_field_of_the_teams_own_is_said_when_cuc_leaves_it_to_write() {
    let scratch = Scratch::new();
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nfields:\n  customer:\n    region: {type: enum, values: [emea, amer], required: true}\n  decisions:\n    ticket: {type: text, required: true}\n",
    );
    let run = scratch.run(&["new", "acme", "--cs", "cs@vendor.example"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "cuc.yaml requires `customer.region` of every customer: write it in customers/acme/understanding.yaml (until then `cuc validate` asks for it).\n"
        ),
        "{}",
        run.stdout
    );
    let doc = scratch.path().join("customers/acme/understanding.yaml");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replacen(
            "  name: \"Acme\"\n",
            "  name: \"Acme\"\n  region: emea\n",
            1,
        )
        .replace(
            "stakeholders: []",
            "stakeholders:\n  - name: Ana Ruiz\n    side: customer",
        ),
    )
    .unwrap();
    let run = scratch.run(&[
        "decision",
        "acme",
        "Go live in March",
        "--owner",
        "Ana Ruiz",
        "--made",
        "2026-11-20T10:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "cuc.yaml requires `ticket` of every decision: add it to d-1 in customers/acme/decisions.yaml (until then `cuc validate` asks for it).\n"
        ),
        "{}",
        run.stdout
    );
}

/// A team's `url` field takes web addresses only, each mistake said once.
#[test]
fn a_url_field_takes_only_web_addresses() {
    let scratch = Scratch::new();
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nfields:\n  customer:\n    site: {type: url}\n",
    );
    for (site, ok) in [
        ("https://one.example/a?b=1", true),
        ("HTTP://one.example", true),
        ("javascript:alert(1)", false),
        ("data:text/html,hi", false),
        ("ftp://files.example", false),
        ("https://", false),
        ("the docks dashboard", false),
    ] {
        scratch.write(
            "customers/one/understanding.yaml",
            crate::common::VALID.replace(
                "  name: Test Co\n",
                &format!("  name: Test Co\n  site: \"{site}\"\n"),
            ),
        );
        let run = scratch.run(&["validate", "--format", "json"]);
        if ok {
            assert_eq!(run.code, 0, "{site}: {}", run.stdout);
        } else {
            assert_eq!(
                findings(&run),
                ["invalid-value customers/one/understanding.yaml:4:9 /customer/site"],
                "{site}"
            );
            assert_eq!(
                message(&run, "invalid-value"),
                format!(
                    "`{site}` is not a web address (`customer.site`). Write the whole address, starting with https://"
                ),
                "{site}"
            );
        }
    }
}
