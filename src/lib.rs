//! cuc: customer understanding, kept as code.
//!
//! The map (ARCHITECTURE.md has the page): layers from the bottom up, each
//! using only itself and those below; `scripts/layers.py` checks it.
//!
//! - `text`: words, numbers, escapers, did-you-mean.
//! - `load`, `history`, `error`: bytes → text → a YAML tree whose values
//!   know their byte ranges (two readers, one budget); findings; git.
//! - `model`: typed documents, dates, fingerprints, the schemas.
//! - `workspace`, `write`: the root, cuc.yaml, templates; appending records.
//! - `validate`, `compare`: a customer's documents checked; versions diffed.
//! - `judge`: the checks catalogue, review rules, portfolio, questions, summary.
//! - `output`, `render`: findings, diffs and status as text and JSON; the page.
//! - `cli`, `commands`, `app`: the command line, one orchestrating module per
//!   subcommand, and the process.

pub mod app;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod error;
pub mod history;
pub mod import;
pub mod judge;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod text;
pub mod validate;
pub mod workspace;
pub mod write;
