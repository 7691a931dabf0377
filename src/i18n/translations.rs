//! The state of each translation (translated, outdated, missing, obsolete), the checks that
//! report it, and the lookups that resolve a message for a page.

use super::extract::{book_messages, Expected, BOOK_FILE};
use super::ftl::{raw_value, FtlMessage};
use super::hash::is_fingerprint_of;
use super::{Locale, LocaleFile};
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::load::Book;
use crate::model::Pos;
use crate::registry::Registry;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Translated,
    Outdated,
    Missing,
}

/// Whether a translation still matches its English source.
pub fn classify(message: Option<&FtlMessage>, en: &str) -> State {
    let Some(m) = message else {
        return State::Missing;
    };
    if m.is_empty {
        return State::Missing;
    }
    match (&m.en_hash, &m.en) {
        (Some(h), _) if is_fingerprint_of(h, en) => State::Translated,
        (Some(_), _) => {
            // The English changed. If the translation changed too since it was recorded,
            // the translator has already revised it: `i18n update` will record that.
            let edited = !m
                .value_hash
                .as_deref()
                .is_some_and(|h| is_fingerprint_of(h, raw_value(&m.raw)));
            if edited {
                State::Translated
            } else {
                State::Outdated
            }
        }
        (None, Some(recorded)) if recorded != en => State::Outdated,
        _ => State::Translated,
    }
}

pub fn language_name(book: &Book, lang: &str) -> String {
    book.config.language_name(lang)
}

/// Diagnostics for every target language: missing, outdated and obsolete messages.
pub fn check(book: &Book, registry: &Registry, locales: &BTreeMap<String, Locale>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let messages = book_messages(book, registry);
    for lang in book.config.target_languages() {
        let empty = Locale::default();
        let locale = locales.get(&lang).unwrap_or(&empty);
        let name = language_name(book, &lang);
        for (playbook, expected) in &messages {
            let file = match locale.files.get(playbook) {
                Some(f) => Found::File(f),
                None if locale.unreadable.contains(playbook) => Found::Refused,
                None => Found::Absent,
            };
            check_translation(&mut diags, &lang, &name, playbook, expected, file);
        }
        check_ui(&mut diags, &lang, &name, locale);
    }
    diags
}

/// What a language has of the file `locales/<lang>/<name>.ftl`.
#[derive(Clone, Copy)]
pub enum Found<'a> {
    File(&'a LocaleFile),
    /// It exists but was refused, and that is reported already.
    Refused,
    Absent,
}

/// The diagnostics of one file of one language (`name`: a playbook id, or [`BOOK_FILE`])
/// that should translate `expected`: missing, outdated and obsolete messages, or the
/// whole file missing.
pub fn check_translation(
    diags: &mut Diagnostics,
    lang: &str,
    lang_name: &str,
    name: &str,
    expected: &[Expected],
    file: Found,
) {
    let file_shown = format!("locales/{lang}/{name}.ftl");
    match file {
        Found::Refused => {}
        Found::Absent => {
            let first = expected.first();
            diags.push(
                Diagnostic::new(
                    diag::MISSING_TRANSLATION,
                    first.map(|e| &*e.file).unwrap_or(&file_shown),
                    first.map(|e| e.pos).unwrap_or(Pos::UNKNOWN),
                    format!(
                        "{} has no {lang_name} translation ({} messages): {file_shown} does not exist",
                        if name == BOOK_FILE { "the book (title, roles)".to_owned() } else { format!("playbook `{name}`") },
                        expected.len()
                    ),
                )
                .help(format!("run `irbook i18n update` to create {file_shown} with every message to translate")),
            );
        }
        Found::File(file) => check_file(diags, lang_name, file, expected),
    }
}

fn check_file(diags: &mut Diagnostics, lang_name: &str, file: &LocaleFile, expected: &[Expected]) {
    // Hashed, not `FtlDoc::by_id`'s ordered map: ids share long prefixes (the playbook's
    // id), which made every comparison of the tree long (issue 11). The last definition
    // of an id wins in both.
    let by_id: rustc_hash::FxHashMap<&str, &FtlMessage> = file
        .doc
        .messages
        .iter()
        .map(|m| (m.id.as_str(), m))
        .collect();
    for e in expected {
        let m = by_id.get(e.id.as_str()).copied();
        match classify(m, &e.en) {
            State::Translated => {}
            State::Missing => diags.push(
                Diagnostic::new(
                    diag::MISSING_TRANSLATION,
                    &file.shown,
                    m.map(|m| Pos::new(m.line, 1)).unwrap_or(Pos::new(1, 1)),
                    format!("missing {lang_name} translation `{}`", e.id),
                )
                .related(&e.file, e.pos, "English source")
                .help(format!(
                    "translate it in {}; `irbook i18n update` adds a placeholder with the English beside it",
                    file.shown
                )),
            ),
            State::Outdated => {
                let m = m.expect("outdated implies present");
                diags.push(
                    Diagnostic::new(
                        diag::OUTDATED_TRANSLATION,
                        &file.shown,
                        Pos::new(m.line, 1),
                        format!(
                            "the {lang_name} translation `{}` is outdated: its English source changed",
                            e.id
                        ),
                    )
                    .width(e.id.len())
                    .related(&e.file, e.pos, "the English source, changed since")
                    .help(format!(
                        "revise the translation to match the new English: \"{}\"; then run `irbook i18n update` to record it",
                        shorten(&e.en)
                    )),
                );
            }
        }
    }
    let wanted: rustc_hash::FxHashSet<&str> = expected.iter().map(|e| e.id.as_str()).collect();
    for m in &file.doc.messages {
        if !wanted.contains(m.id.as_str()) {
            diags.push(
                Diagnostic::new(
                    diag::OBSOLETE_TRANSLATION,
                    &file.shown,
                    Pos::new(m.line, 1),
                    format!("`{}` translates a text that no longer exists", m.id),
                )
                .width(m.id.len())
                .help("delete it once you no longer need it (`irbook i18n update` moves it to the obsolete section)"),
            );
        }
    }
}

