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

/// Runs the preview until Ctrl-C; returns the process exit code.
pub fn run(dir: &Path, port: u16) -> i32 {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let state = Arc::new(State::new(dir, color));
    eprintln!("building {} …", dir.display());
    state.rebuild();

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server runtime: {e}");
            return crate::commands::exit::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(SocketAddr::from((HOST, port))).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {HOST}:{port}: {e}");
                return crate::commands::exit::FAILURE;
            }
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e}");
                return crate::commands::exit::FAILURE;
            }
        };
        if let Err(e) = watch::start(Arc::clone(&state)) {
            eprintln!("error: cannot watch {}: {e}", dir.display());
            return crate::commands::exit::FAILURE;
        }
        eprintln!("serving http://{addr}/ (Ctrl-C to stop)");
        let app = http::router(Arc::clone(&state));
        let stop = Arc::clone(&state);
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = tokio::signal::ctrl_c().await;
                // Ends the reload streams, which would otherwise keep shutdown waiting.
                stop.shut_down();
            })
            .await;
        match served {
            Ok(()) => {
                eprintln!("stopped");
                crate::commands::exit::OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                crate::commands::exit::FAILURE
            }
        }
    })
}
