//! Commands for the logger's gym-floor tools: warm-up sets in one action, a set moved
//! within its exercise, and the plate calculator beside a weight. Each reads the lifter's
//! bar and plates for the weight's unit from the vault's preferences.

use ironkeep::training::plates::{self, PlateLoad};
use ironkeep::training::settings::Settings;
use ironkeep::training::{SetRow, SetsMut, Weight};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Adds planned warm-up sets ramping up to `working` before the exercise's first set in
/// the session (the bar, then 40, 60 and 80 % rounded down to what the plates load).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_add_warmups(
    state: State<'_, AppState>,
    session_id: u32,
    exercise_id: u32,
    working: Weight,
) -> Result<Vec<SetRow>, IpcError> {
    state
        .write(move |vault| {
            let plates = Settings::new(vault.conn()).plate_set(working.unit())?;
            SetsMut::new(vault.conn()).add_warmups(session_id, exercise_id, working, &plates)
        })
        .await
}

/// Moves a set one place up or down among its exercise's sets in its session.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_move(state: State<'_, AppState>, id: u32, up: bool) -> Result<(), IpcError> {
    state
        .write(move |vault| SetsMut::new(vault.conn()).move_set(id, up))
        .await
}

/// The plates to load on each side for `target`, with the lifter's bar and plates of its unit.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn plates_load(state: State<'_, AppState>, target: Weight) -> Result<PlateLoad, IpcError> {
    state
        .read(move |conn| {
            let set = Settings::new(conn).plate_set(target.unit())?;
            plates::load(target, &set)
        })
        .await
}
