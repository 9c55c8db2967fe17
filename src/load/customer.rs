//! A customer: one folder under customers/, its documents loaded once.

use std::path::PathBuf;

use crate::load::Parsed;

/// A document that was looked for and read; `parsed` is absent when it could
/// not be read or parsed (the finding says why).
#[derive(Debug)]
pub struct Loaded {
    /// Path relative to the workspace root.
    pub file: String,
    pub parsed: Option<Parsed>,
}

impl Loaded {
    pub fn parsed(&self) -> Option<(&str, &Parsed)> {
        self.parsed.as_ref().map(|p| (self.file.as_str(), p))
    }
}

#[derive(Debug)]
pub struct Customer {
    /// The folder name.
    pub id: String,
    pub dir: PathBuf,
    pub understanding: Option<Loaded>,
    pub decisions: Option<Loaded>,
    pub reviews: Option<Loaded>,
    /// Every note that could be read: its text, and its YAML front matter
    /// as the tree (null when it has none; only the front matter is a
    /// document, checked against the schema).
    pub notes: Vec<Loaded>,
}
