//! `irbook serve`: a live preview. Builds the book into memory, serves it on 127.0.0.1,
//! rebuilds when a source changes and tells open pages to reload. A change that breaks
//! the build keeps the last good pages; the diagnostics go to the terminal and, through
//! `/__irbook/status`, to an overlay drawn by the reload script.
//!
//! The third-party crates of the preview (axum, tokio, notify) are used only under this
//! module, so a major release of one of them touches these files alone.

mod http;
mod state;
mod watch;

use state::State;
use std::io::IsTerminal;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

/// The address the preview listens on: loopback only, never every interface.
pub const HOST: Ipv4Addr = Ipv4Addr::LOCALHOST;

/// Runs the preview until Ctrl-C. `Err` says why the server could not start or stopped
/// on an error (the command turns it into exit code 2).
pub fn run(dir: &Path, port: u16) -> Result<(), String> {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let state = Arc::new(State::new(dir, color));
    // Watching starts first, so that a save during the first build is not missed: it
    // is rebuilt right after.
    if let Err(e) = watch::start(Arc::clone(&state)) {
        return Err(format!("cannot watch {}: {e}", dir.display()));
    }
    eprintln!("building {} …", dir.display());
    state.rebuild(crate::check::Changes::Unknown);

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return Err(format!("cannot start the server runtime: {e}")),
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(SocketAddr::from((HOST, port))).await {
            Ok(l) => l,
            Err(e) => return Err(format!("cannot listen on {HOST}:{port}: {e}")),
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => return Err(e.to_string()),
        };
        eprintln!("serving http://{addr}/ (Ctrl-C to stop)");
        let app = http::router(Arc::clone(&state), addr.port());
        let stop = Arc::clone(&state);
        http::serve(listener, app, async move {
            let _ = tokio::signal::ctrl_c().await;
            // Ends the reload streams.
            stop.shut_down();
        })
        .await;
        eprintln!("stopped");
        Ok(())
    })
}
