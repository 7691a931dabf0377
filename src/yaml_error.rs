//! Turning serde-saphyr's errors into irbook diagnostics with a code, a position and a hint.

use crate::diag::{self, Diagnostic};
use crate::model::Pos;
use crate::suggest::closest;
use serde_saphyr::Error;

fn innermost(mut err: &Error) -> &Error {
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

pub fn to_diagnostic(err: &Error, text: &str, shown: &str) -> Diagnostic {
    let pos = err
        .location()
        .map(|l| Pos::new(l.line() as u32, l.column() as u32))
        .filter(|p| p.is_known())
        .unwrap_or(Pos::new(1, 1));
    let inner = innermost(err);
    let message = inner.without_snippet().render();
    // The renderer may append its own location; ours is shown separately.
    let message = strip_location_suffix(&message);
    match inner {
        Error::SerdeUnknownField { field, expected, .. } => {
            let help = match closest(field, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("valid keys here: {}", list(expected)),
            };
            Diagnostic::new(diag::UNKNOWN_KEY, shown, pos, format!("unknown key `{field}`"))
                .width(field.chars().count())
                .label("not a key of this section")
                .help(help)
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            let help = match closest(variant, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? (one of {})", list(expected)),
                None => format!("use one of {}", list(expected)),
            };
            Diagnostic::new(diag::BAD_VALUE, shown, pos, format!("`{variant}` is not allowed here"))
                .width(variant.chars().count())
                .help(help)
        }
        Error::SerdeMissingField { field, .. } => Diagnostic::new(
            diag::MISSING_FIELD,
            shown,
            pos,
            format!("missing required key `{field}`"),
        )
        .help(format!("add `{field}:` to this section")),
        Error::SerdeInvalidType { unexpected, expected, .. }
        | Error::SerdeInvalidValue { unexpected, expected, .. } => Diagnostic::new(
            diag::WRONG_TYPE,
            shown,
            pos,
            format!("expected {expected}, found {unexpected}"),
        )
        .help(type_hint(expected, unexpected)),
        Error::DuplicateMappingKey { key, .. } => Diagnostic::new(
            diag::DUPLICATE_KEY,
            shown,
            pos,
            match key {
                Some(k) => format!("the key `{k}` appears twice in this mapping"),
                None => "a key appears twice in this mapping".to_owned(),
            },
        )
        .help("remove or rename one of them: YAML keeps only one value per key"),
        Error::Budget {
            breach: serde_saphyr::budget::BudgetBreach::Documents { .. },
            ..
        }
        | Error::MultipleDocuments { .. } => Diagnostic::new(
            diag::YAML_SYNTAX,
            shown,
            pos,
            "this file holds more than one YAML document",
        )
        .help("one playbook per file: remove the `---` line or move the second document to its own file"),
        Error::Unexpected { expected, .. } => Diagnostic::new(
            diag::WRONG_TYPE,
            shown,
            pos,
            format!("expected {} here", plain_expected(expected)),
        )
        .help(type_hint(expected, "")),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => Diagnostic::new(
            diag::RESOURCE_LIMIT,
            shown,
            pos,
            format!("the document is too large or too deeply nested to be a playbook ({message})"),
        )
        .help("playbooks need no YAML anchors or aliases, and no more than a few levels of nesting"),
        _ if message.contains("limit exceeded") || message.contains("too deep") => Diagnostic::new(
            diag::RESOURCE_LIMIT,
            shown,
            pos,
            format!("the document is too deeply nested to be a playbook ({message})"),
        )
        .help("playbooks need no more than a few levels of nesting"),
        _ => {
            let help = syntax_hint(text, pos);
            Diagnostic::new(diag::YAML_SYNTAX, shown, pos, format!("invalid YAML: {message}"))
                .help(help)
        }
    }
}

/// serde-saphyr's parser vocabulary ("string scalar") in the writer's words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "string scalar" => "text".to_owned(),
        other => other.replace("scalar", "value"),
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn strip_location_suffix(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first.to_owned(),
    }
}

fn type_hint(expected: &str, unexpected: &str) -> String {
    if expected.contains("sequence") || expected.contains("list") {
        "write a list: one `- item` per line, or `[a, b]`".to_owned()
    } else if unexpected.contains("boolean") {
        "quote the text: YAML reads yes/no/true/false as booleans".to_owned()
    } else if expected.contains("string") && unexpected.contains("map") {
        "write the text on the same line as its key, or use `key: |` for several lines".to_owned()
    } else if expected.contains("string") {
        "quote the value to make it text".to_owned()
    } else {
        format!("this key takes {expected}")
    }
}

fn syntax_hint(text: &str, pos: Pos) -> String {
    let line = text
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .unwrap_or("");
    if line.starts_with('\t') || line.trim_start_matches(' ').starts_with('\t') {
        "YAML indentation uses spaces, never tabs".to_owned()
    } else if line.contains(": ") && line.matches(':').count() > 1 {
        "a value with `: ` in it must be quoted".to_owned()
    } else {
        "check the indentation and quoting near this line".to_owned()
    }
}
