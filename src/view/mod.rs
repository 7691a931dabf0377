//! The localized view of a book: what every renderer (HTML, Markdown, print, catalog)
//! reads. Building it is the `localize` stage: every text is resolved through Fluent for
//! one language (falling back to English, marked), every event is joined with what the
//! registry knows of it. Renderers never see YAML positions, Fluent or the registry.

use crate::i18n::translations::{Resolved, Translator};
use crate::i18n::ui::Ui;
use crate::load::{Book, Source};
use crate::model::data_only::data_only_events;
use crate::model::messages::{data_event_description_id, endpoint_label_id, event_description_id};
use crate::model::{CafComponent, Phase, Playbook, Status};
use crate::registry::{AccessLevel, Registry};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A text for a page: inline Markdown in `lang`.
pub type Text = Resolved;

#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: String,
    pub name: String,
}

/// One language's view of the whole book.
#[derive(Debug, Clone, Serialize)]
pub struct BookView {
    pub lang: String,
    pub source_lang: String,
    pub title: String,
    /// The language the title is in (the source's when this language has none).
    pub title_lang: String,
    pub description: Option<String>,
    pub description_lang: String,
    pub languages: Vec<LanguageView>,
    pub playbooks: Vec<PlaybookView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaybookView {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub version: Option<String>,
    pub status: Status,
    pub author: Option<String>,
    pub approver: Option<String>,
    /// `YYYY-MM-DD`.
    pub approved: Option<String>,
    /// Services (IAM prefixes) of the event groups and data events, sorted.
    pub services: Vec<String>,
    /// Distinct event names across groups and data events.
    pub event_count: usize,
    pub tools: Vec<ToolView>,
    pub determine: Vec<Text>,
    pub recover: Vec<Text>,
    pub caf: Vec<CafComponent>,
    pub classification: ClassificationView,
    pub steps: Vec<StepView>,
    pub preparation: Vec<Text>,
    pub escalation: Vec<Text>,
    pub model_intro: Option<Text>,
    pub components: Vec<ComponentView>,
    pub detection_notes: Vec<Text>,
    pub endpoints: Vec<EndpointView>,
    pub common: Vec<String>,
    pub groups: Vec<GroupView>,
    pub data_events_intro: Option<Text>,
    pub data_events: Vec<DataEventsView>,
    /// Events listed only among the data events (in no group), in document order; their
    /// anchor is the section of the first resource type listing them.
    pub data_only_events: Vec<EventView>,
    pub analysis: Vec<Text>,
    pub containment: Vec<ActionView>,
    pub recovery: Vec<ActionView>,
    pub data_protection: Vec<Text>,
    pub permission_notes: Vec<Text>,
    pub tasks: Vec<TaskView>,
    pub lessons: Vec<Text>,
    pub backlog_addressed: Vec<Text>,
    pub backlog_current: Vec<Text>,
    pub notes: Vec<NoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ToolView {
    pub key: String,
    pub name: String,
    pub url: String,
    pub text: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassificationView {
    pub ttps: Vec<Text>,
    pub category: Option<Text>,
    pub resource: Option<Text>,
    pub indicators: Vec<Text>,
    pub log_sources: Vec<String>,
    pub teams: Vec<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub key: String,
    pub phase: Phase,
    pub text: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentView {
    pub key: String,
    pub name: Text,
    pub text: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndpointView {
    pub host: String,
    pub label: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// The group's key: its anchor is `group-<key>`.
    pub key: String,
    pub title: Text,
    pub service: String,
    pub events: Vec<EventView>,
}

/// An event as a responder needs it, joined with the registry.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub name: String,
    pub service: String,
    /// CloudTrail `eventSource`, e.g. `qbusiness.amazonaws.com`.
    pub event_source: String,
    pub description: Option<Text>,
    /// "List", "Read", "Write", "Permissions management", "Tagging"; None if unknown.
    pub access_level: Option<String>,
    pub read_only: Option<bool>,
    /// Listed among the events common in normal use.
    pub common: bool,
    /// Known to the registry for its service.
    pub verified: bool,
    /// Data-event resource types whose selectors log this event (empty: management event).
    pub data_resource_types: Vec<String>,
    /// HTML anchor: `event-<group>-<Name>`, or the data section's anchor for an event in no
    /// group.
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataEventsView {
    pub resource_type: String,
    pub service: Option<String>,
    pub events: Vec<String>,
    /// Anchor: `data-<resource type with :: replaced by ->`.
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub key: String,
    pub text: Text,
    pub links: Vec<LinkView>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: Text,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    pub key: String,
    pub text: Text,
    /// IAM actions, `prefix:Action`.
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub key: String,
    pub title: Text,
    pub markdown: Text,
}

/// Anchor of an event row in a playbook page.
pub fn event_anchor(group: &str, name: &str) -> String {
    format!("event-{group}-{name}")
}

/// Anchor of a data-event resource type section.
pub fn data_anchor(resource_type: &str) -> String {
    format!("data-{}", resource_type.replace("::", "-"))
}

pub fn access_level_name(level: AccessLevel) -> Option<&'static str> {
    match level {
        AccessLevel::List => Some("List"),
        AccessLevel::Read => Some("Read"),
        AccessLevel::Write => Some("Write"),
        AccessLevel::PermissionsManagement => Some("Permissions management"),
        AccessLevel::Tagging => Some("Tagging"),
        AccessLevel::Unknown => None,
    }
}

/// What identifies an event row, before the registry and the translations are joined in.
struct EventSpec<'a> {
    service: &'a str,
    name: &'a str,
    /// The writer's description, if any (else the registry's is used).
    own_description: Option<&'a str>,
    message_id: String,
    common: bool,
    data_resource_types: Vec<String>,
    anchor: String,
}

/// An event joined with the registry, its description resolved in the translator's language.
fn event_view(registry: &Registry, tr: &Translator, spec: EventSpec) -> EventView {
    let EventSpec { service, name, .. } = spec;
    let info = registry.event(service, name);
    let english = spec
        .own_description
        .or_else(|| info.as_ref().and_then(|i| i.description));
    EventView {
        name: name.to_owned(),
        service: service.to_owned(),
        event_source: info
            .as_ref()
            .map(|i| i.event_source.to_owned())
            .or_else(|| registry.service_event_source(service).map(str::to_owned))
            .unwrap_or_else(|| format!("{service}.amazonaws.com")),
        description: english.map(|en| tr.text(&spec.message_id, en)),
        access_level: info
            .as_ref()
            .and_then(|i| access_level_name(i.access_level))
            .map(str::to_owned),
        read_only: info.as_ref().and_then(|i| i.read_only),
        common: spec.common,
        verified: info.is_some(),
        data_resource_types: spec.data_resource_types,
        anchor: spec.anchor,
    }
}

/// Builds the view of `book` in `lang`. The book must have passed validation.
pub fn build(book: &Book, registry: &Registry, translator: &Translator, ui: &Ui) -> BookView {
    let languages = book
        .config
        .languages()
        .into_iter()
        .map(|code| LanguageView {
            name: book.config.language_name(&code),
            code,
        })
        .collect();
    let mut playbooks: Vec<PlaybookView> = book
        .playbooks
        .iter()
        .map(|s| playbook_view(s, registry, translator))
        .collect();
    playbooks.sort_by(|a, b| a.id.cmp(&b.id));
    let _ = ui;
    let lang = &translator.lang;
    let own = book.config.language.get(lang);
    let source_lang = book.config.book.source_language.clone();
    // The title and description of this language from book.toml, else the source's
    // (marked with the source language, so pages can set `lang` on them).
    let (title, title_lang) = match own.and_then(|l| l.title.clone()) {
        Some(t) => (t, lang.clone()),
        None => (book.config.book.title.clone(), source_lang.clone()),
    };
    let (description, description_lang) = match own.and_then(|l| l.description.clone()) {
        Some(d) => (Some(d), lang.clone()),
        None => (book.config.book.description.clone(), source_lang.clone()),
    };
    BookView {
        lang: translator.lang.clone(),
        source_lang,
        title,
        title_lang,
        description,
        description_lang,
        languages,
        playbooks,
    }
}

pub fn playbook_view(
    source: &Source<Playbook>,
    registry: &Registry,
    tr: &Translator,
) -> PlaybookView {
    let p = &source.doc;
    let id = p.id.as_str();
    let t = |mid: String, text: &crate::model::Sp<String>| tr.text(&mid, text.as_str());
    let list = |section: &str, items: &crate::model::items::Items<String>| -> Vec<Text> {
        items
            .iter()
            .map(|i| {
                tr.text(
                    &format!("{id}-{section}-{}", i.key.as_str()),
                    i.value.as_str(),
                )
            })
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
                title: t(format!("{id}-group-{gk}-title"), &g.value.title),
                service: service.to_owned(),
                events,
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
        |section: &str,
         items: &crate::model::items::Items<crate::model::short::Short<crate::model::Action>>|
         -> Vec<ActionView> {
            items
                .iter()
                .map(|a| {
                    let k = a.key.as_str();
                    ActionView {
                        key: k.to_owned(),
                        text: t(format!("{id}-{section}-{k}"), &a.value.text),
                        links: a
                            .value
                            .links
                            .iter()
                            .enumerate()
                            .map(|(n, l)| LinkView {
                                title: t(format!("{id}-{section}-{k}-link-{}", n + 1), &l.title),
                                url: l.url.value.clone(),
                            })
                            .collect(),
                        note: a
                            .value
                            .note
                            .as_ref()
                            .map(|n| t(format!("{id}-{section}-{k}-note"), n)),
                    }
                })
                .collect()
        };

    let c = &p.classification;
    PlaybookView {
        id: id.to_owned(),
        title: t(format!("{id}-title"), &p.title),
        summary: t(format!("{id}-summary"), &p.summary),
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
                    .map(|x| t(format!("{id}-tool-{}-text", tool.key.as_str()), x)),
            })
            .collect(),
        determine: list("determine", &p.objectives.determine),
        recover: list("recover", &p.objectives.recover),
        caf: p.objectives.caf.iter().map(|c| c.value).collect(),
        classification: ClassificationView {
            ttps: list("ttp", &c.ttps),
            category: c.category.as_ref().map(|x| t(format!("{id}-category"), x)),
            resource: c.resource.as_ref().map(|x| t(format!("{id}-resource"), x)),
            indicators: list("indicator", &c.indicators),
            log_sources: c.log_sources.iter().map(|l| l.value.clone()).collect(),
            teams: list("team", &c.teams),
        },
        steps: p
            .steps
            .iter()
            .map(|s| StepView {
                key: s.key.value.clone(),
                phase: s.value.phase.value,
                text: t(format!("{id}-step-{}", s.key.as_str()), &s.value.text),
            })
            .collect(),
        preparation: list("preparation", &p.preparation),
        escalation: list("escalation", &p.escalation),
        model_intro: p
            .service_model
            .intro
            .as_ref()
            .map(|x| t(format!("{id}-model-intro"), x)),
        components: p
            .service_model
            .components
            .iter()
            .map(|comp| {
                let k = comp.key.as_str();
                ComponentView {
                    key: k.to_owned(),
                    name: t(format!("{id}-component-{k}-name"), &comp.value.name),
                    text: t(format!("{id}-component-{k}-text"), &comp.value.text),
                }
            })
            .collect(),
        detection_notes: list("detection-note", &p.detection.notes),
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
            .map(|x| t(format!("{id}-data-events-intro"), x)),
        data_events,
        data_only_events,
        analysis: list("analysis", &p.analysis),
        containment: actions("containment", &p.containment),
        recovery: actions("recovery", &p.recovery),
        data_protection: list("data-protection", &p.data_protection),
        permission_notes: list("permissions-note", &p.permissions.notes),
        tasks: p
            .permissions
            .tasks
            .iter()
            .map(|task| TaskView {
                key: task.key.value.clone(),
                text: t(format!("{id}-task-{}", task.key.as_str()), &task.value.text),
                actions: task.value.actions.iter().map(|a| a.value.clone()).collect(),
            })
            .collect(),
        lessons: list("lesson", &p.lessons),
        backlog_addressed: list("backlog-addressed", &p.backlog.addressed),
        backlog_current: list("backlog-current", &p.backlog.current),
        notes: p
            .notes
            .iter()
            .map(|n| {
                let k = n.key.as_str();
                NoteView {
                    key: k.to_owned(),
                    title: t(format!("{id}-note-{k}-title"), &n.value.title),
                    markdown: t(format!("{id}-note-{k}-markdown"), &n.value.markdown),
                }
            })
            .collect(),
    }
}
