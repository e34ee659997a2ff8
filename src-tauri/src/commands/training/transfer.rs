//! Commands for moving the training log in and out: import a Strong, Hevy, FitNotes or
//! Ironkeep JSON export (with progress and Cancel), export JSON or Strong-style CSV. Files
//! are chosen in native dialogs opened here; the webview never sees a path.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use ironkeep::interchange::{
    self, ColumnMap, Format, ImportError, ImportOptions, ImportProgress, ParseOptions, Zone,
};
use ironkeep::training::Unit;
use ironkeep::vault::files;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use super::count;
use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use crate::work::Work;

/// Which export a file is; `auto` reads it from the file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    /// Detect from the header row (or a JSON object).
    Auto,
    /// Strong's CSV.
    Strong,
    /// Hevy's CSV.
    Hevy,
    /// FitNotes' CSV.
    Fitnotes,
    /// Ironkeep's JSON export.
    Json,
}

/// How to import.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
pub struct ImportRequest {
    /// The file's format.
    pub format: ImportFormat,
    /// The unit of weights in files that do not say.
    pub unit: Option<Unit>,
    /// Report what would be imported and write nothing.
    pub dry_run: bool,
    /// Import the good rows and count the bad ones, instead of refusing the file.
    pub skip_invalid: bool,
}

/// The problem rows of one kind (about the same value: weight, reps, date…).
#[derive(Debug, Serialize, specta::Type)]
pub struct ImportProblem {
    /// How many rows have it.
    pub rows: u32,
    /// The first few line numbers (1-based), in file order.
    pub lines: Vec<u32>,
    /// The group as one sentence: `412 rows: "abc" is not a weight (lines 10, 11, …)`.
    pub summary: String,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Default, Serialize, specta::Type)]
pub struct ImportSummary {
    /// The format read.
    pub format: String,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// New sessions.
    pub sessions_added: u32,
    /// New sets.
    pub sets_added: u32,
    /// Sets already in the vault from an earlier import.
    pub sets_already_present: u32,
    /// Sessions already in the vault (JSON imports).
    pub sessions_already_present: u32,
    /// Exercises created (CSV imports mark them for review).
    pub exercises_created: Vec<String>,
    /// Routines created (JSON imports).
    pub routines_added: u32,
    /// Non-set rows skipped (e.g. rest timers).
    pub non_set_rows_skipped: u32,
    /// Problem rows skipped (only when asked to).
    pub invalid_rows_skipped: u32,
    /// Planned sets never filled in (no weight, reps, distance or time), skipped.
    pub empty_sets_skipped: u32,
    /// New sessions whose end the file did not say; they are finished, end unknown.
    pub sessions_end_unknown: u32,
    /// The problem rows, grouped by kind.
    pub problems: Vec<ImportProblem>,
}

/// Asks for an export file and imports it on a vault handle of its own, in batches that
/// each take the writer's turn (a set logged meanwhile waits for one batch at most),
/// reporting progress on `progress`; Cancel (`work_cancel("import")`) stops it and
/// removes what it wrote.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_import(
    window: WebviewWindow,
    state: State<'_, AppState>,
    request: ImportRequest,
    progress: Channel<ImportProgress>,
) -> Result<ImportSummary, IpcError> {
    state
        .blocking(move |state| {
            let path = dialogs::open(
                &window,
                Purpose::OpenImport,
                ("Training exports", &["csv", "json", "txt"]),
            )?;
            let bytes = read_bounded(&path)?;
            let now = Utc::now();
            let cancel = state.cancels().start(Work::Import);
            let mut report_progress = |step: ImportProgress| {
                // A closed window only means nobody is watching; the import goes on.
                let _ = progress.send(step);
            };
            if reads_as_json(request.format, &bytes) {
                let export = interchange::json::parse(&bytes)?;
                let report = state.long_work(|vault| {
                    interchange::json::import_into(
                        vault,
                        &export,
                        request.dry_run,
                        now,
                        &mut report_progress,
                        cancel,
                    )
                })?;
                return Ok(ImportSummary {
                    format: Format::Json.as_str().to_owned(),
                    dry_run: request.dry_run,
                    sessions_added: count(report.sessions_added),
                    sets_added: count(report.sets_added),
                    sessions_already_present: count(report.sessions_already_present),
                    routines_added: count(report.routines_added),
                    exercises_created: Vec::new(),
                    ..ImportSummary::default()
                });
            }
            import_csv(
                state,
                bytes,
                request,
                ColumnMap::default(),
                &mut report_progress,
                cancel,
            )
        })
        .await
}

