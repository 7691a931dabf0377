//! API operations that CloudTrail records under another event name (S3's bucket- and
//! account-level public-access-block calls, the lifecycle and notification
//! configurations). A responder searches CloudTrail for the recorded name, a writer
//! often knows the API name: the registry answers both ways.

use super::Registry;

/// One row of `data/registry/cloudtrail-names.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloudTrailName {
    /// IAM prefix, e.g. `s3`.
    pub service: &'static str,
    /// The `eventName` CloudTrail records, e.g. `PutBucketPublicAccessBlock`.
    pub event: &'static str,
    /// The API operation called, e.g. `PutPublicAccessBlock`.
    pub api: &'static str,
    /// The botocore service of the operation, e.g. `s3control`.
    pub sdk_service: &'static str,
    /// What the call applies to (`bucket`, `account`), to tell apart two CloudTrail
    /// names of one API name.
    pub scope: &'static str,
}

impl Registry {
    /// The CloudTrail names under which the API operation `api` is recorded (several
    /// when one API name exists in two SDK services), for the service `service` or any.
    pub fn cloudtrail_names_of(&self, service: Option<&str>, api: &str) -> Vec<&CloudTrailName> {
        self.cloudtrail_names
            .iter()
            .filter(|n| n.api == api && service.is_none_or(|s| s == n.service))
            .collect()
    }

    /// The API operation recorded under the CloudTrail name `event`, when they differ.
    pub fn api_name_of(&self, service: Option<&str>, event: &str) -> Option<&CloudTrailName> {
        self.cloudtrail_names
            .iter()
            .find(|n| n.event == event && service.is_none_or(|s| s == n.service))
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::Registry;

    #[test]
    fn s3_public_access_block_has_its_cloudtrail_names_both_ways() {
        let reg = Registry::embedded();
        let ev = reg
            .event("s3", "DeleteBucketPublicAccessBlock")
            .expect("the CloudTrail name is an event of s3");
        assert_eq!(ev.event_source, "s3.amazonaws.com");
        assert!(!ev.is_api_operation && ev.is_non_api_event);
        let names: Vec<&str> = reg
            .cloudtrail_names_of(Some("s3"), "PutPublicAccessBlock")
            .iter()
            .map(|n| n.event)
            .collect();
        assert_eq!(
            names,
            vec!["PutAccountPublicAccessBlock", "PutBucketPublicAccessBlock"]
        );
        assert_eq!(
            reg.api_name_of(None, "GetBucketPublicAccessBlock")
                .map(|n| n.api),
            Some("GetPublicAccessBlock")
        );
        // A legacy operation name that CloudTrail still records stays an API operation.
        let lifecycle = reg.event("s3", "PutBucketLifecycle").unwrap();
        assert!(lifecycle.is_api_operation && !lifecycle.is_non_api_event);
        assert!(reg.cloudtrail_names_of(None, "GetObject").is_empty());
    }
}
