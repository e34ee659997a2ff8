//! Records and progress: the numbers a lifter chases.
//!
//! The estimated one-rep max uses **Epley**: `weight × (1 + reps / 30)`, with no estimate
//! for 0 reps, the weight itself for 1 rep, and none past 12 reps (the formula drifts at
//! high reps). Per exercise we keep the best e1RM, the heaviest weight, the most reps at
//! each weight, the best set volume (weight × reps) and the best session volume. Warm-up
//! sets and sets not marked done never count. Weights compare in derived kilograms, so a
//! 100 kg set and a 220.5 lb set compete fairly; for bodyweight exercises the weight is the
//! added load.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::TrainingError;
use super::bests::Bests;
use super::body::BODY_WEIGHT_AT_SESSION;
use super::exercises::{ExerciseKind, Exercises};
use super::units::{Unit, Weight};

pub use super::flags::RecordFlags;
pub(crate) use super::flags::refresh;

/// The most reps an e1RM is estimated from.
pub const E1RM_MAX_REPS: u32 = 12;

/// Epley's estimated one-rep max in kg: none for 0 or more than 12 reps, the weight for 1.
pub fn e1rm_epley(weight_kg: f64, reps: u32) -> Option<f64> {
    match reps {
        0 => None,
        1 => Some(weight_kg),
        r if r <= E1RM_MAX_REPS => Some(weight_kg * (1.0 + f64::from(r) / 30.0)),
        _ => None,
    }
}

/// Epley in SQL over the expressions `load` (kg) and `reps`, matching [`e1rm_epley`].
pub(crate) fn e1rm_sql(load: &str, reps: &str) -> String {
    format!(
        "CASE WHEN {reps} = 1 THEN {load} WHEN {reps} BETWEEN 2 AND 12 THEN {load} * (1 + {reps} / 30.0) END"
    )
}
/// The sets that count toward records.
pub(crate) const COUNTS: &str = "kind <> 'warmup' AND done = 1";
pub(crate) const EPS: f64 = 1e-9;

/// One record: the value and the set (or session) that holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Record {
    /// The value in kg (e1RM, weight or volume), or reps for rep records.
    pub value: f64,
    /// The set holding it (`None` for session volume).
    pub set_id: Option<u32>,
    /// Its session.
    pub session_id: u32,
    /// When that session started, RFC 3339.
    pub at: String,
    /// The weight as entered.
    pub weight: Option<Weight>,
    /// The reps.
    pub reps: Option<u32>,
}

/// Every record of one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExerciseRecords {
    /// The exercise's id.
    pub exercise_id: u32,
    /// Its name.
    pub exercise: String,
    /// The formula behind `best_e1rm`: always "epley".
    pub e1rm_formula: String,
    /// Best estimated 1RM (kg).
    pub best_e1rm: Option<Record>,
    /// Heaviest weight (kg).
    pub heaviest: Option<Record>,
    /// Best single-set volume (kg × reps).
    pub best_set_volume: Option<Record>,
    /// Best session volume for this exercise (kg × reps, summed).
    pub best_session_volume: Option<Record>,
    /// Most reps at each weight, heaviest weight first (at most 50).
    pub reps_at_weight: Vec<Record>,
}

/// Read-only record queries.
#[derive(Debug, Clone, Copy)]
pub struct Records<'c> {
    conn: &'c Connection,
}

impl<'c> Records<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Records of every exercise that has counting sets, by name.
    pub fn all(&self) -> Result<Vec<ExerciseRecords>, TrainingError> {
        let ids: Vec<u32> = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id FROM exercise e WHERE EXISTS
                   (SELECT 1 FROM session_set s WHERE s.exercise_id = e.id AND {COUNTS})
                 ORDER BY e.name_key"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.of_exercise(id)).collect()
    }

    /// Records of one exercise, from the `exercise_record` cache when it holds them (its
    /// triggers drop an entry whenever the exercise's sets change), else computed and
    /// cached (best effort: a read-only connection just computes).
    pub fn of_exercise(&self, exercise_id: u32) -> Result<ExerciseRecords, TrainingError> {
        if let Some(Cached {
            records: Some(records),
            ..
        }) = cached(self.conn, exercise_id)?
        {
            return Ok(records);
        }
        let (records, bests) = compute(self.conn, exercise_id)?;
        let entry = Cached {
            exercise_id,
            records: Some(records.clone()),
            bests,
        };
        let _ = store(self.conn, &entry);
        Ok(records)
    }
}

