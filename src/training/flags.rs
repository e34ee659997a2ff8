//! Record flags: which records a set set at the moment it was logged, so the UI can
//! celebrate it on the spot and history can show it later.
//!
//! A new set is compared with every counting set of its exercise logged before it (in
//! time order: session start, session, position; warm-ups and undone sets never count,
//! and never set records). Whenever a write can change what later sets set — an import
//! adding history out of order, a set logged into an older session, a set edited or
//! deleted, a session moved or deleted — [`refresh`] recomputes every flag of the
//! exercise in time order, and its records into the cache, in one pass.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::TrainingError;
use super::records::{COUNTS, CountedSet, EPS, ExerciseRecords, Record, Tally, e1rm_epley, e1rm_sql, store};
use super::sets::{SetInput, SetKind};
use super::units::Weight;

/// Which records a set set when it was logged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecordFlags {
    /// Best estimated 1RM.
    pub e1rm: bool,
    /// Heaviest weight.
    pub heaviest: bool,
    /// Most reps at this weight.
    pub reps_at_weight: bool,
    /// Best set volume.
    pub set_volume: bool,
}

impl RecordFlags {
    /// Decodes the stored bits.
    pub fn from_bits(bits: u8) -> RecordFlags {
        RecordFlags {
            e1rm: bits & 1 != 0,
            heaviest: bits & 2 != 0,
            reps_at_weight: bits & 4 != 0,
            set_volume: bits & 8 != 0,
        }
    }

    /// The stored bits.
    pub fn bits(self) -> u8 {
        u8::from(self.e1rm)
            | u8::from(self.heaviest) << 1
            | u8::from(self.reps_at_weight) << 2
            | u8::from(self.set_volume) << 3
    }

    /// Whether any record was set.
    pub fn any(self) -> bool {
        self.bits() != 0
    }

    /// The records `input` would set against every set already stored for the exercise.
    pub(crate) fn for_new_set(
        conn: &Connection,
        exercise_id: u32,
        input: &SetInput,
    ) -> Result<RecordFlags, TrainingError> {
        Self::before(conn, exercise_id, input, None)
    }

