//! Making a backup from the window: sealed to the vault's kits plus coaches, or to a
//! passphrase alone, written to a file chosen in a dialog or into the backups folder.
//!
//! The passphrase arrives here and goes straight to the core; it is never logged or sent
//! back. Cancel works until the writing starts.

use chrono::Utc;
use ironkeep::backup::{BackupError, BackupRequest, Manifest, Sealing};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use super::open::BACKUP_FILTER;
use super::{BackupStep, step, stop_if_cancelled};
use crate::dialogs::{self, Purpose};
use crate::error::IpcError;
use crate::state::AppState;
use crate::work::Work;

/// How a new backup is made.
// No `Debug`: it may hold a passphrase.
#[derive(Deserialize, specta::Type)]
pub struct NewBackup {
    /// Coach `age1…` recipients, besides the vault's own (ignored with a passphrase).
    pub recipients: Vec<String>,
    /// Protect with this passphrase alone instead of recovery kits.
    pub passphrase: Option<String>,
    /// Write it into the backups folder instead of asking where.
    pub into_folder: bool,
    /// Leave out the audit log (for a coach).
    pub for_coach: bool,
}

/// A backup that was written.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupMade {
    /// Where it was written (shown only).
    pub path: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// How many recipients can read it (0 for a passphrase backup).
    pub recipients: u32,
    /// Its manifest.
    pub manifest: Manifest,
}

/// Writes a new encrypted backup, into a chosen file or the backups folder.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    backup: NewBackup,
    progress: Channel<BackupStep>,
) -> Result<BackupMade, IpcError> {
    state
        .blocking(move |state| {
            let cancel = state.cancels().start(Work::Backup);
            let sealing = match backup.passphrase {
                Some(_) if !backup.recipients.is_empty() => return Err(BackupError::MixedProtection.into()),
                Some(pass) => Sealing::Passphrase(SecretString::from(pass)),
                None => Sealing::Recipients(backup.recipients),
            };
            let out = if backup.into_folder {
                None
            } else {
                step(&progress, BackupStep::Choosing);
                let name = format!("ironkeep-backup-{}.age", Utc::now().format("%Y-%m-%d"));
                Some(dialogs::save(
                    &window,
                    Purpose::SaveBackup,
                    &name,
                    BACKUP_FILTER,
                    false,
                )?)
            };
            stop_if_cancelled(cancel)?;
            step(&progress, BackupStep::Writing);
            let request = BackupRequest {
                sealing,
                out,
                armor: false,
                for_coach: backup.for_coach,
                automatic: false,
            };
            let receipt = state.long_work(|vault| vault.create_backup(&request, Utc::now()))?;
            Ok(BackupMade {
                path: receipt.path,
                bytes: receipt.bytes as f64,
                recipients: receipt.recipients,
                manifest: receipt.manifest,
            })
        })
        .await
}
