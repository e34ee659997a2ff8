//! Commands for the journal: today's and yesterday's entries with the tags to tick (on
//! Today), setting a day's tags and note, adding a tag of one's own, and the comparison
//! the Insights screen shows. Days are the computer's local dates, as in the CLI.

use chrono::{Days, Local, Utc};
use ironkeep::journal::{self, Journal, JournalEntry, JournalInsights, JournalTag, Tags};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// One day as Today's journal card shows it.
#[derive(Debug, Serialize, specta::Type)]
pub struct JournalDay {
    /// The local date, `YYYY-MM-DD`.
    pub day: String,
    /// Its entry, if the day has one.
    pub entry: Option<JournalEntry>,
}

/// What Today's journal card shows.
#[derive(Debug, Serialize, specta::Type)]
pub struct JournalToday {
    /// Every tag to tick: built-in first, then the user's own.
    pub tags: Vec<JournalTag>,
    /// Today, then yesterday.
    pub days: Vec<JournalDay>,
}

/// Reads today's and yesterday's entries and the tags.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn journal_today(state: State<'_, AppState>) -> Result<JournalToday, IpcError> {
    let today = Local::now().date_naive();
    let days = [Some(today), today.checked_sub_days(Days::new(1))];
    state
        .read(move |conn| {
            let journal = Journal::new(conn);
            Ok::<_, IpcError>(JournalToday {
                tags: Tags::new(conn).list()?,
                days: days
                    .into_iter()
                    .flatten()
                    .map(|day| {
                        Ok(JournalDay {
                            day: day.to_string(),
                            entry: journal.entry(day)?,
                        })
                    })
                    .collect::<Result<_, IpcError>>()?,
            })
        })
        .await
}

/// Makes `day`'s entry exactly these tags and note (none left removes it).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn journal_set(
    state: State<'_, AppState>,
    day: String,
    tags: Vec<String>,
    note: String,
) -> Result<Option<JournalEntry>, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let day = journal::parse_day(&day, now)?;
            Journal::new(vault.conn()).set(day, &tags, &note, now)
        })
        .await
}

/// Adds a tag of the user's own and returns every tag.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn journal_tag_add(state: State<'_, AppState>, name: String) -> Result<Vec<JournalTag>, IpcError> {
    state
        .write(move |vault| {
            let tags = Tags::new(vault.conn());
            tags.create(&name)?;
            tags.list()
        })
        .await
}

/// Next-day recovery, HRV and sleep performance with and without each tag.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn journal_insights(state: State<'_, AppState>) -> Result<JournalInsights, IpcError> {
    state.read(journal::compare).await
}
