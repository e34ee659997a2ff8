//! Closing the window without losing what was just typed.
//!
//! The logger saves what the lifter types about 300 ms after the last key, so typing does
//! not flood the vault. A window closed inside that pause would take the last keys with
//! it: closing destroys the web view and its page at once, before the page's timer fires.
//! The page does get a `pagehide` then, but the app exits as soon as its last window is
//! gone, and a save sent from there is a race: in the drafts journey
//! (`ui/e2e/training-drafts-close`) with a `pagehide` save instead of what follows, the
//! draft was lost in 3 of 6 runs; with it, in none of 6. So the first close request is
//! held: the page, which gave a listener at start, is told the window is closing, saves
//! what it holds, and answers with [`window_close`]. A page that does not answer within
//! [`GRACE`] (stuck, or never listening) does not keep the window open, and a second close
//! request closes it at once.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tauri::ipc::Channel;
use tauri::{Manager as _, State, Window, WindowEvent};

use crate::error::{ErrorCode, IpcError};

/// How long a held close waits for the page to save.
const GRACE: Duration = Duration::from_secs(2);

/// The page's listener for a close request, until one is sent to it.
#[derive(Default)]
pub struct Closing {
    listener: Mutex<Option<Channel<()>>>,
}

/// Holds the first request to close a window while its page saves what it holds.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let closing = window.state::<Closing>();
    let listener = closing
        .listener
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    // No page listening (or it was told already): the window closes now.
    let Some(listener) = listener else { return };
    if let Err(err) = listener.send(()) {
        tracing::warn!(%err, "the page could not be told the window is closing");
        return;
    }
    api.prevent_close();
    let window = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(GRACE);
        // Already gone when the page answered in time.
        let _ = window.destroy();
    });
}

/// Gives the listener told when the window is asked to close; the page then saves what
/// it holds and answers with `window_close`.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn window_on_close(closing: State<'_, Closing>, listener: Channel<()>) -> Result<(), IpcError> {
    *closing.listener.lock().unwrap_or_else(PoisonError::into_inner) = Some(listener);
    Ok(())
}

/// Closes the window: the page's answer to a close request, once it has saved.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn window_close(window: tauri::WebviewWindow) -> Result<(), IpcError> {
    window.destroy().map_err(|err| {
        IpcError::new(
            ErrorCode::Unknown,
            format!("the window could not be closed: {err}"),
        )
    })
}
