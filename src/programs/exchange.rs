//! Programs in Ironkeep's JSON export: the user's programs with their runs (starting
//! training maxes, overrides, skips and which sessions came from which day) and each
//! exercise's rounding settings.
//!
//! Rows are named by their global id (`gid`), so re-importing an export skips what the
//! vault already holds; a linked session is named the way the export names sessions
//! (start, name and source). A program whose name the vault already uses is skipped.
//! An imported run that was running is kept stopped when this vault already runs one, so
//! an import never replaces what the lifter is doing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::ProgramError;
use super::format::Program;
use super::run::{ExerciseLoading, weight_at};
use super::store::Source;
use crate::training::units::{Unit, Weight};
use crate::training::{Atomic, Exercises, stamp};

/// A stored program in an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedProgram {
    /// Its global id (32 hex digits).
    pub gid: String,
    /// Where it came from.
    pub source: Source,
    /// When it was stored.
    pub created_at: String,
    /// The program document.
    pub program: Program,
    /// Its runs, oldest first.
    pub runs: Vec<ExportedRun>,
}

/// One run of a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedRun {
    /// Its global id.
    pub gid: String,
    /// When it started.
    pub started_at: String,
    /// When it stopped (none while running).
    pub stopped_at: Option<String>,
    /// The training maxes it started with, by lift id.
    pub maxes: BTreeMap<String, Weight>,
    /// Training maxes set by hand and skipped days.
    pub events: Vec<ExportedEvent>,
    /// The sessions started from its days.
    pub sessions: Vec<ExportedLink>,
}

/// A training max set by hand (`lift` and `weight`) or a skipped day (`week`, `day`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEvent {
    /// Its global id.
    pub gid: String,
    /// When.
    pub at: String,
    /// The lift whose training max was set.
    pub lift: Option<String>,
    /// The training max set.
    pub weight: Option<Weight>,
    /// The skipped week, from 0.
    pub week: Option<u32>,
    /// The skipped day, from 0.
    pub day: Option<u32>,
}

/// A session started from a program day, named as the export names sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedLink {
    /// Its global id.
    pub gid: String,
    /// The session's start.
    pub session_started_at: String,
    /// The session's name.
    pub session_name: String,
    /// The session's source.
    pub session_source: String,
    /// The week, from 0.
    pub week: u32,
    /// The day, from 0.
    pub day: u32,
}

/// An exercise's rounding settings, by exercise name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedLoading {
    /// The exercise's name.
    pub exercise: String,
    /// Its increment.
    pub increment: Option<Weight>,
    /// Its maximum.
    pub max: Option<Weight>,
}

