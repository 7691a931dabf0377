//! Events listed only under `detection.data_events`, in no group.
//!
//! A group event gets its description (the writer's or the registry's) through a message
//! of its group. A data-only event has no group, so its description needs a message of its
//! own (`<playbook>-data-event-<Name>`, see `messages::data_event_description_id`); i18n
//! extraction and the localized view both walk this one list so that they agree.

use super::{Name, Playbook};
use std::collections::BTreeSet;

/// An event that appears only among the data events of a playbook.
#[derive(Debug, Clone)]
pub struct DataOnlyEvent<'a> {
    /// IAM service prefix of the resource types listing it.
    pub service: String,
    pub name: &'a Name,
    /// Every resource type that lists it, in document order (the first gives its anchor).
    pub resource_types: Vec<&'a str>,
}

/// The data-only events of `p`, in document order, each once per service.
///
/// `service_of` maps a resource type to its service prefix (the registry knows it); when it
/// does not, the prefix is guessed from the type's middle part (`AWS::QBusiness::Index` →
/// `qbusiness`), which is right for most services and only used for unverified types.
pub fn data_only_events<'a>(
    p: &'a Playbook,
    service_of: impl Fn(&str) -> Option<String>,
) -> Vec<DataOnlyEvent<'a>> {
    let in_groups: BTreeSet<(&str, &str)> = p
        .detection
        .groups
        .iter()
        .flat_map(|g| {
            let service = g.value.service.as_str();
            g.value
                .events
                .iter()
                .map(move |e| (service, e.value.name.as_str()))
        })
        .collect();
    let mut out: Vec<DataOnlyEvent<'a>> = Vec::new();
    for entry in p.detection.data_events.0.iter() {
        let rtype = entry.key.as_str();
        let service = service_of(rtype).unwrap_or_else(|| guess_service(rtype));
        for name in entry.value.value.iter() {
            if in_groups.contains(&(service.as_str(), name.as_str())) {
                continue;
            }
            match out
                .iter_mut()
                .find(|d| d.service == service && d.name.as_str() == name.as_str())
            {
                Some(d) => {
                    if !d.resource_types.contains(&rtype) {
                        d.resource_types.push(rtype);
                    }
                }
                None => out.push(DataOnlyEvent {
                    service: service.clone(),
                    name,
                    resource_types: vec![rtype],
                }),
            }
        }
    }
    out
}

/// `AWS::QBusiness::Index` → `qbusiness`.
pub fn guess_service(resource_type: &str) -> String {
    resource_type
        .split("::")
        .nth(1)
        .unwrap_or(resource_type)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playbook(yaml: &str) -> Playbook {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn keeps_only_events_in_no_group_once_each() {
        let p = playbook(
            "id: x\ntitle: T\nsummary: S\ndetection:\n  groups:\n    g:\n      title: G\n      service: qbusiness\n      events: [GetGroup]\n  data_events:\n    AWS::QBusiness::Application: [GetGroup, PutFeedback, ListDocuments]\n    AWS::QBusiness::Index: [ListDocuments]\n",
        );
        let d = data_only_events(&p, |_| None);
        let names: Vec<_> = d.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["PutFeedback", "ListDocuments"]);
        assert_eq!(
            d[1].resource_types,
            ["AWS::QBusiness::Application", "AWS::QBusiness::Index"]
        );
        assert_eq!(d[0].service, "qbusiness");
    }
}
