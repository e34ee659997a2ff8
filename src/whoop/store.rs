//! WHOOP records in the vault: upsert by WHOOP id, delete what WHOOP no longer returns in
//! a fully covered window, per-collection sync state, counts, and forgetting everything.
//!
//! The SQL for each table sits here beside the row types in `models`. An upsert replaces
//! every column and the raw JSON, so a rescored record simply takes its new values and a
//! record is never stored twice.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::WhoopError;
use super::models::{Body, Collection, Profile, Record, RecordData, RecordId};

/// The range a collection's syncs have fully covered, `[from_ms, to_ms)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Covered {
    /// Inclusive start, UTC ms.
    pub from_ms: i64,
    /// Exclusive end, UTC ms.
    pub to_ms: i64,
}

/// Stores one record, replacing any earlier version with the same WHOOP id.
pub(crate) fn upsert(conn: &Connection, record: &Record) -> Result<(), WhoopError> {
    match &record.data {
        RecordData::Cycle(c) => {
            let score = c.score.as_ref();
            conn.prepare_cached(
                "INSERT OR REPLACE INTO whoop_cycle (id, user_id, start, \"end\", start_ms, end_ms,
                     timezone_offset, score_state, strain, kilojoule, average_heart_rate,
                     max_heart_rate, created_at, updated_at, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                c.id,
                c.user_id,
                c.start,
                c.end,
                record.start_ms,
                c.end.as_deref().and_then(|e| super::models::time_ms(e).ok()),
                c.timezone_offset,
                c.score_state,
                score.map(|s| s.strain),
                score.map(|s| s.kilojoule),
                score.map(|s| s.average_heart_rate),
                score.map(|s| s.max_heart_rate),
                c.created_at,
                c.updated_at,
                record.raw,
            ])?;
        }
        RecordData::Recovery(r) => {
            let score = r.score.as_ref();
            // WHOOP windows recoveries by their cycle's start; fall back to creation time.
            let start_ms: i64 = match conn
                .prepare_cached("SELECT start_ms FROM whoop_cycle WHERE id = ?1")?
                .query_row([r.cycle_id], |row| row.get(0))
                .optional()?
            {
                Some(ms) => ms,
                None => super::models::time_ms(&r.created_at).unwrap_or(0),
            };
            conn.prepare_cached(
                "INSERT OR REPLACE INTO whoop_recovery (cycle_id, sleep_id, user_id, start_ms,
                     score_state, recovery_score, resting_heart_rate, hrv_rmssd_milli,
                     spo2_percentage, skin_temp_celsius, user_calibrating, created_at,
                     updated_at, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                r.cycle_id,
                r.sleep_id,
                r.user_id,
                start_ms,
                r.score_state,
                score.map(|s| s.recovery_score),
                score.map(|s| s.resting_heart_rate),
                score.map(|s| s.hrv_rmssd_milli),
                score.and_then(|s| s.spo2_percentage),
                score.and_then(|s| s.skin_temp_celsius),
                score.map(|s| s.user_calibrating),
                r.created_at,
                r.updated_at,
                record.raw,
            ])?;
        }
        RecordData::Sleep(s) => {
            let score = s.score.as_ref();
            conn.prepare_cached(
                "INSERT OR REPLACE INTO whoop_sleep (id, cycle_id, user_id, start, \"end\",
                     start_ms, end_ms, timezone_offset, nap, score_state,
                     sleep_performance_percentage, sleep_efficiency_percentage,
                     respiratory_rate, total_in_bed_time_milli, created_at, updated_at, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                id_text(&record.id),
                s.cycle_id,
                s.user_id,
                s.start,
                s.end,
                record.start_ms,
                super::models::time_ms(&s.end).ok(),
                s.timezone_offset,
                s.nap,
                s.score_state,
                score.and_then(|x| x.sleep_performance_percentage),
                score.and_then(|x| x.sleep_efficiency_percentage),
                score.and_then(|x| x.respiratory_rate),
                score.map(|x| x.stage_summary.total_in_bed_time_milli),
                s.created_at,
                s.updated_at,
                record.raw,
            ])?;
        }
        RecordData::Workout(w) => {
            let score = w.score.as_ref();
            conn.prepare_cached(
                "INSERT OR REPLACE INTO whoop_workout (id, user_id, start, \"end\", start_ms,
                     end_ms, timezone_offset, sport_name, score_state, strain,
                     average_heart_rate, max_heart_rate, kilojoule, created_at, updated_at, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                id_text(&record.id),
                w.user_id,
                w.start,
                w.end,
                record.start_ms,
                super::models::time_ms(&w.end).ok(),
                w.timezone_offset,
                w.sport_name,
                w.score_state,
                score.map(|x| x.strain),
                score.map(|x| x.average_heart_rate),
                score.map(|x| x.max_heart_rate),
                score.map(|x| x.kilojoule),
                w.created_at,
                w.updated_at,
                record.raw,
            ])?;
        }
    }
    Ok(())
}

