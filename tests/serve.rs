//! `irbook serve` on a copy of the shipped book: listens on 127.0.0.1 only, serves the
//! build from memory, picks up an edit, and keeps the last good pages when an edit breaks
//! the build. Only loopback addresses are used; every wait is bounded.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Kills the server when the test ends, however it ends.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// The server's stderr, line by line (held so that the reader thread keeps draining it).
    log: mpsc::Receiver<String>,
    /// Lines read while waiting for the address, not yet looked at.
    early: std::cell::RefCell<std::collections::VecDeque<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0"])
        .arg(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start irbook serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = String::new();
    let mut early = std::collections::VecDeque::new();
    let addr = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = match rx.recv_timeout(left) {
            Ok(l) => l,
            Err(_) => {
                let _ = child.kill();
                panic!("serve printed no URL within 60 s:\n{seen}");
            }
        };
        seen.push_str(&line);
        seen.push('\n');
        early.push_back(line.clone());
        if let Some(rest) = line.split("serving http://").nth(1) {
            let host_port = rest.split('/').next().unwrap_or_default();
            break host_port.parse::<SocketAddr>().expect("an address");
        }
    };
    Server {
        child,
        addr,
        log: rx,
        early: std::cell::RefCell::new(early),
    }
}

impl Server {
    /// The next line of the server's log for which `wanted` holds, within `limit`.
    fn wait_for_line(&self, limit: Duration, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + limit;
        let mut seen = String::new();
        while let Some(line) = self.early.borrow_mut().pop_front() {
            if wanted(&line) {
                return line;
            }
            seen.push_str(&line);
            seen.push('\n');
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                }
                Err(_) => panic!("no such line within {limit:?}; the log said:\n{seen}"),
            }
        }
    }
}

/// A plain HTTP/1.1 GET (no client crate needed): (status, body).
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Polls `check` every 100 ms for at most `limit`.
fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    check()
}

/// The local addresses of listening TCP sockets on `port`, from /proc (Linux).
fn listening_addresses(port: u16) -> Option<Vec<String>> {
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
            let (Some(local), Some(state)) = (cols.get(1), cols.get(3)) else {
                continue;
            };
            if *state != "0A" {
                continue;
            }
            if let Some((ip, p)) = local.split_once(':') {
                if u16::from_str_radix(p, 16).ok() == Some(port) {
                    found.push(ip.to_owned());
                }
            }
        }
    }
    Path::new("/proc/net/tcp").exists().then_some(found)
}

const PAGE: &str = "/markdown/en/src/amazon-q.md";

#[test]
fn serves_edits_and_keeps_last_good_pages() {
    let book = shipped_book();
    let server = start(book.path());

    // Loopback only: the printed address, and the socket the kernel lists.
    assert!(server.addr.ip().is_loopback(), "bound to {}", server.addr);
    assert_eq!(server.addr.ip().to_string(), "127.0.0.1");
    if let Some(addrs) = listening_addresses(server.addr.port()) {
        // 0100007F is 127.0.0.1 in /proc's little-endian hex; 00000000 would be 0.0.0.0.
        assert_eq!(addrs, vec!["0100007F".to_owned()], "listening on {addrs:?}");
    }

    let (code, body) = get(server.addr, PAGE);
    assert_eq!(code, 200, "{body}");
    assert!(
        body.starts_with("# Responding to Amazon Q security events"),
        "{body}"
    );
    let (code, js) = get(server.addr, "/__irbook/reload.js");
    assert_eq!(code, 200);
    assert!(js.contains("EventSource") && !js.contains("innerHTML"));
    // HTML pages, when the book has them, carry the reload script only as served.
    let (code, html) = get(server.addr, "/en/amazon-q.html");
    if code == 200 {
        assert!(html.contains("<script src=\"/__irbook/reload.js\" defer></script></body>"));
    }

    // An edit is served within a few seconds.
    let yaml = amazon_q(book.path());
    edit(
        &yaml,
        "title: Responding to Amazon Q security events",
        "title: Responding to Amazon Q events, edited live",
    );
    assert!(
        eventually(Duration::from_secs(5), || get(server.addr, PAGE)
            .1
            .starts_with("# Responding to Amazon Q events, edited live")),
        "the edit was not served within 5 s"
    );
    let (_, status) = get(server.addr, "/__irbook/status");
    assert!(status.contains("\"ok\":true"), "{status}");

    // A broken edit: the last good page stays, the status carries the diagnostics.
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}\nsteps: [unclosed\n")).unwrap();
    assert!(
        eventually(Duration::from_secs(5), || get(
            server.addr,
            "/__irbook/status"
        )
        .1
        .contains("\"ok\":false")),
        "the failure was not reported within 5 s"
    );
    let (_, status) = get(server.addr, "/__irbook/status");
    assert!(status.contains("amazon-q.yaml"), "{status}");
    let (code, body) = get(server.addr, PAGE);
    assert_eq!(code, 200);
    assert!(body.starts_with("# Responding to Amazon Q events, edited live"));

    // Nothing was written to the output folder.
    assert!(!book.path().join("book").exists());
}

