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

    /// The first 6 hex digits: the short code the page shows with its date.
    pub fn short(&self) -> &str {
        &self.0[7..13]
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
    use crate::load::source::SourceText;

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

    /// The canonical form is a stored contract: every sign-off and review
    /// in every workspace records a fingerprint, and `stale-signoff`
    /// compares them with today's. If this value ever changes, every
    /// existing sign-off would silently turn stale. So it must not change
    /// by accident; if it has to change on purpose, the new form needs a
    /// new prefix (not `sha256:`), and cuc must keep computing the old
    /// form to compare with fingerprints recorded under it.
    #[test]
    fn the_canonical_form_and_its_digest_are_pinned() {
        let text = "b: \"ü \\\"q\\\" \\\\ /\"\nz: [3, 2.5, -1, 1e3, true, null, ~]\na:\n  y: 2026-03-01\n  x: {k: ''}\n";
        let source = SourceText::new(text.to_owned());
        let value = parse_yaml(&source, text, "t.yaml").unwrap().to_json();
        let mut canonical = String::new();
        write_canonical(&value, &mut canonical);
        assert_eq!(
            canonical,
            r#"{"a":{"x":{"k":""},"y":"2026-03-01"},"b":"ü \"q\" \\ /","z":[3,2.5,-1,1000.0,true,null,null]}"#
        );
        assert_eq!(
            Fingerprint::of(&value).as_str(),
            "sha256:923f5225b10c25cdeb237e1e6c8204e7ad67aff23572fc44dea90bcf1af90e77"
        );
    }

    #[test]
    fn form() {
        let f = of("a: 1\n");
        assert!(f.as_str().starts_with("sha256:") && f.as_str().len() == 71);
        assert_eq!(f.short().len(), 6);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::load::parse_yaml;
    use crate::load::source::SourceText;
    use proptest::prelude::*;

    /// Documents shaped like customer pages: nested blocks of text, numbers,
    /// booleans and lists.
    fn document() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            "[a-zA-Z0-9 .,:#'-]{0,20}".prop_map(Value::from),
            any::<i32>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_]{1,8}", inner, 1..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .prop_map(|v| serde_json::json!({ "doc": v }))
    }

    /// The same value written as block YAML, keys in reverse order, with
    /// comments and extra spaces: what a person's edits look like.
    fn block(value: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter().rev() {
                    out.push_str(&format!("{pad}# about {key}\n{pad}{key}:"));
                    scalar_or_block(child, indent, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    out.push_str(&format!("{pad}-"));
                    scalar_or_block(item, indent, out);
                }
            }
            other => out.push_str(&format!("{pad}{other}\n")),
        }
    }

    fn scalar_or_block(value: &Value, indent: usize, out: &mut String) {
        match value {
            Value::Object(m) if !m.is_empty() => {
                out.push('\n');
                block(value, indent + 2, out);
            }
            Value::Array(a) if !a.is_empty() => {
                out.push('\n');
                block(value, indent + 2, out);
            }
            other => out.push_str(&format!("   {other}   # note\n")),
        }
    }

    fn fingerprint(text: &str) -> Fingerprint {
        let source = SourceText::new(text.to_owned());
        let root =
            parse_yaml(&source, text, "t.yaml").unwrap_or_else(|f| panic!("{}\n{text}", f.message));
        Fingerprint::of(&root.to_json())
    }

    /// Changes one leaf of the value.
    fn mutate(value: &mut Value, choice: usize) -> bool {
        match value {
            Value::Object(map) => {
                let n = map.len().max(1);
                map.values_mut()
                    .nth(choice % n)
                    .is_some_and(|v| mutate(v, choice / n))
            }
            Value::Array(items) if !items.is_empty() => {
                let n = items.len();
                mutate(&mut items[choice % n], choice / n)
            }
            Value::Array(items) => {
                items.push(Value::from("new"));
                true
            }
            Value::String(s) => {
                s.push('x');
                true
            }
            Value::Number(n) => {
                *value = Value::from(n.as_i64().unwrap_or(0).wrapping_add(1));
                true
            }
            Value::Bool(b) => {
                *b = !*b;
                true
            }
            Value::Null => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn reformatting_never_changes_the_fingerprint(value in document()) {
            let mut text = String::new();
            block(&value, 0, &mut text);
            let flow = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(fingerprint(&text), fingerprint(&flow));
            prop_assert_eq!(fingerprint(&flow), Fingerprint::of(&value));
        }

        #[test]
        fn any_value_change_changes_the_fingerprint(value in document(), choice in 0usize..1000) {
            let mut changed = value.clone();
            prop_assume!(mutate(&mut changed, choice));
            prop_assert_ne!(Fingerprint::of(&value), Fingerprint::of(&changed));
        }
    }
}
