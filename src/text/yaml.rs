//! Text written as a YAML scalar that a person reads easily and every YAML
//! reader reads back as the same text: plain when nothing in it could mean
//! something else, quoted when it could.

/// `text` as a YAML scalar for a block mapping or list. Plain (`Okta SSO
/// at go-live`) when it reads back as that same text in YAML 1.2 and in
/// YAML 1.1 (the older readers many tools still use); otherwise quoted:
/// single quotes for text with double quotes in it, double quotes (with
/// escapes) for everything else.
pub fn scalar(text: &str) -> String {
    if plain_is_safe(text) {
        text.to_owned()
    } else if text.contains('"') && text.chars().all(|c| printable(c) && c != '\n') {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        double_quoted(text)
    }
}

/// A double-quoted YAML string: `"` and `\` escaped, and every character
/// YAML does not allow as it is (controls, DEL, C1 controls, U+FFFE/U+FFFF),
/// or that older readers take as a line break (U+0085, U+2028, U+2029).
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !printable(c) || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a `#` comment line: line breaks and other control characters
/// as spaces, since a comment ends at the line's end.
pub fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Characters YAML allows in a document as they are (its `c-printable`).
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Whether `text` written bare reads back as itself.
fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // Spaces at either end are dropped by a reader; a line break, tab or
    // control character is not text a plain scalar can hold.
    if text.trim() != text
        || text.chars().any(|c| {
            c.is_control() || !printable(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
        })
    {
        return false;
    }
    // A first character with a meaning of its own: a list item, a mapping
    // key, a flow collection, a comment, an anchor, alias or tag, a block
    // scalar, a quote, a directive, or a reserved character.
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    // `key: value` inside the value, a comment, or a key ending the text.
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    !means_something_else(text)
}

/// Text a reader takes for null, a boolean or a number, rather than text:
/// in YAML 1.2 or in YAML 1.1 (`yes`, `off`, `0755`, `1_000`, `1:30`).
fn means_something_else(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | ".inf"
            | "+.inf"
            | "-.inf"
            | ".nan"
    ) {
        return true;
    }
    // A date is text to cuc (and to YAML 1.2), and documents write dates
    // bare: `2027-01-31`.
    if is_date_shaped(text) {
        return false;
    }
    if text.parse::<f64>().is_ok() {
        return true;
    }
    // Anything number-like: a digit (or a dot) first, and only characters
    // that some YAML reader puts into a number: signs, digits, `_`, `.`,
    // `:` (sexagesimal) and exponents; or a hex, octal or binary number.
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    for prefix in ["0x", "0X"] {
        if let Some(digits) = unsigned.strip_prefix(prefix) {
            return digits.chars().all(|c| c.is_ascii_hexdigit() || c == '_');
        }
    }
    for prefix in ["0o", "0O", "0b", "0B"] {
        if let Some(digits) = unsigned.strip_prefix(prefix) {
            return digits.chars().all(|c| c.is_ascii_digit() || c == '_');
        }
    }
    unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || "_.:eE+-".contains(c))
}

fn is_date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_yaml;
    use crate::load::source::SourceText;
    use proptest::prelude::*;

    /// What cuc's own reader makes of `key: <scalar>`.
    fn read_back(text: &str) -> serde_json::Value {
        let document = format!("key: {}\n", scalar(text));
        let source = SourceText::new(document.clone());
        let root = parse_yaml(&source, source.text(), "t.yaml")
            .unwrap_or_else(|f| panic!("{document:?} does not read: {}", f.message));
        root.to_json()["key"].clone()
    }

    #[test]
    fn everyday_text_stays_plain() {
        for text in [
            "Northwind Foods GmbH",
            "Trucks wait two hours at the docks",
            "SAP EWM 9.5 on premise; SFTP only",
            "mid-market, food & beverage (DACH)",
            "3 trucks a day",
            "Jana's team",
            "2027-01-31",
            "tom.becker@vendor.example",
            "ratio 1:3",
            "Zürich — Genève",
            "C#",
            "90d",
            "say \"yes\"",
            "0xford",
        ] {
            assert_eq!(scalar(text), text);
            assert_eq!(read_back(text), text);
        }
    }

    #[test]
    fn text_that_could_mean_something_else_is_quoted() {
        for (text, written) in [
            ("", "\"\""),
            ("yes", "\"yes\""),
            ("No", "\"No\""),
            ("off", "\"off\""),
            ("null", "\"null\""),
            ("~", "\"~\""),
            ("true", "\"true\""),
            ("42", "\"42\""),
            ("-7", "\"-7\""),
            ("2.5", "\"2.5\""),
            ("0755", "\"0755\""),
            ("1_000", "\"1_000\""),
            ("1:30", "\"1:30\""),
            ("1e3", "\"1e3\""),
            ("0x1F", "\"0x1F\""),
            (".inf", "\".inf\""),
            ("Note: ask again", "\"Note: ask again\""),
            ("Okta #1 request", "\"Okta #1 request\""),
            ("- first", "\"- first\""),
            ("#1 priority", "\"#1 priority\""),
            ("*everything*", "\"*everything*\""),
            ("& more", "\"& more\""),
            ("!important", "\"!important\""),
            ("[draft]", "\"[draft]\""),
            ("{x}", "\"{x}\""),
            ("| pipe", "\"| pipe\""),
            ("> quote", "\"> quote\""),
            ("%TAG", "\"%TAG\""),
            ("@tom", "\"@tom\""),
            ("`code`", "\"`code`\""),
            ("'single'", "\"'single'\""),
            ("ends with:", "\"ends with:\""),
            (" padded", "\" padded\""),
            ("two\nlines", "\"two\\nlines\""),
            ("tab\there", "\"tab\\there\""),
            ("\"Best\" Co's", "'\"Best\" Co''s'"),
            ("bell\u{7}", "\"bell\\u0007\""),
            ("c1\u{85}", "\"c1\\u0085\""),
        ] {
            assert_eq!(scalar(text), written, "{text:?}");
            assert_eq!(read_back(text), text, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the text, cuc reads back exactly what was written.
        #[test]
        fn any_text_reads_back_as_itself(text in any::<String>()) {
            prop_assert_eq!(read_back(&text), serde_json::Value::from(text));
        }

        /// Text made of the characters that matter to YAML, more densely.
        #[test]
        fn yaml_punctuation_reads_back_as_itself(text in "[-?:,\\[\\]{}#&*!|>'\"%@` a-z0-9.+_~\n\t]{0,12}") {
            prop_assert_eq!(read_back(&text), serde_json::Value::from(text));
        }
    }
}
