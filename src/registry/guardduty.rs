//! GuardDuty finding types and Security Hub control ids.
//!
//! A finding type follows GuardDuty's documented naming format
//! `ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact`
//! (mechanism and artifact optional). The format is checked first (a malformed
//! type is an error), then the type is looked up in the dated, hand-kept list
//! `data/registry/guardduty-finding-types.tsv` (unknown or retired: warning,
//! since AWS adds types faster than any list is refreshed).
//!
//! Security Hub control ids (`IAM.1`, `S3.8`, `CloudTrail.1`) are checked by
//! their shape only: a service name starting with a capital, a dot, a number.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// GuardDuty's documented threat purposes, exact case as they appear in types.
pub const THREAT_PURPOSES: &[&str] = &[
    "AttackSequence",
    "Backdoor",
    "Behavior",
    "CredentialAccess",
    "CryptoCurrency",
    "DefenseEvasion",
    "Discovery",
    "Execution",
    "Exfiltration",
    "Impact",
    "InitialAccess",
    "Object",
    "PenTest",
    "Persistence",
    "Policy",
    "PrivilegeEscalation",
    "Recon",
    "ResourceConsumption",
    "Stealth",
    "Trojan",
    "UnauthorizedAccess",
];

/// The parts of a well-formed finding type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingType<'a> {
    pub purpose: &'a str,
    pub resource: &'a str,
    pub family: &'a str,
    pub mechanism: Option<&'a str>,
    pub artifact: Option<&'a str>,
}

/// Why a finding type is malformed: the byte offset of the fault in the
/// string, what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '&')
}

const FORMAT_HINT: &str =
    "GuardDuty finding types read `ThreatPurpose:ResourceType/ThreatFamily.Mechanism!Artifact`, e.g. `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`";

fn fault(offset: usize, message: impl Into<String>) -> FormatError {
    FormatError {
        offset,
        message: message.into(),
        hint: FORMAT_HINT.to_owned(),
    }
}

/// Check the naming format and split a finding type into its parts.
pub fn parse_finding_type(s: &str) -> Result<FindingType<'_>, FormatError> {
    let Some((purpose, rest)) = s.split_once(':') else {
        return Err(fault(0, "no `:` after the threat purpose"));
    };
    if !THREAT_PURPOSES.contains(&purpose) {
        let mut e = fault(0, format!("`{purpose}` is not a GuardDuty threat purpose"));
        if let Some(p) = THREAT_PURPOSES
            .iter()
            .find(|p| p.eq_ignore_ascii_case(purpose))
            .copied()
            .or_else(|| crate::suggest::closest(purpose, THREAT_PURPOSES.iter().copied()))
        {
            e.hint = format!("did you mean `{p}`? Threat purposes are case-sensitive");
        } else {
            e.hint = format!("threat purposes are: {}", THREAT_PURPOSES.join(", "));
        }
        return Err(e);
    }
    let at = purpose.len() + 1;
    let Some((resource, rest)) = rest.split_once('/') else {
        return Err(fault(at, "no `/` after the resource type"));
    };
    if !is_word(resource) || !resource.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Err(fault(at, format!("malformed resource type `{resource}`")));
    }
    let at = at + resource.len() + 1;
    let (body, artifact) = match rest.split_once('!') {
        Some((b, a)) => (b, Some(a)),
        None => (rest, None),
    };
    let (family, mechanism) = match body.split_once('.') {
        Some((f, m)) => (f, Some(m)),
        None => (body, None),
    };
    if !is_word(family) {
        return Err(fault(
            at,
            format!("malformed threat family name `{family}`"),
        ));
    }
    if let Some(m) = mechanism {
        if !m.split('.').all(is_word) {
            return Err(fault(
                at + family.len() + 1,
                format!("malformed detection mechanism `{m}`"),
            ));
        }
    }
    if let Some(a) = artifact {
        if !is_word(a) {
            return Err(fault(
                at + body.len() + 1,
                format!("malformed artifact `{a}`"),
            ));
        }
    }
    Ok(FindingType {
        purpose,
        resource,
        family,
        mechanism,
        artifact,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    Active,
    Retired,
}

/// The dated list of known finding types.
#[derive(Debug, Default)]
pub struct FindingTypes {
    /// First comment lines of the file: when and from what it was built.
    pub provenance: String,
    types: BTreeMap<&'static str, Known>,
}

impl FindingTypes {
    pub fn embedded() -> &'static FindingTypes {
        static LIST: OnceLock<FindingTypes> = OnceLock::new();
        LIST.get_or_init(|| {
            FindingTypes::parse(include_str!(
                "../../data/registry/guardduty-finding-types.tsv"
            ))
        })
    }

    /// Lines that are not `type<TAB>active|retired` are skipped: the list is
    /// advisory, and its test checks every line.
    pub fn parse(text: &'static str) -> FindingTypes {
        let mut out = FindingTypes::default();
        for line in text.lines() {
            if let Some(c) = line.strip_prefix('#') {
                if out.types.is_empty() {
                    out.provenance.push_str(c.trim());
                    out.provenance.push('\n');
                }
                continue;
            }
            let known = match line.split_once('\t') {
                Some((t, "active")) => (t, Known::Active),
                Some((t, "retired")) => (t, Known::Retired),
                _ => continue,
            };
            out.types.insert(known.0, known.1);
        }
        out
    }

    pub fn status(&self, finding_type: &str) -> Option<Known> {
        self.types.get(finding_type).copied()
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// The nearest known active type, for a "did you mean".
    pub fn suggest(&self, wrong: &str) -> Option<&'static str> {
        crate::suggest::closest(
            wrong,
            self.types
                .iter()
                .filter(|(_, k)| **k == Known::Active)
                .map(|(t, _)| *t),
        )
    }
}

