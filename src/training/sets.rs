//! Sets: the one thing logged dozens of times a session, so logging one is one call.
//!
//! [`SetsMut::log`] checks the session and exercise exist (the first review's C-003),
//! validates every value, stores the weight exactly as entered beside its derived
//! kilograms, and flags the records it sets against the lifter's earlier sets — all in one
//! transaction. Warm-up sets and sets not marked done never count toward records.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::error::{MAX_SET_NOTES, clean_text, in_range};
use super::exercises::Exercises;
use super::flags::{append_to_cache, later_sets_exist};
use super::records::{self, Cached, RecordFlags, refresh};
use super::units::{Distance, DistanceUnit, Rpe, Unit, Weight};
use super::{TrainingError, sql_enum};

sql_enum! {
    /// What kind of set it was.
    SetKind {
        /// A warm-up: never counts toward records or volume.
        Warmup => "warmup",
        /// A normal working set.
        Working => "working",
        /// A drop set.
        Drop => "drop",
        /// A set taken to failure.
        Failure => "failure",
    }
}

/// Most sets in one session.
pub const MAX_SETS_PER_SESSION: u32 = 500;

/// A set to log or to replace an existing one with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SetInput {
    /// The exercise's id.
    pub exercise_id: u32,
    /// The weight as entered (added weight for bodyweight exercises).
    pub weight: Option<Weight>,
    /// Repetitions, 0-1000.
    pub reps: Option<u32>,
    /// RPE 1-10 in steps of 0.5.
    pub rpe: Option<Rpe>,
    /// Warm-up, working, drop or failure.
    pub kind: SetKind,
    /// Whether it was performed (pre-filled sets from a routine start undone).
    pub done: bool,
    /// Seconds, for timed and cardio work (at most a day).
    pub duration_s: Option<u32>,
    /// Distance, for cardio.
    pub distance: Option<Distance>,
    /// Superset group inside the session (1-50): sets sharing it alternate.
    pub superset: Option<u8>,
    /// A short note (at most 500 characters).
    pub notes: String,
}

impl SetInput {
    /// A done working set of `reps` at `weight`.
    pub fn working(exercise_id: u32, weight: Weight, reps: u32) -> SetInput {
        SetInput {
            exercise_id,
            weight: Some(weight),
            reps: Some(reps),
            rpe: None,
            kind: SetKind::Working,
            done: true,
            duration_s: None,
            distance: None,
            superset: None,
            notes: String::new(),
        }
    }

    /// Whether it counts toward records (warm-ups and undone sets never do).
    pub(crate) fn counts(&self) -> bool {
        self.kind != SetKind::Warmup && self.done
    }

    /// Checks every bound; returns the cleaned notes.
    pub fn check(&self) -> Result<String, TrainingError> {
        if self.weight.is_none()
            && self.reps.is_none()
            && self.duration_s.is_none()
            && self.distance.is_none()
        {
            return Err(TrainingError::EmptySet);
        }
        if let Some(reps) = self.reps {
            in_range("reps", i64::from(reps), 0, 1000)?;
        }
        if let Some(seconds) = self.duration_s {
            in_range("a duration in seconds", i64::from(seconds), 0, 86_400)?;
        }
        if let Some(group) = self.superset {
            in_range("a superset group", i64::from(group), 1, 50)?;
        }
        if let Some(weight) = self.weight {
            Weight::from_milli(weight.milli(), weight.unit())?;
        }
        if let Some(distance) = self.distance {
            distance.check()?;
        }
        clean_text("set note", &self.notes, MAX_SET_NOTES)
    }
}

/// A stored set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SetRow {
    /// Its id on this device.
    pub id: u32,
    /// Its global id, the same on every device (32 hex digits).
    pub gid: String,
    /// Its session.
    pub session_id: u32,
    /// Its order inside the session, from 0.
    pub position: u32,
    /// What was logged.
    #[serde(flatten)]
    pub input: SetInput,
    /// The records it set when logged.
    pub records: RecordFlags,
}

pub(crate) const SET_COLUMNS: &str = "id, session_id, position, exercise_id, weight_milli, weight_unit, reps, \
     rpe_half, kind, done, duration_s, distance_milli, distance_unit, superset, notes, record_flags, lower(hex(gid))";

