//! What the preview serves: the last good build, held in memory, and the state of the
//! latest attempt. Readers clone an `Arc` of the files and never wait for a build,
//! except for a book-wide page while it is being assembled.
//!
//! What the pipeline made is kept between rebuilds (`build::Preview`), so a save renders
//! again only the playbooks whose inputs changed. It publishes in two phases: those
//! playbooks' own files first (so the page being edited is served at once), then the
//! book-wide pages assembled from every playbook's summary. Each phase replaces only
//! the files it made, and tells open pages which files changed: only those reload.

use crate::build::{of_language, BookWide, Failure, Memory, Output, Preview, Published};
use crate::check::{self, Changes, FrontCache};
use crate::i18n::ui::Ui;
use crate::render::Files;
use axum::body::Bytes;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tokio::sync::{broadcast, watch};

/// The files served, by path.
pub type Served = HashMap<String, Bytes>;

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A good build changed these files: the pages showing one of them reload.
    Reload(Arc<Vec<String>>),
    /// The latest build failed: fetch the status and show it.
    Broken,
    /// The server is stopping: end the stream.
    Shutdown,
}

/// `/__irbook/status`.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub ok: bool,
    /// Counts good builds; a page compares it to decide whether it is stale.
    pub version: u64,
    /// The diagnostics as a person reads them (no colour), when the build failed.
    pub diagnostics: Option<String>,
    /// The overlay's heading, per language code.
    pub messages: std::collections::BTreeMap<String, String>,
}

pub struct State {
    pub dir: PathBuf,
    color: bool,
    /// Held for the whole rebuild: rebuilds never overlap. The front half's results
    /// (load, validate, translations) and the rendered playbooks, kept between rebuilds.
    cache: Mutex<(FrontCache, Preview)>,
    site: RwLock<Arc<Served>>,
    /// The files of the last book-wide assembly.
    book_files: RwLock<HashSet<String>>,
    /// The languages whose book-wide files may differ from those served: changed by a
    /// rebuild since the last book-wide assembly published (None: every language). A
    /// rebuild's book-wide phase makes these only, and keeps the others' files.
    owed: Mutex<Option<BTreeSet<String>>>,
    /// True from the publication of a rebuild's playbooks to that of its book-wide
    /// pages: a request for one of those waits for it.
    assembling: watch::Sender<bool>,
    /// Counts rebuilds: the book-wide phase of an older one is not published.
    generation: AtomicU64,
    /// Held to start a rebuild and to publish a book-wide phase: once a rebuild has
    /// started, no older book-wide phase is published.
    publishing: Mutex<()>,
    status: RwLock<Status>,
    notices: broadcast::Sender<Notice>,
}

/// Files kept in memory while they belong to the latest rebuild: the book-wide phase of
/// an older one stops at its next file.
struct Superseded<'a> {
    memory: Memory,
    current: &'a (dyn Fn() -> bool + Sync),
}

impl Output for Superseded<'_> {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), String> {
        if !(self.current)() {
            return Err("superseded by a newer rebuild".to_owned());
        }
        self.memory.put(rel, bytes)
    }
}

impl State {
    pub fn new(dir: &Path, color: bool) -> State {
        let (notices, _) = broadcast::channel(16);
        State {
            dir: dir.to_path_buf(),
            color,
            cache: Mutex::new(Default::default()),
            site: RwLock::new(Arc::new(Served::new())),
            book_files: RwLock::new(HashSet::new()),
            owed: Mutex::new(None),
            assembling: watch::Sender::new(false),
            generation: AtomicU64::new(0),
            publishing: Mutex::new(()),
            status: RwLock::new(Status {
                ok: false,
                version: 0,
                diagnostics: Some("building…".to_owned()),
                messages: Default::default(),
            }),
            notices,
        }
    }

    pub fn files(&self) -> Arc<Served> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Whether a request for `path` must wait for the book-wide pages being assembled:
    /// it is one of them, or no file yet (it may become one).
    pub fn waits_for_book(&self, path: &str) -> bool {
        *self.assembling.borrow()
            && (self
                .book_files
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .contains(path)
                || !self.files().contains_key(path))
    }

    /// Tells when the book-wide pages being assembled are published.
    pub fn assembly(&self) -> watch::Receiver<bool> {
        self.assembling.subscribe()
    }

