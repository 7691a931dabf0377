//! "Did you mean" for event names, resource types and services.
//!
//! Only computed after a lookup missed, so it scans instead of keeping
//! lowercase indexes: a service has at most ~1000 names and the global scan
//! is cut down by a length prefilter before any edit distance is computed.
//! Comparisons are ASCII case-insensitive on bytes, allocation-free.

use super::{Registry, Suggestion, SuggestionKind};

const MAX: usize = 3;

/// Edit budget for a name of `len` bytes: one typo per six characters, at
/// least one. Larger budgets turn "GetUser" into "PutUser" noise.
fn budget(len: usize) -> usize {
    (len / 6).max(1)
}

/// Names worth suggesting for are plain ASCII identifiers; anything else
/// (spaces, non-ASCII) is the caller's diagnostic, not ours.
fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic())
}

/// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), ASCII case-insensitive; `None` when above `limit`.
fn osa_ci(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let n = b.len();
    // Three DP rows (i-2, i-1, i); on the stack for any realistic AWS name.
    let mut stack = [0usize; 3 * 129];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if n < 129 {
        &mut stack[..3 * (n + 1)]
    } else {
        heap.resize(3 * (n + 1), 0);
        &mut heap
    };
    let (prev2, rest) = rows.split_at_mut(n + 1);
    let (mut prev, mut cur) = rest.split_at_mut(n + 1);
    let mut prev2 = prev2;
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let ai = a[i - 1].to_ascii_lowercase();
        let mut row_min = cur[0];
        for j in 1..=n {
            let bj = b[j - 1].to_ascii_lowercase();
            let cost = usize::from(ai != bj);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1
                && j > 1
                && ai == b[j - 2].to_ascii_lowercase()
                && a[i - 2].to_ascii_lowercase() == bj
            {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        // Rotate rows: i-1 becomes i-2, i becomes i-1.
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= limit).then_some(d)
}

/// Edit-distance matcher for one typed name against many candidates. A
/// letter-count filter runs first: one edit changes the letter histogram by
/// at most 2 (a transposition by 0), so a histogram difference above
/// `2 * limit` rules a candidate out without the quadratic DP. Bytes are
/// folded into 32 buckets, which can only shrink the difference, so the
/// filter never drops a real match.
struct Matcher<'a> {
    name: &'a [u8],
    hist: [i16; 32],
    limit: usize,
}

impl<'a> Matcher<'a> {
    fn new(name: &'a str, limit: usize) -> Self {
        let mut hist = [0i16; 32];
        for &b in name.as_bytes() {
            hist[usize::from(b.to_ascii_lowercase() & 31)] += 1;
        }
        Matcher {
            name: name.as_bytes(),
            hist,
            limit,
        }
    }

    fn distance(&self, cand: &str) -> Option<usize> {
        let c = cand.as_bytes();
        if c.len().abs_diff(self.name.len()) > self.limit {
            return None;
        }
        let mut h = self.hist;
        for &b in c {
            h[usize::from(b.to_ascii_lowercase() & 31)] -= 1;
        }
        let diff: usize = h.iter().map(|v| v.unsigned_abs() as usize).sum();
        if diff > 2 * self.limit {
            return None;
        }
        osa_ci(self.name, c, self.limit)
    }
}

/// Singular/plural spellings of `name` (lowercase compare is done by the
/// caller). Over-generating is harmless: only real names are matched.
fn number_variants(name: &str) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    let mut v = Vec::new();
    if let Some(stem) = lower.strip_suffix("ices") {
        v.push(format!("{stem}ex")); // Indices -> Index
        v.push(format!("{stem}ix")); // Matrices -> Matrix
    }
    if let Some(stem) = lower.strip_suffix("ies") {
        v.push(format!("{stem}y")); // Policies -> Policy
    }
    if let Some(stem) = lower.strip_suffix("es") {
        v.push(stem.to_string()); // Addresses -> Address
    }
    if let Some(stem) = lower.strip_suffix('s') {
        v.push(stem.to_string()); // Jobs -> Job
    }
    if let Some(stem) = lower.strip_suffix('y') {
        v.push(format!("{stem}ies"));
    }
    if let Some(stem) = lower
        .strip_suffix("ex")
        .or_else(|| lower.strip_suffix("ix"))
    {
        v.push(format!("{stem}ices"));
    }
    v.push(format!("{lower}s"));
    v.push(format!("{lower}es"));
    v.retain(|s| !s.is_empty() && *s != lower);
    v
}

