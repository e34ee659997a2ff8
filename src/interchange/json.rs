//! Ironkeep's own JSON export: everything in the training log, by name rather than by id,
//! so it can be read by people and re-imported into any vault without loss.
//!
//! Schema (`format: "ironkeep-training"`, `version: 3`; version 2, without programs, and
//! version 1, without the journal and the WHOOP matches, still read): `exercises` (name, kind, muscle,
//! equipment, builtin, archived, needs_review, merged_into by name), `routines` (name,
//! notes, entries with exercise names), `sessions` (name, start and end in RFC 3339 UTC,
//! notes, routine name, source, and `sets` with exercise name, position, weight as
//! `{milli, unit}`, reps, RPE in half steps, kind, done, duration, distance, superset,
//! notes and record-flag bits, and `whoop`: the WHOOP workouts matched to it with their
//! `gid`, the lifter's decision and the figures WHOOP sent), `body_weight`, `body_measurements` (each with its global id
//! `gid`; a re-import skips an id the vault holds), `settings`, `journal_tags` (the user's own journal tags, with their `gid`) and
//! `journal` (one entry per local day: `gid`, `day`, the ticked tags by name, `note`;
//! a re-import skips an id or a day the vault holds), `programs` (each stored program's
//! document, source and `gid`, with its runs: starting training maxes, training maxes set
//! by hand, skipped days and the sessions started from its days; see
//! `programs::exchange`) and `exercise_loading` (increments and maximums by exercise
//! name), and `whoop`: every WHOOP record
//! per collection exactly as WHOOP last sent it (omitted when there is none). Import →
//! export → import is lossless for the training log; a session already present (same
//! start, name and source) is skipped. Import leaves the `whoop` section alone: a WHOOP
//! sync is the way WHOOP data enters a vault.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::training::exercises::{Equipment, ExerciseKind, Muscle};
use crate::training::sessions::{SESSION_COLUMNS, Session};
use crate::training::sets::{SET_COLUMNS, SetRow};
use crate::training::{Routines, SetInput, TrainingError, Weight};

pub use super::json_in::{JsonReport, import, import_into, import_watched, parse};

/// The `format` value of an export.
pub const FORMAT: &str = "ironkeep-training";
/// The schema version this binary writes; it reads this one and every older one.
pub const VERSION: u32 = 3;

/// A whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Every exercise.
    pub exercises: Vec<ExportExercise>,
    /// Every routine.
    pub routines: Vec<ExportRoutine>,
    /// Every session, oldest first.
    pub sessions: Vec<ExportSession>,
    /// The body-weight log, oldest first.
    pub body_weight: Vec<ExportBodyWeight>,
    /// Tape measurements and body fat, oldest first, each with its global id (absent from
    /// exports made before they existed).
    #[serde(default)]
    pub body_measurements: Vec<crate::training::BodyMeasurement>,
    /// Training preferences.
    pub settings: BTreeMap<String, String>,
    /// The user's own journal tags (absent from exports before version 2).
    #[serde(default)]
    pub journal_tags: Vec<crate::journal::OwnTag>,
    /// Journal entries, oldest first (absent from exports before version 2).
    #[serde(default)]
    pub journal: Vec<crate::journal::JournalEntry>,
    /// The user's programs with their runs (absent from exports before version 3).
    #[serde(default)]
    pub programs: Vec<crate::programs::exchange::ExportedProgram>,
    /// Each exercise's rounding for programs (absent from exports before version 3).
    #[serde(default)]
    pub exercise_loading: Vec<crate::programs::exchange::ExportedLoading>,
    /// WHOOP records by collection name, byte for byte as WHOOP last sent them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub whoop: BTreeMap<String, Vec<RawRecord>>,
}

/// One WHOOP record exactly as WHOOP sent it (its JSON text is kept, not re-encoded).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawRecord(pub Box<serde_json::value::RawValue>);

impl PartialEq for RawRecord {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

/// An exercise in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportExercise {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ExerciseKind,
    /// Muscle group.
    pub muscle: Option<Muscle>,
    /// Equipment.
    pub equipment: Equipment,
    /// From the built-in catalog.
    pub builtin: bool,
    /// Archived.
    pub archived: bool,
    /// Awaiting review.
    pub needs_review: bool,
    /// The name it was merged into.
    pub merged_into: Option<String>,
}

/// A routine entry in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportEntry {
    /// The exercise's name.
    pub exercise: String,
    /// Target sets.
    pub target_sets: u32,
    /// Fewest reps.
    pub reps_min: Option<u32>,
    /// Most reps.
    pub reps_max: Option<u32>,
    /// Weight.
    pub weight: Option<Weight>,
    /// Rest.
    pub rest_seconds: Option<u32>,
    /// Superset group.
    pub superset: Option<u8>,
}

/// A routine in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRoutine {
    /// Name.
    pub name: String,
    /// Notes.
    pub notes: String,
    /// Entries in order.
    pub entries: Vec<ExportEntry>,
}

/// A set in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSet {
    /// The exercise's name.
    pub exercise: String,
    /// Position in the session.
    pub position: u32,
    /// Everything else, as logged (its `exercise_id` is ignored on import).
    #[serde(flatten)]
    pub input: SetInput,
    /// Record-flag bits.
    pub records: u8,
}

