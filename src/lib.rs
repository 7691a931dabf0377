//! irbook: incident-response playbooks as checked, localized books and a detection catalog.
//!
//! The pipeline (see DESIGN.md): config → load → validate → localize → render → write.
//! Each stage is a module with one job; the binary (`main.rs`) only parses the command line.

pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod digest;
pub mod i18n;
pub mod import;
pub mod load;
pub mod model;
pub mod pdf;
pub mod read;
pub mod registry;
pub mod render;
pub mod schema;
pub mod serve;
pub mod suggest;
#[cfg(test)]
mod test_support;
pub mod timing;
pub mod validate;
pub mod view;
pub mod write;
pub mod yaml_error;