/// Scored candidate: kind rank, distance, name, service.
#[derive(Clone, Debug)]
struct Hit<'r> {
    kind: SuggestionKind,
    distance: usize,
    name: &'r str,
    service: &'r str,
}

fn rank(k: SuggestionKind) -> u8 {
    match k {
        SuggestionKind::Case => 0,
        SuggestionKind::Plural => 1,
        // An exact name in another service beats a guess in this one.
        SuggestionKind::OtherService => 2,
        SuggestionKind::Edit => 3,
    }
}

/// Classify `cand` against the typed `name`; without a matcher only case
/// and number slips count.
fn classify(
    name: &str,
    variants: &[String],
    cand: &str,
    matcher: Option<&Matcher>,
) -> Option<(SuggestionKind, usize)> {
    if cand == name {
        return None;
    }
    if cand.eq_ignore_ascii_case(name) {
        return Some((SuggestionKind::Case, 0));
    }
    if variants.iter().any(|v| cand.eq_ignore_ascii_case(v)) {
        return Some((SuggestionKind::Plural, 1));
    }
    matcher?.distance(cand).map(|d| (SuggestionKind::Edit, d))
}

fn finish(mut hits: Vec<Hit<'_>>) -> Vec<Suggestion> {
    hits.sort_by(|a, b| {
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then(a.distance.cmp(&b.distance))
            .then(a.name.cmp(b.name))
            .then(a.service.cmp(b.service))
    });
    hits.dedup_by(|a, b| a.name == b.name && a.service == b.service);
    hits.truncate(MAX);
    hits.into_iter()
        .map(|h| Suggestion {
            name: h.name.to_string(),
            service: h.service.to_string(),
            kind: h.kind,
        })
        .collect()
}

pub(super) fn suggest_event(reg: &Registry, service: Option<&str>, name: &str) -> Vec<Suggestion> {
    if !is_identifier(name) {
        return Vec::new();
    }
    let matcher = Matcher::new(name, budget(name.len()));
    let variants = number_variants(name);
    let mut hits = Vec::new();

    match service.and_then(|s| reg.service(s)) {
        Some(svc) => {
            if reg.event(svc.prefix, name).is_some() {
                return Vec::new(); // not a miss
            }
            for &id in &svc.events {
                let cand = reg.events[id as usize].name;
                if let Some((kind, distance)) = classify(name, &variants, cand, Some(&matcher)) {
                    hits.push(Hit {
                        kind,
                        distance,
                        name: cand,
                        service: svc.prefix,
                    });
                }
            }
            // The exact name under other prefixes (q vs qbusiness). Related
            // services (sharing a leading part of the prefix) come first.
            let elsewhere = |id: u32| {
                let e = &reg.events[id as usize];
                let other = reg.services[e.service as usize].prefix;
                Hit {
                    kind: SuggestionKind::OtherService,
                    distance: unrelatedness(svc.prefix, other),
                    name: e.name,
                    service: other,
                }
            };
            hits.extend(reg.ids_named(name).map(elsewhere));
            // Nothing at all here: a case or number slip of a name that
            // lives in another service is still worth pointing at.
            if hits.is_empty() {
                for (&cand, &head) in &reg.by_name {
                    if matches!(
                        classify(name, &variants, cand, None),
                        Some((SuggestionKind::Case | SuggestionKind::Plural, _))
                    ) {
                        hits.extend(chain(reg, head).map(elsewhere));
                    }
                }
            }
        }
        None => {
            if reg.by_name.contains_key(name) {
                return Vec::new();
            }
            for (&cand, &head) in &reg.by_name {
                if let Some((kind, distance)) = classify(name, &variants, cand, Some(&matcher)) {
                    // One entry per name: the first service (sorted) owning it.
                    let e = &reg.events[head as usize];
                    hits.push(Hit {
                        kind,
                        distance,
                        name: cand,
                        service: reg.services[e.service as usize].prefix,
                    });
                }
            }
        }
    }
    finish(hits)
}

