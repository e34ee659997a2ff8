//! Builds one week's report from the training log and the WHOOP series.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::training::history::HistoryFilter;
use crate::training::units::{Unit, Weight};
use crate::training::{History, SessionSummary, TrainingError, volume};
use crate::whoop::{WhoopError, series};

/// Weeks the report compares with.
const PREVIOUS_WEEKS: i64 = 4;

/// A figure this week beside the mean of the four weeks before.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Compared {
    /// This week's value, when there is one.
    pub this_week: Option<f64>,
    /// The mean of the previous four weeks, when there is one.
    pub previous: Option<f64>,
}

/// One muscle group's week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MuscleWeek {
    /// The muscle group, or `unassigned`.
    pub muscle: String,
    /// Sets done this week.
    pub sets: u32,
    /// Volume this week and the previous weeks' mean, kg × reps.
    pub volume_kg: Compared,
}

/// A record set this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeekRecord {
    /// The session it was set in.
    pub session_id: u32,
    /// The exercise's name.
    pub exercise: String,
    /// The weight as logged.
    pub weight: Option<Weight>,
    /// Repetitions.
    pub reps: Option<u32>,
    /// Which records: `e1rm`, `heaviest`, `reps_at_weight`, `set_volume`.
    pub kinds: Vec<String>,
}

/// A journal tag's week: the days it was ticked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TagWeek {
    /// The tag, as the journal names it.
    pub tag: String,
    /// Days ticked this week, and the mean days a week over the four weeks before.
    pub days: Compared,
}

/// The weekly report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeekReport {
    /// The Monday starting the week, `YYYY-MM-DD`.
    pub week: String,
    /// The week's sessions, oldest first.
    pub sessions: Vec<SessionSummary>,
    /// Sessions this week and the previous weeks' mean.
    pub session_count: Compared,
    /// Volume of all sessions, kg × reps.
    pub volume_kg: Compared,
    /// Volume per muscle group (this week's groups, then those only trained before).
    pub muscles: Vec<MuscleWeek>,
    /// Records set this week.
    pub records: Vec<WeekRecord>,
    /// Mean WHOOP day strain.
    pub strain: Compared,
    /// Mean WHOOP recovery, %.
    pub recovery: Compared,
    /// Mean sleep performance, %.
    pub sleep_performance: Compared,
    /// Mean sleep obtained a night (light, deep, REM), hours.
    pub sleep_hours: Compared,
    /// The journal tags ticked this week or in the four before, most days this week first.
    pub tags: Vec<TagWeek>,
    /// Days with a journal entry this week, and the previous weeks' mean.
    pub journal_days: Compared,
}

