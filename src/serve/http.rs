//! The preview's HTTP side: the built files from memory, and three routes of its own
//! under `/__irbook/` (a name no book output uses).
//!
//! Listening on loopback is not enough for a preview: a web page the writer visits can
//! point its own domain name at 127.0.0.1 (DNS rebinding) and read the preview, so only
//! requests whose `Host` names the loopback address and our port are answered. An idle or
//! slow client is closed after a few seconds, and the number of open connections is
//! capped, so that a few hundred idle sockets cannot take the preview down.

use super::state::{Notice, State};
use axum::body::Bytes;
use axum::extract::{Request, State as Shared};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

pub const RELOAD_JS: &str = include_str!("reload.js");
const SCRIPT_TAG: &str = "<script src=\"/__irbook/reload.js\" defer></script>";

/// How long a client may take to send a request's headers, counted from the moment the
/// server waits for them: a new connection, or a kept-alive one between requests. So it
/// is also the idle timeout (an open reload stream is not idle: the server writes to it).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Open connections at most. A browser opens six per host and one reload stream per tab;
/// beyond this, new connections are closed at once until old ones end.
pub const MAX_CONNECTIONS: usize = 128;

pub fn router(state: Arc<State>, port: u16) -> Router {
    Router::new()
        .route("/__irbook/reload.js", get(reload_js))
        .route("/__irbook/events", get(events))
        .route("/__irbook/status", get(status))
        .fallback(get(page))
        .with_state(state)
        .layer(middleware::from_fn_with_state(port, only_loopback_hosts))
}

/// Accepts connections until `stop` resolves, each served with the timeouts above.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    stop: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a little, keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => return,
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            drop(stream); // full: close at once rather than queue behind idle sockets
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// Answers only requests addressed to the loopback address on our port (421 otherwise).
async fn only_loopback_hosts(Shared(port): Shared<u16>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let authority = request.uri().authority().map(|a| a.as_str());
    let ok = host.is_some_and(|h| is_loopback_host(h, port))
        && authority.is_none_or(|a| is_loopback_host(a, port));
    if ok {
        return next.run(request).await;
    }
    let mut r = (
        StatusCode::MISDIRECTED_REQUEST,
        "irbook serve answers only requests for 127.0.0.1, localhost or [::1] on its port\n",
    )
        .into_response();
    no_cache(&mut r);
    r
}

/// Whether a `Host` value (`name[:port]`) names the loopback address and `port`. A
/// missing port means 80.
pub fn is_loopback_host(value: &str, port: u16) -> bool {
    let (name, given) = match value.rsplit_once(':') {
        // `[::1]` alone: the colon is inside the brackets.
        Some((name, p)) if !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (value, Some(80)),
    };
    given == Some(port)
        && matches!(
            name.to_ascii_lowercase().as_str(),
            "127.0.0.1" | "localhost" | "[::1]"
        )
}

async fn reload_js() -> Response {
    with_type(
        "text/javascript; charset=utf-8",
        RELOAD_JS.as_bytes().to_vec(),
    )
}

async fn status(Shared(state): Shared<Arc<State>>) -> Response {
    let body = serde_json::to_vec(&state.status()).unwrap_or_else(|_| b"{}".to_vec());
    with_type("application/json", body)
}

