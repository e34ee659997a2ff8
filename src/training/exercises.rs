//! Exercises: the built-in catalog (seeded by the migration) and the user's own lifts.
//!
//! Names are unique ignoring case, so "bench press (barbell)" typed or imported finds the
//! catalog's "Bench Press (Barbell)". Merging moves every set and routine entry of one
//! exercise onto another and keeps the old name as an alias, so later imports that use it
//! land on the right lift. Nothing is ever deleted here: archiving only hides.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::error::clean_name;
use super::{TrainingError, sql_enum};

sql_enum! {
    /// How an exercise is measured.
    ExerciseKind {
        /// Weight and reps.
        WeightReps => "weight_reps",
        /// Reps at body weight, optionally with added weight.
        Bodyweight => "bodyweight",
        /// A held position or carry, measured in time.
        Timed => "timed",
        /// Distance and time.
        Cardio => "cardio",
    }
}

sql_enum! {
    /// The main muscle group an exercise trains.
    Muscle {
        /// Chest.
        Chest => "chest",
        /// Back.
        Back => "back",
        /// Shoulders.
        Shoulders => "shoulders",
        /// Biceps.
        Biceps => "biceps",
        /// Triceps.
        Triceps => "triceps",
        /// Forearms.
        Forearms => "forearms",
        /// Quadriceps.
        Quads => "quads",
        /// Hamstrings.
        Hamstrings => "hamstrings",
        /// Glutes.
        Glutes => "glutes",
        /// Calves.
        Calves => "calves",
        /// Abdominals and trunk.
        Core => "core",
        /// Whole-body lifts.
        FullBody => "full_body",
        /// Conditioning.
        Cardio => "cardio",
    }
}

sql_enum! {
    /// What the exercise is done with.
    Equipment {
        /// Barbell.
        Barbell => "barbell",
        /// Dumbbells.
        Dumbbell => "dumbbell",
        /// A machine.
        Machine => "machine",
        /// A cable stack.
        Cable => "cable",
        /// Body weight only.
        Bodyweight => "bodyweight",
        /// Kettlebell.
        Kettlebell => "kettlebell",
        /// Resistance band.
        Band => "band",
        /// Anything else.
        Other => "other",
    }
}

/// One exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Exercise {
    /// Its id (a SQLite rowid; small, f64-safe).
    pub id: u32,
    /// Its global id (32 hex digits). Devices name a catalog exercise by its slug instead,
    /// since each device made its own copy of the catalog.
    pub gid: String,
    /// Its name as shown.
    pub name: String,
    /// How it is measured.
    pub kind: ExerciseKind,
    /// Main muscle group; `None` until the user assigns one (imported customs).
    pub muscle: Option<Muscle>,
    /// Equipment.
    pub equipment: Equipment,
    /// Part of the built-in catalog.
    pub builtin: bool,
    /// Hidden from lists and refused for new sets.
    pub archived: bool,
    /// Created by an import; the user should assign a muscle group or merge it.
    pub needs_review: bool,
    /// Set when this name was merged into another exercise.
    pub merged_into: Option<u32>,
}

pub(crate) const COLUMNS: &str =
    "id, name, kind, muscle, equipment, builtin, archived, needs_review, merged_into, lower(hex(gid))";

impl Exercise {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Exercise> {
        Ok(Exercise {
            id: row.get(0)?,
            gid: row.get(9)?,
            name: row.get(1)?,
            kind: row.get(2)?,
            muscle: row.get(3)?,
            equipment: row.get(4)?,
            builtin: row.get(5)?,
            archived: row.get(6)?,
            needs_review: row.get(7)?,
            merged_into: row.get(8)?,
        })
    }
}

/// A new custom exercise.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewExercise {
    /// Its name (1-80 characters, unique ignoring case).
    pub name: String,
    /// How it is measured.
    pub kind: ExerciseKind,
    /// Main muscle group, if known.
    pub muscle: Option<Muscle>,
    /// Equipment.
    pub equipment: Equipment,
}

/// Read-only access to exercises.
#[derive(Debug, Clone, Copy)]
pub struct Exercises<'c> {
    conn: &'c Connection,
}

impl<'c> Exercises<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Every exercise by name; merged aliases never, archived ones on request.
    pub fn list(&self, include_archived: bool) -> Result<Vec<Exercise>, TrainingError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM exercise WHERE merged_into IS NULL AND (?1 OR archived = 0)
             ORDER BY name_key"
        ))?;
        let rows = stmt.query_map([include_archived], Exercise::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The exercise with this id.
    pub fn get(&self, id: u32) -> Result<Exercise, TrainingError> {
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM exercise WHERE id = ?1"))?
            .query_row([id], Exercise::from_row)
            .optional()?
            .ok_or(TrainingError::NotFound { what: "exercise", id })
    }

    /// The exercise with this name (ignoring case), following merges to the live one.
    pub fn find(&self, name: &str) -> Result<Option<Exercise>, TrainingError> {
        let (_, key) = clean_name("exercise", name)?;
        let found = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM exercise WHERE name_key = ?1"))?
            .query_row([key], Exercise::from_row)
            .optional()?;
        match found {
            Some(Exercise {
                merged_into: Some(target),
                ..
            }) => self.follow(target).map(Some),
            other => Ok(other),
        }
    }

    /// Like [`Exercises::find`], but a missing name is an error.
    pub fn by_name(&self, name: &str) -> Result<Exercise, TrainingError> {
        self.find(name)?
            .ok_or_else(|| TrainingError::UnknownExercise(name.trim().to_owned()))
    }

    /// Follows a merge chain (bounded) to the exercise that holds the sets.
    pub(crate) fn follow(&self, mut id: u32) -> Result<Exercise, TrainingError> {
        for _ in 0..16 {
            let exercise = self.get(id)?;
            match exercise.merged_into {
                Some(next) => id = next,
                None => return Ok(exercise),
            }
        }
        Err(TrainingError::Refused("the exercise's merge chain is too long"))
    }

    /// The exercise `id`, checked usable for new sets: it exists, is not merged or archived.
    pub fn usable(&self, id: u32) -> Result<Exercise, TrainingError> {
        let exercise = self.get(id)?;
        if let Some(into) = exercise.merged_into {
            return Err(TrainingError::Merged {
                name: exercise.name,
                into: self.get(into)?.name,
            });
        }
        if exercise.archived {
            return Err(TrainingError::Archived(exercise.name));
        }
        Ok(exercise)
    }
}

