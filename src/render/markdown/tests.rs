//! Renderer tests on the shipped book's views (loaded without the registry check, which
//! needs the real registry) and on views filled with hostile text.

use super::render;
use crate::i18n::ui::Ui;
use crate::registry::Registry;
use crate::render::Files;
use crate::view::BookView;
use crate::view::RenderContext;
use std::collections::BTreeMap;
use std::path::Path;

fn shipped_views() -> (Vec<BookView>, BTreeMap<String, Ui>) {
    let shipped = crate::render::shipped_book::shipped();
    (shipped.views, shipped.uis)
}

fn render_views(views: Vec<BookView>, uis: BTreeMap<String, Ui>) -> Files {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (book, _) = crate::load::load_book(root).expect("loads");
    let book = book.expect("parses");
    let (locales, _) = crate::i18n::load_locales(&book);
    let ctx = RenderContext {
        book: &book,
        registry: Registry::embedded(),
        views,
        uis,
        source_digest: crate::digest::source_digest(&book.playbooks, &locales).into(),
    };
    render(&ctx).expect("renders")
}

fn text(files: &Files, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} missing"))
            .clone(),
    )
    .expect("utf-8")
}

#[test]
fn layout_per_language() {
    let (views, uis) = shipped_views();
    let files = render_views(views, uis);
    for lang in ["en", "fr"] {
        for f in [
            "book.toml",
            "src/SUMMARY.md",
            "src/README.md",
            "src/events.md",
            "src/amazon-q.md",
        ] {
            assert!(
                files.contains_key(&format!("markdown/{lang}/{f}")),
                "markdown/{lang}/{f}"
            );
        }
        let toml = text(&files, &format!("markdown/{lang}/book.toml"));
        assert!(toml.contains(&format!("language = \"{lang}\"")), "{toml}");
        assert!(toml.contains("src = \"src\""));
        let summary = text(&files, &format!("markdown/{lang}/src/SUMMARY.md"));
        assert!(summary.contains("(amazon-q.md)"));
        assert!(summary.contains("(events.md)"));
    }
    let fr = text(&files, "markdown/fr/src/amazon-q.md");
    assert!(fr.starts_with("# Réagir aux événements de sécurité impliquant Amazon Q\n"));
    assert!(fr.contains("**Statut**\u{202f}: En vigueur"));
}

#[test]
fn headings_never_skip_a_level() {
    let (views, uis) = shipped_views();
    let files = render_views(views, uis);
    for (path, bytes) in &files {
        if !path.ends_with(".md") || path.ends_with("SUMMARY.md") {
            continue;
        }
        let mut last = 0;
        let mut in_fence = false;
        for line in String::from_utf8_lossy(bytes).lines() {
            if line.starts_with("```") {
                in_fence = !in_fence;
            }
            if in_fence {
                continue;
            }
            let level = line.chars().take_while(|&c| c == '#').count();
            if level > 0 && line[level..].starts_with(' ') {
                assert!(level <= last + 1, "{path}: `{line}` after level {last}");
                last = level;
            }
        }
        assert!(last > 0, "{path} has headings");
    }
}

#[test]
fn event_tables_and_index() {
    let (views, uis) = shipped_views();
    let files = render_views(views, uis);
    let page = text(&files, "markdown/en/src/amazon-q.md");
    // The site's columns, in its order.
    assert!(page.contains(
        "| Event name | Service | IAM access level | Description |\n| --- | --- | --- | --- |\n"
    ));
    assert!(page.contains("<a id=\"event-indices-DeleteIndex\"></a>`DeleteIndex`"));
    assert!(page.contains("<a id=\"event-indices-GetIndex\"></a>`GetIndex` *(common)*"));
    assert!(page.contains("<a id=\"data-AWS-QBusiness-Index\"></a>`AWS::QBusiness::Index`"));
    let events = text(&files, "markdown/en/src/events.md");
    assert!(events.contains("(amazon-q.md#event-indices-DeleteIndex)"));
    // A to Z, case-insensitively: BatchDeleteDocument before Chat before CreateApplication.
    let pos = |s: &str| events.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(pos("| `BatchDeleteDocument`") < pos("| `Chat` "));
    assert!(pos("| `Chat` ") < pos("| `CreateApplication`"));
    // Every table row has as many cells as its header.
    for (path, bytes) in &files {
        let mut width = None;
        for line in String::from_utf8_lossy(bytes).lines() {
            if !line.starts_with('|') {
                width = None;
                continue;
            }
            let cells = count_cells(line);
            match width {
                None => width = Some(cells),
                Some(w) => assert_eq!(w, cells, "{path}: {line}"),
            }
        }
    }
}

/// Unescaped `|` outside… anywhere: GFM splits on every pipe not preceded by a backslash.
fn count_cells(line: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in line.chars() {
        if c == '|' && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n - 1
}

#[test]
fn hostile_text_comes_out_escaped() {
    let (mut views, uis) = shipped_views();
    let payload =
        "<script>alert(1)</script> | <img src=x onerror=alert(2)> [x](javascript:alert(3))";
    for v in &mut views {
        for p in &mut v.playbooks {
            p.title.text = payload.to_owned();
            p.summary.text = format!("# {payload}\n\n{payload}");
            for g in &mut p.groups {
                g.title.text = payload.to_owned();
                for e in &mut g.events {
                    if let Some(d) = &mut e.description {
                        d.text = payload.to_owned();
                    }
                }
            }
            for a in &mut p.containment {
                a.text.text = payload.to_owned();
                for l in &mut a.links {
                    l.title.text = payload.to_owned();
                    l.url = "javascript:alert(4)".to_owned();
                }
            }
            for n in &mut p.notes {
                n.markdown.text = format!("<div>\n{payload}\n</div>");
            }
        }
    }
    let files = render_views(views, uis);
    for (path, bytes) in &files {
        // `\](` is an escaped bracket: the text shows as typed, no link.
        let s = String::from_utf8_lossy(bytes).replace("\\](", "");
        for bad in [
            "<script",
            "<img",
            "<div",
            "](javascript:",
            "(javascript:alert(4)",
        ] {
            assert!(!s.contains(bad), "{path} contains {bad}:\n{s}");
        }
    }
    let page = text(&files, "markdown/en/src/amazon-q.md");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn output_is_deterministic() {
    let (v1, u1) = shipped_views();
    let (v2, u2) = shipped_views();
    assert_eq!(render_views(v1, u1), render_views(v2, u2));
}

#[test]
fn fallback_is_noted_once() {
    let (mut views, uis) = shipped_views();
    let fr = &mut views[1];
    fr.playbooks[0].summary.fallback = true;
    let files = render_views(views, uis);
    let page = text(&files, "markdown/fr/src/amazon-q.md");
    assert_eq!(page.matches("> Pas encore traduit").count(), 1);
    let en = text(&files, "markdown/en/src/amazon-q.md");
    assert!(!en.contains("> Not yet translated"));
}
