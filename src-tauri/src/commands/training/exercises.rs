//! Commands for the exercise catalog: list, add, rename, archive, merge, catalog
//! suggestions, and each exercise's records and progress.

use chrono::{Duration, Utc};
use ironkeep::training::catalog::suggestions::{self, Suggestion};
use ironkeep::training::records::ProgressPoint;
use ironkeep::training::search;
use ironkeep::training::{
    Exercise, ExerciseRecords, Exercises, ExercisesMut, Muscle, NewExercise, Records, stamp,
};
use tauri::State;

use super::count;
use crate::error::IpcError;
use crate::state::AppState;

/// The catalog and the lifter's own exercises, archived ones too when asked.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_list(state: State<'_, AppState>, include_archived: bool) -> Result<Vec<Exercise>, IpcError> {
    state.with_vault(|vault| Exercises::new(vault.conn()).list(include_archived))
}

/// The usable exercises matching a few typed letters, best first (at most `limit`): the
/// one ranking of every exercise picker (see `training::search`).
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_search(
    state: State<'_, AppState>,
    text: String,
    limit: u32,
) -> Result<Vec<Exercise>, IpcError> {
    state.with_vault(|vault| search::search(vault.conn(), &text, limit))
}

/// Adds a custom exercise.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_add(state: State<'_, AppState>, exercise: NewExercise) -> Result<Exercise, IpcError> {
    state.with_vault(|vault| ExercisesMut::new(vault.conn()).add(&exercise))
}

/// Renames an exercise.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_rename(state: State<'_, AppState>, id: u32, name: String) -> Result<Exercise, IpcError> {
    state.with_vault(|vault| ExercisesMut::new(vault.conn()).rename(id, &name))
}

/// Gives an exercise its muscle group (imported ones arrive without one, for review).
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_set_muscle(
    state: State<'_, AppState>,
    id: u32,
    muscle: Muscle,
) -> Result<Exercise, IpcError> {
    state.with_vault(|vault| ExercisesMut::new(vault.conn()).set_muscle(id, muscle))
}

/// Archives (hides) an exercise, or brings it back.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_archive(state: State<'_, AppState>, id: u32, archived: bool) -> Result<Exercise, IpcError> {
    state.with_vault(|vault| ExercisesMut::new(vault.conn()).archive(id, archived))
}

/// Moves every set and routine entry of `from` onto `into`; returns how many sets moved.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_merge(state: State<'_, AppState>, from: u32, into: u32) -> Result<u32, IpcError> {
    state.with_vault(|vault| ExercisesMut::new(vault.conn()).merge(from, into).map(count))
}

/// Catalog lifts offered for the lifter's own exercises (adopt a lift whose name they
/// had, or merge an exercise the catalog knows under another spelling).
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_suggestions(state: State<'_, AppState>) -> Result<Vec<Suggestion>, IpcError> {
    state.with_vault(|vault| suggestions::list(vault.conn()))
}

/// Accepts the catalog suggestion for exercise `id`; returns the exercise that now holds
/// its sets.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_suggestion_accept(state: State<'_, AppState>, id: u32) -> Result<Exercise, IpcError> {
    state.with_vault(|vault| suggestions::accept(vault.conn(), id))
}

/// Dismisses the catalog suggestion for exercise `id`; it is not offered again.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_suggestion_dismiss(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state.with_vault(|vault| suggestions::dismiss(vault.conn(), id))
}

/// One exercise's records (heaviest, best set and session volume, reps at each weight).
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_records(state: State<'_, AppState>, id: u32) -> Result<ExerciseRecords, IpcError> {
    state.with_vault(|vault| Records::new(vault.conn()).of_exercise(id))
}

/// One exercise's per-session bests over its whole history, oldest first.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn exercise_progress(state: State<'_, AppState>, id: u32) -> Result<Vec<ProgressPoint>, IpcError> {
    let to = stamp(Utc::now() + Duration::days(2));
    state.with_vault(|vault| Records::new(vault.conn()).progress(id, "1970-01-01T00:00:00Z", &to))
}
