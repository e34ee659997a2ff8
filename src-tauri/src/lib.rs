//! The Ironkeep desktop shell: a Tauri window over the `ironkeep` core.
//!
//! This crate holds no business logic. It resolves the data directory, keeps the open
//! vault for the life of the process, and exposes thin typed commands whose TypeScript
//! bindings are generated from Rust (see [`bindings`]). File dialogs are opened from Rust;
//! the webview never handles file paths.

pub mod bindings;
mod commands;
mod dialogs;
mod error;
mod state;
mod webview;
mod work;

pub use error::{ErrorCode, IpcError};

/// Builds and runs the app until its last window closes.
pub fn run() -> tauri::Result<()> {
    let state = state::AppState::new();
    start_logging(&state);
    let builder = bindings::builder();
    #[cfg(debug_assertions)]
    if let Err(err) = bindings::refresh_committed() {
        tracing::warn!("could not refresh ui/src/bindings.ts: {err}");
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            use tauri::Manager as _;
            if let Some(window) = app.get_webview_window("main") {
                webview::prepare(&window)?;
            }
            Ok(())
        })
        .run(tauri::generate_context!())
}

/// Logs to stderr, and to the vault's `logs/` folder once a vault exists (so a first run
/// leaves nothing behind in an empty data directory). The core redacts every line.
fn start_logging(state: &state::AppState) {
    let logs = state
        .dir()
        .ok()
        .filter(|dir| matches!(dir.presence(), ironkeep::Presence::Vault { .. }))
        .map(ironkeep::DataDir::logs);
    ironkeep::logging::init(logs.as_deref());
}
