//! Checks across a customer's documents: ids are unique within each list,
//! and every reference names something that exists.

use std::collections::HashMap;

use crate::load::check::{DUPLICATE_ID, INVALID_VALUE, UNKNOWN_REFERENCE};
use crate::load::customer::{Customer, Loaded};
use crate::load::finding::Finding;
use crate::load::node::{Node, NodeKind};
use crate::model::schema::describe_place;
use crate::text::closest;

/// Lists whose items are identified by a field, with what to call an item.
const UNDERSTANDING_LISTS: &[(&str, &str, &str)] = &[
    ("success_criteria", "id", "success criteria"),
    ("stakeholders", "name", "stakeholders"),
    ("risks", "id", "risks"),
    ("commitments", "id", "commitments"),
    ("milestones", "id", "milestones"),
];

/// References that could not be checked because the list they point into
/// is missing or is not a list (`stakeholder:` for `stakeholders:`): one
/// finding about the list says so, instead of one per reference.
pub struct Unchecked {
    /// The understanding.yaml that lacks the list.
    pub file: String,
    /// The list's JSON pointer, `/stakeholders`.
    pub list_pointer: &'static str,
    pub what: &'static str,
    pub references: usize,
    /// Where the references are, in the order first met: "risk owners", …
    pub places: Vec<&'static str>,
    /// Each reference as it would be reported one by one, for when no
    /// finding about the list names the cause (an optional list left out).
    pub findings: Vec<Finding>,
}

/// Duplicate ids, decision times and references, and the references that
/// could not be checked because their list is missing.
pub fn check(customer: &Customer) -> (Vec<Finding>, Vec<Unchecked>) {
    let mut findings = Vec::new();
    let understanding = customer.understanding.as_ref().and_then(Loaded::parsed);
    let decisions = customer.decisions.as_ref().and_then(Loaded::parsed);

    if let Some((file, doc)) = understanding {
        for (list, key, plural) in UNDERSTANDING_LISTS {
            duplicates(file, doc, list, key, plural, &mut findings);
        }
    }
    if let Some((file, doc)) = decisions {
        duplicates(file, doc, "decisions", "id", "decisions", &mut findings);
        decision_times(file, doc, &mut findings);
    }

    // References can only be judged against an understanding.yaml that was read.
    let Some((understanding_file, understanding_doc)) = understanding else {
        return (findings, Vec::new());
    };
    let stakeholders = Names::collect(&understanding_doc.root, "stakeholders", "name");
    let milestones = Names::collect(&understanding_doc.root, "milestones", "id");
    let is_list = |key: &str| {
        understanding_doc
            .root
            .get(key)
            .is_some_and(|e| matches!(e.value.kind, NodeKind::Seq(_)))
    };
    let gap = |list: &'static str, list_pointer: &'static str| {
        (!is_list(list)).then(|| Unchecked {
            file: understanding_file.to_owned(),
            list_pointer,
            what: list,
            references: 0,
            places: Vec::new(),
            findings: Vec::new(),
        })
    };
    let mut stakeholder = Lookup {
        target: Target {
            names: &stakeholders,
            what: "a stakeholder in understanding.yaml",
            fix: "add them to `stakeholders` in understanding.yaml, or write the name exactly as it is there",
        },
        gap: gap("stakeholders", "/stakeholders"),
    };
    let mut milestone = Lookup {
        target: Target {
            names: &milestones,
            what: "a milestone in understanding.yaml",
            fix: "use the `id` of one of the `milestones` in understanding.yaml",
        },
        gap: gap("milestones", "/milestones"),
    };

    if let Some(doc) = understanding {
        stakeholder.check(doc, &["risks", "*", "owner"], "risk owners", &mut findings);
        stakeholder.check(
            doc,
            &["success_criteria", "*", "agreed_by", "*"],
            "agreed_by",
            &mut findings,
        );
        for side in ["customer", "vendor"] {
            stakeholder.check(
                doc,
                &["milestones", "*", "owners", side],
                "milestone owners",
                &mut findings,
            );
        }
        owner_sides(doc, &mut findings);
    }
    if let Some(doc) = decisions {
        stakeholder.check(
            doc,
            &["decisions", "*", "owner"],
            "decision owners",
            &mut findings,
        );
        stakeholder.check(
            doc,
            &["decisions", "*", "consulted", "*"],
            "people consulted on decisions",
            &mut findings,
        );
        stakeholder.check(
            doc,
            &["decisions", "*", "to", "*"],
            "decision recipients",
            &mut findings,
        );
        let (file, parsed) = doc;
        let decision_ids = Names::collect(&parsed.root, "decisions", "id");
        let decision = Target {
            names: &decision_ids,
            what: "a decision in decisions.yaml",
            fix: "use the `id` of the decision this one replaces",
        };
        for (pointer, node) in values(&parsed.root, &["decisions", "*", "supersedes"]) {
            decision.report(file, parsed, &pointer, node, &mut findings);
        }
    }
    if let Some(doc) = customer.reviews.as_ref().and_then(Loaded::parsed) {
        milestone.check(
            doc,
            &["reviews", "*", "milestone"],
            "reviews",
            &mut findings,
        );
        stakeholder.check(doc, &["signoffs", "*", "by"], "sign-offs", &mut findings);
    }
    for note in &customer.notes {
        if let Some(doc) = note.parsed() {
            milestone.check(doc, &["milestone"], "notes", &mut findings);
        }
    }
    let unchecked = [stakeholder.gap, milestone.gap]
        .into_iter()
        .flatten()
        .filter(|gap| gap.references > 0)
        .collect();
    (findings, unchecked)
}