    pub fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    pub fn shut_down(&self) {
        let _ = self.notices.send(Notice::Shutdown);
    }

    /// Runs the pipeline into memory, redoing only what changed. On success the new
    /// files replace the old ones; on failure the old ones stay and the diagnostics are
    /// printed and kept. Returns once the saved playbooks' pages are published; the
    /// book-wide pages follow on a thread of their own, dropped if a newer rebuild
    /// starts meanwhile (it will assemble them again).
    /// `changes`: what changed since the last rebuild, as far as the watcher knows.
    pub fn rebuild(self: &Arc<Self>, changes: Changes) {
        let mut caches = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let (front, preview) = &mut *caches;
        let start = Instant::now();
        front.note_changes(&self.dir, changes);
        let generation = {
            let _publishing = self.publishing.lock().unwrap_or_else(|e| e.into_inner());
            self.generation.fetch_add(1, Ordering::SeqCst) + 1
        };
        let checked = match check::check_book_cached(&self.dir, front) {
            Ok(checked) => checked,
            Err(e) => return self.failed(Failure::Io(e), crate::diag::Diagnostics::new()),
        };
        // The tests read this line to see what a save checked again.
        eprintln!(
            "checked {} of {} playbooks in {} ms{}",
            checked.rechecked.len(),
            checked.playbook_files,
            start.elapsed().as_millis(),
            match checked.rechecked.as_slice() {
                files @ [_, ..] if files.len() <= 5 => format!(": {}", files.join(", ")),
                _ => String::new(),
            }
        );
        let config = front.config_hash();
        let result = preview.rebuild(checked, config, &mut |done| {
            let Published {
                files,
                removed,
                rendered,
                playbooks,
                diags,
            } = done;
            if !diags.items().is_empty() {
                eprint!("{}", crate::diag::render::human(&diags, self.color));
            }
            // Before the playbooks' files: a book-wide page asked for after them is the
            // new one.
            self.assembling.send_replace(true);
            let changed = self.publish(files, &removed);
            let mut status = self.status();
            status.ok = true;
            status.version += 1;
            status.diagnostics = None;
            self.set_status(status);
            // The notice before the line: whoever reads the line then opens the
            // reload stream sees only later notices.
            let _ = self.notices.send(Notice::Reload(Arc::new(changed)));
            // The tests and scripts/bench-serve.sh read this line: what a save
            // re-rendered, and how long it took to publish it.
            eprintln!(
                "built {} files in {} ms ({} of {playbooks} playbooks rendered{})",
                self.files().len(),
                start.elapsed().as_millis(),
                rendered.len(),
                match rendered.as_slice() {
                    [] => String::new(),
                    ids if ids.len() <= 5 => format!(": {}", ids.join(", ")),
                    _ => String::new(),
                }
            );
        });
        drop(caches);
        match result {
            Ok(mut book_wide) => {
                // What this rebuild changed adds to what the rebuilds whose book-wide
                // phase was not published changed (a newer rebuild drops it).
                let mut owed = self.owed.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(owed) = owed.as_mut() {
                    for (lang, unchanged) in book_wide.languages() {
                        if !unchanged {
                            owed.insert(lang.to_owned());
                        }
                    }
                }
                let owed = owed.clone();
                book_wide.keep(|lang| owed.as_ref().is_some_and(|o| !o.contains(lang)));
                let state = Arc::clone(self);
                let spawned = std::thread::Builder::new()
                    .name("irbook-book".to_owned())
                    .spawn(move || state.assemble(book_wide, generation, start));
                if let Err(e) = spawned {
                    self.failed(
                        Failure::Io(format!("cannot start the book-wide phase: {e}")),
                        crate::diag::Diagnostics::new(),
                    );
                }
            }
            Err((failure, diags)) => self.failed(failure, diags),
        }
    }

