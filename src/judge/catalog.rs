//! Every kind of finding cuc reports, with its default severity and an
//! explanation for the people who have to fix it: the structural checks
//! (`load::check::CHECKS`) and the review rules (`judge::rules::checks`),
//! listed together so names stay unique and every check is documented (a
//! test keeps it so, and tests/integration/registry.rs keeps the config
//! schema, the README and docs/rules.md in step with it).

pub use crate::load::check::{CHECKS, Check};

/// Every check cuc knows: structural checks, review rules, and the checks
/// on a customer's documented exceptions.
pub fn all() -> impl Iterator<Item = &'static Check> {
    CHECKS.iter().chain(crate::judge::rules::checks())
}

/// Looks a check up by name.
pub fn find(name: &str) -> Option<&'static Check> {
    all().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for check in all() {
            assert!(
                seen.insert(check.name),
                "duplicate check name {}",
                check.name
            );
            assert!(
                check
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                check.name
            );
            assert!(
                !check.summary.is_empty() && check.explanation.len() > 80,
                "{} is undocumented",
                check.name
            );
        }
    }
}
