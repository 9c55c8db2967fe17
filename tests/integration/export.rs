//! `cuc export`: the portfolio's figures back out as CSV or JSON, quoted
//! right for prose and safe from formulas.

use crate::common::{Scratch, VALID, example_portfolio};

const CONFIG: &str = "schema: cuc/v1
fields:
  customer:
    region: {type: enum, values: [emea, amer, apac]}
    products: {type: list}
  stakeholders:
    linkedin: {type: url, visibility: internal}
  risks:
    ticket: {type: text}
";

/// Prose with everything CSV has to get right: a comma, quotes, a line
/// break, and text a spreadsheet would run as a formula.
const AWKWARD: &str = "schema: cuc/v1
customer:
  name: \"Café Olé, Inc.\"
  crm_id: 001Hp00002Zz9aBIAR
  region: amer
  products: [Routing, \"Yard, Dock\"]
  team:
    cs: cs@vendor.example
    sales: ae@vendor.example
  contract:
    arr: 54000
    currency: USD
    renewal: 2027-09-01
business_context:
  problem: p
  why_it_matters: w
  at_stake: a
  success_looks_like: s
success_criteria:
  - id: sc-1
    outcome: \"=HYPERLINK(\\\"https://evil.example\\\",\\\"click\\\")\"
    metric: \"share of \\\"late\\\" deliveries\"
    baseline: -5
    target: 2.5
    unit: percent
    by: 2027-06-30
    data_source: \"@finance, monthly\"
    agreed_by: [Ana Ruiz, Sam Lee]
stakeholders:
  - name: Ana Ruiz
    title: |-
      VP Operations
      Americas
    side: customer
    email: ana@customer.example
    roles: [exec_sponsor, economic_buyer]
    linkedin: https://www.linkedin.com/in/ana-ruiz
  - name: Sam Lee
    side: vendor
risks:
  - id: r-1
    what: +20% volume in peak season
    likelihood: medium
    impact: high
    owner: Ana Ruiz
    mitigation: Extra shift
    status: open
    ticket: OPS-12
review:
  cadence: 90d
";

fn awkward() -> Scratch {
    let scratch = Scratch::new();
    scratch.write("cuc.yaml", CONFIG);
    scratch.write("customers/cafe-ole/understanding.yaml", AWKWARD);
    scratch
}

#[test]
fn customers_export_as_csv_with_their_own_fields() {
    let scratch = awkward();
    let run = scratch.run(&["export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "id,name,crm_id,cs,sales,arr,currency,renewal,freshness,last_review,last_review_milestone,\
         next_milestone,next_milestone_due,next_milestone_overdue,signoff,open_high_risks,errors,warnings,\
         region,products\r\n\
         cafe-ole,\"Café Olé, Inc.\",001Hp00002Zz9aBIAR,cs@vendor.example,ae@vendor.example,54000,USD,\
         2027-09-01,warn,,,,,,none,1,0,4,amer,\"Routing; Yard, Dock\"\r\n"
    );
}

#[test]
fn item_tables_carry_the_customer_and_quote_prose_and_neutralise_formulas() {
    let scratch = awkward();
    let run = scratch.run(&["export", "--what", "criteria"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "customer,id,outcome,metric,baseline,current,target,unit,by,status,non_negotiable,data_source,agreed_by\r\n\
         cafe-ole,sc-1,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",\
         \"share of \"\"late\"\" deliveries\",-5,,2.5,percent,2027-06-30,,,\"'@finance, monthly\",\
         Ana Ruiz; Sam Lee\r\n"
    );
    let run = scratch.run(&["export", "--what", "stakeholders"]);
    assert_eq!(
        run.stdout,
        "customer,name,title,side,email,crm_id,roles,sentiment,last_contact,definition_of_success,linkedin\r\n\
         cafe-ole,Ana Ruiz,\"VP Operations\nAmericas\",customer,ana@customer.example,,\
         exec_sponsor; economic_buyer,,,,https://www.linkedin.com/in/ana-ruiz\r\n\
         cafe-ole,Sam Lee,,vendor,,,,,,,\r\n"
    );
    let run = scratch.run(&["export", "--what", "risks"]);
    assert_eq!(
        run.stdout,
        "customer,id,what,likelihood,impact,status,owner,mitigation,pull_the_plug,ticket\r\n\
         cafe-ole,r-1,'+20% volume in peak season,medium,high,open,Ana Ruiz,Extra shift,,OPS-12\r\n"
    );
}

/// What a CSV reader gets back is what was written, apart from the `'`
/// that keeps a formula from running.
#[test]
fn a_csv_reader_reads_back_the_prose() {
    let scratch = awkward();
    let run = scratch.run(&["export", "--what", "stakeholders"]);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][2], "VP Operations\nAmericas");
    let run = scratch.run(&["export"]);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "Café Olé, Inc.");
}