impl SetRow {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<SetRow> {
        let bad = |i, e: TrainingError| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Integer, Box::new(e))
        };
        let weight = match (row.get::<_, Option<u32>>(4)?, row.get::<_, Option<Unit>>(5)?) {
            (Some(milli), Some(unit)) => Some(Weight::from_milli(milli, unit).map_err(|e| bad(4, e))?),
            _ => None,
        };
        let rpe = match row.get::<_, Option<u8>>(7)? {
            Some(h) => Some(Rpe::from_halves(h).map_err(|e| bad(7, e))?),
            None => None,
        };
        let distance = match (row.get::<_, Option<u32>>(11)?, row.get::<_, Option<String>>(12)?) {
            (Some(milli), Some(unit)) => DistanceUnit::parse(&unit).map(|unit| Distance { milli, unit }),
            _ => None,
        };
        Ok(SetRow {
            id: row.get(0)?,
            gid: row.get(16)?,
            session_id: row.get(1)?,
            position: row.get(2)?,
            input: SetInput {
                exercise_id: row.get(3)?,
                weight,
                reps: row.get(6)?,
                rpe,
                kind: row.get(8)?,
                done: row.get(9)?,
                duration_s: row.get(10)?,
                distance,
                superset: row.get(13)?,
                notes: row.get(14)?,
            },
            records: RecordFlags::from_bits(row.get(15)?),
        })
    }
}

/// Where a set row comes from: for an imported set, the digest that finds it again on
/// re-import and the import run that wrote it (see `interchange::runs`); neither for a
/// typed one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// The import key, if the row came from a file that has one per set.
    pub key: Option<&'a [u8]>,
    /// The import run that wrote it.
    pub run: Option<i64>,
}

/// Writes one set row as given (the caller validated it and holds a transaction);
/// returns 0 when a set with the same import key already exists. An imported set's global
/// id is its import key, so every device that imports the same export names it alike.
pub(crate) fn write_row(
    conn: &Connection,
    session_id: u32,
    position: u32,
    input: &SetInput,
    notes: &str,
    flags: u8,
    origin: Origin<'_>,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "INSERT INTO session_set (session_id, exercise_id, position, weight_milli, weight_unit, weight_kg, reps,
             rpe_half, kind, done, duration_s, distance_milli, distance_unit, superset, notes, record_flags, import_key,
             import_run, gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 coalesce(?17, randomblob(16)))
         ON CONFLICT (import_key) DO NOTHING ON CONFLICT (gid) DO NOTHING",
    )?
    .execute(params![
        session_id,
        input.exercise_id,
        position,
        input.weight.map(Weight::milli),
        input.weight.map(Weight::unit),
        input.weight.map(Weight::kg),
        input.reps,
        input.rpe.map(Rpe::halves),
        input.kind,
        input.done,
        input.duration_s,
        input.distance.map(|d| d.milli),
        input.distance.map(|d| d.unit.as_str()),
        input.superset,
        notes,
        flags,
        origin.key,
        origin.run,
    ])
}

/// The result of logging a set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LoggedSet {
    /// The stored set, with its record flags.
    pub set: SetRow,
}

/// Read-only access to sets.
#[derive(Debug, Clone, Copy)]
pub struct Sets<'c> {
    conn: &'c Connection,
}

impl<'c> Sets<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// The set with this id.
    pub fn get(&self, id: u32) -> Result<SetRow, TrainingError> {
        self.conn
            .prepare_cached(&format!("SELECT {SET_COLUMNS} FROM session_set WHERE id = ?1"))?
            .query_row([id], SetRow::from_row)
            .optional()?
            .ok_or(TrainingError::NotFound { what: "set", id })
    }

    /// Every set of a session, in order (bounded by [`MAX_SETS_PER_SESSION`]).
    pub fn of_session(&self, session_id: u32) -> Result<Vec<SetRow>, TrainingError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SET_COLUMNS} FROM session_set WHERE session_id = ?1 ORDER BY position LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![session_id, MAX_SETS_PER_SESSION], SetRow::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Changes to sets.
#[derive(Debug, Clone, Copy)]
pub struct SetsMut<'c> {
    conn: &'c Connection,
}

