//! Every way a Markdown playbook names an AWS API call, read out of raw Markdown so that
//! the names become structure `check` validates: code spans and italics in prose, table
//! cells (Markdown or HTML `<td>`), list items that are a bare name, JSON (IAM policies'
//! `Action`, EventBridge patterns' `eventName` / `eventSource`), AWS CLI commands
//! (`aws iam create-access-key`) and SDK calls (`iam.create_access_key(`,
//! `client.createAccessKey(`), mapped to the operation through the registry.
//!
//! A name counts when it has the shape of an AWS identifier by the same rule `check`
//! uses for prose (`validate::identifier_kind`): invented names are kept too, so that
//! `check` can report them. CLI and SDK calls count only when the registry knows the
//! operation they call (the call syntax alone says nothing about the name's case).

use crate::registry::Registry;
use crate::validate::{identifier_kind, IdentifierKind};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Name {
    /// An API operation or CloudTrail event name.
    Event(String),
    /// `prefix:Action`.
    IamAction(String),
    /// `x.amazonaws.com`.
    Source(String),
}

impl Name {
    pub fn text(&self) -> &str {
        match self {
            Name::Event(s) | Name::IamAction(s) | Name::Source(s) => s,
        }
    }
}

/// A name and the 1-based line it was read on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub line: usize,
    pub name: Name,
    /// How it was written (`code span`, `table cell`, `CLI command`…), for the report.
    pub how: &'static str,
}

/// The names in `text`, a piece of Markdown whose first line is `first_line`.
pub fn harvest(text: &str, first_line: usize, registry: &Registry) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let n = first_line + i;
        let trimmed = line.trim_start();
        if let Some((c, len, lang)) = &fence {
            if is_fence_close(trimmed, *c, *len) {
                fence = None;
            } else {
                code_line(line, lang, n, registry, &mut out);
            }
            continue;
        }
        if let Some((c, len, lang)) = fence_open(trimmed) {
            fence = Some((c, len, lang));
            continue;
        }
        // An indented line is read as prose: in these documents indentation nests list
        // items far more often than it marks a code block.
        prose_line(line, n, registry, &mut out);
    }
    dedup(out)
}

/// Keeps the first mention of each name.
fn dedup(v: Vec<Mention>) -> Vec<Mention> {
    let mut seen = std::collections::HashSet::new();
    v.into_iter()
        .filter(|m| seen.insert(m.name.clone()))
        .collect()
}

fn fence_open(t: &str) -> Option<(char, usize, String)> {
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = t.chars().take_while(|x| *x == c).count();
    (len >= 3).then(|| (c, len, t[len..].trim().to_ascii_lowercase()))
}

fn is_fence_close(t: &str, c: char, len: usize) -> bool {
    let run = t.chars().take_while(|x| *x == c).count();
    run >= len && t[run * c.len_utf8()..].trim().is_empty()
}

fn push(out: &mut Vec<Mention>, line: usize, token: &str, how: &'static str, reg: &Registry) {
    let token = token
        .trim()
        .trim_matches(|c: char| "`_\"'“”«»,;.()[]".contains(c))
        .trim_start_matches('*');
    // Emphasis around a name (`**GetObject**`); a `*` after a name is a wildcard
    // (`kms:ReEncrypt*`), which names many actions: not one to check.
    let token = match token.strip_suffix("**") {
        Some(t) if !t.ends_with('*') => t,
        _ if token.ends_with('*') && !token.ends_with("**") => return,
        _ => token.trim_end_matches('*'),
    };
    let name = match identifier_kind(token, reg) {
        Some(IdentifierKind::Event) => Name::Event(token.to_owned()),
        Some(IdentifierKind::IamAction) => Name::IamAction(token.to_owned()),
        Some(IdentifierKind::Source) => Name::Source(token.to_owned()),
        Some(IdentifierKind::ResourceType) | None => return,
    };
    out.push(Mention { line, name, how });
}