/// The references into one list, checked against it; when the list is
/// missing (`gap`), each finding is kept aside and counted there instead.
struct Lookup<'a> {
    target: Target<'a>,
    gap: Option<Unchecked>,
}

impl Lookup<'_> {
    /// Checks every reference at `path` (`*` for each item of a list) of a
    /// document; `place` says where they are, for the count.
    fn check(
        &mut self,
        (file, doc): (&str, &crate::load::Parsed),
        path: &[&str],
        place: &'static str,
        findings: &mut Vec<Finding>,
    ) {
        for (pointer, node) in values(&doc.root, path) {
            let Some(gap) = &mut self.gap else {
                self.target.report(file, doc, &pointer, node, findings);
                continue;
            };
            let before = gap.findings.len();
            self.target
                .report(file, doc, &pointer, node, &mut gap.findings);
            if gap.findings.len() > before {
                gap.references += 1;
                if !gap.places.contains(&place) {
                    gap.places.push(place);
                }
            }
        }
    }
}

/// The names (or ids) of the items of a top-level list.
struct Names(Vec<String>);

impl Names {
    fn collect(root: &Node, list: &str, key: &str) -> Names {
        Names(
            values(root, &[list, "*", key])
                .into_iter()
                .filter_map(|(_, n)| n.as_str().map(str::to_owned))
                .collect(),
        )
    }
}

struct Target<'a> {
    names: &'a Names,
    what: &'static str,
    fix: &'static str,
}

impl Target<'_> {
    fn report(
        &self,
        file: &str,
        doc: &crate::load::Parsed,
        pointer: &str,
        node: &Node,
        findings: &mut Vec<Finding>,
    ) {
        let Some(name) = node.as_str() else { return };
        if self.names.0.iter().any(|n| n == name) {
            return;
        }
        let help = match closest(name, self.names.0.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => self.fix.to_owned(),
        };
        findings.push(
            Finding::new(
                UNKNOWN_REFERENCE,
                file,
                format!(
                    "`{name}` is not {} ({})",
                    self.what,
                    describe_place(&doc.root, pointer, file)
                ),
            )
            .help(help)
            .label("not found")
            .at(node.span, &doc.source)
            .pointer(pointer.to_owned()),
        );
    }
}

