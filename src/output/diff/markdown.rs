//! A diff as a pull-request comment: the summary line, one section per
//! customer, and long prose folded into collapsible details.

use super::summary_line;
use crate::compare::{CustomerDiff, Kind, Status, Words, render_words, summary};
use crate::text::escape::{Spot, html as escape_html, markdown, markdown_code};

/// Text after other text on its line.
fn escape(text: &str) -> String {
    markdown(text, Spot::InLine)
}

pub fn render(diffs: &[CustomerDiff]) -> String {
    let mut out = format!("### cuc diff\n\n**{}**\n", escape(&summary_line(diffs)));
    for customer in diffs {
        let status = match customer.status {
            Status::Added => " (new customer)",
            Status::Removed => " (customer removed)",
            _ => "",
        };
        out.push_str(&format!(
            "\n#### {}{status}\n\n",
            markdown(&customer.id, Spot::LineStart)
        ));
        out.push_str(&format!(
            "From {} to {}.\n",
            escape(&customer.from.describe()),
            escape(&customer.to.describe())
        ));
        for document in &customer.documents {
            let note = match document.status {
                Status::Added => " (new)",
                Status::Removed => " (removed)",
                _ => "",
            };
            out.push_str(&format!(
                "\n{}{note}\n\n",
                markdown_code(&document.file, Spot::LineStart)
            ));
            if document.changes.is_empty() {
                out.push_str("- only formatting or comments changed\n");
            }
            for change in &document.changes {
                let path = markdown_code(&change.path, Spot::InLine);
                match (&change.kind, change.words()) {
                    (Kind::Changed { .. }, Some(words)) => {
                        out.push_str(&format!(
                            "- <details><summary><b>changed</b> <code>{}</code> (text)</summary>\n\n  {}\n\n  </details>\n",
                            escape_html(&change.path),
                            prose(&words)
                        ));
                    }
                    (Kind::Changed { old, new }, None) => {
                        out.push_str(&format!(
                            "- **changed** {path}: {} → {}\n",
                            escape(&summary(old)),
                            escape(&summary(new))
                        ));
                    }
                    (Kind::Added(v), _) => {
                        out.push_str(&format!("- **added** {path}: {}\n", escape(&summary(v))))
                    }
                    (Kind::Removed(v), _) => {
                        out.push_str(&format!("- **removed** {path}: {}\n", escape(&summary(v))))
                    }
                }
            }
        }
        if !customer.must_sign_again.is_empty() {
            let names: Vec<String> = customer
                .must_sign_again
                .iter()
                .map(|s| format!("{} ({})", escape(&s.by), s.role.replace('_', " ")))
                .collect();
            out.push_str(&format!(
                "\n> **Must sign again** (they signed the earlier version): {}\n",
                names.join(", ")
            ));
        }
    }
    out
}

/// A word diff in Markdown: deletions struck through, insertions in bold.
/// It begins a line of its own, so unchanged words at its start are escaped
/// as the start of a line.
fn prose(words: &[Words]) -> String {
    let escaped: Vec<Words> = words
        .iter()
        .enumerate()
        .map(|(i, w)| match w {
            Words::Same(t) if i == 0 => Words::Same(spaced(t, Spot::LineStart)),
            Words::Same(t) => Words::Same(spaced(t, Spot::InLine)),
            Words::Deleted(t) => Words::Deleted(escape(t)),
            Words::Inserted(t) => Words::Inserted(escape(t)),
        })
        .collect();
    render_words(&escaped, ("~~", "~~ "), ("**", "** "))
        .trim()
        .to_owned()
}

/// Unchanged words escaped, with a space kept where they had space around
/// them (the escaper drops it), so they do not run into the changed words.
fn spaced(text: &str, spot: Spot) -> String {
    let core = markdown(text, spot);
    if core.is_empty() {
        return if text.is_empty() { "" } else { " " }.to_owned();
    }
    let before = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let after = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("{before}{core}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_inject_markup() {
        assert_eq!(
            escape("<script>a|b</script> *x*"),
            "&lt;script>a|b&lt;/script> \\*x\\*"
        );
    }

    #[test]
    fn a_word_diff_escapes_the_start_of_its_line_and_keeps_its_spaces() {
        let words = [
            Words::Same("1. Trucks wait ".into()),
            Words::Deleted("three ".into()),
            Words::Inserted("*two* ".into()),
            Words::Same("hours at the mid-market docks.\n".into()),
        ];
        assert_eq!(
            prose(&words),
            "1\\. Trucks wait ~~three~~ **\\*two\\*** hours at the mid-market docks."
        );
    }
}
