//! Daily WHOOP series for charts: recovery, HRV, resting heart rate, SpO₂, skin temperature
//! (as the deviation from the lifter's own baseline), sleep performance, efficiency, stages,
//! respiratory rate, sleep need against sleep obtained, and day strain, one value per day
//! (or per bucket of days) over a date range.
//!
//! A WHOOP "day" is the cycle that starts with the night's sleep: a cycle starting at
//! 22:30 on Monday is Tuesday's. [`cycle_day`] puts the day at the local date (by the
//! record's own offset) twelve hours after the cycle starts, which holds for any bedtime
//! between noon and noon. A sleep belongs to the day its main sleep ends in; naps are left
//! out. The skin-temperature baseline of a day is the mean of the previous 30 days' values
//! (at least 7 of them; WHOOP calibrates its own baseline much the same way, and a day
//! without one has no deviation). Long ranges are averaged into buckets of days so ten years chart as a few hundred
//! points; the series are column-oriented and use Unix seconds, which cross IPC as plain
//! numbers.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::WhoopError;

/// Most points a series holds before days are averaged into buckets.
pub const MAX_POINTS: usize = 500;

/// The longest range asked for, in days (about forty years).
pub const MAX_RANGE_DAYS: u64 = 15_000;

/// The daily WHOOP series of a date range, one entry per bucket in every vector.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WhoopSeries {
    /// The first day covered, `YYYY-MM-DD` (none when nothing is stored).
    pub from: Option<String>,
    /// The last day covered, `YYYY-MM-DD`.
    pub to: String,
    /// Days per point: 1 for daily values, more when a long range is averaged.
    pub bucket_days: u32,
    /// Each point's first day at noon UTC, in Unix seconds.
    pub x: Vec<u32>,
    /// Recovery score, %.
    pub recovery: Vec<Option<f64>>,
    /// Heart rate variability (RMSSD), ms.
    pub hrv: Vec<Option<f64>>,
    /// Resting heart rate, bpm.
    pub resting_heart_rate: Vec<Option<f64>>,
    /// Sleep performance, %.
    pub sleep_performance: Vec<Option<f64>>,
    /// Light sleep, hours.
    pub sleep_light_hours: Vec<Option<f64>>,
    /// Slow-wave (deep) sleep, hours.
    pub sleep_deep_hours: Vec<Option<f64>>,
    /// REM sleep, hours.
    pub sleep_rem_hours: Vec<Option<f64>>,
    /// Awake time in bed, hours.
    pub sleep_awake_hours: Vec<Option<f64>>,
    /// Day strain, 0 to 21.
    pub strain: Vec<Option<f64>>,
    /// Blood oxygen during sleep, %.
    pub spo2: Vec<Option<f64>>,
    /// Skin temperature during sleep minus the lifter's baseline (the previous 30 days), °C.
    pub skin_temp_deviation: Vec<Option<f64>>,
    /// Respiratory rate during sleep, breaths a minute.
    pub respiratory_rate: Vec<Option<f64>>,
    /// Sleep efficiency: time asleep over time in bed, %.
    pub sleep_efficiency: Vec<Option<f64>>,
    /// The sleep WHOOP said was needed (baseline, debt, strain and naps), hours.
    pub sleep_need_hours: Vec<Option<f64>>,
    /// The sleep obtained (light, deep and REM), hours.
    pub sleep_obtained_hours: Vec<Option<f64>>,
    /// Days in the range with at least one value.
    pub days_with_data: u32,
}

/// The values of one day (or sums over a bucket, with counts).
#[derive(Debug, Clone, Copy, Default)]
struct Day {
    values: [Option<f64>; METRICS],
}

const RECOVERY: usize = 0;
const HRV: usize = 1;
const RHR: usize = 2;
const SLEEP_PERFORMANCE: usize = 3;
const LIGHT: usize = 4;
const DEEP: usize = 5;
const REM: usize = 6;
const AWAKE: usize = 7;
const STRAIN: usize = 8;
const SPO2: usize = 9;
const SKIN_TEMP: usize = 10;
const RESPIRATORY: usize = 11;
const EFFICIENCY: usize = 12;
const NEED: usize = 13;
const OBTAINED: usize = 14;
const METRICS: usize = 15;

