//! Commands for the exercise catalog: list, add, rename, archive, merge, catalog
//! suggestions, and each exercise's records, rep maxes and progress.

use chrono::{Duration, Utc};
use ironkeep::training::catalog::suggestions::{self, Suggestion};
use ironkeep::training::records::ProgressPoint;
use ironkeep::training::rep_max::{self, RepMax};
use ironkeep::training::search;
use ironkeep::training::{
    Exercise, ExerciseRecords, Exercises, ExercisesMut, Muscle, NewExercise, Records, stamp,
};
use tauri::State;

use super::count;
use crate::error::IpcError;
use crate::state::AppState;

/// The catalog and the lifter's own exercises, archived ones too when asked.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_list(
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<Exercise>, IpcError> {
    state
        .read(move |conn| Exercises::new(conn).list(include_archived))
        .await
}

/// The exercises matching a few typed letters, best first (at most `limit`): the one
/// ranking of every exercise picker and of the Exercises screen (see `training::search`).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_search(
    state: State<'_, AppState>,
    text: String,
    include_archived: bool,
    limit: u32,
) -> Result<Vec<Exercise>, IpcError> {
    state
        .read(move |conn| search::search(conn, &text, include_archived, limit))
        .await
}

/// Adds a custom exercise.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_add(state: State<'_, AppState>, exercise: NewExercise) -> Result<Exercise, IpcError> {
    state
        .write(move |vault| ExercisesMut::new(vault.conn()).add(&exercise))
        .await
}

/// Renames an exercise.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_rename(
    state: State<'_, AppState>,
    id: u32,
    name: String,
) -> Result<Exercise, IpcError> {
    state
        .write(move |vault| ExercisesMut::new(vault.conn()).rename(id, &name))
        .await
}

/// Gives an exercise its muscle group (imported ones arrive without one, for review).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_set_muscle(
    state: State<'_, AppState>,
    id: u32,
    muscle: Muscle,
) -> Result<Exercise, IpcError> {
    state
        .write(move |vault| ExercisesMut::new(vault.conn()).set_muscle(id, muscle))
        .await
}

/// Archives (hides) an exercise, or brings it back.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_archive(
    state: State<'_, AppState>,
    id: u32,
    archived: bool,
) -> Result<Exercise, IpcError> {
    state
        .write(move |vault| ExercisesMut::new(vault.conn()).archive(id, archived))
        .await
}

/// Moves every set and routine entry of `from` onto `into`; returns how many sets moved.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_merge(state: State<'_, AppState>, from: u32, into: u32) -> Result<u32, IpcError> {
    state
        .write(move |vault| ExercisesMut::new(vault.conn()).merge(from, into).map(count))
        .await
}

/// Catalog lifts offered for the lifter's own exercises (adopt a lift whose name they
/// had, or merge an exercise the catalog knows under another spelling).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_suggestions(state: State<'_, AppState>) -> Result<Vec<Suggestion>, IpcError> {
    state.read(suggestions::list).await
}

/// Accepts the catalog suggestion for exercise `id`; returns the exercise that now holds
/// its sets.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_suggestion_accept(state: State<'_, AppState>, id: u32) -> Result<Exercise, IpcError> {
    state
        .write(move |vault| suggestions::accept(vault.conn(), id))
        .await
}

/// Dismisses the catalog suggestion for exercise `id`; it is not offered again.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_suggestion_dismiss(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .write(move |vault| suggestions::dismiss(vault.conn(), id))
        .await
}

/// One exercise's records (heaviest, best set and session volume, reps at each weight).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_records(state: State<'_, AppState>, id: u32) -> Result<ExerciseRecords, IpcError> {
    state.read(move |conn| Records::new(conn).of_exercise(id)).await
}

/// One exercise's per-session bests over its whole history, oldest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_progress(state: State<'_, AppState>, id: u32) -> Result<Vec<ProgressPoint>, IpcError> {
    let to = stamp(Utc::now() + Duration::days(2));
    state
        .read(move |conn| Records::new(conn).progress(id, "1970-01-01T00:00:00Z", &to))
        .await
}

/// One exercise's rep maxes: the heaviest weight for at least 1 to 12 reps.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn exercise_rep_maxes(state: State<'_, AppState>, id: u32) -> Result<Vec<RepMax>, IpcError> {
    state.read(move |conn| rep_max::of_exercise(conn, id)).await
}
