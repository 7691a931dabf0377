//! One playbook's view in one language: every text looked up by its message id (see
//! `model::messages`, where each id is defined), every event joined with the registry.

use super::events::{data_anchor, event_anchor, event_view, EventSpec};
use super::*;
use crate::i18n::translations::Translator;
use crate::load::Source;
use crate::model::data_only::data_only_events;
use crate::model::messages::*;
use crate::model::Playbook;
use crate::registry::Registry;
use std::collections::{BTreeMap, BTreeSet};

pub fn playbook_view(
    source: &Source<Playbook>,
    registry: &Registry,
    tr: &Translator,
) -> PlaybookView {
    let p = &source.doc;
    let id = p.id.as_str();
    let t = |mid: String, text: &crate::model::Sp<String>| tr.text(&mid, text.as_str());
    let list = |section: ListSection, items: &crate::model::items::Items<String>| -> Vec<Text> {
        items
            .iter()
            .map(|i| tr.text(&item_id(id, section, i.key.as_str()), i.value.as_str()))
            .collect()
    };
    let common: BTreeSet<&str> = p.detection.common.iter().map(|c| c.as_str()).collect();

    // Which resource types log each (service, event) as a data event.
    let mut data_types: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut data_events = Vec::new();
    for entry in p.detection.data_events.0.iter() {
        let rtype = entry.key.as_str();
        let service = registry.resource_type(rtype).map(|r| r.service.to_owned());
        for name in entry.value.value.iter() {
            if let Some(s) = &service {
                data_types
                    .entry((s.clone(), name.value.clone()))
                    .or_default()
                    .push(rtype.to_owned());
            }
        }
        data_events.push(DataEventsView {
            resource_type: rtype.to_owned(),
            service,
            events: entry.value.value.iter().map(|n| n.value.clone()).collect(),
            anchor: data_anchor(rtype),
        });
    }

    let groups: Vec<GroupView> = p
        .detection
        .groups
        .iter()
        .map(|g| {
            let gk = g.key.as_str();
            let service = g.value.service.as_str();
            let events = g
                .value
                .events
                .iter()
                .map(|ev| {
                    let name = ev.value.name.as_str();
                    let own = ev.value.description.as_ref().map(|d| d.as_str());
                    let types = data_types
                        .get(&(service.to_owned(), name.to_owned()))
                        .cloned()
                        .unwrap_or_default();
                    event_view(
                        registry,
                        tr,
                        EventSpec {
                            service,
                            name,
                            own_description: own,
                            message_id: event_description_id(id, gk, name),
                            common: common.contains(name),
                            data_resource_types: types,
                            anchor: event_anchor(gk, name),
                        },
                    )
                })
                .collect();
            GroupView {
                key: gk.to_owned(),
                title: t(group_title_id(id, gk), &g.value.title),
                service: service.to_owned(),
                events,
                attack: super::response::techniques(&g.value.attack),
            }
        })
        .collect();

    let service_of = |rtype: &str| registry.resource_type(rtype).map(|r| r.service.to_owned());
    let data_only_events: Vec<EventView> = data_only_events(p, service_of)
        .into_iter()
        .map(|d| {
            let name = d.name.as_str();
            event_view(
                registry,
                tr,
                EventSpec {
                    service: &d.service,
                    name,
                    own_description: None,
                    message_id: data_event_description_id(id, name),
                    common: common.contains(name),
                    data_resource_types: d.resource_types.iter().map(|t| t.to_string()).collect(),
                    anchor: data_anchor(d.resource_types[0]),
                },
            )
        })
        .collect();

    let mut services: BTreeSet<String> = groups.iter().map(|g| g.service.clone()).collect();
    services.extend(data_events.iter().filter_map(|d| d.service.clone()));
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for g in &groups {
        names.extend(g.events.iter().map(|e| e.name.as_str()));
    }
    for d in &data_events {
        names.extend(d.events.iter().map(String::as_str));
    }
    let event_count = names.len();

    let actions =
        |section: ActionSection,
         items: &crate::model::items::Items<crate::model::short::Short<crate::model::Action>>|
         -> Vec<ActionView> {
            items
                .iter()
                .map(|a| {
                    let k = a.key.as_str();
                    ActionView {
                        key: k.to_owned(),
                        text: t(action_id(id, section, k), &a.value.text),
                        links: a
                            .value
                            .links
                            .iter()
                            .enumerate()
                            .map(|(n, l)| LinkView {
                                title: t(action_link_id(id, section, k, n + 1), &l.title),
                                url: l.url.value.clone(),
                            })
                            .collect(),
                        note: a
                            .value
                            .note
                            .as_ref()
                            .map(|n| t(action_note_id(id, section, k), n)),
                    }
                })
                .collect()
        };

    let c = &p.classification;
    PlaybookView {
        id: id.to_owned(),
        title: t(field_id(id, Field::Title), &p.title),
        summary: t(field_id(id, Field::Summary), &p.summary),
        version: p.version.as_ref().map(|v| v.value.0.clone()),
        status: p.status.value,
        author: p.owners.author.as_ref().map(|a| a.value.clone()),
        approver: p.owners.approver.as_ref().map(|a| a.value.clone()),
        approved: p.owners.approved.as_ref().map(|a| a.value.clone()),
        services: services.into_iter().collect(),
        event_count,
        tools: p
            .tools
            .iter()
            .map(|tool| ToolView {
                key: tool.key.value.clone(),
                name: tool.value.name.value.clone(),
                url: tool.value.url.value.clone(),
                text: tool
                    .value
                    .text
                    .as_ref()
                    .map(|x| t(tool_text_id(id, tool.key.as_str()), x)),
            })
            .collect(),
        determine: list(ListSection::Determine, &p.objectives.determine),
        recover: list(ListSection::Recover, &p.objectives.recover),
        caf: p.objectives.caf.iter().map(|c| c.value).collect(),
        classification: ClassificationView {
            ttps: list(ListSection::Ttp, &c.ttps),
            category: c
                .category
                .as_ref()
                .map(|x| t(field_id(id, Field::Category), x)),
            resource: c
                .resource
                .as_ref()
                .map(|x| t(field_id(id, Field::Resource), x)),
            indicators: list(ListSection::Indicator, &c.indicators),
            log_sources: c.log_sources.iter().map(|l| l.value.clone()).collect(),
            teams: list(ListSection::Team, &c.teams),
        },
        steps: p
            .steps
            .iter()
            .map(|s| StepView {
                key: s.key.value.clone(),
                phase: s.value.phase.value,
                text: t(
                    item_id(id, ListSection::Step, s.key.as_str()),
                    &s.value.text,
                ),
                role: s.value.role.as_ref().map(|r| r.value.clone()),
                role_name: None,
                attack: super::response::techniques(&s.value.attack),
            })
            .collect(),
        preparation: list(ListSection::Preparation, &p.preparation),
        escalation: list(ListSection::Escalation, &p.escalation),
        escalation_keys: p.escalation.iter().map(|i| i.key.value.clone()).collect(),
        model_intro: p
            .service_model
            .intro
            .as_ref()
            .map(|x| t(field_id(id, Field::ModelIntro), x)),
        components: p
            .service_model
            .components
            .iter()
            .map(|comp| {
                let k = comp.key.as_str();
                ComponentView {
                    key: k.to_owned(),
                    name: t(component_name_id(id, k), &comp.value.name),
                    text: t(component_text_id(id, k), &comp.value.text),
                }
            })
            .collect(),
        detection_notes: list(ListSection::DetectionNote, &p.detection.notes),
        endpoints: p
            .detection
            .endpoints
            .iter()
            .map(|e| EndpointView {
                host: e.value.host.value.clone(),
                label: e
                    .value
                    .label
                    .as_ref()
                    .map(|l| t(endpoint_label_id(id, e.value.host.as_str()), l)),
            })
            .collect(),
        common: p.detection.common.iter().map(|c| c.value.clone()).collect(),
        groups,
        data_events_intro: p
            .detection
            .data_events_intro
            .as_ref()
            .map(|x| t(field_id(id, Field::DataEventsIntro), x)),
        data_events,
        data_only_events,
        analysis: list(ListSection::Analysis, &p.analysis),
        containment: actions(ActionSection::Containment, &p.containment),
        recovery: actions(ActionSection::Recovery, &p.recovery),
        data_protection: list(ListSection::DataProtection, &p.data_protection),
        permission_notes: list(ListSection::PermissionsNote, &p.permissions.notes),
        tasks: p
            .permissions
            .tasks
            .iter()
            .map(|task| TaskView {
                key: task.key.value.clone(),
                text: t(
                    item_id(id, ListSection::Task, task.key.as_str()),
                    &task.value.text,
                ),
                actions: task.value.actions.iter().map(|a| a.value.clone()).collect(),
            })
            .collect(),
        lessons: list(ListSection::Lesson, &p.lessons),
        backlog_addressed: list(ListSection::BacklogAddressed, &p.backlog.addressed),
        backlog_current: list(ListSection::BacklogCurrent, &p.backlog.current),
        notes: p
            .notes
            .iter()
            .map(|n| {
                let k = n.key.as_str();
                NoteView {
                    key: k.to_owned(),
                    title: t(note_title_id(id, k), &n.value.title),
                    markdown: t(note_markdown_id(id, k), &n.value.markdown),
                }
            })
            .collect(),
        response: super::response::response_view(p, tr),
    }
}
