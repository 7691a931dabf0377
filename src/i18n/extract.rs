//! What there is to translate: every message a playbook needs, with its English source.

use crate::load::{Book, Source};
use crate::model::data_only::data_only_events;
use crate::model::messages::{data_event_description_id, event_description_id, fluent_id};
use crate::model::{Playbook, Pos};
use crate::registry::Registry;
use std::sync::Arc;

/// A message the book needs in every language.
#[derive(Debug, Clone)]
pub struct Expected {
    pub id: String,
    pub en: String,
    /// Where the English lives: the playbook file (or the registry, for default descriptions).
    /// Shared by every message of the file (one allocation, not one per message).
    pub file: Arc<str>,
    pub pos: Pos,
}

/// Messages of one playbook, in document order: its texts, plus the registry's description
/// of every event that has none of its own (responders read those too), including the
/// events listed only among the data events.
pub fn playbook_messages(source: &Source<Playbook>, registry: &Registry) -> Vec<Expected> {
    let p = &source.doc;
    let file: Arc<str> = source.shown.as_str().into();
    let mut out: Vec<Expected> = p
        .messages()
        .into_iter()
        .map(|m| Expected {
            id: m.id,
            en: m.text.value.clone(),
            file: Arc::clone(&file),
            pos: m.text.pos,
        })
        .collect();
    for group in p.detection.groups.iter() {
        let service = group.value.service.as_str();
        for ev in &group.value.events {
            if ev.value.description.is_some() {
                continue;
            }
            let name = ev.value.name.as_str();
            if let Some(desc) = registry.event(service, name).and_then(|e| e.description) {
                out.push(Expected {
                    id: event_description_id(p.id.as_str(), group.key.as_str(), name),
                    en: desc.to_owned(),
                    file: Arc::clone(&file),
                    pos: ev.value.name.pos.or(ev.pos),
                });
            }
        }
    }
    let service_of = |rtype: &str| registry.resource_type(rtype).map(|r| r.service.to_owned());
    for ev in data_only_events(p, service_of) {
        let name = ev.name.as_str();
        if let Some(desc) = registry
            .event(&ev.service, name)
            .and_then(|e| e.description)
        {
            out.push(Expected {
                id: data_event_description_id(p.id.as_str(), name),
                en: desc.to_owned(),
                file: Arc::clone(&file),
                pos: ev.name.pos,
            });
        }
    }
    // The same id twice (an event listed twice in a group) would be one message.
    let mut seen = rustc_hash::FxHashSet::default();
    let first: Vec<bool> = out.iter().map(|e| seen.insert(e.id.as_str())).collect();
    let mut first = first.into_iter();
    out.retain(|_| first.next().unwrap_or(true));
    out
}

/// The file (`locales/<lang>/book.ftl`) translating the book's own texts: its title,
/// description and role names, whose English is in book.toml.
pub const BOOK_FILE: &str = "book";

/// Files of a locale that belong to no playbook: no playbook may take their name.
pub const RESERVED_FILES: [&str; 2] = [BOOK_FILE, "ui"];

/// Message ids of the book's own texts. They start with a word holding `_`, which no
/// playbook id can (playbook ids are slugs and prefix all their messages): `book-title`
/// would be the title of a playbook called `book`, `role-x` a text of a playbook `role`.
pub const BOOK_TITLE_ID: &str = "book_title";
pub const BOOK_DESCRIPTION_ID: &str = "book_description";

/// Message id of a role's name (`role_ir-lead`).
pub fn role_name_id(role: &str) -> String {
    fluent_id(&format!("role_{role}"))
}

/// The book's own texts to translate, with their English from book.toml, in a fixed order
/// (title, description, then the roles by id).
pub fn book_own_messages(book: &Book) -> Vec<Expected> {
    let shown: Arc<str> = crate::config::FILE_NAME.into();
    let toml =
        crate::config::read_file(&book.root.join(crate::config::FILE_NAME)).unwrap_or_default();
    let at = |table: &str, key: &str| crate::config::key_pos(&toml, table, key);
    let mut out = vec![Expected {
        id: BOOK_TITLE_ID.to_owned(),
        en: book.config.book.title.clone(),
        file: shown.clone(),
        pos: at("book", "title"),
    }];
    if let Some(d) = &book.config.book.description {
        out.push(Expected {
            id: BOOK_DESCRIPTION_ID.to_owned(),
            en: d.clone(),
            file: shown.clone(),
            pos: at("book", "description"),
        });
    }
    for (role, name) in &book.config.roles {
        out.push(Expected {
            id: role_name_id(role),
            en: name.clone(),
            file: shown.clone(),
            pos: at("roles", role),
        });
    }
    out
}

/// Messages of every playbook, keyed by playbook id, then the book's own (keyed
/// [`BOOK_FILE`]).
pub fn book_messages(book: &Book, registry: &Registry) -> Vec<(String, Vec<Expected>)> {
    let mut out: Vec<(String, Vec<Expected>)> = book
        .playbooks
        .iter()
        .map(|s| (s.doc.id.value.clone(), playbook_messages(s, registry)))
        .collect();
    out.push((BOOK_FILE.to_owned(), book_own_messages(book)));
    out
}