/// Days before a day whose skin temperature makes its baseline, and how many must have one.
const BASELINE_DAYS: u64 = 30;
const BASELINE_MIN: usize = 7;

/// The WHOOP day of a cycle that starts at `start_ms` with the offset `offset` (`-05:00`).
pub fn cycle_day(start_ms: i64, offset: &str) -> NaiveDate {
    let offset = offset
        .parse::<FixedOffset>()
        .unwrap_or_else(|_| FixedOffset::east_opt(0).expect("zero is a valid offset"));
    let at = DateTime::<Utc>::from_timestamp_millis(start_ms + 12 * 3_600_000).unwrap_or_default();
    at.with_timezone(&offset).date_naive()
}

/// The local date of a moment, by the record's offset.
fn local_day(ms: i64, offset: &str) -> NaiveDate {
    cycle_day(ms - 12 * 3_600_000, offset)
}

/// Reads every stored day in `[from, to]` (inclusive), keyed by day.
fn read_days(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<NaiveDate, Day>, WhoopError> {
    // Records are selected by a generous UTC window, then placed by their own local day.
    let lo = noon_secs(from) * 1000 - 3 * 86_400_000;
    let hi = noon_secs(to) * 1000 + 3 * 86_400_000;
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let keep = |day: NaiveDate| day >= from && day <= to;

    // Cycles and their recoveries are two index-only reads (the `*_day` indexes cover
    // every column here), joined by the cycle's id.
    type Recovery = [Option<f64>; 5];
    let mut stmt = conn.prepare_cached(
        "SELECT cycle_id, recovery_score, hrv_rmssd_milli, resting_heart_rate, spo2_percentage,
                skin_temp_celsius
         FROM whoop_recovery WHERE start_ms >= ?1 AND start_ms < ?2 AND score_state = 'SCORED'",
    )?;
    let recoveries: HashMap<i64, Recovery> = stmt
        .query_map(params![lo, hi], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, start_ms, timezone_offset, strain FROM whoop_cycle
         WHERE start_ms >= ?1 AND start_ms < ?2 ORDER BY start_ms",
    )?;
    let rows = stmt.query_map(params![lo, hi], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<f64>>(3)?,
        ))
    })?;
    for row in rows {
        let (id, start_ms, offset, strain) = row?;
        let day = cycle_day(start_ms, &offset);
        if keep(day) {
            let entry = days.entry(day).or_default();
            let [recovery, hrv, rhr, spo2, skin] = recoveries.get(&id).copied().unwrap_or_default();
            entry.values[STRAIN] = strain;
            entry.values[RECOVERY] = recovery;
            entry.values[HRV] = hrv;
            entry.values[RHR] = rhr;
            entry.values[SPO2] = spo2;
            entry.values[SKIN_TEMP] = skin;
        }
    }

    // The stage and need durations are columns computed from each record's raw JSON
    // (migration 9), stored in the covering index `whoop_sleep_day`.
    let mut stmt = conn.prepare_cached(
        "SELECT end_ms, timezone_offset, sleep_performance_percentage, light_milli, deep_milli,
                rem_milli, awake_milli, sleep_efficiency_percentage, respiratory_rate, need_milli
         FROM whoop_sleep
         WHERE nap = 0 AND score_state = 'SCORED' AND end_ms >= ?1 AND end_ms < ?2
         ORDER BY end_ms",
    )?;
    let hours = |ms: Option<f64>| ms.map(|ms| ms / 3_600_000.0);
    let rows = stmt.query_map(params![lo, hi], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, Option<f64>>(3)?,
            r.get::<_, Option<f64>>(4)?,
            r.get::<_, Option<f64>>(5)?,
            r.get::<_, Option<f64>>(6)?,
            r.get::<_, Option<f64>>(7)?,
            r.get::<_, Option<f64>>(8)?,
            r.get::<_, Option<f64>>(9)?,
        ))
    })?;
    for row in rows {
        let (end_ms, offset, performance, light, deep, rem, awake, efficiency, respiratory, need) = row?;
        let day = local_day(end_ms, &offset);
        if keep(day) {
            // The latest main sleep ending on a day is that day's.
            let entry = days.entry(day).or_default();
            entry.values[SLEEP_PERFORMANCE] = performance;
            entry.values[LIGHT] = hours(light);
            entry.values[DEEP] = hours(deep);
            entry.values[REM] = hours(rem);
            entry.values[AWAKE] = hours(awake);
            entry.values[EFFICIENCY] = efficiency;
            entry.values[RESPIRATORY] = respiratory;
            entry.values[NEED] = hours(need);
            entry.values[OBTAINED] = match (light, deep, rem) {
                (Some(light), Some(deep), Some(rem)) => hours(Some(light + deep + rem)),
                _ => None,
            };
        }
    }
    Ok(days)
}

