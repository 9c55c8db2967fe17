//! `cuc schema [KIND]`: prints an embedded JSON Schema, or lists the kinds.

use super::Outcome;
use crate::error::CucError;
use crate::load::document::DocumentKind;
use crate::text::closest;
use crate::workspace::Workspace;

/// Prints the schema as the workspace around `cwd` checks it: with the
/// fields its cuc.yaml declares merged in (outside a workspace, cuc's own).
pub fn run(cwd: &std::path::Path, kind: Option<&str>) -> Result<Outcome, CucError> {
    let Some(name) = kind else {
        let mut out = String::from("Document kinds (print one with `cuc schema KIND`):\n");
        for kind in DocumentKind::ALL {
            out.push_str(&format!("  {:<14} {}\n", kind.name(), kind.describe()));
        }
        return Ok(Outcome::ok(out));
    };
    match DocumentKind::from_name(name) {
        Some(kind) => {
            let workspace = match Workspace::discover(cwd) {
                Ok(workspace) => Some(workspace),
                Err(CucError::NoWorkspace { .. }) => None,
                Err(e) => return Err(e),
            };
            match workspace.filter(|w| !w.config.fields.is_empty()) {
                Some(workspace) => {
                    let merged = workspace.config.fields.merged_schema(kind);
                    let mut text = serde_json::to_string_pretty(&merged)
                        .unwrap_or_else(|_| kind.schema_text().to_owned());
                    text.push('\n');
                    Ok(Outcome::ok(text))
                }
                None => Ok(Outcome::ok(kind.schema_text())),
            }
        }
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
