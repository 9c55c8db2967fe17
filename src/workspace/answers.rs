//! What `cuc new --interactive` learnt about a customer, and the
//! understanding.yaml it makes of the answers.
//!
//! The document is written here rather than by filling the template: the
//! template is empty lists around commented examples, while the answers
//! are the content (lists of criteria, people, risks), so the document is
//! built from them, in the schema's order, keeping the template's header
//! and section comments so it reads like every other customer's page. Every
//! answer is a plain YAML scalar when that is safe and quoted when it is
//! not (`text::yaml`), lists are in block style, and the text is read back
//! with cuc's own reader before anyone sees it: an answer that would not
//! read back exactly is an error, never a silently different document.

use jiff::civil::Date;
use serde_json::Value;

use crate::load::parse_yaml;
use crate::load::source::SourceText;
use crate::model::dates::add_days;
use crate::text::yaml;

/// Everything the interview asked, as answered. `None` or an empty list is
/// an answer left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub customer: Customer,
    pub context: Context,
    pub stakeholders: Vec<Stakeholder>,
    pub criteria: Vec<Criterion>,
    pub constraints: Constraints,
    pub risks: Vec<Risk>,
    pub commitments: Vec<Commitment>,
    pub scope: Scope,
    pub milestones: Vec<Milestone>,
    /// How often to review, like `90d`.
    pub cadence: String,
    /// Where the answers came from, for the document's opening comment:
    /// `None` for the interview of `cuc new`, or `imported from Salesforce`.
    pub origin: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Customer {
    pub name: String,
    pub segment: Option<String>,
    /// Our customer success manager's email.
    pub cs: String,
    /// Our account executive's email.
    pub sales: Option<String>,
    pub start: Option<Date>,
    pub renewal: Option<Date>,
    pub arr: Option<Number>,
    pub currency: Option<String>,
    /// The account's id in the CRM.
    pub crm_id: Option<String>,
    /// The workspace's own fields of the customer (cuc.yaml `fields:`),
    /// in the order they are written.
    pub fields: Vec<(String, Value)>,
}