/// Server-Sent Events: `reload` after a good build (its data: the changed files, as a
/// JSON array, or `*` for many), `broken` after a failed one.
async fn events(
    Shared(state): Shared<Arc<State>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.subscribe();
    let stream = stream::unfold(rx, |mut rx| async move {
        let (name, data) = match rx.recv().await {
            Ok(Notice::Reload(changed)) => ("reload", reload_data(&changed)),
            Ok(Notice::Broken) => ("broken", "broken".to_owned()),
            Ok(Notice::Shutdown) | Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                return None
            }
            // Missed notices: the page only needs the latest state, so reload.
            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => ("reload", "*".to_owned()),
        };
        Some((Ok(Event::default().event(name).data(data)), rx))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Beyond this many changed files a reload notice says "every page" (`*`).
const LISTED_CHANGES: usize = 500;

/// The data of a reload notice: which files changed.
pub fn reload_data(changed: &[String]) -> String {
    if changed.len() > LISTED_CHANGES {
        return "*".to_owned();
    }
    serde_json::to_string(changed).unwrap_or_else(|_| "*".to_owned())
}

/// How long a request for a book-wide page waits for it to be assembled at most; then
/// the previous one is served.
const BOOK_WAIT: Duration = Duration::from_secs(60);

async fn page(Shared(state): Shared<Arc<State>>, uri: Uri) -> Response {
    let Some(path) = decode_path(uri.path()) else {
        return not_found(&state);
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    // A saved playbook's pages are served as soon as they are rendered; the pages that
    // list every playbook come a moment later: a request for one waits for it.
    if state.waits_for_book(&key) {
        let mut assembly = state.assembly();
        let _ = tokio::time::timeout(BOOK_WAIT, assembly.wait_for(|busy| !busy)).await;
    }
    let files = state.files();
    if let Some(bytes) = files.get(&key) {
        let mime = content_type(&key);
        if mime.starts_with("text/html") {
            return with_type(mime, inject(&String::from_utf8_lossy(bytes)).into_bytes());
        }
        return with_type(mime, bytes.clone());
    }
    // `/en` → `/en/`: relative links in the page need the trailing slash.
    if files.contains_key(&format!("{path}/index.html")) {
        let mut r = StatusCode::TEMPORARY_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("/{path}/")) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    not_found(&state)
}

/// A small page of our own, with the reload script, so that a book that has not built
/// yet shows the overlay and reloads once it does.
fn not_found(state: &State) -> Response {
    let title = if state.status().ok {
        "Not found"
    } else {
        "The book has not built yet"
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"irbook-missing\" content=\"\"><title>{title}</title></head>\
         <body><h1>{title}</h1><p><a href=\"/\">Home</a></p></body></html>\n"
    );
    let mut r = with_type("text/html; charset=utf-8", inject(&html).into_bytes());
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

fn with_type(mime: &'static str, body: impl Into<Bytes>) -> Response {
    let body: Bytes = body.into();
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    no_cache(&mut r);
    r
}

/// A preview must never show a stale page from the browser's cache.
fn no_cache(r: &mut Response) {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The request path as a key of the files map: percent-decoded, without the leading
/// `/`, refused if it holds `..`, an empty segment or is not UTF-8. (The map is in
/// memory, so nothing can escape to the disk; this only keeps keys canonical.)
pub fn decode_path(raw: &str) -> Option<String> {
    let bytes = raw.trim_start_matches('/').as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let inner = path.strip_suffix('/').unwrap_or(&path);
    if !inner.is_empty()
        && inner
            .split('/')
            .any(|s| s.is_empty() || s == ".." || s == "." || s.contains('\\'))
    {
        return None;
    }
    Some(path)
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "md" => "text/markdown; charset=utf-8",
        "txt" | "toml" | "yml" | "yaml" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page, only as served (files on disk never have it),
/// and lets it reach the server: the pages' CSP allows scripts from 'self' but, with
/// `default-src 'none'`, no connections, so the served copy gains `connect-src 'self'`.
pub fn inject(html: &str) -> String {
    let mut page = allow_connect(html);
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, SCRIPT_TAG),
        None => page.push_str(SCRIPT_TAG),
    }
    page
}

fn allow_connect(html: &str) -> String {
    const NEEDLE: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let lower = html.to_ascii_lowercase();
    match lower.find(&NEEDLE.to_ascii_lowercase()) {
        // Prepended, so it wins over a later `connect-src` (the first directive counts).
        Some(at) => {
            let at = at + NEEDLE.len();
            format!("{}connect-src 'self'; {}", &html[..at], &html[at..])
        }
        None => html.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(decode_path("/").as_deref(), Some(""));
        assert_eq!(decode_path("/en/").as_deref(), Some("en/"));
        assert_eq!(
            decode_path("/en/a%20b.html").as_deref(),
            Some("en/a b.html")
        );
        assert_eq!(decode_path("/en/../x"), None);
        assert_eq!(decode_path("/%2e%2e/x"), None);
        assert_eq!(decode_path("/a//b"), None);
        assert_eq!(decode_path("/%zz"), None);
        assert_eq!(decode_path("/%"), Some("%".to_owned()));
        assert_eq!(decode_path("/%ff"), None);
    }

    #[test]
    fn injection() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body><p>x</p></body></html>";
        let out = inject(page);
        assert!(
            out.contains("content=\"connect-src 'self'; default-src 'none'; script-src 'self'\"")
        );
        assert!(out.ends_with(
            "<p>x</p><script src=\"/__irbook/reload.js\" defer></script></body></html>"
        ));
        assert_eq!(inject("plain"), format!("plain{SCRIPT_TAG}"));
    }

    #[test]
    fn loopback_hosts() {
        for ok in [
            "127.0.0.1:3000",
            "localhost:3000",
            "LOCALHOST:3000",
            "[::1]:3000",
        ] {
            assert!(is_loopback_host(ok, 3000), "{ok}");
        }
        assert!(is_loopback_host("localhost", 80));
        assert!(is_loopback_host("[::1]", 80));
        for bad in [
            "evil.example:3000",
            "localhost.evil.example:3000",
            "127.0.0.1:3001",
            "127.0.0.1",
            "127.0.0.2:3000",
            "0.0.0.0:3000",
            "localhost:3000:3000",
            "[::1]:x",
            "",
        ] {
            assert!(!is_loopback_host(bad, 3000), "{bad}");
        }
    }

    #[test]
    fn types() {
        assert_eq!(content_type("en/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("catalog.json"), "application/json");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