#[test]
fn refuses_paths_outside_the_output() {
    let book = shipped_book();
    let server = start(book.path());
    for path in ["/../book.toml", "/%2e%2e/book.toml", "/markdown//en"] {
        let (code, _) = get(server.addr, path);
        assert_eq!(code, 404, "{path}");
    }
}

/// A raw request with the given head lines: the status code, 0 when none came back
/// (refused, closed, timed out).
fn status_of(addr: SocketAddr, head: &str) -> u16 {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(5)) else {
        return 0;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    if s.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// DNS rebinding: a page of `evil.example` whose name now points at 127.0.0.1 sends its
/// own name as `Host`. Before, any Host was answered.
#[test]
fn answers_only_requests_for_the_loopback_address() {
    let book = shipped_book();
    let server = start(book.path());
    let port = server.addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let head = format!("GET {PAGE} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(status_of(server.addr, &head), 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "localhost".to_owned(),
    ] {
        for path in [PAGE, "/__irbook/status", "/__irbook/events"] {
            let head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            assert_eq!(status_of(server.addr, &head), 421, "{host} {path}");
        }
    }
    // An absolute request target naming another host, and HTTP/1.0 without a Host.
    let head = format!(
        "GET http://evil.example{PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(status_of(server.addr, &head), 421);
    assert_eq!(
        status_of(server.addr, &format!("GET {PAGE} HTTP/1.0\r\n\r\n")),
        421
    );
}

/// A client that connects and sends nothing, or half a header, is closed after the
/// header-read timeout (5 s). Before, such a connection stayed open forever.
#[test]
fn idle_and_slow_clients_are_closed() {
    let book = shipped_book();
    let server = start(book.path());
    let idle = TcpStream::connect(server.addr).unwrap();
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let start = Instant::now();
    for mut s in [idle, slow] {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut buf = [0u8; 64];
        let read = s.read(&mut buf);
        assert!(
            matches!(read, Ok(0))
                || read.is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
            "the connection was not closed by the server"
        );
    }
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "closed only after {:?}",
        start.elapsed()
    );
}

/// The open descriptors of a process (Linux).
fn open_files(pid: u32) -> Option<usize> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .ok()
        .map(|d| d.count())
}

/// 400 idle sockets: the server holds at most its cap of connections open (before, one
/// descriptor each, until its file limit ran out and it answered nothing), and answers
/// a real request again within the header-read timeout.
#[test]
fn many_idle_connections_cannot_take_it_down() {
    let book = shipped_book();
    let server = start(book.path());
    let pid = server.child.id();
    let before = open_files(pid);
    let idle: Vec<TcpStream> = (0..400)
        .filter_map(|_| TcpStream::connect(server.addr).ok())
        .collect();
    assert!(idle.len() > 300, "could not open the idle sockets");
    std::thread::sleep(Duration::from_millis(500));
    if let (Some(before), Some(now)) = (before, open_files(pid)) {
        assert!(
            now < before + 128 + 16,
            "the server holds {now} descriptors ({before} before the idle sockets)"
        );
    }
    let head = format!(
        "GET {PAGE} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    assert!(
        eventually(Duration::from_secs(15), || status_of(server.addr, &head)
            == 200),
        "the server did not answer again"
    );
    drop(idle);
}

