//! Verifying and restoring a backup over the open vault, and the exclusive-access dance
//! both restoring and the Settings screen's key changes and wipe need.
//!
//! The backup is decrypted and checked completely before anything changes; Cancel works
//! until then. The app's shared vault is then swapped for an exclusive one, and a shared
//! one is put back whatever happened, so the app keeps working after a failure.

use std::sync::MutexGuard;

use chrono::Utc;
use ironkeep::backup::{Manifest, RestoreReceipt, read_backup};
use ironkeep::vault::Access;
use ironkeep::{DataDir, Unlock, Vault};
use secrecy::SecretString;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use super::open::{BackupChoice, BackupUnlock, backup_key, file_name, read_choice};
use super::{BackupStep, step, stop_if_cancelled};
use crate::error::IpcError;
use crate::state::{AppState, Slot};
use crate::work::Work;

/// A backup that decrypted and checked out.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupVerdict {
    /// The file's name.
    pub file_name: String,
    /// Its manifest.
    pub manifest: Manifest,
}

/// Decrypts and checks a backup without changing anything.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_verify(
    window: WebviewWindow,
    state: State<'_, AppState>,
    choice: BackupChoice,
    unlock: BackupUnlock,
) -> Result<BackupVerdict, IpcError> {
    state
        .blocking(move |state| {
            let (file, bytes) = read_choice(&window, state, &choice)?;
            let key = backup_key(&window, state, unlock)?;
            let image = read_backup(&bytes, &key)?;
            Ok(BackupVerdict {
                file_name: file_name(&file),
                manifest: image.manifest,
            })
        })
        .await
}

/// Replaces the vault's contents with a backup, then opens the restored vault. In
/// passphrase mode the vault's passphrase is needed (to open it exclusively and to wrap
/// its new key).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_restore(
    window: WebviewWindow,
    state: State<'_, AppState>,
    choice: BackupChoice,
    unlock: BackupUnlock,
    vault_passphrase: Option<String>,
    progress: Channel<BackupStep>,
) -> Result<RestoreReceipt, IpcError> {
    state
        .blocking(move |state| {
            let cancel = state.cancels().start(Work::Restore);
            let vault_pass = vault_passphrase.map(SecretString::from);
            step(&progress, BackupStep::Choosing);
            let (_, bytes) = read_choice(&window, state, &choice)?;
            let key = backup_key(&window, state, unlock)?;
            step(&progress, BackupStep::Checking);
            read_backup(&bytes, &key)?;
            stop_if_cancelled(cancel)?;
            step(&progress, BackupStep::Restoring);
            let dir = state.dir()?.clone();
            let mut slot = state.slot();
            let vault = take_exclusive(state, &mut slot, &dir, vault_pass.as_ref())?;
            let restored = vault.restore_backup(&bytes, key, vault_pass.as_ref(), Utc::now());
            step(&progress, BackupStep::Reopening);
            let reopened = put_back(state, &mut slot, &dir, vault_pass.as_ref());
            let receipt = restored?;
            reopened?;
            Ok(receipt)
        })
        .await
}

/// Takes the app's shared vault out of `slot` (long work cancelled and waited for) and
/// opens it exclusively; on failure a shared one is put back, so the app keeps working.
pub(crate) fn take_exclusive(
    state: &AppState,
    slot: &mut MutexGuard<'_, Slot>,
    dir: &DataDir,
    pass: Option<&SecretString>,
) -> Result<Vault, IpcError> {
    drop(state.take_alone(slot)?);
    match Vault::open_with(dir, unlock_of(pass), Access::Exclusive, Utc::now()) {
        Ok(vault) => Ok(vault),
        Err(err) => {
            put_back(state, slot, dir, pass)?;
            Err(err.into())
        }
    }
}

/// Opens the vault for ordinary (shared) use again and puts it in `slot`.
pub(crate) fn put_back(
    state: &AppState,
    slot: &mut MutexGuard<'_, Slot>,
    dir: &DataDir,
    pass: Option<&SecretString>,
) -> Result<(), IpcError> {
    state.share(slot, Vault::open(dir, unlock_of(pass), Utc::now())?);
    Ok(())
}

/// How to unlock: with the passphrase when one was given, else from the keychain.
pub(super) fn unlock_of(pass: Option<&SecretString>) -> Unlock {
    pass.map_or(Unlock::Keychain, |p| Unlock::Passphrase(p.clone()))
}
