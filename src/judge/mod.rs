//! Judging the understanding: the catalogue of checks, the review rules,
//! a portfolio's assessment, the milestone questions and the summary.

pub mod catalog;
pub mod portfolio;
pub mod questions;
pub mod rules;
pub mod summary;
