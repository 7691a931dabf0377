//! Localization: Fluent files, missing and outdated translations, `i18n update` and
//! `status`, a third language by configuration, and a pseudo-locale that catches any text
//! not going through Fluent.

mod common;
use common::*;
use std::path::Path;

fn fr_file(dir: &Path) -> std::path::PathBuf {
    dir.join("locales/fr/amazon-q.ftl")
}

#[test]
fn every_ftl_file_parses_without_junk() {
    let mut count = 0;
    for lang in ["en", "fr"] {
        for entry in std::fs::read_dir(repo().join("locales").join(lang)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(text.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            let junk = resource
                .body
                .iter()
                .filter(|e| matches!(e, fluent_syntax::ast::Entry::Junk { .. }))
                .count();
            assert_eq!(junk, 0, "{}", path.display());
            count += 1;
        }
    }
    assert!(count >= 3);
}

#[test]
fn shipped_french_is_complete_and_current() {
    let out = irbook(&repo(), &["i18n", "status", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &rows[0];
    assert_eq!(row["lang"], "fr");
    assert_eq!(row["playbook"], "amazon-q");
    assert_eq!(row["missing"], 0);
    assert_eq!(row["outdated"], 0);
    assert!(row["total"].as_u64().unwrap() > 150, "{row}");
    let table = stdout(&irbook(&repo(), &["i18n", "status"]));
    assert!(table.contains("100.0%"), "{table}");
}

#[test]
fn removing_a_french_message_fails_strict_check_naming_it() {
    let dir = shipped_book();
    let path = fr_file(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("amazon-q-escalation-pr-legal ="))
        .collect();
    assert_ne!(
        kept.len(),
        text.lines().count(),
        "fixture message not found"
    );
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "a missing translation is a warning: {diags:#?}");
    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    let missing = find(&diags, "W0401");
    assert_eq!(missing.len(), 1, "{diags:#?}");
    assert!(missing[0]["message"]
        .as_str()
        .unwrap()
        .contains("amazon-q-escalation-pr-legal"));
    assert_eq!(
        missing[0]["related"][0]["file"],
        "content/playbooks/amazon-q.yaml"
    );
}

#[test]
fn changing_the_english_makes_the_french_outdated_until_revised() {
    let dir = shipped_book();
    let yaml = amazon_q(dir.path());
    edit(
        &yaml,
        "pr-legal: At what point do public relations and legal join the response?",
        "pr-legal: When do public relations and the legal team join the response?",
    );
    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    let outdated = find(&diags, "W0402");
    assert_eq!(outdated.len(), 1, "{diags:#?}");
    let d = outdated[0];
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("amazon-q-escalation-pr-legal"));
    assert!(d["message"].as_str().unwrap().contains("outdated"));
    // Both places: the French message…
    assert_eq!(d["file"], "locales/fr/amazon-q.ftl");
    let (fr_line, _) = position_of(&fr_file(dir.path()), "amazon-q-escalation-pr-legal =");
    assert_eq!(d["line"], fr_line);
    // …and the English source.
    let (en_line, _) = position_of(&yaml, "pr-legal: When do");
    assert_eq!(d["related"][0]["file"], "content/playbooks/amazon-q.yaml");
    assert_eq!(d["related"][0]["line"], en_line);

    // `i18n update` shows the translator the new English and what it was, still outdated.
    let out = irbook(dir.path(), &["i18n", "update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(fr_file(dir.path())).unwrap();
    assert!(text.contains("# en: When do public relations and the legal team join the response?"));
    assert!(text.contains("# was: At what point do public relations and legal join the response?"));
    let (code, _) = check_json(dir.path(), &["--strict"]);
    assert_eq!(
        code, 1,
        "still outdated after update: the translator has not revised it"
    );

    // The translator revises the French: no longer outdated; update records it.
    let revised = text.replace(
        "amazon-q-escalation-pr-legal = ",
        "amazon-q-escalation-pr-legal = Révisé : ",
    );
    std::fs::write(fr_file(dir.path()), &revised).unwrap();
    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");
    irbook(dir.path(), &["i18n", "update"]);
    let recorded = std::fs::read_to_string(fr_file(dir.path())).unwrap();
    assert!(
        !recorded.contains("# was:"),
        "the old English is dropped once revised"
    );
    let (code, _) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 0);
}

#[test]
fn update_adds_new_messages_moves_obsolete_ones_and_keeps_translators_bytes() {
    let dir = shipped_book();
    let yaml = amazon_q(dir.path());
    // A new item, and a removed one.
    edit(
        &yaml,
        "  aws-support: When do you ask AWS Support for help?\n",
        "  aws-support: When do you ask AWS Support for help?\n  insurer: When is the cyber insurer told?\n",
    );
    edit(
        &yaml,
        "  notification: Who is notified when an alert is raised?\n",
        "",
    );
    // A translator's note and an unusual but valid value layout.
    let fr = fr_file(dir.path());
    let text = std::fs::read_to_string(&fr).unwrap();
    let text = text.replace(
        "amazon-q-escalation-forensics = ",
        "# reviewer: keep the tone neutral\namazon-q-escalation-forensics =\n    ",
    );
    std::fs::write(&fr, &text).unwrap();
    let before = std::fs::read_to_string(&fr).unwrap();
    let value_block = |t: &str, id: &str| -> String {
        let start = t.find(&format!("{id} =")).unwrap();
        t[start..].split("\n\n").next().unwrap().to_owned()
    };
    let forensics_before = value_block(&before, "amazon-q-escalation-forensics");

    let out = irbook(dir.path(), &["i18n", "update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 added"), "{}", stderr(&out));
    let after = std::fs::read_to_string(&fr).unwrap();
    assert_eq!(
        value_block(&after, "amazon-q-escalation-forensics"),
        forensics_before
    );
    assert!(after.contains("# reviewer: keep the tone neutral\n"));
    assert!(after.contains("# en: When is the cyber insurer told?\n"));
    assert!(after.contains("amazon-q-escalation-insurer = {\"\"}"));
    let obsolete_at = after.find("## Obsolete").expect("obsolete section");
    let notification_at = after.find("amazon-q-escalation-notification =").unwrap();
    assert!(
        notification_at > obsolete_at,
        "removed message moved under the obsolete heading"
    );

    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    assert_eq!(
        find(&diags, "W0401").len(),
        1,
        "the new message is missing: {diags:#?}"
    );
    assert_eq!(
        find(&diags, "W0404").len(),
        1,
        "the removed one is obsolete: {diags:#?}"
    );

    // Running update again changes nothing.
    let out = irbook(dir.path(), &["i18n", "update"]);
    assert!(stderr(&out).contains("0 files written"), "{}", stderr(&out));
}

#[test]
fn fluent_syntax_error_is_a_diagnostic_with_position() {
    let dir = shipped_book();
    let fr = fr_file(dir.path());
    let mut text = std::fs::read_to_string(&fr).unwrap();
    text.push_str("\namazon-q-broken = Une { accolade\n");
    std::fs::write(&fr, text.clone()).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let e = find(&diags, "E0403");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0]["file"], "locales/fr/amazon-q.ftl");
    assert_eq!(
        e[0]["line"].as_u64().unwrap() as usize,
        text.lines().count()
    );
    // update refuses to rewrite a file it cannot fully read.
    let out = irbook(dir.path(), &["i18n", "update"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&fr).unwrap(), text);
}

