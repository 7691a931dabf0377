//! The template engine: MiniJinja set up for HTML that cannot leak content as markup.
//! This module is the only one that knows `minijinja`.
//!
//! - auto-escaping is on for every template, whatever its name;
//! - undefined values are errors, so a typo in a theme fails the build instead of
//!   printing nothing;
//! - content texts reach a page only through the filters below, which render their
//!   Markdown with `markdown_inline` and mark English fallbacks with `lang="en"`.

use super::theme::Theme;
use crate::render::markdown_inline;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use serde::Serialize;
use std::io::{self, Write};
use std::sync::Arc;

/// Enough for a book of thousands of playbooks on one page (print), small enough to stop
/// a theme's runaway loop.
const FUEL: u64 = 500_000_000;

/// Name of the built-in template of a playbook's body, rendered once for its page and its
/// print chapter (see `chapter`; not a theme file: themes provide `playbook_body.html`,
/// which it includes).
pub const PLAYBOOK_BODY: &str = "irbook/playbook-body.html";

pub struct Engine {
    env: Environment<'static>,
}

impl Engine {
    pub fn new(theme: &Theme) -> Result<Engine, String> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        // MiniJinja's own escaping also turns `/` into `&#x2f;`, which is safe but makes
        // every relative href unreadable; ours escapes the five characters that matter
        // (all attributes in the theme are quoted).
        env.set_formatter(|out, state, value| {
            if value.is_safe() || value.is_undefined() || value.is_none() {
                minijinja::escape_formatter(out, state, value)
            } else {
                // Strings (most values) are escaped into the page as they are, with no
                // copy; others are formatted first.
                match value.as_str() {
                    Some(s) => markdown_inline::escape_into(out, s),
                    None => markdown_inline::escape_into(out, &value.to_string()),
                }
                .map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
            }
        });
        // Block tags leave no blank lines behind: pages stay small and readable as source.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| describe(&e))?;
        env.set_syntax(syntax);
        env.add_filter("text", text);
        env.add_filter("block", block);
        env.add_filter("plain", plain);
        env.add_filter("label", label);
        env.add_function("link", link);
        for (name, source) in &theme.templates {
            env.add_template_owned(name.clone(), source.clone())
                .map_err(|e| describe(&e))?;
        }
        // A playbook's body on its own, as on its page: the page and the print chapter
        // are both made from it (`chapter`).
        env.add_template(
            PLAYBOOK_BODY,
            r#"{% with hl = 1 %}{% include "playbook_body.html" %}{% endwith %}"#,
        )
        .map_err(|e| describe(&e))?;
        Ok(Engine { env })
    }

    /// Renders template `name` like `render`, with `body`, HTML this engine made (a
    /// playbook's body), as the variable `body`.
    pub fn render_with_body(
        &self,
        name: &str,
        page: &Page,
        shared: &Shared,
        body: String,
    ) -> Result<String, String> {
        let template = self.env.get_template(name).map_err(|e| describe(&e))?;
        let vars = minijinja::context! { ..page.0.clone(), ..shared.0.clone() };
        let ctx = minijinja::context! { body => Value::from_safe_string(body), ..vars };
        template.render(ctx).map_err(|e| describe(&e))
    }

    /// Renders template `name` with `ctx` and the variables of `shared`.
    pub fn render<C: Serialize>(
        &self,
        name: &str,
        ctx: &C,
        shared: &Shared,
    ) -> Result<String, String> {
        self.render_page(name, &Page::new(ctx), shared)
    }

    /// Renders template `name` like `render`, with `list` as the variable `list_name`,
    /// into `w` as it goes: for a page too large to be one value or one string (the
    /// event index). The template reads `list` item by item (`Rows`). A template error
    /// is `Err` with the theme's diagnostic; an error of `w`, `Err` with its own.
    pub fn render_streamed<C: Serialize, R: Rows>(
        &self,
        name: &str,
        ctx: &C,
        list: (&str, &Arc<R>),
        shared: &Shared,
        w: &mut dyn Write,
    ) -> Result<(), Streamed> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| Streamed::Theme(describe(&e)))?;
        let (list_name, rows) = list;
        let list = Value::from(std::collections::BTreeMap::from([(
            list_name.to_owned(),
            Value::from_object(Lazy(Arc::clone(rows))),
        )]));
        let page = Value::from(Serde(ctx));
        let ctx = minijinja::context! { ..list, ..page, ..shared.0.clone() };
        match template.render_captured_to(ctx, w) {
            Ok(_) => Ok(()),
            Err(e) => match std::error::Error::source(&e)
                .and_then(|s| s.downcast_ref::<io::Error>())
                .filter(|_| e.kind() == ErrorKind::WriteFailure)
            {
                Some(io) => Err(Streamed::Write(io::Error::new(io.kind(), io.to_string()))),
                None => Err(Streamed::Theme(describe(&e))),
            },
        }
    }

    /// `render` of a page converted already (`Page::new`): a page rendered by two
    /// templates (a playbook's body, then its page around it) is converted once.
    pub fn render_page(&self, name: &str, page: &Page, shared: &Shared) -> Result<String, String> {
        let template = self.env.get_template(name).map_err(|e| describe(&e))?;
        let ctx = minijinja::context! { ..page.0.clone(), ..shared.0.clone() };
        template.render(ctx).map_err(|e| describe(&e))
    }
}