/// An edit every 50 ms for 4 s: the quiet period never comes, yet the preview rebuilds
/// during the storm (at most 400 ms after a change, plus the build). Before, each event
/// restarted the wait and nothing was rebuilt until the storm ended.
#[test]
fn a_save_storm_still_rebuilds() {
    let book = shipped_book();
    let server = start(book.path());
    let version = |addr| -> u64 {
        let (_, body) = get(addr, "/__irbook/status");
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["version"].as_u64())
            .unwrap_or(0)
    };
    assert!(eventually(Duration::from_secs(30), || version(server.addr) >= 1));
    let first = version(server.addr);
    let yaml = amazon_q(book.path());
    let text = std::fs::read_to_string(&yaml).unwrap();
    let storm = Instant::now();
    let mut seen = first;
    let mut i = 0;
    while storm.elapsed() < Duration::from_secs(4) {
        std::fs::write(&yaml, format!("{text}\n# save {i}\n")).unwrap();
        i += 1;
        seen = seen.max(version(server.addr));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        seen > first,
        "no rebuild during a 4 s storm of {i} saves (version stayed {first})"
    );
}

/// A save re-renders only the playbook saved (then the book-wide pages); a change to
/// what every page shares (ui.ftl) re-renders every playbook.
#[test]
fn a_save_re_renders_only_the_playbook_saved() {
    let book = shipped_book();
    let yaml = std::fs::read_to_string(amazon_q(book.path())).unwrap();
    for id in ["copy-a", "copy-b"] {
        std::fs::write(
            book.path().join(format!("content/playbooks/{id}.yaml")),
            yaml.replace("id: amazon-q", &format!("id: {id}")),
        )
        .unwrap();
    }
    let server = start(book.path());
    let built = |line: &str| line.starts_with("built ");
    let first = server.wait_for_line(Duration::from_secs(60), built);
    assert!(first.contains("(3 of 3 playbooks rendered"), "{first}");

    retitle_copy_a(&server, book.path(), "Copy A, edited");
    let (code, page) = get(server.addr, "/markdown/en/src/copy-a.md");
    assert_eq!(code, 200);
    assert!(page.starts_with("# Copy A, edited"), "{page}");
    // The book-wide pages are assembled again: the list shows the new title.
    let (_, summary) = get(server.addr, "/markdown/en/src/SUMMARY.md");
    assert!(summary.contains("Copy A, edited"), "{summary}");
    // The others are served as before.
    let (_, other) = get(server.addr, "/markdown/en/src/copy-b.md");
    assert!(
        other.starts_with("# Responding to Amazon Q security events"),
        "{other}"
    );

    // The interface strings are an input of every page.
    edit(
        &book.path().join("locales/en/ui.ftl"),
        "table-of-contents = Contents",
        "table-of-contents = In this playbook",
    );
    let line = server.wait_for_line(Duration::from_secs(30), built);
    assert!(line.contains("(3 of 3 playbooks rendered"), "{line}");
}

