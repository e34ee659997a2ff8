//! Settings → Sync: turn sync on with a folder, see the family's devices and the last
//! merge, sync now, remove a device. Merging also runs by itself in the background
//! ([`watch`]): the window gives a listener at start and hears about every run, so the
//! screen showing a set logged on the other computer redraws within seconds of the file
//! syncer delivering it.

pub mod watch;

use chrono::Utc;
use ironkeep::sync::{self, Joined, SyncRun, SyncStatus};
use ironkeep::{RecoveryKit, Unlock, Vault};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use crate::dialogs::{self, Purpose};
use crate::error::IpcError;
use crate::state::AppState;
pub use watch::SyncWatch;

/// What Settings → Sync shows: the vault's sync state and what the background runs saw.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SyncView {
    /// Sync as the vault holds it.
    pub status: SyncStatus,
    /// When the last run ended (RFC 3339), this session.
    pub last_run_at: Option<String>,
    /// The last run's report, this session.
    pub last_report: Option<SyncRun>,
    /// Why the last run failed, if it did.
    pub last_error: Option<String>,
}

/// What the window hears after each run: enough to know whether to redraw.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
pub struct SyncNews {
    /// Other devices' files merged.
    pub files_read: u32,
    /// Changes applied from them.
    pub applied: u32,
}

/// Sync as the vault holds it, and the background's last run.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_status(
    state: State<'_, AppState>,
    watch: State<'_, SyncWatch>,
) -> Result<SyncView, IpcError> {
    let status = state.read(sync::status).await?;
    Ok(watch.view(status))
}

/// Turns sync on: a folder chosen in a dialog, this computer named `name` (its host name
/// when empty); the first run writes its first file and a snapshot there.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_turn_on(
    window: WebviewWindow,
    state: State<'_, AppState>,
    watch: State<'_, SyncWatch>,
    name: String,
) -> Result<SyncRun, IpcError> {
    let watch = watch.inner().clone();
    state
        .blocking(move |state| {
            let folder = dialogs::folder(&window, Purpose::SyncFolder)?;
            let name = if name.trim().is_empty() {
                sync::computer_name()
            } else {
                name
            };
            state.with_vault(|vault| sync::start(vault.conn(), &folder, &name, Utc::now()).map(drop))?;
            watch.run_now(state)
        })
        .await
}

/// Sends this device's changes and merges the other devices' now.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_now(state: State<'_, AppState>, watch: State<'_, SyncWatch>) -> Result<SyncRun, IpcError> {
    let watch = watch.inner().clone();
    state.blocking(move |state| watch.run_now(state)).await
}

/// Removes a device from the family: its later files are ignored by every member.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_remove_device(
    state: State<'_, AppState>,
    watch: State<'_, SyncWatch>,
    id: String,
) -> Result<SyncRun, IpcError> {
    let watch = watch.inner().clone();
    state
        .blocking(move |state| {
            state.with_vault(|vault| sync::remove_device(vault.conn(), &id, Utc::now()))?;
            watch.run_now(state)
        })
        .await
}

/// Dismisses a note a merge left.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_dismiss_note(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .write(move |vault| sync::dismiss_note(vault.conn(), id))
        .await
}

/// First run on a new computer: joins the sync family whose folder and recovery kit the
/// person chooses (a vault made from the newest snapshot, keychain mode), and opens it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_join(
    window: WebviewWindow,
    state: State<'_, AppState>,
    name: String,
) -> Result<Joined, IpcError> {
    state
        .blocking(move |state| {
            let dir = state.dir()?.clone();
            let folder = dialogs::folder(&window, Purpose::SyncFolder)?;
            let kit_file = dialogs::open(&window, Purpose::OpenKit, ("Recovery kit", &["txt"]))?;
            let kit = RecoveryKit::read(&kit_file).map_err(ironkeep::VaultError::from)?;
            let name = if name.trim().is_empty() {
                sync::computer_name()
            } else {
                name
            };
            let mut slot = state.slot();
            let joined = sync::join(&dir, &folder, &kit, None, &name, Utc::now())?;
            let vault = Vault::open(&dir, Unlock::Keychain, Utc::now())?;
            state.share(&mut slot, vault);
            Ok(joined)
        })
        .await
}

/// Gives the listener told about every sync run, background or not.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_listen(watch: State<'_, SyncWatch>, listener: Channel<SyncNews>) -> Result<(), IpcError> {
    watch.listen(listener);
    Ok(())
}