/// Why a streamed page (`Engine::render_streamed`) stopped.
#[derive(Debug)]
pub enum Streamed {
    /// The theme's template failed: its diagnostic.
    Theme(String),
    /// The sink failed.
    Write(io::Error),
}

/// A long list a template reads item by item (`{% for e in events %}`): each item is
/// converted for the engine when the loop reaches it and let go after, so that the list
/// is never one template value (`Value::from(Serde(..))` copies all of it). Indexing
/// (`events[3]`), `|length` and `loop.length` work as on any list.
pub trait Rows: Send + Sync + 'static {
    type Row<'a>: Serialize
    where
        Self: 'a;
    fn len(&self) -> usize;
    /// Item `i`, or `None` past the end.
    fn row(&self, i: usize) -> Option<Self::Row<'_>>;
}

/// `Rows` as a template value.
struct Lazy<R>(Arc<R>);

impl<R> std::fmt::Debug for Lazy<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<rows>")
    }
}

impl<R: Rows> Object for Lazy<R> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let row = self.0.row(key.as_usize()?)?;
        Some(Value::from(Serde(&row)))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

/// A page's variables converted for the engine (shared, not copied, by each render).
pub struct Page(Value);

impl Page {
    pub fn new<C: Serialize>(ctx: &C) -> Page {
        Page(Value::from(Serde(ctx)))
    }
}

/// Variables every page of a language shares (the interface strings), converted for the
/// engine once rather than once per page: a book of a thousand playbooks has a thousand
/// pages per language.
#[derive(Clone)]
pub struct Shared(Value);

impl Shared {
    pub fn new<S: Serialize>(vars: &S) -> Shared {
        Shared(Value::from(Serde(vars)))
    }
}

/// An error with the template, line and the chain of causes, for a theme author.
fn describe(e: &Error) -> String {
    let mut msg = format!("theme: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    msg
}

/// How a text stands against its English source.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Translated,
    /// English shown for want of a translation.
    Fallback,
    /// A translation of English that changed since.
    Outdated,
}

/// The text (a string value, not copied) and how it stands, from a view `Resolved`
/// (`{text, lang, fallback, outdated}`) or a plain string (identifiers, config values).
fn parts(v: &Value) -> Result<(Value, Mark), Error> {
    if v.as_str().is_some() {
        return Ok((v.clone(), Mark::Translated));
    }
    let text = v.get_attr("text")?;
    if text.as_str().is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("expected a text, got {v}"),
        ));
    }
    let mark = if v.get_attr("fallback")?.is_true() {
        Mark::Fallback
    } else if v.get_attr("outdated").is_ok_and(|o| o.is_true()) {
        Mark::Outdated
    } else {
        Mark::Translated
    };
    Ok((text, mark))
}

/// The string of a value `parts` returned.
fn str_of(text: &Value) -> &str {
    text.as_str().unwrap_or_default()
}

/// An interface string from the page's `ui` map ("Not yet translated; shown in English.").
fn ui_note(state: &State, id: &str, default: &str) -> String {
    state
        .lookup("ui")
        .and_then(|ui| ui.get_attr(id).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| default.to_owned())
}

fn wrap(state: &State, element: &str, html: String, mark: Mark) -> Value {
    let note = |id, default| markdown_inline::escape(&ui_note(state, id, default));
    match mark {
        Mark::Translated => Value::from_safe_string(html),
        // The element carries lang="en" so that screen readers switch voice, and a
        // class for the subtle marker the stylesheet draws.
        Mark::Fallback => Value::from_safe_string(format!(
            "<{element} class=\"fallback\" lang=\"en\" title=\"{}\">{html}</{element}>",
            note("fallback-note", "Not yet translated; shown in English.")
        )),
        // The section's heading says so and links to the English (macros.html).
        Mark::Outdated => Value::from_safe_string(format!(
            "<{element} class=\"outdated\" title=\"{}\">{html}</{element}>",
            note("outdated-title", "Translated from an earlier English text.")
        )),
    }
}

