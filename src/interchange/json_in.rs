//! Reading an Ironkeep JSON export back: parsed without a database (bounded, fuzzable),
//! then every session and set checked like typed input before anything is written, then
//! written in batches ([`super::runs`]), all or nothing. Exercises and routines are
//! matched by name; a session already present (same start, name and source) is skipped,
//! so importing the same export twice adds nothing. Progress is counted in sets, like a
//! CSV import's, and Cancel removes every batch already written.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::json::{Export, ExportExercise, ExportSession, FORMAT, VERSION};
use super::progress::{ImportProgress, Pace};
use super::runs::Run;
use super::{Format, ImportError, MAX_FILE_BYTES};
use crate::training::sets::{Origin, write_row};
use crate::training::{
    Exercises, ExercisesMut, MAX_NOTES, NewExercise, RoutineEntry, RoutineInput, Routines, RoutinesMut,
    SetInput, TrainingError, Weight, check_time, clean_text, parse_stamp, stamp,
};
use crate::vault::Vault;

/// Parses an export without touching a database (bounded; for fuzzing too).
pub fn parse(bytes: &[u8]) -> Result<Export, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            max: MAX_FILE_BYTES,
            rows: super::MAX_ROWS,
        });
    }
    let export: Export = serde_json::from_slice(bytes).map_err(|e| ImportError::Json(e.to_string()))?;
    if export.format != FORMAT || !(1..=VERSION).contains(&export.version) {
        return Err(ImportError::Json(format!(
            "expected format {FORMAT} version 1 to {VERSION}"
        )));
    }
    Ok(export)
}

/// What a JSON import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct JsonReport {
    /// Exercises created.
    pub exercises_added: u64,
    /// Routines created.
    pub routines_added: u64,
    /// Sessions created.
    pub sessions_added: u64,
    /// Sessions skipped because they were already present.
    pub sessions_already_present: u64,
    /// Sets created.
    pub sets_added: u64,
    /// Journal days added (a day or id the vault holds already is skipped).
    pub journal_days_added: u64,
    /// Programs and runs added (an id or a program name the vault holds is skipped).
    pub programs: crate::programs::exchange::ProgramsRestored,
}

/// Imports an export into a connection nothing else writes to, all or nothing; every
/// value is validated like typed input.
pub fn import(
    conn: &Connection,
    export: &Export,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<JsonReport, ImportError> {
    import_watched(conn, export, dry_run, now, &mut |_| {}, &AtomicBool::new(false))
}

/// [`import`], reporting progress in sets (the export's sets, those of sessions already
/// present included) every [`PROGRESS_EVERY`](super::progress::PROGRESS_EVERY) sets and once
/// at the end, and stopping with [`ImportError::Cancelled`] once `cancel` is set (checked
/// at each report and before the last batch): the batches already committed are removed,
/// so nothing is written.
pub fn import_watched(
    conn: &Connection,
    export: &Export,
    dry_run: bool,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<JsonReport, ImportError> {
    write(conn, None, export, dry_run, now, progress, cancel)
}

/// [`import_watched`] into a vault that other work shares: every batch waits for the
/// vault's writer's turn, and if the process dies mid-import the next open of the vault
/// removes what it committed (see [`super::runs`]).
pub fn import_into(
    vault: &Vault,
    export: &Export,
    dry_run: bool,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<JsonReport, ImportError> {
    write(vault.conn(), Some(vault), export, dry_run, now, progress, cancel)
}

/// A session of the export, checked.
struct Checked<'e> {
    session: &'e ExportSession,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    name: String,
    notes: String,
}

/// Checks every session and set before anything is written: times, names, notes,
/// sources, sizes, each set as typed input, and that every exercise a set names is
/// listed or already in the vault.
fn check<'e>(
    conn: &Connection,
    export: &'e Export,
    now: DateTime<Utc>,
) -> Result<Vec<Checked<'e>>, ImportError> {
    let mut listed = std::collections::HashSet::new();
    for e in &export.exercises {
        listed.insert(crate::training::clean_name("exercise", &e.name)?.1);
    }
    let mut known = |name: &str| -> Result<(), ImportError> {
        let (_, key) = crate::training::clean_name("exercise", name)?;
        if listed.contains(&key)
            || conn
                .query_row("SELECT 1 FROM exercise WHERE name_key = ?1", [&key], |_| Ok(()))
                .optional()?
                .is_some()
        {
            listed.insert(key);
            Ok(())
        } else {
            Err(ImportError::Json(format!(
                "the exercise \"{name}\" is used but not listed"
            )))
        }
    };
    let mut checked = Vec::with_capacity(export.sessions.len());
    for s in &export.sessions {
        let start = parse_stamp(&s.started_at)?;
        check_time("start time", start, now)?;
        let end = s.ended_at.as_deref().map(parse_stamp).transpose()?;
        if end.is_some_and(|e| e < start) {
            return Err(TrainingError::InvalidDate {
                what: "end time",
                reason: "is before the session's start",
            }
            .into());
        }
        let name = clean_text("session name", &s.name, crate::training::MAX_NAME)?;
        let notes = clean_text("session notes", &s.notes, MAX_NOTES)?;
        if !["manual", "strong", "hevy", "fitnotes", "json"].contains(&s.source.as_str()) {
            return Err(ImportError::Json(format!(
                "unknown session source \"{}\"",
                s.source
            )));
        }
        if s.sets.len() > crate::training::sets::MAX_SETS_PER_SESSION as usize {
            return Err(TrainingError::TooMany {
                what: "sets in one session",
                max: crate::training::sets::MAX_SETS_PER_SESSION as usize,
            }
            .into());
        }
        crate::matching::check_restored(&s.whoop).map_err(TrainingError::from)?;
        for set in &s.sets {
            known(&set.exercise)?;
            set.input.check()?;
            if set.records > 15 || set.position > 10_000 {
                return Err(ImportError::Json(
                    "a set's records or position is out of range".into(),
                ));
            }
        }
        checked.push(Checked {
            session: s,
            start,
            end,
            name,
            notes,
        });
    }
    for r in &export.routines {
        if Routines::new(conn).by_name(&r.name)?.is_some() {
            continue;
        }
        for e in &r.entries {
            known(&e.exercise)?;
        }
    }
    Ok(checked)
}