/// A line of prose, a list item, a table row or HTML.
fn prose_line(line: &str, n: usize, reg: &Registry, out: &mut Vec<Mention>) {
    for span in delimited(line, '`') {
        push(out, n, span, "code span", reg);
        cli_and_sdk(span, n, reg, out);
    }
    for span in delimited(line, '*').into_iter().chain(delimited(line, '_')) {
        if !span.contains(char::is_whitespace) {
            push(out, n, span, "italics", reg);
        }
    }
    let t = line.trim();
    if t.starts_with('|') || (t.contains('|') && t.matches('|').count() >= 2) {
        for cell in t.split('|') {
            for word in cell_words(cell) {
                push(out, n, word, "table cell", reg);
            }
        }
    }
    for cell in html_cells(line) {
        for word in cell_words(&cell) {
            push(out, n, word, "HTML table cell", reg);
        }
    }
    if let Some(item) = list_item(t) {
        // `* DeleteIdentity`, `1. GetObject - reads an object`: the name leads the item.
        let lead = item
            .split(|c: char| c.is_whitespace() || c == ':' || c == ',')
            .next()
            .unwrap_or("");
        push(out, n, lead, "list item", reg);
    }
    for (k, v) in json_pairs(line) {
        json_value(&k, &v, n, reg, out);
    }
    // `eventSource = s3.amazonaws.com`, `eventName = 'DeleteTrail'` in prose queries.
    for w in line.split(|c: char| c.is_whitespace() || "=\"'`(),;".contains(c)) {
        if w.ends_with(".amazonaws.com") {
            push(out, n, w, "event source", reg);
        }
    }
    cli_and_sdk(line, n, reg, out);
}

/// A line inside a code block: JSON, queries, shell or code.
fn code_line(line: &str, lang: &str, n: usize, reg: &Registry, out: &mut Vec<Mention>) {
    for (k, v) in json_pairs(line) {
        json_value(&k, &v, n, reg, out);
    }
    // Quoted values on their own (items of a multi-line JSON list, SQL literals), not
    // keys (`"kms:GrantIsForAWSResource": true` is a condition key).
    for q in quoted_values(line) {
        let shaped = q.contains(':') || q.ends_with(".amazonaws.com");
        if shaped || lang.contains("json") || line.to_ascii_lowercase().contains("eventname") {
            push(out, n, &q, "code", reg);
        }
    }
    cli_and_sdk(line, n, reg, out);
}

/// `"key": "value"` and `"key": ["a", "b"]` on one line.
fn json_pairs(line: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let key = &after[..end];
        let tail = after[end + 1..].trim_start();
        if let Some(v) = tail.strip_prefix(':') {
            let v = v.trim_start();
            let values = if v.starts_with('[') {
                let inner = &v[1..v.find(']').unwrap_or(v.len())];
                quoted(inner)
            } else {
                quoted(v).into_iter().take(1).collect()
            };
            out.push((key.to_owned(), values));
        }
        rest = &after[end + 1..];
    }
    out
}

fn json_value(key: &str, values: &[String], n: usize, reg: &Registry, out: &mut Vec<Mention>) {
    let k = key.to_ascii_lowercase();
    let how = match k.as_str() {
        "action" | "notaction" => "IAM policy",
        "eventname" | "eventsource" => "EventBridge pattern",
        _ => return,
    };
    for v in values {
        push(out, n, v, how, reg);
    }
}

/// The strings between double quotes that are not followed by `:` (JSON keys).
fn quoted_values(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s.split('"').collect();
    parts
        .iter()
        .enumerate()
        .filter(|(i, x)| {
            i % 2 == 1
                && !x.is_empty()
                && *i + 1 < parts.len()
                && !parts[i + 1].trim_start().starts_with(':')
        })
        .map(|(_, x)| (*x).to_owned())
        .collect()
}

/// The strings between double quotes.
fn quoted(s: &str) -> Vec<String> {
    s.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, x)| x.to_owned())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Text between pairs of `delim` (single-character delimiters: code spans, emphasis).
fn delimited(line: &str, delim: char) -> Vec<&str> {
    let parts: Vec<&str> = line.split(delim).collect();
    if parts.len() < 3 {
        return Vec::new();
    }
    parts
        .iter()
        .enumerate()
        .filter(|(i, p)| i % 2 == 1 && *i + 1 < parts.len() && !p.is_empty())
        .map(|(_, p)| *p)
        .collect()
}

