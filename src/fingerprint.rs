//! The fingerprint of an understanding: `sha256:` and the hex digest of its
//! meaning — the parsed value serialised canonically (keys sorted, no
//! comments, no formatting). Reformatting or commenting keeps it; changing
//! any value changes it. Sign-offs and reviews record it.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn of(value: &Value) -> Fingerprint {
        let mut canonical = String::new();
        write_canonical(value, &mut canonical);
        let digest = Sha256::digest(canonical.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Fingerprint(format!("sha256:{hex}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 12 hex digits, for people.
    pub fn short(&self) -> &str {
        &self.0[7..19]
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// JSON with object keys in sorted order, whatever order the map keeps.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_yaml;
    use crate::source::SourceText;

    fn of(yaml: &str) -> Fingerprint {
        let source = SourceText::new(yaml.to_owned());
        Fingerprint::of(&parse_yaml(&source, yaml, "t.yaml").unwrap().to_json())
    }

    #[test]
    fn formatting_comments_and_key_order_do_not_change_it() {
        let a = of("a: 1\nb: [x, y]\n");
        let b = of("# comment\nb:\n  - x   # first\n  - \"y\"\na:   1\n");
        assert_eq!(a, b);
    }

    #[test]
    fn any_value_change_changes_it() {
        assert_ne!(of("a: 14\n"), of("a: 21\n"));
        assert_ne!(of("a: [x, y]\n"), of("a: [y, x]\n"));
        assert_ne!(of("a: '1'\n"), of("a: 1\n"));
    }

    #[test]
    fn form() {
        let f = of("a: 1\n");
        assert!(f.as_str().starts_with("sha256:") && f.as_str().len() == 71);
        assert_eq!(f.short().len(), 12);
    }
}
