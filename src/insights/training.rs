//! Insights from the training log alone, for the many lifters without WHOOP.
//!
//! Two years of logged sessions say a lot without any recovery data: how consistently the
//! lifter trains (sessions per week, weeks trained, the longest run of trained weeks), how
//! each muscle group's weekly volume is moving (the last four weeks against the four
//! before), and whether the main lifts are getting stronger (the estimated 1RM of the
//! first sessions in the range against the last ones). Weeks start on Monday (UTC), as in
//! [`crate::training::volume`]; numbers are in kilograms, for the window to show in the
//! lifter's unit.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::training::records::Records;
use crate::training::{TrainingError, stamp, volume};

/// Sessions in a week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeekSessions {
    /// The Monday starting the week, `YYYY-MM-DD`.
    pub week: String,
    /// That Monday at noon UTC, Unix seconds (for charts).
    pub x: u32,
    /// Sessions started that week.
    pub sessions: u32,
}

/// One muscle group's recent volume against the weeks before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MuscleTrend {
    /// The muscle group, or `unassigned`.
    pub muscle: String,
    /// Volume in the last four weeks, kg × reps.
    pub recent_kg: f64,
    /// Volume in the four weeks before, kg × reps.
    pub before_kg: f64,
}

/// One main lift's strength over the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LiftTrend {
    /// The exercise.
    pub exercise_id: u32,
    /// Its name.
    pub exercise: String,
    /// Sessions with an estimated 1RM in the range.
    pub sessions: u32,
    /// Mean of the best e1RM of the first (up to) three of them, kg.
    pub first_e1rm_kg: f64,
    /// Mean of the best e1RM of the last (up to) three, kg.
    pub last_e1rm_kg: f64,
}

/// What the training log says by itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrainingInsights {
    /// Sessions in the range.
    pub sessions: u32,
    /// Every week of the range, oldest first, trained or not.
    pub weeks: Vec<WeekSessions>,
    /// Weeks with at least one session.
    pub weeks_trained: u32,
    /// The longest run of consecutive weeks with a session.
    pub longest_streak: u32,
    /// Muscle groups trained in the last eight weeks, most recent volume first.
    pub muscles: Vec<MuscleTrend>,
    /// The most-trained lifts with at least two sessions, most sessions first (at most 4).
    pub lifts: Vec<LiftTrend>,
}

/// The most lifts reported.
pub const MAX_LIFTS: usize = 4;

fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Training insights for sessions starting in `[from, now)`; `from` defaults to the first
/// session.
pub fn training(
    conn: &Connection,
    from: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<TrainingInsights, TrainingError> {
    let starts: Vec<String> = conn
        .prepare_cached(
            "SELECT started_at FROM session WHERE (?1 IS NULL OR started_at >= ?1) AND started_at < ?2
             ORDER BY started_at",
        )?
        .query_map(params![from.map(stamp), stamp(now)], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let days: Vec<NaiveDate> = starts
        .iter()
        .filter_map(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc).date_naive())
        .collect();
    // Weeks count from the range's start or the first session, whichever is later: a
    // lifter who started two months ago has not skipped the ten months before.
    let first = match (from.map(|f| f.date_naive()), days.first().copied()) {
        (Some(start), Some(day)) => start.max(day),
        (Some(day), None) | (None, Some(day)) => day,
        (None, None) => now.date_naive(),
    };
    let mut per_week: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut week = monday(first);
    while week <= monday(now.date_naive()) {
        per_week.insert(week, 0);
        week += Duration::weeks(1);
    }
    for day in &days {
        *per_week.entry(monday(*day)).or_default() += 1;
    }
    let (mut run, mut longest) = (0, 0);
    for count in per_week.values() {
        run = if *count > 0 { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let weeks: Vec<WeekSessions> = per_week
        .iter()
        .map(|(week, sessions)| WeekSessions {
            week: week.to_string(),
            x: week
                .and_hms_opt(12, 0, 0)
                .map_or(0, |t| u32::try_from(t.and_utc().timestamp()).unwrap_or(0)),
            sessions: *sessions,
        })
        .collect();
    Ok(TrainingInsights {
        sessions: u32::try_from(days.len()).unwrap_or(u32::MAX),
        weeks_trained: u32::try_from(weeks.iter().filter(|w| w.sessions > 0).count()).unwrap_or(u32::MAX),
        weeks,
        longest_streak: longest,
        muscles: muscles(conn, now)?,
        lifts: lifts(conn, from, now)?,
    })
}

/// Each muscle group's volume in the last four weeks against the four before.
fn muscles(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<MuscleTrend>, TrainingError> {
    let split = now - Duration::weeks(4);
    let mut trends: BTreeMap<String, MuscleTrend> = BTreeMap::new();
    for (from, to, recent) in [(split - Duration::weeks(4), split, false), (split, now, true)] {
        for week in volume::weekly(conn, from, to)? {
            let trend = trends.entry(week.muscle.clone()).or_insert_with(|| MuscleTrend {
                muscle: week.muscle,
                recent_kg: 0.0,
                before_kg: 0.0,
            });
            if recent {
                trend.recent_kg += week.volume_kg;
            } else {
                trend.before_kg += week.volume_kg;
            }
        }
    }
    let mut trends: Vec<MuscleTrend> = trends.into_values().collect();
    trends.sort_by(|a, b| b.recent_kg.total_cmp(&a.recent_kg).then(a.muscle.cmp(&b.muscle)));
    Ok(trends)
}

/// The lifts with the most sessions (and an e1RM in at least two), their first and last
/// estimated 1RMs.
fn lifts(
    conn: &Connection,
    from: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Vec<LiftTrend>, TrainingError> {
    let from = from.map_or_else(|| "0000".to_owned(), stamp);
    let to = stamp(now);
    let candidates: Vec<(u32, String)> = conn
        .prepare_cached(
            "SELECT e.id, e.name FROM exercise e JOIN session_set s ON s.exercise_id = e.id
                 JOIN session x ON x.id = s.session_id
             WHERE x.started_at >= ?1 AND x.started_at < ?2 AND s.done = 1 AND s.kind <> 'warmup'
               AND s.reps BETWEEN 1 AND 12 AND e.kind IN ('weight_reps', 'bodyweight')
             GROUP BY e.id ORDER BY count(DISTINCT x.id) DESC, e.name_key LIMIT 20",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let records = Records::new(conn);
    let mut lifts = Vec::new();
    for (exercise_id, exercise) in candidates {
        let best: Vec<f64> = records
            .progress(exercise_id, &from, &to)?
            .into_iter()
            .filter_map(|p| p.best_e1rm_kg)
            .collect();
        if best.len() < 2 {
            continue;
        }
        let ends = (best.len() / 2).min(3);
        let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
        lifts.push(LiftTrend {
            exercise_id,
            exercise,
            sessions: u32::try_from(best.len()).unwrap_or(u32::MAX),
            first_e1rm_kg: mean(&best[..ends]),
            last_e1rm_kg: mean(&best[best.len() - ends..]),
        });
        if lifts.len() == MAX_LIFTS {
            break;
        }
    }
    Ok(lifts)
}
