//! The Ironkeep desktop shell: a Tauri window over the `ironkeep` core.
//!
//! This crate holds no business logic. It resolves the data directory, keeps the open
//! vault for the life of the process, and exposes thin typed commands whose TypeScript
//! bindings are generated from Rust (see [`bindings`]). File dialogs are opened from Rust;
//! the webview never handles file paths.

pub mod bindings;
mod closing;
mod commands;
mod dialogs;
mod error;
#[cfg(target_os = "linux")]
mod instance;
pub mod memory;
mod state;
pub mod webview;
mod work;

pub use error::{ErrorCode, IpcError};

/// Builds and runs the app until its last window closes.
pub fn run() -> tauri::Result<()> {
    let state = state::AppState::new();
    start_logging(&state);
    // A second launch on this data dir shows the running window instead of opening the
    // vault twice.
    #[cfg(target_os = "linux")]
    let holder = match state.dir().map(|dir| instance::claim(dir.path())) {
        Ok(instance::Claim::Elsewhere) => return Ok(()),
        Ok(instance::Claim::First(holder)) => Some(holder),
        Err(_) => None,
    };
    let builder = bindings::builder();
    let sync_watch = commands::sync::SyncWatch::default();
    sync_watch.start(state.clone());
    #[cfg(debug_assertions)]
    if let Err(err) = bindings::refresh_committed() {
        tracing::warn!("could not refresh ui/src/bindings.ts: {err}");
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state.clone())
        .manage(closing::Closing::default())
        .manage(sync_watch.clone())
        .on_window_event(closing::on_window_event)
        .on_page_load(|_, load| {
            if load.event() == tauri::webview::PageLoadEvent::Finished {
                memory::settle_after_first_page();
            }
        })
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            use tauri::Manager as _;
            #[cfg(target_os = "linux")]
            if let Some(holder) = holder {
                holder.serve(app.handle());
                // Kept for the life of the process (the name, or the lock, is what makes
                // this app the first), and never dropped: closing the bus connection while
                // the app exits could wait on a window that is already gone.
                std::mem::forget(holder);
            }
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
