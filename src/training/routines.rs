//! Routines: workout templates — an ordered list of exercises with target sets, reps (or a
//! rep range), weight and rest.
//!
//! A routine is edited as a whole: [`RoutinesMut::edit`] replaces its entries in one
//! transaction, so a reorder is just an edit with the entries in the new order. Every
//! entry's exercise must exist and be usable (C-003), and every list is bounded.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::{MAX_NOTES, clean_name, clean_text, in_range};
use super::exercises::Exercises;
use super::units::{Unit, Weight};
use super::{TrainingError, stamp};

/// Most entries in one routine.
pub const MAX_ENTRIES: usize = 50;
/// Most routines in a vault.
pub const MAX_ROUTINES: u32 = 500;

/// One exercise of a routine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoutineEntry {
    /// The exercise.
    pub exercise_id: u32,
    /// Target sets (1-20).
    pub target_sets: u32,
    /// Fewest target reps (or the exact target when `reps_max` is absent).
    pub reps_min: Option<u32>,
    /// Most target reps.
    pub reps_max: Option<u32>,
    /// Target weight as entered.
    pub weight: Option<Weight>,
    /// Rest after each set, seconds (0-3600).
    pub rest_seconds: Option<u32>,
    /// Superset group (1-50).
    pub superset: Option<u8>,
}

impl RoutineEntry {
    fn check(&self) -> Result<(), TrainingError> {
        in_range("target sets", i64::from(self.target_sets), 1, 20)?;
        for reps in [self.reps_min, self.reps_max].into_iter().flatten() {
            in_range("target reps", i64::from(reps), 0, 1000)?;
        }
        if let (Some(min), Some(max)) = (self.reps_min, self.reps_max)
            && min > max
        {
            return Err(TrainingError::Refused(
                "the rep range's minimum is above its maximum",
            ));
        }
        if let Some(rest) = self.rest_seconds {
            in_range("rest in seconds", i64::from(rest), 0, 3600)?;
        }
        if let Some(group) = self.superset {
            in_range("a superset group", i64::from(group), 1, 50)?;
        }
        Ok(())
    }
}

/// A routine to create, or what to replace one with.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RoutineInput {
    /// Its name (1-80 characters, unique ignoring case).
    pub name: String,
    /// Notes.
    pub notes: String,
    /// The exercises, in order (at most 50).
    pub entries: Vec<RoutineEntry>,
}

/// A stored routine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Routine {
    /// Its id on this device.
    pub id: u32,
    /// Its global id, the same on every device (32 hex digits).
    pub gid: String,
    /// Its name.
    pub name: String,
    /// Notes.
    pub notes: String,
    /// The exercises, in order.
    pub entries: Vec<RoutineEntry>,
}

/// Read-only access to routines.
#[derive(Debug, Clone, Copy)]
pub struct Routines<'c> {
    conn: &'c Connection,
}