/// A milestone's `owners.customer` is someone on the customer's side and
/// `owners.vendor` someone on ours: a name on the wrong side is a mix-up.
fn owner_sides((file, doc): (&str, &crate::load::Parsed), findings: &mut Vec<Finding>) {
    let side_of = |name: &str| {
        let stakeholders = doc.root.get("stakeholders").map(|e| e.value.items());
        stakeholders.unwrap_or_default().iter().find_map(|s| {
            (s.get("name")?.value.as_str()? == name)
                .then(|| s.get("side")?.value.as_str())
                .flatten()
        })
    };
    for side in ["customer", "vendor"] {
        for (pointer, node) in values(&doc.root, &["milestones", "*", "owners", side]) {
            let Some(name) = node.as_str() else { continue };
            if side_of(name).is_none_or(|actual| actual == side) {
                continue;
            }
            let (owner, theirs) = match side {
                "customer" => ("the customer's owner", "on our side"),
                _ => ("our owner", "on the customer's side"),
            };
            findings.push(
                Finding::new(
                    INVALID_VALUE,
                    file,
                    format!(
                        "`{name}` is {theirs}, but `owners.{side}` names {owner} of the milestone ({})",
                        describe_place(&doc.root, &pointer, file)
                    ),
                )
                .help(format!(
                    "name someone whose `side` is `{side}` here, or correct {name}'s `side` in `stakeholders`"
                ))
                .label(format!("not on the {side} side"))
                .at(node.span, &doc.source)
                .pointer(pointer),
            );
        }
    }
}

fn duplicates(
    file: &str,
    doc: &crate::load::Parsed,
    list: &str,
    key: &str,
    plural: &str,
    findings: &mut Vec<Finding>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (pointer, node) in values(&doc.root, &[list, "*", key]) {
        let Some(id) = node.as_str() else { continue };
        match seen.get(id) {
            Some(&first) => {
                let first_line = doc.source.position(first).line;
                let what = if key == "name" { "name" } else { "id" };
                findings.push(
                    Finding::new(
DUPLICATE_ID, file,
                        format!("two {plural} have the {what} `{id}` (the first is on line {first_line})"),
                    )
                    .help(format!("give each of the {plural} its own {what}, so reviews, diffs and sign-offs know which one is meant"))
                    .label(format!("second `{id}`"))
                    .at(node.span, &doc.source)
                    .pointer(pointer),
                );
            }
            None => {
                seen.insert(id, node.span.start);
            }
        }
    }
}

/// Decision times pass the schema's pattern by shape; the day must also exist.
fn decision_times(file: &str, doc: &crate::load::Parsed, findings: &mut Vec<Finding>) {
    for field in ["made", "circulated"] {
        for (pointer, node) in values(&doc.root, &["decisions", "*", field]) {
            let Some(text) = node.as_str() else { continue };
            let (Some(day), Some('T')) = (text.get(..10), text.chars().nth(10)) else {
                continue;
            };
            if day.parse::<jiff::civil::Date>().is_err()
                && day.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            {
                findings.push(
                    Finding::new(
                        INVALID_VALUE,
                        file,
                        format!(
                            "`{day}` is not a real calendar date ({})",
                            describe_place(&doc.root, &pointer, file)
                        ),
                    )
                    .help("check the day exists in that month")
                    .label("no such day")
                    .at(node.span, &doc.source)
                    .pointer(pointer),
                );
            }
        }
    }
}

/// Every value at a path of keys, where `*` stands for each item of a list;
/// with the JSON pointer of each.
fn values<'a>(root: &'a Node, path: &[&str]) -> Vec<(String, &'a Node)> {
    let mut current = vec![(String::new(), root)];
    for segment in path {
        let mut next = Vec::new();
        for (pointer, node) in current {
            if *segment == "*" {
                for (i, item) in node.items().iter().enumerate() {
                    next.push((format!("{pointer}/{i}"), item));
                }
            } else if let Some(entry) = node.get(segment) {
                next.push((format!("{pointer}/{segment}"), &entry.value));
            }
        }
        current = next;
    }
    current
}
