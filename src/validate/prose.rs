//! Names that live in prose. A code span in any text (steps, notes, questions,
//! descriptions) that looks like an AWS identifier is checked against the registry with
//! the same diagnostics and suggestions as the structured fields: an API operation or
//! CloudTrail event (`DeleteBucketCors`), an IAM action (`s3:PutBucketPolicy`), an event
//! source (`s3.amazonaws.com`) or a data-event resource type (`AWS::S3::Object`). Also
//! the names a step lists in its `events` field.
//!
//! "Looks like an API operation" is decided by the registry itself: a CamelCase word
//! whose first part is a verb that starts many real operation names (`Get`, `Put`,
//! `Describe`…), so `CloudTrail` or `AccessDenied` in a code span are left alone.

use super::events::{check_event, check_iam_action, check_resource_type, check_source};
use super::Ctx;
use crate::diag::Diagnostic;
use crate::model::{Playbook, Pos, Sp};
use crate::registry::Registry;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, Mutex, OnceLock};

pub fn check(ctx: &Ctx, p: &Playbook, source: &str, out: &mut Vec<Diagnostic>) {
    let verbs = api_verbs(ctx.registry);
    // Split once per playbook, when a span is first located: locating each span must
    // not rescan the file, and a playbook read the light way (no positions) locates none.
    let lines = std::cell::OnceCell::new();
    let lines = || -> &Vec<&str> { lines.get_or_init(|| source.split('\n').collect()) };
    for step in p.steps.iter() {
        for name in &step.value.events {
            check_name(ctx, name, out);
        }
    }
    for text in p.texts() {
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for span in code_spans(text.as_str()) {
            let Some(kind) = classify(span.code, &verbs) else {
                continue;
            };
            // The n-th occurrence of this span in the value is the n-th in the source.
            let nth = seen.entry(span.raw).or_default();
            // Point at the name itself, past the opening backticks.
            let lead = span.raw.find(span.code).unwrap_or(0) as u32;
            let located = text
                .pos
                .is_known()
                .then(|| locate(lines(), text.pos, span.raw, *nth))
                .flatten()
                .map(|p| Pos::new(p.line, p.col + lead));
            *nth += 1;
            let pos = located.unwrap_or(text.pos);
            let name = Sp::new(span.code.to_owned(), pos);
            let before = out.len();
            match kind {
                Kind::Event => check_event(ctx, None, &name, out),
                Kind::IamAction => check_iam_action(ctx, &name, out),
                Kind::Source => check_source(ctx, &name, out),
                Kind::ResourceType => {
                    check_resource_type(ctx, &name, out);
                }
            }
            if located.is_none() {
                // Inside a multi-line scalar whose source the name could not be found
                // in verbatim (an escape in a quoted string…): point at the value.
                for d in &mut out[before..] {
                    d.message
                        .push_str(" (in the text that starts here: its exact column inside this multi-line value is unknown)");
                }
            }
        }
    }
}

/// A name of a step's `events`: an IAM action when it has a prefix, else an event.
fn check_name(ctx: &Ctx, name: &Sp<String>, out: &mut Vec<Diagnostic>) {
    if name.as_str().contains(':') {
        check_iam_action(ctx, name, out);
    } else {
        check_event(ctx, None, name, out);
    }
}

/// The kind of AWS identifier a code span holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Event,
    IamAction,
    Source,
    ResourceType,
}

/// What kind of AWS identifier `code` is, if any, by its shape and the registry's verbs
/// (the importer reads names out of Markdown with the same rule).
pub fn identifier_kind(code: &str, registry: &Registry) -> Option<Kind> {
    classify(code, &api_verbs(registry))
}

/// What kind of AWS identifier a code span holds, if any.
fn classify(code: &str, verbs: &HashSet<String>) -> Option<Kind> {
    let code = code.trim();
    if code.is_empty() || code.contains(char::is_whitespace) {
        return None;
    }
    if let Some(rest) = code.strip_prefix("AWS::") {
        let parts: Vec<&str> = rest.split("::").collect();
        let ok = parts.len() == 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
        return ok.then_some(Kind::ResourceType);
    }
    if let Some(host) = code.strip_suffix(".amazonaws.com") {
        let ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        return ok.then_some(Kind::Source);
    }
    if let Some((prefix, action)) = code.split_once(':') {
        let prefix_ok = !prefix.is_empty()
            && prefix
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        // Wildcards (`s3:Get*`) name many actions, not one: not checked here.
        let action_ok = action.starts_with(|c: char| c.is_ascii_alphabetic())
            && action.chars().all(|c| c.is_ascii_alphanumeric());
        return (prefix_ok && action_ok).then_some(Kind::IamAction);
    }
    looks_like_operation(code, verbs).then_some(Kind::Event)
}

