//! Opening a program file in the window: a coach's age file, decrypted with this vault's
//! own kits or a kit file the lifter picks (as restoring a backup does), or a plain JSON
//! program. The file is chosen in a native dialog here (the webview never names a path),
//! read only up to the largest program file, and checked by the core's strict parser.
//! The preview shows the stated author as not verified; importing stores it.

use std::io::Read;
use std::path::Path;

use chrono::Utc;
use ironkeep::programs::transfer::{self, MAX_FILE_BYTES};
use ironkeep::programs::{Program, Programs, Source};
use ironkeep::{RecoveryKit, VaultError};
use serde::{Deserialize, Serialize};
use tauri::{State, WebviewWindow};

use super::edit::{ProgramEditor, editor};
use super::{ProgramLift, exercise_name};
use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

/// The file-type filter of the program file dialog.
const PROGRAM_FILTER: dialogs::Filter<'static> = ("Program", &["age", "asc", "json"]);
/// The file-type filter of the recovery kit dialog.
const KIT_FILTER: dialogs::Filter<'static> = ("Recovery kit", &["txt"]);

/// What opens an age-encrypted program file.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProgramUnlock {
    /// The recovery kits this vault has had.
    Vault,
    /// A recovery kit (or any age identity) file, chosen in a dialog.
    KitFile,
}

/// A program file opened and checked, not yet imported.
#[derive(Debug, Serialize, specta::Type)]
pub struct ProgramPreview {
    /// The program's name.
    pub name: String,
    /// The author the file states: never verified.
    pub author: Option<String>,
    /// A few sentences on what it is for.
    pub description: Option<String>,
    /// It was age-encrypted (someone sent it).
    pub sealed: bool,
    /// Its lifts.
    pub lifts: Vec<ProgramLift>,
    /// Days in one cycle, all weeks.
    pub days: u32,
    /// Its checked JSON document, which `program_import` stores.
    pub document: String,
}

/// Opens a program file chosen in a dialog (an age file with the vault's kits or a kit
/// file; a plain JSON program as it is) and checks it; nothing is stored.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_open_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    unlock: ProgramUnlock,
) -> Result<ProgramPreview, IpcError> {
    state
        .blocking(move |state| {
            let path = dialogs::open(&window, Purpose::OpenProgram, PROGRAM_FILTER)?;
            let bytes = read_program_file(&path)?;
            let sealed = transfer::is_sealed(&bytes);
            let program = if sealed {
                let kits = match unlock {
                    ProgramUnlock::Vault => state.with_vault(|vault| vault.recovery_kits())?,
                    ProgramUnlock::KitFile => {
                        let kit = dialogs::open(&window, Purpose::OpenKit, KIT_FILTER)?;
                        vec![RecoveryKit::read(&kit).map_err(VaultError::from)?]
                    }
                };
                transfer::open_with_any(&bytes, &kits)?
            } else {
                Program::parse(&bytes)?
            };
            let lifts = state.with_vault(|vault| {
                let conn = vault.conn();
                Ok::<_, IpcError>(
                    program
                        .lifts
                        .iter()
                        .map(|l| ProgramLift {
                            id: l.id.clone(),
                            exercise: exercise_name(conn, &l.exercise),
                        })
                        .collect(),
                )
            })?;
            Ok(ProgramPreview {
                name: program.name.clone(),
                author: program.author.as_ref().map(|a| format!("{a} (not verified)")),
                description: program.description.clone(),
                sealed,
                lifts,
                days: u32::try_from(program.day_count()).unwrap_or(u32::MAX),
                document: program.to_json(),
            })
        })
        .await
}

/// A regular file of at most [`MAX_FILE_BYTES`], read without reading more than that.
fn read_program_file(path: &Path) -> Result<Vec<u8>, IpcError> {
    let refused = || {
        IpcError::new(
            ErrorCode::InvalidInput,
            format!(
                "That file could not be read as a program (a program file is at most {} KB).",
                MAX_FILE_BYTES / 1024
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(|_| refused())?;
    if !file.metadata().map_err(|_| refused())?.is_file() {
        return Err(refused());
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| refused())?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused());
    }
    Ok(bytes)
}

/// Stores a previewed program among the lifter's: `sealed` for a file someone sent. The
/// document is checked again; its stated author stays marked as not verified.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_import(
    state: State<'_, AppState>,
    document: String,
    sealed: bool,
) -> Result<ProgramEditor, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            let program = Program::parse(document.as_bytes())?;
            let source = if sealed { Source::Imported } else { Source::Own };
            let stored = Programs::new(conn).save(&program, source, now)?;
            editor(conn, stored)
        })
        .await
}
