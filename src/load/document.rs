//! The kinds of document cuc reads, and the schema that defines each.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    Understanding,
    Decisions,
    Reviews,
    Note,
    Config,
    /// A mapping file for `cuc import --map`.
    ImportMap,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Understanding,
        DocumentKind::Decisions,
        DocumentKind::Reviews,
        DocumentKind::Note,
        DocumentKind::Config,
        DocumentKind::ImportMap,
    ];

    /// The name used by `cuc schema KIND` and in `schema/KIND.json`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Understanding => "understanding",
            DocumentKind::Decisions => "decisions",
            DocumentKind::Reviews => "reviews",
            DocumentKind::Note => "note",
            DocumentKind::Config => "config",
            DocumentKind::ImportMap => "import-map",
        }
    }

    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::Understanding => {
                "understanding.yaml: the one page of shared understanding"
            }
            DocumentKind::Decisions => "decisions.yaml: the decision log",
            DocumentKind::Reviews => {
                "reviews.yaml: milestone reviews and sign-offs (written by cuc)"
            }
            DocumentKind::Note => "notes/*.md: the optional YAML front matter of a note",
            DocumentKind::Config => "cuc.yaml: workspace settings",
            DocumentKind::ImportMap => "a mapping of CRM columns for `cuc import --map`",
        }
    }

    /// The kind of a file in a customer folder, from its name.
    pub fn for_customer_file(file_name: &str) -> Option<DocumentKind> {
        match file_name {
            "understanding.yaml" => Some(DocumentKind::Understanding),
            "decisions.yaml" => Some(DocumentKind::Decisions),
            "reviews.yaml" => Some(DocumentKind::Reviews),
            _ => None,
        }
    }

    /// The JSON Schema, embedded in the binary from `schema/`.
    pub fn schema_text(self) -> &'static str {
        match self {
            DocumentKind::Understanding => include_str!("../../schema/understanding.json"),
            DocumentKind::Decisions => include_str!("../../schema/decisions.json"),
            DocumentKind::Reviews => include_str!("../../schema/reviews.json"),
            DocumentKind::Note => include_str!("../../schema/note.json"),
            DocumentKind::Config => include_str!("../../schema/config.json"),
            DocumentKind::ImportMap => include_str!("../../schema/import-map.json"),
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
