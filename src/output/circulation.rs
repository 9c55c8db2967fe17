//! The message that circulates a decision: what was decided, who owns it,
//! what it is about and replaces, MADR's context, options and consequences
//! when the log has them, and whom to tell if it is not what was decided.
//! Markdown for a chat or a pull request, plain text for an email.

use crate::model::Decision;
use crate::model::dates::readable_time;
use crate::text::escape::{self, Spot};

/// What goes into the message.
pub struct Circulation<'a> {
    /// The customer's name, as understanding.yaml writes it.
    pub customer: &'a str,
    pub decision: &'a Decision,
    /// The decision this one replaces, when it names one that exists.
    pub replaces: Option<&'a Decision>,
    /// Whom it is sent to.
    pub to: &'a [String],
}

/// The message in Markdown: text from the documents is escaped, so it
/// shows as written.
pub fn markdown(c: &Circulation) -> String {
    let d = c.decision;
    let e = |text: &str| escape::markdown(text, Spot::InLine);
    let line = |text: &str| escape::markdown(text, Spot::LineStart);
    let mut out = format!(
        "## Decision {} for {}\n\n{}\n\n",
        e(&d.id),
        e(c.customer),
        line(&d.decision)
    );
    for (label, value) in facts(c, &e) {
        out.push_str(&format!("- **{label}:** {value}\n"));
    }
    if let Some(context) = &d.context {
        out.push_str(&format!("\n**Context:** {}\n", e(context)));
    }
    if !d.options.is_empty() {
        out.push_str("\n**Options considered:**\n\n");
        for option in &d.options {
            out.push_str(&format!("- {}\n", line(option)));
        }
    }
    if let Some(consequences) = &d.consequences {
        out.push_str(&format!("\n**Consequences:** {}\n", e(consequences)));
    }
    out.push_str(&format!("\n{}\n", closing(&e(owner(d)))));
    out
}

/// The message as plain text, for an email: nothing to escape.
pub fn text(c: &Circulation) -> String {
    let d = c.decision;
    let plain = |text: &str| text.to_owned();
    let mut out = format!("Decision {} for {}\n\n{}\n\n", d.id, c.customer, d.decision);
    for (label, value) in facts(c, &plain) {
        out.push_str(&format!("{label}: {value}\n"));
    }
    if let Some(context) = &d.context {
        out.push_str(&format!("\nContext:\n{context}\n"));
    }
    if !d.options.is_empty() {
        out.push_str("\nOptions considered:\n");
        for option in &d.options {
            out.push_str(&format!("- {option}\n"));
        }
    }
    if let Some(consequences) = &d.consequences {
        out.push_str(&format!("\nConsequences:\n{consequences}\n"));
    }
    out.push_str(&format!("\n{}\n", closing(owner(d))));
    out
}

fn owner(d: &Decision) -> &str {
    d.owner.as_deref().unwrap_or("the owner")
}

/// Whom to tell, and by when: the practice's 24 hours.
fn closing(owner: &str) -> String {
    format!("Tell {owner} within 24 hours if this is not what was decided.")
}

/// The facts under the decision, each a label and its value (passed through
/// `e`, the format's escaper, where it comes from the documents).
fn facts(c: &Circulation, e: &dyn Fn(&str) -> String) -> Vec<(&'static str, String)> {
    let d = c.decision;
    let mut facts = vec![("Owner", e(owner(d)))];
    facts.push(("Decided", readable_time(&d.made)));
    if let Some(scope) = &d.scope_item {
        facts.push(("Scope", e(scope)));
    }
    match (&d.supersedes, c.replaces) {
        (Some(_), Some(old)) => facts.push((
            "Replaces",
            format!(
                "decision {} of {}: {}",
                e(&old.id),
                old.made.get(..10).unwrap_or(&old.made),
                e(&old.decision)
            ),
        )),
        (Some(id), None) => facts.push(("Replaces", format!("decision {}", e(id)))),
        (None, _) => {}
    }
    if !d.consulted.is_empty() {
        facts.push(("Consulted", e(&names(&d.consulted))));
    }
    facts.push(("Sent to", e(&names(c.to))));
    facts
}

/// Names as a sentence lists them: `A`, `A and B`, `A, B and C`.
pub fn names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_sentence() {
        let list = |n: &[&str]| names(&n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(list(&["A"]), "A");
        assert_eq!(list(&["A", "B"]), "A and B");
        assert_eq!(list(&["A", "B", "C"]), "A, B and C");
    }
}
