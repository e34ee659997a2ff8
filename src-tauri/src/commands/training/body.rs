//! Commands for the Body screen: log and list the body weight and the tape measurements
//! and body fat.

use chrono::{DateTime, Utc};
use ironkeep::training::{BodyMeasurement, BodyMeasures, BodyWeight, BodyWeights, Measurements, Weight};
use tauri::State;

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

/// The most entries each list sends (about three years of daily weigh-ins).
const LISTED: u32 = 1000;

/// Reads the optional time of an entry (RFC 3339 from the window; none means now).
fn when(at: Option<&str>, now: DateTime<Utc>) -> Result<DateTime<Utc>, IpcError> {
    at.map_or(Ok(now), |text| {
        DateTime::parse_from_rfc3339(text.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                IpcError::new(
                    ErrorCode::InvalidInput,
                    "The time of the measurement is not a date and time.",
                )
            })
    })
}

/// Logs a body weight (typed in its own unit) and returns the log, newest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn body_weight_log(
    state: State<'_, AppState>,
    weight: Weight,
    at: Option<String>,
) -> Result<Vec<BodyWeight>, IpcError> {
    let now = Utc::now();
    let at = when(at.as_deref(), now)?;
    state
        .write(move |vault| {
            let log = BodyWeights::new(vault.conn());
            log.log(at, weight, false, now)?;
            log.recent(LISTED)
        })
        .await
}

/// The body-weight log, newest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn body_weights(state: State<'_, AppState>) -> Result<Vec<BodyWeight>, IpcError> {
    state
        .read(move |conn| BodyWeights::new(conn).recent(LISTED))
        .await
}

/// Logs tape measurements and body fat; refused whole if a number is implausible.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn body_measure_log(
    state: State<'_, AppState>,
    values: Measurements,
    at: Option<String>,
) -> Result<BodyMeasurement, IpcError> {
    let now = Utc::now();
    let at = when(at.as_deref(), now)?;
    state
        .write(move |vault| BodyMeasures::new(vault.conn()).log(at, &values, now))
        .await
}

/// The body measurements, newest first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn body_measurements(state: State<'_, AppState>) -> Result<Vec<BodyMeasurement>, IpcError> {
    state
        .read(move |conn| BodyMeasures::new(conn).recent(LISTED))
        .await
}