/// What can go wrong reading a report: the training log's or WHOOP's errors.
fn whoop_err(err: WhoopError) -> TrainingError {
    match err {
        WhoopError::Vault(crate::VaultError::Database(err)) => TrainingError::Database(err),
        _ => TrainingError::Refused("the WHOOP figures of this week could not be read"),
    }
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let present: Vec<f64> = values.flatten().collect();
    (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
}

fn at_midnight(day: NaiveDate) -> DateTime<Utc> {
    crate::training::day_start(day)
}

fn record_kinds(bits: u8) -> Vec<String> {
    let flags = crate::training::flags::RecordFlags::from_bits(bits);
    [
        (flags.e1rm, "e1rm"),
        (flags.heaviest, "heaviest"),
        (flags.reps_at_weight, "reps_at_weight"),
        (flags.set_volume, "set_volume"),
    ]
    .into_iter()
    .filter(|(set, _)| *set)
    .map(|(_, name)| name.to_owned())
    .collect()
}

/// The journal's tags over the five weeks `[first, next)`, and its days, each this week
/// (from `monday`) beside the mean of the weeks before. Journal days are the user's own
/// dates, compared as `YYYY-MM-DD` text.
fn journal_weeks(
    conn: &Connection,
    first: NaiveDate,
    monday: NaiveDate,
    next: NaiveDate,
) -> Result<(Vec<TagWeek>, Compared), TrainingError> {
    let (first, monday, next) = (first.to_string(), monday.to_string(), next.to_string());
    let split = |this: u32, before: u32| Compared {
        this_week: Some(f64::from(this)),
        previous: Some(f64::from(before) / PREVIOUS_WEEKS as f64),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, sum(e.day >= ?2), sum(e.day < ?2)
         FROM journal_entry e JOIN journal_entry_tag et ON et.entry_id = e.id
              JOIN journal_tag t ON t.id = et.tag_id
         WHERE e.day >= ?1 AND e.day < ?3
         GROUP BY t.id ORDER BY sum(e.day >= ?2) DESC, t.name_key",
    )?;
    let tags = stmt
        .query_map(params![first, monday, next], |r| {
            Ok(TagWeek {
                tag: r.get(0)?,
                days: split(r.get(1)?, r.get(2)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let (this, before): (u32, u32) = conn.query_row(
        "SELECT coalesce(sum(day >= ?2), 0), coalesce(sum(day < ?2), 0)
         FROM journal_entry WHERE day >= ?1 AND day < ?3",
        params![first, monday, next],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((tags, split(this, before)))
}

/// The report of the week holding `day`.
pub fn week(conn: &Connection, day: NaiveDate) -> Result<WeekReport, TrainingError> {
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let next = monday + Duration::days(7);
    let first = monday - Duration::days(7 * PREVIOUS_WEEKS);
    let (from, to, before) = (at_midnight(monday), at_midnight(next), at_midnight(first));

    let filter = HistoryFilter {
        exercise_id: None,
        from: Some(from),
        to: Some(to),
    };
    let mut sessions = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = History::new(conn).sessions(&filter, cursor.as_deref(), 100)?;
        sessions.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    sessions.reverse();
    let previous_sessions: u32 = conn.query_row(
        "SELECT count(*) FROM session WHERE started_at >= ?1 AND started_at < ?2",
        params![crate::training::stamp(before), crate::training::stamp(from)],
        |r| r.get(0),
    )?;

    let weeks = volume::weekly(conn, before, to)?;
    let this_week = monday.to_string();
    let mut muscles: Vec<MuscleWeek> = Vec::new();
    for row in &weeks {
        let index = match muscles.iter().position(|m| m.muscle == row.muscle) {
            Some(i) => i,
            None => {
                muscles.push(MuscleWeek {
                    muscle: row.muscle.clone(),
                    sets: 0,
                    volume_kg: Compared {
                        this_week: None,
                        previous: None,
                    },
                });
                muscles.len() - 1
            }
        };
        let entry = &mut muscles[index];
        if row.week == this_week {
            entry.sets = row.sets;
            entry.volume_kg.this_week = Some(row.volume_kg);
        } else {
            let sum = entry.volume_kg.previous.unwrap_or(0.0) * PREVIOUS_WEEKS as f64 + row.volume_kg;
            entry.volume_kg.previous = Some(sum / PREVIOUS_WEEKS as f64);
        }
    }
    muscles.sort_by(|a, b| {
        b.volume_kg
            .this_week
            .unwrap_or(0.0)
            .total_cmp(&a.volume_kg.this_week.unwrap_or(0.0))
            .then_with(|| a.muscle.cmp(&b.muscle))
    });
    let total = |this: bool| {
        weeks
            .iter()
            .filter(|w| (w.week == this_week) == this)
            .map(|w| w.volume_kg)
            .sum::<f64>()
    };
    let (volume_now, volume_before) = (total(true), total(false));

    let mut stmt = conn.prepare_cached(
        "SELECT s.session_id, e.name, s.weight_milli, s.weight_unit, s.reps, s.record_flags
         FROM session_set s JOIN session x ON x.id = s.session_id JOIN exercise e ON e.id = s.exercise_id
         WHERE x.started_at >= ?1 AND x.started_at < ?2 AND s.record_flags <> 0 AND s.done = 1
         ORDER BY x.started_at, s.session_id, s.position",
    )?;
    let records = stmt
        .query_map(
            params![crate::training::stamp(from), crate::training::stamp(to)],
            |r| {
                let weight = match (r.get::<_, Option<u32>>(2)?, r.get::<_, Option<Unit>>(3)?) {
                    (Some(milli), Some(unit)) => Weight::from_milli(milli, unit).ok(),
                    _ => None,
                };
                Ok(WeekRecord {
                    session_id: r.get(0)?,
                    exercise: r.get(1)?,
                    weight,
                    reps: r.get(4)?,
                    kinds: record_kinds(r.get(5)?),
                })
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;

    let whoop = series(conn, Some(first), next - Duration::days(1)).map_err(whoop_err)?;
    let (tags, journal_days) = journal_weeks(conn, first, monday, next)?;
    let split = usize::try_from(7 * PREVIOUS_WEEKS).unwrap_or(28);
    let compare = |values: &[Option<f64>]| {
        let (before, this) = values.split_at(split.min(values.len()));
        Compared {
            this_week: mean(this.iter().copied()),
            previous: mean(before.iter().copied()),
        }
    };
    Ok(WeekReport {
        week: this_week,
        session_count: Compared {
            this_week: Some(sessions.len() as f64),
            previous: Some(f64::from(previous_sessions) / PREVIOUS_WEEKS as f64),
        },
        sessions,
        volume_kg: Compared {
            this_week: Some(volume_now),
            previous: Some(volume_before / PREVIOUS_WEEKS as f64),
        },
        muscles,
        records,
        strain: compare(&whoop.strain),
        recovery: compare(&whoop.recovery),
        sleep_performance: compare(&whoop.sleep_performance),
        sleep_hours: compare(&whoop.sleep_obtained_hours),
        tags,
        journal_days,
    })
}