/// Replaces each day's skin temperature by its deviation from the mean of the previous
/// [`BASELINE_DAYS`] days' values, or by nothing when fewer than [`BASELINE_MIN`] exist.
fn skin_temp_deviation(days: &mut BTreeMap<NaiveDate, Day>) {
    let temps: Vec<(NaiveDate, f64)> = days
        .iter()
        .filter_map(|(day, values)| values.values[SKIN_TEMP].map(|t| (*day, t)))
        .collect();
    let mut first = 0;
    let mut deviations = Vec::with_capacity(temps.len());
    for (i, (day, temp)) in temps.iter().enumerate() {
        let since = day.checked_sub_days(Days::new(BASELINE_DAYS)).unwrap_or(*day);
        while temps[first].0 < since {
            first += 1;
        }
        let window = &temps[first..i];
        let deviation = (window.len() >= BASELINE_MIN)
            .then(|| temp - window.iter().map(|(_, t)| t).sum::<f64>() / window.len() as f64);
        deviations.push((*day, deviation));
    }
    for (day, values) in days.iter_mut() {
        values.values[SKIN_TEMP] = None;
        if let Ok(i) = deviations.binary_search_by_key(day, |(d, _)| *d) {
            values.values[SKIN_TEMP] = deviations[i].1;
        }
    }
}

/// The first day anything is stored for, if anything is.
fn first_day(conn: &Connection) -> Result<Option<NaiveDate>, WhoopError> {
    let row: Option<(i64, String)> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT start_ms, timezone_offset FROM whoop_cycle ORDER BY start_ms LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    Ok(row.map(|(ms, offset)| cycle_day(ms, &offset)))
}

fn noon_secs(day: NaiveDate) -> i64 {
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon is a time"))
        .and_utc()
        .timestamp()
}

/// Days per point for a range of `span` days: daily up to [`MAX_POINTS`] days, then whole
/// weeks (or multiples of four weeks), so buckets line up with the calendar's rhythm.
pub fn bucket_days(span: u64) -> u32 {
    if span <= MAX_POINTS as u64 {
        1
    } else if span <= 7 * MAX_POINTS as u64 {
        7
    } else {
        let weeks = span.div_ceil(28 * MAX_POINTS as u64);
        u32::try_from(28 * weeks).unwrap_or(u32::MAX)
    }
}

