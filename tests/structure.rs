//! The shape of the source, as DESIGN.md states it: dependencies point down, never up.
//!
//! This test parses every file under `src/` (with `syn`, so comments and strings do not
//! count), collects each module's references to other modules of the crate (`use
//! crate::…`, `use super::…`, and paths written inline such as `crate::x::f()`), and
//! fails when
//! - two modules depend on each other, directly or through others (a circle), or
//! - a library module uses the command-line layer (`commands`, `cli`).
//!
//! Circles are looked for among siblings at every level: `build` and `render` under the
//! crate root, `render::html` and `render::markdown` under `render`, and so on. An edge
//! from `a::b::c` to `a::d` counts as `a::b → a::d`. A module and its own submodules are
//! left out: a parent that declares private children and children that use their
//! parent's types are one unit, Rust's usual way to split a module into files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

type ModPath = Vec<String>;

/// The command-line layer: only `main.rs` and these may use it.
const CLI_LAYER: &[&str] = &["commands", "cli"];

struct Reference {
    from: ModPath,
    to: ModPath,
    file: PathBuf,
    line: usize,
}

fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: ModPath = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Walks one file, tracking inline `mod x { … }` blocks, and records every path that
/// starts with `crate`, `super` or `self`, or with the name of a module.
struct Collector<'a> {
    file: &'a Path,
    module: ModPath,
    /// Raw paths with the module they were written in.
    found: Vec<(ModPath, Vec<String>, usize)>,
    inline_modules: Vec<ModPath>,
}

impl Collector<'_> {
    fn record(&mut self, segments: Vec<String>, line: usize) {
        if !segments.is_empty() {
            self.found.push((self.module.clone(), segments, line));
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, line);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut full = prefix.clone();
                if n.ident != "self" {
                    full.push(n.ident.to_string());
                }
                self.record(full, line);
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.record(full, line);
            }
            syn::UseTree::Glob(_) => self.record(prefix.clone(), line),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, line);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_some() {
            self.module.push(m.ident.to_string());
            self.inline_modules.push(self.module.clone());
            syn::visit::visit_item_mod(self, m);
            self.module.pop();
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let line = u.use_token.span.start().line;
        self.use_tree(&mut Vec::new(), &u.tree, line);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let line = p
            .segments
            .first()
            .map(|s| s.ident.span().start().line)
            .unwrap_or(0);
        let segments = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.record(segments, line);
        syn::visit::visit_path(self, p);
    }
}

/// Turns a path written in `module` into the deepest module of the crate it names, if
/// it names one.
fn resolve(modules: &BTreeSet<ModPath>, module: &ModPath, segments: &[String]) -> Option<ModPath> {
    let mut base = module.clone();
    let mut rest = segments;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        // A bare name: a child module of this one (Rust 2018 paths), or not ours.
        _ => {}
    }
    let mut target = base.clone();
    let mut found = None;
    if segments.first().map(String::as_str) != Some("crate")
        && segments.first().map(String::as_str) != Some("super")
        && segments.first().map(String::as_str) != Some("self")
    {
        // Only a child of this module counts for a bare name.
        let mut child = module.clone();
        child.push(rest.first()?.clone());
        if !modules.contains(&child) {
            return None;
        }
    }
    for seg in rest {
        target.push(seg.clone());
        if modules.contains(&target) {
            found = Some(target.clone());
        } else {
            break;
        }
    }
    found.or(Some(base))
}

fn collect() -> (BTreeSet<ModPath>, Vec<Reference>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // main.rs is the binary: a crate of its own, the top of the CLI layer.
    files.retain(|f| f != &src.join("main.rs"));
    let mut modules: BTreeSet<ModPath> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut raw = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
        let mut c = Collector {
            file,
            module: module_of(&src, file),
            found: Vec::new(),
            inline_modules: Vec::new(),
        };
        c.visit_file(&ast);
        modules.extend(c.inline_modules.drain(..));
        let rel = file
            .strip_prefix(src.parent().unwrap())
            .unwrap()
            .to_path_buf();
        raw.extend(
            c.found
                .into_iter()
                .map(|(m, s, line)| (m, s, rel.clone(), line, c.file.to_path_buf())),
        );
    }
    let refs = raw
        .into_iter()
        .filter_map(|(from, segments, file, line, _)| {
            let to = resolve(&modules, &from, &segments)?;
            Some(Reference {
                from,
                to,
                file,
                line,
            })
        })
        .collect();
    (modules, refs)
}

fn is_within(module: &[String], ancestor: &[String]) -> bool {
    module.len() >= ancestor.len() && module[..ancestor.len()] == *ancestor
}