/// The front half too (load, validate, translations) runs again only for the playbook
/// whose files changed: its YAML, or its translation (even one that did not exist);
/// what the others reported is still reported; a change to book.toml re-checks all.
#[test]
fn a_save_re_checks_only_the_playbook_saved() {
    let book = shipped_book();
    let yaml = std::fs::read_to_string(amazon_q(book.path())).unwrap();
    let ftl = std::fs::read_to_string(book.path().join("locales/fr/amazon-q.ftl")).unwrap();
    for id in ["copy-a", "copy-b"] {
        std::fs::write(
            book.path().join(format!("content/playbooks/{id}.yaml")),
            yaml.replace("id: amazon-q", &format!("id: {id}")),
        )
        .unwrap();
    }
    // copy-b has a French translation, with one message that translates nothing.
    let copy_b_ftl = book.path().join("locales/fr/copy-b.ftl");
    std::fs::write(
        &copy_b_ftl,
        format!(
            "{}\ncopy-b-gone = Disparu\n",
            ftl.replace("\namazon-q-", "\ncopy-b-")
        ),
    )
    .unwrap();
    let server = start(book.path());
    let checked = |line: &str| line.starts_with("checked ");
    let obsolete =
        |line: &str| line.contains("`copy-b-gone` translates a text that no longer exists");
    let first = server.wait_for_line(Duration::from_secs(60), checked);
    assert!(first.starts_with("checked 3 of 3 playbooks"), "{first}");
    server.wait_for_line(Duration::from_secs(60), obsolete);

    // A playbook's YAML: that playbook only; copy-b's warning comes from the cache.
    edit(
        &book.path().join("content/playbooks/copy-a.yaml"),
        "title: Responding to Amazon Q security events",
        "title: Copy A, edited",
    );
    wait_for_one_recheck(&server, "content/playbooks/copy-a.yaml");
    server.wait_for_line(Duration::from_secs(30), obsolete);

    // A playbook's translation: that playbook only, and the page shows the new text.
    edit(
        &copy_b_ftl,
        "copy-b-title = Réagir aux événements de sécurité impliquant Amazon Q",
        "copy-b-title = Copie B, traduite",
    );
    wait_for_one_recheck(&server, "content/playbooks/copy-b.yaml");
    server.wait_for_line(Duration::from_secs(30), |l| l.starts_with("built "));
    let (code, page) = get(server.addr, "/markdown/fr/src/copy-b.md");
    assert_eq!(code, 200);
    assert!(page.starts_with("# Copie B, traduite"), "{page}");

    // A translation that did not exist when the playbook was last checked.
    std::fs::write(
        book.path().join("locales/fr/copy-a.ftl"),
        "copy-a-title = Copie A\n",
    )
    .unwrap();
    wait_for_one_recheck(&server, "content/playbooks/copy-a.yaml");

    // book.toml is an input of every playbook's check.
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n# edited\n")).unwrap();
    let line = server.wait_for_line(Duration::from_secs(30), checked);
    assert!(line.starts_with("checked 3 of 3 playbooks"), "{line}");
}

/// Issue 14: a save of a deeply nested Fluent file killed the server (the parser
/// overflowed the watcher thread's stack). Now the server keeps running, keeps the last
/// good pages, shows the diagnostic, and recovers when the file is fixed; the same for
/// the interface strings (ui.ftl), which the overlay reads too.
#[test]
fn a_deeply_nested_fluent_save_is_a_diagnostic_not_a_crash() {
    let book = shipped_book();
    let mut server = start(book.path());
    let built = |line: &str| line.starts_with("built ");
    server.wait_for_line(Duration::from_secs(60), built);
    let status = |addr| -> serde_json::Value {
        serde_json::from_str(&get(addr, "/__irbook/status").1).unwrap_or_default()
    };
    for file in ["locales/fr/amazon-q.ftl", "locales/fr/ui.ftl"] {
        let path = book.path().join(file);
        let good = std::fs::read(&path).unwrap();
        let version = status(server.addr)["version"].as_u64().unwrap();
        std::fs::write(&path, deeply_nested_ftl()).unwrap();
        server.wait_for_line(Duration::from_secs(30), |l| l.contains("the build failed"));
        assert!(
            server.child.try_wait().unwrap().is_none(),
            "the server died after a save of {file}"
        );
        // The line is printed just before the status is set: give it a moment.
        assert!(
            eventually(Duration::from_secs(5), || status(server.addr)["ok"]
                == false),
            "{file}: the status never said the build failed"
        );
        let broken = status(server.addr);
        let shown = broken["diagnostics"].as_str().unwrap_or_default();
        assert!(
            shown.contains("E0105") && shown.contains(file),
            "{file}: {shown}"
        );
        let (code, page) = get(server.addr, PAGE);
        assert_eq!(code, 200);
        assert!(page.starts_with("# Responding to Amazon Q security events"));

        std::fs::write(&path, good).unwrap();
        server.wait_for_line(Duration::from_secs(30), built);
        let fixed = status(server.addr);
        assert_eq!(fixed["ok"], true, "{fixed}");
        assert!(fixed["version"].as_u64().unwrap() > version, "{fixed}");
    }
}

