//! What the preview serves: the last good build, held in memory, and the state of the
//! latest attempt. Rebuilds replace it whole; readers clone an `Arc` and never wait for
//! a build. The per-playbook results are kept between rebuilds (`build::Cache`), so a
//! save renders again only the playbooks whose inputs changed, then the book-wide pages.

use crate::build::{self, Failure};
use crate::check::{self, FrontCache};
use crate::i18n::ui::Ui;
use crate::render::Files;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;

/// What open pages are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A new good build: reload.
    Reload,
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
    cache: Mutex<(FrontCache, build::Cache)>,
    site: RwLock<Arc<Files>>,
    status: RwLock<Status>,
    notices: broadcast::Sender<Notice>,
}

impl State {
    pub fn new(dir: &Path, color: bool) -> State {
        let (notices, _) = broadcast::channel(16);
        State {
            dir: dir.to_path_buf(),
            color,
            cache: Mutex::new(Default::default()),
            site: RwLock::new(Arc::new(Files::new())),
            status: RwLock::new(Status {
                ok: false,
                version: 0,
                diagnostics: Some("building…".to_owned()),
                messages: Default::default(),
            }),
            notices,
        }
    }

    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
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

    /// Runs the whole pipeline into memory. On success the new files replace the old
    /// ones; on failure the old ones stay and the diagnostics are printed and kept.
    pub fn rebuild(&self) {
        let mut caches = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let (front, cache) = &mut *caches;
        let start = Instant::now();
        let result = match check::check_book_cached(&self.dir, front) {
            Ok(checked) => {
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
                build::render_checked(checked, Some(cache))
            }
            Err(e) => Err((Failure::Io(e), crate::diag::Diagnostics::new())),
        };
        let mut status = self.status();
        status.messages = overlay_messages(&self.dir);
        match result {
            Ok(build::Rendered {
                files,
                diags,
                rendered,
                playbooks,
                ..
            }) => {
                if !diags.items().is_empty() {
                    eprint!("{}", crate::diag::render::human(&diags, self.color));
                }
                let count = files.len();
                *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
                status.ok = true;
                status.version += 1;
                status.diagnostics = None;
                self.set_status(status);
                // The tests read this line to see what a save re-rendered.
                eprintln!(
                    "built {count} files in {} ms ({} of {playbooks} playbooks rendered{})",
                    start.elapsed().as_millis(),
                    rendered.len(),
                    match rendered.as_slice() {
                        [] => String::new(),
                        ids if ids.len() <= 5 => format!(": {}", ids.join(", ")),
                        _ => String::new(),
                    }
                );
                let _ = self.notices.send(Notice::Reload);
            }
            Err((failure, diags)) => {
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
                status.ok = false;
                status.diagnostics = Some(text);
                // Status first, then the line: whoever reads the line (a test, a person)
                // and then asks /__irbook/status must see the failure.
                self.set_status(status);
                eprintln!("the build failed; still serving the last good version");
                let _ = self.notices.send(Notice::Broken);
            }
        }
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
