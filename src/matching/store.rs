//! Matches in the vault: refreshing them by the rule, the lifter's decisions, and what a
//! session shows.
//!
//! A refresh reads each WHOOP workout in range, finds its session by [`super::rules`], and
//! keeps the `whoop_match` row in step: an automatic match follows the rule (it moves or
//! goes when sessions are edited or deleted), a confirmed or rejected one only has its
//! figures refreshed. A match whose workout WHOOP deleted keeps its last figures and is
//! marked deleted. Every refresh is one savepoint: all of it or nothing.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::MatchError;
use super::rules::{SessionSpan, WorkoutSpan, best_session};
use crate::training::{Atomic, stamp};

/// How far before a WHOOP workout a session may start and still be a candidate: the
/// longest session the rule considers (imports bring workouts left running for 40 hours).
const LONGEST_SESSION: Duration = Duration::hours(48);

/// Who decided a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The overlap rule; follows sessions and workouts as they change.
    Auto,
    /// The lifter kept it, or moved the workout to this session.
    Confirmed,
    /// The lifter said the workout is not this session; it stays unmatched.
    Rejected,
}

impl Decision {
    fn as_str(self) -> &'static str {
        match self {
            Decision::Auto => "auto",
            Decision::Confirmed => "confirmed",
            Decision::Rejected => "rejected",
        }
    }

    fn parse(text: &str) -> Decision {
        match text {
            "confirmed" => Decision::Confirmed,
            "rejected" => Decision::Rejected,
            _ => Decision::Auto,
        }
    }
}

/// A WHOOP workout matched to a session, with what WHOOP measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionEffort {
    /// WHOOP's id for the workout.
    pub workout_id: String,
    /// The match's global id, 32 hex digits.
    pub gid: String,
    /// Who decided the match.
    pub decision: Decision,
    /// The sport WHOOP recorded ("weightlifting", "running", …).
    pub sport_name: String,
    /// Its start, RFC 3339 UTC.
    pub start: String,
    /// Its end, RFC 3339 UTC.
    pub end: String,
    /// The offset WHOOP recorded it in ("-05:00"), for showing local times.
    pub timezone_offset: String,
    /// WHOOP strain, 0-21, when scored.
    pub strain: Option<f64>,
    /// Average heart rate, bpm.
    pub average_heart_rate: Option<u32>,
    /// Maximum heart rate, bpm.
    pub max_heart_rate: Option<u32>,
    /// Energy, kJ.
    pub kilojoule: Option<f64>,
    /// Milliseconds in heart-rate zones 0 to 5, when WHOOP sent them.
    pub zone_ms: Option<Vec<u32>>,
    /// WHOOP no longer has the workout: the figures are the last ones seen.
    pub deleted_on_whoop: bool,
}

/// A WHOOP workout near a session, for choosing another match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkoutCandidate {
    /// WHOOP's id for the workout.
    pub workout_id: String,
    /// The sport WHOOP recorded.
    pub sport_name: String,
    /// Its start, RFC 3339 UTC.
    pub start: String,
    /// Its end, RFC 3339 UTC.
    pub end: String,
    /// WHOOP strain, when scored.
    pub strain: Option<f64>,
    /// The session it is matched to now, if any.
    pub session_id: Option<u32>,
}

/// What a refresh changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Refreshed {
    /// Workouts newly matched by the rule.
    pub matched: u32,
    /// Automatic matches moved to another session.
    pub moved: u32,
    /// Automatic matches dropped (the session no longer fits).
    pub dropped: u32,
}

/// One WHOOP workout as the refresh reads it.
struct Workout {
    id: String,
    span: WorkoutSpan,
    sport_name: String,
    timezone_offset: String,
    strain: Option<f64>,
    average_heart_rate: Option<i64>,
    max_heart_rate: Option<i64>,
    kilojoule: Option<f64>,
    zone_ms: Option<String>,
}

/// The zone durations inside a workout's raw record (`score.zone_durations`).
#[derive(Deserialize)]
struct Zones {
    zone_zero_milli: u32,
    zone_one_milli: u32,
    zone_two_milli: u32,
    zone_three_milli: u32,
    zone_four_milli: u32,
    zone_five_milli: u32,
}

