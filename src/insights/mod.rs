//! Insights: the training log joined with WHOOP recovery.
//!
//! Three views, each with a plain-language caption computed here (so the numbers a person
//! reads are the numbers the tests check):
//! - recovery the day after the heaviest sessions (the top quartile of session volume)
//!   against every other day;
//! - weekly training volume next to the week's mean HRV, day strain and recovery;
//! - strain per tonne lifted, per kind of session, over time ([`load`]);
//! - each muscle group's load over the last seven days, beside today's recovery.
//!
//! "The day after" follows the design's join rule: a session belongs to the WHOOP cycle
//! that contains its start, and the recovery it affects is the next cycle's (WHOOP scores
//! a cycle's recovery from the sleep that opens it). Volume is weight × reps of done,
//! non-warm-up sets in kilograms, as in [`crate::training::volume`].

pub mod load;
pub mod training;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::training::stamp;
use crate::whoop::{WhoopError, cycle_day};

/// Fewest sessions with volume before the heavy-session comparison is shown.
pub const MIN_SESSIONS: usize = 8;

/// The longest range one request covers, in days (about forty years).
pub const MAX_DAYS: i64 = 15_000;

/// Recovery after the heaviest sessions against the other days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HeavyDays {
    /// Session volume above which a session counts as heavy (the 75th percentile), kg.
    pub threshold_kg: f64,
    /// Heavy sessions in the range.
    pub heavy_sessions: u32,
    /// Mean recovery the day after a heavy session, %.
    pub after_heavy: f64,
    /// Days (next-day recoveries) behind `after_heavy`.
    pub after_heavy_days: u32,
    /// Mean recovery on every other day of the range, %.
    pub otherwise: f64,
    /// Days behind `otherwise`.
    pub otherwise_days: u32,
}

/// One week's training volume and mean HRV.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeekPoint {
    /// The Monday starting the week, `YYYY-MM-DD`.
    pub week: String,
    /// That Monday at noon UTC, Unix seconds (for charts).
    pub x: u32,
    /// Training volume, kg × reps.
    pub volume_kg: f64,
    /// Mean HRV of the week's WHOOP days, ms.
    pub mean_hrv: Option<f64>,
    /// Mean day strain of the week's WHOOP days, 0 to 21.
    pub mean_strain: Option<f64>,
    /// Mean recovery of the week's WHOOP days, %.
    pub mean_recovery: Option<f64>,
}

/// One muscle group's work over the last seven days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MuscleLoad {
    /// The muscle group, or `unassigned`.
    pub muscle: String,
    /// Sets done.
    pub sets: u32,
    /// Volume, kg × reps.
    pub volume_kg: f64,
}

/// Everything the Insights screen shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Insights {
    /// Sessions with volume in the range.
    pub sessions: u32,
    /// WHOOP days with a scored recovery in the range.
    pub recovery_days: u32,
    /// The heavy-session comparison, when there is enough of both kinds of data.
    pub heavy: Option<HeavyDays>,
    /// One sentence about `heavy`, or why it is missing.
    pub heavy_caption: String,
    /// Weeks, oldest first.
    pub weeks: Vec<WeekPoint>,
    /// One sentence about the weeks.
    pub weeks_caption: String,
    /// The last seven days' load per muscle group, heaviest first.
    pub muscles: Vec<MuscleLoad>,
    /// Today's recovery (the newest cycle's, when it began in the last 36 hours), %.
    pub today_recovery: Option<f64>,
    /// One sentence about the last seven days and today.
    pub muscles_caption: String,
    /// Strain per tonne lifted, per kind of session (sessions with a WHOOP match).
    pub strain_per_tonne: Vec<load::StrainPerTonne>,
    /// One sentence about `strain_per_tonne`, or why it is empty.
    pub strain_per_tonne_caption: String,
}

/// A session's start and volume.
struct SessionVolume {
    start_ms: i64,
    volume_kg: f64,
}

/// A cycle: start, day, and its scored recovery and HRV.
struct Cycle {
    start_ms: i64,
    day: NaiveDate,
    recovery: Option<f64>,
    hrv: Option<f64>,
    strain: Option<f64>,
}