/// The series for the days `[from, to]`; `from: None` means from the first stored day.
pub fn series(conn: &Connection, from: Option<NaiveDate>, to: NaiveDate) -> Result<WhoopSeries, WhoopError> {
    let from = match from {
        Some(day) => day,
        None => match first_day(conn)? {
            Some(day) => day.min(to),
            None => {
                return Ok(WhoopSeries {
                    to: to.to_string(),
                    bucket_days: 1,
                    ..WhoopSeries::default()
                });
            }
        },
    };
    let span = u64::try_from((to - from).num_days()).unwrap_or(0) + 1;
    if from > to || span > MAX_RANGE_DAYS {
        return Err(WhoopError::Invalid(format!(
            "the chart range must run forwards and span at most {MAX_RANGE_DAYS} days"
        )));
    }
    let read_from = from.checked_sub_days(Days::new(BASELINE_DAYS)).unwrap_or(from);
    let mut days = read_days(conn, read_from, to)?;
    skin_temp_deviation(&mut days);
    let days = days.split_off(&from);
    let bucket = bucket_days(span);
    let mut out = WhoopSeries {
        from: Some(from.to_string()),
        to: to.to_string(),
        bucket_days: bucket,
        days_with_data: u32::try_from(days.len()).unwrap_or(u32::MAX),
        ..WhoopSeries::default()
    };
    let mut start = from;
    while start <= to {
        let end = start.checked_add_days(Days::new(u64::from(bucket))).unwrap_or(to);
        let mut sums = [(0.0, 0u32); METRICS];
        for day in days.range(start..end).map(|(_, day)| day) {
            for (sum, value) in sums.iter_mut().zip(day.values) {
                if let Some(value) = value {
                    sum.0 += value;
                    sum.1 += 1;
                }
            }
        }
        let mean = |i: usize| (sums[i].1 > 0).then(|| sums[i].0 / f64::from(sums[i].1));
        out.x.push(u32::try_from(noon_secs(start)).unwrap_or(0));
        out.recovery.push(mean(RECOVERY));
        out.hrv.push(mean(HRV));
        out.resting_heart_rate.push(mean(RHR));
        out.sleep_performance.push(mean(SLEEP_PERFORMANCE));
        out.sleep_light_hours.push(mean(LIGHT));
        out.sleep_deep_hours.push(mean(DEEP));
        out.sleep_rem_hours.push(mean(REM));
        out.sleep_awake_hours.push(mean(AWAKE));
        out.strain.push(mean(STRAIN));
        out.spo2.push(mean(SPO2));
        out.skin_temp_deviation.push(mean(SKIN_TEMP));
        out.respiratory_rate.push(mean(RESPIRATORY));
        out.sleep_efficiency.push(mean(EFFICIENCY));
        out.sleep_need_hours.push(mean(NEED));
        out.sleep_obtained_hours.push(mean(OBTAINED));
        if end <= start {
            break;
        }
        start = end;
    }
    Ok(out)
}

/// The latest WHOOP day, for the Today card.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LatestDay {
    /// The day the values belong to, `YYYY-MM-DD` (none when nothing is stored).
    pub day: Option<String>,
    /// Recovery score, %, once scored.
    pub recovery: Option<f64>,
    /// HRV, ms.
    pub hrv: Option<f64>,
    /// Resting heart rate, bpm.
    pub resting_heart_rate: Option<f64>,
    /// The last main sleep's performance, %.
    pub sleep_performance: Option<f64>,
    /// The last main sleep's time asleep (light + deep + REM), hours.
    pub sleep_hours: Option<f64>,
    /// Day strain so far.
    pub strain: Option<f64>,
}

/// The newest cycle's values and the last main sleep.
pub fn latest_day(conn: &Connection) -> Result<LatestDay, WhoopError> {
    let Some((start_ms, offset)) = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT start_ms, timezone_offset FROM whoop_cycle ORDER BY start_ms DESC LIMIT 1",
        [],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    ))?
    else {
        return Ok(LatestDay::default());
    };
    let day = cycle_day(start_ms, &offset);
    let mut values = read_days(conn, day.pred_opt().unwrap_or(day), day)?;
    let today = values.remove(&day).unwrap_or_default();
    let sleep = if today.values[SLEEP_PERFORMANCE].is_some() {
        today
    } else {
        values.into_values().next_back().unwrap_or_default()
    };
    let asleep = [LIGHT, DEEP, REM]
        .iter()
        .map(|&i| sleep.values[i])
        .sum::<Option<f64>>();
    Ok(LatestDay {
        day: Some(day.to_string()),
        recovery: today.values[RECOVERY],
        hrv: today.values[HRV],
        resting_heart_rate: today.values[RHR],
        sleep_performance: sleep.values[SLEEP_PERFORMANCE],
        sleep_hours: asleep,
        strain: today.values[STRAIN],
    })
}
