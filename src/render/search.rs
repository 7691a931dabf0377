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

use crate::render::markdown_inline::{plain, plain_cow};
use crate::view::walk::{walk_fields, Visit};
use crate::view::PlaybookView;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::{Borrow, Cow};
use std::cell::RefCell;

/// A section of a playbook page: its key (the anchor) and its heading.
pub struct Section<'a> {
    pub key: &'a str,
    pub title: String,
}

/// A fragment's documents: `(title, anchor)`.
type Docs = Vec<(String, String)>;
/// A fragment's terms, each with the documents that hold it.
type Terms = Vec<(String, Vec<u32>)>;

/// One playbook's part of a language's index, made with the playbook (in parallel, and
/// kept with it by the preview's cache); the book-wide index only merges fragments.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// The playbook's title, as plain text.
    title: String,
    /// Its page, relative to the language's folder.
    page: String,
    /// Its documents: `(title, anchor)`; the page's top has no anchor.
    docs: Vec<(String, String)>,
    /// Each term with the documents (numbers into `docs`, ascending) that hold it.
    terms: Vec<(String, Vec<u32>)>,
}

impl Fragment {
    /// The fragment as bytes, for a build to keep on disk until the index is written
    /// (`decode` reads them back): strings and numbers, each length first.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.terms.len() * 16);
        let put_str = |out: &mut Vec<u8>, s: &str| {
            put_number(out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        };
        put_str(&mut out, &self.title);
        put_str(&mut out, &self.page);
        put_number(&mut out, self.docs.len() as u64);
        for (title, anchor) in &self.docs {
            put_str(&mut out, title);
            put_str(&mut out, anchor);
        }
        put_number(&mut out, self.terms.len() as u64);
        for (term, docs) in &self.terms {
            put_str(&mut out, term);
            put_number(&mut out, docs.len() as u64);
            for &d in docs {
                put_number(&mut out, d.into());
            }
        }
        out
    }

    /// The fragment `encode` wrote; `None` if `bytes` are not one.
    pub fn decode(mut bytes: &[u8]) -> Option<Fragment> {
        let b = &mut bytes;
        let title = take_str(b)?;
        let page = take_str(b)?;
        let docs = (0..take_number(b)?)
            .map(|_| Some((take_str(b)?, take_str(b)?)))
            .collect::<Option<_>>()?;
        let terms = (0..take_number(b)?)
            .map(|_| {
                let term = take_str(b)?;
                let docs = (0..take_number(b)?)
                    .map(|_| u32::try_from(take_number(b)?).ok())
                    .collect::<Option<_>>()?;
                Some((term, docs))
            })
            .collect::<Option<_>>()?;
        bytes.is_empty().then_some(Fragment {
            title,
            page,
            docs,
            terms,
        })
    }
}