    /// Phase 2 of rebuild `generation`: the book-wide pages, published unless a newer
    /// rebuild started meanwhile.
    fn assemble(&self, book_wide: BookWide, generation: u64, start: Instant) {
        let book_start = Instant::now();
        let kept: Vec<String> = book_wide.kept_languages();
        let current = || self.generation.load(Ordering::SeqCst) == generation;
        let output = Superseded {
            memory: Memory::default(),
            current: &current,
        };
        let result = book_wide.run(&output);
        let _publishing = self.publishing.lock().unwrap_or_else(|e| e.into_inner());
        if !current() {
            return;
        }
        match result {
            Ok(()) => {
                let files = output.memory.into_files();
                let count = files.len();
                let mut book_files = self.book_files.write().unwrap_or_else(|e| e.into_inner());
                // The files of the languages left out stay as they are.
                let kept_file = |f: &str| kept.iter().any(|lang| of_language(f, lang));
                let removed: Vec<String> = book_files
                    .iter()
                    .filter(|f| !files.contains_key(*f) && !kept_file(f))
                    .cloned()
                    .collect();
                book_files.retain(|f| kept_file(f));
                book_files.extend(files.keys().cloned());
                drop(book_files);
                *self.owed.lock().unwrap_or_else(|e| e.into_inner()) = Some(BTreeSet::new());
                let changed = self.publish(files, &removed);
                self.assembling.send_replace(false);
                let changes = changed.len();
                let _ = self.notices.send(Notice::Reload(Arc::new(changed)));
                // scripts/bench-serve.sh reads this line.
                eprintln!(
                    "assembled {count} book-wide files in {} ms ({changes} changed; {} ms in all{})",
                    book_start.elapsed().as_millis(),
                    start.elapsed().as_millis(),
                    match kept.as_slice() {
                        [] => String::new(),
                        langs => format!("; kept as they were: {}", langs.join(", ")),
                    }
                );
            }
            Err(e) => self.failed(Failure::Io(e), crate::diag::Diagnostics::new()),
        }
    }

    /// Puts `files` in place of those served under their names and removes `removed`;
    /// returns the names whose bytes changed.
    fn publish(&self, files: Files, removed: &[String]) -> Vec<String> {
        let old = self.files();
        let changed: Vec<(String, Option<Bytes>)> = files
            .into_iter()
            .filter(|(rel, bytes)| old.get(rel).is_none_or(|b| b[..] != bytes[..]))
            .map(|(rel, bytes)| (rel, Some(Bytes::from(bytes))))
            .chain(
                removed
                    .iter()
                    .filter(|r| old.contains_key(*r))
                    .map(|r| (r.clone(), None)),
            )
            .collect();
        drop(old);
        let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
        let served = Arc::make_mut(&mut site);
        changed
            .into_iter()
            .map(|(rel, bytes)| {
                match bytes {
                    Some(b) => served.insert(rel.clone(), b),
                    None => served.remove(&rel),
                };
                rel
            })
            .collect()
    }

    /// The last good files stay; the diagnostics are printed and shown.
    fn failed(&self, failure: Failure, diags: crate::diag::Diagnostics) {
        self.assembling.send_replace(false);
        let io = match &failure {
            Failure::Io(e) => format!("error: {e}\n"),
            Failure::Content => String::new(),
        };
        let text = format!("{}{io}", crate::diag::render::human(&diags, false));
        if self.color {
            eprint!("{}{io}", crate::diag::render::human(&diags, true));
        } else {
            eprint!("{text}");
        }
        let mut status = self.status();
        status.messages = overlay_messages(&self.dir);
        status.ok = false;
        status.diagnostics = Some(text);
        // Status first, then the line: whoever reads the line (a test, a person) and
        // then asks /__irbook/status must see the failure.
        self.set_status(status);
        eprintln!("the build failed; still serving the last good version");
        let _ = self.notices.send(Notice::Broken);
    }

    fn set_status(&self, status: Status) {
        *self.status.write().unwrap_or_else(|e| e.into_inner()) = status;
    }
}

/// The overlay heading in every language of the book (English when book.toml is
/// unreadable: the overlay must still say something).
fn overlay_messages(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let languages = crate::config::read_file(&dir.join(crate::config::FILE_NAME))
        .ok()
        .and_then(|t| crate::config::parse(&t, crate::config::FILE_NAME).ok())
        .map(|c| c.languages())
        .unwrap_or_else(|| vec!["en".to_owned()]);
    let locales = dir.join("locales");
    languages
        .into_iter()
        .map(|lang| {
            let text = Ui::new(&lang, Some(&locales)).get("build-error-overlay");
            (lang, text)
        })
        .collect()
}
