//! What the journal says about recovery: for each tag, the next day's recovery score, HRV
//! and sleep performance on the days after it was ticked, against the days
//! without it, with the sample sizes and one plain sentence each.
//!
//! "The next day" of a journal day D is the WHOOP day D + 1, as [`crate::whoop::series`](mod@crate::whoop::series)
//! assigns days: the cycle that starts with D's night sleep (a cycle starting at 22:30 on
//! D is D + 1's), its scored recovery and HRV, and the main sleep that ends on D + 1 (by
//! the record's own offset). The days compared are those from the first journal entry to
//! the last: a day in that span with no entry is a day without any tag (people tick what
//! happened and leave ordinary days alone), while days before the journal was started or
//! after it was last kept say nothing either way.
//!
//! A metric is compared only with at least [`MIN_DAYS`] days on each side. Whether a
//! difference is more than day-to-day noise is judged by a simple spread measure: the
//! standard error of the difference of the two means (`sqrt(s₁²/n₁ + s₂²/n₂)`); a gap
//! within twice that is reported as "no clear difference". The sentences say what went
//! together, never what caused what.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::JournalError;
use crate::whoop::cycle_day;

/// Fewest days with a tag, and without it, before a metric is compared.
pub const MIN_DAYS: u32 = 10;

/// A gap counts as clear beyond this many standard errors of the difference.
const NOISE_FACTOR: f64 = 2.0;

/// A next-day WHOOP metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Recovery score, %.
    Recovery,
    /// Heart rate variability (RMSSD), ms.
    Hrv,
    /// Sleep performance, %.
    SleepPerformance,
}

impl Metric {
    /// Every metric, in the order they are shown.
    pub const ALL: [Metric; 3] = [Metric::Recovery, Metric::Hrv, Metric::SleepPerformance];

    /// Its name in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Recovery => "recovery",
            Metric::Hrv => "HRV",
            Metric::SleepPerformance => "sleep performance",
        }
    }

    fn value(self, mean: f64) -> String {
        match self {
            Metric::Hrv => format!("{mean:.0} ms"),
            _ => format!("{mean:.0} %"),
        }
    }

    fn gap(self, gap: f64) -> String {
        let digits = usize::from(gap.round() == 0.0);
        match self {
            Metric::Hrv => format!("{gap:.digits$} ms"),
            _ => format!("{gap:.digits$} points"),
        }
    }
}

/// What a comparison found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fewer than [`MIN_DAYS`] days on one side: nothing is compared.
    TooFew,
    /// The gap is within the day-to-day spread.
    NoClearDifference,
    /// Clearly higher on the days after the tag.
    Higher,
    /// Clearly lower on the days after the tag.
    Lower,
}

/// One metric, with the tag and without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MetricComparison {
    /// Which metric.
    pub metric: Metric,
    /// Days after the tag with a value.
    pub with_days: u32,
    /// Days without the tag whose next day has a value.
    pub without_days: u32,
    /// Mean on the days after the tag (none when too few).
    pub with_mean: Option<f64>,
    /// Mean on the days without the tag (none when too few).
    pub without_mean: Option<f64>,
    /// `with_mean - without_mean`.
    pub difference: Option<f64>,
    /// The standard error of that difference: the day-to-day spread it is judged by.
    pub noise: Option<f64>,
    /// What the comparison found.
    pub verdict: Verdict,
    /// One plain sentence.
    pub sentence: String,
}

/// One tag's comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TagComparison {
    /// The tag's name.
    pub tag: String,
    /// Days it is ticked on.
    pub days_with: u32,
    /// Days of the journal's span without it.
    pub days_without: u32,
    /// Recovery, HRV and sleep performance, in that order.
    pub metrics: Vec<MetricComparison>,
}

/// Everything the journal says about recovery.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalInsights {
    /// Days from the first journal entry to the last, both included.
    pub days: u32,
    /// Of those, days with an entry.
    pub entries: u32,
    /// Days of the span whose next day has a scored WHOOP recovery.
    pub with_recovery: u32,
    /// Every tag ticked at least once: those compared first (most days first), then those
    /// with too few days.
    pub tags: Vec<TagComparison>,
    /// One sentence about the whole: what is compared, or what is missing.
    pub caption: String,
}

