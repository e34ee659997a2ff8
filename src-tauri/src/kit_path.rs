//! Where the recovery kit is written.
//!
//! The person chooses the file in a native save dialog opened from Rust, so the webview
//! never sees or supplies a file path. End-to-end tests cannot click a native dialog: the
//! `e2e` cargo feature (never enabled in a release) swaps the dialog for the path in
//! `IRONKEEP_E2E_KIT_PATH`, and without that feature the swap is not compiled at all.

use std::path::PathBuf;

use tauri::{Runtime, WebviewWindow};

use crate::error::{ErrorCode, IpcError};

#[cfg(all(feature = "e2e", not(debug_assertions)))]
compile_error!("the `e2e` feature bypasses the save dialog and is for debug test builds only");

/// Asks where to save the recovery kit. Fails with `Cancelled` when the person closes the
/// dialog, and with `AlreadyExists` when the chosen file exists: the kit never overwrites
/// a file, and refusing here, before anything is created, keeps the vault and its kit
/// together.
pub fn choose<R: Runtime>(window: &WebviewWindow<R>) -> Result<PathBuf, IpcError> {
    let path = ask(window).ok_or_else(|| {
        IpcError::new(
            ErrorCode::Cancelled,
            "No file was chosen for the recovery kit, so nothing was created.",
        )
    })?;
    if path.symlink_metadata().is_ok() {
        return Err(IpcError::new(
            ErrorCode::AlreadyExists,
            "A file with that name already exists; choose a new name for the recovery kit.",
        ));
    }
    Ok(path)
}

#[cfg(not(feature = "e2e"))]
fn ask<R: Runtime>(window: &WebviewWindow<R>) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;

    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title("Save your Ironkeep recovery kit")
        .set_file_name("ironkeep-recovery-kit.txt")
        .add_filter("Text file", &["txt"])
        .blocking_save_file()
        .and_then(|chosen| chosen.into_path().ok())
}

#[cfg(feature = "e2e")]
fn ask<R: Runtime>(_window: &WebviewWindow<R>) -> Option<PathBuf> {
    std::env::var_os("IRONKEEP_E2E_KIT_PATH").map(PathBuf::from)
}
