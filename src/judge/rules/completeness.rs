//! Completeness: constraints, explicit non-scope, and no template text left.

use super::{Doc, Hits, Rule, Subject};
use crate::load::check::Check;
use crate::load::finding::Severity;
use crate::load::node::{Node, NodeKind};

pub const MISSING_CONSTRAINTS: Rule = Rule {
    check: Check {
        name: "missing-constraints",
        severity: Severity::Info,
        summary: "a constraint category (budget, technical, timeline, political) is empty",
        explanation: "Every customer works within budget, technical, timeline and political limits. An empty \
                      category usually means nobody asked, not that there are none. Ask; if there truly \
                      are none, write that down (\"none known, asked the COO on 2026-03-01\").",
    },
    run: missing_constraints,
};

fn missing_constraints(s: &Subject, hits: &mut Hits) {
    let constraints = s.understanding.constraints.clone().unwrap_or_default();
    for (name, items) in [
        ("budget", &constraints.budget),
        ("technical", &constraints.technical),
        ("timeline", &constraints.timeline),
        ("political", &constraints.political),
    ] {
        if items.is_empty() {
            hits.add(
                Doc::Understanding,
                format!("/constraints/{name}"),
                format!("no {name} constraints are written down"),
            )
            .help(format!(
                "ask the customer what limits them here ({name}); if nothing does, write that down"
            ));
        }
    }
}

pub const NO_NON_SCOPE: Rule = Rule {
    check: Check {
        name: "no-non-scope",
        severity: Severity::Warning,
        summary: "scope has no `out`: nothing is explicitly out of scope",
        explanation: "Explicit non-scope matters as much as scope: what we said we would not do is what the \
                      customer assumes we will. Write down in `scope.out` what was discussed and left out.",
    },
    run: no_non_scope,
};

fn no_non_scope(s: &Subject, hits: &mut Hits) {
    let out_empty = s
        .understanding
        .scope
        .as_ref()
        .is_none_or(|scope| scope.out.is_empty());
    if out_empty {
        hits.add(
            Doc::Understanding,
            "/scope/out",
            "nothing is written down as out of scope",
        )
        .help("list in `scope.out` what was discussed and explicitly left out");
    }
}

pub const PLACEHOLDER: Rule = Rule {
    check: Check {
        name: "placeholder",
        severity: Severity::Warning,
        summary: "template text left unfilled",
        explanation: "`cuc new` writes a template with TODO markers and <placeholders>, and a handover note \
                      that only says what to write. Left in, template text ends up on the page the customer \
                      signs, and a note nobody wrote reads as if it had been. Replace each placeholder with \
                      what you learned, or delete the line; write each note, or delete it (`cuc render` \
                      leaves a note out until it is written).",
    },
    run: placeholder,
};

fn placeholder(s: &Subject, hits: &mut Hits) {
    let mut found = Vec::new();
    walk(s.understanding_root, String::new(), &mut found);
    let mut report = |doc: Doc, found: Vec<(String, String)>| {
        for (pointer, text) in found {
            hits.add(
                doc,
                pointer,
                format!("template text is still here: \"{text}\""),
            )
            .help("replace it with what you learned from the customer, or delete the line");
        }
    };
    report(Doc::Understanding, found);
    for (i, note) in s.notes.iter().enumerate() {
        let Some(parsed) = &note.parsed else {
            continue;
        };
        let mut found = Vec::new();
        walk(&parsed.root, String::new(), &mut found);
        report(Doc::Note(i), found);
    }
    for (i, note) in s.notes.iter().enumerate() {
        let Some(span) = note
            .parsed
            .as_ref()
            .and_then(|parsed| s.note_templates.untouched(&parsed.source))
        else {
            continue;
        };
        hits.add(
            Doc::Note(i),
            "",
            "nothing is written in this note yet: it is still the template `cuc new` wrote",
        )
        .span(span)
        .help("write the note in place of the template's text, or delete the file if there is nothing to tell; until then `cuc render` leaves it out");
    }
}

fn walk(node: &Node, pointer: String, found: &mut Vec<(String, String)>) {
    match &node.kind {
        NodeKind::Str(text) if is_placeholder(text) => {
            let short: String = text.chars().take(60).collect();
            found.push((pointer, short));
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{pointer}/{i}"), found);
            }
        }
        NodeKind::Map(entries) => {
            for entry in entries {
                let key = crate::load::node::escape_pointer(&entry.key);
                walk(&entry.value, format!("{pointer}/{key}"), found);
            }
        }
        _ => {}
    }
}

/// `TODO`, `<placeholder>` and date stubs like `YYYY-MM-DD`.
fn is_placeholder(text: &str) -> bool {
    if text.contains("TODO") || text.contains("YYYY-MM-DD") {
        return true;
    }
    // `<name>` with a single lower-case word inside, as templates write them.
    text.split('<').skip(1).any(|rest| {
        rest.split_once('>').is_some_and(|(inside, _)| {
            !inside.is_empty() && inside.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholders() {
        assert!(is_placeholder("TODO: the problem"));
        assert!(is_placeholder("<sales>"));
        assert!(!is_placeholder("Latency < 200 ms and > 50 ms"));
        assert!(!is_placeholder("Reduce onboarding time"));
    }
}