/// The next-day values of one WHOOP day.
#[derive(Debug, Clone, Copy, Default)]
struct Next {
    values: [Option<f64>; 3],
}

/// Each tag ticked at least once and the days it is ticked on, as the journal lists tags.
type Ticked = Vec<(String, BTreeSet<NaiveDate>)>;

/// The days with an entry, and the tags ticked on them.
fn journal(conn: &Connection) -> Result<(BTreeSet<NaiveDate>, Ticked), JournalError> {
    let days: BTreeSet<NaiveDate> = conn
        .prepare_cached("SELECT day FROM journal_entry")?
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(|day| {
            day.map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                .transpose()
        })
        .collect::<Result<_, _>>()?;
    let mut tags: Ticked = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, e.day FROM journal_entry_tag et JOIN journal_tag t ON t.id = et.tag_id
             JOIN journal_entry e ON e.id = et.entry_id
         ORDER BY t.builtin DESC, CASE WHEN t.builtin = 1 THEN t.id END, t.name_key",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (tag, day) = row?;
        let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            continue;
        };
        match tags.last_mut() {
            Some((name, days)) if *name == tag => {
                days.insert(day);
            }
            _ => tags.push((tag, BTreeSet::from([day]))),
        }
    }
    Ok((days, tags))
}

/// The WHOOP values of every day from `first` on, keyed by WHOOP day.
fn whoop_days(conn: &Connection, first: NaiveDate) -> Result<BTreeMap<NaiveDate, Next>, JournalError> {
    // A generous UTC window; each record is then placed by its own local day.
    let lo = first
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp_millis()
        - 3 * 86_400_000;
    let mut days: BTreeMap<NaiveDate, Next> = BTreeMap::new();
    // Two reads that each stay inside a covering index, joined here by cycle id.
    let offsets: HashMap<i64, String> = conn
        .prepare_cached("SELECT id, timezone_offset FROM whoop_cycle WHERE start_ms >= ?1")?
        .query_map(params![lo], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT cycle_id, start_ms, recovery_score, hrv_rmssd_milli FROM whoop_recovery
         WHERE start_ms >= ?1 AND score_state = 'SCORED'",
    )?;
    let rows = stmt.query_map(params![lo], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, Option<f64>>(3)?,
        ))
    })?;
    for row in rows {
        let (cycle_id, start_ms, recovery, hrv) = row?;
        let Some(offset) = offsets.get(&cycle_id) else {
            continue;
        };
        let next = days.entry(cycle_day(start_ms, offset)).or_default();
        next.values[0] = recovery;
        next.values[1] = hrv;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT end_ms, timezone_offset, sleep_performance_percentage FROM whoop_sleep
         WHERE nap = 0 AND score_state = 'SCORED' AND end_ms >= ?1 ORDER BY end_ms",
    )?;
    let rows = stmt.query_map(params![lo], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<f64>>(2)?,
        ))
    })?;
    for row in rows {
        let (end_ms, offset, performance) = row?;
        // The latest main sleep ending on a day is that day's.
        days.entry(local_day(end_ms, &offset)).or_default().values[2] = performance;
    }
    Ok(days)
}

/// The local date of a moment, by a record's offset (`-05:00`).
fn local_day(ms: i64, offset: &str) -> NaiveDate {
    let offset = offset
        .parse::<FixedOffset>()
        .unwrap_or_else(|_| FixedOffset::east_opt(0).expect("zero is a valid offset"));
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&offset)
        .date_naive()
}

/// Mean and sample variance.
fn spread(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = if values.len() > 1 {
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, variance)
}

