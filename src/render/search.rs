//! The full-text search index of one language, written as `<lang>/search-index.js`: a
//! script rather than JSON, so that a page opened from the disk (`file://`, where
//! `fetch` is refused) can load it with a `<script>` element.
//!
//! Documents are the sections of each playbook page and each event row, so that a
//! result links to the place that answers, not to the top of a long page. Terms are
//! lower-case and without accents:
//! - prose words are reduced by the language's Snowball stemmer (`rust-stemmers`):
//!   "supprimé" and "supprimerons" share the stem `supprim`;
//! - identifiers (event names, IAM actions, services, event sources, resource types,
//!   endpoints, and CamelCase words in prose) are kept whole *and* split at capitals and
//!   punctuation, so `DeleteIndex`, `Delete Index`, `qbusiness:DeleteIndex` and
//!   `AWS::QBusiness::Index` all find the event.
//!
//! The browser does not stem: the index holds stems, and a query word matches the
//! longest term that begins it (Snowball stemmers only remove or rewrite endings), so
//! the page needs no per-language code and the index no per-language format.
//!
//! Why not `elasticlunr-rs` (mdBook's choice): its JavaScript half needs a stemmer per
//! language in the browser (lunr-languages), and it stores each document's text again;
//! this index is terms → document numbers only (figures in bench/README).

use crate::render::markdown_inline::plain;
use crate::view::{BookView, PlaybookView};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A section of a playbook page: its key (the anchor) and its heading.
pub struct Section<'a> {
    pub key: &'a str,
    pub title: String,
}

#[derive(Serialize)]
struct Index<'a> {
    playbooks: Vec<String>,
    /// `[title, playbook number, href]`.
    docs: Vec<(String, usize, String)>,
    terms: Vec<&'a str>,
    postings: Vec<Vec<u32>>,
}

/// The index of `book`, as the script `search-index.js`. `sections(pb)` gives the
/// headings of a playbook's sections in page order, as the page shows them.
pub fn index_script<'a>(
    book: &'a BookView,
    sections: impl Fn(&'a PlaybookView) -> Vec<Section<'a>>,
) -> Vec<u8> {
    let stemmer = stemmer_for(&book.lang);
    let mut terms: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut docs = Vec::new();
    let mut playbooks = Vec::new();
    for (n, pb) in book.playbooks.iter().enumerate() {
        playbooks.push(plain(&pb.title.text));
        let fields = serde_json::to_value(pb).unwrap_or(Value::Null);
        let mut add_doc = |title: String, href: String, texts: &mut Terms| {
            let d = docs.len() as u32;
            docs.push((title, n, href));
            for t in texts.0.iter() {
                terms.entry(t.clone()).or_default().insert(d);
            }
        };
        // The page's top: title and summary.
        let mut top = Terms::default();
        top.prose(&stemmer, &pb.title.text);
        top.prose(&stemmer, &pb.summary.text);
        top.identifier(&pb.id);
        add_doc(plain(&pb.title.text), format!("{}.html", pb.id), &mut top);
        for s in sections(pb) {
            let mut t = Terms::default();
            t.prose(&stemmer, &s.title);
            for field in crate::render::sections::fields_of(s.key) {
                if let Some(v) = fields.get(*field) {
                    t.value(&stemmer, None, v);
                }
            }
            add_doc(s.title, format!("{}.html#{}", pb.id, s.key), &mut t);
        }
        for g in &pb.groups {
            for ev in &g.events {
                let mut t = Terms::default();
                for id in [&ev.name, &ev.service, &ev.event_source] {
                    t.identifier(id);
                }
                t.identifier(&format!("{}:{}", ev.service, ev.name));
                for rt in &ev.data_resource_types {
                    t.identifier(rt);
                }
                t.prose(&stemmer, &g.title.text);
                if let Some(d) = &ev.description {
                    t.prose(&stemmer, &d.text);
                }
                add_doc(
                    format!("{} · {}", ev.name, plain(&g.title.text)),
                    format!("{}.html#{}", pb.id, ev.anchor),
                    &mut t,
                );
            }
        }
        for d in &pb.data_events {
            let mut t = Terms::default();
            t.identifier(&d.resource_type);
            for name in &d.events {
                t.identifier(name);
                if let Some(service) = &d.service {
                    t.identifier(&format!("{service}:{name}"));
                }
            }
            add_doc(
                d.resource_type.clone(),
                format!("{}.html#{}", pb.id, d.anchor),
                &mut t,
            );
        }
    }
    let index = Index {
        playbooks,
        docs,
        terms: terms.keys().map(String::as_str).collect(),
        postings: terms
            .values()
            .map(|d| d.iter().copied().collect())
            .collect(),
    };
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "null".to_owned());
    // `</script` cannot occur (the file is not inline), but a `<!--` or U+2028 in a
    // title would still be valid JSON and valid JavaScript: nothing to escape.
    format!("window.irbookSearchIndex = {json};\n").into_bytes()
}

