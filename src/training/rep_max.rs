//! The rep-max table: the heaviest weight lifted for at least 1, 2, … 12 reps.
//!
//! Lifters read strength as "what can I do for 5?"; a row per distinct weight (the
//! records' `reps_at_weight`) answers that badly once a log holds hundreds of weights.
//! Each row here is the heaviest counting set (done, not a warm-up) with at least that many
//! reps, as it was typed, with its Epley e1RM and its session. Weights compare in derived
//! kilograms; a tie goes to the earlier set. For a bodyweight exercise the weight is the
//! added load, as in the records.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::TrainingError;
use super::exercises::Exercises;
use super::records::{COUNTS, E1RM_MAX_REPS, e1rm_epley};
use super::units::{Unit, Weight};

/// The heaviest set with at least `reps` reps.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RepMax {
    /// The rep count of the row (1-12).
    pub reps: u32,
    /// The weight as typed.
    pub weight: Weight,
    /// The reps that set actually had (at least `reps`).
    pub set_reps: u32,
    /// Epley's e1RM of that set (kg), if it had at most 12 reps.
    pub e1rm_kg: Option<f64>,
    /// Its session.
    pub session_id: u32,
    /// When that session started, RFC 3339.
    pub at: String,
}

/// One exercise's rep maxes, 1 rep first; rep counts nobody reached are left out.
pub fn of_exercise(conn: &Connection, exercise_id: u32) -> Result<Vec<RepMax>, TrainingError> {
    Exercises::new(conn).get(exercise_id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.weight_milli, s.weight_unit, s.reps, x.id, x.started_at
         FROM session_set s JOIN session x ON x.id = s.session_id
         WHERE s.exercise_id = ?1 AND {COUNTS} AND s.reps >= ?2 AND s.weight_milli IS NOT NULL
         ORDER BY s.weight_kg DESC, x.started_at, x.id, s.position LIMIT 1"
    ))?;
    let mut maxes = Vec::new();
    for reps in 1..=E1RM_MAX_REPS {
        let mut rows = stmt.query(params![exercise_id, reps])?;
        let Some(row) = rows.next()? else { break };
        let unit: Unit = row.get(1)?;
        let weight = Weight::from_milli(row.get(0)?, unit)?;
        let set_reps: u32 = row.get(2)?;
        maxes.push(RepMax {
            reps,
            weight,
            set_reps,
            e1rm_kg: e1rm_epley(weight.kg(), set_reps),
            session_id: row.get(3)?,
            at: row.get(4)?,
        });
    }
    Ok(maxes)
}
