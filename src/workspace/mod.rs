//! The workspace: found by walking up to the nearest cuc.yaml, like git
//! finds `.git`. Knows where customers live and keeps every path inside.

pub mod answers;
pub mod config;
pub mod template;

use std::path::{Path, PathBuf};

use crate::error::CucError;
use crate::model::schema::Schemas;
use crate::workspace::config::Config;

pub const CONFIG_FILE: &str = "cuc.yaml";
pub const CUSTOMERS_DIR: &str = "customers";

#[derive(Debug)]
pub struct Workspace {
    /// Canonical path of the folder holding cuc.yaml.
    pub root: PathBuf,
    pub config: Config,
    /// The schemas with the workspace's own fields, when it declares any.
    custom_schemas: Option<Schemas>,
    /// The same, with no custom field required (see `schemas_for_writing`).
    writing_schemas: std::sync::OnceLock<Schemas>,
}

impl Workspace {
    /// The schemas documents are checked against here: cuc's own, with the
    /// fields cuc.yaml declares merged in.
    pub fn schemas(&self) -> &Schemas {
        self.custom_schemas
            .as_ref()
            .unwrap_or_else(|| Schemas::embedded())
    }

    /// The schemas an entry cuc adds (a review, a decision) is checked
    /// against: the workspace's, except that a custom field it requires may
    /// still be missing, since the command line cannot fill it in; `cuc
    /// validate` then asks for it.
    pub fn schemas_for_writing(&self) -> &Schemas {
        if self.config.fields.fields.iter().all(|f| !f.required) {
            return self.schemas();
        }
        self.writing_schemas.get_or_init(|| {
            let mut fields = self.config.fields.clone();
            for field in &mut fields.fields {
                field.required = false;
            }
            Schemas::with_fields(&fields)
        })
    }

    /// Finds the workspace containing `start` and reads its settings.
    pub fn discover(start: &Path) -> Result<Workspace, CucError> {
        let start = start
            .canonicalize()
            .map_err(|e| CucError::io("open folder", start, e))?;
        let root = start
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .ok_or_else(|| CucError::NoWorkspace {
                start: start.clone(),
            })?
            .to_path_buf();
        let config = Config::load(&root.join(CONFIG_FILE)).map_err(CucError::InvalidConfig)?;
        let custom_schemas =
            (!config.fields.is_empty()).then(|| Schemas::with_fields(&config.fields));
        Ok(Workspace {
            root,
            config,
            custom_schemas,
            writing_schemas: std::sync::OnceLock::new(),
        })
    }

    pub fn customers_dir(&self) -> PathBuf {
        self.root.join(CUSTOMERS_DIR)
    }

    /// A path relative to the workspace root, with `/` separators, as shown
    /// in every finding.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Whether a path, once links are followed, is still inside the workspace.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize().is_ok_and(|p| p.starts_with(&self.root))
    }

    /// The customer folders, sorted by id. Entries that are not folders are
    /// skipped (a README next to the customers is fine).
    pub fn customer_dirs(&self) -> Result<Vec<(String, PathBuf)>, CucError> {
        let dir = self.customers_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(CucError::io("read folder", dir, e)),
        };
        let mut customers = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| CucError::io("read folder", &dir, e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // Hidden folders (.git, editor state) are not customers.
            if name.starts_with('.') || !path.is_dir() {
                continue;
            }
            customers.push((name, path));
        }
        customers.sort();
        Ok(customers)
    }
}

impl Workspace {
    /// The folders of the customers named, or of all customers when none
    /// are named. An unknown id is an error that suggests the closest.
    pub fn select(&self, ids: &[String]) -> Result<Vec<(String, PathBuf)>, CucError> {
        let all = self.customer_dirs()?;
        if ids.is_empty() {
            return Ok(all);
        }
        ids.iter()
            .map(|id| {
                let found = all.iter().find(|(known, _)| known == id).cloned();
                if let Some((_, dir)) = &found
                    && !self.contains(dir)
                {
                    return Err(CucError::OutsideWorkspace {
                        path: dir.clone(),
                        root: self.root.clone(),
                    });
                }
                found.ok_or_else(|| {
                    let hint = crate::text::closest(id, all.iter().map(|(k, _)| k.as_str()))
                        .map(|best| format!("did you mean `{best}`? "))
                        .unwrap_or_default();
                    CucError::Usage(format!(
                        "there is no customer `{id}` in {}\n  help: {hint}customers are the folders under customers/ (`cuc status` lists them)",
                        self.customers_dir().display()
                    ))
                })
            })
            .collect()
    }
}

/// Checks a customer id (folder name): `^[a-z0-9][a-z0-9-]{0,62}$`.
pub fn check_customer_id(id: &str) -> Result<(), CucError> {
    match customer_id_problem(id) {
        Some(reason) => Err(CucError::InvalidId {
            id: id.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

/// What is wrong with a customer id, if anything.
pub fn customer_id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("it is empty")
    } else if id.len() > 63 {
        Some("it is longer than 63 characters")
    } else if !id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        Some("it must start with a lower-case letter or a digit")
    } else if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("it may only contain lower-case letters, digits and dashes")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_ids() {
        for ok in ["northwind", "acme-emea", "3m", "a"] {
            assert!(check_customer_id(ok).is_ok(), "{ok}");
        }
        let long = "a".repeat(64);
        for bad in [
            "",
            "../x",
            "a/b",
            "CON",
            ".git",
            "-x",
            "Acme",
            "a_b",
            long.as_str(),
        ] {
            assert!(check_customer_id(bad).is_err(), "{bad}");
        }
    }
}
