//! `cuc schema [KIND]`: prints an embedded JSON Schema, or lists the kinds.

use super::Outcome;
use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::text::closest;

pub fn run(kind: Option<&str>) -> Result<Outcome, CucError> {
    let Some(name) = kind else {
        let mut out = String::from("Document kinds (print one with `cuc schema KIND`):\n");
        for kind in DocumentKind::ALL {
            out.push_str(&format!("  {:<14} {}\n", kind.name(), kind.describe()));
        }
        return Ok(Outcome::ok(out));
    };
    match DocumentKind::from_name(name) {
        Some(kind) => Ok(Outcome::ok(kind.schema_text())),
        None => {
            let names = DocumentKind::ALL.map(DocumentKind::name);
            let hint = closest(name, names.iter().copied())
                .map(|best| format!("did you mean `{best}`? "))
                .unwrap_or_default();
            Err(CucError::Usage(format!(
                "there is no schema called `{name}`\n  help: {hint}the kinds are: {}",
                names.join(", ")
            )))
        }
    }
}