/// The words of a table cell that could be a name: a cell holding one name, or a list
/// of names separated by commas, `<br>` or `/`.
fn cell_words(cell: &str) -> Vec<&str> {
    let cell = cell.trim();
    if cell.is_empty() || cell.chars().all(|c| "-:= ".contains(c)) {
        return Vec::new();
    }
    cell.split([',', '/', ' '])
        .flat_map(|w| w.split("<br>"))
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The contents of `<td>` / `<th>` cells on a line, tags inside removed.
fn html_cells(line: &str) -> Vec<String> {
    let lower = line.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = lower[at..].find("<td").or_else(|| lower[at..].find("<th")) {
        let start = at + p;
        let Some(gt) = lower[start..].find('>') else {
            break;
        };
        let body_start = start + gt + 1;
        let end = lower[body_start..]
            .find("</t")
            .map(|e| body_start + e)
            .unwrap_or(line.len());
        out.push(strip_tags(&line[body_start..end]));
        at = end.max(body_start);
        if at >= line.len() {
            break;
        }
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text of a list item line (`* x`, `- x`, `+ x`, `1. x`), without its marker.
fn list_item(t: &str) -> Option<&str> {
    for m in ["* ", "- ", "+ "] {
        if let Some(r) = t.strip_prefix(m) {
            return Some(r.trim());
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let r = &t[digits..];
        return r
            .strip_prefix(". ")
            .or_else(|| r.strip_prefix(") "))
            .map(str::trim);
    }
    None
}

/// `aws <service> <command>` and SDK method calls (`.create_access_key(`,
/// `.createAccessKey(`), when the registry knows the operation.
fn cli_and_sdk(line: &str, n: usize, reg: &Registry, out: &mut Vec<Mention>) {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '`' || c == '$' || c == '(' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.windows(3) {
        if w[0] == "aws" && !w[1].starts_with('-') {
            if let Some(op) = reg.operation_named(w[1], w[2]) {
                out.push(Mention {
                    line: n,
                    name: Name::Event(op.to_owned()),
                    how: "AWS CLI command",
                });
            }
        }
    }
    // SDK: `<client>.<method>(` where the client names a botocore service
    // (`iam.create_access_key(`, `s3_client.put_bucket_policy(`, `ec2.describeInstances(`).
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(p) = line[i..].find('(') {
        let end = i + p;
        let start = ident_start(line, end);
        let method = &line[start..end];
        if start > 0 && b[start - 1] == b'.' && method.len() > 3 {
            let client_end = start - 1;
            let client_start = ident_start(line, client_end);
            let client = line[client_start..client_end]
                .trim_end_matches("_client")
                .trim_end_matches("Client")
                .to_ascii_lowercase();
            if let Some(op) = reg.operation_named(&client, method) {
                out.push(Mention {
                    line: n,
                    name: Name::Event(op.to_owned()),
                    how: "SDK call",
                });
            }
        }
        i = end + 1;
    }
}

/// Where the identifier (`[A-Za-z0-9_]+`) that ends at byte `end` starts.
fn ident_start(line: &str, end: usize) -> usize {
    line[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map(|(x, c)| x + c.len_utf8())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(md: &str) -> Vec<String> {
        harvest(md, 1, Registry::embedded())
            .into_iter()
            .map(|m| m.name.text().to_owned())
            .collect()
    }

    #[test]
    fn every_form_of_a_name_is_read() {
        let md = "Review CloudTrail for `GetPublicAccessBlock` and *PutBucketPolicy*.\n\
                  | Event | Notes |\n|---|---|\n| DeleteBucketCORS | invented |\n\
                  * DeleteIdentity\n  1. GetObject - reads\n\
                  <table><tr><td>s3:GetObject</td><td>ListBuckets</td></tr></table>\n\
                  ```json\n{\"Action\": [\"iam:CreateAccessKey\", \"s3:PutBucketAcl\"],\n \"eventName\": [\"StopLogging\"], \"eventSource\": [\"cloudtrail.amazonaws.com\"]}\n```\n\
                  ```bash\naws iam create-access-key --user-name x\nimport boto3; iam.delete_access_key(UserName='x')\n```\n";
        let got = names(md);
        for want in [
            "GetPublicAccessBlock",
            "PutBucketPolicy",
            "DeleteBucketCORS",
            "DeleteIdentity",
            "GetObject",
            "s3:GetObject",
            "ListBuckets",
            "iam:CreateAccessKey",
            "s3:PutBucketAcl",
            "StopLogging",
            "cloudtrail.amazonaws.com",
            "CreateAccessKey",
            "DeleteAccessKey",
        ] {
            assert!(
                got.contains(&want.to_owned()),
                "{want} missing from {got:?}"
            );
        }
        for not in ["Event", "Notes", "CloudTrail", "invented", "reads"] {
            assert!(!got.contains(&not.to_owned()), "{not} in {got:?}");
        }
    }

    #[test]
    fn cli_and_sdk_calls_need_a_known_operation() {
        assert_eq!(
            names("aws s3api get-bucket-policy --bucket b"),
            ["GetBucketPolicy"]
        );
        assert_eq!(
            names("aws rds describe-db-instances"),
            ["DescribeDBInstances"]
        );
        assert!(names("aws s3 ls s3://bucket").is_empty());
        assert!(names("aws iam create-nothing-real").is_empty());
    }
}