/// Computes one exercise's records and bests: one pass over its counting sets, oldest
/// first, so a tie goes to the set that reached the value first.
pub(crate) fn compute(
    conn: &Connection,
    exercise_id: u32,
) -> Result<(ExerciseRecords, Bests), TrainingError> {
    let exercise = Exercises::new(conn).get(exercise_id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.session_id, x.started_at, s.weight_milli, s.weight_unit, s.weight_kg, s.reps
         FROM session_set s JOIN session x ON x.id = s.session_id
         WHERE s.exercise_id = ?1 AND {COUNTS} ORDER BY x.started_at, x.id, s.position"
    ))?;
    let mut rows = stmt.query([exercise_id])?;
    let mut tally = Tally::default();
    let mut bests = Bests::default();
    while let Some(row) = rows.next()? {
        let set = CountedSet::from_row(row, 0)?;
        bests.fold(set.kg, set.reps);
        tally.push(set);
    }
    Ok((tally.finish(exercise_id, exercise.name), bests))
}

/// One counting set, as records need it.
pub(crate) struct CountedSet {
    pub(crate) set_id: u32,
    pub(crate) session_id: u32,
    pub(crate) at: String,
    pub(crate) weight: Option<Weight>,
    pub(crate) kg: Option<f64>,
    pub(crate) reps: Option<u32>,
}

impl CountedSet {
    /// Reads `id, session_id, started_at, weight_milli, weight_unit, weight_kg, reps` from
    /// column `first` on.
    pub(crate) fn from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<CountedSet> {
        let weight = match (
            row.get::<_, Option<u32>>(first + 3)?,
            row.get::<_, Option<Unit>>(first + 4)?,
        ) {
            (Some(milli), Some(unit)) => Weight::from_milli(milli, unit).ok(),
            _ => None,
        };
        Ok(CountedSet {
            set_id: row.get(first)?,
            session_id: row.get(first + 1)?,
            at: row.get(first + 2)?,
            weight,
            kg: row.get(first + 5)?,
            reps: row.get(first + 6)?,
        })
    }
}

/// Records being computed from counting sets fed oldest first (ties go to the earlier set).
#[derive(Default)]
pub(crate) struct Tally {
    best_e1rm: Option<Record>,
    heaviest: Option<Record>,
    best_set_volume: Option<Record>,
    best_session_volume: Option<Record>,
    session: Option<Record>,
    by_weight: std::collections::HashMap<i64, (f64, Record)>,
}

fn better(best: &Option<Record>, value: f64) -> bool {
    value > 0.0 && best.as_ref().is_none_or(|b| value > b.value + EPS)
}

impl Tally {
    /// Continues from cached records, for a set appended after every other set of the
    /// exercise: `session_so_far` is the volume its session already holds for the exercise.
    pub(crate) fn resume(records: ExerciseRecords, session_so_far: Option<Record>) -> Tally {
        Tally {
            best_e1rm: records.best_e1rm,
            heaviest: records.heaviest,
            best_set_volume: records.best_set_volume,
            best_session_volume: records.best_session_volume,
            session: session_so_far,
            by_weight: records
                .reps_at_weight
                .into_iter()
                .filter_map(|r| {
                    let kg = r.weight?.kg();
                    Some(((kg * 1e6).round() as i64, (kg, r)))
                })
                .collect(),
        }
    }

    /// Feeds the next counting set.
    pub(crate) fn push(&mut self, set: CountedSet) {
        if self
            .session
            .as_ref()
            .is_some_and(|s| s.session_id != set.session_id)
        {
            let done = self.session.take();
            if let Some(done) = done.filter(|d| better(&self.best_session_volume, d.value)) {
                self.best_session_volume = Some(done);
            }
        }
        let Some(kg) = set.kg else { return };
        let reps = set.reps.unwrap_or(0);
        let volume = kg * f64::from(reps);
        let record = |value: f64| Record {
            value,
            set_id: Some(set.set_id),
            session_id: set.session_id,
            at: set.at.clone(),
            weight: set.weight,
            reps: set.reps,
        };
        let current = self.session.get_or_insert_with(|| Record {
            value: 0.0,
            set_id: None,
            session_id: set.session_id,
            at: set.at.clone(),
            weight: None,
            reps: None,
        });
        current.value += volume;
        if let Some(e1rm) = e1rm_epley(kg, reps).filter(|v| better(&self.best_e1rm, *v)) {
            self.best_e1rm = Some(record(e1rm));
        }
        if better(&self.heaviest, kg) {
            self.heaviest = Some(record(kg));
        }
        if better(&self.best_set_volume, volume) {
            self.best_set_volume = Some(record(volume));
        }
        if reps > 0 {
            let key = (kg * 1e6).round() as i64;
            if self
                .by_weight
                .get(&key)
                .is_none_or(|(_, r)| f64::from(reps) > r.value)
            {
                self.by_weight.insert(key, (kg, record(f64::from(reps))));
            }
        }
    }

