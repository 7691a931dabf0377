//! Validation: named rules over the loaded book and the registry. Every rule only adds
//! diagnostics, so a writer sees every problem of the book in one run.

mod descriptions;
mod events;
mod prose;
mod refs;
mod structure;
mod threat;

pub use prose::{identifier_kind, Kind as IdentifierKind};
pub use structure::is_slug;

use crate::diag::{self, Diagnostic, Diagnostics};
use crate::load::{Book, Source};
use crate::model::Playbook;
use crate::registry::Registry;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Runs every rule on every playbook (in parallel), then the rules across playbooks.
pub fn validate(book: &Book, registry: &Registry) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let per_playbook: Vec<Vec<Diagnostic>> = book
        .playbooks
        .par_iter()
        .map(|source| validate_playbook(source, registry))
        .collect();
    for ds in per_playbook {
        diags.extend(ds);
    }
    diags.extend(duplicate_ids(&book.playbooks));
    diags.extend(refs::check(book));
    diags
}

/// The rules that look at one playbook alone.
pub fn validate_playbook(source: &Source<Playbook>, registry: &Registry) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ctx = Ctx {
        file: &source.shown,
        path: &source.path,
        registry,
    };
    structure::check(&ctx, &source.doc, &mut out);
    events::check(&ctx, &source.doc, &mut out);
    descriptions::check(&ctx, &source.doc, &mut out);
    threat::check(&ctx, &source.doc, &mut out);
    prose::check(&ctx, &source.doc, &source.text, &mut out);
    out
}

/// What every rule needs to know besides the playbook.
pub struct Ctx<'a> {
    pub file: &'a str,
    pub path: &'a std::path::Path,
    pub registry: &'a Registry,
}

impl Ctx<'_> {
    /// A diagnostic in this playbook that underlines the whole of `value`.
    pub fn on(
        &self,
        code: diag::Code,
        value: &crate::model::Sp<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, self.file, value.pos, message).width(value.chars().count())
    }
}

fn duplicate_ids(playbooks: &[Source<Playbook>]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Source<Playbook>> = BTreeMap::new();
    let mut out = Vec::new();
    for p in playbooks {
        let id = p.doc.id.as_str();
        match first.get(id) {
            Some(earlier) => out.push(
                Diagnostic::new(
                    diag::DUPLICATE_PLAYBOOK,
                    &p.shown,
                    p.doc.id.pos,
                    format!("another playbook already has the id `{id}`"),
                )
                .width(id.chars().count())
                .related(&earlier.shown, earlier.doc.id.pos, "first used here")
                .help("playbook ids must be unique: they name the pages and the catalog entries"),
            ),
            None => {
                first.insert(id, p);
            }
        }
    }
    out
}
