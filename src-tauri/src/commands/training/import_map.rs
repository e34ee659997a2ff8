//! Commands for an export whose columns Ironkeep did not understand: the import keeps the
//! file (see `transfer::import_csv`), the window shows each column with its first values
//! and the field guessed for it, the person says which column holds what, and the file is
//! imported with that map. No dialog opens again and the webview never sees a path.

use ironkeep::interchange::{self, ColumnMap, ImportProgress, Preview};
use tauri::State;
use tauri::ipc::Channel;

use super::transfer::{ImportRequest, ImportSummary, import_csv};
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use crate::work::Work;

/// How many rows of the file the mapping step shows.
const PREVIEW_ROWS: usize = 5;

/// The kept file's columns read with `columns`: each header, the field it would be read
/// as, and its first values.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_import_preview(
    state: State<'_, AppState>,
    columns: ColumnMap,
) -> Result<Preview, IpcError> {
    state
        .blocking(move |state| {
            let kept = state.unmapped_import();
            let bytes = kept.as_deref().ok_or_else(nothing_kept)?;
            Ok(interchange::preview(bytes, PREVIEW_ROWS, &columns)?)
        })
        .await
}

/// Imports the kept file with `columns` (as `training_import` does, progress and Cancel
/// included); a successful import forgets the file.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_import_mapped(
    state: State<'_, AppState>,
    request: ImportRequest,
    columns: ColumnMap,
    progress: Channel<ImportProgress>,
) -> Result<ImportSummary, IpcError> {
    state
        .blocking(move |state| {
            let bytes = state.unmapped_import().clone().ok_or_else(nothing_kept)?;
            let cancel = state.cancels().start(Work::Import);
            let mut report_progress = |step: ImportProgress| {
                // A closed window only means nobody is watching; the import goes on.
                let _ = progress.send(step);
            };
            import_csv(state, bytes, request, columns, &mut report_progress, cancel)
        })
        .await
}

fn nothing_kept() -> IpcError {
    IpcError::new(
        ErrorCode::Cancelled,
        "No file is waiting for its columns; choose the export again.",
    )
}