/// The sibling edge a reference amounts to, if it leaves its own subtree.
fn sibling_edge(from: &[String], to: &[String]) -> Option<(ModPath, ModPath)> {
    if is_within(from, to) || is_within(to, from) {
        return None;
    }
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    Some((from[..=common].to_vec(), to[..=common].to_vec()))
}

fn show(m: &[String]) -> String {
    if m.is_empty() {
        "crate".to_owned()
    } else {
        m.join("::")
    }
}

#[test]
fn no_library_module_uses_the_command_line_layer() {
    let (_, refs) = collect();
    let in_cli = |m: &[String]| m.first().is_some_and(|f| CLI_LAYER.contains(&f.as_str()));
    let bad: Vec<String> = refs
        .iter()
        .filter(|r| !in_cli(&r.from) && in_cli(&r.to))
        .map(|r| {
            format!(
                "{}:{}: {} uses {}",
                r.file.display(),
                r.line,
                show(&r.from),
                show(&r.to)
            )
        })
        .collect();
    assert!(
        bad.is_empty(),
        "the library must not use the command-line layer:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_module_depends_on_a_module_that_depends_on_it() {
    let (_, refs) = collect();
    let mut edges: BTreeMap<ModPath, BTreeMap<ModPath, &Reference>> = BTreeMap::new();
    for r in &refs {
        if let Some((a, b)) = sibling_edge(&r.from, &r.to) {
            edges.entry(a).or_default().entry(b).or_insert(r);
        }
    }
    // A circle exists when some edge a → b comes back from b to a.
    let mut circles = BTreeSet::new();
    for (a, outs) in &edges {
        for b in outs.keys() {
            if let Some(path) = path_between(&edges, b, a) {
                let mut names: Vec<String> = std::iter::once(a.clone())
                    .chain(path)
                    .map(|m| show(&m))
                    .collect();
                // One report per circle, whichever module it is seen from.
                let start = names[..names.len() - 1]
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, n)| n.as_str())
                    .map(|(i, _)| i)
                    .unwrap();
                names.pop();
                names.rotate_left(start);
                names.push(names[0].clone());
                let evidence: Vec<String> = names
                    .windows(2)
                    .filter_map(|w| {
                        let from: ModPath = edges.keys().find(|k| show(k) == w[0])?.clone();
                        let r = edges[&from].iter().find(|(k, _)| show(k) == w[1])?.1;
                        Some(format!(
                            "  {} → {} ({}:{})",
                            w[0],
                            w[1],
                            r.file.display(),
                            r.line
                        ))
                    })
                    .collect();
                circles.insert(format!("{}\n{}", names.join(" → "), evidence.join("\n")));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules that depend on each other:\n{}",
        circles.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// A shortest path of edges from `from` to `to` (both included), if any.
fn path_between(
    edges: &BTreeMap<ModPath, BTreeMap<ModPath, &Reference>>,
    from: &ModPath,
    to: &ModPath,
) -> Option<Vec<ModPath>> {
    let mut came_from: BTreeMap<ModPath, ModPath> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from.clone()]);
    let mut seen = BTreeSet::from([from.clone()]);
    while let Some(m) = queue.pop_front() {
        if &m == to {
            let mut path = vec![m.clone()];
            let mut cur = m;
            while let Some(prev) = came_from.get(&cur) {
                path.push(prev.clone());
                cur = prev.clone();
            }
            path.reverse();
            return Some(path);
        }
        for next in edges.get(&m).into_iter().flat_map(|o| o.keys()) {
            if seen.insert(next.clone()) {
                came_from.insert(next.clone(), m.clone());
                queue.push_back(next.clone());
            }
        }
    }
    None
}

/// The checks above must see the references they are meant to catch: a smoke test on
/// the resolver with a small made-up crate.
#[test]
fn resolver_follows_crate_super_and_child_paths() {
    let modules: BTreeSet<ModPath> = [
        vec![],
        vec!["render".to_owned()],
        vec!["render".to_owned(), "html".to_owned()],
        vec!["build".to_owned()],
    ]
    .into_iter()
    .collect();
    let s = |p: &str| p.split("::").map(str::to_owned).collect::<Vec<_>>();
    let html = s("render::html");
    assert_eq!(
        resolve(&modules, &html, &s("crate::build::RenderContext")),
        Some(s("build"))
    );
    assert_eq!(
        resolve(&modules, &html, &s("super::Files")),
        Some(s("render"))
    );
    assert_eq!(
        resolve(&modules, &s("render"), &s("html::render")),
        Some(s("render::html"))
    );
    assert_eq!(resolve(&modules, &html, &s("serde::Serialize")), None);
    assert_eq!(
        sibling_edge(&s("render::html"), &s("build")),
        Some((s("render"), s("build")))
    );
    assert_eq!(sibling_edge(&s("render::html"), &s("render")), None);
}
