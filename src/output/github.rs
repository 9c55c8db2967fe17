//! GitHub Actions workflow commands: each finding becomes an annotation on
//! its line in the pull request.

use crate::load::finding::{Report, Severity};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", escape_property(&f.file))];
        if let Some(r) = f.region {
            properties.push(format!("line={}", r.start.line));
            properties.push(format!("col={}", r.start.column));
            properties.push(format!("endLine={}", r.end.line));
            properties.push(format!("endColumn={}", r.end.column));
        }
        properties.push(format!(
            "title={}",
            escape_property(&format!("cuc {}", f.rule))
        ));
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&f.full_message())
        ));
    }
    out
}

/// Escaping as the Actions runner expects for a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a command's `key=value` properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_would_misread() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
