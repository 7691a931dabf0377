//! Which translation files a playbook's views read, so that a build holds a language's
//! `.ftl` files only while the playbooks that read them are localized, instead of one
//! translator holding every file of the book (parsed twice: as written and for
//! Fluent's runtime) for the whole build.
//!
//! A translator resolves a message from the first file (in the locale's order) that
//! defines its name, and a message's references (`{ other }`) the same way. So a
//! translator made from a part of the locale, in the same order, translates a set of
//! messages exactly as the whole locale's does when that part holds, for each of those
//! messages, the first file that defines its name, and the same again for every name
//! that a file of the part refers to. Fluent keeps messages and terms (`-name`) under
//! one name: a term defined first shadows a message of the same name, so terms count
//! as definitions too.

use crate::i18n::references::Reference;
use crate::i18n::{Locale, LocaleFile};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The files of a locale that a translator reads (all but the interface strings), with
/// where each name is first defined and which files each file's references lead to.
pub struct Index<'l> {
    lang: &'l str,
    files: Vec<(&'l String, &'l Arc<LocaleFile>)>,
    first: FxHashMap<&'l str, u32>,
    /// For each file: the files that first define the names its messages refer to.
    refers_to: Vec<Vec<u32>>,
}

impl<'l> Index<'l> {
    pub fn new(locale: &'l Locale) -> Index<'l> {
        let files: Vec<(&String, &Arc<LocaleFile>)> = locale
            .files
            .iter()
            .filter(|(stem, _)| stem.as_str() != "ui")
            .collect();
        // Every message of the locale is a key, made serially before any playbook is
        // rendered: a fast hash (short keys, and the book is ours: no attacker), sized
        // once.
        let messages = files.iter().map(|(_, f)| f.doc.messages.len()).sum();
        let mut first: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(messages, Default::default());
        for (n, (_, file)) in files.iter().enumerate() {
            let names = file.doc.messages.iter().map(|m| m.id.as_str());
            for name in names.chain(term_names(&file.text)) {
                first.entry(name).or_insert(n as u32);
            }
        }
        let refers_to = files
            .iter()
            .map(|(_, file)| {
                let mut to: Vec<u32> = file
                    .doc
                    .references
                    .iter()
                    .filter_map(|r| match r {
                        Reference::Message { id, .. } => first.get(id.as_str()).copied(),
                        Reference::Unresolvable(_) => None,
                    })
                    .collect();
                to.sort_unstable();
                to.dedup();
                to
            })
            .collect();
        Index {
            lang: &locale.lang,
            files,
            first,
            refers_to,
        }
    }

    /// The part of the locale that translates the messages `ids` as the whole does.
    pub fn part<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> Locale {
        let mut wanted = vec![false; self.files.len()];
        let mut todo: Vec<u32> = ids
            .into_iter()
            .filter_map(|id| self.first.get(id).copied())
            .collect();
        while let Some(n) = todo.pop() {
            if !std::mem::replace(&mut wanted[n as usize], true) {
                todo.extend(&self.refers_to[n as usize]);
            }
        }
        let files: BTreeMap<String, Arc<LocaleFile>> = self
            .files
            .iter()
            .zip(wanted)
            .filter(|(_, w)| *w)
            .map(|((stem, file), _)| ((*stem).clone(), Arc::clone(file)))
            .collect();
        Locale {
            lang: self.lang.to_owned(),
            files,
            unreadable: Default::default(),
        }
    }
}

/// The names of the terms a Fluent text defines (`-name = …`): an entry starts at the
/// beginning of a line, and only a term's starts with `-`. A line of a value is
/// indented, so none is taken for one; a stray match only adds a file to a part.
fn term_names(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let rest = line.strip_prefix('-')?;
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(end);
        (!name.is_empty() && after.trim_start().starts_with('=')).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::translations::Translator;

    fn locale(files: &[(&str, &str)]) -> Locale {
        let files = files
            .iter()
            .map(|(stem, text)| {
                let doc = crate::i18n::ftl::parse_checked(text);
                let file = LocaleFile::new(
                    format!("{stem}.ftl").into(),
                    format!("locales/fr/{stem}.ftl"),
                    Arc::from(*text),
                    doc,
                );
                ((*stem).to_owned(), Arc::new(file))
            })
            .collect();
        Locale {
            lang: "fr".to_owned(),
            files,
            unreadable: Default::default(),
        }
    }

    fn stems(l: &Locale) -> Vec<&str> {
        l.files.keys().map(String::as_str).collect()
    }

    /// Each message as the whole locale's translator and the part's translate it.
    fn same_text(whole: &Locale, part: &Locale, id: &str) {
        let whole = Translator::new("fr", "en", Some(whole)).text(id, "English");
        let part = Translator::new("fr", "en", Some(part)).text(id, "English");
        assert_eq!(whole, part, "{id}");
    }

    #[test]
    fn a_part_holds_the_first_definition_and_what_it_refers_to() {
        let whole = locale(&[
            (
                "a",
                "a-title = Titre A\nb-title = Défini d'abord dans a { c-name }\n",
            ),
            ("b", "b-title = Titre B\nb-summary = Résumé { shared }\n"),
            ("c", "c-name = Nom C\n"),
            ("d", "shared = commun\n-b-gone = terme\n"),
            ("e", "b-gone = masqué par le terme de d\n"),
            ("ui", "b-summary = jamais lu\n"),
        ]);
        let index = Index::new(&whole);
        let part = index.part(["b-title"]);
        assert_eq!(stems(&part), ["a", "c"]);
        same_text(&whole, &part, "b-title");
        let part = index.part(["b-summary", "b-gone", "nowhere"]);
        assert_eq!(stems(&part), ["b", "d"]);
        for id in ["b-summary", "b-gone", "nowhere"] {
            same_text(&whole, &part, id);
        }
        assert!(index.part(["nowhere"]).files.is_empty());
    }

    #[test]
    fn lean_files_name_the_same_parts_as_whole_ones() {
        // What a build indexes (`check::Keep::Build`): the files lean, read again later.
        let whole = locale(&[
            (
                "a",
                "a-title = Titre A { -brand }\nb-title = Défini dans a { c-name }\n",
            ),
            (
                "b",
                "# en: B\nb-title = Titre B\nb-summary = Résumé { shared }\n",
            ),
            ("c", "c-name = Nom C\n"),
            ("d", "shared = commun\n-b-gone = terme\n    .attr = x\n"),
            ("e", "b-gone = masqué\n-brand = Marque\n"),
        ]);
        let lean = Locale {
            files: whole
                .files
                .iter()
                .map(|(stem, f)| (stem.clone(), Arc::new(f.lean())))
                .collect(),
            ..whole.clone()
        };
        assert!(lean
            .files
            .values()
            .all(|f| f.lean && f.doc.messages[0].raw.is_empty()));
        let (whole, lean) = (Index::new(&whole), Index::new(&lean));
        for ids in [
            &["a-title"][..],
            &["b-title"],
            &["b-summary", "b-gone"],
            &["brand", "nowhere"],
        ] {
            let names = |i: &Index| {
                let part = i.part(ids.iter().copied());
                part.files.keys().cloned().collect::<Vec<_>>()
            };
            assert_eq!(names(&whole), names(&lean), "{ids:?}");
        }
    }

    #[test]
    fn term_names_are_the_entries_that_start_with_a_dash() {
        let text = "-brand = Amazon\n-x=y\nmsg = a\n  -not = indented\n- list = junk\n";
        assert_eq!(term_names(text).collect::<Vec<_>>(), ["brand", "x"]);
    }
}