/// A book of three copies of the shipped playbook: amazon-q, copy-a and copy-b.
fn book_of_three() -> tempfile::TempDir {
    let book = shipped_book();
    let yaml = std::fs::read_to_string(amazon_q(book.path())).unwrap();
    for id in ["copy-a", "copy-b"] {
        std::fs::write(
            book.path().join(format!("content/playbooks/{id}.yaml")),
            yaml.replace("id: amazon-q", &format!("id: {id}")),
        )
        .unwrap();
    }
    book
}

/// Waits for the next "checked …" line, and asserts that it re-checked `file` alone, of
/// the three playbooks of `book_of_three`.
fn wait_for_one_recheck(server: &Server, file: &str) {
    let line = server.wait_for_line(Duration::from_secs(30), |l| l.starts_with("checked "));
    assert!(
        line.starts_with("checked 1 of 3 playbooks") && line.ends_with(&format!(": {file}")),
        "{line}"
    );
}

/// Gives copy-a of `book_of_three` a new title, and waits for the rebuild that follows,
/// which renders copy-a alone.
fn retitle_copy_a(server: &Server, book: &Path, title: &str) {
    edit(
        &book.join("content/playbooks/copy-a.yaml"),
        "title: Responding to Amazon Q security events",
        &format!("title: {title}"),
    );
    let line = server.wait_for_line(Duration::from_secs(30), |l| l.starts_with("built "));
    assert!(
        line.contains("(1 of 3 playbooks rendered: copy-a)"),
        "{line}"
    );
}

/// A change to a French `.ftl` file renders again only the playbooks that read one of
/// its messages, whichever file it is: a playbook's own file, one created after the
/// first build, or a file its translation refers to (`{ common-name }`), which belongs
/// to no playbook and so re-checks none. The French pages show the new text.
#[test]
fn a_french_save_re_renders_only_the_playbooks_that_read_it() {
    let book = book_of_three();
    let fr = book.path().join("locales/fr");
    std::fs::write(fr.join("copy-a.ftl"), "copy-a-title = { common-name } A\n").unwrap();
    std::fs::write(fr.join("common.ftl"), "common-name = Nom commun\n").unwrap();
    let server = start(book.path());
    let built = |line: &str| line.starts_with("built ");
    let first = server.wait_for_line(Duration::from_secs(60), built);
    assert!(first.contains("(3 of 3 playbooks rendered"), "{first}");
    let (_, page) = get(server.addr, "/markdown/fr/src/copy-a.md");
    assert!(page.starts_with("# Nom commun A"), "{page}");

    // A file of no playbook, read by copy-a's title through a reference.
    edit(&fr.join("common.ftl"), "Nom commun", "Nom partagé");
    let checked = server.wait_for_line(Duration::from_secs(30), |l| l.starts_with("checked "));
    assert!(checked.starts_with("checked 0 of 3 playbooks"), "{checked}");
    let line = server.wait_for_line(Duration::from_secs(30), built);
    assert!(
        line.contains("(1 of 3 playbooks rendered: copy-a)"),
        "{line}"
    );
    let (_, page) = get(server.addr, "/markdown/fr/src/copy-a.md");
    assert!(page.starts_with("# Nom partagé A"), "{page}");

    // A playbook's own file, created now: it read the message (then missing) already.
    std::fs::write(fr.join("copy-b.ftl"), "copy-b-title = Copie B\n").unwrap();
    let line = server.wait_for_line(Duration::from_secs(30), built);
    assert!(
        line.contains("(1 of 3 playbooks rendered: copy-b)"),
        "{line}"
    );
    let (_, page) = get(server.addr, "/markdown/fr/src/copy-b.md");
    assert!(page.starts_with("# Copie B"), "{page}");

    // An existing playbook's own file.
    edit(
        &fr.join("amazon-q.ftl"),
        "amazon-q-title = Réagir aux événements de sécurité impliquant Amazon Q",
        "amazon-q-title = Amazon Q, retraduit",
    );
    let line = server.wait_for_line(Duration::from_secs(30), built);
    assert!(
        line.contains("(1 of 3 playbooks rendered: amazon-q)"),
        "{line}"
    );
    let (_, page) = get(server.addr, "/markdown/fr/src/amazon-q.md");
    assert!(page.starts_with("# Amazon Q, retraduit"), "{page}");
    // The French book-wide pages list it by its new title.
    let (_, summary) = get(server.addr, "/markdown/fr/src/SUMMARY.md");
    assert!(summary.contains("Amazon Q, retraduit"), "{summary}");
}