/// A number in LEB128: seven bits a byte, lowest first, the high bit set on all but
/// the last.
fn put_number(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn take_number(bytes: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

fn take_str(bytes: &mut &[u8]) -> Option<String> {
    let len = usize::try_from(take_number(bytes)?).ok()?;
    if len > bytes.len() {
        return None;
    }
    let (text, rest) = bytes.split_at(len);
    *bytes = rest;
    String::from_utf8(text.to_vec()).ok()
}

/// The fragment of one playbook in language `lang`. `sections` gives the headings of
/// its sections in page order, as the page shows them.
pub fn fragment(pb: &PlaybookView, lang: &str, sections: Vec<Section>) -> Fragment {
    let stemmer = stemmer_for(lang);
    LEXICONS.with_borrow_mut(|lexicons| {
        let lexicon = lexicons.entry(lang.to_owned()).or_default();
        let mut f = Builder {
            stemmer: stemmer.as_ref(),
            lexicon,
            docs: Vec::new(),
            postings: HashMap::default(),
        };
        // The page's top: title and summary.
        f.doc(plain(&pb.title.text), String::new());
        f.prose(&pb.title.text);
        f.prose(&pb.summary.text);
        f.identifier(&pb.id);
        // Each section: every string of the view's fields it shows. The view is walked
        // as data, so that a field added to a section is searchable without a change here.
        for s in sections {
            f.doc(s.title.clone(), s.key.to_owned());
            f.prose(&s.title);
            walk_fields(pb, crate::render::sections::fields_of(s.key), &mut f);
        }
        for g in &pb.groups {
            for ev in &g.events {
                f.doc(
                    format!("{} · {}", ev.name, plain(&g.title.text)),
                    ev.anchor.clone(),
                );
                for id in [&ev.name, &ev.service, &ev.event_source] {
                    f.identifier(id);
                }
                f.identifier(&format!("{}:{}", ev.service, ev.name));
                for rt in &ev.data_resource_types {
                    f.identifier(rt);
                }
                f.prose(&g.title.text);
                if let Some(d) = &ev.description {
                    f.prose(&d.text);
                }
            }
        }
        for d in &pb.data_events {
            f.doc(d.resource_type.clone(), d.anchor.clone());
            f.identifier(&d.resource_type);
            for name in &d.events {
                f.identifier(name);
                if let Some(service) = &d.service {
                    f.identifier(&format!("{service}:{name}"));
                }
            }
        }
        let (docs, terms) = f.finish();
        Fragment {
            title: plain(&pb.title.text),
            page: format!("{}.html", pb.id),
            docs,
            terms,
        }
    })
}

thread_local! {
    /// Per language, the terms met so far and what each word turns into. Stemming and
    /// splitting are the costly part of indexing and a book repeats the same words in
    /// every playbook: each thread works out each distinct word once.
    static LEXICONS: RefCell<HashMap<String, Lexicon>> = RefCell::default();
}

/// The terms of one language met by one thread, numbered, and the terms of each word
/// as written. A fragment is built from term numbers (one hash per word, no string
/// copied), and its terms are spelled out once, at its end.
#[derive(Default)]
struct Lexicon {
    /// Each term, by number.
    terms: Vec<String>,
    /// Each term's number.
    numbers: HashMap<String, u32>,
    /// A prose word as written → its term (its folded stem).
    prose: HashMap<String, u32>,
    /// An identifier word as written → its terms: the word whole, then its parts.
    identifiers: HashMap<String, Box<[u32]>>,
}

impl Lexicon {
    /// The number of `term`, given one if it is new.
    fn number(&mut self, term: &str) -> u32 {
        if let Some(&n) = self.numbers.get(term) {
            return n;
        }
        let n = self.terms.len() as u32;
        self.terms.push(term.to_owned());
        self.numbers.insert(term.to_owned(), n);
        n
    }
}

/// The index of a language from its playbooks' fragments (in book order), as the
/// script `search-index.js`:
///
/// ```text
/// window.irbookSearchIndex = {
///   "playbooks": [[title, page], …],
///   "docs": [[title, playbook number, anchor], …],
///   "terms": [term, …],                 // sorted
///   "postings": ["<document numbers>", …] // per term, see `encode_postings`
/// };
/// ```
pub fn index_script<F: Borrow<Fragment>>(fragments: impl IntoIterator<Item = F>) -> Vec<u8> {
    // Written as the fragments come (a build reads them one by one from its spool):
    // the playbooks' and documents' JSON text, and each term's posting list already
    // encoded. Only the index's own size is held, never the fragments.
    let (mut playbooks, mut docs) = (String::from("["), String::from("["));
    let mut postings: HashMap<String, Postings> = HashMap::default();
    let mut count = 0u32;
    for (n, f) in fragments.into_iter().enumerate() {
        let f = f.borrow();
        let first = count;
        if n > 0 {
            playbooks.push(',');
        }
        push_json(&mut playbooks, &(&f.title, &f.page));
        for (title, anchor) in &f.docs {
            if count > 0 {
                docs.push(',');
            }
            push_json(&mut docs, &(title, n, anchor));
            count += 1;
        }
        for (term, local) in &f.terms {
            // Fragments come in book order: each list stays ascending.
            let list = match postings.get_mut(term.as_str()) {
                Some(list) => list,
                None => postings.entry(term.clone()).or_default(),
            };
            for d in local {
                list.push(first + d);
            }
        }
    }
    playbooks.push(']');
    docs.push(']');
    let mut terms: Vec<(String, Postings)> = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let lists: usize = terms.iter().map(|t| t.1.text.len() + 3).sum();
    let mut out = String::with_capacity(96 + playbooks.len() + docs.len() + lists * 2);
    out.push_str("window.irbookSearchIndex = {\"playbooks\":");
    out.push_str(&playbooks);
    drop(playbooks);
    out.push_str(",\"docs\":");
    out.push_str(&docs);
    drop(docs);
    out.push_str(",\"terms\":");
    push_json(
        &mut out,
        &terms.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
    );
    out.push_str(",\"postings\":[");
    for (i, (_, list)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(&list.text);
        out.push('"');
    }
    // `</script` cannot occur (the file is not inline), but a `<!--` or U+2028 in a
    // title would still be valid JSON and valid JavaScript: nothing to escape.
    out.push_str("]};\n");
    out.into_bytes()
}

/// A term's posting list being written (`encode_postings`), number by number.
#[derive(Default)]
struct Postings {
    previous: u32,
    text: String,
}

impl Postings {
    /// Adds document `d`, not below the last one added.
    fn push(&mut self, d: u32) {
        push_gap(d - self.previous, &mut self.text);
        self.previous = d;
    }
}

fn push_json(out: &mut String, value: &impl serde::Serialize) {
    out.push_str(&serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()));
}

/// The 64 digits of a posting list, none of which JSON escapes.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A posting list (ascending document numbers) as text: each number as its distance
/// from the previous one (the first from 0), in base 32, lowest five bits first, each
/// digit but the last of a number taken from the upper half of `DIGITS`. A word found
/// in every playbook costs one or two characters per playbook instead of six, and the
/// browser decodes only the lists of the terms a query touches.
#[cfg(test)]
fn encode_postings(docs: &[u32], out: &mut String) {
    let mut previous = 0;
    for &d in docs {
        push_gap(d - previous, out);
        previous = d;
    }
}

/// One number of a posting list (see `encode_postings`).
fn push_gap(mut gap: u32, out: &mut String) {
    while gap >= 32 {
        out.push(DIGITS[32 + (gap & 31) as usize] as char);
        gap >>= 5;
    }
    out.push(DIGITS[gap as usize] as char);
}

/// Builds one fragment: its documents so far and the terms of each.
struct Builder<'s> {
    stemmer: Option<&'s Stemmer>,
    lexicon: &'s mut Lexicon,
    docs: Vec<(String, String)>,
    /// Each term met, with the documents that hold it (ascending: documents come one
    /// after the other).
    postings: HashMap<u32, Vec<u32>>,
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

/// Every string under the fields walked; `key` is the field holding it.
impl Visit for Builder<'_> {
    fn string(&mut self, key: Option<&str>, s: &str) {
        if key.is_some_and(|k| IDENTIFIER_KEYS.contains(&k)) {
            self.identifier(s)
        } else {
            self.prose(s)
        }
    }

    // An event's `name` is an identifier; a component's or a link's `name` object
    // (`{text, …}`) is prose: the type decides.
    fn enter(&mut self, key: &str) -> bool {
        !SKIPPED_KEYS.contains(&key)
    }
}

