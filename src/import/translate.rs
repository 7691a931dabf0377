//! A translated Markdown playbook → the Fluent file of its language.
//!
//! The translation is read with the English document's structure: its sections are
//! classified by the English heading at the same place in the tree, its `[**PHASE**]`
//! tags fall back to the English step's phase, and its lists are paired with the
//! English ones item by item when they have as many items. Identifiers come from the
//! English (an event name translated or lower-cased in a table row is restored, and the
//! report says so), so message ids match. A list whose length differs (a translation of
//! an older English version) is not guessed at: its messages are left missing and
//! counted. The `.ftl` is written with `# en:` and `# hash:` records by the i18n writer.

use super::draft::Draft;
use super::markdown::{Doc, Section};
use super::report::{Kind, Report};
use super::{emit, sections, ImportError, Imported};
use crate::i18n::escape::to_pattern;
use crate::i18n::extract::playbook_messages;
use crate::i18n::ftl::{self, comment_lines, raw_value};
use crate::i18n::hash::fingerprint;
use crate::i18n::update;
use crate::load::Source;
use crate::registry::Registry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug)]
pub struct Translated {
    pub lang: String,
    /// The whole `.ftl` file.
    pub ftl: String,
    pub report: Report,
    /// Messages translated, out of `expected`.
    pub translated: usize,
    pub expected: usize,
    /// Messages left missing because their list could not be aligned.
    pub unaligned: usize,
}

impl Translated {
    pub fn coverage(&self) -> f64 {
        if self.expected == 0 {
            return 100.0;
        }
        100.0 * self.translated as f64 / self.expected as f64
    }
}