fn add_language(dir: &Path, code: &str, name: &str) {
    let mut toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    toml.push_str(&format!("\n[language.{code}]\nname = \"{name}\"\n"));
    std::fs::write(dir.join("book.toml"), toml).unwrap();
}

#[test]
fn a_third_language_is_configuration() {
    let dir = shipped_book();
    add_language(dir.path(), "de", "Deutsch");
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "missing German is only a warning: {diags:#?}");
    assert!(!find(&diags, "W0401").is_empty());
    let out = irbook(dir.path(), &["i18n", "update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let de = std::fs::read_to_string(dir.path().join("locales/de/amazon-q.ftl")).unwrap();
    let fr = std::fs::read_to_string(fr_file(dir.path())).unwrap();
    let ids = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("amazon-q-"))
            .map(|l| l.split(" =").next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&de), ids(&fr), "German gets every message French has");
    assert!(de.contains("= {\"\"}"));
    let ui = std::fs::read_to_string(dir.path().join("locales/de/ui.ftl")).unwrap();
    assert!(
        ui.contains("# en: Response steps"),
        "interface strings to translate too"
    );
    let rows: serde_json::Value =
        serde_json::from_slice(&irbook(dir.path(), &["i18n", "status", "--json"]).stdout).unwrap();
    let de_row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["lang"] == "de")
        .unwrap();
    assert_eq!(de_row["translated"], 0);
    assert_eq!(de_row["missing"], de_row["total"]);
    // The build falls back to English, and says so in one line per file, not per message.
    let out = irbook(dir.path(), &["build", "-d", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("messages are not translated yet"), "{err}");
    assert!(
        err.matches("missing Deutsch translation").count() == 0,
        "{err}"
    );
    let page = std::fs::read_to_string(dir.path().join("out/de/amazon-q.html")).unwrap();
    assert!(page.contains("<html lang=\"de\""), "page language");
    assert!(page.contains("lang=\"en\""), "English fallbacks are marked");
}