/// The business context. The four questions every page answers are
/// written as the template's TODOs when left out, so `cuc review` keeps
/// asking them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub problem: Option<String>,
    pub why_it_matters: Option<String>,
    pub at_stake: Option<String>,
    pub success_looks_like: Option<String>,
    pub strategy: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stakeholder {
    pub name: String,
    pub title: Option<String>,
    /// `customer` or `vendor`.
    pub side: String,
    pub roles: Vec<String>,
    pub sentiment: Option<String>,
    pub definition_of_success: Option<String>,
    pub email: Option<String>,
    /// The contact's id in the CRM.
    pub crm_id: Option<String>,
    /// The workspace's own fields of a stakeholder.
    pub fields: Vec<(String, Value)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Criterion {
    pub outcome: String,
    pub metric: Option<String>,
    pub baseline: Option<Number>,
    pub target: Option<Number>,
    pub unit: Option<String>,
    pub by: Option<Date>,
    /// The report, system or person the numbers come from.
    pub data_source: Option<String>,
    pub non_negotiable: bool,
    /// Names of stakeholders.
    pub agreed_by: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub budget: Vec<String>,
    pub technical: Vec<String>,
    pub timeline: Vec<String>,
    pub political: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Risk {
    pub what: String,
    pub likelihood: Option<String>,
    pub impact: Option<String>,
    pub pull_the_plug: Option<String>,
    pub mitigation: Option<String>,
    /// The name of a stakeholder.
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Commitment {
    pub what: String,
    pub promised_by: Option<String>,
    pub promised_on: Option<Date>,
    pub confirmed_with_product: bool,
    pub due: Option<Date>,
    pub status: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    pub included: Vec<String>,
    pub excluded: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    /// onboarding, first_value, mid_year, renewal or custom.
    pub kind: String,
    pub due: Date,
    pub success: Option<String>,
}

/// A number as it was typed (`45`, `-3`, `2.5`), written as typed, so it
/// reads back as the number the person meant.
#[derive(Debug, Clone, PartialEq)]
pub struct Number(String);

impl Number {
    /// A plain decimal number: an optional minus, digits without a leading
    /// zero or separators, an optional fraction; at most 15 digits, which
    /// is what reads back exactly. Otherwise what to write instead.
    pub fn parse(text: &str) -> Result<Number, String> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (digits, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if text.contains(',') && !text.contains(' ') {
            return Err(
                "write the number without separators, with a point for decimals: 12000 or 2.5"
                    .to_owned(),
            );
        }
        if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
            return Err(
                "write just the number, e.g. 45 or 2.5 (the unit has a question of its own)"
                    .to_owned(),
            );
        }
        if whole.len() > 1 && whole.starts_with('0') {
            return Err("write it without a leading zero, e.g. 45 rather than 045".to_owned());
        }
        if whole.len() + fraction.map_or(0, str::len) > 15 {
            return Err("write at most 15 digits".to_owned());
        }
        Ok(Number(text.to_owned()))
    }

    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A review moment the interview proposes from the contract dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub kind: &'static str,
    /// When it is, in words: "30 days after the start".
    pub when: &'static str,
    pub due: Date,
}

/// Success at 30, 90 and 180 days after the contract start (onboarding,
/// first value, mid-year), and the renewal on its day.
pub fn proposals(start: Option<Date>, renewal: Option<Date>) -> Vec<Proposal> {
    let mut proposals = Vec::new();
    if let Some(start) = start {
        for (kind, when, days) in [
            ("onboarding", "30 days after the start", 30),
            ("first_value", "90 days after the start", 90),
            ("mid_year", "180 days after the start", 180),
        ] {
            proposals.push(Proposal {
                kind,
                when,
                due: add_days(start, days),
            });
        }
    }
    if let Some(renewal) = renewal {
        proposals.push(Proposal {
            kind: "renewal",
            when: "on the renewal date",
            due: renewal,
        });
    }
    proposals
}

/// The understanding.yaml of these answers, after checking that cuc reads
/// every answer back exactly as given. `Err` names the first place that
/// would not, like `risks[0].owner` (a fault in cuc, reported rather than
/// written).
pub fn understanding(answers: &Answers, today: Date) -> Result<String, String> {
    let sections = sections(answers);
    let mut text = header(&answers.customer.name, answers.origin.as_deref(), today);
    for (i, (comment, key, value)) in sections.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if let Some(comment) = comment {
            text.push_str(&format!("# {comment}\n"));
        }
        write_entry(&mut text, key, value, 0);
    }
    let expected = Value::Object(
        sections
            .iter()
            .map(|(_, key, value)| ((*key).to_owned(), value.to_json()))
            .collect(),
    );
    let source = SourceText::new(text.clone());
    let read = parse_yaml(&source, source.text(), "understanding.yaml")
        .map_err(|finding| format!("the whole document ({})", finding.message))?
        .to_json();
    match first_difference(&expected, &read, "") {
        None => Ok(text),
        Some(place) => Err(place),
    }
}

/// The template's opening, for this customer.
fn header(name: &str, origin: Option<&str>, today: Date) -> String {
    let name = crate::text::yaml::comment_text(name);
    let origin =
        crate::text::yaml::comment_text(origin.unwrap_or("from the interview of `cuc new`"));
    format!(
        "{SCHEMA_LINE}\n\
         # The one page of shared understanding for {name}, {origin} on {today}.\n\
         # Check it with sales, then share it with the customer:\n\
         # \"Here is what we understood. Is this right? What did we miss?\"\n\
         # Replace every TODO; `cuc validate` checks the structure, `cuc review` what is missing.\n"
    )
}

/// The line that tells an editor (through yaml-language-server, as the
/// YAML extension of VS Code uses it) where the schema is: the copy `cuc
/// init` writes into the workspace's schema/.
pub const SCHEMA_LINE: &str = "# yaml-language-server: $schema=../../schema/understanding.json";

/// A value of the document: a scalar as written and as it reads, a list or
/// a mapping in the schema's order.
enum Yaml {
    Scalar { written: String, value: Value },
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    fn to_json(&self) -> Value {
        match self {
            Yaml::Scalar { value, .. } => value.clone(),
            Yaml::List(items) => Value::Array(items.iter().map(Yaml::to_json).collect()),
            Yaml::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
        }
    }
}

fn text(s: &str) -> Yaml {
    Yaml::Scalar {
        written: yaml::scalar(s),
        value: Value::from(s),
    }
}

fn date(d: Date) -> Yaml {
    text(&d.to_string())
}

fn number(n: &Number) -> Yaml {
    Yaml::Scalar {
        written: n.0.clone(),
        // `Number::parse` only lets through what JSON reads as a number.
        value: serde_json::from_str(&n.0).unwrap_or(Value::Null),
    }
}

fn boolean(b: bool) -> Yaml {
    Yaml::Scalar {
        written: b.to_string(),
        value: Value::Bool(b),
    }
}

/// A scalar or a list of scalars, written so it reads back as `value`.
fn from_json(value: &Value) -> Yaml {
    match value {
        Value::String(s) => text(s),
        Value::Array(items) => Yaml::List(items.iter().map(from_json).collect()),
        Value::Object(map) => Yaml::Map(
            map.iter()
                .map(|(key, value)| (key.clone(), from_json(value)))
                .collect(),
        ),
        other => Yaml::Scalar {
            written: other.to_string(),
            value: other.clone(),
        },
    }
}

fn texts(items: &[String]) -> Yaml {
    Yaml::List(items.iter().map(|s| text(s)).collect())
}

/// A mapping of the fields that were answered, in this order.
struct Fields(Vec<(String, Yaml)>);

impl Fields {
    fn new() -> Fields {
        Fields(Vec::new())
    }

    fn put(mut self, key: impl Into<String>, value: Yaml) -> Fields {
        self.0.push((key.into(), value));
        self
    }

    /// The workspace's own fields, each a text, number, boolean or list of
    /// texts as the schema takes it.
    fn custom(self, fields: &[(String, Value)]) -> Fields {
        fields.iter().fold(self, |acc, (key, value)| {
            acc.put(key.clone(), from_json(value))
        })
    }

    fn text(self, key: &'static str, value: Option<&String>) -> Fields {
        match value {
            Some(v) => self.put(key, text(v)),
            None => self,
        }
    }

    fn date(self, key: &'static str, value: Option<Date>) -> Fields {
        match value {
            Some(d) => self.put(key, date(d)),
            None => self,
        }
    }

    fn number(self, key: &'static str, value: Option<&Number>) -> Fields {
        match value {
            Some(n) => self.put(key, number(n)),
            None => self,
        }
    }

    fn texts(self, key: &'static str, values: &[String]) -> Fields {
        if values.is_empty() {
            self
        } else {
            self.put(key, texts(values))
        }
    }

    fn done(self) -> Yaml {
        Yaml::Map(self.0)
    }
}

type Section = (Option<&'static str>, &'static str, Yaml);

fn sections(a: &Answers) -> Vec<Section> {
    let c = &a.customer;
    let contract = Fields::new()
        .date("start", c.start)
        .date("renewal", c.renewal)
        .number("arr", c.arr.as_ref())
        .text("currency", c.currency.as_ref());
    let mut customer = Fields::new()
        .put("name", text(&c.name))
        .text("segment", c.segment.as_ref())
        .text("crm_id", c.crm_id.as_ref())
        .put(
            "team",
            Fields::new()
                .put("cs", text(&c.cs))
                .text("sales", c.sales.as_ref())
                .done(),
        );
    if !contract.0.is_empty() {
        customer = customer.put("contract", contract.done());
    }
    let customer = customer.custom(&c.fields);

    let x = &a.context;
    let or_todo = |answer: &Option<String>, todo: &str| text(answer.as_deref().unwrap_or(todo));
    let context = Fields::new()
        .put(
            "problem",
            or_todo(&x.problem, "TODO: the problem they bought us to solve"),
        )
        .put(
            "why_it_matters",
            or_todo(
                &x.why_it_matters,
                "TODO: why solving it matters to them now",
            ),
        )
        .put(
            "at_stake",
            or_todo(&x.at_stake, "TODO: what they lose if it is not solved"),
        )
        .put(
            "success_looks_like",
            or_todo(
                &x.success_looks_like,
                "TODO: what success looks like, in their words",
            ),
        )
        .text("strategy", x.strategy.as_ref());

    let criteria = a
        .criteria
        .iter()
        .enumerate()
        .map(|(i, k)| {
            Fields::new()
                .put("id", text(&format!("sc-{}", i + 1)))
                .put("outcome", text(&k.outcome))
                .text("metric", k.metric.as_ref())
                .number("baseline", k.baseline.as_ref())
                .number("target", k.target.as_ref())
                .text("unit", k.unit.as_ref())
                .date("by", k.by)
                .text("data_source", k.data_source.as_ref())
                .put("non_negotiable", boolean(k.non_negotiable))
                // A criterion agreed at deal close has not started yet.
                .put("status", text("not_started"))
                .texts("agreed_by", &k.agreed_by)
                .done()
        })
        .collect();

    let stakeholders = a
        .stakeholders
        .iter()
        .map(|s| {
            Fields::new()
                .put("name", text(&s.name))
                .text("title", s.title.as_ref())
                .text("email", s.email.as_ref())
                .text("crm_id", s.crm_id.as_ref())
                .put("side", text(&s.side))
                .texts("roles", &s.roles)
                .text("sentiment", s.sentiment.as_ref())
                .text("definition_of_success", s.definition_of_success.as_ref())
                .custom(&s.fields)
                .done()
        })
        .collect();

    let k = &a.constraints;
    let constraints = Fields::new()
        .put("budget", texts(&k.budget))
        .put("technical", texts(&k.technical))
        .put("timeline", texts(&k.timeline))
        .put("political", texts(&k.political));

    let risks = a
        .risks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Fields::new()
                .put("id", text(&format!("r-{}", i + 1)))
                .put("what", text(&r.what))
                .text("likelihood", r.likelihood.as_ref())
                .text("impact", r.impact.as_ref())
                .text("pull_the_plug", r.pull_the_plug.as_ref())
                .text("mitigation", r.mitigation.as_ref())
                .text("owner", r.owner.as_ref())
                // Just named, so not mitigated or closed yet.
                .put("status", text("open"))
                .done()
        })
        .collect();

    let scope = Fields::new()
        .put("in", texts(&a.scope.included))
        .put("out", texts(&a.scope.excluded));

    let commitments = a
        .commitments
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Fields::new()
                .put("id", text(&format!("c-{}", i + 1)))
                .put("what", text(&p.what))
                .text("promised_by", p.promised_by.as_ref())
                .date("promised_on", p.promised_on)
                .put("confirmed_with_product", boolean(p.confirmed_with_product))
                .date("due", p.due)
                .put("status", text(&p.status))
                .done()
        })
        .collect();

    let ids = milestone_ids(&a.milestones);
    let milestones = a
        .milestones
        .iter()
        .zip(ids)
        .map(|(m, id)| {
            Fields::new()
                .put("id", text(&id))
                .put("kind", text(&m.kind))
                .put("due", date(m.due))
                .text("success", m.success.as_ref())
                .done()
        })
        .collect();

    vec![
        (None, "schema", text("cuc/v1")),
        (None, "customer", customer.done()),
        (
            Some("Why they bought, in their words."),
            "business_context",
            context.done(),
        ),
        (
            Some(
                "How they will measure success. Every criterion needs a metric, a target and a date.",
            ),
            "success_criteria",
            Yaml::List(criteria),
        ),
        (
            Some("Who matters, on their side and ours, and what success means to each of them."),
            "stakeholders",
            Yaml::List(stakeholders),
        ),
        (
            Some("What they work within."),
            "constraints",
            constraints.done(),
        ),
        (
            Some("What could go wrong, and what would make them pull the plug."),
            "risks",
            Yaml::List(risks),
        ),
        (
            Some("What is in, and explicitly what is not: non-scope matters as much as scope."),
            "scope",
            scope.done(),
        ),
        (
            Some("What the sale promised. Was each one confirmed with product?"),
            "commitments",
            Yaml::List(commitments),
        ),
        (
            Some("The review moments: 30, 90 and 180 days after start, and the renewal."),
            "milestones",
            Yaml::List(milestones),
        ),
        (
            None,
            "handover",
            Fields::new()
                .put("attendees", Yaml::List(Vec::new()))
                .put("open_questions", Yaml::List(Vec::new()))
                .done(),
        ),
        (
            None,
            "review",
            Fields::new().put("cadence", text(&a.cadence)).done(),
        ),
    ]
}

