//! Watching the book's sources: `book.toml`, the content folder, `locales/` and the
//! theme folder. Events are debounced (an editor's save is several events), then one
//! rebuild runs on this module's thread, never on the server's, told which paths
//! changed (so that the front half does not look at every file again), or that it
//! cannot be told (the kernel's queue overflowed, an event named no path, watching
//! failed): then every file is looked at.

use super::state::State;
use crate::check::Changes;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the sources must be quiet before a rebuild: an editor's save is several
/// events (write, rename, chmod) and one rebuild should follow them all.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// The longest a burst may delay a rebuild: under a save storm (an editor saving every
/// 50 ms, a script touching files) the quiet period never comes, and each event used to
/// restart it, so the preview rebuilt almost never.
const MAX_WAIT: Duration = Duration::from_millis(400);

/// Starts watching; the watcher lives on its own thread until the process ends.
///
/// Plain `notify` with a small debounce loop rather than a debouncer crate: the
/// debouncers drop the event kind, and a rebuild *reads* every source, which inotify
/// reports as access events — without the kind, each rebuild would trigger the next.
pub fn start(state: Arc<State>) -> notify::Result<()> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)?;
    let root = absolute(&state.dir);
    // The root itself, not recursively: book.toml, and source folders created later.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watched = BTreeSet::new();
    let mut blind = !add_watches(&mut watcher, &root, &mut watched);
    std::thread::Builder::new()
        .name("irbook-watch".to_owned())
        .spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut changes = Changes::Only(HashSet::new());
                let mut relevant = note(&root, first, &mut changes);
                drain_burst(&rx, DEBOUNCE, MAX_WAIT, |next| {
                    relevant |= note(&root, next, &mut changes);
                });
                if relevant {
                    // book.toml may name other folders, or a folder may have appeared.
                    // A source folder not watched, now or until now: its changes were
                    // not reported.
                    let was_blind = blind;
                    blind = !add_watches(&mut watcher, &root, &mut watched);
                    if was_blind || blind {
                        changes = Changes::Unknown;
                    }
                    eprintln!("change detected, rebuilding …");
                    state.rebuild(changes);
                }
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(())
}

/// Takes the events that follow one already received until `quiet` passes without any,
/// or `max_wait` has passed since the call, whichever comes first.
fn drain_burst<T>(
    rx: &mpsc::Receiver<T>,
    quiet: Duration,
    max_wait: Duration,
    mut each: impl FnMut(T),
) {
    let deadline = Instant::now() + max_wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        match rx.recv_timeout(quiet.min(left)) {
            Ok(event) => each(event),
            Err(_) => return,
        }
    }
}

/// Adds what an event changed to `changes`; returns whether it changes a source:
/// creations, writes, renames and removals count; opening and reading (as every build
/// does) do not. An event that may hide changes the watcher did not see (an overflow of
/// the kernel's queue, a failure, no path named) makes the changes unknown.
fn note(root: &Path, event: notify::Result<notify::Event>, changes: &mut Changes) -> bool {
    let event = match event {
        Ok(e) => e,
        Err(e) => {
            eprintln!("warning: watching failed: {e}; looking at every file");
            *changes = Changes::Unknown;
            return true;
        }
    };
    if event.need_rescan() {
        *changes = Changes::Unknown;
        return true;
    }
    let changing = match event.kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        // Unknown kinds (some platforms) may be changes: rebuild rather than miss one.
        EventKind::Any => true,
    };
    if !changing {
        return false;
    }
    if event.paths.is_empty() {
        *changes = Changes::Unknown;
        return true;
    }
    let mut relevant = false;
    for path in &event.paths {
        if is_source(root, path) {
            relevant = true;
            if let (Changes::Only(paths), Ok(rel)) = (&mut *changes, path.strip_prefix(root)) {
                paths.insert(rel.to_path_buf());
            }
        }
    }
    relevant
}

/// The folders whose changes matter, as configured in book.toml (defaults if it does not
/// parse: a broken book.toml is itself a change to watch).
pub fn source_dirs(root: &Path) -> Vec<PathBuf> {
    let config = crate::config::read_file(&root.join(crate::config::FILE_NAME))
        .ok()
        .and_then(|t| crate::config::parse(&t, crate::config::FILE_NAME).ok());
    let mut dirs = vec![root.join("locales")];
    match config {
        Some(c) => {
            dirs.push(root.join(&c.book.src));
            if let Some(theme) = &c.build.theme {
                dirs.push(root.join(theme));
            }
        }
        None => dirs.push(root.join("content")),
    }
    dirs
}

