//! The private journal (issue 15): entries and tags checked like typed input, the
//! next-day comparison against constructed WHOOP data whose effect is known, exports of
//! every version, backups, and the CLI.

mod cli;
mod compare;
mod entries;
mod transfer;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};

pub use crate::training::{db, now};

/// A calendar day.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One WHOOP day as WHOOP scores it: a cycle starting at `start` (UTC) with the record
/// offset `offset`, its recovery and HRV, and the main sleep that opens it (8 hours).
pub fn whoop_day(conn: &Connection, id: i64, start: DateTime<Utc>, offset: &str, values: [f64; 3]) {
    let [recovery, hrv, sleep] = values;
    let ms = start.timestamp_millis();
    let iso = start.to_rfc3339();
    conn.execute(
        "INSERT INTO whoop_cycle (id, user_id, start, start_ms, timezone_offset, score_state, created_at,
             updated_at, raw) VALUES (?1, 1, ?2, ?3, ?4, 'SCORED', ?2, ?2, '{}')",
        params![id, iso, ms, offset],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO whoop_recovery (cycle_id, sleep_id, user_id, start_ms, score_state, recovery_score,
             hrv_rmssd_milli, created_at, updated_at, raw)
         VALUES (?1, ?2, 1, ?3, 'SCORED', ?4, ?5, ?6, ?6, '{}')",
        params![id, format!("sleep-{id}"), ms, recovery, hrv, iso],
    )
    .unwrap();
    let end = start + Duration::hours(8);
    conn.execute(
        "INSERT INTO whoop_sleep (id, cycle_id, user_id, start, \"end\", start_ms, end_ms, timezone_offset,
             nap, score_state, sleep_performance_percentage, created_at, updated_at, raw)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, 0, 'SCORED', ?8, ?3, ?3, '{}')",
        params![
            format!("sleep-{id}"),
            id,
            iso,
            end.to_rfc3339(),
            ms,
            end.timestamp_millis(),
            offset,
            sleep
        ],
    )
    .unwrap();
}