    /// The records of everything fed.
    pub(crate) fn finish(mut self, exercise_id: u32, exercise: String) -> ExerciseRecords {
        if let Some(done) = self
            .session
            .take()
            .filter(|d| better(&self.best_session_volume, d.value))
        {
            self.best_session_volume = Some(done);
        }
        let mut reps_at_weight: Vec<(f64, Record)> = self.by_weight.into_values().collect();
        reps_at_weight.sort_by(|a, b| b.0.total_cmp(&a.0));
        ExerciseRecords {
            exercise_id,
            exercise,
            e1rm_formula: "epley".to_owned(),
            best_e1rm: self.best_e1rm,
            heaviest: self.heaviest,
            best_set_volume: self.best_set_volume,
            best_session_volume: self.best_session_volume,
            reps_at_weight: reps_at_weight.into_iter().take(50).map(|(_, r)| r).collect(),
        }
    }
}

/// What the `exercise_record` cache holds for one exercise: the bests a new set is
/// compared with, and its records while they are known. Adding sets in any order keeps
/// the bests exact; only a set appended after every other set keeps the records too (an
/// import landing older sets leaves them to the next read, which recomputes both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cached {
    /// The exercise.
    pub(crate) exercise_id: u32,
    /// Its records, unless sets were added out of order since they were computed.
    pub(crate) records: Option<ExerciseRecords>,
    /// Its bests.
    pub(crate) bests: Bests,
}

/// Stores an exercise's entry in the `exercise_record` cache.
pub(crate) fn store(conn: &Connection, entry: &Cached) -> Result<(), TrainingError> {
    let text =
        serde_json::to_string(entry).map_err(|_| TrainingError::Refused("records do not serialize"))?;
    conn.prepare_cached("INSERT OR REPLACE INTO exercise_record (exercise_id, records) VALUES (?1, ?2)")?
        .execute(params![entry.exercise_id, text])?;
    Ok(())
}

/// The cache's entry for an exercise, if it holds one (an entry in an older shape reads
/// as none, and is recomputed).
pub(crate) fn cached(conn: &Connection, exercise_id: u32) -> Result<Option<Cached>, TrainingError> {
    let text: Option<String> = conn
        .prepare_cached("SELECT records FROM exercise_record WHERE exercise_id = ?1")?
        .query_row([exercise_id], |r| r.get(0))
        .optional()?;
    Ok(text
        .and_then(|text| serde_json::from_str::<Cached>(&text).ok())
        .filter(|entry| entry.exercise_id == exercise_id))
}

/// One session's best for an exercise, for progress charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgressPoint {
    /// The session.
    pub session_id: u32,
    /// Its start, RFC 3339 UTC.
    pub at: String,
    /// Best Epley e1RM that session (kg), if any set had 1-12 reps.
    pub best_e1rm_kg: Option<f64>,
    /// Heaviest counting set (kg); for a bodyweight exercise the body weight plus any
    /// added weight, `None` while no body weight was logged before the session.
    pub top_weight_kg: Option<f64>,
    /// Most reps in one counting set, the number a bodyweight lift is charted by.
    pub top_reps: Option<u32>,
    /// Volume of the exercise that session (kg × reps).
    pub volume_kg: f64,
}

/// The most points one progress query returns.
pub const MAX_PROGRESS_POINTS: u32 = 2000;

impl Records<'_> {
    /// Per-session bests of one exercise for sessions starting in `[from, to)`, oldest
    /// first (at most [`MAX_PROGRESS_POINTS`], the most recent ones).
    pub fn progress(
        &self,
        exercise_id: u32,
        from: &str,
        to: &str,
    ) -> Result<Vec<ProgressPoint>, TrainingError> {
        let exercise = Exercises::new(self.conn).get(exercise_id)?;
        // A bodyweight lift's load is the body weight then plus the added weight (an
        // import's "0 kg" is no added weight); unknown until a body weight is logged.
        let load = if exercise.kind == ExerciseKind::Bodyweight {
            format!("({BODY_WEIGHT_AT_SESSION} + coalesce(s.weight_kg, 0))")
        } else {
            "s.weight_kg".to_owned()
        };
        let e1rm = e1rm_sql(&load, "s.reps");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT * FROM (
                 SELECT s.session_id, x.started_at, max({e1rm}), max({load}), max(s.reps),
                        coalesce(sum({load} * s.reps), 0.0)
                 FROM session_set s JOIN session x ON x.id = s.session_id
                 WHERE s.exercise_id = ?1 AND {COUNTS} AND x.started_at >= ?2 AND x.started_at < ?3
                 GROUP BY s.session_id ORDER BY x.started_at DESC LIMIT ?4)
             ORDER BY 2"
        ))?;
        let rows = stmt.query_map(params![exercise_id, from, to, MAX_PROGRESS_POINTS], |r| {
            Ok(ProgressPoint {
                session_id: r.get(0)?,
                at: r.get(1)?,
                best_e1rm_kg: r.get(2)?,
                top_weight_kg: r.get(3)?,
                top_reps: r.get(4)?,
                volume_kg: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
