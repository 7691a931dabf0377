//! The localized view of a book: what every renderer (HTML, Markdown, print, catalog)
//! reads. Building it is the `localize` stage: every text is resolved through Fluent for
//! one language (falling back to English, marked), every event is joined with what the
//! registry knows of it. Renderers never see YAML positions, Fluent or the registry.
//!
//! - `book`: one language's view of the whole book, and the function that builds it;
//! - `playbook`: what a playbook page shows, as data;
//! - `events`: an event row joined with the registry, and the anchors pages link to;
//! - `localize`: one playbook's view in one language;
//! - `context`: everything a renderer may read (the views, the interface strings…);
//! - `walk`: a view's strings and flags, visited in place (search, outdated marks).

mod book;
mod context;
mod events;
mod localize;
mod playbook;
mod response;
mod summary;
pub mod walk;

pub use book::{book_meta, build, name_playbook_roles, name_roles, BookView, LanguageView};
pub use context::RenderContext;
pub use events::{access_level_name, data_anchor, event_anchor, DataEventsView, EventView};
pub use localize::playbook_view;
pub use playbook::{
    ActionView, ClassificationView, ComponentView, EndpointView, GroupView, LinkView, NoteView,
    PlaybookView, StepView, TaskView, ToolView,
};

pub use response::{LevelView, ResponseView, SourceView, TechniqueView};
pub use summary::summary;

use crate::i18n::translations::Resolved;

/// A text for a page: inline Markdown in `lang`.
pub type Text = Resolved;
