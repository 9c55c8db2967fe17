//! A diff as a pull-request comment: the summary line, one section per
//! customer, and long prose folded into collapsible details.

use super::summary_line;
use crate::compare::{CustomerDiff, Kind, Status, Words, render_words, summary};
use crate::text::escape::{html as escape_html, markdown as escape};

pub fn render(diffs: &[CustomerDiff]) -> String {
    let mut out = format!("### cuc diff\n\n**{}**\n", escape(&summary_line(diffs)));
    for customer in diffs {
        let status = match customer.status {
            Status::Added => " (new customer)",
            Status::Removed => " (customer removed)",
            _ => "",
        };
        out.push_str(&format!("\n#### {}{status}\n\n", escape(&customer.id)));
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
            out.push_str(&format!("\n{}{note}\n\n", code(&document.file)));
            if document.changes.is_empty() {
                out.push_str("- only formatting or comments changed\n");
            }
            for change in &document.changes {
                let path = code(&change.path);
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
fn prose(words: &[Words]) -> String {
    let escaped: Vec<Words> = words
        .iter()
        .map(|w| match w {
            Words::Same(t) => Words::Same(escape(t)),
            Words::Deleted(t) => Words::Deleted(escape(t.trim())),
            Words::Inserted(t) => Words::Inserted(escape(t.trim())),
        })
        .collect();
    render_words(&escaped, ("~~", "~~ "), ("**", "** ")).replace('\n', " ")
}

/// A code span that no backtick inside can close early.
fn code(text: &str) -> String {
    let text = text.replace('\n', " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_inject_markup() {
        assert_eq!(
            escape("<script>a|b</script> *x*"),
            "&lt;script&gt;a\\|b&lt;/script&gt; \\*x\\*"
        );
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
