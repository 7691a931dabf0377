//! The site's and reports' own words (`ui.ftl`): headings, labels, plurals, dates.
//!
//! Lookups go down a chain, message by message: the book's `locales/<lang>/ui.ftl`, the
//! built-in strings for that language, then the same two for English. A book therefore
//! needs no `ui.ftl` of its own, and can override any single string.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::path::Path;

/// Built-in interface strings, the same files the shipped book keeps in `locales/`.
const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/ui.ftl")),
    ("fr", include_str!("../../locales/fr/ui.ftl")),
];

/// Ids of the built-in interface messages of a language (empty for unknown languages).
pub fn default_ids(lang: &str) -> Vec<String> {
    BUILTIN
        .iter()
        .filter(|(l, _)| *l == lang)
        .flat_map(|(_, text)| super::ftl::parse(text).messages.into_iter().map(|m| m.id))
        .collect()
}

pub fn builtin_text(lang: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(l, _)| *l == lang).map(|(_, t)| *t)
}

struct Layer {
    lang: String,
    bundle: FluentBundle<FluentResource>,
}

pub struct Ui {
    pub lang: String,
    layers: Vec<Layer>,
}

impl Ui {
    /// The interface strings of `lang` for the book whose locales are in `locales_dir`.
    pub fn new(lang: &str, locales_dir: Option<&Path>) -> Ui {
        let mut layers = Vec::new();
        let mut chain = vec![lang.to_owned()];
        if lang != "en" {
            chain.push("en".to_owned());
        }
        for l in chain {
            if let Some(dir) = locales_dir {
                // Problems with the file (special, huge, too deep) are reported by
                // `check`; here the interface falls back to the built-in strings.
                let path = dir.join(&l).join("ui.ftl");
                if let Ok(text) = crate::read::text(&path, crate::read::MAX_FTL_BYTES, None) {
                    if super::ftl::check_parsable(&text).is_ok() {
                        layers.push(layer(&l, text));
                    }
                }
            }
            if let Some(text) = builtin_text(&l) {
                layers.push(layer(&l, text.to_owned()));
            }
        }
        Ui {
            lang: lang.to_owned(),
            layers,
        }
    }

    /// A message without arguments; its id if no layer has it (visible, never a crash).
    pub fn get(&self, id: &str) -> String {
        self.format(id, None).0
    }

    /// A message and the language it came from (to mark English fallbacks on a page).
    pub fn get_lang(&self, id: &str) -> (String, String) {
        self.format(id, None)
    }

    /// `{ $count }`-style messages with CLDR plural rules.
    pub fn count(&self, id: &str, count: usize) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.format(id, Some(&args)).0
    }

    pub fn with_args(&self, id: &str, pairs: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (k, v) in pairs {
            args.set(*k, FluentValue::from(v.clone()));
        }
        self.format(id, Some(&args)).0
    }

    /// A `YYYY-MM-DD` date in this language's format ("1 November 2026", "1 novembre 2026").
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return iso.to_owned();
        };
        let month = self.get(&format!("month-{}", m.trim_start_matches('0')));
        let mut args = FluentArgs::new();
        // The day as a number, so that a language can select on it: French writes the
        // first of the month "1er".
        match d.parse::<u32>() {
            Ok(day) => args.set("day", FluentValue::from(day)),
            Err(_) => args.set("day", FluentValue::from(d.to_string())),
        }
        args.set("month", FluentValue::from(month));
        args.set("year", FluentValue::from(y.to_string()));
        self.format("date-format", Some(&args)).0
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> (String, String) {
        for layer in &self.layers {
            if let Some(pattern) = layer.bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = layer
                    .bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
                if !text.trim().is_empty() {
                    return (text, layer.lang.clone());
                }
            }
        }
        (id.to_owned(), "en".to_owned())
    }
}

fn layer(lang: &str, text: String) -> Layer {
    let langid = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let res = FluentResource::try_new(text).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(res);
    Layer {
        lang: lang.to_owned(),
        bundle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_cldr() {
        let en = Ui::new("en", None);
        let fr = Ui::new("fr", None);
        assert_eq!(en.count("events-count", 0), "0 events");
        assert_eq!(en.count("events-count", 1), "1 event");
        assert_eq!(fr.count("events-count", 0), "0 événement");
        assert_eq!(fr.count("events-count", 1), "1 événement");
        assert_eq!(fr.count("events-count", 53), "53 événements");
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(Ui::new("en", None).date("2026-11-01"), "1 November 2026");
        assert_eq!(Ui::new("fr", None).date("2026-11-01"), "1er novembre 2026");
        assert_eq!(Ui::new("fr", None).date("2026-11-02"), "2 novembre 2026");
    }

    #[test]
    fn unknown_language_falls_back_to_english() {
        let de = Ui::new("de", None);
        assert_eq!(
            de.get_lang("phase-recovery"),
            ("Recovery".to_owned(), "en".to_owned())
        );
    }

    #[test]
    fn builtin_files_have_the_same_ids() {
        let mut en = default_ids("en");
        let mut fr = default_ids("fr");
        en.sort();
        fr.sort();
        assert_eq!(en, fr);
    }
}
