//! What a check is (its name, default severity and explanation) and the
//! structural checks, one constant each. Here, at the bottom, because the
//! structural checks are made while loading, checking the schema and
//! validating references, all below the judgement that lists them with the
//! review rules (`judge::catalog`). A finding names its check by constant,
//! so a misspelt check does not compile.

use serde::{Deserialize, Serialize};
use std::fmt;

use Severity::{Error, Info, Warning};

/// How much a finding matters. A check has a default; the workspace may
/// change a review rule's (`cuc.yaml`, `rules:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so `{:<8}` lines severities up in tables.
        f.pad(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Kebab-case name, shown with every finding and used in configuration.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the check finds.
    pub summary: &'static str,
    /// Why it matters and how to fix it.
    pub explanation: &'static str,
}

pub const fn check(
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Check {
    Check {
        name,
        severity,
        summary,
        explanation,
    }
}

/// Defines one constant per check and `CHECKS`, the list of them in the
/// order given, so a check cannot be defined and left out of the list.
macro_rules! checks {
    ($($id:ident = $check:expr;)*) => {
        $(pub const $id: &Check = &$check;)*

        /// The structural checks `cuc validate` runs, in the order
        /// `cuc review --explain` lists them.
        pub const CHECKS: &[Check] = &[$(*$id),*];
    };
}

checks! {
    YAML_SYNTAX = check(
        "yaml-syntax",
        Error,
        "the file is not valid YAML",
        "cuc could not read the file, so nothing in it can be checked. The finding points at the \
         line that breaks the layout and says how to fix it. The usual causes: a line indented \
         more or less than the lines beside it, a list item without its `- `, a text holding \
         `: ` or starting with a sign such as `@`, `*` or `[` (put such a text in double quotes), \
         a quote that is never closed, a missing space after a `:`, or a tab. Fix that line and \
         run cuc again: the next problem, if any, is then shown.",
    );
    DUPLICATE_KEY = check(
        "duplicate-key",
        Error,
        "the same field appears twice in one place",
        "When a field is written twice in the same block, one of the two values would be silently \
         lost. Keep one of them (merge the text if both matter) and delete the other.",
    );
    HASH_IN_TEXT = check(
        "hash-in-text",
        Warning,
        "a ` #` in a text starts a comment, so the rest of the text is left out",
        "In YAML, a `#` after a space starts a comment: everything after it on the line is left \
         out of the text, from the page, the diff and every check. `The renewal of shipper #1` \
         is read as `The renewal of shipper`. Put the whole text in double quotes to keep the \
         `#`; a real comment is written `# like this`, with a space after the `#`.",
    );
    ITEM_IN_TEXT = check(
        "item-in-text",
        Warning,
        "a line starting with `- ` is read as part of the text above it, not as a list item",
        "A list item's `-` must line up with the `-` of the items beside it. A line whose `- ` \
         starts further in is read as more of the text above, so `- Route planning` followed by \
         ` - Driver apps` one space further in is the single text `Route planning - Driver \
         apps`. Line the `-` up with the one above; under a field that already has a value on \
         its own line, write the list below the field with nothing after its `:`.",
    );
    YAML_LIMIT = check(
        "yaml-limit",
        Error,
        "the document is nested too deeply, holds too much, or expands too much",
        "cuc reads at most this much from one document: lists and blocks nested 64 levels deep, \
         250,000 values (fields, list items and texts), 64 MiB of text, 50,000 YAML aliases (*a) \
         and anchors (&a), and no more than aliases repeating content would reach past these. A \
         real customer page never comes near, and reading more could exhaust the machine. The \
         message names the limit that was reached: write the content out plainly, and move long \
         material into notes.",
    );
    FILE_TOO_LARGE = check(
        "file-too-large",
        Error,
        "the file is larger than the workspace allows",
        "A customer document is one page of understanding, not a data dump. cuc reads at most \
         `limits.max_file_size` from cuc.yaml (1 MiB unless set, and at most 64 MiB). This holds \
         for the versions kept in history too, which `cuc diff` and `cuc review` compare with. \
         Move long material into notes, or raise the limit in cuc.yaml if the file really belongs.",
    );
    INVALID_UTF8 = check(
        "invalid-utf8",
        Error,
        "the file is not UTF-8 text",
        "cuc reads documents as UTF-8, the encoding every modern editor uses. The finding gives \
         the byte where the text stops being UTF-8; this usually comes from pasting from an old \
         spreadsheet. Re-save the file as UTF-8.",
    );
    MERGE_CONFLICT = check(
        "merge-conflict",
        Error,
        "the file still has git merge conflict markers",
        "Lines starting with <<<<<<<, ======= and >>>>>>> are left by git when two people changed \
         the same lines. Decide which version is right, keep it, delete the markers, and commit.",
    );
    UNREADABLE_FILE = check(
        "unreadable-file",
        Error,
        "the file could not be read",
        "cuc could not open or read the file, usually because of its permissions. Every other \
         file is still checked. Make the file readable (or remove it) and run cuc again.",
    );
    MISSING_FIELD = check(
        "missing-field",
        Error,
        "a required field is missing",
        "A few fields are required because everything else in cuc depends on them: the customer's \
         name and CS owner, the four business-context answers, the success criteria and \
         stakeholder lists (they may start empty), and the review cadence. Add the field named.",
    );
    UNKNOWN_FIELD = check(
        "unknown-field",
        Error,
        "a field that cuc does not know",
        "Unknown fields are errors so that a typo (`budjet`) never passes silently and the \
         information goes missing from reviews, diffs and the signed page. Fix the spelling \
         (cuc suggests the closest field), or move the content into a field that exists.",
    );
    WRONG_TYPE = check(
        "wrong-type",
        Error,
        "a value of the wrong kind (text, number, list, block)",
        "Each field holds one kind of value: text, a number, true/false, a list (lines starting \
         with `- `) or a block of named fields. The finding says what was expected. Quoting a \
         value (\"...\") makes it text.",
    );
    INVALID_VALUE = check(
        "invalid-value",
        Error,
        "a value that is not allowed here",
        "Some fields take one of a fixed set of words (a status, a role, a sentiment), a real \
         calendar date as YYYY-MM-DD, an email address, or a value of a fixed shape. The finding \
         names what is allowed.",
    );
    DUPLICATE_ID = check(
        "duplicate-id",
        Error,
        "two items in one list share an id",
        "Ids (and stakeholder names) are how reviews, decisions, sign-offs and diffs refer to an \
         item. Two items with the same id make every such reference ambiguous. Give the second \
         one its own id.",
    );
    UNKNOWN_REFERENCE = check(
        "unknown-reference",
        Error,
        "a reference to a stakeholder, decision or milestone that does not exist",
        "Risk owners, agreed-by lists, decision owners and recipients must name a stakeholder in \
         understanding.yaml exactly as written there; `supersedes` must name a decision and a \
         note's or review's `milestone` a milestone. Fix the spelling or add the missing entry.",
    );
    MISSING_DOCUMENT = check(
        "missing-document",
        Error,
        "a customer folder without understanding.yaml",
        "Every folder under customers/ is a customer, and its understanding.yaml is the page \
         everything else hangs on. Create it with `cuc new ID` (in a fresh folder), or move \
         the folder out of customers/ if it is not a customer.",
    );
    UNKNOWN_DOCUMENT = check(
        "unknown-document",
        Warning,
        "a YAML file in a customer folder that cuc does not read",
        "cuc reads understanding.yaml, decisions.yaml, reviews.yaml and notes/*.md. Any other YAML \
         file in a customer folder is ignored, which is usually a misspelt name. Rename it, or \
         move free text into notes/.",
    );
    INVALID_CUSTOMER_ID = check(
        "invalid-customer-id",
        Error,
        "a customer folder whose name is not a valid id",
        "The folder name is the customer's id, used in commands, links and CI output. It must be \
         lower-case letters, digits and dashes, start with a letter or digit, and be at most 63 \
         characters (e.g. `northwind` or `acme-emea`). Rename the folder.",
    );
    NOT_REVIEWED = check(
        "not-reviewed",
        Info,
        "the review rules did not run for a customer whose documents have errors",
        "The review rules judge the understanding itself: whether success is measurable, who signed, \
         whether it is fresh. On documents with structural errors their verdicts would be noise, so \
         they wait. Fix the errors reported for the customer, and the rules run.",
    );
    OUTSIDE_WORKSPACE = check(
        "outside-workspace",
        Error,
        "a link that points outside the workspace",
        "cuc never follows a path out of the workspace: a customer folder or document that is a \
         symbolic link to somewhere else would let content from outside the repository into \
         reviews and signed pages. Replace the link with the real files.",
    );
}
