//! Rendering diagnostics: rustc-style text (through `annotate-snippets`, the only module
//! that uses it) or JSON.

use super::{Diagnostic, Diagnostics, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// Renders every diagnostic and the summary line, as a person reads them.
pub fn human(diags: &Diagnostics, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags.items() {
        out.push_str(&render_one(
            &renderer,
            d,
            diags.source_line(&d.file, d.line),
        ));
        out.push_str("\n\n");
    }
    out.push_str(&summary(diags));
    out.push('\n');
    out
}

/// "error: 2 errors, 1 warning" or "ok: no problems found".
pub fn summary(diags: &Diagnostics) -> String {
    let (e, w) = (diags.error_count(), diags.warning_count());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (e, w) {
        (0, 0) => "ok: no problems found".to_owned(),
        (0, w) => format!("ok with {}", plural(w, "warning")),
        (e, 0) => format!("failed: {}", plural(e, "error")),
        (e, w) => format!("failed: {}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// `line_text`: the text of the diagnostic's line, when its file is known.
fn render_one(renderer: &Renderer, d: &Diagnostic, line_text: Option<&str>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Hint => Level::HELP,
    };
    let id = format!("{} {}", d.code, d.name);
    let title = level.primary_title(d.message.as_str()).id(id);
    let mut group = match line_text {
        Some(text) => {
            let span = char_span(text, d.column as usize, d.width);
            let mut ann = AnnotationKind::Primary.span(span);
            if let Some(label) = &d.label {
                ann = ann.label(label.as_str());
            }
            title.element(
                Snippet::source(text)
                    .line_start(d.line as usize)
                    .path(d.file.as_str())
                    .annotation(ann),
            )
        }
        None => title.element(
            Origin::path(d.file.as_str())
                .line(d.line as usize)
                .char_column(d.column as usize),
        ),
    };
    for r in &d.related {
        group = group.element(
            Level::NOTE.message(format!("{}: {}:{}:{}", r.message, r.file, r.line, r.column)),
        );
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let report: Vec<Group> = vec![group];
    renderer.render(&report)
}

/// Byte range of `width` characters starting at 1-based character column `col`.
fn char_span(line: &str, col: usize, width: usize) -> std::ops::Range<usize> {
    let start_char = col.saturating_sub(1);
    let mut indices = line.char_indices().map(|(i, _)| i).chain([line.len()]);
    let start = indices.nth(start_char).unwrap_or(line.len());
    let end = line[start..]
        .char_indices()
        .nth(width)
        .map(|(i, _)| start + i)
        .unwrap_or(line.len());
    start..end.max(start)
}

/// One JSON document: `{ "diagnostics": [...], "errors": n, "warnings": n }`.
pub fn json(diags: &Diagnostics) -> String {
    let doc = serde_json::json!({
        "diagnostics": diags.items(),
        "errors": diags.error_count(),
        "warnings": diags.warning_count(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_span_handles_multibyte_text() {
        let line = "  - Démarrer la conversation";
        let r = char_span(line, 5, 8);
        assert_eq!(&line[r], "Démarrer");
    }

    #[test]
    fn char_span_clamps_past_the_end() {
        assert_eq!(char_span("abc", 10, 3), 3..3);
    }
}