pub fn check_ui(diags: &mut Diagnostics, lang: &str, lang_name: &str, locale: &Locale) {
    let english = super::ui::default_ids("en");
    let own: std::collections::HashSet<String> = locale
        .files
        .get("ui")
        .map(|f| {
            f.doc
                .messages
                .iter()
                .filter(|m| !m.is_empty)
                .map(|m| m.id.clone())
                .collect()
        })
        .unwrap_or_default();
    let builtin = super::ui::default_ids(lang);
    for id in english {
        if !own.contains(&id) && !builtin.contains(&id) {
            diags.push(
                Diagnostic::new(
                    diag::MISSING_TRANSLATION,
                    format!("locales/{lang}/ui.ftl"),
                    Pos::new(1, 1),
                    format!("missing {lang_name} translation of the interface message `{id}`"),
                )
                .help("run `irbook i18n update` to add it with the English beside it"),
            );
        }
    }
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 90 {
        format!("{}…", one_line.chars().take(89).collect::<String>())
    } else {
        one_line
    }
}

/// Resolves playbook messages in one language, falling back to English message by message.
pub struct Translator {
    pub lang: String,
    pub is_source: bool,
    bundle: Option<FluentBundle<Arc<FluentResource>>>,
    /// The locale's files, shared with it (never copied), and where each message id is
    /// first defined in them: the messages as written, to tell a translation of older
    /// English (outdated).
    files: Vec<Arc<LocaleFile>>,
    messages: std::collections::HashMap<String, (u32, u32)>,
}

/// A text resolved for a page: the text, and the language it is actually in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Resolved {
    pub text: String,
    pub lang: String,
    /// True when the page's language had no translation and English is shown instead.
    pub fallback: bool,
    /// True when the translation was made from an English text that has changed since
    /// (the same test as `irbook check` and `i18n status`): the page marks it.
    pub outdated: bool,
}

impl Translator {
    pub fn new(lang: &str, source_lang: &str, locale: Option<&Locale>) -> Translator {
        if lang == source_lang {
            return Translator {
                lang: lang.to_owned(),
                is_source: true,
                bundle: None,
                files: Vec::new(),
                messages: Default::default(),
            };
        }
        let langid = lang
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        let files = translated_files(locale);
        // Parsing for the runtime is the costly part: every file at once, each only
        // the first time it is used (the preview keeps unchanged files, parsed).
        files.par_iter().for_each(|f| {
            f.runtime();
        });
        // The index of the messages as written and the bundle read the same files:
        // side by side. In both, a duplicate id keeps its first definition.
        let (messages, ()) = rayon::join(
            || {
                let mut messages = std::collections::HashMap::new();
                for (n, file) in files.iter().enumerate() {
                    for (m, msg) in file.doc.messages.iter().enumerate() {
                        messages
                            .entry(msg.id.clone())
                            .or_insert((n as u32, m as u32));
                    }
                }
                messages
            },
            || {
                for file in &files {
                    let _ = bundle.add_resource(Arc::clone(file.runtime()));
                }
            },
        );
        Translator {
            lang: lang.to_owned(),
            is_source: false,
            bundle: Some(bundle),
            files,
            messages,
        }
    }

    /// The message `id` as written in its file.
    fn message(&self, id: &str) -> Option<&FtlMessage> {
        let &(n, m) = self.messages.get(id)?;
        self.files.get(n as usize)?.doc.messages.get(m as usize)
    }

    /// The text of message `id` in this language, or `english` marked as a fallback.
    pub fn text(&self, id: &str, english: &str) -> Resolved {
        if !self.is_source {
            record(id);
        }
        if let Some(t) = self.lookup(id) {
            return Resolved {
                text: t,
                lang: self.lang.clone(),
                fallback: false,
                outdated: matches!(classify(self.message(id), english), State::Outdated),
            };
        }
        Resolved {
            text: english.to_owned(),
            lang: "en".to_owned(),
            fallback: !self.is_source,
            outdated: false,
        }
    }