/// Every text of the German view of a pseudo-translated book is pseudo-localized: a text
/// that bypassed Fluent would still be plain English.
#[test]
fn pseudo_locale_reaches_every_text() {
    let dir = shipped_book();
    add_language(dir.path(), "de", "Pseudo");
    let out = irbook(dir.path(), &["i18n", "update", "--pseudo", "de"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "pseudo-translation is complete: {diags:#?}");

    let (book, _) = irbook::load::load_book(dir.path()).unwrap();
    let book = book.unwrap();
    let (locales, _) = irbook::i18n::load_locales(&book);
    let registry = irbook::registry::Registry::embedded();
    let tr = irbook::i18n::translations::Translator::new("de", "en", locales.get("de"));
    let ui = irbook::i18n::ui::Ui::new("de", Some(&book.locales_dir()));
    let view = irbook::view::build(&book, registry, &tr, &ui);
    let json = serde_json::to_value(&view.playbooks[0]).unwrap();
    let mut texts = Vec::new();
    collect_texts(&json, &mut texts);
    assert!(texts.len() > 150, "{}", texts.len());
    for t in &texts {
        assert_eq!(t["lang"], "de", "fell back to English: {t}");
        assert_eq!(t["fallback"], false);
        assert!(
            irbook::i18n::pseudo::is_pseudo(t["text"].as_str().unwrap()),
            "not pseudo-localized: {t}"
        );
    }
    // Identifiers are not text: they stay exactly as written.
    let s = json.to_string();
    for id in [
        "GetConversation",
        "BatchPutDocument",
        "AWS::QBusiness::Application",
        "qbusiness.amazonaws.com",
    ] {
        assert!(s.contains(id), "{id}");
    }
}

/// Every resolved text (`{text, lang, fallback}`) inside a JSON view.
fn collect_texts<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(map) => {
            if map.contains_key("text") && map.contains_key("fallback") {
                out.push(v);
            } else {
                map.values().for_each(|x| collect_texts(x, out));
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_texts(x, out)),
        _ => {}
    }
}