const VOLUME: &str = "coalesce(sum(CASE WHEN e.kind = 'bodyweight' THEN
        (coalesce((SELECT b.weight_kg FROM body_weight b WHERE b.measured_at <= x.started_at
                   ORDER BY b.measured_at DESC LIMIT 1), 0) + coalesce(s.weight_kg, 0)) * coalesce(s.reps, 0)
        ELSE coalesce(s.weight_kg, 0) * coalesce(s.reps, 0) END), 0.0)";

/// The volume of each session starting in `[from, to)` with any, oldest first.
///
/// Over ten years this reads 75,000 sets, so it reads them the cheapest way there is: one
/// pass over the per-exercise covering index (no table reads, no join, no sort in SQLite),
/// summed per session here. Bodyweight lifts' repetitions are kept apart and weighed once
/// per session with the body weight of the day (the latest weighing at or before the
/// session's start).
fn sessions(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SessionVolume>, WhoopError> {
    /// A session's start and its sums so far.
    struct Sums {
        started: String,
        lifted_kg: f64,
        bodyweight_reps: f64,
    }
    let mut by_id: HashMap<i64, Sums> = conn
        .prepare_cached("SELECT id, started_at FROM session WHERE started_at >= ?1 AND started_at < ?2")?
        .query_map(params![stamp(from), stamp(to)], |r| {
            Ok((
                r.get(0)?,
                Sums {
                    started: r.get(1)?,
                    lifted_kg: 0.0,
                    bodyweight_reps: 0.0,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let bodyweight: HashSet<i64> = conn
        .prepare_cached("SELECT id FROM exercise WHERE kind = 'bodyweight'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT session_id, exercise_id, weight_kg, reps FROM session_set INDEXED BY session_set_exercise
         WHERE done = 1 AND kind <> 'warmup'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let Some(sums) = by_id.get_mut(&row.get::<_, i64>(0)?) else {
            continue;
        };
        let (weight_kg, reps) = (
            row.get::<_, Option<f64>>(2)?.unwrap_or(0.0),
            f64::from(row.get::<_, Option<u32>>(3)?.unwrap_or(0)),
        );
        sums.lifted_kg += weight_kg * reps;
        if bodyweight.contains(&row.get::<_, i64>(1)?) {
            sums.bodyweight_reps += reps;
        }
    }
    let weighings: Vec<(String, f64)> = if by_id.values().any(|s| s.bodyweight_reps > 0.0) {
        conn.prepare_cached("SELECT measured_at, weight_kg FROM body_weight ORDER BY measured_at, id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for sums in by_id.into_values() {
        // The latest weighing at or before the start, compared as stamps, as stored.
        let held = weighings.partition_point(|(at, _)| at.as_str() <= sums.started.as_str());
        let body_kg = held.checked_sub(1).map_or(0.0, |i| weighings[i].1);
        let volume_kg = sums.lifted_kg + body_kg * sums.bodyweight_reps;
        if let (Ok(at), true) = (DateTime::parse_from_rfc3339(&sums.started), volume_kg > 0.0) {
            out.push(SessionVolume {
                start_ms: at.timestamp_millis(),
                volume_kg,
            });
        }
    }
    out.sort_by_key(|s| s.start_ms);
    Ok(out)
}

fn cycles(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Cycle>, WhoopError> {
    // One day before `from`, so a session early in the range finds its cycle. Cycles and
    // their scored recoveries are two index-only reads (migration 9's covering indexes),
    // joined by the cycle's id.
    let (lo, hi) = (
        (from - Duration::days(2)).timestamp_millis(),
        to.timestamp_millis(),
    );
    let recoveries: HashMap<i64, (Option<f64>, Option<f64>)> = conn
        .prepare_cached(
            "SELECT cycle_id, recovery_score, hrv_rmssd_milli FROM whoop_recovery
             WHERE start_ms >= ?1 AND start_ms < ?2 AND score_state = 'SCORED'",
        )?
        .query_map(params![lo, hi], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, start_ms, timezone_offset, strain FROM whoop_cycle
         WHERE start_ms >= ?1 AND start_ms < ?2 ORDER BY start_ms",
    )?;
    let rows = stmt.query_map(params![lo, hi], |r| {
        let id: i64 = r.get(0)?;
        let start_ms: i64 = r.get(1)?;
        let offset: String = r.get(2)?;
        let (recovery, hrv) = recoveries.get(&id).copied().unwrap_or_default();
        Ok(Cycle {
            start_ms,
            day: cycle_day(start_ms, &offset),
            recovery,
            hrv,
            strain: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The value at quantile `q` (0 to 1) of sorted `values`, by linear interpolation.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len().saturating_sub(1)) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn heavy_days(sessions: &[SessionVolume], cycles: &[Cycle], from_ms: i64) -> (Option<HeavyDays>, String) {
    if sessions.len() < MIN_SESSIONS {
        return (
            None,
            format!(
                "Log at least {MIN_SESSIONS} sessions with WHOOP connected to compare recovery after \
                 your heaviest sessions ({} so far in this range).",
                sessions.len()
            ),
        );
    }
    let mut volumes: Vec<f64> = sessions.iter().map(|s| s.volume_kg).collect();
    volumes.sort_by(f64::total_cmp);
    let threshold = quantile(&volumes, 0.75);
    // The cycle holding each heavy session's start: the last cycle starting at or before it.
    let mut heavy_cycles = BTreeSet::new();
    let mut heavy_sessions = 0u32;
    // Strictly above: when most sessions tie at the percentile, only the heavier ones count.
    for session in sessions.iter().filter(|s| s.volume_kg > threshold) {
        heavy_sessions += 1;
        let held = cycles.partition_point(|c| c.start_ms <= session.start_ms);
        if held > 0 {
            heavy_cycles.insert(held - 1);
        }
    }
    if heavy_sessions == 0 {
        return (
            None,
            format!(
                "Your sessions in this range are all about the same volume (up to {threshold:.0} kg), \
                 so none stands out as heavy."
            ),
        );
    }
    let (mut after, mut other) = (Vec::new(), Vec::new());
    for (i, cycle) in cycles.iter().enumerate().skip(1) {
        let Some(recovery) = cycle.recovery.filter(|_| cycle.start_ms >= from_ms) else {
            continue;
        };
        if heavy_cycles.contains(&(i - 1)) {
            after.push(recovery);
        } else {
            other.push(recovery);
        }
    }
    match (mean(&after), mean(&other)) {
        (Some(after_heavy), Some(otherwise)) => {
            let caption = format!(
                "On days after your heaviest sessions your recovery averaged {:.0} %, vs {:.0} % \
                 otherwise ({} session{} above {:.0} kg).",
                after_heavy,
                otherwise,
                heavy_sessions,
                if heavy_sessions == 1 { "" } else { "s" },
                threshold
            );
            let heavy = HeavyDays {
                threshold_kg: threshold,
                heavy_sessions,
                after_heavy,
                after_heavy_days: after.len() as u32,
                otherwise,
                otherwise_days: other.len() as u32,
            };
            (Some(heavy), caption)
        }
        _ => (
            None,
            "There are no WHOOP recoveries around these sessions yet: sync WHOOP, or choose a \
             range where you trained wearing it."
                .to_owned(),
        ),
    }
}

fn weeks(sessions: &[SessionVolume], cycles: &[Cycle], from: DateTime<Utc>) -> (Vec<WeekPoint>, String) {
    /// A week's volume and its WHOOP days' HRV, strain and recovery.
    #[derive(Default)]
    struct Week {
        volume_kg: f64,
        hrv: Vec<f64>,
        strain: Vec<f64>,
        recovery: Vec<f64>,
    }
    let mut weeks: BTreeMap<NaiveDate, Week> = BTreeMap::new();
    for session in sessions {
        let day = DateTime::<Utc>::from_timestamp_millis(session.start_ms)
            .unwrap_or_default()
            .date_naive();
        weeks.entry(monday(day)).or_default().volume_kg += session.volume_kg;
    }
    let first = monday(from.date_naive());
    for cycle in cycles.iter().filter(|c| c.day >= from.date_naive()) {
        let week = weeks.entry(monday(cycle.day).max(first)).or_default();
        week.hrv.extend(cycle.hrv);
        week.strain.extend(cycle.strain);
        week.recovery.extend(cycle.recovery);
    }
    let points: Vec<WeekPoint> = weeks
        .into_iter()
        .filter(|(_, w)| {
            w.volume_kg > 0.0 || !w.hrv.is_empty() || !w.strain.is_empty() || !w.recovery.is_empty()
        })
        .map(|(week, w)| WeekPoint {
            week: week.to_string(),
            x: u32::try_from(
                week.and_hms_opt(12, 0, 0)
                    .unwrap_or_default()
                    .and_utc()
                    .timestamp(),
            )
            .unwrap_or(0),
            volume_kg: w.volume_kg,
            mean_hrv: mean(&w.hrv),
            mean_strain: mean(&w.strain),
            mean_recovery: mean(&w.recovery),
        })
        .collect();
    let both: Vec<&WeekPoint> = points
        .iter()
        .filter(|w| w.volume_kg > 0.0 && w.mean_hrv.is_some())
        .collect();
    let caption = if both.len() < 2 {
        "Weekly volume and HRV appear here once you have at least two weeks with both training and WHOOP data."
            .to_owned()
    } else {
        let mut sorted: Vec<&&WeekPoint> = both.iter().collect();
        sorted.sort_by(|a, b| a.volume_kg.total_cmp(&b.volume_kg));
        let half = sorted.len() / 2;
        let hrv = |w: &[&&WeekPoint]| mean(&w.iter().filter_map(|w| w.mean_hrv).collect::<Vec<_>>());
        let (low, high) = (
            hrv(&sorted[..half]).unwrap_or(0.0),
            hrv(&sorted[half..]).unwrap_or(0.0),
        );
        format!(
            "In your higher-volume weeks your HRV averaged {high:.0} ms, vs {low:.0} ms in lower-volume weeks ({} weeks).",
            both.len()
        )
    };
    (points, caption)
}

fn muscles(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<MuscleLoad>, WhoopError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT coalesce(e.muscle, 'unassigned') AS m, count(*), {VOLUME} AS v
         FROM session x JOIN session_set s ON s.session_id = x.id JOIN exercise e ON e.id = s.exercise_id
         WHERE x.started_at >= ?1 AND x.started_at < ?2 AND s.done = 1 AND s.kind <> 'warmup'
         GROUP BY m ORDER BY v DESC, m"
    ))?;
    let rows = stmt.query_map(params![stamp(now - Duration::days(7)), stamp(now)], |r| {
        Ok(MuscleLoad {
            muscle: r.get(0)?,
            sets: r.get(1)?,
            volume_kg: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The insights for sessions starting in `[from, now)`; `from: None` means all time.
pub fn insights(
    conn: &Connection,
    from: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Insights, WhoopError> {
    let from = from.unwrap_or_else(|| now - Duration::days(MAX_DAYS));
    if from >= now || (now - from).num_days() > MAX_DAYS {
        return Err(WhoopError::Invalid(
            "the insights range must end after it starts and span at most about forty years".into(),
        ));
    }
    let sessions = sessions(conn, from, now)?;
    let cycles = cycles(conn, from, now)?;
    let from_ms = from.timestamp_millis();
    let recovery_days = cycles
        .iter()
        .filter(|c| c.start_ms >= from_ms && c.recovery.is_some())
        .count();
    let (heavy, heavy_caption) = heavy_days(&sessions, &cycles, from_ms);
    let (weeks, weeks_caption) = weeks(&sessions, &cycles, from);
    let muscles = muscles(conn, now)?;
    let today_recovery = cycles
        .last()
        .filter(|c| now.timestamp_millis() - c.start_ms <= 36 * 3_600_000)
        .and_then(|c| c.recovery);
    let total_sets: u32 = muscles.iter().map(|m| m.sets).sum();
    let muscles_caption = match (muscles.first(), today_recovery) {
        (None, _) => "No sets logged in the last 7 days.".to_owned(),
        (Some(top), recovery) => format!(
            "{total_sets} sets in the last 7 days, most for {} ({} sets){}.",
            top.muscle.replace('_', " "),
            top.sets,
            match recovery {
                Some(r) => format!("; today's recovery is {r:.0} %"),
                None => "; today's recovery is not scored yet".to_owned(),
            }
        ),
    };
    let (strain_per_tonne, strain_per_tonne_caption) = load::strain_per_tonne(conn, from, now)?;
    Ok(Insights {
        sessions: sessions.len() as u32,
        recovery_days: recovery_days as u32,
        heavy,
        heavy_caption,
        weeks,
        weeks_caption,
        muscles,
        today_recovery,
        muscles_caption,
        strain_per_tonne,
        strain_per_tonne_caption,
    })
}