/// `GetIndex`, `getIndex`, `StartDataSourceSyncJobs`: letters and digits, at least two
/// CamelCase words, the first a verb of real operation names.
fn looks_like_operation(code: &str, verbs: &HashSet<String>) -> bool {
    if !code.starts_with(|c: char| c.is_ascii_alphabetic())
        || !code.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return false;
    }
    let first_len = code
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase() || c.is_ascii_digit())
        .map(|(i, _)| i);
    let Some(first_len) = first_len else {
        return false; // one word: `Get`, `admin`
    };
    let mut verb = code[..first_len].to_ascii_lowercase();
    verb[..1].make_ascii_uppercase();
    verbs.contains(&verb)
}

/// How many operation names a first word must start to count as an API verb: enough
/// to leave out nouns that happen to start a few names.
const MIN_VERB_USES: usize = 25;

/// The first CamelCase words of the registry's event names that start at least
/// `MIN_VERB_USES` of them. Computed once per registry (the embedded one, in practice).
/// The verbs of the last registry asked about, keyed by its address.
type VerbCache = Option<(usize, Arc<HashSet<String>>)>;

fn api_verbs(registry: &Registry) -> Arc<HashSet<String>> {
    static CACHE: OnceLock<Mutex<VerbCache>> = OnceLock::new();
    let key = registry as *const Registry as usize;
    let cache = CACHE.get_or_init(|| Mutex::new(None));
    if let Ok(guard) = cache.lock() {
        if let Some((k, verbs)) = guard.as_ref() {
            if *k == key {
                return Arc::clone(verbs);
            }
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for name in registry.event_names() {
        let end = name
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_ascii_uppercase())
            .map(|(i, _)| i)
            .unwrap_or(name.len());
        *counts.entry(&name[..end]).or_default() += 1;
    }
    let verbs: Arc<HashSet<String>> = Arc::new(
        counts
            .into_iter()
            .filter(|(_, n)| *n >= MIN_VERB_USES)
            .map(|(w, _)| w.to_owned())
            .collect(),
    );
    if let Ok(mut guard) = cache.lock() {
        *guard = Some((key, Arc::clone(&verbs)));
    }
    verbs
}

/// A code span of inline Markdown: its raw text with the backticks, and its content.
#[derive(Debug, PartialEq, Eq)]
struct Span<'a> {
    raw: &'a str,
    code: &'a str,
}