#[derive(Deserialize)]
struct RawScore {
    zone_durations: Zones,
}

#[derive(Deserialize)]
struct RawWorkout {
    score: RawScore,
}

/// The six zone durations of a raw record as a JSON array, or `None` when it has none (not
/// scored yet, or a shape WHOOP did not document).
fn zones_of(raw: &str) -> Option<String> {
    let z = serde_json::from_str::<RawWorkout>(raw).ok()?.score.zone_durations;
    let all = [
        z.zone_zero_milli,
        z.zone_one_milli,
        z.zone_two_milli,
        z.zone_three_milli,
        z.zone_four_milli,
        z.zone_five_milli,
    ];
    serde_json::to_string(&all).ok()
}

const WORKOUT_COLUMNS: &str = "id, start_ms, end_ms, sport_name, timezone_offset, strain,
     average_heart_rate, max_heart_rate, kilojoule, raw";

fn workout_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Workout> {
    let raw: String = row.get(9)?;
    Ok(Workout {
        id: row.get(0)?,
        span: WorkoutSpan {
            start_ms: row.get(1)?,
            end_ms: row.get(2)?,
        },
        sport_name: row.get(3)?,
        timezone_offset: row.get(4)?,
        strain: row.get(5)?,
        average_heart_rate: row.get(6)?,
        max_heart_rate: row.get(7)?,
        kilojoule: row.get(8)?,
        zone_ms: zones_of(&raw),
    })
}

fn ms_stamp(ms: i64) -> Result<String, MatchError> {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map(stamp)
        .ok_or_else(|| MatchError::BadTime(ms.to_string()))
}

fn stamp_ms(text: &str) -> Result<i64, MatchError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .map_err(|_| MatchError::BadTime(text.to_owned()))
}

/// The sessions that may hold a workout: those starting up to [`LONGEST_SESSION`] before it
/// and up to the open-session margin after its end.
fn sessions_near(conn: &Connection, span: WorkoutSpan) -> Result<Vec<SessionSpan>, MatchError> {
    let from = ms_stamp(span.start_ms - LONGEST_SESSION.num_milliseconds())?;
    let to = ms_stamp(span.end_ms.max(span.start_ms) + super::rules::OPEN_BEFORE_MS)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, started_at, ended_at FROM session WHERE started_at >= ?1 AND started_at <= ?2",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, start, end) = row?;
        out.push(SessionSpan {
            id,
            start_ms: stamp_ms(&start)?,
            end_ms: end.as_deref().map(stamp_ms).transpose()?,
        });
    }
    Ok(out)
}

/// Stores `w` as matched to `session` by `decision`, with its figures as they are now.
fn upsert(
    conn: &Connection,
    w: &Workout,
    session: u32,
    decision: Decision,
    now: &str,
) -> Result<(), MatchError> {
    conn.prepare_cached(
        "INSERT INTO whoop_match (workout_id, session_id, decision, decided_at, sport_name,
             start_ms, end_ms, timezone_offset, strain, average_heart_rate, max_heart_rate,
             kilojoule, zone_ms, seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?4)
         ON CONFLICT (workout_id) DO UPDATE SET
             decided_at = CASE WHEN session_id = excluded.session_id AND decision = excluded.decision
                               THEN decided_at ELSE excluded.decided_at END,
             session_id = excluded.session_id, decision = excluded.decision,
             sport_name = excluded.sport_name, start_ms = excluded.start_ms,
             end_ms = excluded.end_ms, timezone_offset = excluded.timezone_offset,
             strain = excluded.strain, average_heart_rate = excluded.average_heart_rate,
             max_heart_rate = excluded.max_heart_rate, kilojoule = excluded.kilojoule,
             zone_ms = excluded.zone_ms, seen_at = excluded.seen_at",
    )?
    .execute(params![
        w.id,
        session,
        decision.as_str(),
        now,
        w.sport_name,
        w.span.start_ms,
        w.span.end_ms.max(w.span.start_ms),
        w.timezone_offset,
        w.strain,
        w.average_heart_rate,
        w.max_heart_rate,
        w.kilojoule,
        w.zone_ms,
    ])?;
    Ok(())
}

