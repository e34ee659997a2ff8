//! Sessions: one workout, started empty or from a routine, then finished and editable.
//!
//! Starting from a routine pre-fills the session with planned (not yet done) sets: for
//! each routine entry, its target sets, with the weight and reps of the lifter's last
//! performance of that exercise where there is one, else the routine's targets. The
//! routine must exist (C-003): a session can only refer to rows of this vault that are
//! really there, which both validation and the foreign keys enforce.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::error::{MAX_NOTES, clean_text};
use super::routines::Routines;
use super::sets::{SET_COLUMNS, SetInput, SetKind, SetRow, Sets, SetsMut};
use super::{TrainingError, check_time, parse_stamp, stamp};

/// A session's header.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Session {
    /// Its id on this device.
    pub id: u32,
    /// Its global id, the same on every device (32 hex digits).
    pub gid: String,
    /// A name, e.g. the routine's ("" when none).
    pub name: String,
    /// Start, RFC 3339 UTC.
    pub started_at: String,
    /// End, RFC 3339 UTC; `None` while in progress, or when an imported file did not say.
    pub ended_at: Option<String>,
    /// Notes.
    pub notes: String,
    /// The routine it was started from, if it still exists.
    pub routine_id: Option<u32>,
    /// Where it came from: manual, strong, hevy, fitnotes or json.
    pub source: String,
    /// Whether it is being logged now: logged here ("manual") and not finished. An
    /// imported session without an end is not in progress: its end is unknown.
    pub in_progress: bool,
}

/// The SQL condition that a session (of table `session`, unaliased) is in progress:
/// logged here and not finished. Everything that resumes or counts the workout in
/// progress uses it, so an imported session whose end is unknown is never resumed.
/// [`in_progress`] says the same in Rust.
pub(crate) const IN_PROGRESS: &str = "(ended_at IS NULL AND source = 'manual')";

/// Whether a session with this end and source is in progress (see [`IN_PROGRESS`]).
pub(crate) fn in_progress(ended_at: Option<&str>, source: &str) -> bool {
    ended_at.is_none() && source == "manual"
}

pub(crate) const SESSION_COLUMNS: &str =
    "id, name, started_at, ended_at, notes, routine_id, source, lower(hex(gid))";

impl Session {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
        let ended_at: Option<String> = row.get(3)?;
        let source: String = row.get(6)?;
        Ok(Session {
            id: row.get(0)?,
            gid: row.get(7)?,
            name: row.get(1)?,
            started_at: row.get(2)?,
            in_progress: in_progress(ended_at.as_deref(), &source),
            ended_at,
            notes: row.get(4)?,
            routine_id: row.get(5)?,
            source,
        })
    }
}

/// How to start a session.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StartSession {
    /// A name (defaults to the routine's name).
    pub name: Option<String>,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The routine to pre-fill from.
    pub routine_id: Option<u32>,
    /// Notes.
    pub notes: String,
}

/// A change to a session's header; `None` keeps a field.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionEdit {
    /// New name.
    pub name: Option<String>,
    /// New notes.
    pub notes: Option<String>,
    /// New start.
    pub started_at: Option<DateTime<Utc>>,
    /// New end.
    pub ended_at: Option<DateTime<Utc>>,
}

/// A session with its sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionDetail {
    /// The header.
    pub session: Session,
    /// Its sets, in order.
    pub sets: Vec<SetRow>,
}

/// Read-only access to sessions.
#[derive(Debug, Clone, Copy)]
pub struct Sessions<'c> {
    conn: &'c Connection,
}