    fn lookup(&self, id: &str) -> Option<String> {
        let bundle = self.bundle.as_ref()?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned();
        (!text.trim().is_empty()).then_some(text)
    }
}

thread_local! {
    /// The message ids looked up on this thread while `recording` runs.
    static USED: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

fn record(id: &str) {
    USED.with(|used| {
        if let Some(ids) = used.borrow_mut().as_mut() {
            if !ids.contains(id) {
                ids.insert(id.to_owned());
            }
        }
    });
}

/// Runs `f` and returns, with its result, the message ids that translators of a target
/// language looked up on this thread meanwhile, found or not (a source-language
/// translator reads no translation). The preview records what each playbook's views read
/// of the translations, so that a change to a `.ftl` file renders again only the
/// playbooks that read one of its messages. `f` must not hand lookups to other threads.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, BTreeSet<String>) {
    let outer = USED.with(|used| used.borrow_mut().replace(BTreeSet::new()));
    let out = f();
    let ids = USED.with(|used| std::mem::replace(&mut *used.borrow_mut(), outer));
    (out, ids.unwrap_or_default())
}

impl Translator {
    /// `ids` (as `recording` returns them) with the messages their translations refer to
    /// (`{ other-message }`), transitively: every message whose change can change them.
    pub fn dependencies(&self, ids: BTreeSet<String>) -> BTreeSet<String> {
        let Some(bundle) = &self.bundle else {
            return ids;
        };
        let mut all = ids;
        let mut todo: Vec<String> = all.iter().cloned().collect();
        while let Some(id) = todo.pop() {
            let Some(message) = bundle.get_message(&id) else {
                continue;
            };
            let mut found = Vec::new();
            if let Some(p) = message.value() {
                references(p, &mut found);
            }
            for a in message.attributes() {
                references(a.value(), &mut found);
            }
            for r in found {
                if !all.contains(r) {
                    all.insert(r.to_owned());
                    todo.push(r.to_owned());
                }
            }
        }
        all
    }

    /// Whether this translator was made from exactly these files of its language (the
    /// same texts by the same names): then it translates as a new one would.
    pub fn made_from(&self, locale: Option<&Locale>) -> bool {
        let now = translated_files(locale);
        now.len() == self.files.len()
            && now
                .iter()
                .zip(&self.files)
                .all(|(a, b)| Arc::ptr_eq(a, b) || (a.shown == b.shown && a.text == b.text))
    }

    /// The message ids whose translation may differ between this translator and one made
    /// from `locale`: every message of each file that was added, removed or changed.
    pub fn changed_messages(&self, locale: Option<&Locale>) -> BTreeSet<String> {
        let key = |f: &Arc<LocaleFile>| (f.shown.clone(), Arc::clone(&f.text));
        let old: BTreeMap<_, _> = self.files.iter().map(|f| (key(f), f)).collect();
        let new_files = translated_files(locale);
        let new: BTreeMap<_, _> = new_files.iter().map(|f| (key(f), f)).collect();
        let mut changed = BTreeSet::new();
        for (_, f) in old.iter().filter(|(k, _)| !new.contains_key(*k)) {
            changed.extend(f.doc.messages.iter().map(|m| m.id.clone()));
        }
        for (_, f) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
            changed.extend(f.doc.messages.iter().map(|m| m.id.clone()));
        }
        changed
    }
}

/// The files of a locale a translator reads (all but the interface strings), in order.
fn translated_files(locale: Option<&Locale>) -> Vec<Arc<LocaleFile>> {
    locale
        .map(|l| {
            l.files
                .iter()
                .filter(|(stem, _)| stem.as_str() != "ui")
                .map(|(_, f)| Arc::clone(f))
                .collect()
        })
        .unwrap_or_default()
}

/// The ids of the messages a Fluent pattern refers to.
fn references<'p>(pattern: &'p Pattern<&'p str>, out: &mut Vec<&'p str>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_references(expression, out);
        }
    }
}

fn expression_references<'p>(expression: &'p Expression<&'p str>, out: &mut Vec<&'p str>) {
    match expression {
        Expression::Inline(inline) => inline_references(inline, out),
        Expression::Select { selector, variants } => {
            inline_references(selector, out);
            for v in variants {
                references(&v.value, out);
            }
        }
    }
}

fn inline_references<'p>(inline: &'p InlineExpression<&'p str>, out: &mut Vec<&'p str>) {
    match inline {
        InlineExpression::MessageReference { id, .. } => out.push(id.name),
        InlineExpression::Placeable { expression } => expression_references(expression, out),
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_references(a, out);
            }
            for n in &arguments.named {
                inline_references(&n.value, out);
            }
        }
        _ => {}
    }
}