/// Watches the source folders not watched yet; returns whether every one that exists
/// is watched.
fn add_watches(
    watcher: &mut RecommendedWatcher,
    root: &Path,
    watched: &mut BTreeSet<PathBuf>,
) -> bool {
    let mut all = true;
    for dir in source_dirs(root) {
        if dir.is_dir() && !watched.contains(&dir) {
            match watcher.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(dir);
                }
                Err(e) => {
                    eprintln!("warning: cannot watch {}: {e}", dir.display());
                    all = false;
                }
            }
        }
    }
    all
}

/// Whether a changed path is a source of the book: book.toml, or anything under a
/// source folder. Output (`book/`) and editor litter elsewhere in the root are ignored.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if rel == Path::new(crate::config::FILE_NAME) {
        return true;
    }
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // Editors' swap and backup files are not sources.
    if name.ends_with('~') || name.ends_with(".swp") || name.starts_with(".#") {
        return false;
    }
    source_dirs(root)
        .iter()
        .any(|d| d.strip_prefix(root).is_ok_and(|d| rel.starts_with(d)))
}

fn absolute(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_storm_of_events_is_cut_at_the_maximum_wait() {
        let (tx, rx) = mpsc::channel();
        let sender = std::thread::spawn(move || {
            // One event every 20 ms for 2 s: never quiet for 120 ms.
            for i in 0..100 {
                if tx.send(i).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let start = Instant::now();
        let mut taken = 0;
        drain_burst(&rx, DEBOUNCE, MAX_WAIT, |_| taken += 1);
        let waited = start.elapsed();
        assert!(taken > 0, "no event taken");
        // Without the maximum the burst lasted as long as the storm (2 s).
        assert!(
            waited < Duration::from_millis(1200),
            "a storm delayed the rebuild {waited:?}"
        );
        drop(rx);
        sender.join().unwrap();
    }

    #[test]
    fn a_quiet_period_ends_the_burst_early() {
        let (tx, rx) = mpsc::channel::<u32>();
        tx.send(1).unwrap();
        let start = Instant::now();
        let mut taken = 0;
        drain_burst(&rx, Duration::from_millis(30), MAX_WAIT, |_| taken += 1);
        assert_eq!(taken, 1);
        assert!(start.elapsed() < MAX_WAIT, "waited for nothing");
    }

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<notify::Event> {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        Ok(e)
    }

    fn noted(events: Vec<notify::Result<notify::Event>>) -> (bool, Changes) {
        let mut changes = Changes::Only(HashSet::new());
        let mut relevant = false;
        for e in events {
            relevant |= note(Path::new("/b"), e, &mut changes);
        }
        (relevant, changes)
    }

    #[test]
    fn changes_name_the_sources_written() {
        use notify::event::{CreateKind, ModifyKind, RenameMode};
        let (relevant, changes) = noted(vec![
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/b/content/playbooks/.x.tmp", "/b/content/playbooks/x.yaml"],
            ),
            event(EventKind::Create(CreateKind::File), &["/b/book/en/x.html"]),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                &["/b/locales/fr/y.ftl"],
            ),
        ]);
        assert!(relevant);
        let names = ["content/playbooks/.x.tmp", "content/playbooks/x.yaml"];
        let expected = names.iter().map(PathBuf::from).collect::<HashSet<_>>();
        assert_eq!(changes, Changes::Only(expected));
        // Reading (as every rebuild does) and the output are not changes.
        let (relevant, _) = noted(vec![event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            &["/b/content/playbooks/x.yaml"],
        )]);
        assert!(!relevant);
    }

    /// What the watcher may have missed makes every file looked at: an overflow of the
    /// kernel's queue (a rescan), an event that names no path, a failure.
    #[test]
    fn what_may_hide_a_change_makes_the_changes_unknown() {
        use notify::event::{Flag, ModifyKind};
        let overflow = Ok(notify::Event::new(EventKind::Other).set_flag(Flag::Rescan));
        let nameless = event(EventKind::Modify(ModifyKind::Any), &[]);
        let failure = Err(notify::Error::generic("queue lost"));
        for e in [overflow, nameless, failure] {
            let written = event(
                EventKind::Modify(ModifyKind::Any),
                &["/b/content/playbooks/x.yaml"],
            );
            let (relevant, changes) = noted(vec![written, e]);
            assert!(relevant);
            assert_eq!(changes, Changes::Unknown);
        }
    }

    #[test]
    fn sources_and_others() {
        let root = Path::new("/b");
        assert!(is_source(root, Path::new("/b/book.toml")));
        assert!(is_source(root, Path::new("/b/content/playbooks/x.yaml")));
        assert!(is_source(root, Path::new("/b/locales/fr/x.ftl")));
        assert!(is_source(root, Path::new("/b/locales")));
        assert!(!is_source(root, Path::new("/b/book/en/index.html")));
        assert!(!is_source(root, Path::new("/b/content/playbooks/x.yaml~")));
        assert!(!is_source(root, Path::new("/elsewhere/book.toml")));
    }
}
