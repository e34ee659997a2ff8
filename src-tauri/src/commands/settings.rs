//! Commands for the vault's key material and its erasure: rotate the database key, make
//! a new recovery kit, wipe the vault.
//!
//! Rotating the key and wiping need the vault to themselves, so they take the app's
//! shared handle out of its slot (see [`super::backup::take_exclusive`]). The new kit is
//! written by the core straight to the file chosen in the dialog (0600); only its public
//! key comes back. The theme is a window preference and lives in the webview alone.

use chrono::Utc;
use ironkeep::backup::WipeReport;
use secrecy::SecretString;
use tauri::{State, WebviewWindow};

use super::backup::{put_back, take_exclusive};
use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

/// The word a person may type instead of the vault id to confirm a wipe.
const WIPE_WORD: &str = "wipe";

/// Re-encrypts the vault under a new random key. In passphrase mode the vault's
/// passphrase is needed (to reopen the vault and to wrap the new key).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn key_rotate(
    state: State<'_, AppState>,
    vault_passphrase: Option<String>,
) -> Result<(), IpcError> {
    state
        .blocking(move |state| {
            let pass = vault_passphrase.map(SecretString::from);
            let dir = state.dir()?.clone();
            let mut slot = state.slot();
            let mut vault = take_exclusive(state, &mut slot, &dir, pass.as_ref())?;
            let rotated = vault.rotate_key(pass.as_ref(), Utc::now());
            drop(vault);
            let reopened = put_back(state, &mut slot, &dir, pass.as_ref());
            rotated?;
            reopened
        })
        .await
}

/// Makes a new recovery kit, saved where the person chooses; returns its public key.
/// Backups made before still need the old kit.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn kit_rotate(window: WebviewWindow, state: State<'_, AppState>) -> Result<String, IpcError> {
    state
        .blocking(move |state| {
            let path = dialogs::save(
                &window,
                Purpose::SaveKit,
                "ironkeep-recovery-kit.txt",
                ("Text file", &["txt"]),
                false,
            )?;
            state.with_vault(|vault| vault.rotate_kit(&path, Utc::now()).map(|kit| kit.recipient()))
        })
        .await
}

/// Erases the vault for good, once the person has typed its id or "wipe"; with
/// `include_backups`, its backups in the backups folder too. The app then shows first run.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_wipe(
    state: State<'_, AppState>,
    confirmation: String,
    include_backups: bool,
    vault_passphrase: Option<String>,
) -> Result<WipeReport, IpcError> {
    state
        .blocking(move |state| {
        let pass = vault_passphrase.map(SecretString::from);
        let dir = state.dir()?.clone();
        let mut slot = state.slot();
        let typed = confirmation.trim();
        let confirmed = typed == WIPE_WORD || slot.as_ref().is_some_and(|roles| roles.id() == typed);
        if !confirmed {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "The confirmation did not match; nothing was erased. Type the vault ID or the word wipe.",
            ));
        }
        let vault = take_exclusive(state, &mut slot, &dir, pass.as_ref())?;
        match vault.wipe(include_backups, Utc::now()) {
            Ok(report) => Ok(report),
            Err(err) => {
                if let Err(reopen) = put_back(state, &mut slot, &dir, pass.as_ref()) {
                    tracing::warn!(code = ?reopen.code, "the vault could not be reopened after a failed wipe");
                }
                Err(err.into())
            }
        }
        })
        .await
}