/// Each milestone's id is its kind (`onboarding`, `mid_year`), numbered
/// from the second of a kind on (`custom-2`), so ids stay unique.
fn milestone_ids(milestones: &[Milestone]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for m in milestones {
        let mut id = m.kind.clone();
        let mut n = 1;
        while ids.contains(&id) {
            n += 1;
            id = format!("{}-{n}", m.kind);
        }
        ids.push(id);
    }
    ids
}

fn write_entry(out: &mut String, key: &str, value: &Yaml, indent: usize) {
    let pad = " ".repeat(indent);
    match value {
        Yaml::Scalar { written, .. } => out.push_str(&format!("{pad}{key}: {written}\n")),
        Yaml::List(items) if items.is_empty() => out.push_str(&format!("{pad}{key}: []\n")),
        Yaml::Map(entries) if entries.is_empty() => out.push_str(&format!("{pad}{key}: {{}}\n")),
        Yaml::List(items) => {
            out.push_str(&format!("{pad}{key}:\n"));
            for item in items {
                write_item(out, item, indent + 2);
            }
        }
        Yaml::Map(entries) => {
            out.push_str(&format!("{pad}{key}:\n"));
            for (key, value) in entries {
                write_entry(out, key, value, indent + 2);
            }
        }
    }
}

/// A list item: `- value`, or a mapping whose first field follows the dash.
fn write_item(out: &mut String, item: &Yaml, indent: usize) {
    let pad = " ".repeat(indent);
    match item {
        Yaml::Scalar { written, .. } => out.push_str(&format!("{pad}- {written}\n")),
        Yaml::Map(entries) if !entries.is_empty() => {
            let mut fields = String::new();
            for (key, value) in entries {
                write_entry(&mut fields, key, value, indent + 2);
            }
            out.push_str(&format!("{pad}- {}", &fields[indent + 2..]));
        }
        Yaml::Map(_) => out.push_str(&format!("{pad}- {{}}\n")),
        Yaml::List(items) if items.is_empty() => out.push_str(&format!("{pad}- []\n")),
        Yaml::List(items) => {
            out.push_str(&format!("{pad}-\n"));
            for nested in items {
                write_item(out, nested, indent + 2);
            }
        }
    }
}

