//! The HTML site: layout, links, escaping, determinism, atomicity and `irbook pdf`,
//! on fixture books copied to temporary folders and built by the real binary.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A copy of `tests/fixtures/html` (a clean and a hostile playbook, en + fr).
fn fixture_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo().join("tests/fixtures/html"), dir.path());
    dir
}

/// Runs `irbook build` in `dir` and returns its output folder.
fn build_ok(dir: &Path) -> PathBuf {
    let out = irbook(dir, &["build"]);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    dir.join("book")
}

/// Every file under `root`, by `/`-separated relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    files_of(root)
}

fn html_pages(root: &Path) -> BTreeMap<String, String> {
    tree(root)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k, String::from_utf8(v).expect("pages are UTF-8")))
        .collect()
}

/// A deliberately small HTML scanner: the tags of a page with their attributes (entity
/// references in values decoded). Our pages quote every attribute and escape every `<`
/// in text, so any raw `<` starts a tag: exactly what an injected payload would need.
mod scan {
    pub struct Tag {
        pub name: String,
        pub attrs: Vec<(String, String)>,
    }

    impl Tag {
        pub fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        }
    }

    pub fn tags(html: &str) -> Vec<Tag> {
        let b = html.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(off) = html[i..].find('<') {
            i += off + 1;
            if html[i..].starts_with("!--") {
                i = html[i..].find("-->").map(|e| i + e + 3).unwrap_or(b.len());
                continue;
            }
            if html[i..].starts_with('!') || html[i..].starts_with('/') {
                i = html[i..].find('>').map(|e| i + e + 1).unwrap_or(b.len());
                continue;
            }
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            let mut attrs = Vec::new();
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'>' {
                    i += 1;
                    break;
                }
                let k0 = i;
                while i < b.len() && !b" \t\n\r=>/".contains(&b[i]) {
                    i += 1;
                }
                let key = html[k0..i].to_ascii_lowercase();
                let mut value = String::new();
                if i < b.len() && b[i] == b'=' {
                    i += 1;
                    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                        let q = b[i];
                        let v0 = i + 1;
                        let end = html[v0..]
                            .find(q as char)
                            .map(|e| v0 + e)
                            .unwrap_or(b.len());
                        value = decode(&html[v0..end]);
                        i = end + 1;
                    } else {
                        let v0 = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        value = decode(&html[v0..i]);
                    }
                }
                attrs.push((key, value));
            }
            out.push(Tag { name, attrs });
        }
        out
    }

    fn decode(v: &str) -> String {
        v.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&#x2f;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }
}

fn page_langs(html: &str) -> Option<String> {
    scan::tags(html)
        .into_iter()
        .find(|t| t.name == "html")
        .and_then(|t| t.attr("lang").map(str::to_owned))
}

#[test]
fn the_layout_exists_for_each_language() {
    let book = fixture_book();
    let out = build_ok(book.path());
    let files = tree(&out);
    for f in [
        "index.html",
        "assets/irbook.css",
        "assets/irbook.js",
        "en/index.html",
        "en/sample.html",
        "en/hostile.html",
        "en/events.html",
        "en/print.html",
        "fr/index.html",
        "fr/sample.html",
        "fr/hostile.html",
        "fr/events.html",
        "fr/print.html",
    ] {
        assert!(files.contains_key(f), "missing {f}: {:?}", files.keys());
    }
    for (path, html) in html_pages(&out) {
        let want = if path.starts_with("fr/") { "fr" } else { "en" };
        assert_eq!(page_langs(&html).as_deref(), Some(want), "{path}");
    }
}

