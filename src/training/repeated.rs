//! Routines from workouts that repeat: an import brings in months of "Upper A" and
//! "Lower A" sessions, and the lifter should not have to type those routines again.
//!
//! A workout name (compared as routine names are: case and spacing ignored) that comes
//! back at least a given number of times and is not a routine's name yet is offered; the
//! routine is then built from its most recent session: its exercises in their order, as
//! many target sets as working sets were done, the rep range they spanned and the first
//! working set's weight as typed. Warm-ups and sets never done are not part of a plan.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::TrainingError;
use super::error::clean_name;
use super::exercises::Exercises;
use super::routines::{Routine, RoutineEntry, RoutineInput, RoutinesMut};
use super::sessions::{IN_PROGRESS, Sessions};
use super::sets::{SetKind, Sets};

/// A workout name that came back often enough to be a routine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RepeatedWorkout {
    /// The name, as its most recent session spells it (spacing tidied).
    pub name: String,
    /// How many sessions carry it.
    pub sessions: u32,
    /// Its most recent session, which a routine would be built from.
    pub latest_session_id: u32,
}

/// Read-only look at the workout names in the log.
#[derive(Debug, Clone, Copy)]
pub struct RepeatedWorkouts<'c> {
    conn: &'c Connection,
}

impl<'c> RepeatedWorkouts<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Done workouts whose name came back at least `at_least` times and names no
    /// routine yet, the most recently done first (at most 20).
    pub fn without_routine(&self, at_least: u32) -> Result<Vec<RepeatedWorkout>, TrainingError> {
        let taken: Vec<String> = self
            .conn
            .prepare_cached("SELECT name_key FROM routine")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Newest first, so the first session seen of a name is its most recent one.
        // Done workouts only: an imported one counts though its file did not say when it ended.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, name FROM session WHERE NOT {IN_PROGRESS} AND trim(name) <> ''
             ORDER BY started_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?;
        let mut found: Vec<(String, RepeatedWorkout)> = Vec::new();
        for row in rows {
            let (id, raw) = row?;
            let Ok((name, key)) = clean_name("workout", &raw) else {
                continue;
            };
            if taken.contains(&key) {
                continue;
            }
            match found.iter_mut().find(|(k, _)| *k == key) {
                Some((_, workout)) => workout.sessions += 1,
                None => found.push((
                    key,
                    RepeatedWorkout {
                        name,
                        sessions: 1,
                        latest_session_id: id,
                    },
                )),
            }
        }
        Ok(found
            .into_iter()
            .map(|(_, workout)| workout)
            .filter(|workout| workout.sessions >= at_least)
            .take(20)
            .collect())
    }
}

/// Creates a routine named after session `session_id`, planned from its done working sets.
pub fn routine_from_session(
    conn: &Connection,
    session_id: u32,
    now: DateTime<Utc>,
) -> Result<Routine, TrainingError> {
    let session = Sessions::new(conn).get(session_id)?;
    let sets = Sets::new(conn).of_session(session_id)?;
    let exercises = Exercises::new(conn);
    let mut entries: Vec<RoutineEntry> = Vec::new();
    for set in sets
        .iter()
        .filter(|s| s.input.done && s.input.kind != SetKind::Warmup)
    {
        let input = &set.input;
        // An exercise since archived or merged cannot be planned.
        if exercises.usable(input.exercise_id).is_err() {
            continue;
        }
        match entries.iter_mut().find(|e| e.exercise_id == input.exercise_id) {
            Some(entry) => {
                entry.target_sets = (entry.target_sets + 1).min(20);
                if let Some(reps) = input.reps {
                    let low = entry.reps_min.map_or(reps, |r| r.min(reps));
                    let high = entry.reps_max.or(entry.reps_min).map_or(reps, |r| r.max(reps));
                    entry.reps_min = Some(low);
                    entry.reps_max = (high != low).then_some(high);
                }
            }
            None => entries.push(RoutineEntry {
                exercise_id: input.exercise_id,
                target_sets: 1,
                reps_min: input.reps,
                reps_max: None,
                weight: input.weight,
                rest_seconds: None,
                superset: input.superset,
            }),
        }
    }
    if entries.is_empty() {
        return Err(TrainingError::Refused(
            "that workout has no done working sets to plan a routine from",
        ));
    }
    let input = RoutineInput {
        name: session.name,
        notes: String::new(),
        entries,
    };
    RoutinesMut::new(conn).create(&input, now)
}