/// Check a Security Hub control id (`IAM.1`); the error says what is wrong.
pub fn check_control_id(id: &str) -> Result<(), String> {
    let Some((service, number)) = id.split_once('.') else {
        return Err(format!(
            "`{id}` is not a Security Hub control id: expected `Service.Number`, e.g. `IAM.1`"
        ));
    };
    if service.is_empty()
        || !service.starts_with(|c: char| c.is_ascii_uppercase())
        || !service.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(format!(
            "`{service}` is not a Security Hub service name: it starts with a capital letter and has only letters and digits, e.g. `IAM`, `S3`, `CloudTrail`"
        ));
    }
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || number.starts_with('0') {
        return Err(format!(
            "`{number}` is not a control number: expected a positive number without leading zeros, e.g. `IAM.1`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_types_split_into_parts() {
        let t = parse_finding_type("CryptoCurrency:EC2/BitcoinTool.B!DNS").unwrap();
        assert_eq!(t.purpose, "CryptoCurrency");
        assert_eq!(t.resource, "EC2");
        assert_eq!(t.family, "BitcoinTool");
        assert_eq!(t.mechanism, Some("B"));
        assert_eq!(t.artifact, Some("DNS"));
        assert!(parse_finding_type("Backdoor:EC2/C&CActivity.B").is_ok());
    }

    #[test]
    fn malformed_types_say_where_and_why() {
        let e = parse_finding_type("UnauthorisedAccess:IAMUser/ConsoleLogin").unwrap_err();
        assert_eq!(e.offset, 0);
        assert!(e.hint.contains("UnauthorizedAccess"), "{e:?}");
        let e = parse_finding_type("Recon:IAMUser").unwrap_err();
        assert!(e.message.contains('/'), "{e:?}");
        let e = parse_finding_type("Recon:IAMUser/Tor IPCaller").unwrap_err();
        assert_eq!(e.offset, "Recon:IAMUser/".len());
        let e = parse_finding_type("policy:S3/BucketPublicAccessGranted").unwrap_err();
        assert!(e.hint.contains("`Policy`"), "{e:?}");
    }

    #[test]
    fn the_shipped_list_is_well_formed_dated_and_known() {
        let text = include_str!("../../data/registry/guardduty-finding-types.tsv");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (t, status) = line.split_once('\t').expect(line);
            assert!(matches!(status, "active" | "retired"), "{line}");
            parse_finding_type(t).unwrap_or_else(|e| panic!("{t}: {e:?}"));
        }
        let list = FindingTypes::embedded();
        assert!(list.provenance.contains("2026"));
        assert_eq!(
            list.status("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"),
            Some(Known::Active)
        );
        assert_eq!(
            list.status("Exfiltration:S3/ObjectRead.Unusual"),
            Some(Known::Retired)
        );
        assert_eq!(
            list.suggest("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAws"),
            Some("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS")
        );
    }

    #[test]
    fn control_ids() {
        assert!(check_control_id("IAM.1").is_ok());
        assert!(check_control_id("CloudTrail.10").is_ok());
        assert!(check_control_id("iam.1").is_err());
        assert!(check_control_id("IAM-1").is_err());
        assert!(check_control_id("IAM.01").is_err());
        assert!(check_control_id("IAM.").is_err());
    }
}