/// Imports a CSV export read with `columns`. A file whose columns are not understood is
/// kept in the state and refused with `ColumnsUnknown`, so the window can show its columns
/// and import it once the person says which holds what.
pub(super) fn import_csv(
    state: &AppState,
    bytes: Vec<u8>,
    request: ImportRequest,
    columns: ColumnMap,
    report_progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportSummary, IpcError> {
    let options = ParseOptions {
        format: csv_format(request.format),
        unit: request.unit,
        columns,
    };
    let parsed = match interchange::parse(&bytes, &options) {
        Ok(parsed) => parsed,
        Err(ImportError::UnknownFormat(_) | ImportError::MissingColumn { .. }) => {
            *state.unmapped_import() = Some(bytes);
            return Err(IpcError::new(
                ErrorCode::ColumnsUnknown,
                "Ironkeep does not recognise all of this file's columns. Say which column holds what below.",
            ));
        }
        Err(err) => return Err(err.into()),
    };
    let options = ImportOptions {
        zone: Zone::Local,
        skip_invalid: request.skip_invalid,
        dry_run: request.dry_run,
    };
    let report = state.long_work(|vault| {
        interchange::import_into(vault, &parsed, options, Utc::now(), report_progress, cancel)
    })?;
    if !request.dry_run {
        *state.unmapped_import() = None;
    }
    Ok(ImportSummary {
        format: report.format,
        dry_run: report.dry_run,
        sessions_added: count(report.sessions_added),
        sets_added: count(report.sets_added),
        sets_already_present: count(report.sets_already_present),
        exercises_created: report.exercises_created,
        non_set_rows_skipped: count(report.non_set_rows_skipped),
        invalid_rows_skipped: count(report.invalid_rows_skipped),
        empty_sets_skipped: count(report.empty_sets_skipped),
        sessions_end_unknown: count(report.sessions_end_unknown),
        problems: report
            .problems
            .iter()
            .map(|group| ImportProblem {
                rows: count(group.rows),
                lines: group.lines.iter().map(|&line| count(line)).collect(),
                summary: group.to_string(),
            })
            .collect(),
        ..ImportSummary::default()
    })
}

/// Whether a file goes to the JSON importer: asked for, or detected (its first non-blank
/// byte opens an object, which no CSV export's header does).
fn reads_as_json(format: ImportFormat, bytes: &[u8]) -> bool {
    match format {
        ImportFormat::Json => true,
        ImportFormat::Auto => bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
        ImportFormat::Strong | ImportFormat::Hevy | ImportFormat::Fitnotes => false,
    }
}

fn csv_format(format: ImportFormat) -> Option<Format> {
    match format {
        ImportFormat::Auto => None,
        ImportFormat::Strong => Some(Format::Strong),
        ImportFormat::Hevy => Some(Format::Hevy),
        ImportFormat::Fitnotes => Some(Format::Fitnotes),
        ImportFormat::Json => Some(Format::Json),
    }
}

/// Reads an import file, refusing one larger than the core accepts before reading it.
fn read_bounded(path: &Path) -> Result<Vec<u8>, IpcError> {
    let unreadable = |_| IpcError::new(ErrorCode::Io, "The chosen file could not be read.");
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > interchange::MAX_FILE_BYTES as u64 {
        return Err(IpcError::new(
            ErrorCode::TooLarge,
            format!(
                "The file is larger than {} MiB; Ironkeep does not read it.",
                interchange::MAX_FILE_BYTES >> 20
            ),
        ));
    }
    std::fs::read(path).map_err(unreadable)
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Everything, as Ironkeep's JSON (re-importable).
    Json,
    /// The sets as a Strong-style CSV, for other apps and spreadsheets.
    Csv,
}

/// What an export wrote.
#[derive(Debug, Serialize, specta::Type)]
pub struct ExportReceipt {
    /// The file's name (not its folder).
    pub file_name: String,
    /// Its size.
    pub bytes: u32,
}

/// Asks where to save, then writes the export there (a new file readable only by you).
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn training_export(
    window: WebviewWindow,
    state: State<'_, AppState>,
    format: ExportFormat,
) -> Result<ExportReceipt, IpcError> {
    state
        .blocking(move |state| {
            let (name, filter): (&str, dialogs::Filter<'_>) = match format {
                ExportFormat::Json => ("ironkeep-training.json", ("JSON", &["json"])),
                ExportFormat::Csv => ("ironkeep-training.csv", ("CSV", &["csv"])),
            };
            let path = dialogs::save(&window, Purpose::SaveExport, name, filter, false)?;
            let bytes = state.long_work(|vault| export_bytes(vault, format))?;
            let failed = |_| {
                IpcError::new(
                    ErrorCode::Io,
                    "The export could not be written to the chosen file.",
                )
            };
            let mut file = files::create_private(&path).map_err(failed)?;
            file.write_all(&bytes).map_err(failed)?;
            file.sync_all().map_err(failed)?;
            Ok(ExportReceipt {
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            })
        })
        .await
}

fn export_bytes(vault: &ironkeep::Vault, format: ExportFormat) -> Result<Vec<u8>, IpcError> {
    let conn = vault.conn();
    let mut bytes = Vec::new();
    match format {
        ExportFormat::Json => {
            let export = interchange::json::export(conn)?;
            serde_json::to_writer_pretty(&mut bytes, &export)
                .map_err(|_| IpcError::new(ErrorCode::Io, "The export could not be encoded."))?;
        }
        ExportFormat::Csv => {
            interchange::csv_out::export(conn, Zone::Local, &mut bytes)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::{ImportFormat, reads_as_json};

    #[test]
    fn json_is_detected_by_its_opening_brace_and_a_chosen_csv_format_wins() {
        assert!(reads_as_json(
            ImportFormat::Auto,
            b" \n {\"format\": \"ironkeep\"}"
        ));
        assert!(!reads_as_json(
            ImportFormat::Auto,
            b"Date,Workout Name,Exercise Name"
        ));
        assert!(!reads_as_json(ImportFormat::Auto, b""));
        assert!(!reads_as_json(ImportFormat::Strong, b"{"));
        assert!(reads_as_json(ImportFormat::Json, b"Date,Workout Name"));
    }
}
