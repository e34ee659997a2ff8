//! Which backup a command reads and what decrypts it: a file chosen in a dialog or named
//! (by bare file name) inside the backups folder, and the vault's kits, a kit file or a
//! passphrase.
//!
//! This is the one place where the window's choice becomes a path and bytes, so the rule
//! that the webview never names a path outside the backups folder is enforced here; files
//! too large to be a backup are refused before they are read.

use std::path::{Path, PathBuf};

use ironkeep::backup::{BackupKey, read_backup_file};
use ironkeep::{RecoveryKit, VaultError};
use secrecy::SecretString;
use serde::Deserialize;
use tauri::WebviewWindow;

use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

/// The file-type filter of backup dialogs.
pub(super) const BACKUP_FILTER: dialogs::Filter<'static> = ("Ironkeep backup", &["age", "asc"]);
/// The file-type filter of recovery kit dialogs.
pub(super) const KIT_FILTER: dialogs::Filter<'static> = ("Recovery kit", &["txt"]);

/// What opens a backup.
// No `Debug`: it may hold a passphrase.
#[derive(Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BackupUnlock {
    /// The recovery kits this vault has had.
    Vault,
    /// A recovery kit (or any age identity) file, chosen in a dialog.
    KitFile,
    /// The passphrase of a passphrase backup.
    Passphrase {
        /// The passphrase.
        passphrase: String,
    },
}

/// Which backup a command reads.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BackupChoice {
    /// A file chosen in a dialog.
    Chosen,
    /// A file in the backups folder, by its bare name.
    Listed {
        /// The file name, as the list gave it.
        name: String,
    },
}

/// Reads the chosen backup: from a dialog, or by bare name from the backups folder.
pub(super) fn read_choice(
    window: &WebviewWindow,
    state: &AppState,
    choice: &BackupChoice,
) -> Result<(PathBuf, Vec<u8>), IpcError> {
    let file = match choice {
        BackupChoice::Chosen => dialogs::open(window, Purpose::OpenBackup, BACKUP_FILTER)?,
        BackupChoice::Listed { name } => in_folder(&state.with_vault(|vault| vault.backups_folder())?, name)?,
    };
    let bytes = read_file(&file)?;
    Ok((file, bytes))
}

/// The file `name` in the backups folder; refuses anything but a bare file name, so the
/// window can name a listed backup but never point outside the folder.
pub(super) fn in_folder(folder: &Path, name: &str) -> Result<PathBuf, IpcError> {
    let bare = Path::new(name).file_name().is_some_and(|n| n == name) && name != "..";
    if !bare {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            "That is not the name of a file in the backups folder.",
        ));
    }
    Ok(folder.join(name))
}

/// Reads a backup file: a regular file only, never more than the cap.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, IpcError> {
    Ok(read_backup_file(path)?)
}

pub(super) fn backup_key(
    window: &WebviewWindow,
    state: &AppState,
    unlock: BackupUnlock,
) -> Result<BackupKey, IpcError> {
    Ok(match unlock {
        BackupUnlock::Vault => BackupKey::Kits(state.with_vault(|vault| vault.recovery_kits())?),
        BackupUnlock::KitFile => BackupKey::Kits(vec![choose_kit(window)?]),
        BackupUnlock::Passphrase { passphrase } => BackupKey::Passphrase(SecretString::from(passphrase)),
    })
}

pub(super) fn choose_kit(window: &WebviewWindow) -> Result<RecoveryKit, IpcError> {
    let path = dialogs::open(window, Purpose::OpenKit, KIT_FILTER)?;
    RecoveryKit::read(&path).map_err(|e| VaultError::from(e).into())
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::in_folder;
    use crate::error::ErrorCode;

    #[test]
    fn a_listed_backup_is_named_only_by_a_bare_file_name_inside_the_folder() {
        let folder = Path::new("/data/backups");
        let named = in_folder(folder, "ironkeep-ab12-20260101T000000Z.age").ok();
        assert_eq!(
            named.as_deref(),
            Some(Path::new("/data/backups/ironkeep-ab12-20260101T000000Z.age"))
        );
        for outside in ["", ".", "..", "../vault.db", "/etc/passwd", "sub/x.age", "x.age/"] {
            let refused = in_folder(folder, outside).err().map(|e| e.code);
            assert_eq!(
                refused,
                Some(ErrorCode::InvalidInput),
                "{outside:?} must be refused"
            );
        }
    }
}
