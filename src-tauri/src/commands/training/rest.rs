//! The end of the rest timer as a desktop notification, so a lifter who switched to
//! another window still hears about the next set. Sent from Rust: the webview has no
//! notification permission of its own.

use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

use crate::error::IpcError;
use crate::state::off_runtime;

/// Shows "Rest is over". A desktop without a notification service only loses the popup
/// (the window's timer and beep still tell the lifter), so that is logged, not returned.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn rest_over_notify(app: AppHandle) -> Result<(), IpcError> {
    off_runtime(move || {
        if let Err(err) = app
            .notification()
            .builder()
            .title("Rest is over")
            .body("Time for your next set.")
            .show()
        {
            tracing::warn!(%err, "the rest notification could not be shown");
        }
        Ok(())
    })
    .await
}
