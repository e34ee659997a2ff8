//! Commands for the WHOOP side of a session: the workouts WHOOP recorded while the lifter
//! trained (strain, heart rate, energy, zones), the ones nearby, and the lifter's decisions.

use chrono::Utc;
use ironkeep::matching::{self, SessionEffort, WorkoutCandidate};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// A session's WHOOP workouts and the others within 12 hours of it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SessionWhoop {
    /// The workouts matched to it (undone ones too, marked so).
    pub matched: Vec<SessionEffort>,
    /// WHOOP workouts starting within 12 hours of its start.
    pub nearby: Vec<WorkoutCandidate>,
}

/// What the lifter decides about one WHOOP workout.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum MatchChoice {
    /// Keep the match as it is.
    Confirm,
    /// Match the workout to this session.
    Assign,
    /// The workout is not this session.
    Undo,
}

/// The WHOOP workouts matched to a session, and the ones nearby.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_whoop(state: State<'_, AppState>, id: u32) -> Result<SessionWhoop, IpcError> {
    state
        .read(move |conn| {
            Ok::<_, matching::MatchError>(SessionWhoop {
                matched: matching::for_session(conn, id)?,
                nearby: matching::candidates(conn, id)?,
            })
        })
        .await
}

/// Confirms, moves or undoes one WHOOP workout's match to a session.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn session_whoop_decide(
    state: State<'_, AppState>,
    id: u32,
    workout_id: String,
    choice: MatchChoice,
) -> Result<SessionWhoop, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            match choice {
                MatchChoice::Confirm => matching::confirm(conn, &workout_id, now)?,
                MatchChoice::Assign => matching::assign(conn, &workout_id, id, now)?,
                MatchChoice::Undo => matching::reject(conn, &workout_id, now)?,
            }
            Ok::<_, matching::MatchError>(SessionWhoop {
                matched: matching::for_session(conn, id)?,
                nearby: matching::candidates(conn, id)?,
            })
        })
        .await
}