/// The Snowball stemmer of a language (its primary subtag), if there is one.
fn stemmer_for(lang: &str) -> Option<Stemmer> {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_lowercase();
    let algorithm = match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The terms of one document.
#[derive(Default)]
struct Terms(BTreeSet<String>);

/// View keys that hold no words to search (anchors, flags, URLs).
const SKIPPED_KEYS: &[&str] = &[
    "key",
    "anchor",
    "lang",
    "fallback",
    "url",
    "verified",
    "read_only",
    "common",
    "phase",
];
/// View keys whose strings are identifiers, never prose.
const IDENTIFIER_KEYS: &[&str] = &[
    "name",
    "service",
    "event_source",
    "host",
    "resource_type",
    "actions",
    "events",
    "data_resource_types",
];

impl Terms {
    /// Every string under a view value; `key` is the field holding it.
    fn value(&mut self, stemmer: &Option<Stemmer>, key: Option<&str>, v: &Value) {
        match v {
            Value::String(s) if key.is_some_and(|k| IDENTIFIER_KEYS.contains(&k)) => {
                self.identifier(s)
            }
            Value::String(s) => self.prose(stemmer, s),
            Value::Array(items) => items.iter().for_each(|i| self.value(stemmer, key, i)),
            Value::Object(map) => {
                for (k, v) in map {
                    if !SKIPPED_KEYS.contains(&k.as_str()) {
                        // An event's `name` is an identifier; a component's or a
                        // link's `name` object (`{text, …}`) is prose: the type decides.
                        self.value(stemmer, Some(k), v);
                    }
                }
            }
            _ => {}
        }
    }

    /// Inline Markdown prose: words stemmed; CamelCase words also kept as identifiers.
    fn prose(&mut self, stemmer: &Option<Stemmer>, markdown: &str) {
        let text = plain(markdown);
        for word in words(&text) {
            if looks_like_identifier(word) {
                self.identifier(word);
            }
            let lower = word.to_lowercase();
            let stem = match stemmer {
                Some(s) => s.stem(&lower).into_owned(),
                None => lower,
            };
            self.0.insert(fold(&stem));
        }
    }

    /// An identifier, whole (`qbusiness:deleteindex`, `q.amazonaws.com`) and in parts
    /// split at punctuation and capitals (`qbusiness`, `deleteindex`, `delete`, `index`).
    fn identifier(&mut self, id: &str) {
        for word in words(id) {
            self.0.insert(fold(word));
            for part in camel_parts(word) {
                self.0.insert(fold(part));
            }
        }
    }
}

/// Runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// `DeleteIndex`, `QBusiness`, `ListS3Buckets`: a capital after the first letter.
fn looks_like_identifier(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// `DeleteIndex` → `Delete`, `Index`; `QBusiness` → `Q`, `Business`; `S3Bucket` →
/// `S3`, `Bucket`. A word without inner capitals gives nothing.
fn camel_parts(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut cuts = vec![0];
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let prev = chars[i - 1].1;
        let next_lower = chars.get(i + 1).is_some_and(|(_, n)| n.is_lowercase());
        if c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit() || next_lower) {
            cuts.push(at);
        }
    }
    if cuts.len() == 1 {
        return Vec::new();
    }
    cuts.push(word.len());
    cuts.windows(2).map(|w| &word[w[0]..w[1]]).collect()
}

/// Lower case without accents, as the page folds a query (`NFD`, marks removed): the
/// common Latin letters are enough for the languages with a stemmer above.
fn fold(word: &str) -> String {
    word.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'û' | 'ü' | 'ú' | 'ù' => 'u',
            'ÿ' | 'ý' => 'y',
            'ñ' => 'n',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: &str, word: &str) -> String {
        let mut t = Terms::default();
        t.prose(&stemmer_for(lang), word);
        t.0.into_iter().next().unwrap()
    }

    #[test]
    fn french_forms_share_a_stem_that_begins_each_form() {
        let s = stem("fr", "supprimé");
        assert_eq!(s, stem("fr", "supprimerons"));
        assert_eq!(s, stem("fr", "supprimer"));
        assert!(fold("supprimerons").starts_with(&s), "{s}");
    }

    #[test]
    fn identifiers_are_whole_and_split() {
        let mut t = Terms::default();
        t.identifier("qbusiness:DeleteIndex");
        t.identifier("AWS::QBusiness::Index");
        t.identifier("ListS3Buckets");
        let got: Vec<&str> = t.0.iter().map(String::as_str).collect();
        for want in [
            "qbusiness",
            "deleteindex",
            "delete",
            "index",
            "aws",
            "q",
            "business",
            "lists3buckets",
            "list",
            "s3",
            "buckets",
        ] {
            assert!(got.contains(&want), "{want} missing from {got:?}");
        }
    }

    #[test]
    fn unknown_language_is_not_stemmed() {
        assert!(stemmer_for("tlh").is_none());
        assert_eq!(stem("tlh", "Qapla"), "qapla");
        assert!(stemmer_for("pt-BR").is_some());
    }
}
