//! A diff for people in a terminal: one block per customer, changes
//! aligned under their document, prose as a word diff.

use owo_colors::OwoColorize;

use super::summary_line;
use crate::compare::{CustomerDiff, Kind, Status, Words, summary};

pub fn render(diffs: &[CustomerDiff], color: bool) -> String {
    let mut out = format!("{}\n", summary_line(diffs));
    for customer in diffs {
        let status = match customer.status {
            Status::Added => " (new customer)",
            Status::Removed => " (customer removed)",
            _ => "",
        };
        let title = format!("{}{status}", customer.id);
        out.push_str(&format!(
            "\n{}: from {} to {}\n",
            if color {
                title.bold().to_string()
            } else {
                title
            },
            customer.from.describe(),
            customer.to.describe()
        ));
        for document in &customer.documents {
            let note = match document.status {
                Status::Added => " (new)",
                Status::Removed => " (removed)",
                _ => "",
            };
            out.push_str(&format!("  {}{note}\n", document.file));
            if document.changes.is_empty() {
                out.push_str("    only formatting or comments changed\n");
            }
            for change in &document.changes {
                let line = match (&change.kind, change.words()) {
                    (Kind::Changed { .. }, Some(words)) if color => {
                        format!("~ {}: {}", change.path, colored_words(&words))
                    }
                    (Kind::Added(v), _) if color => format!("+ {}: {}", change.path, summary(v))
                        .green()
                        .to_string(),
                    (Kind::Removed(v), _) if color => format!("- {}: {}", change.path, summary(v))
                        .red()
                        .to_string(),
                    _ => change.describe(),
                };
                out.push_str(&format!("    {line}\n"));
            }
        }
        if !customer.must_sign_again.is_empty() {
            let names: Vec<String> = customer
                .must_sign_again
                .iter()
                .map(|s| format!("{} ({})", s.by, s.role.replace('_', " ")))
                .collect();
            let line = format!(
                "  must sign again (they signed the earlier version): {}",
                names.join(", ")
            );
            out.push_str(&if color {
                line.yellow().to_string()
            } else {
                line
            });
            out.push('\n');
        }
    }
    out
}

fn colored_words(words: &[Words]) -> String {
    words
        .iter()
        .map(|w| match w {
            Words::Same(t) => t.clone(),
            Words::Deleted(t) => t.red().strikethrough().to_string(),
            Words::Inserted(t) => t.green().underline().to_string(),
        })
        .collect()
}
