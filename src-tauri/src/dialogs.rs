//! Native file dialogs, opened from Rust so the webview never sees or supplies a path.
//!
//! Every dialog names its [`Purpose`]; the chosen path stays in Rust and goes straight to
//! the core. End-to-end tests cannot click a native dialog: the `e2e` cargo feature (never
//! enabled in a release) swaps each dialog for a file the test writes beforehand,
//! `$IRONKEEP_E2E_DIALOGS/<purpose>`, holding the path to answer with (no file: the
//! person "cancelled"). Without that feature the swap is not compiled at all.

use std::path::PathBuf;

use tauri::{Runtime, WebviewWindow};

use crate::error::{ErrorCode, IpcError};

// `e2e-release` is the one exception: the IPC latency benchmark's optimised build, made
// as an example binary (`bench_app`), never as the app or a bundle.
#[cfg(all(feature = "e2e", not(debug_assertions), not(feature = "e2e-release")))]
compile_error!("the `e2e` feature bypasses the file dialogs and is for debug test builds only");

/// Why a dialog is shown: its title, and the file an end-to-end test answers it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Where a new recovery kit is saved.
    SaveKit,
    /// A recovery kit to read (restoring, or a coach opening an athlete's backup).
    OpenKit,
    /// A training export (Strong, Hevy, FitNotes or Ironkeep JSON) to import.
    OpenImport,
    /// Where an export of the training log is saved.
    SaveExport,
    /// Where a backup is saved.
    SaveBackup,
    /// A backup to verify, restore or open.
    OpenBackup,
    /// The folder automatic backups go to.
    BackupsFolder,
    /// A program file to open (a coach's age file, or a JSON program).
    OpenProgram,
    /// The folder a file syncer replicates, for sync between devices.
    SyncFolder,
}

impl Purpose {
    /// The name of the answer file in `$IRONKEEP_E2E_DIALOGS`.
    #[cfg(feature = "e2e")]
    fn slug(self) -> &'static str {
        match self {
            Self::SaveKit => "save-kit",
            Self::OpenKit => "open-kit",
            Self::OpenImport => "open-import",
            Self::SaveExport => "save-export",
            Self::SaveBackup => "save-backup",
            Self::OpenBackup => "open-backup",
            Self::BackupsFolder => "backups-folder",
            Self::OpenProgram => "open-program",
            Self::SyncFolder => "sync-folder",
        }
    }

    #[cfg(not(feature = "e2e"))]
    fn title(self) -> &'static str {
        match self {
            Self::SaveKit => "Save your Ironkeep recovery kit",
            Self::OpenKit => "Choose a recovery kit",
            Self::OpenImport => "Choose a training export to import",
            Self::SaveExport => "Export your training log",
            Self::SaveBackup => "Save an encrypted backup",
            Self::OpenBackup => "Choose an Ironkeep backup",
            Self::BackupsFolder => "Choose the folder for automatic backups",
            Self::OpenProgram => "Choose a program file",
            Self::SyncFolder => "Choose the folder your file syncer shares between your computers",
        }
    }
}

/// A file-type filter shown in the dialog: a label and extensions without dots.
pub type Filter<'a> = (&'a str, &'a [&'a str]);

/// Asks where to save a new file. Fails with `Cancelled` when the dialog is closed, and
/// with `AlreadyExists` when the chosen file exists and `overwrite` is false.
pub fn save<R: Runtime>(
    window: &WebviewWindow<R>,
    purpose: Purpose,
    file_name: &str,
    filter: Filter<'_>,
    overwrite: bool,
) -> Result<PathBuf, IpcError> {
    let path = ask_save(window, purpose, file_name, filter).ok_or_else(|| cancelled(purpose))?;
    if !overwrite && path.symlink_metadata().is_ok() {
        return Err(IpcError::new(
            ErrorCode::AlreadyExists,
            "A file with that name already exists; choose a new name.",
        ));
    }
    Ok(path)
}

/// Asks for an existing file to read. Fails with `Cancelled` when the dialog is closed.
pub fn open<R: Runtime>(
    window: &WebviewWindow<R>,
    purpose: Purpose,
    filter: Filter<'_>,
) -> Result<PathBuf, IpcError> {
    ask_open(window, purpose, filter).ok_or_else(|| cancelled(purpose))
}

/// Asks for a folder. Fails with `Cancelled` when the dialog is closed.
pub fn folder<R: Runtime>(window: &WebviewWindow<R>, purpose: Purpose) -> Result<PathBuf, IpcError> {
    ask_folder(window, purpose).ok_or_else(|| cancelled(purpose))
}

fn cancelled(purpose: Purpose) -> IpcError {
    let what = match purpose {
        Purpose::SaveKit => "No file was chosen for the recovery kit, so nothing was created.",
        _ => "No file was chosen, so nothing was changed.",
    };
    IpcError::new(ErrorCode::Cancelled, what)
}

#[cfg(not(feature = "e2e"))]
fn ask_save<R: Runtime>(
    window: &WebviewWindow<R>,
    purpose: Purpose,
    file_name: &str,
    (label, extensions): Filter<'_>,
) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;

    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(purpose.title())
        .set_file_name(file_name)
        .add_filter(label, extensions)
        .blocking_save_file()
        .and_then(|chosen| chosen.into_path().ok())
}

#[cfg(not(feature = "e2e"))]
fn ask_open<R: Runtime>(
    window: &WebviewWindow<R>,
    purpose: Purpose,
    (label, extensions): Filter<'_>,
) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;

    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(purpose.title())
        .add_filter(label, extensions)
        .add_filter("All files", &["*"])
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok())
}

#[cfg(not(feature = "e2e"))]
fn ask_folder<R: Runtime>(window: &WebviewWindow<R>, purpose: Purpose) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;

    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(purpose.title())
        .blocking_pick_folder()
        .and_then(|chosen| chosen.into_path().ok())
}

#[cfg(feature = "e2e")]
fn answer(purpose: Purpose) -> Option<PathBuf> {
    let dir = std::env::var_os("IRONKEEP_E2E_DIALOGS")?;
    let text = std::fs::read_to_string(PathBuf::from(dir).join(purpose.slug())).ok()?;
    let path = text.trim_end_matches(['\n', '\r']);
    (!path.is_empty()).then(|| PathBuf::from(path))
}

#[cfg(feature = "e2e")]
fn ask_save<R: Runtime>(_: &WebviewWindow<R>, purpose: Purpose, _: &str, _: Filter<'_>) -> Option<PathBuf> {
    answer(purpose)
}

#[cfg(feature = "e2e")]
fn ask_open<R: Runtime>(_: &WebviewWindow<R>, purpose: Purpose, _: Filter<'_>) -> Option<PathBuf> {
    answer(purpose)
}

#[cfg(feature = "e2e")]
fn ask_folder<R: Runtime>(_: &WebviewWindow<R>, purpose: Purpose) -> Option<PathBuf> {
    answer(purpose)
}
