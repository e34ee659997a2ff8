//! The Insights commands: training joined with WHOOP recovery, and what the training log
//! says by itself, both computed in the core.

use chrono::{Duration, Utc};
use ironkeep::insights::training::TrainingInsights;
use ironkeep::insights::{self, Insights};
use tauri::State;

use crate::error::IpcError;
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
