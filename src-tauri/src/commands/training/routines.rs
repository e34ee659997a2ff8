//! Commands for routines: list, create, edit (which also reorders entries), duplicate,
//! delete, and routines made from workouts that repeat (after an import).

use chrono::Utc;
use ironkeep::training::repeated::{RepeatedWorkout, RepeatedWorkouts, routine_from_session};
use ironkeep::training::{Routine, RoutineInput, Routines, RoutinesMut};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Every routine with its entries.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_list(state: State<'_, AppState>) -> Result<Vec<Routine>, IpcError> {
    state.with_vault(|vault| Routines::new(vault.conn()).list())
}

/// Creates a routine.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_create(state: State<'_, AppState>, routine: RoutineInput) -> Result<Routine, IpcError> {
    state.with_vault(|vault| RoutinesMut::new(vault.conn()).create(&routine, Utc::now()))
}

/// Replaces a routine's name, notes and entries (in their new order).
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_edit(state: State<'_, AppState>, id: u32, routine: RoutineInput) -> Result<Routine, IpcError> {
    state.with_vault(|vault| RoutinesMut::new(vault.conn()).edit(id, &routine, Utc::now()))
}

/// Copies a routine under a new name.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_duplicate(state: State<'_, AppState>, id: u32, name: String) -> Result<Routine, IpcError> {
    state.with_vault(|vault| RoutinesMut::new(vault.conn()).duplicate(id, &name, Utc::now()))
}

/// Deletes a routine; sessions started from it keep their sets.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_delete(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state.with_vault(|vault| RoutinesMut::new(vault.conn()).delete(id))
}

/// How often a workout name must come back to be offered as a routine.
const REPEATS_FOR_A_ROUTINE: u32 = 3;

/// Workout names seen at least three times that name no routine yet, newest first.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_suggestions(state: State<'_, AppState>) -> Result<Vec<RepeatedWorkout>, IpcError> {
    state.with_vault(|vault| RepeatedWorkouts::new(vault.conn()).without_routine(REPEATS_FOR_A_ROUTINE))
}

/// Makes a routine of a workout: named after it, planned from its done working sets.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn routine_from_workout(state: State<'_, AppState>, session_id: u32) -> Result<Routine, IpcError> {
    state.with_vault(|vault| routine_from_session(vault.conn(), session_id, Utc::now()))
}
