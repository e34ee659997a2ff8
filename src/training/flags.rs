//! Record flags: which records a set set at the moment it was logged, so the UI can
//! celebrate it on the spot and history can show it later.
//!
//! A new set is compared with every earlier counting set of its exercise (warm-ups and
//! undone sets never count, and never set records). After an import adds history out of
//! order, [`reflag`] recomputes every flag of the touched exercises in time order, in one
//! pass each.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::TrainingError;
use super::records::{COUNTS, E1RM_SQL, EPS, e1rm_epley};
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
                "SELECT max({E1RM_SQL}), max(weight_kg), max(weight_kg * reps) FROM session_set
                 WHERE exercise_id = ?1 AND {COUNTS} AND id IS NOT ?2"
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

/// (set id, kg, reps, counts toward records, stored flags).
type FlagRow = (u32, Option<f64>, Option<u32>, bool, u8);

/// Recomputes the record flags of every set of `exercises` in time order, as if each had
/// been logged in turn (used after an import adds history out of order). One pass each.
pub(crate) fn reflag(conn: &Connection, exercises: &[u32]) -> Result<(), TrainingError> {
    let mut select = conn.prepare_cached(
        "SELECT s.id, s.weight_kg, s.reps, s.kind <> 'warmup' AND s.done = 1, s.record_flags
         FROM session_set s JOIN session x ON x.id = s.session_id
         WHERE s.exercise_id = ?1 ORDER BY x.started_at, x.id, s.position",
    )?;
    let mut update = conn.prepare_cached("UPDATE session_set SET record_flags = ?2 WHERE id = ?1")?;
    for &exercise in exercises {
        let rows: Vec<FlagRow> = select
            .query_map([exercise], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        let (mut e1rm, mut heaviest, mut volume) = (None::<f64>, None::<f64>, None::<f64>);
        let mut reps_at: std::collections::HashMap<Option<i64>, u32> = std::collections::HashMap::new();
        for (id, kg, reps, counts, old) in rows {
            let mut flags = RecordFlags::default();
            if counts {
                let reps = reps.unwrap_or(0);
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
            }
            if flags.bits() != old {
                update.execute(params![id, flags.bits()])?;
            }
        }
    }
    Ok(())
}