/// Changes to exercises.
#[derive(Debug, Clone, Copy)]
pub struct ExercisesMut<'c> {
    conn: &'c Connection,
}

impl<'c> ExercisesMut<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Adds a custom exercise.
    pub fn add(&self, new: &NewExercise) -> Result<Exercise, TrainingError> {
        self.insert(new, false)
    }

    /// Adds a custom exercise that an import created and the user should review.
    pub fn add_for_review(&self, new: &NewExercise) -> Result<Exercise, TrainingError> {
        self.insert(new, true)
    }

    fn insert(&self, new: &NewExercise, review: bool) -> Result<Exercise, TrainingError> {
        let (name, key) = clean_name("exercise", &new.name)?;
        self.check_free(&key, None)?;
        self.conn.execute(
            "INSERT INTO exercise (name, name_key, kind, muscle, equipment, needs_review)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![name, key, new.kind, new.muscle, new.equipment, review],
        )?;
        let id = u32::try_from(self.conn.last_insert_rowid())
            .map_err(|_| TrainingError::Refused("too many exercises"))?;
        Exercises::new(self.conn).get(id)
    }

    fn check_free(&self, key: &str, except: Option<u32>) -> Result<(), TrainingError> {
        let taken: Option<(u32, String)> = self
            .conn
            .query_row("SELECT id, name FROM exercise WHERE name_key = ?1", [key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match taken {
            Some((id, name)) if Some(id) != except => Err(TrainingError::NameTaken {
                what: "exercise",
                name,
            }),
            _ => Ok(()),
        }
    }

    /// Renames an exercise (built-in ones too: it is the user's catalog).
    pub fn rename(&self, id: u32, new_name: &str) -> Result<Exercise, TrainingError> {
        Exercises::new(self.conn).get(id)?;
        let (name, key) = clean_name("exercise", new_name)?;
        self.check_free(&key, Some(id))?;
        self.conn.execute(
            "UPDATE exercise SET name = ?2, name_key = ?3 WHERE id = ?1",
            params![id, name, key],
        )?;
        Exercises::new(self.conn).get(id)
    }

    /// Sets the muscle group (and clears the review mark).
    pub fn set_muscle(&self, id: u32, muscle: Muscle) -> Result<Exercise, TrainingError> {
        Exercises::new(self.conn).get(id)?;
        self.conn.execute(
            "UPDATE exercise SET muscle = ?2, needs_review = 0 WHERE id = ?1",
            params![id, muscle],
        )?;
        Exercises::new(self.conn).get(id)
    }

    /// Archives (hides) or unarchives an exercise; its history stays.
    pub fn archive(&self, id: u32, archived: bool) -> Result<Exercise, TrainingError> {
        Exercises::new(self.conn).get(id)?;
        self.conn.execute(
            "UPDATE exercise SET archived = ?2 WHERE id = ?1",
            params![id, archived],
        )?;
        Exercises::new(self.conn).get(id)
    }

    /// Merges `from` into `into`: every set and routine entry moves, and `from` stays as an
    /// alias name. Returns how many sets moved. All or nothing.
    pub fn merge(&self, from: u32, into: u32) -> Result<u64, TrainingError> {
        if from == into {
            return Err(TrainingError::Refused("an exercise cannot be merged into itself"));
        }
        let read = Exercises::new(self.conn);
        let source = read.get(from)?;
        if source.merged_into.is_some() {
            return Err(TrainingError::Refused("that exercise was already merged"));
        }
        read.usable(into)?;
        let tx = crate::training::Atomic::begin(self.conn)?;
        let moved = tx.execute(
            "UPDATE session_set SET exercise_id = ?2 WHERE exercise_id = ?1",
            [from, into],
        )?;
        tx.execute(
            "UPDATE routine_exercise SET exercise_id = ?2 WHERE exercise_id = ?1",
            [from, into],
        )?;
        tx.execute(
            "UPDATE exercise SET merged_into = ?2 WHERE merged_into = ?1",
            [from, into],
        )?;
        tx.execute(
            "UPDATE exercise SET merged_into = ?2, archived = 1, needs_review = 0 WHERE id = ?1",
            [from, into],
        )?;
        tx.commit()?;
        Ok(moved as u64)
    }
}