/// `{{ x|text }}`: inline Markdown, escaped and checked.
fn text(state: &State, v: Value) -> Result<Value, Error> {
    let (text, mark) = parts(&v)?;
    Ok(wrap(
        state,
        "span",
        markdown_inline::inline(str_of(&text)),
        mark,
    ))
}

/// `{{ x|block(4) }}`: block Markdown whose headings start at `<h4>`.
fn block(state: &State, v: Value, first_heading: Option<u8>) -> Result<Value, Error> {
    let (text, mark) = parts(&v)?;
    let html = markdown_inline::block(str_of(&text), first_heading.unwrap_or(3));
    Ok(wrap(state, "div", html, mark))
}

/// `{{ x|label }}`: the words only, marked when a fallback: for link texts, where a
/// link inside the text would nest one `<a>` in another.
fn label(state: &State, v: Value) -> Result<Value, Error> {
    let (text, mark) = parts(&v)?;
    let html = markdown_inline::escape(&markdown_inline::plain_cow(str_of(&text)));
    Ok(wrap(state, "span", html, mark))
}

/// `{{ x|plain }}`: the words only, for `<title>` and attributes (then auto-escaped).
fn plain(v: Value) -> Result<String, Error> {
    Ok(markdown_inline::plain(str_of(&parts(&v)?.0)))
}

/// `{{ link(url, inner) }}`: an `<a>` when the target is allowed, else `inner` alone.
fn link(url: String, inner: Value) -> Value {
    let inner = if inner.is_safe() {
        inner.to_string()
    } else {
        markdown_inline::escape(&inner.to_string())
    };
    match markdown_inline::link_start(&url, "") {
        Some(start) => Value::from_safe_string(format!("{start}{inner}</a>")),
        None => Value::from_safe_string(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn engine(template: &str) -> Engine {
        let mut templates = BTreeMap::new();
        templates.insert("t.html".to_owned(), template.to_owned());
        Engine::new(&Theme {
            templates,
            assets: BTreeMap::new(),
        })
        .unwrap()
    }

    fn none() -> Shared {
        Shared::new(&BTreeMap::<String, String>::new())
    }

    impl Engine {
        fn render_test<C: Serialize>(&self, name: &str, ctx: &C) -> Result<String, String> {
            self.render(name, ctx, &none())
        }
    }

    #[derive(Serialize)]
    struct Ctx {
        ui: BTreeMap<String, String>,
        raw: String,
        t: crate::i18n::translations::Resolved,
        url: String,
    }

    fn ctx(text: &str, fallback: bool) -> Ctx {
        Ctx {
            ui: [("fallback-note".to_owned(), "Pas traduit".to_owned())].into(),
            raw: "<b>\"x\"</b>".to_owned(),
            t: crate::i18n::translations::Resolved {
                text: text.to_owned(),
                lang: "en".to_owned(),
                fallback,
                outdated: false,
            },
            url: "javascript:alert(1)".to_owned(),
        }
    }

    #[test]
    fn plain_values_are_escaped() {
        let out = engine("{{ raw }}")
            .render("t.html", &ctx("", false), &none())
            .unwrap();
        assert_eq!(out, "&lt;b&gt;&quot;x&quot;&lt;/b&gt;");
    }

    #[test]
    fn fallbacks_carry_lang_en() {
        let e = engine("<p>{{ t|text }}</p>");
        assert_eq!(
            e.render_test("t.html", &ctx("*hi*", true)).unwrap(),
            "<p><span class=\"fallback\" lang=\"en\" title=\"Pas traduit\"><em>hi</em></span></p>"
        );
        assert_eq!(
            e.render_test("t.html", &ctx("*hi*", false)).unwrap(),
            "<p><em>hi</em></p>"
        );
    }

    #[test]
    fn unsafe_links_lose_their_target() {
        let e = engine("{{ link(url, t|text) }}|{{ link('https://a.example', raw) }}");
        assert_eq!(
            e.render_test("t.html", &ctx("go", false)).unwrap(),
            "go|<a href=\"https://a.example\" rel=\"noopener\">&lt;b&gt;&quot;x&quot;&lt;/b&gt;</a>"
        );
    }

    #[test]
    fn undefined_is_an_error() {
        let err = engine("{{ nope }}").render("t.html", &ctx("", false), &none());
        assert!(err.is_err());
    }
}
