//! How an imported exercise name finds its lift: the catalog's own name or a merged alias
//! (ignoring case), then the names other apps use for the same lift; anything else becomes
//! a custom exercise, its kind and equipment guessed from the row, marked for review.

use rusqlite::Connection;

use super::ImportError;
use super::apply::ImportReport;
use super::csv_in::ImportRow;
use crate::training::exercises::{Equipment, ExerciseKind};
use crate::training::{Exercises, ExercisesMut, NewExercise};

/// Familiar names from other apps for lifts the catalog spells differently.
const ALIASES: &[(&str, &str)] = &[
    ("flat barbell bench press", "Bench Press (Barbell)"),
    ("barbell bench press", "Bench Press (Barbell)"),
    ("barbell squat", "Squat (Barbell)"),
    ("back squat", "Squat (Barbell)"),
    ("deadlift", "Deadlift (Barbell)"),
    ("conventional deadlift", "Deadlift (Barbell)"),
    ("overhead press", "Overhead Press (Barbell)"),
    (
        "standing barbell shoulder press (ohp)",
        "Overhead Press (Barbell)",
    ),
    ("barbell row", "Bent Over Row (Barbell)"),
    ("bent over row", "Bent Over Row (Barbell)"),
    ("pull-up", "Pull Up"),
    ("pull up", "Pull Up"),
    ("chin-up", "Chin Up"),
    ("push-up", "Push Up"),
    ("lat pulldown (machine)", "Lat Pulldown (Cable)"),
    ("romanian deadlift", "Romanian Deadlift (Barbell)"),
    ("dumbbell curl", "Bicep Curl (Dumbbell)"),
    ("running (treadmill)", "Running"),
];

/// The exercise id for `row`, creating a custom exercise (listed in `report`) if needed.
pub(super) fn map_exercise(
    conn: &Connection,
    row: &ImportRow,
    report: &mut ImportReport,
) -> Result<u32, ImportError> {
    let read = Exercises::new(conn);
    if let Some(found) = read.find(&row.exercise)? {
        return Ok(found.id);
    }
    let lower = row.exercise.to_lowercase();
    if let Some((_, name)) = ALIASES.iter().find(|(alias, _)| *alias == lower)
        && let Some(found) = read.find(name)?
    {
        return Ok(found.id);
    }
    let kind = if row.distance.is_some() {
        ExerciseKind::Cardio
    } else if row.duration_s.is_some() && row.reps.is_none() {
        ExerciseKind::Timed
    } else {
        ExerciseKind::WeightReps
    };
    let equipment = Equipment::ALL
        .iter()
        .copied()
        .find(|e| lower.contains(e.as_str()))
        .unwrap_or(Equipment::Other);
    let created = ExercisesMut::new(conn).add_for_review(&NewExercise {
        name: row.exercise.clone(),
        kind,
        muscle: None,
        equipment,
    })?;
    report.exercises_created.push(created.name);
    Ok(created.id)
}
