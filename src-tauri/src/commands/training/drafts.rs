//! Commands for the workout logger's drafts (what was typed in a set's row and not logged
//! yet), which the core keeps inside the vault.

use ironkeep::training::drafts::{self, Drafts};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The logger's drafts, or null when there are none.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn workout_drafts(state: State<'_, AppState>) -> Result<Option<Drafts>, IpcError> {
    state.read(drafts::read).await
}

/// Replaces the logger's drafts (none deletes them); a draft past a bound writes nothing.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn workout_save_drafts(state: State<'_, AppState>, drafts: Drafts) -> Result<(), IpcError> {
    state
        .write(move |vault| drafts::replace(vault.conn(), &drafts))
        .await
}