/// Applies the rule to `workouts` and keeps their rows in step; the lifter's decisions
/// only get fresh figures.
fn apply(conn: &Connection, workouts: &[Workout], now: DateTime<Utc>) -> Result<Refreshed, MatchError> {
    let mut done = Refreshed::default();
    let now = stamp(now);
    for w in workouts {
        let existing: Option<(u32, Decision)> = conn
            .prepare_cached("SELECT session_id, decision FROM whoop_match WHERE workout_id = ?1")?
            .query_row([&w.id], |r| {
                Ok((r.get(0)?, Decision::parse(&r.get::<_, String>(1)?)))
            })
            .optional()?;
        match existing {
            Some((session, decision)) if decision != Decision::Auto => {
                upsert(conn, w, session, decision, &now)?;
            }
            _ => match (existing, best_session(&sessions_near(conn, w.span)?, w.span)) {
                (Some(_), None) => {
                    conn.prepare_cached("DELETE FROM whoop_match WHERE workout_id = ?1")?
                        .execute([&w.id])?;
                    done.dropped += 1;
                }
                (was, Some(session)) => {
                    match was {
                        None => done.matched += 1,
                        Some((was, _)) if was != session => done.moved += 1,
                        Some(_) => {}
                    }
                    upsert(conn, w, session, Decision::Auto, &now)?;
                }
                (None, None) => {}
            },
        }
    }
    Ok(done)
}

/// Marks the matches whose workout is no longer among WHOOP's records as deleted.
fn mark_deleted(conn: &Connection) -> Result<(), MatchError> {
    conn.execute(
        "UPDATE whoop_match SET seen_at = NULL
         WHERE seen_at IS NOT NULL AND workout_id NOT IN (SELECT id FROM whoop_workout)",
        [],
    )?;
    Ok(())
}

