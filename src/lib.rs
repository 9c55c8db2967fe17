//! cuc: customer understanding, kept as code.
//!
//! Data flows one way: a workspace is discovered (`workspace`), each
//! customer's documents are loaded once with source positions (`load`,
//! `node`), checked against the schemas (`schema`) and across documents
//! (`references`), and the findings are printed by an output format
//! (`output`). Commands (`commands`) only orchestrate.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod customer;
pub mod dates;
pub mod diff;
pub mod document;
pub mod error;
pub mod fast_yaml;
pub mod finding;
pub mod fingerprint;
pub mod history;
pub mod load;
pub mod model;
pub mod node;
pub mod notes;
pub mod output;
pub mod portfolio;
pub mod questions;
pub mod record;
pub mod references;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod summary;
pub mod template;
pub mod validation;
pub mod words;
pub mod workspace;
