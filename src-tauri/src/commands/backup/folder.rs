//! The backups folder and what is set about it: where it is, whether automatic backups
//! are made into it, the retention policy that pruning keeps, its listing, and pruning.
//!
//! These commands change settings or delete automatic backups only; none reads a backup's
//! contents or asks for a key.

use std::path::Path;

use ironkeep::Vault;
use ironkeep::backup::{BackupError, BackupListing, PrunePlan, Retention};
use serde::Serialize;
use tauri::{State, WebviewWindow};

use super::open::file_name;
use crate::dialogs::{self, Purpose};
use crate::error::IpcError;
use crate::state::AppState;

/// Where automatic backups go, whether they are made, and how many pruning keeps.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupSettings {
    /// The backups folder (shown, never sent back).
    pub folder: String,
    /// Whether automatic backups are on.
    pub automatic: bool,
    /// The vault's retention policy: what pruning keeps.
    pub retention: Retention,
}

/// One file in the backups folder, as the list shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupFile {
    /// Its file name: what verify and restore take to name it.
    pub name: String,
    /// When it was made, RFC 3339.
    pub created_at: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// How many recipients can read it (0 for a passphrase backup).
    pub recipients: u32,
    /// Whether a passphrase protects it.
    pub passphrase: bool,
    /// Whether it is an automatic backup (prune may delete it).
    pub automatic: bool,
    /// Its schema version, when this vault's kits can read it.
    pub schema_version: Option<u32>,
}

/// The backups folder and whether automatic backups are on.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    state.write(move |vault| settings_of(vault)).await
}

/// Turns automatic backups on or off.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn backup_set_automatic(
    state: State<'_, AppState>,
    enabled: bool,
) -> Result<BackupSettings, IpcError> {
    state
        .write(move |vault| {
            vault.set_auto_backups(enabled)?;
            settings_of(vault)
        })
        .await
}

/// Stores the vault's retention policy; counts above their bounds are refused
/// (`invalid_input`) and nothing changes.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn backup_set_retention(
    state: State<'_, AppState>,
    keep: Retention,
) -> Result<BackupSettings, IpcError> {
    state
        .write(move |vault| {
            vault.set_retention_policy(keep)?;
            settings_of(vault)
        })
        .await
}

/// Asks for a new backups folder and uses it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_choose_folder(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<BackupSettings, IpcError> {
    state
        .blocking(move |state| {
            let folder = dialogs::folder(&window, Purpose::BackupsFolder)?;
            state.with_vault(|vault| {
                vault.set_backups_folder(Some(&folder))?;
                settings_of(vault)
            })
        })
        .await
}

/// Puts the backups folder back inside the data folder.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_reset_folder(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    state
        .write(move |vault| {
            vault.set_backups_folder(None)?;
            settings_of(vault)
        })
        .await
}

/// Lists the backups folder, newest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupFile>, IpcError> {
    state
        .blocking(move |state| {
            let listing = state.long_work(|vault| vault.list_backups())?;
            Ok(listing.into_iter().map(listed).collect())
        })
        .await
}

/// Deletes old automatic backups beyond what `keep` retains; with `dry_run`, only says
/// which it would delete.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn backup_prune(
    state: State<'_, AppState>,
    keep: Retention,
    dry_run: bool,
) -> Result<PrunePlan, IpcError> {
    state
        .blocking(move |state| state.long_work(|vault| vault.prune_backups(keep, dry_run)))
        .await
}

fn settings_of(vault: &Vault) -> Result<BackupSettings, BackupError> {
    Ok(BackupSettings {
        folder: vault.backups_folder()?.display().to_string(),
        automatic: vault.auto_backups_enabled()?,
        retention: vault.retention_policy()?,
    })
}

fn listed(file: BackupListing) -> BackupFile {
    BackupFile {
        name: file_name(Path::new(&file.path)),
        created_at: file.created_at,
        bytes: file.bytes as f64,
        recipients: file.recipients,
        passphrase: file.passphrase,
        automatic: file.automatic,
        schema_version: file.schema_version,
    }
}