/// A session in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSession {
    /// Name.
    pub name: String,
    /// Start.
    pub started_at: String,
    /// End.
    pub ended_at: Option<String>,
    /// Notes.
    pub notes: String,
    /// The routine's name.
    pub routine: Option<String>,
    /// Where it came from.
    pub source: String,
    /// Sets in order.
    pub sets: Vec<ExportSet>,
    /// The WHOOP workouts matched to it, with the lifter's decisions and the figures WHOOP
    /// sent (absent from exports made before matches existed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whoop: Vec<crate::matching::SessionEffort>,
}

/// A body-weight measurement in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportBodyWeight {
    /// When.
    pub measured_at: String,
    /// Weight.
    pub weight: Weight,
    /// manual or whoop.
    pub source: String,
}

/// Reads the whole training log and the journal.
pub fn export(conn: &Connection) -> Result<Export, TrainingError> {
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut exercises = Vec::new();
    let mut stmt = conn.prepare("SELECT id, name, kind, muscle, equipment, builtin, archived, needs_review, merged_into FROM exercise ORDER BY id")?;
    let rows: Vec<(u32, ExportExercise, Option<u32>)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                ExportExercise {
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    muscle: r.get(3)?,
                    equipment: r.get(4)?,
                    builtin: r.get(5)?,
                    archived: r.get(6)?,
                    needs_review: r.get(7)?,
                    merged_into: None,
                },
                r.get(8)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (id, e, _) in &rows {
        names.insert(*id, e.name.clone());
    }
    for (_, mut e, merged) in rows {
        e.merged_into = merged.and_then(|m| names.get(&m).cloned());
        exercises.push(e);
    }
    let name = |id: u32| names.get(&id).cloned().unwrap_or_default();
    let routines = Routines::new(conn)
        .list()?
        .into_iter()
        .map(|r| ExportRoutine {
            name: r.name,
            notes: r.notes,
            entries: r
                .entries
                .into_iter()
                .map(|e| ExportEntry {
                    exercise: name(e.exercise_id),
                    target_sets: e.target_sets,
                    reps_min: e.reps_min,
                    reps_max: e.reps_max,
                    weight: e.weight,
                    rest_seconds: e.rest_seconds,
                    superset: e.superset,
                })
                .collect(),
        })
        .collect();
    let routine_names: HashMap<u32, String> = conn
        .prepare("SELECT id, name FROM routine")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let headers: Vec<Session> = conn
        .prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM session ORDER BY started_at, id"
        ))?
        .query_map([], Session::from_row)?
        .collect::<Result<_, _>>()?;
    let mut set_stmt = conn.prepare(&format!(
        "SELECT {SET_COLUMNS} FROM session_set WHERE session_id = ?1 ORDER BY position"
    ))?;
    let mut sessions = Vec::with_capacity(headers.len());
    for s in headers {
        let sets = set_stmt
            .query_map([s.id], SetRow::from_row)?
            .map(|row| {
                row.map(|row| ExportSet {
                    exercise: name(row.input.exercise_id),
                    position: row.position,
                    records: row.records.bits(),
                    input: SetInput {
                        exercise_id: 0,
                        ..row.input
                    },
                })
            })
            .collect::<Result<_, _>>()?;
        sessions.push(ExportSession {
            name: s.name,
            started_at: s.started_at,
            ended_at: s.ended_at,
            notes: s.notes,
            routine: s.routine_id.and_then(|id| routine_names.get(&id).cloned()),
            source: s.source,
            sets,
            whoop: crate::matching::for_session(conn, s.id)?,
        });
    }
    let body_weight = conn
        .prepare("SELECT measured_at, weight_milli, weight_unit, source FROM body_weight ORDER BY measured_at, source")?
        .query_map([], |r| {
            let weight = Weight::from_milli(r.get(1)?, r.get(2)?)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Integer, Box::new(e)))?;
            Ok(ExportBodyWeight { measured_at: r.get(0)?, weight, source: r.get(3)? })
        })?
        .collect::<Result<_, _>>()?;
    let body_measurements = crate::training::BodyMeasures::new(conn).all()?;
    let settings = conn
        .prepare("SELECT key, value FROM training_setting ORDER BY key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut whoop = BTreeMap::new();
    for collection in crate::whoop::Collection::ALL {
        let records = crate::whoop::raw_records(conn, collection)?;
        if !records.is_empty() {
            whoop.insert(
                collection.name().to_owned(),
                records.into_iter().map(RawRecord).collect(),
            );
        }
    }
    let journal_tags = crate::journal::Tags::new(conn).own().map_err(journal_read)?;
    let journal = crate::journal::Journal::new(conn).all().map_err(journal_read)?;
    let programs = crate::programs::exchange::export_programs(conn).map_err(programs_read)?;
    let exercise_loading = crate::programs::exchange::export_loadings(conn).map_err(programs_read)?;
    Ok(Export {
        format: FORMAT.into(),
        version: VERSION,
        journal_tags,
        journal,
        programs,
        exercise_loading,
        exercises,
        routines,
        sessions,
        body_weight,
        body_measurements,
        settings,
        whoop,
    })
}

/// Reading the programs fails only in the database (or on a stored document that no
/// longer reads, which the core never writes).
fn programs_read(err: crate::programs::ProgramError) -> TrainingError {
    match err {
        crate::programs::ProgramError::Database(err) => TrainingError::Database(err),
        crate::programs::ProgramError::Training(err) => err,
        _ => TrainingError::Refused("the programs could not be read"),
    }
}

/// Reading the journal fails only in the database; anything else is reported as such.
fn journal_read(err: crate::journal::JournalError) -> TrainingError {
    match err {
        crate::journal::JournalError::Database(err) => TrainingError::Database(err),
        _ => TrainingError::Refused("the journal could not be read"),
    }
}
