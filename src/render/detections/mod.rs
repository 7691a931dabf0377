//! Exports for detection tools, written under `detections/`: Sigma rules and ready-to-run
//! queries for Athena, CloudTrail Lake and CloudWatch Logs Insights. Each is derived from
//! the catalog (which events, from which event source) and the source-language view
//! (titles, owners, status); `docs/catalog.md` says what each file is for.

mod athena;
mod cloudtrail_lake;
mod logs_insights;
mod selection;
mod sigma;

use super::catalog::model::Catalog;
use super::Files;
use crate::build::RenderContext;
use selection::Selection;

/// Folder of the exports in the output.
pub const DIR: &str = "detections";

pub fn render(ctx: &RenderContext, catalog: &Catalog) -> Result<Files, String> {
    let mut files = Files::new();
    let source = &ctx.views[0];
    for p in &source.playbooks {
        let selections = Selection::of(
            catalog
                .events
                .iter()
                .filter(|e| e.playbooks.iter().any(|r| r.id == p.id)),
        );
        if selections.is_empty() {
            continue; // a playbook without events has nothing to query
        }
        let header = selection::Header::new(p);
        files.insert(
            format!("{DIR}/athena/{}.sql", p.id),
            athena::query(&header, &selections).into_bytes(),
        );
        files.insert(
            format!("{DIR}/cloudtrail-lake/{}.sql", p.id),
            cloudtrail_lake::query(&header, &selections).into_bytes(),
        );
        files.insert(
            format!("{DIR}/logs-insights/{}.txt", p.id),
            logs_insights::query(&header, &selections).into_bytes(),
        );
        let base_url = ctx.book.config.output.catalog.base_url.as_deref();
        for rule in sigma::rules(p, catalog, &source.lang, base_url)? {
            files.insert(
                format!("{DIR}/sigma/{}", rule.file_name),
                rule.yaml.into_bytes(),
            );
        }
    }
    Ok(files)
}
