//! Hand-kept tables for the places where upstream names do not line up.
//! Used only by the generator (`update.rs`); the generated data already
//! carries their effect. Each entry says why it exists.

/// Botocore service name -> IAM prefix, where the signing name (the usual
/// key, see `update::iam_prefix_for`) is not the IAM prefix. Found by
/// comparing each botocore model's operations with the IAM actions.
pub const SDK_PREFIX: &[(&str, &str)] = &[
    // Cloud Control API is authorized as cloudformation:CreateResource etc.
    ("cloudcontrol", "cloudformation"),
    // Signs as "monitoring"; IAM actions are cloudwatch:PutMetricData etc.
    ("cloudwatch", "cloudwatch"),
    // Amazon Connect Participant signs as "execute-api" and has no IAM
    // actions of its own (participant tokens); group it with Connect.
    ("connectparticipant", "connect"),
    // IoT data plane signs as "iotdata"; IAM actions are iot:Publish etc.
    ("iot-data", "iot"),
    // IoT jobs data plane; IAM actions are iotjobsdata:DescribeJobExecution.
    ("iot-jobs-data", "iotjobsdata"),
    // Secure tunneling signs as "IoTSecuredTunneling"; IAM: iot:OpenTunnel.
    ("iotsecuretunneling", "iot"),
    // Signs as "mturk-requester"; IAM prefix is mechanicalturk.
    ("mturk", "mechanicalturk"),
    // The Partner Central APIs each sign with their own name but share the
    // partnercentral IAM prefix.
    ("partnercentral-account", "partnercentral"),
    ("partnercentral-benefits", "partnercentral"),
    ("partnercentral-channel", "partnercentral"),
    ("partnercentral-marketing", "partnercentral"),
    ("partnercentral-selling", "partnercentral"),
    // Signs as "tagging"; IAM actions are tag:GetResources etc.
    ("resourcegroupstaggingapi", "tag"),
    // The IAM Identity Center access portal signs as "awsssoportal" (bearer
    // token, no IAM actions) and logs under sso.amazonaws.com.
    ("sso", "sso"),
];

/// Botocore service name -> CloudTrail event source, where it is not
/// `<signingName>.amazonaws.com`.
pub const SDK_EVENT_SOURCE: &[(&str, &str)] = &[
    // Access portal calls (GetRoleCredentials, ListAccounts, ...) are logged
    // with eventSource sso.amazonaws.com, not awsssoportal.amazonaws.com.
    ("sso", "sso.amazonaws.com"),
    // "execute-api" would be misleading; Connect is the owning service.
    ("connectparticipant", "connect.amazonaws.com"),
];

/// IAM prefix -> primary CloudTrail event source, where the generator's rule
/// (the source of the botocore service signing as the prefix) picks wrong.
pub const PREFIX_EVENT_SOURCE: &[(&str, &str)] = &[
    // CloudWatch metrics and alarms log as monitoring.amazonaws.com; the
    // newer cloudwatchomni model signing as "cloudwatch" must not win.
    ("cloudwatch", "monitoring.amazonaws.com"),
];

/// CloudFormation namespace (the middle of `AWS::X::Y`) -> IAM prefix, where
/// neither the lowercased namespace nor it with dashes removed is a prefix.
pub const CFN_NAMESPACE_PREFIX: &[(&str, &str)] = &[
    ("AWS::AmazonMQ", "mq"),
    ("AWS::ApiGatewayV2", "apigateway"),
    ("AWS::CDK", "cloudformation"),
    ("AWS::CertificateManager", "acm"),
    ("AWS::Cognito", "cognito-idp"),
    ("AWS::ConnectCampaignsV2", "connect-campaigns"),
    ("AWS::CustomerProfiles", "profile"),
    ("AWS::DirectoryService", "ds"),
    ("AWS::DocDB", "rds"),
    ("AWS::EFS", "elasticfilesystem"),
    ("AWS::EMR", "elasticmapreduce"),
    ("AWS::ElasticLoadBalancingV2", "elasticloadbalancing"),
    ("AWS::Elasticsearch", "es"),
    ("AWS::EventSchemas", "schemas"),
    ("AWS::GreengrassV2", "greengrass"),
    ("AWS::HealthImaging", "medical-imaging"),
    ("AWS::InspectorV2", "inspector2"),
    ("AWS::IoTCoreDeviceAdvisor", "iotdeviceadvisor"),
    ("AWS::IoTSecureTunneling", "iot"),
    ("AWS::KinesisAnalyticsV2", "kinesisanalytics"),
    ("AWS::KinesisFirehose", "firehose"),
    ("AWS::Location", "geo"),
    ("AWS::MSK", "kafka"),
    ("AWS::MWAA", "airflow"),
    ("AWS::MWAAServerless", "airflow-serverless"),
    ("AWS::Macie", "macie2"),
    ("AWS::Neptune", "rds"),
    ("AWS::NimbleStudio", "nimble"),
    ("AWS::OpenSearchServerless", "aoss"),
    ("AWS::OpenSearchService", "es"),
    ("AWS::Pinpoint", "mobiletargeting"),
    ("AWS::PinpointEmail", "ses"),
    (
        "AWS::Route53RecoveryControl",
        "route53-recovery-control-config",
    ),
    ("AWS::ServiceCatalogAppRegistry", "servicecatalog"),
    ("AWS::StepFunctions", "states"),
    ("AWS::SystemsManagerSAP", "ssm-sap"),
    ("AWS::WorkSpacesThinClient", "thinclient"),
];

/// Full CloudFormation type -> IAM prefix, for types whose namespace is
/// shared by two IAM prefixes.
pub const CFN_TYPE_PREFIX: &[(&str, &str)] = &[
    // Identity pools belong to Cognito Identity, user pools to cognito-idp.
    ("AWS::Cognito::IdentityPool", "cognito-identity"),
    ("AWS::Cognito::IdentityPoolPrincipalTag", "cognito-identity"),
    (
        "AWS::Cognito::IdentityPoolRoleAttachment",
        "cognito-identity",
    ),
];

pub fn lookup<'a>(table: &'a [(&str, &str)], key: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}