/// Checks the export, then writes it in batches: the exercises, the sessions and their
/// sets, and last (with the run marked done) merges, routines, body data and settings.
fn write(
    conn: &Connection,
    vault: Option<&Vault>,
    export: &Export,
    dry_run: bool,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<JsonReport, ImportError> {
    let mut report = JsonReport::default();
    let total = export.sessions.iter().map(|s| s.sets.len()).sum::<usize>();
    let mut pace = Pace::new(progress, cancel, total);
    if pace.at(0) {
        return Err(ImportError::Cancelled);
    }
    let sessions = check(conn, export, now)?;
    let mut run = Run::start(conn, vault, Format::Json, dry_run, now)?;
    let id = run.id();
    for e in &export.exercises {
        if let Err(err) = run.row().and_then(|()| add_exercise(conn, e, id, &mut report)) {
            return run.abandon(err);
        }
    }
    let mut done = 0usize;
    for checked in &sessions {
        let s = checked.session;
        let present = run.row().and_then(|()| {
            Ok(conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM session WHERE started_at = ?1 AND name = ?2 AND source = ?3)",
                params![stamp(checked.start), checked.name, s.source],
                |r| r.get::<_, bool>(0),
            )?)
        });
        let present = match present {
            Ok(present) => present,
            Err(err) => return run.abandon(err),
        };
        if present {
            report.sessions_already_present += 1;
            for _ in &s.sets {
                done += 1;
                if pace.at(done) {
                    return run.abandon(ImportError::Cancelled);
                }
            }
            continue;
        }
        let session_id = match add_session(conn, checked, id).and_then(|session_id| {
            crate::matching::restore(conn, session_id, &s.whoop, now).map_err(TrainingError::from)?;
            Ok(session_id)
        }) {
            Ok(session_id) => session_id,
            Err(err) => return run.abandon(err),
        };
        report.sessions_added += 1;
        for set in &s.sets {
            let written = run.row().and_then(|()| {
                let input = SetInput {
                    exercise_id: id_of(conn, &set.exercise)?,
                    ..set.input.clone()
                };
                let notes = input.check()?;
                let origin = Origin {
                    key: None,
                    run: Some(id),
                };
                write_row(
                    conn,
                    session_id,
                    set.position,
                    &input,
                    &notes,
                    set.records,
                    origin,
                )?;
                Ok(())
            });
            if let Err(err) = written {
                return run.abandon(err);
            }
            report.sets_added += 1;
            done += 1;
            if pace.at(done) {
                return run.abandon(ImportError::Cancelled);
            }
        }
    }
    run.finish(now, |conn| {
        merges(conn, export)?;
        routines(conn, export, now, &mut report)?;
        for b in &export.body_weight {
            let at = parse_stamp(&b.measured_at)?;
            crate::training::BodyWeights::new(conn).log(at, b.weight, b.source == "whoop", now)?;
        }
        let measures = crate::training::BodyMeasures::new(conn);
        for entry in &export.body_measurements {
            measures.restore(entry, now)?;
        }
        let tags = crate::journal::Tags::new(conn);
        for tag in &export.journal_tags {
            tags.restore(tag)?;
        }
        let journal = crate::journal::Journal::new(conn);
        for entry in &export.journal {
            if journal.restore(entry, now)? {
                report.journal_days_added += 1;
            }
        }
        report.programs =
            crate::programs::exchange::restore(conn, &export.programs, &export.exercise_loading, now)?;
        for (key, value) in &export.settings {
            if key.len() <= 40 && value.len() <= 400 {
                conn.execute(
                    "INSERT OR IGNORE INTO training_setting (key, value) VALUES (?1, ?2)",
                    [key, value],
                )?;
            }
        }
        if pace.finish() {
            return Err(ImportError::Cancelled);
        }
        Ok(report)
    })
}

