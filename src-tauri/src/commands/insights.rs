//! The Insights commands: training joined with WHOOP recovery, what the training log says
//! by itself, and the weekly report, all computed in the core.

use chrono::{Duration, Utc};
use ironkeep::insights::training::TrainingInsights;
use ironkeep::insights::{self, Insights};
use ironkeep::report::{self, WeekReport};
use tauri::State;

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

/// Insights over the last `days` days (all time when `null`).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn insights_overview(state: State<'_, AppState>, days: Option<u32>) -> Result<Insights, IpcError> {
    let now = Utc::now();
    let from = days.map(|days| now - Duration::days(i64::from(days.clamp(1, 15_000))));
    state.read(move |conn| insights::insights(conn, from, now)).await
}

/// Training-only insights over the last `days` days (all time when `null`): consistency,
/// each muscle group's volume trend, the main lifts' strength trend.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn insights_training(
    state: State<'_, AppState>,
    days: Option<u32>,
) -> Result<TrainingInsights, IpcError> {
    let now = Utc::now();
    let from = days.map(|days| now - Duration::days(i64::from(days.clamp(1, 15_000))));
    state
        .read(move |conn| insights::training::training(conn, from, now))
        .await
}

/// The weekly report of the week holding `day` (`YYYY-MM-DD`; this week when `null`),
/// beside the four weeks before it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn report_week(state: State<'_, AppState>, day: Option<String>) -> Result<WeekReport, IpcError> {
    let day = match day {
        Some(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            IpcError::new(
                ErrorCode::InvalidInput,
                "The week must be given as a day like 2026-10-19.",
            )
        })?,
        None => chrono::Local::now().date_naive(),
    };
    state.read(move |conn| report::week(conn, day)).await
}
