//! Renderers: pure functions from views to files. Nothing here touches the disk.

pub mod cacao;
pub mod catalog;
pub mod detections;
pub mod html;
pub mod markdown;
pub mod markdown_inline;
pub mod response_index;
pub mod search;
pub mod sections;

#[cfg(test)]
mod shipped_book;
#[cfg(test)]
mod summary_tests;

use std::collections::BTreeMap;

/// Output files: path relative to the output folder (`/`-separated) → bytes. A BTreeMap
/// so that every listing of the output is in a stable order.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Where a renderer gives each file as soon as it is made (path, bytes), from any thread.
pub type Put<'a> = dyn Fn(String, Vec<u8>) -> Result<(), String> + Sync + 'a;

/// Writes a file's bytes into a sink.
pub type Writer<'a> = dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Sync + 'a;

/// Where a renderer gives a file too large to be made whole in memory (path, and what
/// writes its bytes into a sink), from any thread (`build::Output::put_with`).
pub type PutWith<'a> = dyn Fn(String, &Writer) -> Result<(), String> + Sync + 'a;
