//! How an imported exercise name finds its lift: the vault's own names and merged aliases
//! (ignoring case), then the catalog under any spelling Strong, Hevy or FitNotes use
//! ([`Catalog::resolve`]); anything else becomes a custom exercise, its kind and equipment
//! guessed from the row, marked for review.

use rusqlite::Connection;

use super::ImportError;
use super::apply::ImportReport;
use super::csv_in::ImportRow;
use crate::training::catalog::{Catalog, MatchKey};
use crate::training::exercises::{Equipment, ExerciseKind};
use crate::training::{ExercisesMut, NewExercise};

/// The exercise id for `row`, creating a custom exercise (listed in `report`, tagged with
/// the import `run`) if needed.
pub(super) fn map_exercise(
    conn: &Connection,
    row: &ImportRow,
    run: i64,
    report: &mut ImportReport,
) -> Result<u32, ImportError> {
    if let Some(found) = Catalog::new(conn).resolve(&row.exercise)? {
        return Ok(found.id);
    }
    let kind = if row.distance.is_some() {
        ExerciseKind::Cardio
    } else if row.duration_s.is_some() && row.reps.is_none() {
        ExerciseKind::Timed
    } else {
        ExerciseKind::WeightReps
    };
    let equipment = MatchKey::of(&row.exercise).equipment.unwrap_or(Equipment::Other);
    let created = ExercisesMut::new(conn).add_for_review(&NewExercise {
        name: row.exercise.clone(),
        kind,
        muscle: None,
        equipment,
    })?;
    conn.execute(
        "UPDATE exercise SET import_run = ?2 WHERE id = ?1",
        (created.id, run),
    )?;
    report.exercises_created.push(created.name);
    Ok(created.id)
}