/// Every stored program with its runs.
pub fn export_programs(conn: &Connection) -> Result<Vec<ExportedProgram>, ProgramError> {
    let mut out = Vec::new();
    let mut stmt =
        conn.prepare("SELECT id, lower(hex(gid)), source, created_at, document FROM program ORDER BY id")?;
    let rows: Vec<(u32, String, Source, String, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    for (id, gid, source, created_at, document) in rows {
        out.push(ExportedProgram {
            gid,
            source,
            created_at,
            program: Program::parse(document.as_bytes())?,
            runs: runs_of(conn, id)?,
        });
    }
    Ok(out)
}

fn runs_of(conn: &Connection, program_id: u32) -> Result<Vec<ExportedRun>, ProgramError> {
    let mut stmt = conn.prepare(
        "SELECT id, lower(hex(gid)), started_at, stopped_at FROM program_run WHERE program_id = ?1 ORDER BY id",
    )?;
    let runs: Vec<(u32, String, String, Option<String>)> = stmt
        .query_map([program_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (id, gid, started_at, stopped_at) in runs {
        let mut maxes = BTreeMap::new();
        let mut stmt =
            conn.prepare("SELECT lift, weight_milli, weight_unit FROM program_run_max WHERE run_id = ?1")?;
        let rows: Vec<(String, u32, Unit)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (lift, milli, unit) in rows {
            maxes.insert(lift, Weight::from_milli(milli, unit)?);
        }
        let mut stmt = conn.prepare(
            "SELECT lower(hex(gid)), at, lift, weight_milli, weight_unit, week, day FROM program_event
             WHERE run_id = ?1 ORDER BY at, id",
        )?;
        let events = stmt
            .query_map([id], |r| {
                Ok(ExportedEvent {
                    gid: r.get(0)?,
                    at: r.get(1)?,
                    lift: r.get(2)?,
                    weight: weight_at(r, 3)?,
                    week: r.get(5)?,
                    day: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = conn.prepare(
            "SELECT lower(hex(p.gid)), x.started_at, x.name, x.source, p.week, p.day
             FROM program_session p JOIN session x ON x.id = p.session_id WHERE p.run_id = ?1 ORDER BY x.started_at, x.id",
        )?;
        let sessions = stmt
            .query_map([id], |r| {
                Ok(ExportedLink {
                    gid: r.get(0)?,
                    session_started_at: r.get(1)?,
                    session_name: r.get(2)?,
                    session_source: r.get(3)?,
                    week: r.get(4)?,
                    day: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        out.push(ExportedRun {
            gid,
            started_at,
            stopped_at,
            maxes,
            events,
            sessions,
        });
    }
    Ok(out)
}

/// Every exercise's rounding settings.
pub fn export_loadings(conn: &Connection) -> Result<Vec<ExportedLoading>, ProgramError> {
    let mut stmt = conn.prepare(
        "SELECT e.name, l.exercise_id FROM exercise_loading l JOIN exercise e ON e.id = l.exercise_id ORDER BY e.name",
    )?;
    let rows: Vec<(String, u32)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(exercise, id)| {
            let setting = ExerciseLoading::of(conn, id)?;
            Ok(ExportedLoading {
                exercise,
                increment: setting.increment,
                max: setting.max,
            })
        })
        .collect()
}

/// What an import of programs added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgramsRestored {
    /// Programs added.
    pub programs: u64,
    /// Runs added.
    pub runs: u64,
}

/// Adds the exported programs, runs and settings the vault does not hold yet (by global
/// id), all or nothing.
pub fn restore(
    conn: &Connection,
    programs: &[ExportedProgram],
    loadings: &[ExportedLoading],
    now: DateTime<Utc>,
) -> Result<ProgramsRestored, ProgramError> {
    let tx = Atomic::begin(conn)?;
    let mut added = ProgramsRestored::default();
    for exported in programs {
        exported.program.check()?;
        let gid = gid_of(&exported.gid)?;
        let name_key = exported
            .program
            .name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let existing: Option<u32> = conn
            .query_row(
                "SELECT id FROM program WHERE gid = ?1 OR name_key = ?2 ORDER BY gid = ?1 DESC",
                params![gid, name_key],
                |r| r.get(0),
            )
            .optional()?;
        let program_id = match existing {
            Some(id) => id,
            None => {
                crate::training::check_time(
                    "program's creation time",
                    crate::training::parse_stamp(&exported.created_at)?,
                    now,
                )?;
                conn.execute(
                    "INSERT INTO program (gid, name, name_key, author, source, document, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![
                        gid,
                        exported.program.name,
                        name_key,
                        exported.program.author,
                        exported.source,
                        exported.program.to_json(),
                        exported.created_at
                    ],
                )?;
                added.programs += 1;
                u32::try_from(conn.last_insert_rowid())
                    .map_err(|_| ProgramError::Refused("too many programs"))?
            }
        };
        for run in &exported.runs {
            if restore_run(conn, program_id, &exported.program, run, now)? {
                added.runs += 1;
            }
        }
    }
    for loading in loadings {
        if let Some(exercise) = Exercises::new(conn).find(&loading.exercise)? {
            let present: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM exercise_loading WHERE exercise_id = ?1)",
                [exercise.id],
                |r| r.get(0),
            )?;
            if !present {
                ExerciseLoading {
                    increment: loading.increment,
                    max: loading.max,
                }
                .set(conn, exercise.id)?;
            }
        }
    }
    tx.commit()?;
    Ok(added)
}

fn restore_run(
    conn: &Connection,
    program_id: u32,
    program: &Program,
    run: &ExportedRun,
    now: DateTime<Utc>,
) -> Result<bool, ProgramError> {
    let gid = gid_of(&run.gid)?;
    let present: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM program_run WHERE gid = ?1)",
        [&gid],
        |r| r.get(0),
    )?;
    if present {
        return Ok(false);
    }
    let started = crate::training::parse_stamp(&run.started_at)?;
    crate::training::check_time("program start", started, now)?;
    super::state::ProgramState::start(program, &run.maxes)?;
    let running: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM program_run WHERE stopped_at IS NULL)",
        [],
        |r| r.get(0),
    )?;
    // Kept stopped (at its start) when this vault already runs a program.
    let stopped = match (&run.stopped_at, running) {
        (Some(at), _) => Some(stamp(crate::training::parse_stamp(at)?.max(started))),
        (None, true) => Some(stamp(started)),
        (None, false) => None,
    };
    conn.execute(
        "INSERT INTO program_run (gid, program_id, started_at, stopped_at) VALUES (?1, ?2, ?3, ?4)",
        params![gid, program_id, stamp(started), stopped],
    )?;
    let run_id = conn.last_insert_rowid();
    for (lift, weight) in &run.maxes {
        conn.execute(
            "INSERT INTO program_run_max (run_id, lift, weight_milli, weight_unit) VALUES (?1, ?2, ?3, ?4)",
            params![run_id, lift, weight.milli(), weight.unit()],
        )?;
    }
    for event in &run.events {
        let at = stamp(crate::training::parse_stamp(&event.at)?);
        let (kind, ok) = match (&event.lift, event.weight, event.week, event.day) {
            (Some(lift), Some(_), None, None) => ("training_max", program.lift(lift).is_some()),
            (None, None, Some(week), Some(day)) => ("skip", week < 16 && day < 7),
            _ => ("", false),
        };
        if !ok {
            return Err(ProgramError::Refused(
                "an exported program event is neither a training max nor a skip",
            ));
        }
        conn.execute(
            "INSERT OR IGNORE INTO program_event (gid, run_id, at, kind, lift, weight_milli, weight_unit, week, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                gid_of(&event.gid)?,
                run_id,
                at,
                kind,
                event.lift,
                event.weight.map(Weight::milli),
                event.weight.map(Weight::unit),
                event.week,
                event.day
            ],
        )?;
    }
    for link in &run.sessions {
        let started = stamp(crate::training::parse_stamp(&link.session_started_at)?);
        let session: Option<u32> = conn
            .query_row(
                "SELECT id FROM session WHERE started_at = ?1 AND name = ?2 AND source = ?3",
                params![started, link.session_name, link.session_source],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(session) = session.filter(|_| link.week < 16 && link.day < 7) {
            conn.execute(
                "INSERT OR IGNORE INTO program_session (gid, session_id, run_id, week, day) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![gid_of(&link.gid)?, session, run_id, link.week, link.day],
            )?;
        }
    }
    Ok(true)
}

/// A global id from 32 hex digits.
fn gid_of(text: &str) -> Result<[u8; 16], ProgramError> {
    crate::gid::parse(text).ok_or(ProgramError::Refused("a global id must be 32 hex digits"))
}
