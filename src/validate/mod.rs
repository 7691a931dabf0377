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

use crate::config::Config;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::load::{Book, Source};
use crate::model::{Name, Playbook};
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
    let outlines: Vec<Outline> = book.playbooks.iter().map(|p| Outline::of(p)).collect();
    diags.extend(book_wide(&book.config, &outlines));
    diags
}

/// What the rules across playbooks read of each playbook: all that `check` keeps of a
/// playbook when it keeps only diagnostics.
#[derive(Debug, Clone)]
pub struct Outline {
    pub shown: String,
    pub id: Name,
    pub related: Vec<Name>,
    /// The role of each step that names one, in order.
    pub roles: Vec<Name>,
    /// Whether the positions above are known: false when the playbook was read the light
    /// way (`load::parse_light`), whose positions a diagnostic must not use.
    pub positioned: bool,
}

impl Outline {
    pub fn of(source: &Source<Playbook>) -> Outline {
        let p = &source.doc;
        Outline {
            shown: source.shown.clone(),
            id: p.id.clone(),
            related: p.related.clone(),
            roles: p
                .steps
                .iter()
                .filter_map(|s| s.value.role.clone())
                .collect(),
            positioned: p.id.pos.is_known(),
        }
    }
}

/// The rules across playbooks: unique ids, related playbooks that exist, declared roles.
pub fn book_wide(config: &Config, playbooks: &[Outline]) -> Vec<Diagnostic> {
    let mut out = duplicate_ids(playbooks);
    out.extend(refs::check(config, playbooks));
    out
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

fn duplicate_ids(playbooks: &[Outline]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Outline> = BTreeMap::new();
    let mut out = Vec::new();
    for p in playbooks {
        let id = p.id.as_str();
        match first.get(id) {
            Some(earlier) => out.push(
                Diagnostic::new(
                    diag::DUPLICATE_PLAYBOOK,
                    &p.shown,
                    p.id.pos,
                    format!("another playbook already has the id `{id}`"),
                )
                .width(id.chars().count())
                .related(&earlier.shown, earlier.id.pos, "first used here")
                .help("playbook ids must be unique: they name the pages and the catalog entries"),
            ),
            None => {
                first.insert(id, p);
            }
        }
    }
    out
}