/// The reload stream, event by event: `(event, data)`.
fn reload_events(addr: SocketAddr) -> mpsc::Receiver<(String, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    write!(
        s,
        "GET /__irbook/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    // The server subscribes the stream before it answers: once the status line is
    // here, no later notice is missed.
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut reader = BufReader::new(s);
    let mut status = String::new();
    reader
        .read_line(&mut status)
        .expect("the stream's status line");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in reader.lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event:") {
                event = name.trim().to_owned();
            } else if let Some(data) = line.strip_prefix("data:") {
                if tx.send((event.clone(), data.trim().to_owned())).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

/// A save publishes the saved playbook's pages first, then the book-wide pages; each
/// reload notice lists the files that changed, so that only the pages showing one of
/// them reload: not the other playbooks' pages. A book-wide page asked for between the
/// two phases is the new one.
#[test]
fn a_save_reloads_only_the_pages_that_changed() {
    let book = book_of_three();
    let server = start(book.path());
    server.wait_for_line(Duration::from_secs(60), |l| l.starts_with("assembled "));
    let events = reload_events(server.addr);

    retitle_copy_a(&server, book.path(), "Copy A, reloaded");
    // Asked for at once: waits for the book-wide phase, then shows the new title.
    let (code, summary) = get(server.addr, "/markdown/en/src/SUMMARY.md");
    assert_eq!(code, 200);
    assert!(summary.contains("Copy A, reloaded"), "{summary}");
    let (code, index) = get(server.addr, "/en/index.html");
    if code == 200 {
        assert!(index.contains("Copy A, reloaded"), "{index}");
    }

    let next = |what: &str| {
        let (event, data) = events
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no {what} notice"));
        assert_eq!(event, "reload", "{data}");
        let files: Vec<String> = serde_json::from_str(&data).expect("a list of files");
        files
    };
    let playbook = next("playbook");
    assert!(
        playbook.iter().any(|f| f == "markdown/en/src/copy-a.md"),
        "{playbook:?}"
    );
    assert!(
        !playbook
            .iter()
            .any(|f| f.contains("copy-b") || f.contains("amazon-q")),
        "other playbooks' pages reload: {playbook:?}"
    );
    let book_wide = next("book-wide");
    assert!(
        book_wide.iter().any(|f| f == "markdown/en/src/SUMMARY.md"),
        "{book_wide:?}"
    );
    assert!(
        !book_wide
            .iter()
            .any(|f| f.contains("copy-b") || f.contains("amazon-q")),
        "{book_wide:?}"
    );
}

/// A playbook deleted while the preview runs is no longer served, nor listed by the
/// book-wide pages; the others are not rendered again. Restored, it is served again.
#[test]
fn a_deleted_playbook_is_no_longer_served() {
    let book = book_of_three();
    let server = start(book.path());
    let built = |line: &str| line.starts_with("built ");
    server.wait_for_line(Duration::from_secs(60), built);
    let (code, _) = get(server.addr, "/markdown/en/src/copy-b.md");
    assert_eq!(code, 200);
    let (_, summary) = get(server.addr, "/markdown/en/src/SUMMARY.md");
    assert!(summary.contains("copy-b.md"), "{summary}");

    let yaml = book.path().join("content/playbooks/copy-b.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::remove_file(&yaml).unwrap();
    let line = server.wait_for_line(Duration::from_secs(30), built);
    assert!(line.contains("(0 of 2 playbooks rendered)"), "{line}");
    let (code, _) = get(server.addr, "/markdown/en/src/copy-b.md");
    assert_eq!(code, 404);
    let (_, summary) = get(server.addr, "/markdown/en/src/SUMMARY.md");
    assert!(!summary.contains("copy-b.md"), "{summary}");
    assert!(summary.contains("copy-a.md"), "{summary}");

    std::fs::write(&yaml, text).unwrap();
    let line = server.wait_for_line(Duration::from_secs(30), built);
    assert!(
        line.contains("(1 of 3 playbooks rendered: copy-b)"),
        "{line}"
    );
    let (code, _) = get(server.addr, "/markdown/en/src/copy-b.md");
    assert_eq!(code, 200);
}

/// The front half trusts the watcher to say which files changed: a save that an editor
/// writes to another file and renames over the playbook is re-checked; a playbook
/// renamed is checked under its new name and served; saves while a rebuild runs are all
/// seen.
#[test]
fn saves_by_rename_and_during_a_rebuild_are_re_checked() {
    let book = book_of_three();
    let server = start(book.path());
    let built = |line: &str| line.starts_with("built ");
    server.wait_for_line(Duration::from_secs(60), built);
    let playbooks = book.path().join("content/playbooks");

    // Written aside, then renamed over (vim's and most editors' safe save).
    let copy_a = playbooks.join("copy-a.yaml");
    let text = std::fs::read_to_string(&copy_a).unwrap();
    let aside = playbooks.join(".copy-a.yaml.tmp");
    std::fs::write(
        &aside,
        text.replace(
            "title: Responding to Amazon Q security events",
            "title: Copy A, renamed over",
        ),
    )
    .unwrap();
    std::fs::rename(&aside, &copy_a).unwrap();
    wait_for_one_recheck(&server, "content/playbooks/copy-a.yaml");
    server.wait_for_line(Duration::from_secs(30), built);
    let (_, page) = get(server.addr, "/markdown/en/src/copy-a.md");
    assert!(page.starts_with("# Copy A, renamed over"), "{page}");

    // Renamed: checked under its new name (same id), served as before.
    std::fs::rename(playbooks.join("copy-b.yaml"), playbooks.join("copy-b.yml")).unwrap();
    wait_for_one_recheck(&server, "content/playbooks/copy-b.yml");
    let (code, _) = get(server.addr, "/markdown/en/src/copy-b.md");
    assert_eq!(code, 200);

    // Two saves a little apart: the second lands while the first one's rebuild runs
    // (or just after); either way both are shown in the end.
    edit(
        &copy_a,
        "title: Copy A, renamed over",
        "title: Copy A, saved first",
    );
    std::thread::sleep(Duration::from_millis(150));
    edit(
        &playbooks.join("copy-b.yml"),
        "title: Responding to Amazon Q security events",
        "title: Copy B, saved next",
    );
    let shows = |path: &str, title: &str| get(server.addr, path).1.starts_with(title);
    assert!(
        eventually(Duration::from_secs(30), || shows(
            "/markdown/en/src/copy-a.md",
            "# Copy A, saved first"
        ) && shows(
            "/markdown/en/src/copy-b.md",
            "# Copy B, saved next"
        )),
        "a save was lost"
    );
}

/// Every file `irbook build` writes for the book in `dir` is served with the same bytes
/// (HTML pages carry the reload script, and leave to connect to it, only as served).
fn assert_serves_a_fresh_build(server: &Server, dir: &Path) {
    let out = tempfile::tempdir().unwrap();
    let built = irbook(
        dir,
        &["build", "--quiet", "-d", out.path().to_str().unwrap()],
    );
    assert!(built.status.success(), "{built:?}");
    let mut files = Vec::new();
    let mut dirs = vec![out.path().to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            match path.is_dir() {
                true => dirs.push(path),
                false => files.push(path),
            }
        }
    }
    assert!(files.len() > 20, "{} files built", files.len());
    let script = "<script src=\"/__irbook/reload.js\" defer></script>";
    let csp = "connect-src 'self'; ";
    for file in files {
        let rel = file.strip_prefix(out.path()).unwrap().to_str().unwrap();
        // The build's mark on its folder is not a page.
        if rel == ".irbook-output" {
            continue;
        }
        let (code, body) = get(server.addr, &format!("/{rel}"));
        assert_eq!(code, 200, "{rel}");
        let wanted = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        let body = body.replace(script, "").replace(csp, "");
        assert!(body == wanted, "{rel} differs from a fresh build");
    }
}

/// A save makes again the book-wide files (indexes, search, print pages, the Markdown
/// book's lists) of the languages it may change only. A new English title of a playbook
/// translated into French changes the French files once (the translation is then marked
/// outdated); another one leaves them as they were, while the English ones are made
/// again; a new French title makes them again, and leaves the English ones. Each time the files served are those a
/// fresh build writes.
#[test]
fn a_save_remakes_the_book_wide_files_of_the_languages_it_changes_only() {
    let book = book_of_three();
    let server = start(book.path());
    let assembled = |l: &str| l.starts_with("assembled ");
    let first = server.wait_for_line(Duration::from_secs(60), assembled);
    assert!(!first.contains("kept"), "{first}");
    let retitle = |from: &str, to: &str| {
        edit(
            &amazon_q(book.path()),
            &format!("title: {from}"),
            &format!("title: {to}"),
        );
        server.wait_for_line(Duration::from_secs(30), assembled)
    };

    let line = retitle("Responding to Amazon Q security events", "Amazon Q, first");
    assert!(!line.contains("kept"), "{line}");
    let (_, fr_summary) = get(server.addr, "/markdown/fr/src/SUMMARY.md");
    let (_, fr_index) = get(server.addr, "/fr/index.html");
    let line = retitle("Amazon Q, first", "Amazon Q, second");
    assert!(line.ends_with("; kept as they were: fr)"), "{line}");
    let (_, summary) = get(server.addr, "/markdown/en/src/SUMMARY.md");
    assert!(summary.contains("Amazon Q, second"), "{summary}");
    assert_eq!(
        get(server.addr, "/markdown/fr/src/SUMMARY.md").1,
        fr_summary
    );
    assert_eq!(get(server.addr, "/fr/index.html").1, fr_index);
    assert_serves_a_fresh_build(&server, book.path());

    // The French title of that playbook: the French files are made again (and the
    // English ones kept).
    edit(
        &book.path().join("locales/fr/amazon-q.ftl"),
        "amazon-q-title = Réagir aux événements de sécurité impliquant Amazon Q",
        "amazon-q-title = Amazon Q, en français",
    );
    let line = server.wait_for_line(Duration::from_secs(30), assembled);
    assert!(line.ends_with("; kept as they were: en)"), "{line}");
    let (_, summary) = get(server.addr, "/markdown/fr/src/SUMMARY.md");
    assert!(summary.contains("Amazon Q, en français"), "{summary}");
    assert_serves_a_fresh_build(&server, book.path());

    // An English title again: the French files made last time are kept.
    let line = retitle("Amazon Q, second", "Amazon Q, third");
    assert!(line.ends_with("; kept as they were: fr)"), "{line}");
    assert_serves_a_fresh_build(&server, book.path());
}