/// The start (UTC ms) a stored record is windowed by, after it was upserted.
pub(crate) fn stored_start(
    conn: &Connection,
    collection: Collection,
    id: &RecordId,
) -> Result<Option<i64>, WhoopError> {
    let sql = format!(
        "SELECT start_ms FROM {} WHERE {} = ?1",
        collection.table(),
        id_column(collection)
    );
    Ok(match id {
        RecordId::Int(n) => conn
            .prepare_cached(&sql)?
            .query_row([n], |r| r.get(0))
            .optional()?,
        RecordId::Uuid(u) => conn
            .prepare_cached(&sql)?
            .query_row([u], |r| r.get(0))
            .optional()?,
    })
}

fn id_text(id: &RecordId) -> String {
    match id {
        RecordId::Int(n) => n.to_string(),
        RecordId::Uuid(u) => u.clone(),
    }
}

fn id_column(collection: Collection) -> &'static str {
    match collection {
        Collection::Recoveries => "cycle_id",
        _ => "id",
    }
}

/// Deletes the records whose start lies in `[from_ms, to_ms)` and whose id is not in
/// `seen`: WHOOP no longer returns them in a window the sync fully covered.
pub(crate) fn delete_missing(
    conn: &Connection,
    collection: Collection,
    from_ms: i64,
    to_ms: i64,
    seen: &HashSet<RecordId>,
) -> Result<u64, WhoopError> {
    let sql = format!(
        "SELECT {} FROM {} WHERE start_ms >= ?1 AND start_ms < ?2",
        id_column(collection),
        collection.table()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<RecordId> = stmt
        .query_map([from_ms, to_ms], |row| {
            Ok(match row.get_ref(0)? {
                rusqlite::types::ValueRef::Integer(n) => RecordId::Int(n),
                other => {
                    RecordId::Uuid(String::from_utf8_lossy(other.as_bytes().unwrap_or_default()).into_owned())
                }
            })
        })?
        .collect::<Result<_, _>>()?;
    let delete = format!(
        "DELETE FROM {} WHERE {} = ?1",
        collection.table(),
        id_column(collection)
    );
    let mut deleted = 0;
    for id in ids.iter().filter(|id| !seen.contains(id)) {
        deleted += match id {
            RecordId::Int(n) => conn.execute(&delete, [n])?,
            RecordId::Uuid(u) => conn.execute(&delete, [u])?,
        } as u64;
    }
    Ok(deleted)
}

/// Stores the profile.
pub(crate) fn save_profile(
    conn: &Connection,
    p: &Profile,
    raw: &str,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    conn.execute(
        "INSERT OR REPLACE INTO whoop_profile (id, user_id, email, first_name, last_name, raw, fetched_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            p.user_id,
            p.email,
            p.first_name,
            p.last_name,
            raw,
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// Stores the body measurements.
pub(crate) fn save_body(
    conn: &Connection,
    b: &Body,
    raw: &str,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    conn.execute(
        "INSERT OR REPLACE INTO whoop_body (id, height_meter, weight_kilogram, max_heart_rate, raw, fetched_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![b.height_meter, b.weight_kilogram, b.max_heart_rate, raw, now.to_rfc3339()],
    )?;
    Ok(())
}

/// A collection's covered range, if any.
pub(crate) fn covered(conn: &Connection, collection: Collection) -> Result<Option<Covered>, WhoopError> {
    let row: Option<(Option<i64>, Option<i64>)> = conn
        .query_row(
            "SELECT covered_from_ms, covered_to_ms FROM whoop_sync_state WHERE collection = ?1",
            [collection.name()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((Some(from_ms), Some(to_ms))) => Some(Covered { from_ms, to_ms }),
        _ => None,
    })
}

/// Records a collection's covered range (or just the time of a sync) and clears its error.
pub(crate) fn set_covered(
    conn: &Connection,
    collection: Collection,
    covered: Option<Covered>,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    conn.prepare_cached(
        "INSERT INTO whoop_sync_state (collection, covered_from_ms, covered_to_ms, last_sync_at, last_error)
         VALUES (?1, ?2, ?3, ?4, NULL)
         ON CONFLICT (collection) DO UPDATE SET
             covered_from_ms = COALESCE(excluded.covered_from_ms, covered_from_ms),
             covered_to_ms = COALESCE(excluded.covered_to_ms, covered_to_ms),
             last_sync_at = excluded.last_sync_at, last_error = NULL",
    )?
    .execute(params![
        collection.name(),
        covered.map(|c| c.from_ms),
        covered.map(|c| c.to_ms),
        now.to_rfc3339()
    ])?;
    Ok(())
}

/// Notes why a collection's sync stopped (a public message).
pub(crate) fn set_error(conn: &Connection, collection: Collection, message: &str) -> Result<(), WhoopError> {
    conn.execute(
        "INSERT INTO whoop_sync_state (collection, last_error) VALUES (?1, ?2)
         ON CONFLICT (collection) DO UPDATE SET last_error = excluded.last_error",
        params![collection.name(), message],
    )?;
    Ok(())
}

/// How many records a collection holds.
pub fn count(conn: &Connection, collection: Collection) -> Result<u64, WhoopError> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", collection.table()), [], |r| {
        r.get(0)
    })?;
    Ok(n as u64)
}

/// Deletes every WHOOP record and the sync state (the credentials stay).
pub(crate) fn forget_all(conn: &Connection) -> Result<(), WhoopError> {
    for collection in Collection::ALL {
        conn.execute(&format!("DELETE FROM {}", collection.table()), [])?;
    }
    conn.execute("DELETE FROM whoop_sync_state", [])?;
    Ok(())
}