impl Builder<'_> {
    /// Starts a document: the terms added next are its own.
    fn doc(&mut self, title: String, anchor: String) {
        self.docs.push((title, anchor));
    }

    fn current(&self) -> u32 {
        self.docs.len().saturating_sub(1) as u32
    }

    /// Adds term `term` to the current document.
    fn add(&mut self, term: u32) {
        let doc = self.current();
        add_posting(&mut self.postings, term, doc);
    }

    /// Inline Markdown prose: words stemmed; CamelCase words also kept as identifiers.
    fn prose(&mut self, markdown: &str) {
        let text = plain_cow(markdown);
        for word in words(&text) {
            if looks_like_identifier(word) {
                self.identifier(word);
            }
            let term = match self.lexicon.prose.get(word) {
                Some(&n) => n,
                None => {
                    let n = self.lexicon.number(&term_of(self.stemmer, word));
                    self.lexicon.prose.insert(word.to_owned(), n);
                    n
                }
            };
            self.add(term);
        }
    }

    /// An identifier, whole (`qbusiness:deleteindex`, `q.amazonaws.com`) and in parts
    /// split at punctuation and capitals (`qbusiness`, `deleteindex`, `delete`, `index`).
    fn identifier(&mut self, id: &str) {
        for word in words(id) {
            if !self.lexicon.identifiers.contains_key(word) {
                let mut spellings = vec![fold_cow(word)];
                camel_parts(word, |part| spellings.push(fold_cow(part)));
                let terms = spellings.iter().map(|t| self.lexicon.number(t)).collect();
                self.lexicon.identifiers.insert(word.to_owned(), terms);
            }
            let doc = self.current();
            for &term in self.lexicon.identifiers[word].iter() {
                add_posting(&mut self.postings, term, doc);
            }
        }
    }

    /// The fragment's documents, and each of its terms (sorted) with the documents that
    /// hold it (ascending).
    fn finish(self) -> (Docs, Terms) {
        let mut terms: Terms = self
            .postings
            .into_iter()
            .map(|(term, docs)| (self.lexicon.terms[term as usize].clone(), docs))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        (self.docs, terms)
    }
}

