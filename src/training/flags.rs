//! Record flags: which records a set set at the moment it was logged, so the UI can
//! celebrate it on the spot and history can show it later.
//!
//! A new set is compared with every counting set of its exercise logged before it (in
//! time order: session start, session, position; warm-ups and undone sets never count,
//! and never set records). A set appended after all the others is compared with the
//! exercise's bests from the records cache (`bests`), which its own write then brings up
//! to date, so logging costs the same on a ten-year history as on a first week. Whenever
//! a write can change what later sets set — an import adding history out of order, a set
//! logged into an older session, a set edited or deleted, a session moved or deleted —
//! [`refresh`] recomputes every flag of the exercise in time order, and its records and
//! bests into the cache, in one pass.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::TrainingError;
use super::bests::{Bests, beats, max as fmax};
use super::records::{COUNTS, Cached, CountedSet, Record, Tally, e1rm_epley, store};

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
        let mut bests = Bests::default();
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
                bests.fold(set.kg, set.reps);
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
        store(
            conn,
            &Cached {
                exercise_id: exercise,
                records: Some(tally.finish(exercise, name)),
                bests,
            },
        )?;
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

/// Brings an exercise's cache entry up to date after `set_id` was appended after every
/// other set of it, without rescanning its history (`before` is the entry as it was
/// before the append, which the append's trigger dropped).
pub(crate) fn append_to_cache(conn: &Connection, before: Cached, set_id: u32) -> Result<(), TrainingError> {
    let set = conn
        .prepare_cached(&format!(
            "SELECT s.id, s.session_id, x.started_at, s.weight_milli, s.weight_unit, s.weight_kg, s.reps
             FROM session_set s JOIN session x ON x.id = s.session_id WHERE s.id = ?1 AND {COUNTS}"
        ))?
        .query_row([set_id], |r| CountedSet::from_row(r, 0))
        .optional()?;
    let Some(set) = set else {
        return store(conn, &before);
    };
    let Cached {
        exercise_id,
        records,
        mut bests,
    } = before;
    bests.fold(set.kg, set.reps);
    let records = match records {
        None => None,
        Some(records) => {
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
            let name = records.exercise.clone();
            let mut tally = Tally::resume(records, so_far);
            tally.push(set);
            Some(tally.finish(exercise_id, name))
        }
    };
    store(
        conn,
        &Cached {
            exercise_id,
            records,
            bests,
        },
    )
}