/// Sort key for "the name lives in another service": services whose prefix
/// shares more leading characters with the declared one rank first
/// (qbusiness -> q before datazone).
fn unrelatedness(declared: &str, other: &str) -> usize {
    let common = declared
        .bytes()
        .zip(other.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    usize::MAX - common
}

fn chain(reg: &Registry, head: u32) -> impl Iterator<Item = u32> + '_ {
    let mut next = head;
    std::iter::from_fn(move || {
        (next != u32::MAX).then(|| {
            let id = next;
            next = reg.events[id as usize].next_same_name;
            id
        })
    })
}

/// Closest names from `candidates`: case-insensitive equal first, then by
/// edit distance within `limit`, ties by name.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>, limit: usize) -> Vec<String> {
    let matcher = Matcher::new(name, limit);
    let mut scored: Vec<(usize, &str)> = candidates
        .filter(|c| *c != name)
        .filter_map(|c| matcher.distance(c).map(|d| (d, c)))
        .map(|(d, c)| {
            (
                if c.eq_ignore_ascii_case(name) {
                    0
                } else {
                    d.max(1)
                },
                c,
            )
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(MAX)
        .map(|(_, c)| c.to_string())
        .collect()
}

pub(super) fn suggest_resource_type(reg: &Registry, name: &str) -> Vec<String> {
    if !is_identifier(name) || reg.resource_type(name).is_some() {
        return Vec::new();
    }
    closest(
        name,
        reg.resource_types.iter().map(|r| r.name),
        budget(name.len()),
    )
}

pub(super) fn suggest_service(reg: &Registry, name: &str) -> Vec<String> {
    if !is_identifier(name) || reg.has_service(name) {
        return Vec::new();
    }
    let lower = name.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if out.len() < MAX && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    // A case slip ("QBusiness"), a botocore name ("bedrock-runtime",
    // "elbv2") or an event source host ("monitoring.amazonaws.com").
    if reg.has_service(&lower) {
        push(&lower);
    }
    if let Some(p) = reg.prefix_of_sdk_service(&lower) {
        push(p);
    }
    if lower.ends_with(".amazonaws.com") {
        for s in &reg.services {
            if s.event_source == lower {
                push(s.prefix);
            }
        }
        for s in &reg.sdk_services {
            if s.event_source == lower {
                push(reg.services[s.prefix as usize].prefix);
            }
        }
    }
    for s in closest(
        &lower,
        reg.services.iter().map(|s| s.prefix),
        budget(lower.len()),
    ) {
        push(&s);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::*;

    #[test]
    fn osa_counts_transpositions_and_case() {
        assert_eq!(osa_ci(b"GetIndex", b"getindex", 1), Some(0));
        assert_eq!(osa_ci(b"GetIdnex", b"GetIndex", 1), Some(1));
        assert_eq!(osa_ci(b"GetConversaton", b"GetConversation", 2), Some(1));
        assert_eq!(osa_ci(b"Get", b"GetIndex", 2), None);
        assert_eq!(osa_ci(b"", b"ab", 2), Some(2));
    }

    #[test]
    fn matcher_prefilter_keeps_real_matches() {
        let m = Matcher::new("GetConversaton", 2);
        assert_eq!(m.distance("GetConversation"), Some(1));
        assert_eq!(m.distance("getconversation"), Some(1));
        assert_eq!(m.distance("GetConvesration"), Some(2));
        assert_eq!(m.distance("PutFeedback"), None);
        let long = "A".repeat(200);
        assert_eq!(osa_ci(long.as_bytes(), long.as_bytes(), 1), Some(0));
    }

    #[test]
    fn number_variants_cover_common_plurals() {
        assert!(number_variants("ListIndex").contains(&"listindices".to_string()));
        assert!(number_variants("ListIndices").contains(&"listindex".to_string()));
        assert!(number_variants("GetPolicies").contains(&"getpolicy".to_string()));
        assert!(number_variants("GetApplications").contains(&"getapplication".to_string()));
    }

    #[test]
    fn kind_order_is_case_plural_other_edit() {
        assert!(rank(SuggestionKind::Case) < rank(SuggestionKind::Plural));
        assert!(rank(SuggestionKind::Plural) < rank(SuggestionKind::OtherService));
        assert_eq!(
            rank(SuggestionKind::OtherService).cmp(&rank(SuggestionKind::Edit)),
            Ordering::Less
        );
    }
}