#[test]
fn json_keeps_the_columns_in_order_and_the_values_typed() {
    let scratch = awkward();
    let run = scratch.run(&["export", "--what", "criteria", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        r#"{
  "criteria": [
    {
      "customer": "cafe-ole",
      "id": "sc-1",
      "outcome": "=HYPERLINK(\"https://evil.example\",\"click\")",
      "metric": "share of \"late\" deliveries",
      "baseline": -5,
      "current": null,
      "target": 2.5,
      "unit": "percent",
      "by": "2027-06-30",
      "status": null,
      "non_negotiable": null,
      "data_source": "@finance, monthly",
      "agreed_by": [
        "Ana Ruiz",
        "Sam Lee"
      ]
    }
  ]
}
"#
    );
    let run = scratch.run(&["export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let row = &json["customers"][0];
    assert_eq!(row["arr"], 54000);
    assert_eq!(
        row["products"],
        serde_json::json!(["Routing", "Yard, Dock"])
    );
    assert_eq!(row["next_milestone_overdue"], serde_json::Value::Null);
}

/// A customer whose documents do not validate still has its row (with what
/// can be read), but none of its items: a half-read list would pass for
/// the whole one.
#[test]
fn customers_with_errors_keep_their_row_and_leave_out_their_items() {
    let scratch = awkward();
    scratch.write(
        "customers/broken/understanding.yaml",
        VALID.replace("cadence: 90d", "cadence: often"),
    );
    let run = scratch.run(&["export", "--what", "risks"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Note: left out the risks of 1 customer whose documents have errors: broken\n  \
         help: `cuc validate` shows what to fix; their rows are exported once they validate\n"
    );
    assert_eq!(run.stdout.lines().count(), 2);
    let run = scratch.run(&["export"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("broken,Test Co,,cs@vendor.example,,,,,stale,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",1,0,,"), "{}", lines[1]);
}

#[test]
fn the_example_portfolio_exports_one_row_per_customer_in_id_order() {
    let scratch = example_portfolio();
    let run = scratch.run(&["export", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<(&str, &str)> = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["freshness"].as_str().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("acme-logistics", "stale"),
            ("bluebird-health", "stale"),
            ("globex", "warn"),
            ("initech", "stale"),
            ("northwind", "ok"),
        ]
    );
}

#[test]
fn export_has_no_other_format() {
    let scratch = awkward();
    let run = scratch.run(&["export", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "cuc: `cuc export` has no sarif output\n  help: use --format csv (the default) or json\n"
    );
}

/// A customer field and a business-context field of one name are two
/// columns, each with its own section's value; an error elsewhere in the
/// documents does not lose a valid business-context field.
#[test]
fn fields_of_one_name_in_two_sections_keep_their_own_values() {
    let scratch = Scratch::new();
    scratch.write(
        "cuc.yaml",
        "schema: cuc/v1\nfields:\n  customer:\n    region: {type: enum, values: [emea, amer]}\n  business_context:\n    region: {type: text}\n    budget_owner: {type: text}\n",
    );
    scratch.write(
        "customers/one/understanding.yaml",
        VALID
            .replace("  name: Test Co\n", "  name: One\n  region: emea\n")
            .replace(
                "  success_looks_like: s\n",
                "  success_looks_like: s\n  region: Northern Europe\n  budget_owner: CFO\n",
            ),
    );
    scratch.write(
        "customers/two/understanding.yaml",
        VALID
            .replace("  name: Test Co\n", "  name: Two\n  region: amer\n")
            .replace(
                "  success_looks_like: s\n",
                "  success_looks_like: s\n  budget_owner: COO\n",
            )
            .replace("cadence: 90d", "cadence: often"),
    );
    let run = scratch.run(&["export", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let pick = |i: usize, key: &str| json["customers"][i][key].clone();
    assert_eq!(pick(0, "customer.region"), "emea");
    assert_eq!(pick(0, "business_context.region"), "Northern Europe");
    assert_eq!(pick(0, "budget_owner"), "CFO");
    assert_eq!(pick(1, "customer.region"), "amer");
    assert_eq!(pick(1, "business_context.region"), serde_json::Value::Null);
    // `two` has an error in its review cadence; its business context is valid.
    assert_eq!(pick(1, "budget_owner"), "COO");
    let run = scratch.run(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let one = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "one")
        .unwrap();
    assert_eq!(
        one["fields"],
        serde_json::json!({"budget_owner": "CFO", "business_context.region": "Northern Europe", "region": "emea"})
    );
}