impl<'c> Sessions<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// The session with this id.
    pub fn get(&self, id: u32) -> Result<Session, TrainingError> {
        self.conn
            .prepare_cached(&format!("SELECT {SESSION_COLUMNS} FROM session WHERE id = ?1"))?
            .query_row([id], Session::from_row)
            .optional()?
            .ok_or(TrainingError::NotFound { what: "session", id })
    }

    /// The session and its sets.
    pub fn detail(&self, id: u32) -> Result<SessionDetail, TrainingError> {
        Ok(SessionDetail {
            session: self.get(id)?,
            sets: Sets::new(self.conn).of_session(id)?,
        })
    }

    /// The most recent session still in progress, if any (never an imported one).
    pub fn in_progress(&self) -> Result<Option<Session>, TrainingError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {SESSION_COLUMNS} FROM session WHERE {IN_PROGRESS} ORDER BY started_at DESC, id DESC LIMIT 1"
            ))?
            .query_row([], Session::from_row)
            .optional()?)
    }

    /// The done sets (warm-ups included, so they can be compared with today's warm-ups) of
    /// the last session (before `before`) that had this exercise.
    pub fn last_performance(&self, exercise_id: u32, before: &str) -> Result<Vec<SetRow>, TrainingError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SET_COLUMNS} FROM session_set WHERE session_id = (
                 SELECT s.session_id FROM session_set s JOIN session x ON x.id = s.session_id
                 WHERE s.exercise_id = ?1 AND s.done = 1 AND x.started_at < ?2
                 ORDER BY x.started_at DESC, x.id DESC LIMIT 1)
             AND exercise_id = ?1 AND done = 1 ORDER BY position LIMIT 50"
        ))?;
        let rows = stmt.query_map(params![exercise_id, before], SetRow::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Changes to sessions.
#[derive(Debug, Clone, Copy)]
pub struct SessionsMut<'c> {
    conn: &'c Connection,
}