/// The code spans of inline Markdown, as CommonMark reads them: a run of N backticks
/// opens a span that the next run of exactly N backticks closes; a backslash escapes a
/// backtick outside a span; an unclosed run is literal text.
fn code_spans(md: &str) -> Vec<Span<'_>> {
    let b = md.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let open = run(b, i);
                let mut j = i + open;
                let mut closed = None;
                while j < b.len() {
                    if b[j] == b'`' {
                        let r = run(b, j);
                        if r == open {
                            closed = Some(j);
                            break;
                        }
                        j += r;
                    } else {
                        j += 1;
                    }
                }
                match closed {
                    Some(end) => {
                        let inner = &md[i + open..end];
                        out.push(Span {
                            raw: &md[i..end + open],
                            code: strip_one_space(inner),
                        });
                        i = end + open;
                    }
                    None => i += open,
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn run(b: &[u8], at: usize) -> usize {
    b[at..].iter().take_while(|&&c| c == b'`').count()
}

/// CommonMark strips one space at each end when both ends have one.
fn strip_one_space(s: &str) -> &str {
    match (s.strip_prefix(' '), s.ends_with(' ')) {
        (Some(inner), true) if !inner.trim().is_empty() => &inner[..inner.len() - 1],
        _ => s,
    }
}

/// The position in the source (split into `lines`) of the `nth` occurrence of `raw`
/// inside the YAML scalar that starts at `start`. The scalar ends before the first later line indented no deeper
/// than the key or `-` that owns it. None when `raw` is not found
/// verbatim in that range (a double-quoted escape, a span folded across lines).
fn locate(lines: &[&str], start: Pos, raw: &str, nth: usize) -> Option<Pos> {
    if !start.is_known() {
        return None;
    }
    let first = (start.line as usize).checked_sub(1)?;
    let first_line = *lines.get(first)?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let base = indent(first_line);
    // A value that begins its line is the content of a block scalar: its lines share
    // that indentation. Otherwise the value follows its key or `-` on the line, and its
    // continuation lines are indented deeper than the line.
    let begins_line = (start.col as usize).saturating_sub(1) == base;
    // Byte offset of the column (1-based, in characters) on the first line.
    let col_byte = first_line
        .char_indices()
        .nth((start.col as usize).saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(first_line.len());
    let mut found = 0;
    for (ln, line) in lines.iter().enumerate().skip(first) {
        let ends = if begins_line {
            indent(line) < base
        } else {
            indent(line) <= base
        };
        if ln > first && !line.trim().is_empty() && ends {
            break;
        }
        let from = if ln == first { col_byte } else { 0 };
        let mut hay = &line[from..];
        let mut offset = from;
        while let Some(k) = hay.find(raw) {
            if found == nth {
                let col = line[..offset + k].chars().count() + 1;
                return Some(Pos::new(ln as u32 + 1, col as u32));
            }
            found += 1;
            offset += k + raw.len();
            hay = &line[offset..];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_follow_commonmark() {
        let spans = code_spans("Look for `GetIndex` and ``Put`Thing`` but not \\`Esc\\` or `open");
        let codes: Vec<&str> = spans.iter().map(|s| s.code).collect();
        assert_eq!(codes, vec!["GetIndex", "Put`Thing"]);
        assert_eq!(spans[0].raw, "`GetIndex`");
        assert_eq!(code_spans("`` `x` ``")[0].code, "`x`");
    }

    #[test]
    fn names_are_classified_by_shape_and_by_the_registry_verbs() {
        let verbs = api_verbs(Registry::embedded());
        assert!(verbs.contains("Get") && verbs.contains("Describe"));
        let k = |s: &str| classify(s, &verbs);
        assert_eq!(k("GetIndex"), Some(Kind::Event));
        assert_eq!(k("getIndex"), Some(Kind::Event));
        assert_eq!(k("StartDataSourceSyncJobs"), Some(Kind::Event));
        assert_eq!(k("CloudTrail"), None);
        assert_eq!(k("AccessDenied"), None);
        assert_eq!(k("Get"), None);
        assert_eq!(k("aws s3 ls"), None);
        assert_eq!(k("s3:PutBucketPolicy"), Some(Kind::IamAction));
        assert_eq!(k("s3:Get*"), None);
        assert_eq!(k("qbusiness.amazonaws.com"), Some(Kind::Source));
        assert_eq!(k("AWS::S3::Object"), Some(Kind::ResourceType));
        assert_eq!(k("AWS::S3"), None);
    }

    #[test]
    fn spans_are_located_inside_folded_scalars() {
        let src = "steps:\n  a:\n    text: >-\n      Look for `GetIndex`\n      then `GetIndex` again\n  b: x `GetIndex`\n";
        // The loader places a block scalar's value at its first content line.
        let src: Vec<&str> = src.split('\n').collect();
        let start = Pos::new(4, 7);
        assert_eq!(locate(&src, start, "`GetIndex`", 0), Some(Pos::new(4, 16)));
        assert_eq!(locate(&src, start, "`GetIndex`", 1), Some(Pos::new(5, 12)));
        // The next item is another scalar: not found in this one.
        assert_eq!(locate(&src, start, "`GetIndex`", 2), None);
        let plain = "text: Check `PutBucketPolicy` and `PutBucketPolicy`\n";
        assert_eq!(
            locate(&[plain], Pos::new(1, 7), "`PutBucketPolicy`", 1),
            Some(Pos::new(1, 35))
        );
    }
}