/// Adds document `doc` to the postings of `term`, once (documents come in order).
fn add_posting(postings: &mut HashMap<u32, Vec<u32>>, term: u32, doc: u32) {
    let docs = postings.entry(term).or_default();
    if docs.last() != Some(&doc) {
        docs.push(doc);
    }
}

/// The term of a prose word: lower case, stemmed, without accents.
fn term_of(stemmer: Option<&Stemmer>, word: &str) -> String {
    let lower = word.to_lowercase();
    match stemmer {
        Some(s) => fold(&s.stem(&lower)),
        None => fold(&lower),
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
fn camel_parts<'w>(word: &'w str, mut part: impl FnMut(&'w str)) {
    let mut chars = word.char_indices().peekable();
    let Some((_, mut prev)) = chars.next() else {
        return;
    };
    let mut start = 0;
    while let Some((at, c)) = chars.next() {
        let next_lower = chars.peek().is_some_and(|(_, n)| n.is_lowercase());
        if c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit() || next_lower) {
            part(&word[start..at]);
            start = at;
        }
        prev = c;
    }
    if start > 0 {
        part(&word[start..]);
    }
}

/// `fold`, borrowing a word that is already folded (ASCII without capitals).
fn fold_cow(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
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
    use serde_json::Value;

    fn stem(lang: &str, word: &str) -> String {
        term_of(stemmer_for(lang).as_ref(), word)
    }

    fn identifier_terms(ids: &[&str]) -> Vec<String> {
        let mut lexicon = Lexicon::default();
        let mut b = Builder {
            stemmer: None,
            lexicon: &mut lexicon,
            docs: Vec::new(),
            postings: HashMap::default(),
        };
        b.doc(String::new(), String::new());
        ids.iter().for_each(|id| b.identifier(id));
        b.finish().1.into_iter().map(|(term, _)| term).collect()
    }

    #[test]
    fn french_forms_share_a_stem_that_begins_each_form() {
        let s = stem("fr", "supprimé");
        assert_eq!(s, stem("fr", "supprimerons"));
        assert_eq!(s, stem("fr", "Supprimer"));
        assert!(fold("supprimerons").starts_with(&s), "{s}");
    }

    #[test]
    fn identifiers_are_whole_and_split() {
        let got = identifier_terms(&[
            "qbusiness:DeleteIndex",
            "AWS::QBusiness::Index",
            "ListS3Buckets",
        ]);
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
            assert!(got.iter().any(|t| t == want), "{want} missing from {got:?}");
        }
    }

    #[test]
    fn camel_case_words_split_at_their_capitals() {
        let parts = |w| {
            let mut out = Vec::new();
            camel_parts(w, |p| out.push(p));
            out
        };
        assert_eq!(parts("DeleteIndex"), ["Delete", "Index"]);
        assert_eq!(parts("QBusiness"), ["Q", "Business"]);
        assert_eq!(parts("ListS3Buckets"), ["List", "S3", "Buckets"]);
        assert_eq!(parts("S3Bucket"), ["S3", "Bucket"]);
        assert!(parts("lower").is_empty() && parts("ABC").is_empty() && parts("").is_empty());
        assert_eq!(fold_cow("deleteindex"), "deleteindex");
        assert_eq!(fold_cow("Supprimé"), "supprime");
    }

    #[test]
    fn unknown_language_is_not_stemmed() {
        assert!(stemmer_for("tlh").is_none());
        assert_eq!(stem("tlh", "Qapla"), "qapla");
        assert!(stemmer_for("pt-BR").is_some());
    }

    /// Decodes what `encode_postings` wrote, as the page's script does.
    fn decode(text: &str) -> Vec<u32> {
        let (mut out, mut value, mut shift, mut previous) = (Vec::new(), 0, 0, 0);
        for c in text.bytes() {
            let digit = DIGITS.iter().position(|d| *d == c).unwrap() as u32;
            if digit >= 32 {
                value += (digit - 32) << shift;
                shift += 5;
            } else {
                previous += value + (digit << shift);
                out.push(previous);
                (value, shift) = (0, 0);
            }
        }
        out
    }

    #[test]
    fn postings_round_trip_through_their_text() {
        let docs = [0, 1, 31, 32, 33, 1000, 1072, 70_000, 4_000_000_000];
        let mut text = String::new();
        encode_postings(&docs, &mut text);
        assert_eq!(decode(&text), docs);
        assert!(!text.contains(['"', '\\']), "{text}");
        let mut small = String::new();
        encode_postings(&[5, 6, 7], &mut small);
        assert_eq!(small, "511");
    }

    #[test]
    fn a_fragment_comes_back_whole_from_its_bytes() {
        let f = Fragment {
            title: "Répondre à « Q »".to_owned(),
            page: "amazon-q.html".to_owned(),
            docs: vec![
                (String::new(), String::new()),
                ("Étapes".into(), "steps".into()),
            ],
            terms: vec![
                ("delet".into(), vec![0, 1]),
                ("x".repeat(300), vec![1, 70_000]),
            ],
        };
        let bytes = f.encode();
        let back = Fragment::decode(&bytes).expect("decodes");
        assert_eq!(
            (back.title, back.page, back.docs, back.terms),
            (f.title, f.page, f.docs, f.terms)
        );
        assert!(
            Fragment::decode(&bytes[..bytes.len() - 1]).is_none(),
            "cut short"
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Fragment::decode(&longer).is_none(), "trailing bytes");
    }

    #[test]
    fn fragments_merge_into_ascending_postings_in_book_order() {
        let frag = |page: &str, docs: usize, terms: Vec<(&str, Vec<u32>)>| Fragment {
            title: page.to_uppercase(),
            page: format!("{page}.html"),
            docs: (0..docs)
                .map(|d| (format!("d{d}"), format!("a{d}")))
                .collect(),
            terms: terms.into_iter().map(|(t, d)| (t.to_owned(), d)).collect(),
        };
        let a = frag("a", 2, vec![("delet", vec![0, 1]), ("index", vec![1])]);
        let b = frag("b", 3, vec![("delet", vec![2]), ("zone", vec![0])]);
        let script = String::from_utf8(index_script([&a, &b])).unwrap();
        let json = script
            .strip_prefix("window.irbookSearchIndex = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .unwrap();
        let v: Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            v["playbooks"],
            serde_json::json!([["A", "a.html"], ["B", "b.html"]])
        );
        assert_eq!(v["docs"][3], serde_json::json!(["d1", 1, "a1"]));
        assert_eq!(v["terms"], serde_json::json!(["delet", "index", "zone"]));
        let postings: Vec<Vec<u32>> = v["postings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| decode(p.as_str().unwrap()))
            .collect();
        assert_eq!(postings, [vec![0, 1, 4], vec![1], vec![2]]);
    }
}