impl<'c> SetsMut<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Logs a set at the end of a session, flagging the records it sets. One call, one
    /// transaction.
    pub fn log(&self, session_id: u32, input: &SetInput) -> Result<LoggedSet, TrainingError> {
        let tx = crate::training::Atomic::begin(self.conn)?;
        let id = self.insert(session_id, input, None)?;
        tx.commit()?;
        Ok(LoggedSet {
            set: Sets::new(self.conn).get(id)?,
        })
    }

    /// Inserts a set (the caller holds a transaction); `import_key` marks imported sets.
    pub(crate) fn insert(
        &self,
        session_id: u32,
        input: &SetInput,
        import_key: Option<&[u8]>,
    ) -> Result<u32, TrainingError> {
        let notes = input.check()?;
        let exists: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM session WHERE id = ?1)")?
            .query_row([session_id], |r| r.get(0))?;
        if !exists {
            return Err(TrainingError::NotFound {
                what: "session",
                id: session_id,
            });
        }
        let exercise = Exercises::new(self.conn).usable(input.exercise_id)?;
        let (count, next): (u32, u32) = self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(max(position) + 1, 0) FROM session_set WHERE session_id = ?1",
            )?
            .query_row([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if count >= MAX_SETS_PER_SESSION {
            return Err(TrainingError::TooMany {
                what: "sets in one session",
                max: MAX_SETS_PER_SESSION as usize,
            });
        }
        // Flags compare with the sets logged before this one: when a later session holds
        // the exercise, every flag from here on is recomputed after the write.
        // Otherwise they compare with the exercise's bests, from its cache entry (computed
        // once when the cache holds none and the set counts).
        let later = later_sets_exist(self.conn, exercise.id, session_id)?;
        let cache_before = if later {
            None
        } else {
            match records::cached(self.conn, exercise.id)? {
                Some(entry) => Some(entry),
                None if input.counts() => {
                    let (records, bests) = records::compute(self.conn, exercise.id)?;
                    Some(Cached {
                        exercise_id: exercise.id,
                        records: Some(records),
                        bests,
                    })
                }
                None => None,
            }
        };
        let flags = cache_before
            .as_ref()
            .map(|entry| entry.bests.flags(input))
            .unwrap_or_default();
        let input = SetInput {
            exercise_id: exercise.id,
            ..input.clone()
        };
        write_row(
            self.conn,
            session_id,
            next,
            &input,
            &notes,
            flags.bits(),
            Origin {
                key: import_key,
                run: None,
            },
        )?;
        let id = u32::try_from(self.conn.last_insert_rowid())
            .map_err(|_| TrainingError::Refused("too many sets"))?;
        if later {
            refresh(self.conn, &[exercise.id])?;
        } else if let Some(entry) = cache_before {
            append_to_cache(self.conn, entry, id)?;
        }
        Ok(id)
    }

    /// Replaces what a set holds (its session and position stay); record flags are
    /// recomputed against the sets logged before it, and so are those of every later set
    /// of the exercise (old and new, when it changes).
    pub fn edit(&self, set_id: u32, input: &SetInput) -> Result<SetRow, TrainingError> {
        let notes = input.check()?;
        let old = Sets::new(self.conn).get(set_id)?;
        let exercises = Exercises::new(self.conn);
        // Keeping an archived exercise is fine; moving a set onto one (or a merged one) is not.
        let exercise = if input.exercise_id == old.input.exercise_id {
            exercises.get(input.exercise_id)?
        } else {
            exercises.usable(input.exercise_id)?
        };
        let tx = crate::training::Atomic::begin(self.conn)?;
        tx.execute(
            "UPDATE session_set SET exercise_id = ?2, weight_milli = ?3, weight_unit = ?4, weight_kg = ?5,
                 reps = ?6, rpe_half = ?7, kind = ?8, done = ?9, duration_s = ?10, distance_milli = ?11,
                 distance_unit = ?12, superset = ?13, notes = ?14
             WHERE id = ?1",
            params![
                set_id,
                exercise.id,
                input.weight.map(Weight::milli),
                input.weight.map(Weight::unit),
                input.weight.map(Weight::kg),
                input.reps,
                input.rpe.map(Rpe::halves),
                input.kind,
                input.done,
                input.duration_s,
                input.distance.map(|d| d.milli),
                input.distance.map(|d| d.unit.as_str()),
                input.superset,
                notes,
            ],
        )?;
        // This set's flags, and every later set's of both exercises, may have changed.
        refresh(self.conn, &[old.input.exercise_id, exercise.id])?;
        tx.commit()?;
        Sets::new(self.conn).get(set_id)
    }

    /// Adds warm-up sets ramping up to `working` (see [`crate::training::warmup`]) before
    /// the exercise's first set in the session; returns them, in order.
    pub fn add_warmups(
        &self,
        session_id: u32,
        exercise_id: u32,
        working: Weight,
        plates: &super::plates::PlateSet,
    ) -> Result<Vec<SetRow>, TrainingError> {
        super::warmup::add(self.conn, session_id, exercise_id, working, plates)
    }

    /// Moves a set one place up or down among its exercise's sets in its session.
    pub fn move_set(&self, set_id: u32, up: bool) -> Result<(), TrainingError> {
        super::order::move_set(self.conn, set_id, up)
    }

    /// Deletes one set, and re-flags the later sets of its exercise (one of them may now
    /// hold a record this set held).
    pub fn delete(&self, set_id: u32) -> Result<(), TrainingError> {
        let old = Sets::new(self.conn).get(set_id)?;
        let tx = crate::training::Atomic::begin(self.conn)?;
        tx.execute("DELETE FROM session_set WHERE id = ?1", [set_id])?;
        refresh(self.conn, &[old.input.exercise_id])?;
        tx.commit()?;
        Ok(())
    }
}