impl<'c> SessionsMut<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Starts a session, pre-filled from a routine when one is given.
    pub fn start(&self, start: &StartSession, now: DateTime<Utc>) -> Result<SessionDetail, TrainingError> {
        check_time("start time", start.started_at, now)?;
        let notes = clean_text("session notes", &start.notes, MAX_NOTES)?;
        let routine = match start.routine_id {
            Some(id) => Some(Routines::new(self.conn).get(id)?),
            None => None,
        };
        let name = match (&start.name, &routine) {
            (Some(name), _) => super::error::clean_text("session name", name, super::MAX_NAME)?,
            (None, Some(r)) => r.name.clone(),
            (None, None) => String::new(),
        };
        let started = stamp(start.started_at);
        let tx = crate::training::Atomic::begin(self.conn)?;
        let id = self.insert(&name, &started, None, &notes, start.routine_id, "manual")?;
        if let Some(routine) = routine {
            let sessions = Sessions::new(self.conn);
            let sets = SetsMut::new(self.conn);
            for entry in &routine.entries {
                // The plan follows last time's working sets; its warm-ups are the lifter's
                // to add again.
                let mut last = sessions.last_performance(entry.exercise_id, &started)?;
                last.retain(|set| set.input.kind != SetKind::Warmup);
                for n in 0..entry.target_sets {
                    let previous = last.get(n as usize).or(last.last()).map(|s| &s.input);
                    let planned = SetInput {
                        exercise_id: entry.exercise_id,
                        weight: previous.and_then(|p| p.weight).or(entry.weight),
                        reps: previous
                            .and_then(|p| p.reps)
                            .or(entry.reps_max)
                            .or(entry.reps_min),
                        rpe: None,
                        kind: SetKind::Working,
                        done: false,
                        duration_s: previous.and_then(|p| p.duration_s),
                        distance: previous.and_then(|p| p.distance),
                        superset: entry.superset,
                        notes: String::new(),
                    };
                    if planned.check().is_ok() {
                        sets.insert(id, &planned, None)?;
                    }
                }
            }
        }
        tx.commit()?;
        Sessions::new(self.conn).detail(id)
    }

    /// Inserts a session header (the caller validated everything and holds a transaction).
    pub(crate) fn insert(
        &self,
        name: &str,
        started_at: &str,
        ended_at: Option<&str>,
        notes: &str,
        routine_id: Option<u32>,
        source: &str,
    ) -> Result<u32, TrainingError> {
        self.conn
            .prepare_cached(
                "INSERT INTO session (name, started_at, ended_at, notes, routine_id, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![name, started_at, ended_at, notes, routine_id, source])?;
        u32::try_from(self.conn.last_insert_rowid()).map_err(|_| TrainingError::Refused("too many sessions"))
    }

    /// Finishes a session at `ended_at`; with `discard_undone`, planned sets never done go.
    pub fn finish(
        &self,
        id: u32,
        ended_at: DateTime<Utc>,
        discard_undone: bool,
        now: DateTime<Utc>,
    ) -> Result<Session, TrainingError> {
        let session = Sessions::new(self.conn).get(id)?;
        check_time("end time", ended_at, now)?;
        if ended_at < parse_stamp(&session.started_at)? {
            return Err(TrainingError::InvalidDate {
                what: "end time",
                reason: "is before the session's start",
            });
        }
        let tx = crate::training::Atomic::begin(self.conn)?;
        if discard_undone {
            tx.execute("DELETE FROM session_set WHERE session_id = ?1 AND done = 0", [id])?;
        }
        tx.execute(
            "UPDATE session SET ended_at = ?2 WHERE id = ?1",
            params![id, stamp(ended_at)],
        )?;
        // The end decides which WHOOP workouts overlap it.
        crate::matching::refresh_around(self.conn, id, now)?;
        tx.commit()?;
        Sessions::new(self.conn).get(id)
    }

    /// Changes a session's header afterwards.
    pub fn edit(&self, id: u32, edit: &SessionEdit, now: DateTime<Utc>) -> Result<Session, TrainingError> {
        let session = Sessions::new(self.conn).get(id)?;
        let name = match &edit.name {
            Some(name) => clean_text("session name", name, super::MAX_NAME)?,
            None => session.name,
        };
        let notes = match &edit.notes {
            Some(notes) => clean_text("session notes", notes, MAX_NOTES)?,
            None => session.notes,
        };
        let started = match edit.started_at {
            Some(at) => {
                check_time("start time", at, now)?;
                at
            }
            None => parse_stamp(&session.started_at)?,
        };
        let ended = match (edit.ended_at, &session.ended_at) {
            (Some(at), _) => Some(at),
            (None, Some(text)) => Some(parse_stamp(text)?),
            (None, None) => None,
        };
        if let Some(end) = ended {
            check_time("end time", end, now)?;
            if end < started {
                return Err(TrainingError::InvalidDate {
                    what: "end time",
                    reason: "is before the session's start",
                });
            }
        }
        let tx = super::Atomic::begin(self.conn)?;
        tx.execute(
            "UPDATE session SET name = ?2, notes = ?3, started_at = ?4, ended_at = ?5 WHERE id = ?1",
            params![id, name, notes, stamp(started), ended.map(stamp)],
        )?;
        if stamp(started) != session.started_at {
            // Moving a session in time changes which sets came before which.
            super::records::refresh(self.conn, &exercises_in(self.conn, id)?)?;
        }
        crate::matching::refresh_around(self.conn, id, now)?;
        tx.commit()?;
        Sessions::new(self.conn).get(id)
    }

    /// Puts the session's exercises in the order of `exercise_ids` (every exercise it holds
    /// sets of, each once) by renumbering its sets; superset groups move as one. Returns
    /// the session in its new order.
    pub fn reorder_exercises(&self, id: u32, exercise_ids: &[u32]) -> Result<SessionDetail, TrainingError> {
        super::order::reorder_exercises(self.conn, id, exercise_ids)?;
        Sessions::new(self.conn).detail(id)
    }

    /// Deletes a session and its sets.
    pub fn delete(&self, id: u32) -> Result<(), TrainingError> {
        Sessions::new(self.conn).get(id)?;
        let tx = super::Atomic::begin(self.conn)?;
        let exercises = exercises_in(self.conn, id)?;
        tx.execute("DELETE FROM session WHERE id = ?1", [id])?;
        // Later sets of these exercises may now hold the records this session held.
        super::records::refresh(self.conn, &exercises)?;
        tx.commit()?;
        Ok(())
    }
}

/// The exercises a session holds sets of.
fn exercises_in(conn: &Connection, session_id: u32) -> Result<Vec<u32>, TrainingError> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT exercise_id FROM session_set WHERE session_id = ?1")?;
    let ids = stmt.query_map([session_id], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}
