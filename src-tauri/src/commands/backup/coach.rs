//! A coach's read-only view of an athlete's backup, opened with the coach's own kit.
//!
//! The backup is decrypted into memory and read there: sessions and records are shown,
//! nothing of it is merged into this vault or kept once shown.

use ironkeep::backup::{BackupKey, Manifest, read_backup};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{ExerciseRecords, History, Records, SessionSummary, TrainingError};
use serde::Serialize;
use tauri::WebviewWindow;

use super::open::{BACKUP_FILTER, choose_kit, file_name, read_file};
use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::off_runtime;

/// How many of an athlete's sessions the read-only view lists (newest first).
const ATHLETE_SESSIONS: u32 = 100;

/// A coach's read-only view of someone else's backup; nothing of it is stored.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AthleteBackup {
    /// The backup's file name, for the "read-only view of …" banner.
    pub file_name: String,
    /// Its manifest.
    pub manifest: Manifest,
    /// Its newest sessions.
    pub sessions: Vec<SessionSummary>,
    /// Whether it holds more sessions than listed.
    pub more_sessions: bool,
    /// Its records, by exercise.
    pub records: Vec<ExerciseRecords>,
}

/// Opens someone else's backup with the coach's own kit, read-only: it is never merged
/// into this vault, and nothing of it is kept once shown.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_open_athlete(window: WebviewWindow) -> Result<AthleteBackup, IpcError> {
    off_runtime(move || {
        let file = dialogs::open(&window, Purpose::OpenBackup, BACKUP_FILTER)?;
        let bytes = read_file(&file)?;
        let kit = choose_kit(&window)?;
        let image = read_backup(&bytes, &BackupKey::Kits(vec![kit]))?;
        let page = History::new(image.conn())
            .sessions(&HistoryFilter::default(), None, ATHLETE_SESSIONS)
            .map_err(training)?;
        let records = Records::new(image.conn()).all().map_err(training)?;
        Ok(AthleteBackup {
            file_name: file_name(&file),
            manifest: image.manifest.clone(),
            more_sessions: page.next.is_some(),
            sessions: page.items,
            records,
        })
    })
    .await
}

fn training(err: TrainingError) -> IpcError {
    let code = match err.code() {
        "database" => ErrorCode::Database,
        _ => ErrorCode::Refused,
    };
    IpcError::new(code, err.to_string())
}