/// Compares one metric's values after the tag with those of the days without it.
fn compare_metric(metric: Metric, tag: &str, with: &[f64], without: &[f64]) -> MetricComparison {
    let (n1, n2) = (with.len() as u32, without.len() as u32);
    let days = |n: u32| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    let mut out = MetricComparison {
        metric,
        with_days: n1,
        without_days: n2,
        with_mean: None,
        without_mean: None,
        difference: None,
        noise: None,
        verdict: Verdict::TooFew,
        sentence: format!(
            "Too few days to compare {} after {tag}: {} with it and {n2} without, and at least {MIN_DAYS} of each are needed.",
            metric.label(),
            days(n1),
        ),
    };
    if n1 < MIN_DAYS || n2 < MIN_DAYS {
        return out;
    }
    let ((m1, v1), (m2, v2)) = (spread(with), spread(without));
    let difference = m1 - m2;
    let noise = (v1 / f64::from(n1) + v2 / f64::from(n2)).sqrt();
    let clear = difference.abs() > NOISE_FACTOR * noise && difference.abs() >= 0.05;
    out.verdict = match (clear, difference > 0.0) {
        (false, _) => Verdict::NoClearDifference,
        (true, true) => Verdict::Higher,
        (true, false) => Verdict::Lower,
    };
    out.sentence = if clear {
        format!(
            "On the {n1} days after you logged {tag}, your {} averaged {} {} than on the {n2} days without it ({} vs {}).",
            metric.label(),
            metric.gap(difference.abs()),
            if difference > 0.0 { "higher" } else { "lower" },
            metric.value(m1),
            metric.value(m2),
        )
    } else {
        format!(
            "On the {n1} days after you logged {tag}, your {} averaged {}, against {} on the {n2} days without it: \
             no clear difference, the gap is within the day-to-day spread.",
            metric.label(),
            metric.value(m1),
            metric.value(m2),
        )
    };
    out.with_mean = Some(m1);
    out.without_mean = Some(m2);
    out.difference = Some(difference);
    out.noise = Some(noise);
    out
}

/// Compares the next day's recovery, HRV and sleep performance after each tag with the
/// other days of the journal's span.
pub fn compare(conn: &Connection) -> Result<JournalInsights, JournalError> {
    let (entries, tags) = journal(conn)?;
    let (Some(first), Some(last)) = (entries.first().copied(), entries.last().copied()) else {
        return Ok(JournalInsights {
            days: 0,
            entries: 0,
            with_recovery: 0,
            tags: Vec::new(),
            caption: format!(
                "Tick what you did each day in your journal. Once a tag has at least {MIN_DAYS} days with it and \
                 {MIN_DAYS} without, this shows your next-day recovery, HRV and sleep with and without it."
            ),
        });
    };
    let days: Vec<NaiveDate> = first.iter_days().take_while(|day| *day <= last).collect();
    let whoop = whoop_days(conn, first)?;
    let next = |day: &NaiveDate| {
        day.checked_add_days(Days::new(1))
            .and_then(|d| whoop.get(&d))
            .copied()
            .unwrap_or_default()
    };
    let nexts: BTreeMap<NaiveDate, Next> = days.iter().map(|d| (*d, next(d))).collect();
    let with_recovery = nexts.values().filter(|n| n.values[0].is_some()).count() as u32;
    let mut compared: Vec<TagComparison> = tags
        .iter()
        .map(|(tag, ticked)| {
            let metrics = Metric::ALL
                .iter()
                .enumerate()
                .map(|(i, metric)| {
                    let (mut with, mut without) = (Vec::new(), Vec::new());
                    for (day, values) in &nexts {
                        if let Some(value) = values.values[i] {
                            if ticked.contains(day) {
                                with.push(value);
                            } else {
                                without.push(value);
                            }
                        }
                    }
                    compare_metric(*metric, tag, &with, &without)
                })
                .collect();
            TagComparison {
                tag: tag.clone(),
                days_with: ticked.len() as u32,
                days_without: (days.len() - ticked.len()) as u32,
                metrics,
            }
        })
        .collect();
    // Tags with a comparison first, the most-logged first; a stable sort keeps the
    // journal's own order among equals.
    compared.sort_by_key(|t| {
        (
            t.metrics[0].verdict == Verdict::TooFew,
            std::cmp::Reverse(t.days_with),
        )
    });
    let caption = if with_recovery == 0 {
        "None of the days in your journal is followed by a scored WHOOP recovery yet: connect and sync WHOOP to \
         compare your next-day recovery with and without each tag."
            .to_owned()
    } else {
        format!(
            "{} days from your first journal entry to your last ({} with an entry), {with_recovery} of them followed \
             by a scored WHOOP recovery; a day without an entry counts as a day without any tag. Each tag is compared \
             once it has at least {MIN_DAYS} days with it and {MIN_DAYS} without; this shows what went together, not \
             what caused what.",
            days.len(),
            entries.len()
        )
    };
    Ok(JournalInsights {
        days: days.len() as u32,
        entries: entries.len() as u32,
        with_recovery,
        tags: compared,
        caption,
    })
}
