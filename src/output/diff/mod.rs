//! Reports of a diff: for people (`human`), for a pull-request comment
//! (`markdown`), for programs (`json`).

mod human;
mod json;
mod markdown;

pub use human::render as human;
pub use json::render as json;
pub use markdown::render as markdown;

use crate::compare::{CustomerDiff, Status};

/// "2 customers changed (1 added) · 5 changes · 1 record of reviews and
/// sign-offs · 1 sign-off to renew"
fn summary_line(diffs: &[CustomerDiff]) -> String {
    if diffs.is_empty() {
        return "no customer's understanding changed".to_owned();
    }
    let count = |status: Status| diffs.iter().filter(|d| d.status == status).count();
    let mut kinds = Vec::new();
    for (status, word) in [(Status::Added, "added"), (Status::Removed, "removed")] {
        if count(status) > 0 {
            kinds.push(format!("{} {word}", count(status)));
        }
    }
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    let changes: usize = diffs.iter().map(CustomerDiff::change_count).sum();
    let signers: usize = diffs.iter().map(|d| d.must_sign_again.len()).sum();
    let records: usize = diffs.iter().map(CustomerDiff::record_count).sum();
    // Only records, or only formatting: no understanding changed, and the
    // line says so rather than "1 customer changed · 0 changes".
    let mut line = if changes == 0 && kinds.is_empty() {
        "no customer's understanding changed".to_owned()
    } else {
        format!(
            "{}{kinds} · {}",
            plural(diffs.len(), "customer", "changed"),
            plural(changes, "change", "")
        )
    };
    if records > 0 {
        line.push_str(&format!(
            " · {}",
            plural(records, "record", "of reviews and sign-offs")
        ));
    }
    if signers > 0 {
        line.push_str(&format!(" · {}", plural(signers, "sign-off", "to renew")));
    }
    line
}

fn plural(n: usize, word: &str, after: &str) -> String {
    let counted = crate::text::words::plural(n, word);
    if after.is_empty() {
        counted
    } else {
        format!("{counted} {after}")
    }
}