/// The id of the exercise named `name` (checked to exist by [`check`]).
fn id_of(conn: &Connection, name: &str) -> Result<u32, ImportError> {
    let (_, key) = crate::training::clean_name("exercise", name)?;
    conn.query_row("SELECT id FROM exercise WHERE name_key = ?1", [key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| ImportError::Json(format!("the exercise \"{name}\" is used but not listed")))
}

/// Adds a listed exercise the vault lacks, tagged with the run.
fn add_exercise(
    conn: &Connection,
    e: &ExportExercise,
    run: i64,
    report: &mut JsonReport,
) -> Result<(), ImportError> {
    if Exercises::new(conn).find(&e.name)?.is_some() && !e.archived {
        return Ok(());
    }
    if conn
        .query_row(
            "SELECT 1 FROM exercise WHERE name_key = ?1",
            [crate::training::clean_name("exercise", &e.name)?.1],
            |_| Ok(()),
        )
        .optional()?
        .is_some()
    {
        return Ok(());
    }
    let new = NewExercise {
        name: e.name.clone(),
        kind: e.kind,
        muscle: e.muscle,
        equipment: e.equipment,
    };
    let added = if e.needs_review {
        ExercisesMut::new(conn).add_for_review(&new)?
    } else {
        ExercisesMut::new(conn).add(&new)?
    };
    if e.archived {
        ExercisesMut::new(conn).archive(added.id, true)?;
    }
    conn.execute(
        "UPDATE exercise SET import_run = ?2 WHERE id = ?1",
        (added.id, run),
    )?;
    report.exercises_added += 1;
    Ok(())
}

/// Adds a checked session, tagged with the run.
fn add_session(conn: &Connection, checked: &Checked<'_>, run: i64) -> Result<u32, ImportError> {
    let s = checked.session;
    let routine_id = match &s.routine {
        Some(r) => Routines::new(conn).by_name(r)?.map(|r| r.id),
        None => None,
    };
    conn.execute(
        "INSERT INTO session (name, started_at, ended_at, notes, routine_id, source, import_run)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            checked.name,
            stamp(checked.start),
            checked.end.map(stamp),
            checked.notes,
            routine_id,
            s.source,
            run
        ],
    )?;
    Ok(u32::try_from(conn.last_insert_rowid()).map_err(|_| TrainingError::Refused("too many sessions"))?)
}

/// Merges the export's aliases into their lifts, where both are in the vault.
fn merges(conn: &Connection, export: &Export) -> Result<(), ImportError> {
    for e in export.exercises.iter().filter(|e| e.merged_into.is_some()) {
        let target = e.merged_into.as_deref().unwrap_or_default();
        let (_, key) = crate::training::clean_name("exercise", &e.name)?;
        let (_, target_key) = crate::training::clean_name("exercise", target)?;
        conn.execute(
            "UPDATE exercise SET merged_into = (SELECT id FROM exercise WHERE name_key = ?2), archived = 1
             WHERE name_key = ?1 AND merged_into IS NULL AND EXISTS (SELECT 1 FROM exercise WHERE name_key = ?2)",
            params![key, target_key],
        )?;
    }
    Ok(())
}

/// Creates the export's routines the vault lacks (by name).
fn routines(
    conn: &Connection,
    export: &Export,
    now: DateTime<Utc>,
    report: &mut JsonReport,
) -> Result<(), ImportError> {
    for r in &export.routines {
        if Routines::new(conn).by_name(&r.name)?.is_some() {
            continue;
        }
        let entries: Vec<RoutineEntry> = r
            .entries
            .iter()
            .map(|e| {
                Ok(RoutineEntry {
                    exercise_id: id_of(conn, &e.exercise)?,
                    target_sets: e.target_sets,
                    reps_min: e.reps_min,
                    reps_max: e.reps_max,
                    weight: e.weight,
                    rest_seconds: e.rest_seconds,
                    superset: e.superset,
                })
            })
            .collect::<Result<_, ImportError>>()?;
        // Entries may name archived exercises: write them as stored.
        let created = RoutinesMut::new(conn).create(
            &RoutineInput {
                name: r.name.clone(),
                notes: r.notes.clone(),
                entries: vec![],
            },
            now,
        )?;
        for (position, e) in entries.iter().enumerate() {
            conn.execute(
                "INSERT INTO routine_exercise (routine_id, position, exercise_id, target_sets, reps_min, reps_max,
                     weight_milli, weight_unit, rest_seconds, superset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![created.id, position as u32, e.exercise_id, e.target_sets, e.reps_min, e.reps_max,
                    e.weight.map(Weight::milli), e.weight.map(Weight::unit), e.rest_seconds, e.superset],
            )?;
        }
        report.routines_added += 1;
    }
    Ok(())
}
