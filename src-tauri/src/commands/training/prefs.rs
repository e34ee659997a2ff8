//! Commands for the training preferences shown in Settings: the display unit, the bar
//! and plates of each unit, and the rest timer's defaults.

use ironkeep::training::plates::PlateSet;
use ironkeep::training::settings::{RestDefaults, Settings};
use ironkeep::training::{TrainingError, Unit};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The training preferences the Settings screen edits.
#[derive(Debug, Serialize, specta::Type)]
pub struct TrainingPrefs {
    /// The unit weights are shown in (what was typed is always kept as typed).
    pub unit: Unit,
    /// What the plates of `unit` can add or take off (a pair of the lightest), in
    /// thousandths of `unit`: a weight converted from the other unit is rounded to it.
    pub step_milli: u32,
    /// The rest the logger times when no routine plans one.
    pub rest: RestDefaults,
}

/// Reads the training preferences.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_prefs(state: State<'_, AppState>) -> Result<TrainingPrefs, IpcError> {
    state
        .read(move |conn| {
            let settings = Settings::new(conn);
            let unit = settings.display_unit()?;
            let step_milli = settings.plate_set(unit)?.step_milli();
            let rest = settings.rest_defaults()?;
            Ok::<_, TrainingError>(TrainingPrefs {
                unit,
                step_milli,
                rest,
            })
        })
        .await
}

/// Changes the unit weights are shown in.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_set_unit(state: State<'_, AppState>, unit: Unit) -> Result<(), IpcError> {
    state
        .write(move |vault| Settings::new(vault.conn()).set_display_unit(unit))
        .await
}

/// The bar and plates for `unit` (the standard set until changed), for Settings and the
/// logger's plate calculator.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_plates(state: State<'_, AppState>, unit: Unit) -> Result<PlateSet, IpcError> {
    state.read(move |conn| Settings::new(conn).plate_set(unit)).await
}

/// Changes the bar and plates for `unit`, as typed ("20"; "25 20 15 10 5 2.5 1.25").
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_set_plates(
    state: State<'_, AppState>,
    unit: Unit,
    bar: String,
    plates: String,
) -> Result<PlateSet, IpcError> {
    state
        .write(move |vault| {
            let set = PlateSet::from_typed(unit, &bar, &plates)?;
            Settings::new(vault.conn()).set_plate_set(&set)?;
            Ok::<_, TrainingError>(set)
        })
        .await
}

/// Changes the rest timer's defaults, as typed ("2:30", "90"; an empty warm-up rest is
/// none).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_set_rest(
    state: State<'_, AppState>,
    working: String,
    warmup: String,
) -> Result<RestDefaults, IpcError> {
    state
        .write(move |vault| {
            let rest = RestDefaults::from_typed(&working, &warmup)?;
            Settings::new(vault.conn()).set_rest_defaults(&rest)?;
            Ok::<_, TrainingError>(rest)
        })
        .await
}
