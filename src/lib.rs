//! cuc: customer understanding, kept as code.
//!
//! Data flows one way: a workspace is discovered (`workspace`), each
//! customer's documents are loaded once with source positions (`load`,
//! `node`), checked against the schemas (`schema`) and across documents
//! (`references`), and the findings are printed by an output format
//! (`output`). Commands (`commands`) only orchestrate.

pub mod app;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod error;
pub mod history;
pub mod judge;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod text;
pub mod validate;
pub mod workspace;
pub mod write;