/// Every relative `href`/`src` of every page names a file of the output, and every
/// `#fragment` an `id` in that file.
fn check_links(out: &Path) {
    let pages = html_pages(out);
    let files = tree(out);
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(p, html)| {
            let ids = scan::tags(html)
                .iter()
                .filter_map(|t| t.attr("id").map(str::to_owned))
                .collect();
            (p.as_str(), ids)
        })
        .collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, html) in &pages {
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        for tag in scan::tags(html) {
            for attr in ["href", "src"] {
                let Some(url) = tag.attr(attr) else { continue };
                if url.starts_with("http:")
                    || url.starts_with("https:")
                    || url.starts_with("mailto:")
                {
                    continue;
                }
                let (path, fragment) = match url.split_once('#') {
                    Some((p, f)) => (p, Some(f)),
                    None => (url, None),
                };
                let path = path.split('?').next().unwrap();
                let target = if path.is_empty() {
                    page.clone()
                } else {
                    normalize(&dir.join(path))
                };
                checked += 1;
                if !files.contains_key(&target) {
                    problems.push(format!("{page}: {url} → no file {target}"));
                    continue;
                }
                if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                    // `print.html#paper-a4` and friends are ids of the target page too.
                    if !ids.get(target.as_str()).is_some_and(|s| s.contains(f)) {
                        problems.push(format!("{page}: {url} → no id {f} in {target}"));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 100, "only {checked} links checked");
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn every_link_and_fragment_resolves_in_the_fixture_book() {
    let book = fixture_book();
    check_links(&build_ok(book.path()));
}

#[test]
fn every_link_and_fragment_resolves_in_the_shipped_book() {
    let book = shipped_book();
    check_links(&build_ok(book.path()));
}

#[test]
fn ids_are_unique_on_every_page() {
    let book = shipped_book();
    for (page, html) in html_pages(&build_ok(book.path())) {
        let mut seen = BTreeSet::new();
        for t in scan::tags(&html) {
            if let Some(id) = t.attr("id") {
                assert!(seen.insert(id.to_owned()), "{page}: duplicate id {id}");
            }
        }
    }
}

/// The print chapter of a playbook is made from the body rendered for its page: the same
/// elements, one heading level down, every id and `#` link prefixed with the playbook's id,
/// and the parts for the screen only (folded queries, back to top) left out.
#[test]
fn the_print_chapter_is_the_page_body_one_level_down_with_prefixed_ids() {
    let book = fixture_book();
    let pages = html_pages(&build_ok(book.path()));
    let (page, print) = (&pages["en/sample.html"], &pages["en/print.html"]);
    for html in pages.values() {
        assert!(
            !html.contains("page-only-->"),
            "a page-only marker was left in a page"
        );
    }
    assert!(page.contains(r#"<h1 id="title">"#));
    assert!(print.contains(r#"<h2 id="sample--title">"#));
    for screen_only in [r#"<details class="queries">"#, r#"class="back-to-top""#] {
        assert!(
            page.contains(screen_only),
            "{screen_only} missing on the page"
        );
        assert!(!print.contains(screen_only), "{screen_only} in print");
    }
    let ids = |html: &str, prefix: &str| -> BTreeSet<String> {
        scan::tags(html)
            .iter()
            .filter_map(|t| t.attr("id")?.strip_prefix(prefix).map(str::to_owned))
            .collect()
    };
    // Every id of the page's article is in the chapter, prefixed (the page's own frame,
    // outside the article, is not part of the body).
    let article = &page[page.find("<article").unwrap()..page.rfind("</article>").unwrap()];
    let in_print = ids(print, "sample--");
    let on_page = ids(article, "");
    assert!(on_page.len() > 10, "{on_page:?}");
    assert_eq!(on_page, in_print);
    // Links to a place in the page point to the same place in the chapter.
    let fragments = |html: &str| -> BTreeSet<String> {
        scan::tags(html)
            .iter()
            .filter_map(|t| t.attr("href")?.strip_prefix('#').map(str::to_owned))
            .collect()
    };
    let print_links = fragments(print);
    let page_links = fragments(article);
    assert!(page_links.len() > 5, "{page_links:?}");
    for f in page_links.iter().filter(|f| *f != "top") {
        assert!(
            print_links.contains(&format!("sample--{f}")),
            "#{f} not in print"
        );
    }
}

/// Nothing of the payloads in tests/fixtures/html is markup in any page: no element
/// a payload would bring, no event-handler attribute, no script or data URL. The
/// payloads are still there, as text.
#[test]
fn script_payloads_in_every_text_field_come_out_escaped() {
    let book = fixture_book();
    let out = build_ok(book.path());
    let pages = html_pages(&out);
    for (page, html) in &pages {
        for tag in scan::tags(html) {
            assert!(
                !["img", "iframe", "object", "embed", "svg", "style", "form", "base"]
                    .contains(&tag.name.as_str()),
                "{page}: <{}> in the output",
                tag.name
            );
            if tag.name == "script" {
                let root = if page.contains('/') { "../" } else { "" };
                let src = tag.attr("src").unwrap_or_default();
                assert!(
                    [
                        format!("{root}assets/irbook.js"),
                        format!("{root}assets/irbook-theme.js")
                    ]
                    .contains(&src.to_owned()),
                    "{page}: a script other than the theme's: {src}"
                );
            }
            for (k, v) in &tag.attrs {
                assert!(!k.starts_with("on"), "{page}: <{} {k}=…>", tag.name);
                assert!(k != "style", "{page}: inline style on <{}>", tag.name);
                let v = v.trim().to_ascii_lowercase();
                assert!(
                    !(v.starts_with("javascript:") || v.starts_with("data:")),
                    "{page}: <{} {k}=\"{v}\">",
                    tag.name
                );
            }
        }
    }
    // The payloads went through every field as text: the English one into the English
    // pages (35 text fields, plus the book title and description of every page)…
    let en = &pages["en/hostile.html"];
    let fields = en.matches("&lt;script&gt;alert(1)&lt;/script&gt;").count();
    assert!(fields >= 35, "payload seen in only {fields} fields");
    assert!(en.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(en.contains("&lt;script&gt;alert(&#39;book&#39;)&lt;/script&gt;"));
    // …and the French one into the French pages.
    let fr = &pages["fr/hostile.html"];
    // (Markdown output leaves `'` as is: harmless in element content.)
    let fields = fr
        .matches("&lt;script&gt;alert('fr')&lt;/script&gt;")
        .count()
        + fr.matches("&lt;script&gt;alert(&#39;fr&#39;)&lt;/script&gt;")
            .count();
    assert!(fields >= 35, "French payload seen in only {fields} fields");
    assert!(pages["fr/print.html"].contains("&lt;iframe src=javascript:alert('fr')&gt;"));
}

#[test]
fn pages_load_nothing_from_elsewhere_and_carry_a_strict_csp() {
    let book = shipped_book();
    for (page, html) in html_pages(&build_ok(book.path())) {
        assert!(
            html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'\">"),
            "{page}: no CSP"
        );
        for tag in scan::tags(&html) {
            let load = match tag.name.as_str() {
                "script" | "img" | "iframe" => tag.attr("src"),
                "link" => tag
                    .attr("href")
                    .filter(|_| tag.attr("rel") != Some("alternate")),
                _ => None,
            };
            if let Some(url) = load {
                assert!(
                    !url.contains("//") && !url.contains(':'),
                    "{page}: loads {url}"
                );
            }
        }
        assert!(!html.contains("<style"), "{page}: inline style");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let book = shipped_book();
    let first = tree(&build_ok(book.path()));
    let second = tree(&build_ok(book.path()));
    assert_eq!(first.len(), second.len());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let book = fixture_book();
    let before = tree(&build_ok(book.path()));
    let file = book.path().join("content/playbooks/sample.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("status: active", "status: active\nunknown_key: 1"),
    )
    .unwrap();
    let out = irbook(book.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("untouched"), "{}", stderr(&out));
    assert!(tree(&book.path().join("book")) == before, "book/ changed");
}

#[test]
fn a_removed_playbook_leaves_no_file_behind() {
    let book = fixture_book();
    let out = build_ok(book.path());
    assert!(out.join("fr/hostile.html").exists());
    std::fs::remove_file(book.path().join("content/playbooks/hostile.yaml")).unwrap();
    std::fs::remove_file(book.path().join("locales/fr/hostile.ftl")).unwrap();
    let out = build_ok(book.path());
    let left: Vec<String> = tree(&out)
        .into_iter()
        .filter(|(k, v)| {
            k.contains("hostile") || String::from_utf8_lossy(v).contains("hostile.html")
        })
        .map(|(k, _)| k)
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_missing_french_message_is_english_marked_lang_en() {
    let book = fixture_book();
    let out = build_ok(book.path());
    let fr = std::fs::read_to_string(out.join("fr/sample.html")).unwrap();
    assert!(
        fr.contains("<span class=\"fallback\" lang=\"en\" title=\"Pas encore traduit\u{202f}; affiché en anglais.\">Rotate the keys.</span>"),
        "{fr}"
    );
    // A translated message is not marked.
    assert!(fr.contains("Chercher <code>GetIndex</code> dans CloudTrail."));
    assert!(!fr.contains(
        "lang=\"en\" title=\"Pas encore traduit\u{202f}; affiché en anglais.\">Chercher"
    ));
    // English pages never mark anything as a fallback.
    let en = std::fs::read_to_string(out.join("en/sample.html")).unwrap();
    assert!(!en.contains("class=\"fallback\""));
}

#[test]
fn the_shipped_french_page_has_the_events_and_names() {
    let book = shipped_book();
    let out = build_ok(book.path());
    let fr = std::fs::read_to_string(out.join("fr/amazon-q.html")).unwrap();
    assert_eq!(page_langs(&fr).as_deref(), Some("fr"));
    for needle in [
        "GetConversation",
        "BatchPutDocument",
        "AWS::QBusiness::Application",
        "qbusiness.amazonaws.com",
        "id=\"group-indices\"",
        "id=\"event-indices-GetIndex\"",
        "id=\"data-AWS-QBusiness-Index\"",
        // The language switcher leads to the same playbook.
        "href=\"../en/amazon-q.html\"",
    ] {
        assert!(fr.contains(needle), "no {needle} in fr/amazon-q.html");
    }
}

#[test]
fn the_event_index_lists_all_53_events_of_the_shipped_book() {
    let book = shipped_book();
    let out = build_ok(book.path());
    for lang in ["en", "fr"] {
        let html = std::fs::read_to_string(out.join(lang).join("events.html")).unwrap();
        let names: Vec<String> = scan::tags(&html)
            .iter()
            .filter(|t| t.name == "tr")
            .filter_map(|t| t.attr("data-key").map(str::to_owned))
            .collect();
        assert_eq!(names.len(), 53, "{lang}: {names:?}");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{lang}: not A–Z");
        assert!(html.contains("href=\"amazon-q.html#event-indices-GetIndex\""));
        assert!(html.contains("href=\"amazon-q.html#data-AWS-QBusiness-Index\""));
    }
}

#[test]
fn a_theme_folder_overrides_single_files() {
    let book = fixture_book();
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace(
            "[language.en]",
            "[build]\ntheme = \"mytheme\"\n\n[language.en]",
        ),
    )
    .unwrap();
    let theme = book.path().join("mytheme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::create_dir_all(theme.join("assets")).unwrap();
    std::fs::write(
        theme.join("templates/events.html"),
        "{% extends \"base.html\" %}{% block main %}<p>custom {{ events|length }} {{ book_title }}</p>{% endblock %}",
    )
    .unwrap();
    std::fs::write(theme.join("assets/irbook.css"), "body{color:red}").unwrap();
    std::fs::write(
        theme.join("assets/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let out = build_ok(book.path());
    let events = std::fs::read_to_string(out.join("en/events.html")).unwrap();
    assert!(
        events.contains("<p>custom 4 Fixture &lt;script&gt;"),
        "{events}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("assets/irbook.css")).unwrap(),
        "body{color:red}"
    );
    assert!(out.join("assets/logo.svg").exists());
    // The other templates are still the default theme's.
    assert!(std::fs::read_to_string(out.join("en/sample.html"))
        .unwrap()
        .contains("class=\"toc\""));

    // A template error fails the build with the template's name, and keeps book/.
    std::fs::write(theme.join("templates/events.html"), "{{ nope.nope }}").unwrap();
    let before = tree(&out);
    let o = irbook(book.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("events.html"), "{}", stderr(&o));
    assert!(tree(&out) == before);
}

/// The event index is written as it is rendered, its rows made one at a time as the
/// template reads them: a theme's `events.html` still reads `events` as a list (loop,
/// length, index, neighbours), and a template that fails after some rows were written
/// fails the build and leaves the previous output as it was.
#[test]
fn a_theme_reads_the_streamed_event_index_as_a_list() {
    let book = fixture_book();
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace(
            "[language.en]",
            "[build]\ntheme = \"mytheme\"\n\n[language.en]",
        ),
    )
    .unwrap();
    let templates = book.path().join("mytheme/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let row = "{% for e in events %}<li data-n=\"{{ loop.index }}/{{ loop.length }}\"\
               {% if not loop.first %} data-after=\"{{ loop.previtem.name }}\"{% endif %}>\
               {{ e.name }}:{% for p in e.playbooks %}{{ p.title|plain }}\
               {% for pl in p.places %} {{ pl.kind }} {{ pl.href }}{% endfor %};{% endfor %}\
               </li>\n{% endfor %}";
    std::fs::write(
        templates.join("events.html"),
        format!(
            "<ul first=\"{{{{ events[0].name }}}}\" n=\"{{{{ events|length }}}}\">\n{row}</ul>\n"
        ),
    )
    .unwrap();
    let out = build_ok(book.path());
    let events = std::fs::read_to_string(out.join("en/events.html")).unwrap();
    let rows: Vec<&str> = events.lines().filter(|l| l.starts_with("<li")).collect();
    assert_eq!(rows.len(), 4, "{events}");
    assert!(
        events.starts_with("<ul first=\"BatchPutDocument\" n=\"4\">\n"),
        "{events}"
    );
    assert_eq!(
        rows[0],
        "<li data-n=\"1/4\">BatchPutDocument:Sample playbook data \
         sample.html#data-AWS-QBusiness-Index;</li>"
    );
    // Each row: its playbooks in book order, each with its places.
    assert!(
        rows[2].starts_with("<li data-n=\"3/4\" data-after=\"DeleteIndex\">GetIndex:Hostile"),
        "{events}"
    );
    assert!(
        rows[2].ends_with(
            " group hostile.html#event-grp-GetIndex;\
             Sample playbook group sample.html#event-indices-GetIndex;</li>"
        ),
        "{events}"
    );

    // A row that fails half-way through the page: exit 2, the template named, no
    // panic, the previous output untouched.
    std::fs::write(
        templates.join("events.html"),
        "{% for e in events %}{{ e.name }}{% if loop.index == 3 %}{{ e.nope }}{% endif %}\n{% endfor %}",
    )
    .unwrap();
    let before = tree(&out);
    let o = irbook(book.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("events.html"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(tree(&out) == before);
}

#[test]
fn pdf_without_a_browser_says_how_to_install_one() {
    let book = fixture_book();
    let out = std::process::Command::new(BIN)
        .args(["pdf"])
        .current_dir(book.path())
        .env("PATH", book.path()) // no browser there
        .env_remove("CHROME")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("apt-get install chromium"),
        "{}",
        stderr(&out)
    );
    assert!(
        !book.path().join("book").exists(),
        "built although it could not print"
    );
}

/// Chromium prints `fr/print.html` to a multi-page PDF whose text holds the event
/// tables. CI installs Chromium and poppler-utils (.ci/install-tools): there, their
/// absence is a failure; elsewhere the test says it skipped.
#[test]
fn pdf_prints_the_shipped_book_in_french() {
    let have = |cmd: &str| std::process::Command::new(cmd).arg("-v").output().is_ok();
    if irbook::commands::pdf::find_browser().is_none() || !have("pdftotext") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Chromium and pdftotext (apt-get install chromium poppler-utils)"
        );
        eprintln!("skipped: no Chromium or pdftotext here");
        return;
    }
    let book = shipped_book();
    let out = irbook(book.path(), &["pdf", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = book.path().join("book/fr/playbooks.pdf");
    assert!(book.path().join("book/en/playbooks.pdf").exists());
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(pages > 3, "{info}");
    assert!(info.contains("A4"), "{info}");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "Nom de l’événement",
        "BatchPutDocument",
        "GetIndex",
        "AWS::QBusiness::Index",
        "Confinement et éradication",
        // The cover: title, edition date, languages.
        "Playbooks de réponse aux incidents",
        "Édition du 1er novembre 2026",
        "English · Français",
    ] {
        assert!(text.contains(needle), "no {needle} in the PDF text");
    }
    let pages_text: Vec<&str> = text.split('\u{c}').collect();
    // Page numbers and the running header on every page but the cover.
    for (n, page) in pages_text
        .iter()
        .enumerate()
        .skip(1)
        .take(pages as usize - 1)
    {
        assert!(
            page.contains(&format!("Page {} / {pages}", n + 1)),
            "page {}: no page number in {page}",
            n + 1
        );
        assert!(
            page.contains("Playbooks de réponse aux incidents"),
            "page {}: no header",
            n + 1
        );
    }
    // The contents give the page where the playbook starts, and it starts there.
    let contents = pages_text[1];
    assert!(contents.contains("Sommaire"), "{contents}");
    let start: usize = contents
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .find(|&p| p > 1 && p <= pages as usize)
        .unwrap_or_else(|| panic!("no page number in the contents: {contents}"));
    assert!(
        pages_text[start - 1].contains("Réagir aux événements de sécurité impliquant"),
        "page {start} is not the playbook's first"
    );
    // Bookmarks from the headings (pdfinfo does not list them: read the outline).
    let bytes = std::fs::read(&pdf).unwrap();
    let titles = pdf_outline_titles(&bytes);
    assert!(titles.len() >= 10, "{titles:?}");
    for want in ["Confinement et éradication", "Index", "Sommaire"] {
        assert!(
            titles.iter().any(|t| t == want),
            "no bookmark {want}: {titles:?}"
        );
    }

    // A build without --pdf keeps the PDF while the print page is the same…
    let again = irbook(book.path(), &["build", "-q"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        bytes,
        "the PDF changed or went"
    );
    // …and drops it once the print page changed: it would show older content.
    edit(
        &amazon_q(book.path()),
        "Turn on CloudTrail data events for the Amazon Q Business resource types",
        "Turn on CloudTrail data events, in every Region, for the Amazon Q Business resource types",
    );
    let changed = irbook(book.path(), &["build", "-q"]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(!book.path().join("book/en/playbooks.pdf").exists());
}

/// The titles of a PDF's outline items (every `/Title` of a PDF with `/Outlines`, the
/// document's own title among them), as Chromium writes them: literal strings or
/// UTF-16BE hex strings.
fn pdf_outline_titles(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    if !text.contains("/Outlines") {
        return Vec::new();
    }
    let mut titles = Vec::new();
    let mut rest = &text[..];
    while let Some(at) = rest.find("/Title") {
        rest = rest[at + 6..].trim_start();
        if let Some(hex) = rest.strip_prefix("<FEFF") {
            let end = hex.find('>').unwrap_or(0);
            let units: Vec<u16> = (0..end / 4)
                .filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            titles.push(String::from_utf16_lossy(&units));
        } else if let Some(lit) = rest.strip_prefix('(') {
            titles.push(lit[..lit.find(')').unwrap_or(0)].to_owned());
        }
    }
    titles
}

/// Issue 14 point 7: a page links to the same page in each language only while they are
/// few; past that it links to the chooser, so the output grows linearly with languages.
#[test]
fn the_output_grows_linearly_with_the_number_of_languages() {
    fn build_with(languages: usize) -> BTreeMap<String, Vec<u8>> {
        let book = book_with(&[(
            "one.yaml",
            "id: one\ntitle: One\nsummary: A playbook.\nstatus: active\nsteps:\n  a: { phase: detection, text: Look. }\n",
        )]);
        let mut toml =
            String::from("[book]\ntitle = \"Test book\"\n\n[language.en]\nname = \"English\"\n");
        let codes = ('a'..='z').flat_map(|a| ('a'..='z').map(move |b| format!("{a}{b}")));
        for code in codes.filter(|c| c != "en").take(languages - 1) {
            toml.push_str(&format!("\n[language.{code}]\nname = \"Lang {code}\"\n"));
        }
        std::fs::write(book.path().join("book.toml"), toml).unwrap();
        tree(&build_ok(book.path()))
    }
    let size = |t: &BTreeMap<String, Vec<u8>>| t.values().map(Vec::len).sum::<usize>();
    let small = build_with(20);
    let big = build_with(200);
    // Ten times the languages: about ten times the bytes (a square would be a hundred).
    let ratio = size(&big) as f64 / size(&small) as f64;
    assert!(
        ratio < 12.0,
        "200 languages take {ratio:.1} times the bytes of 20"
    );
    let page = String::from_utf8(big["fr/one.html"].clone()).unwrap();
    assert!(page.matches("hreflang=").count() <= 8, "{page}");
    // The one link goes to the chooser, told which page to open.
    assert!(
        page.contains("href=\"../index.html?to=one.html#languages\""),
        "{page}"
    );
    // The chooser lists every language once.
    let chooser = String::from_utf8(big["index.html"].clone()).unwrap();
    assert_eq!(chooser.matches("data-lang-choice=").count(), 200);
}

/// Issue 12: when the English of a step changes, the French page keeps the French text,
/// marks the section and links to the current English; `i18n status` counts the same.
#[test]
fn an_english_change_marks_that_french_section_outdated() {
    let book = shipped_book();
    let before =
        String::from_utf8(std::fs::read(build_ok(book.path()).join("fr/amazon-q.html")).unwrap())
            .unwrap();
    assert!(
        !before.contains("data-outdated="),
        "marked before any change"
    );
    edit(
        &amazon_q(book.path()),
        "Turn on CloudTrail data events for the Amazon Q Business resource types",
        "Turn on CloudTrail data events, in every Region, for the Amazon Q Business resource types",
    );
    let page =
        String::from_utf8(std::fs::read(build_ok(book.path()).join("fr/amazon-q.html")).unwrap())
            .unwrap();
    let marked: Vec<&str> = page
        .split("data-outdated=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(marked, ["steps"], "sections marked outdated");
    assert!(page.contains("href=\"../en/amazon-q.html#steps\" hreflang=\"en\""));
    // The French text is still shown, marked, not replaced by the English.
    let step = &page[page.find("id=\"step-enable-data-events\"").unwrap()..];
    let step = &step[..step.find("</li>").unwrap()];
    assert!(step.contains("class=\"outdated\""), "{step}");
    assert!(step.contains("Activez"), "{step}");
    // The English page marks nothing.
    let en = std::fs::read_to_string(book.path().join("book/en/amazon-q.html")).unwrap();
    assert!(!en.contains("data-outdated="));
    // And `i18n status` counts that one message.
    let status = irbook(book.path(), &["i18n", "status"]);
    let line = stdout(&status)
        .lines()
        .find(|l| l.contains("amazon-q"))
        .map(str::to_owned)
        .unwrap_or_default();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cols.get(3), Some(&"1"), "outdated column: {line}");
}

/// The response section (triggers, severity…) is marked like any other.
#[test]
fn an_english_change_in_the_severity_marks_the_response_section_outdated() {
    let book = shipped_book();
    edit(
        &amazon_q(book.path()),
        "Content was destroyed or exposed:",
        "Content was destroyed, encrypted or exposed:",
    );
    let page = std::fs::read_to_string(build_ok(book.path()).join("fr/amazon-q.html")).unwrap();
    let section = &page[page
        .find("<section id=\"response\"")
        .expect("response section")..];
    let section = &section[..section.find("</section>").unwrap()];
    let heading_end = section.find("</h2>").unwrap();
    let note = section
        .find("data-outdated=\"response\"")
        .expect("note in the section");
    assert!(note > heading_end && note < heading_end + 40, "{section}");
    assert!(section.contains("href=\"../en/amazon-q.html#response\""));
}

/// An event the playbook does not describe shows IAM's permission wording, marked as such
/// on the page and in the Markdown; the playbook's own descriptions carry no mark.
#[test]
fn iam_wording_shown_for_an_undescribed_event_is_marked_as_iam_text() {
    let book = shipped_book();
    let path = amazon_q(book.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("        - name: GetUser\n")
        .expect("GetUser item");
    let end = start + text[start..].find("        - name: UpdateUser").unwrap();
    std::fs::write(
        &path,
        format!("{}        - GetUser\n{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let out = build_ok(book.path());
    let page = std::fs::read_to_string(out.join("en/amazon-q.html")).unwrap();
    let row = |name: &str| {
        let at = page
            .find(&format!("id=\"event-users-groups-{name}\""))
            .unwrap();
        page[at..at + page[at..].find("</tr>").unwrap()].to_owned()
    };
    let get_user = row("GetUser");
    assert!(get_user.contains("class=\"mark mark-iam\""), "{get_user}");
    assert!(
        get_user.contains("Grants permission to get a user"),
        "{get_user}"
    );
    assert!(!row("CreateUser").contains("mark-iam"));
    assert_eq!(
        page.matches("mark-iam\"").count(),
        1,
        "only GetUser is marked"
    );
    let md = std::fs::read_to_string(out.join("markdown/fr/src/amazon-q.md")).unwrap();
    let line = md.lines().find(|l| l.contains("`GetUser`")).unwrap();
    assert!(line.contains("*(Texte IAM)*"), "{line}");
}
