//! Commands for encrypted backups: make, list, verify, restore, prune, the backups folder,
//! a coach's read-only view of an athlete's backup, and restoring on first run.
//!
//! Files are chosen in native dialogs opened here (or named inside the backups folder by
//! their bare file name), so the webview never supplies a path. Restoring needs the vault
//! to itself: the app's shared handle is taken out of its slot, an exclusive one does the
//! work, and a shared one is put back whatever happened. Passphrases and kits stay here.
//!
//! This module holds what its parts share (the progress steps and the cancel check) and
//! re-exports their commands, so `backup::<command>` names each of them.

mod coach;
mod create;
mod first_run;
mod folder;
mod open;
mod restore;

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use tauri::ipc::Channel;

use crate::error::{ErrorCode, IpcError};

pub use coach::*;
pub use create::*;
pub use first_run::*;
pub use folder::*;
pub use restore::*;

/// A step of a backup or restore, sent to the progress dialog.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupStep {
    /// Waiting for the person to choose a file.
    Choosing,
    /// Encrypting and writing the backup.
    Writing,
    /// Decrypting and checking the backup.
    Checking,
    /// Creating the new vault (first-run restore).
    Creating,
    /// Replacing the vault's contents (no longer cancellable).
    Restoring,
    /// Opening the restored vault.
    Reopening,
}

/// Sends a step to the progress dialog; a closed dialog is not an error.
fn step(progress: &Channel<BackupStep>, step: BackupStep) {
    if let Err(err) = progress.send(step) {
        tracing::debug!(%err, "a progress step was not delivered");
    }
}

/// The work stops here when Cancel was pressed; past this point it runs to the end.
fn stop_if_cancelled(cancel: &AtomicBool) -> Result<(), IpcError> {
    if cancel.load(Ordering::SeqCst) {
        return Err(IpcError::new(
            ErrorCode::Cancelled,
            "Cancelled; nothing was changed.",
        ));
    }
    Ok(())
}
