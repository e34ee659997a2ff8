//! History: the session list and per-exercise history, always paginated.
//!
//! The first review's M-008 was list endpoints returning everything. Here every list is a
//! page of at most [`MAX_PAGE`] items with an opaque keyset cursor (start time and id of
//! the last item), so a page costs the same on the first day and after ten years, and
//! inserting or deleting sessions never shifts or repeats items across pages.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::sessions::in_progress;
use super::sets::{SET_COLUMNS, SetRow};
use super::{TrainingError, stamp};

/// The largest page.
pub const MAX_PAGE: u32 = 100;

/// One page of results and the cursor for the next (`None` at the end).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Page<T> {
    /// The items, newest first.
    pub items: Vec<T>,
    /// Pass this back to get the next page.
    pub next: Option<String>,
}

/// Which sessions to list.
#[derive(Debug, Clone, Default)]
pub struct HistoryFilter {
    /// Only sessions with a set of this exercise.
    pub exercise_id: Option<u32>,
    /// Only sessions starting at or after this.
    pub from: Option<DateTime<Utc>>,
    /// Only sessions starting before this.
    pub to: Option<DateTime<Utc>>,
}

/// One line of the session list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionSummary {
    /// The session's id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Start, RFC 3339 UTC.
    pub started_at: String,
    /// End, if finished (or, for an imported session, if the file said).
    pub ended_at: Option<String>,
    /// Whether it is being logged now (an imported session never is).
    pub in_progress: bool,
    /// Sets done.
    pub sets: u32,
    /// Volume of the done non-warm-up sets, kg × reps.
    pub volume_kg: f64,
    /// The highest WHOOP strain among the workouts matched to it (not undone), if any.
    pub whoop_strain: Option<f64>,
}

/// How many sessions one calendar month (UTC) holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MonthCount {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Sessions starting in it that match the filter.
    pub sessions: u32,
}

/// One session's sets of one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExerciseDay {
    /// The session.
    pub session_id: u32,
    /// Its start.
    pub started_at: String,
    /// The exercise's sets in it, in order.
    pub sets: Vec<SetRow>,
}

fn parse_cursor(cursor: Option<&str>) -> Result<(Option<String>, Option<u32>), TrainingError> {
    let Some(cursor) = cursor else {
        return Ok((None, None));
    };
    let (at, id) = cursor.split_once('/').ok_or(TrainingError::BadCursor)?;
    let id: u32 = id.parse().map_err(|_| TrainingError::BadCursor)?;
    super::parse_stamp(at).map_err(|_| TrainingError::BadCursor)?;
    Ok((Some(at.to_owned()), Some(id)))
}

fn check_limit(limit: u32) -> Result<(), TrainingError> {
    super::in_range("the page size", i64::from(limit), 1, i64::from(MAX_PAGE))
}

/// Read-only history queries.
#[derive(Debug, Clone, Copy)]
pub struct History<'c> {
    conn: &'c Connection,
}

impl<'c> History<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Sessions newest first, `limit` at a time (1-100), after `cursor`.
    pub fn sessions(
        &self,
        filter: &HistoryFilter,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<SessionSummary>, TrainingError> {
        check_limit(limit)?;
        let (after_at, after_id) = parse_cursor(cursor)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.id, x.name, x.started_at, x.ended_at, x.source,
                    (SELECT count(*) FROM session_set s WHERE s.session_id = x.id AND s.done = 1),
                    (SELECT coalesce(sum(s.weight_kg * s.reps), 0.0) FROM session_set s
                      WHERE s.session_id = x.id AND s.done = 1 AND s.kind <> 'warmup'),
                    (SELECT max(m.strain) FROM whoop_match m
                      WHERE m.session_id = x.id AND m.decision <> 'rejected')
             FROM session x
             WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM session_set s WHERE s.exercise_id = ?1 AND s.session_id = x.id))
               AND (?2 IS NULL OR x.started_at >= ?2) AND (?3 IS NULL OR x.started_at < ?3)
               AND (?4 IS NULL OR (x.started_at, x.id) < (?4, ?5))
             ORDER BY x.started_at DESC, x.id DESC LIMIT ?6",
        )?;
        let items: Vec<SessionSummary> = stmt
            .query_map(
                params![
                    filter.exercise_id,
                    filter.from.map(stamp),
                    filter.to.map(stamp),
                    after_at,
                    after_id,
                    limit
                ],
                |r| {
                    let ended_at: Option<String> = r.get(3)?;
                    let source: String = r.get(4)?;
                    Ok(SessionSummary {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        started_at: r.get(2)?,
                        in_progress: in_progress(ended_at.as_deref(), &source),
                        ended_at,
                        sets: r.get(5)?,
                        volume_kg: r.get(6)?,
                        whoop_strain: r.get(7)?,
                    })
                },
            )?
            .collect::<Result<_, _>>()?;
        let next = (items.len() == limit as usize)
            .then(|| items.last().map(|s| format!("{}/{}", s.started_at, s.id)))
            .flatten();
        Ok(Page { items, next })
    }

    /// The number of matching sessions in each month (UTC) that has any, newest first: the
    /// list's month headings show real counts before every page is loaded.
    pub fn months(&self, filter: &HistoryFilter) -> Result<Vec<MonthCount>, TrainingError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(x.started_at, 1, 7) AS month, count(*) FROM session x
             WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM session_set s WHERE s.exercise_id = ?1 AND s.session_id = x.id))
               AND (?2 IS NULL OR x.started_at >= ?2) AND (?3 IS NULL OR x.started_at < ?3)
             GROUP BY month ORDER BY month DESC",
        )?;
        let rows = stmt.query_map(
            params![filter.exercise_id, filter.from.map(stamp), filter.to.map(stamp)],
            |r| {
                Ok(MonthCount {
                    month: r.get(0)?,
                    sessions: r.get(1)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One exercise's sets, session by session, newest first.
    pub fn exercise(
        &self,
        exercise_id: u32,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Page<ExerciseDay>, TrainingError> {
        super::exercises::Exercises::new(self.conn).get(exercise_id)?;
        let filter = HistoryFilter {
            exercise_id: Some(exercise_id),
            ..HistoryFilter::default()
        };
        let page = self.sessions(&filter, cursor, limit)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SET_COLUMNS} FROM session_set WHERE session_id = ?1 AND exercise_id = ?2 ORDER BY position"
        ))?;
        let items = page
            .items
            .iter()
            .map(|s| {
                let sets = stmt
                    .query_map(params![s.id, exercise_id], SetRow::from_row)?
                    .collect::<Result<_, _>>()?;
                Ok(ExerciseDay {
                    session_id: s.id,
                    started_at: s.started_at.clone(),
                    sets,
                })
            })
            .collect::<Result<_, TrainingError>>()?;
        Ok(Page {
            items,
            next: page.next,
        })
    }
}
