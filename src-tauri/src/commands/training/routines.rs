//! Commands for routines: list, create, edit (which also reorders entries), duplicate,
//! delete, and routines made from workouts that repeat (after an import).

use chrono::Utc;
use ironkeep::training::repeated::{RepeatedWorkout, RepeatedWorkouts, routine_from_session};
use ironkeep::training::{Routine, RoutineInput, Routines, RoutinesMut};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every routine with its entries.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_list(state: State<'_, AppState>) -> Result<Vec<Routine>, IpcError> {
    state.read(move |conn| Routines::new(conn).list()).await
}

/// Creates a routine.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_create(state: State<'_, AppState>, routine: RoutineInput) -> Result<Routine, IpcError> {
    state
        .write(move |vault| RoutinesMut::new(vault.conn()).create(&routine, Utc::now()))
        .await
}

/// Replaces a routine's name, notes and entries (in their new order).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_edit(
    state: State<'_, AppState>,
    id: u32,
    routine: RoutineInput,
) -> Result<Routine, IpcError> {
    state
        .write(move |vault| RoutinesMut::new(vault.conn()).edit(id, &routine, Utc::now()))
        .await
}

/// Copies a routine under a new name.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_duplicate(
    state: State<'_, AppState>,
    id: u32,
    name: String,
) -> Result<Routine, IpcError> {
    state
        .write(move |vault| RoutinesMut::new(vault.conn()).duplicate(id, &name, Utc::now()))
        .await
}

/// Deletes a routine; sessions started from it keep their sets.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_delete(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .write(move |vault| RoutinesMut::new(vault.conn()).delete(id))
        .await
}

/// How often a workout name must come back to be offered as a routine.
const REPEATS_FOR_A_ROUTINE: u32 = 3;

/// Workout names seen at least three times that name no routine yet, newest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_suggestions(state: State<'_, AppState>) -> Result<Vec<RepeatedWorkout>, IpcError> {
    state
        .read(move |conn| RepeatedWorkouts::new(conn).without_routine(REPEATS_FOR_A_ROUTINE))
        .await
}

/// Makes a routine of a workout: named after it, planned from its done working sets.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn routine_from_workout(state: State<'_, AppState>, session_id: u32) -> Result<Routine, IpcError> {
    state
        .write(move |vault| routine_from_session(vault.conn(), session_id, Utc::now()))
        .await
}