/// Issue 14: an event named `Delete Plugin` (the very mistake `check` catches) used to
/// give the message id `…-Delete Plugin`, which `i18n update` wrote, then could not read
/// back: every later `i18n update` refused to run until the line was removed by hand.
/// Now the id is escaped, parses back, and a translation written under it is found.
#[test]
fn an_event_name_with_a_space_gives_an_id_that_parses_back() {
    let dir = shipped_book();
    edit(
        &amazon_q(dir.path()),
        "- name: DeleteIndex",
        "- name: Delete Plugin",
    );
    let first = irbook(dir.path(), &["i18n", "update"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let path = fr_file(dir.path());
    let written = std::fs::read_to_string(&path).unwrap();
    let line = written
        .lines()
        .find(|l| l.contains("Delete") && l.contains("Plugin"))
        .unwrap_or_else(|| panic!("no message for the event:\n{written}"))
        .to_owned();
    let id = line.split(" = ").next().unwrap().to_owned();
    assert!(
        id.starts_with("amazon-q-event-indices-Delete") && !id.contains(' '),
        "{line}"
    );
    fluent_syntax::parser::parse(written.as_str())
        .unwrap_or_else(|(_, errors)| panic!("what i18n update wrote does not parse: {errors:?}"));

    // A second run reads it back and has nothing to add.
    let second = irbook(dir.path(), &["i18n", "update"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(stderr(&second).contains("0 added"), "{}", stderr(&second));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    let status = irbook(dir.path(), &["i18n", "status", "--json"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    let rows: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(rows[0]["missing"], 1, "{rows}");

    // `check` reads the file without a Fluent error; the only complaints are the event
    // name itself and the placeholder waiting for a translation.
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "the event name is still wrong");
    assert_eq!(find(&diags, "E0202").len(), 1, "{diags:#?}");
    let on_ftl: Vec<&str> = diags
        .iter()
        .filter(|d| d["file"] == "locales/fr/amazon-q.ftl" && d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(on_ftl.is_empty(), "errors on the Fluent file: {on_ftl:?}");
    let missing = find(&diags, "W0401");
    assert_eq!(missing.len(), 1, "{diags:#?}");
    assert!(missing[0]["message"].as_str().unwrap().contains(&id));

    // A translation written under that id is the one `check` finds.
    edit(&path, &line, &format!("{id} = Un greffon a été supprimé."));
    let (_, diags) = check_json(dir.path(), &[]);
    assert!(find(&diags, "W0401").is_empty(), "{diags:#?}");
}

/// The book's own texts (role names, title) are translations like the playbooks': a changed
/// English role name in book.toml makes the French name outdated in `i18n status` and
/// `check`, and the French name written in locales/fr/book.ftl is the one the page shows.
#[test]
fn role_names_are_tracked_translations_in_book_ftl() {
    let dir = shipped_book();
    let toml = dir.path().join("book.toml");
    let book_ftl = dir.path().join("locales/fr/book.ftl");
    edit(
        &toml,
        "cloud-engineer = \"Cloud engineer\"",
        "cloud-engineer = \"Cloud platform engineer\"",
    );
    let out = irbook(dir.path(), &["i18n", "status", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let book_row = rows
        .iter()
        .find(|r| r["lang"] == "fr" && r["playbook"] == "book")
        .unwrap_or_else(|| panic!("no row for the book's own texts: {rows:#?}"));
    assert_eq!(book_row["outdated"], 1, "{book_row}");
    assert_eq!(book_row["missing"], 0, "{book_row}");

    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 1, "{diags:#?}");
    let outdated = find(&diags, "W0402");
    assert_eq!(outdated.len(), 1, "{diags:#?}");
    let d = outdated[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("role_cloud-engineer"),
        "{d}"
    );
    assert_eq!(d["file"], "locales/fr/book.ftl");
    let (fr_line, _) = position_of(&book_ftl, "role_cloud-engineer =");
    assert_eq!(d["line"], fr_line);
    let (en_line, _) = position_of(&toml, "cloud-engineer = ");
    assert_eq!(d["related"][0]["file"], "book.toml");
    assert_eq!(d["related"][0]["line"], en_line);

    // The translator revises the French name: current again, and it is what the page shows.
    edit(
        &book_ftl,
        "role_cloud-engineer = Ingénieur cloud",
        "role_cloud-engineer = Ingénieure plateforme cloud",
    );
    let (code, diags) = check_json(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{diags:#?}");
    let out = irbook(dir.path(), &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fr = std::fs::read_to_string(dir.path().join("book/fr/amazon-q.html")).unwrap();
    assert!(
        fr.contains("Ingénieure plateforme cloud"),
        "French role name missing"
    );
    assert!(
        !fr.contains("Cloud platform engineer"),
        "English role name on the French page"
    );
    let en = std::fs::read_to_string(dir.path().join("book/en/amazon-q.html")).unwrap();
    assert!(en.contains("Cloud platform engineer"));
}

/// The old book.toml keys for translated titles and roles are an error that says where
/// they went, at their line.
#[test]
fn translated_roles_in_book_toml_point_to_book_ftl() {
    let dir = shipped_book();
    let toml = dir.path().join("book.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[language.fr.roles]\nlegal = \"Service juridique\"\n");
    std::fs::write(&toml, &text).unwrap();
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["file"], "book.toml");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("locales/fr/book.ftl"),
        "{d}"
    );
    let (line, _) = position_of(&toml, "[language.fr.roles]");
    assert_eq!(d["line"], line);
}

/// `book` (and `ui`) name a locale's own files: a playbook cannot take that id, or its
/// translation would be the book's title and roles.
#[test]
fn a_playbook_cannot_be_called_book() {
    let dir = shipped_book();
    let yaml = amazon_q(dir.path());
    let renamed = yaml.with_file_name("book.yaml");
    std::fs::rename(&yaml, &renamed).unwrap();
    edit(&renamed, "id: amazon-q", "id: book");
    let (code, diags) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{diags:#?}");
    let bad = find(&diags, "E0104");
    assert!(
        bad.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("`book` cannot be a playbook id")
            && d["file"] == "content/playbooks/book.yaml"),
        "{diags:#?}"
    );
}

/// A build translates each playbook from its own part of each locale (the first file
/// defining each of its messages, and what those refer to); the preview from the whole
/// locale. Both give the same files, here with messages defined first in another
/// playbook's file and references across files.
#[test]
fn a_playbook_translated_from_its_part_of_the_locale_reads_as_from_the_whole() {
    let book = shipped_book();
    let dir = book.path();
    let yaml = std::fs::read_to_string(amazon_q(dir)).unwrap();
    std::fs::write(
        dir.join("content/playbooks/zz-copy.yaml"),
        yaml.replace("id: amazon-q\n", "id: zz-copy\n"),
    )
    .unwrap();
    let ftl = std::fs::read_to_string(fr_file(dir)).unwrap();
    let copy: String = ftl
        .lines()
        .map(|l| match l.strip_prefix("amazon-q-") {
            Some(rest) => format!("zz-copy-{rest}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    // The first playbook's title refers to the copy's (in a file its part would not
    // hold otherwise); the copy's summary is first defined in the first playbook's file.
    std::fs::write(dir.join("locales/fr/zz-copy.ftl"), copy).unwrap();
    let ftl = ftl.replacen(
        "amazon-q-title = ",
        "amazon-q-title = Voir { zz-copy-group-indices-title } : ",
        1,
    );
    std::fs::write(
        fr_file(dir),
        format!("{ftl}\nzz-copy-summary = Résumé défini dans le fichier d’un autre playbook\n"),
    )
    .unwrap();

    let (_, built, _) = irbook::build::render_book(dir).unwrap_or_else(|_| panic!("builds"));
    let mut cache = irbook::build::Cache::default();
    let previewed = irbook::build::render_book_cached(dir, Some(&mut cache))
        .unwrap_or_else(|_| panic!("previews"))
        .files;
    let page = |id: &str| String::from_utf8(built[&format!("fr/{id}.html")].clone()).unwrap();
    assert!(
        page("amazon-q").contains("Voir Index : Réagir"),
        "reference across files"
    );
    assert!(
        page("zz-copy").contains("Résumé défini dans le fichier d’un autre playbook"),
        "first definition"
    );
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        previewed.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &built {
        assert!(previewed[rel] == *bytes, "{rel} differs");
    }
}