impl<'c> Routines<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Every routine, by name (bounded by [`MAX_ROUTINES`]).
    pub fn list(&self) -> Result<Vec<Routine>, TrainingError> {
        let ids: Vec<u32> = self
            .conn
            .prepare_cached("SELECT id FROM routine ORDER BY name_key LIMIT ?1")?
            .query_map([MAX_ROUTINES], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.get(id)).collect()
    }

    /// The routine with this id.
    pub fn get(&self, id: u32) -> Result<Routine, TrainingError> {
        let (name, notes, gid): (String, String, String) = self
            .conn
            .prepare_cached("SELECT name, notes, lower(hex(gid)) FROM routine WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or(TrainingError::NotFound { what: "routine", id })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT exercise_id, target_sets, reps_min, reps_max, weight_milli, weight_unit, rest_seconds, superset
             FROM routine_exercise WHERE routine_id = ?1 ORDER BY position",
        )?;
        let entries = stmt
            .query_map([id], |r| {
                let weight = match (r.get::<_, Option<u32>>(4)?, r.get::<_, Option<Unit>>(5)?) {
                    (Some(milli), Some(unit)) => Weight::from_milli(milli, unit).ok(),
                    _ => None,
                };
                Ok(RoutineEntry {
                    exercise_id: r.get(0)?,
                    target_sets: r.get(1)?,
                    reps_min: r.get(2)?,
                    reps_max: r.get(3)?,
                    weight,
                    rest_seconds: r.get(6)?,
                    superset: r.get(7)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Routine {
            id,
            gid,
            name,
            notes,
            entries,
        })
    }

    /// The routine with this name (ignoring case).
    pub fn by_name(&self, name: &str) -> Result<Option<Routine>, TrainingError> {
        let (_, key) = clean_name("routine", name)?;
        let id: Option<u32> = self
            .conn
            .query_row("SELECT id FROM routine WHERE name_key = ?1", [key], |r| r.get(0))
            .optional()?;
        id.map(|id| self.get(id)).transpose()
    }
}

/// Changes to routines.
#[derive(Debug, Clone, Copy)]
pub struct RoutinesMut<'c> {
    conn: &'c Connection,
}

impl<'c> RoutinesMut<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    fn check(
        &self,
        input: &RoutineInput,
        except: Option<u32>,
    ) -> Result<(String, String, String), TrainingError> {
        let (name, key) = clean_name("routine", &input.name)?;
        let notes = clean_text("routine notes", &input.notes, MAX_NOTES)?;
        if input.entries.len() > MAX_ENTRIES {
            return Err(TrainingError::TooMany {
                what: "exercises in one routine",
                max: MAX_ENTRIES,
            });
        }
        let exercises = Exercises::new(self.conn);
        for entry in &input.entries {
            entry.check()?;
            exercises.usable(entry.exercise_id)?;
        }
        let taken: Option<(u32, String)> = self
            .conn
            .query_row("SELECT id, name FROM routine WHERE name_key = ?1", [&key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((id, existing)) = taken
            && Some(id) != except
        {
            return Err(TrainingError::NameTaken {
                what: "routine",
                name: existing,
            });
        }
        Ok((name, key, notes))
    }

    fn write_entries(&self, id: u32, entries: &[RoutineEntry]) -> Result<(), TrainingError> {
        self.conn
            .execute("DELETE FROM routine_exercise WHERE routine_id = ?1", [id])?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO routine_exercise (routine_id, position, exercise_id, target_sets, reps_min, reps_max,
                 weight_milli, weight_unit, rest_seconds, superset)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (position, e) in entries.iter().enumerate() {
            stmt.execute(params![
                id,
                position as u32,
                e.exercise_id,
                e.target_sets,
                e.reps_min,
                e.reps_max,
                e.weight.map(Weight::milli),
                e.weight.map(Weight::unit),
                e.rest_seconds,
                e.superset,
            ])?;
        }
        Ok(())
    }

    /// Creates a routine.
    pub fn create(&self, input: &RoutineInput, now: DateTime<Utc>) -> Result<Routine, TrainingError> {
        let (name, key, notes) = self.check(input, None)?;
        let count: u32 = self
            .conn
            .query_row("SELECT count(*) FROM routine", [], |r| r.get(0))?;
        if count >= MAX_ROUTINES {
            return Err(TrainingError::TooMany {
                what: "routines",
                max: MAX_ROUTINES as usize,
            });
        }
        let tx = crate::training::Atomic::begin(self.conn)?;
        tx.execute(
            "INSERT INTO routine (name, name_key, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![name, key, notes, stamp(now)],
        )?;
        let id =
            u32::try_from(tx.last_insert_rowid()).map_err(|_| TrainingError::Refused("too many routines"))?;
        self.write_entries(id, &input.entries)?;
        tx.commit()?;
        Routines::new(self.conn).get(id)
    }

    /// Replaces a routine's name, notes and entries (a reorder is an edit in a new order).
    pub fn edit(&self, id: u32, input: &RoutineInput, now: DateTime<Utc>) -> Result<Routine, TrainingError> {
        Routines::new(self.conn).get(id)?;
        let (name, key, notes) = self.check(input, Some(id))?;
        let tx = crate::training::Atomic::begin(self.conn)?;
        tx.execute(
            "UPDATE routine SET name = ?2, name_key = ?3, notes = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, name, key, notes, stamp(now)],
        )?;
        self.write_entries(id, &input.entries)?;
        tx.commit()?;
        Routines::new(self.conn).get(id)
    }

    /// Moves the entries into `order`: a permutation of their current positions.
    pub fn reorder(&self, id: u32, order: &[usize], now: DateTime<Utc>) -> Result<Routine, TrainingError> {
        let routine = Routines::new(self.conn).get(id)?;
        let mut seen = order.to_vec();
        seen.sort_unstable();
        if seen != (0..routine.entries.len()).collect::<Vec<_>>() {
            return Err(TrainingError::Refused(
                "the new order must list every entry's position exactly once",
            ));
        }
        let input = RoutineInput {
            name: routine.name,
            notes: routine.notes,
            entries: order.iter().map(|&i| routine.entries[i].clone()).collect(),
        };
        self.edit(id, &input, now)
    }

    /// Copies a routine under a new name.
    pub fn duplicate(&self, id: u32, new_name: &str, now: DateTime<Utc>) -> Result<Routine, TrainingError> {
        let routine = Routines::new(self.conn).get(id)?;
        self.create(
            &RoutineInput {
                name: new_name.to_owned(),
                notes: routine.notes,
                entries: routine.entries,
            },
            now,
        )
    }

    /// Deletes a routine; sessions started from it keep their sets.
    pub fn delete(&self, id: u32) -> Result<(), TrainingError> {
        Routines::new(self.conn).get(id)?;
        self.conn.execute("DELETE FROM routine WHERE id = ?1", [id])?;
        Ok(())
    }
}