/// Matches every WHOOP workout in the vault by the rule (after a WHOOP sync, or an import).
pub fn refresh(conn: &Connection, now: DateTime<Utc>) -> Result<Refreshed, MatchError> {
    let atomic = Atomic::begin(conn)?;
    let workouts = atomic
        .prepare(&format!(
            "SELECT {WORKOUT_COLUMNS} FROM whoop_workout ORDER BY start_ms, id"
        ))?
        .query_map([], workout_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let done = apply(&atomic, &workouts, now)?;
    mark_deleted(&atomic)?;
    atomic.commit()?;
    Ok(done)
}

/// Matches again the WHOOP workouts that may belong to one session, after it was finished
/// or its times edited: those near it, and those matched to it now.
pub fn refresh_around(
    conn: &Connection,
    session_id: u32,
    now: DateTime<Utc>,
) -> Result<Refreshed, MatchError> {
    let (start, end): (String, Option<String>) = conn
        .query_row(
            "SELECT started_at, ended_at FROM session WHERE id = ?1",
            [session_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(MatchError::UnknownSession(session_id))?;
    let start_ms = stamp_ms(&start)?;
    let end_ms = match end.as_deref() {
        Some(end) => stamp_ms(end)?,
        None => start_ms + super::rules::OPEN_AFTER_MS,
    };
    let atomic = Atomic::begin(conn)?;
    let workouts = atomic
        .prepare(&format!(
            "SELECT {WORKOUT_COLUMNS} FROM whoop_workout
             WHERE (start_ms BETWEEN ?1 AND ?2)
                OR id IN (SELECT workout_id FROM whoop_match WHERE session_id = ?3)
             ORDER BY start_ms, id"
        ))?
        .query_map(
            params![
                start_ms - LONGEST_SESSION.num_milliseconds(),
                end_ms + LONGEST_SESSION.num_milliseconds(),
                session_id
            ],
            workout_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let done = apply(&atomic, &workouts, now)?;
    atomic.commit()?;
    Ok(done)
}

/// The WHOOP workouts matched to a session (rejected ones too, so they can be undone),
/// oldest first.
pub fn for_session(conn: &Connection, session_id: u32) -> Result<Vec<SessionEffort>, MatchError> {
    let mut stmt = conn.prepare_cached(
        "SELECT workout_id, lower(hex(gid)), decision, sport_name, start_ms, end_ms, timezone_offset,
                strain, average_heart_rate, max_heart_rate, kilojoule, zone_ms, seen_at IS NULL
         FROM whoop_match WHERE session_id = ?1 ORDER BY start_ms, workout_id",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ),
            (r.get::<_, i64>(4)?, r.get::<_, i64>(5)?, r.get::<_, String>(6)?),
            (
                r.get::<_, Option<f64>>(7)?,
                r.get::<_, Option<u32>>(8)?,
                r.get::<_, Option<u32>>(9)?,
                r.get::<_, Option<f64>>(10)?,
                r.get::<_, Option<String>>(11)?,
                r.get::<_, bool>(12)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((workout_id, gid, decision, sport_name), (start, end, timezone_offset), figures) = row?;
        let (strain, average_heart_rate, max_heart_rate, kilojoule, zones, deleted_on_whoop) = figures;
        out.push(SessionEffort {
            workout_id,
            gid,
            decision: Decision::parse(&decision),
            sport_name,
            start: ms_stamp(start)?,
            end: ms_stamp(end)?,
            timezone_offset,
            strain,
            average_heart_rate,
            max_heart_rate,
            kilojoule,
            zone_ms: zones.and_then(|z| serde_json::from_str(&z).ok()),
            deleted_on_whoop,
        });
    }
    Ok(out)
}

/// The WHOOP workouts starting within 12 hours of a session's start, to choose a match from.
pub fn candidates(conn: &Connection, session_id: u32) -> Result<Vec<WorkoutCandidate>, MatchError> {
    let start: String = conn
        .query_row(
            "SELECT started_at FROM session WHERE id = ?1",
            [session_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(MatchError::UnknownSession(session_id))?;
    let at = stamp_ms(&start)?;
    let half_day = Duration::hours(12).num_milliseconds();
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.sport_name, w.start_ms, w.end_ms, w.strain, m.session_id
         FROM whoop_workout w LEFT JOIN whoop_match m ON m.workout_id = w.id AND m.decision != 'rejected'
         WHERE w.start_ms BETWEEN ?1 AND ?2 ORDER BY w.start_ms, w.id",
    )?;
    let rows = stmt.query_map(params![at - half_day, at + half_day], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Option<f64>>(4)?,
            r.get::<_, Option<u32>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (workout_id, sport_name, start, end, strain, session_id) = row?;
        out.push(WorkoutCandidate {
            workout_id,
            sport_name,
            start: ms_stamp(start)?,
            end: ms_stamp(end.max(start))?,
            strain,
            session_id,
        });
    }
    Ok(out)
}

/// Sets a stored match's decision; the workout must have a match.
fn decide(
    conn: &Connection,
    workout_id: &str,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<(), MatchError> {
    let changed = conn.execute(
        "UPDATE whoop_match SET decision = ?2, decided_at = ?3 WHERE workout_id = ?1",
        params![workout_id, decision.as_str(), stamp(now)],
    )?;
    if changed == 0 {
        return Err(MatchError::UnknownWorkout(workout_id.to_owned()));
    }
    Ok(())
}

/// Keeps a match as it is: the rule will no longer move or drop it.
pub fn confirm(conn: &Connection, workout_id: &str, now: DateTime<Utc>) -> Result<(), MatchError> {
    decide(conn, workout_id, Decision::Confirmed, now)
}

/// Undoes a match: the workout is not this session, and the rule will not match it again.
pub fn reject(conn: &Connection, workout_id: &str, now: DateTime<Utc>) -> Result<(), MatchError> {
    decide(conn, workout_id, Decision::Rejected, now)
}

/// Matches a WHOOP workout to the session the lifter chose, confirmed.
pub fn assign(
    conn: &Connection,
    workout_id: &str,
    session_id: u32,
    now: DateTime<Utc>,
) -> Result<(), MatchError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?1)",
        [session_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(MatchError::UnknownSession(session_id));
    }
    let atomic = Atomic::begin(conn)?;
    let workout = atomic
        .prepare_cached(&format!(
            "SELECT {WORKOUT_COLUMNS} FROM whoop_workout WHERE id = ?1"
        ))?
        .query_row([workout_id], workout_row)
        .optional()?;
    match workout {
        Some(w) => upsert(&atomic, &w, session_id, Decision::Confirmed, &stamp(now))?,
        None => {
            // WHOOP deleted it; a stored match can still be moved.
            let changed = atomic.execute(
                "UPDATE whoop_match SET session_id = ?2, decision = 'confirmed', decided_at = ?3
                 WHERE workout_id = ?1",
                params![workout_id, session_id, stamp(now)],
            )?;
            if changed == 0 {
                return Err(MatchError::UnknownWorkout(workout_id.to_owned()));
            }
        }
    }
    atomic.commit()?;
    Ok(())
}

/// Checks matches read from an export before anything is written: sizes, characters,
/// times, the global id and the zones, as the table's own rules and the backup's vetting
/// would.
pub fn check_restored(efforts: &[SessionEffort]) -> Result<(), MatchError> {
    let clean = |text: &str, max: usize| text.len() <= max && !text.chars().any(char::is_control);
    for e in efforts {
        let times = stamp_ms(&e.start).and_then(|start| Ok((start, stamp_ms(&e.end)?)));
        let ok = !e.workout_id.is_empty()
            && clean(&e.workout_id, 64)
            && clean(&e.sport_name, 100)
            && clean(&e.timezone_offset, 16)
            && e.gid.len() == 32
            && e.gid.bytes().all(|b| b.is_ascii_hexdigit())
            && times.as_ref().is_ok_and(|(start, end)| end >= start)
            && e.strain.is_none_or(|s| (0.0..=21.0).contains(&s))
            && e.average_heart_rate.is_none_or(|h| h <= 300)
            && e.max_heart_rate.is_none_or(|h| h <= 300)
            && e.kilojoule.is_none_or(|k| k >= 0.0 && k.is_finite())
            && e.zone_ms.as_ref().is_none_or(|z| z.len() == 6);
        if !ok {
            return Err(MatchError::Invalid(
                e.workout_id
                    .chars()
                    .take(64)
                    .filter(|c| !c.is_control())
                    .collect(),
            ));
        }
    }
    Ok(())
}

/// Stores matches read from an export for a session it created (after
/// [`check_restored`]). A workout or global id the vault holds already is skipped; a match
/// whose workout is not among this vault's WHOOP records shows as deleted until a sync
/// brings it.
pub fn restore(
    conn: &Connection,
    session_id: u32,
    efforts: &[SessionEffort],
    now: DateTime<Utc>,
) -> Result<u32, MatchError> {
    check_restored(efforts)?;
    let mut added = 0;
    for e in efforts {
        let gid = (0..16)
            .map(|i| u8::from_str_radix(&e.gid[2 * i..2 * i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| MatchError::Invalid(e.workout_id.clone()))?;
        let zones = e.zone_ms.as_ref().and_then(|z| serde_json::to_string(z).ok());
        added += conn.execute(
            "INSERT INTO whoop_match (workout_id, gid, session_id, decision, decided_at, sport_name, start_ms,
                 end_ms, timezone_offset, strain, average_heart_rate, max_heart_rate, kilojoule, zone_ms, seen_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                     CASE WHEN EXISTS (SELECT 1 FROM whoop_workout WHERE id = ?1) THEN ?5 END)
             ON CONFLICT DO NOTHING",
            params![
                e.workout_id,
                gid,
                session_id,
                e.decision.as_str(),
                stamp(now),
                e.sport_name,
                stamp_ms(&e.start)?,
                stamp_ms(&e.end)?,
                e.timezone_offset,
                e.strain,
                e.average_heart_rate,
                e.max_heart_rate,
                e.kilojoule,
                zones,
            ],
        )? as u32;
    }
    Ok(added)
}