/// Imports `text`, the translation into `lang` of the English playbook `en`.
pub fn import_translation(
    en: &Imported,
    en_text: &str,
    text: &str,
    lang: &str,
    language_name: &str,
    source_name: &str,
) -> Result<Translated, ImportError> {
    if text.len() > super::MAX_INPUT_BYTES {
        return Err(ImportError(format!(
            "the translation is {} bytes; imports are limited to {} bytes",
            text.len(),
            super::MAX_INPUT_BYTES
        )));
    }
    let registry = Registry::embedded();
    let en_text = en_text.strip_prefix('\u{feff}').unwrap_or(en_text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let en_doc = Doc::parse(en_text);
    let doc = Doc::parse(text);
    let mut titles = HashMap::new();
    align_titles(&en_doc.root, &doc.root, &mut titles);
    let mut mapper =
        sections::Mapper::translation(&doc, registry, titles, en.tagged_phases.clone());
    mapper.run();
    let mut report = mapper.report;
    let mut draft = mapper.draft;
    draft.id = en.id.clone();
    let unaligned_lists = align(&en.draft, &mut draft, &mut report);
    let yaml = emit::yaml_keyed(&draft, source_name, Some(&en.draft));
    let translated_doc = crate::load::parse_playbook(&yaml, &format!("{}.{lang}.yaml", en.id))
        .map_err(|d| {
            ImportError(format!(
                "internal error: the aligned translation does not load ({}:{}: {})",
                d.line, d.column, d.message
            ))
        })?;
    let english_doc = crate::load::parse_playbook(&en.yaml, &format!("{}.yaml", en.id))
        .map_err(|d| ImportError(format!("internal error: {}", d.message)))?;
    let source = Source {
        path: format!("{}.yaml", en.id).into(),
        shown: format!("{}.yaml", en.id),
        text: Arc::from(en.yaml.as_str()),
        doc: english_doc,
    };
    let expected = playbook_messages(&source, registry);
    let theirs: BTreeMap<String, String> = translated_doc
        .messages()
        .into_iter()
        .map(|m| (m.id, m.text.value.clone()))
        .collect();
    let mut records = String::new();
    let mut translated = 0;
    for e in &expected {
        let Some(value) = theirs.get(&e.id).filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        translated += 1;
        let raw = format!("{} = {}", e.id, to_pattern(value));
        records.push_str(&comment_lines("en", &e.en));
        records.push_str(&format!(
            "# hash: {} {}\n",
            fingerprint(&e.en),
            fingerprint(raw_value(&raw))
        ));
        records.push_str(&raw);
        records.push_str("\n\n");
    }
    let existing = ftl::parse(&records);
    let header = format!(
        "### irbook: translation of playbook `{}` into {language_name} (`{lang}`).\n### Imported from {} by `irbook import`; kept up to date by `irbook i18n update`. The `# en:`\n### lines show the English source and `# hash:` tells irbook when it changes: leave both as they are.\n",
        en.id,
        emit::one_line(source_name)
    );
    let mut upd = update::Report::default();
    let ftl = update::render_file(&header, &expected, Some(&existing), false, &mut upd);
    let unaligned = expected.len() - translated;
    if unaligned_lists > 0 {
        report.add(
            0,
            Kind::Dropped,
            format!("{unaligned_lists} list(s) have a different number of items than the English: their messages are left missing (the page shows the English)"),
        );
    }
    report.add(
        0,
        Kind::Mapped,
        format!(
            "{translated} of {} messages translated into `{lang}`; {unaligned} left missing",
            expected.len()
        ),
    );
    Ok(Translated {
        lang: lang.to_owned(),
        ftl,
        report,
        translated,
        expected: expected.len(),
        unaligned,
    })
}

/// Pairs the translated section tree with the English one: where a section has as many
/// subsections in both, they are the same sections in the same order.
fn align_titles(en: &Section, tr: &Section, out: &mut HashMap<usize, String>) {
    out.insert(tr.line, en.title.plain_line());
    if en.children.len() == tr.children.len() {
        for (a, b) in en.children.iter().zip(&tr.children) {
            align_titles(a, b, out);
        }
    }
}

/// Makes the translated draft follow the English one: identifiers from the English
/// (every repair reported), lists of another length emptied. Returns how many lists
/// could not be aligned.
fn align(en: &Draft, tr: &mut Draft, report: &mut Report) -> usize {
    let mut unaligned = 0;
    macro_rules! same_len {
        ($($field:ident),*) => {$(
            if tr.$field.len() != en.$field.len() {
                if !tr.$field.is_empty() || !en.$field.is_empty() {
                    unaligned += 1;
                }
                tr.$field.clear();
            }
        )*};
    }
    same_len!(
        tools,
        determine,
        recover,
        ttps,
        indicators,
        log_sources,
        teams,
        steps,
        preparation,
        escalation,
        components,
        detection_notes,
        endpoints,
        analysis,
        containment,
        recovery,
        data_protection,
        permission_notes,
        tasks,
        lessons,
        addressed,
        current,
        notes
    );
    // Identifiers: always the English ones.
    for (t, e) in tr.endpoints.iter_mut().zip(&en.endpoints) {
        t.0 = e.0.clone();
    }
    for (t, e) in tr.steps.iter_mut().zip(&en.steps) {
        t.phase = e.phase;
        t.events = e.events.clone();
    }
    for (t, e) in tr.tasks.iter_mut().zip(&en.tasks) {
        t.actions = e.actions.clone();
    }
    tr.common = en.common.clone();
    tr.data_events = en.data_events.clone();
    tr.caf = en.caf.clone();
    if tr.groups.len() != en.groups.len() {
        if !tr.groups.is_empty() {
            unaligned += 1;
        }
        // Keep the English groups (names and services) with no translated text.
        tr.groups = en
            .groups
            .iter()
            .map(|g| super::draft::Group {
                title: String::new(),
                service: g.service.clone(),
                events: g.events.iter().map(|(n, _)| (n.clone(), None)).collect(),
                line: g.line,
            })
            .collect();
        return unaligned;
    }
    for (t, e) in tr.groups.iter_mut().zip(&en.groups) {
        t.service = e.service.clone();
        if t.events.len() != e.events.len() {
            unaligned += 1;
            t.events = e.events.iter().map(|(n, _)| (n.clone(), None)).collect();
            continue;
        }
        for ((name, _), (en_name, _)) in t.events.iter_mut().zip(&e.events) {
            if name != en_name {
                report.add(
                    t.line,
                    Kind::Fixed,
                    format!("event name `{name}` restored to the English `{en_name}`"),
                );
                *name = en_name.clone();
            }
        }
    }
    unaligned
}
