//! Commands for workouts: start, log and change sets, finish, and afterwards list, show,
//! edit and delete sessions in History.

use chrono::{DateTime, Duration, Utc};
use ironkeep::training::history::{HistoryFilter, MonthCount};
use ironkeep::training::sessions::SessionDetail;
use ironkeep::training::{
    History, Session, SessionEdit, SessionSummary, Sessions, SessionsMut, SetInput, SetRow, SetsMut,
    StartSession,
};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::parse_day;
use crate::error::IpcError;
use crate::state::AppState;

/// Starts a session now, pre-filled from a routine when one is given.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_start(
    state: State<'_, AppState>,
    routine_id: Option<u32>,
    name: Option<String>,
) -> Result<SessionDetail, IpcError> {
    let now = Utc::now();
    let start = StartSession {
        name,
        started_at: now,
        routine_id,
        notes: String::new(),
    };
    state
        .write(move |vault| SessionsMut::new(vault.conn()).start(&start, now))
        .await
}

/// A session with its sets.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_detail(state: State<'_, AppState>, id: u32) -> Result<SessionDetail, IpcError> {
    state.read(move |conn| Sessions::new(conn).detail(id)).await
}

/// The unfinished session, if any.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_in_progress(state: State<'_, AppState>) -> Result<Option<Session>, IpcError> {
    state.read(move |conn| Sessions::new(conn).in_progress()).await
}

/// The done sets (warm-ups too) of the last session before `before` that had this exercise.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_previous(
    state: State<'_, AppState>,
    exercise_id: u32,
    before: String,
) -> Result<Vec<SetRow>, IpcError> {
    state
        .read(move |conn| Sessions::new(conn).last_performance(exercise_id, &before))
        .await
}

/// Finishes a session now; with `discard_undone`, planned sets never done are dropped.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_finish(
    state: State<'_, AppState>,
    id: u32,
    discard_undone: bool,
) -> Result<Session, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| SessionsMut::new(vault.conn()).finish(id, now, discard_undone, now))
        .await
}

/// Changes a session's name, notes or times.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_edit(
    state: State<'_, AppState>,
    id: u32,
    edit: SessionEdit,
) -> Result<Session, IpcError> {
    state
        .write(move |vault| SessionsMut::new(vault.conn()).edit(id, &edit, Utc::now()))
        .await
}

/// Deletes a session and its sets.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_delete(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .write(move |vault| SessionsMut::new(vault.conn()).delete(id))
        .await
}

/// Puts a session's logged exercises in this order (every one, each once); superset
/// groups move as one. Returns the session in its stored order.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_reorder(
    state: State<'_, AppState>,
    id: u32,
    exercise_ids: Vec<u32>,
) -> Result<SessionDetail, IpcError> {
    state
        .write(move |vault| SessionsMut::new(vault.conn()).reorder_exercises(id, &exercise_ids))
        .await
}

/// Logs a set at the end of a session; the row carries the records it set.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_log(state: State<'_, AppState>, session_id: u32, set: SetInput) -> Result<SetRow, IpcError> {
    state
        .write(move |vault| {
            SetsMut::new(vault.conn())
                .log(session_id, &set)
                .map(|logged| logged.set)
        })
        .await
}

/// Replaces what a set holds (e.g. marking a planned set done); flags are recomputed.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_edit(state: State<'_, AppState>, id: u32, set: SetInput) -> Result<SetRow, IpcError> {
    state
        .write(move |vault| SetsMut::new(vault.conn()).edit(id, &set))
        .await
}

/// Deletes one set.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_delete(state: State<'_, AppState>, id: u32) -> Result<(), IpcError> {
    state
        .write(move |vault| SetsMut::new(vault.conn()).delete(id))
        .await
}

/// Which sessions History lists: days are `YYYY-MM-DD` (UTC), both ends included.
#[derive(Debug, Default, Deserialize, specta::Type)]
pub struct HistoryQuery {
    /// Only sessions with a set of this exercise.
    pub exercise_id: Option<u32>,
    /// The first day.
    pub from: Option<String>,
    /// The last day.
    pub to: Option<String>,
}

impl HistoryQuery {
    fn filter(&self) -> Result<HistoryFilter, IpcError> {
        let from = self.from.as_deref().filter(|d| !d.trim().is_empty());
        let to = self.to.as_deref().filter(|d| !d.trim().is_empty());
        Ok(HistoryFilter {
            exercise_id: self.exercise_id,
            from: from.map(|d| parse_day("first", d)).transpose()?,
            to: to
                .map(|d| parse_day("last", d).map(|day: DateTime<Utc>| day + Duration::days(1)))
                .transpose()?,
        })
    }
}

/// One page of History (the core's generic `Page`, made concrete for the bindings).
#[derive(Debug, Serialize, specta::Type)]
pub struct SessionPage {
    /// The sessions, newest first.
    pub items: Vec<SessionSummary>,
    /// Pass this back to get the next page (`None` at the end).
    pub next: Option<String>,
}

/// One page of sessions, newest first, after `cursor` (the previous page's `next`).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn history_sessions(
    state: State<'_, AppState>,
    query: HistoryQuery,
    cursor: Option<String>,
    limit: u32,
) -> Result<SessionPage, IpcError> {
    let filter = query.filter()?;
    let page = state
        .read(move |conn| History::new(conn).sessions(&filter, cursor.as_deref(), limit))
        .await?;
    Ok(SessionPage {
        items: page.items,
        next: page.next,
    })
}

/// How many matching sessions each month holds, newest month first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn history_months(
    state: State<'_, AppState>,
    query: HistoryQuery,
) -> Result<Vec<MonthCount>, IpcError> {
    let filter = query.filter()?;
    state.read(move |conn| History::new(conn).months(&filter)).await
}

#[cfg(test)]
mod tests {
    use super::HistoryQuery;

    #[test]
    fn the_last_day_of_a_history_range_is_included_and_blank_days_mean_no_bound() {
        let query = HistoryQuery {
            exercise_id: Some(3),
            from: Some("2024-03-01".into()),
            to: Some("2024-03-31".into()),
        };
        let filter = query.filter().ok();
        let to = filter.as_ref().and_then(|f| f.to).map(|t| t.to_rfc3339());
        assert_eq!(to.as_deref(), Some("2024-04-01T00:00:00+00:00"));
        assert_eq!(filter.as_ref().and_then(|f| f.exercise_id), Some(3));

        let blank = HistoryQuery {
            exercise_id: None,
            from: Some(" ".into()),
            to: None,
        };
        let filter = blank.filter().ok();
        assert!(filter.is_some_and(|f| f.from.is_none() && f.to.is_none()));
    }
}