/// The first place (`risks[0].owner`) where two values differ.
fn first_difference(expected: &Value, read: &Value, at: &str) -> Option<String> {
    let field = |key: &str| {
        if at.is_empty() {
            key.to_owned()
        } else {
            format!("{at}.{key}")
        }
    };
    match (expected, read) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) => {
                        if let Some(found) = first_difference(value, other, &field(key)) {
                            return Some(found);
                        }
                    }
                    None => return Some(field(key)),
                }
            }
            b.keys()
                .find(|key| !a.contains_key(*key))
                .map(|key| field(key))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{at}[{i}]"))),
        _ if expected == read => None,
        _ if at.is_empty() => Some("the top of the document".to_owned()),
        _ => Some(at.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::document::DocumentKind;
    use crate::model::schema::Schemas;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn some(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    fn number(text: &str) -> Option<Number> {
        Some(Number::parse(text).unwrap())
    }

    /// The document, checked against the schema like `cuc new` checks it.
    fn written(answers: &Answers) -> String {
        let text = understanding(answers, day("2026-11-23")).unwrap();
        let source = SourceText::new(text.clone());
        let root = parse_yaml(&source, source.text(), "understanding.yaml").unwrap();
        let findings = Schemas::embedded().check(
            DocumentKind::Understanding,
            &root,
            &source,
            "understanding.yaml",
        );
        assert!(findings.is_empty(), "{findings:?}\n{text}");
        text
    }

    fn least() -> Answers {
        Answers {
            customer: Customer {
                name: "Northwind".to_owned(),
                cs: "tom@vendor.example".to_owned(),
                ..Customer::default()
            },
            cadence: "90d".to_owned(),
            ..Answers::default()
        }
    }

    #[test]
    fn nothing_answered_is_the_template_s_valid_skeleton() {
        assert_eq!(
            written(&least()),
            r#"# yaml-language-server: $schema=../../schema/understanding.json
# The one page of shared understanding for Northwind, from the interview of `cuc new` on 2026-11-23.
# Check it with sales, then share it with the customer:
# "Here is what we understood. Is this right? What did we miss?"
# Replace every TODO; `cuc validate` checks the structure, `cuc review` what is missing.
schema: cuc/v1

customer:
  name: Northwind
  team:
    cs: tom@vendor.example

# Why they bought, in their words.
business_context:
  problem: "TODO: the problem they bought us to solve"
  why_it_matters: "TODO: why solving it matters to them now"
  at_stake: "TODO: what they lose if it is not solved"
  success_looks_like: "TODO: what success looks like, in their words"

# How they will measure success. Every criterion needs a metric, a target and a date.
success_criteria: []

# Who matters, on their side and ours, and what success means to each of them.
stakeholders: []

# What they work within.
constraints:
  budget: []
  technical: []
  timeline: []
  political: []

# What could go wrong, and what would make them pull the plug.
risks: []

# What is in, and explicitly what is not: non-scope matters as much as scope.
scope:
  in: []
  out: []

# What the sale promised. Was each one confirmed with product?
commitments: []

# The review moments: 30, 90 and 180 days after start, and the renewal.
milestones: []

handover:
  attendees: []
  open_questions: []

review:
  cadence: 90d
"#
        );
    }

    fn full() -> Answers {
        let start = day("2027-01-01");
        Answers {
            customer: Customer {
                name: "Northwind Foods GmbH".to_owned(),
                segment: some("mid-market, food & beverage"),
                cs: "tom.becker@vendor.example".to_owned(),
                sales: some("priya.raman@vendor.example"),
                start: Some(start),
                renewal: Some(day("2027-12-31")),
                arr: number("186000"),
                currency: some("EUR"),
                ..Customer::default()
            },
            context: Context {
                problem: some("Trucks wait for hours at the docks"),
                why_it_matters: some("OTIF penalties: 2% of every late order"),
                at_stake: some("About EUR 500k a year"),
                success_looks_like: some("\"A truck gets a dock within 30 minutes\""),
                strategy: None,
            },
            stakeholders: vec![
                Stakeholder {
                    name: "Henrik Albers".to_owned(),
                    title: some("COO"),
                    side: "customer".to_owned(),
                    roles: vec!["exec_sponsor".to_owned(), "economic_buyer".to_owned()],
                    sentiment: some("supporter"),
                    definition_of_success: some("Penalties down in his board numbers"),
                    ..Stakeholder::default()
                },
                Stakeholder {
                    name: "Priya Raman".to_owned(),
                    title: None,
                    side: "vendor".to_owned(),
                    roles: vec![],
                    sentiment: some("unknown"),
                    definition_of_success: None,
                    ..Stakeholder::default()
                },
            ],
            criteria: vec![Criterion {
                outcome: "Trucks get a dock soon after the gate".to_owned(),
                metric: some("average gate-to-dock time"),
                baseline: number("94"),
                target: number("45.5"),
                unit: some("minutes"),
                by: Some(day("2027-06-30")),
                data_source: some("yard management system, weekly export"),
                non_negotiable: true,
                agreed_by: vec!["Henrik Albers".to_owned()],
            }],
            constraints: Constraints {
                budget: vec!["No new spend before 2028".to_owned()],
                technical: vec!["SAP EWM 9.5: SFTP only".to_owned(), "yes".to_owned()],
                timeline: vec![],
                political: vec!["#1 rule: the works council approves tracking".to_owned()],
            },
            risks: vec![Risk {
                what: "Carriers keep phoning".to_owned(),
                likelihood: some("high"),
                impact: some("medium"),
                pull_the_plug: some("Detention above EUR 30k at the Q1 review"),
                mitigation: None,
                owner: some("Henrik Albers"),
            }],
            commitments: vec![Commitment {
                what: "Portal in German at go-live".to_owned(),
                promised_by: some("Priya Raman"),
                promised_on: Some(day("2026-11-02")),
                confirmed_with_product: false,
                due: Some(day("2027-02-01")),
                status: "planned".to_owned(),
            }],
            scope: Scope {
                included: vec!["Dock slot booking".to_owned()],
                excluded: vec!["- outbound routes".to_owned()],
            },
            milestones: proposals(Some(start), None)
                .into_iter()
                .map(|p| Milestone {
                    kind: p.kind.to_owned(),
                    due: p.due,
                    success: some("Hamburg live"),
                })
                .chain([Milestone {
                    kind: "custom".to_owned(),
                    due: day("2027-03-15"),
                    success: None,
                }])
                .collect(),
            cadence: "12w".to_owned(),
            origin: None,
        }
    }

    #[test]
    fn every_answer_is_written_where_a_person_expects_it() {
        assert_eq!(
            written(&full()).split_once("schema: cuc/v1\n").unwrap().1,
            r##"
customer:
  name: Northwind Foods GmbH
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
  success_looks_like: '"A truck gets a dock within 30 minutes"'

# How they will measure success. Every criterion needs a metric, a target and a date.
success_criteria:
  - id: sc-1
    outcome: Trucks get a dock soon after the gate
    metric: average gate-to-dock time
    baseline: 94
    target: 45.5
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
      - exec_sponsor
      - economic_buyer
    sentiment: supporter
    definition_of_success: Penalties down in his board numbers
  - name: Priya Raman
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
    due: 2027-04-01
    success: Hamburg live
  - id: mid_year
    kind: mid_year
    due: 2027-06-30
    success: Hamburg live
  - id: custom
    kind: custom
    due: 2027-03-15

handover:
  attendees: []
  open_questions: []

review:
  cadence: 12w
"##
        );
    }

    #[test]
    fn text_that_looks_like_something_else_reads_back_as_typed() {
        let mut answers = least();
        answers.customer.name = "On".to_owned();
        answers.customer.segment = some("2026");
        answers.context.problem = some("- a list? no: a sentence # with a hash");
        answers.context.at_stake = some("null");
        answers.stakeholders = vec![Stakeholder {
            name: "O'Brien: \"Best\"".to_owned(),
            title: some("0755"),
            side: "customer".to_owned(),
            definition_of_success: some("  spaced  "),
            ..Stakeholder::default()
        }];
        answers.risks = vec![Risk {
            what: "line\nbreak\tand tab".to_owned(),
            owner: some("O'Brien: \"Best\""),
            ..Risk::default()
        }];
        // `understanding` itself checks that each reads back as given.
        let text = written(&answers);
        assert!(text.contains("  name: \"On\"\n"), "{text}");
        assert!(text.contains("  segment: \"2026\"\n"), "{text}");
        assert!(text.contains("  title: \"0755\"\n"), "{text}");
    }

    #[test]
    fn a_value_that_reads_back_differently_is_named_by_its_place() {
        let expected = serde_json::json!({"risks": [{"id": "r-1", "owner": "Yes"}], "review": {}});
        let read = serde_json::json!({"risks": [{"id": "r-1", "owner": true}], "review": {}});
        assert_eq!(
            first_difference(&expected, &read, ""),
            Some("risks[0].owner".to_owned())
        );
        assert_eq!(first_difference(&expected, &expected, ""), None);
        let extra =
            serde_json::json!({"risks": [{"id": "r-1", "owner": "Yes"}], "review": {}, "x": 1});
        assert_eq!(
            first_difference(&expected, &extra, ""),
            Some("x".to_owned())
        );
    }

    #[test]
    fn milestones_of_one_kind_get_numbered_ids() {
        let m = |kind: &str| Milestone {
            kind: kind.to_owned(),
            due: day("2027-01-01"),
            success: None,
        };
        assert_eq!(
            milestone_ids(&[m("custom"), m("onboarding"), m("custom"), m("custom")]),
            ["custom", "onboarding", "custom-2", "custom-3"]
        );
    }

    #[test]
    fn milestones_are_proposed_at_30_90_and_180_days_and_the_renewal() {
        let dues: Vec<(&str, String)> = proposals(Some(day("2027-01-01")), Some(day("2027-12-31")))
            .into_iter()
            .map(|p| (p.kind, p.due.to_string()))
            .collect();
        assert_eq!(
            dues,
            [
                ("onboarding", "2027-01-31".to_owned()),
                ("first_value", "2027-04-01".to_owned()),
                ("mid_year", "2027-06-30".to_owned()),
                ("renewal", "2027-12-31".to_owned()),
            ]
        );
        assert!(proposals(None, None).is_empty());
    }

    #[test]
    fn numbers_are_plain_decimals() {
        for ok in ["0", "45", "-3", "2.5", "0.25", "186000"] {
            assert_eq!(Number::parse(ok).unwrap().as_str(), ok);
        }
        for (bad, help) in [
            (
                "12,000",
                "write the number without separators, with a point for decimals: 12000 or 2.5",
            ),
            (
                "2,5",
                "write the number without separators, with a point for decimals: 12000 or 2.5",
            ),
            (
                "30%",
                "write just the number, e.g. 45 or 2.5 (the unit has a question of its own)",
            ),
            (
                "1e3",
                "write just the number, e.g. 45 or 2.5 (the unit has a question of its own)",
            ),
            (
                "",
                "write just the number, e.g. 45 or 2.5 (the unit has a question of its own)",
            ),
            (
                "045",
                "write it without a leading zero, e.g. 45 rather than 045",
            ),
            ("1234567890123456", "write at most 15 digits"),
        ] {
            assert_eq!(Number::parse(bad).unwrap_err(), help, "{bad}");
        }
    }
}
