//! Copying and editing the lifter's programs in the window: a program's name, what each
//! lift's rule adds and the heaviest weight to prescribe, in the lifter's unit, and its
//! whole JSON document, checked by the core (every problem listed, grouped by lift and
//! day, nothing changed on a bad edit).
//!
//! A program that has been trained keeps its lifts, rules and days, which its runs replay
//! (the core refuses the rest and says to copy it).

use chrono::Utc;
use ironkeep::programs::run::{ExerciseLoading, exercise_of};
use ironkeep::programs::{Program, ProgramError, Programs, StoredProgram};
use ironkeep::training::Weight;
use ironkeep::training::settings::Settings;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tauri::State;

use super::{TrainingMax, exercise_name};
use crate::error::IpcError;
use crate::state::AppState;

/// One lift of a program being edited, in the lifter's unit.
#[derive(Debug, Serialize, specta::Type)]
pub struct LiftSettings {
    /// The program's lift id.
    pub id: String,
    /// The exercise's name in this vault.
    pub exercise: String,
    /// What the lift's rule adds to it, in the display unit.
    pub increment: Weight,
    /// The heaviest weight prescribed for the exercise, when one is set.
    pub maximum: Option<Weight>,
}

/// One of the lifter's programs, open for editing.
#[derive(Debug, Serialize, specta::Type)]
pub struct ProgramEditor {
    /// Its name.
    pub name: String,
    /// The author the document states, "(not verified)" unless Ironkeep shipped it.
    pub author: Option<String>,
    /// It has been trained: only its name, author and description can change.
    pub trained: bool,
    /// Its lifts.
    pub lifts: Vec<LiftSettings>,
    /// Its JSON document (docs/programs.md).
    pub document: String,
}

/// The heaviest weight to prescribe for a lift's exercise; none clears it.
#[derive(Debug, Deserialize, specta::Type)]
pub struct LiftMaximum {
    /// The lift id.
    pub lift: String,
    /// The maximum, in the unit typed.
    pub maximum: Option<Weight>,
}

/// An edit from the form: a name, increments and maximums by lift.
#[derive(Debug, Deserialize, specta::Type)]
pub struct ProgramEdit {
    /// The new name.
    pub name: String,
    /// What each lift's rule adds, by lift (in the unit typed).
    pub increments: Vec<TrainingMax>,
    /// The heaviest weight for each lift's exercise.
    pub maximums: Vec<LiftMaximum>,
}

pub(super) fn editor(conn: &Connection, stored: StoredProgram) -> Result<ProgramEditor, IpcError> {
    let unit = Settings::new(conn).display_unit()?;
    let trained = Programs::new(conn).trained(stored.id)?;
    let lifts = stored
        .program
        .lifts
        .iter()
        .map(|lift| {
            let maximum = match exercise_of(conn, &lift.exercise) {
                Ok(e) => ExerciseLoading::of(conn, e.id)?.max,
                Err(_) => None,
            };
            Ok(LiftSettings {
                id: lift.id.clone(),
                exercise: exercise_name(conn, &lift.exercise),
                increment: stored.program.increment(&lift.id, unit)?,
                maximum,
            })
        })
        .collect::<Result<_, ProgramError>>()?;
    Ok(ProgramEditor {
        name: stored.program.name.clone(),
        author: stored.author_label(),
        trained,
        lifts,
        document: stored.program.to_json(),
    })
}

fn mine(conn: &Connection, name: &str) -> Result<StoredProgram, ProgramError> {
    Programs::new(conn)
        .by_name(name)?
        .ok_or_else(|| ProgramError::UnknownProgram(name.to_owned()))
}

/// The lifter's program `name`, open for editing.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_editor(state: State<'_, AppState>, name: String) -> Result<ProgramEditor, IpcError> {
    state.read(move |conn| editor(conn, mine(conn, &name)?)).await
}

/// Copies `name` (the lifter's or a built-in) as `new_name`, open for editing.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_copy(
    state: State<'_, AppState>,
    name: String,
    new_name: String,
) -> Result<ProgramEditor, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            let copy = Programs::new(conn).copy(&name, &new_name, now)?;
            editor(conn, copy)
        })
        .await
}

/// Applies the form's edit to program `name`, all or nothing.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_edit(
    state: State<'_, AppState>,
    name: String,
    edit: ProgramEdit,
) -> Result<ProgramEditor, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            let stored = mine(conn, &name)?;
            let increments: Vec<(String, Weight)> =
                edit.increments.into_iter().map(|m| (m.lift, m.weight)).collect();
            let maximums: Vec<(String, Option<Weight>)> =
                edit.maximums.into_iter().map(|m| (m.lift, m.maximum)).collect();
            let stored = Programs::new(conn).edit(stored.id, &edit.name, &increments, &maximums, now)?;
            editor(conn, stored)
        })
        .await
}

/// Replaces program `name` with the typed JSON document, checked by the core.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_save_document(
    state: State<'_, AppState>,
    name: String,
    document: String,
) -> Result<ProgramEditor, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            let program = Program::parse(document.as_bytes())?;
            let stored = mine(conn, &name)?;
            let stored = Programs::new(conn).replace(stored.id, &program, now)?;
            editor(conn, stored)
        })
        .await
}