    /// The records `input` sets against the exercise's other sets (all but `except`).
    pub(crate) fn before(
        conn: &Connection,
        exercise_id: u32,
        input: &SetInput,
        except: Option<u32>,
    ) -> Result<RecordFlags, TrainingError> {
        if input.kind == SetKind::Warmup || !input.done {
            return Ok(RecordFlags::default());
        }
        let kg = input.weight.map(Weight::kg);
        let reps = input.reps.unwrap_or(0);
        let (best_e1rm, heaviest, best_volume): (Option<f64>, Option<f64>, Option<f64>) = conn
            .prepare_cached(&format!(
                "SELECT max({}), max(weight_kg), max(weight_kg * reps) FROM session_set
                 WHERE exercise_id = ?1 AND {COUNTS} AND id IS NOT ?2",
                e1rm_sql("weight_kg", "reps")
            ))?
            .query_row(params![exercise_id, except], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let most_reps: Option<u32> = conn
            .prepare_cached(&format!(
                "SELECT max(reps) FROM session_set WHERE exercise_id = ?1 AND {COUNTS} AND id IS NOT ?2
                 AND ((?3 IS NULL AND weight_kg IS NULL) OR abs(weight_kg - ?3) < 1e-6)"
            ))?
            .query_row(params![exercise_id, except, kg], |r| r.get(0))?;
        Ok(RecordFlags {
            e1rm: beats(kg.and_then(|w| e1rm_epley(w, reps)), best_e1rm),
            heaviest: beats(kg, heaviest),
            reps_at_weight: reps > 0 && most_reps.is_none_or(|old| reps > old),
            set_volume: beats(kg.map(|w| w * f64::from(reps)), best_volume),
        })
    }
}

fn fmax(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn beats(new: Option<f64>, old: Option<f64>) -> bool {
    match (new, old) {
        (Some(new), Some(old)) => new > 0.0 && new > old + EPS,
        (Some(new), None) => new > 0.0,
        (None, _) => false,
    }
}

/// Recomputes the record flags of every set of `exercises` in time order, as if each had
/// been logged in turn, and their records into the `exercise_record` cache, in one pass
/// each: after an import adds history out of order, and after a set is edited, moved or
/// deleted (which can change what every later set of its exercise set).
pub(crate) fn refresh(conn: &Connection, exercises: &[u32]) -> Result<(), TrainingError> {
    let mut select = conn.prepare_cached(
        "SELECT s.kind <> 'warmup' AND s.done = 1, s.record_flags,
                s.id, s.session_id, x.started_at, s.weight_milli, s.weight_unit, s.weight_kg, s.reps
         FROM session_set s JOIN session x ON x.id = s.session_id
         WHERE s.exercise_id = ?1 ORDER BY x.started_at, x.id, s.position",
    )?;
    let mut update = conn.prepare_cached("UPDATE session_set SET record_flags = ?2 WHERE id = ?1")?;
    for &exercise in exercises {
        let Some(name) = conn
            .prepare_cached("SELECT name FROM exercise WHERE id = ?1")?
            .query_row([exercise], |r| r.get::<_, String>(0))
            .optional()?
        else {
            continue;
        };
        let (mut e1rm, mut heaviest, mut volume) = (None::<f64>, None::<f64>, None::<f64>);
        let mut reps_at: std::collections::HashMap<Option<i64>, u32> = std::collections::HashMap::new();
        let mut tally = Tally::default();
        let mut changed = Vec::new();
        let mut rows = select.query([exercise])?;
        while let Some(row) = rows.next()? {
            let (counts, old): (bool, u8) = (row.get(0)?, row.get(1)?);
            let mut flags = RecordFlags::default();
            if counts {
                let set = CountedSet::from_row(row, 2)?;
                let (kg, reps) = (set.kg, set.reps.unwrap_or(0));
                let this_e1rm = kg.and_then(|w| e1rm_epley(w, reps));
                let this_volume = kg.map(|w| w * f64::from(reps));
                flags.e1rm = beats(this_e1rm, e1rm);
                flags.heaviest = beats(kg, heaviest);
                flags.set_volume = beats(this_volume, volume);
                let at = reps_at.entry(kg.map(|w| (w * 1e6).round() as i64)).or_insert(0);
                flags.reps_at_weight = reps > *at;
                *at = (*at).max(reps);
                e1rm = fmax(e1rm, this_e1rm);
                heaviest = fmax(heaviest, kg);
                volume = fmax(volume, this_volume);
                tally.push(set);
            }
            if flags.bits() != old {
                changed.push((row.get::<_, u32>(2)?, flags.bits()));
            }
        }
        drop(rows);
        for (id, bits) in changed {
            update.execute(params![id, bits])?;
        }
        // After the updates: their trigger empties the exercise's cache entry.
        store(conn, &tally.finish(exercise, name))?;
    }
    Ok(())
}

/// Whether any session after `session_id` (in time order) holds a set of `exercise_id`.
pub(crate) fn later_sets_exist(
    conn: &Connection,
    exercise_id: u32,
    session_id: u32,
) -> Result<bool, TrainingError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM session x, session me
                 WHERE me.id = ?2 AND (x.started_at, x.id) > (me.started_at, me.id)
                   AND EXISTS (SELECT 1 FROM session_set s WHERE s.session_id = x.id AND s.exercise_id = ?1))",
        )?
        .query_row(params![exercise_id, session_id], |r| r.get(0))?)
}

/// Brings the cached records of an exercise up to date after `set_id` was appended after
/// every other set of it, without rescanning its history (`before` is the cache as it was
/// before the append; without one, records are computed on the next read).
pub(crate) fn append_to_cache(
    conn: &Connection,
    before: Option<ExerciseRecords>,
    set_id: u32,
) -> Result<(), TrainingError> {
    let Some(before) = before else { return Ok(()) };
    let set = conn
        .prepare_cached(&format!(
            "SELECT s.id, s.session_id, x.started_at, s.weight_milli, s.weight_unit, s.weight_kg, s.reps
             FROM session_set s JOIN session x ON x.id = s.session_id WHERE s.id = ?1 AND {COUNTS}"
        ))?
        .query_row([set_id], |r| CountedSet::from_row(r, 0))
        .optional()?;
    let (exercise_id, name) = (before.exercise_id, before.exercise.clone());
    let records = match set {
        None => before,
        Some(set) => {
            // The session's volume so far, summed in the order a full pass would sum it.
            let mut earlier = conn.prepare_cached(&format!(
                "SELECT weight_kg, reps FROM session_set
                 WHERE session_id = ?1 AND exercise_id = ?2 AND id <> ?3 AND {COUNTS} AND weight_kg IS NOT NULL
                 ORDER BY position"
            ))?;
            let mut rows = earlier.query(params![set.session_id, exercise_id, set_id])?;
            let mut so_far = None::<Record>;
            while let Some(row) = rows.next()? {
                let (kg, reps): (f64, Option<u32>) = (row.get(0)?, row.get(1)?);
                so_far
                    .get_or_insert_with(|| Record {
                        value: 0.0,
                        set_id: None,
                        session_id: set.session_id,
                        at: set.at.clone(),
                        weight: None,
                        reps: None,
                    })
                    .value += kg * f64::from(reps.unwrap_or(0));
            }
            let mut tally = Tally::resume(before, so_far);
            tally.push(set);
            tally.finish(exercise_id, name)
        }
    };
    store(conn, &records)
}
