//! Weekly volume per muscle group: how much work each muscle got, week by week.
//!
//! Volume is weight × reps of done, non-warm-up sets, in derived kilograms; bodyweight
//! exercises count the latest body weight at or before the session plus any added weight
//! (no body weight logged yet means only the added weight counts). Weeks start on Monday
//! (UTC). Exercises without a muscle group (imported, awaiting review) show as
//! `unassigned` so their work is never silently missing.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::body::BODY_WEIGHT_AT_SESSION;
use super::{TrainingError, stamp};

/// The longest range one query covers, in days (about five years).
pub const MAX_DAYS: i64 = 1830;

/// One muscle group's work in one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeekVolume {
    /// The Monday starting the week, `YYYY-MM-DD`.
    pub week: String,
    /// The muscle group, or `unassigned`.
    pub muscle: String,
    /// Sets done.
    pub sets: u32,
    /// Volume, kg × reps.
    pub volume_kg: f64,
}

/// Weekly volume per muscle group for sessions starting in `[from, to)`.
pub fn weekly(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<WeekVolume>, TrainingError> {
    if to <= from || (to - from).num_days() > MAX_DAYS {
        return Err(TrainingError::InvalidDate {
            what: "volume range",
            reason: "must be a non-empty range of at most five years",
        });
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT date(x.started_at, 'weekday 0', '-6 days') AS week, coalesce(e.muscle, 'unassigned') AS m,
                count(*),
                coalesce(sum(CASE WHEN e.kind = 'bodyweight' THEN
                    (coalesce({BODY_WEIGHT_AT_SESSION}, 0) + coalesce(s.weight_kg, 0)) * coalesce(s.reps, 0)
                    ELSE coalesce(s.weight_kg, 0) * coalesce(s.reps, 0) END), 0.0)
         FROM session x JOIN session_set s ON s.session_id = x.id JOIN exercise e ON e.id = s.exercise_id
         WHERE x.started_at >= ?1 AND x.started_at < ?2 AND s.done = 1 AND s.kind <> 'warmup'
         GROUP BY week, m ORDER BY week, m"
    ))?;
    let rows = stmt.query_map(params![stamp(from), stamp(to)], |r| {
        Ok(WeekVolume {
            week: r.get(0)?,
            muscle: r.get(1)?,
            sets: r.get(2)?,
            volume_kg: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
