//! The Today screen's one read: the session in progress, recent sessions, this week's
//! volume per muscle group, the routines to start from, and the display unit.
//!
//! Today is the landing screen, so it is one command instead of five round trips; every
//! part is a read-only core call over the same locked connection.

use chrono::{Datelike, Duration, Utc};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::settings::Settings;
use ironkeep::training::volume::{self, WeekVolume};
use ironkeep::training::{History, Routine, Routines, Session, SessionSummary, Sessions, Unit, day_start};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Recent sessions shown on Today.
const RECENT: u32 = 5;

/// Everything the Today screen shows.
#[derive(Debug, Serialize, specta::Type)]
pub struct Today {
    /// The unfinished session, if any ("Resume").
    pub in_progress: Option<Session>,
    /// The newest sessions.
    pub recent: Vec<SessionSummary>,
    /// This week's (Monday-based, UTC) volume per muscle group.
    pub week_volume: Vec<WeekVolume>,
    /// Routines to start a workout from.
    pub routines: Vec<Routine>,
    /// The unit the lifter wants weights shown in.
    pub unit: Unit,
}

/// Reads what the Today screen shows.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_today(state: State<'_, AppState>) -> Result<Today, IpcError> {
    let now = Utc::now();
    let today = now.date_naive();
    let monday = day_start(today - Duration::days(i64::from(today.weekday().num_days_from_monday())));
    state
        .read(move |conn| {
            Ok::<_, IpcError>(Today {
                in_progress: Sessions::new(conn).in_progress()?,
                recent: History::new(conn)
                    .sessions(&HistoryFilter::default(), None, RECENT)?
                    .items,
                week_volume: volume::weekly(conn, monday, now + Duration::days(1))?,
                routines: Routines::new(conn).list()?,
                unit: Settings::new(conn).display_unit()?,
            })
        })
        .await
}
