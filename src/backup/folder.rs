//! The backups folder: where backups go, how they are named and listed.
//!
//! The folder defaults to `<data dir>/backups` and can be moved (for example into a folder
//! that Syncthing or a cloud drive already syncs); the setting lives in `vault_meta`.
//! Files are named `ironkeep-<vault id>-[auto-]<UTC time>.age`, so listing and counting
//! need no decryption and pruning (see `automatic`) touches only this vault's automatic
//! backups.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::automatic::HEADER_PEEK;
use super::{BackupError, BackupKey, crypt, file, read_backup};
use crate::vault::{Vault, files, identity};

pub(super) const TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";
/// The `vault_meta` key holding a configured backups folder.
const SETTING: &str = "backup_dir";
/// Files larger than this are listed without trying to read their schema version.
const LIST_DECRYPT_LIMIT: u64 = 256 * 1024 * 1024;
/// The longest accepted backups folder path.
const MAX_PATH_LEN: usize = 4096;

/// The name of a new backup file.
pub(crate) fn file_name(vault_id: &str, automatic: bool, armor: bool, now: DateTime<Utc>) -> String {
    format!(
        "ironkeep-{vault_id}-{}{}.age{}",
        if automatic { "auto-" } else { "" },
        now.format(TIME_FORMAT),
        if armor { ".asc" } else { "" }
    )
}

/// When an automatic backup of `vault_id` named `name` was made, if it is one.
pub(super) fn auto_time(vault_id: &str, name: &str) -> Option<DateTime<Utc>> {
    let stamp = name
        .strip_prefix(&format!("ironkeep-{vault_id}-auto-"))?
        .strip_suffix(".age")?;
    NaiveDateTime::parse_from_str(stamp, TIME_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

/// The backups folder of a vault.
pub(crate) fn backups_dir(vault: &Vault) -> Result<PathBuf, BackupError> {
    backups_dir_of(&vault.conn, vault.dir.path())
}

/// The backups folder of the vault behind `conn`, whose data dir is `root`.
pub(crate) fn backups_dir_of(conn: &Connection, root: &Path) -> Result<PathBuf, BackupError> {
    let configured: Option<String> = conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [SETTING], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(configured.map_or_else(|| root.join("backups"), PathBuf::from))
}

/// Makes sure the backups folder exists. Folders Ironkeep creates (and their missing
/// parents) get `0700`; a folder the user chose and that already exists keeps its mode —
/// it may be a group or NAS share — and a warning is logged when others can read it (the
/// backups in it are encrypted and `0600` either way).
pub(crate) fn prepare_folder(folder: &Path) -> Result<(), BackupError> {
    if folder.is_dir() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder)
                .map_err(|e| BackupError::io("inspect", folder, e))?
                .permissions()
                .mode()
                & 0o777;
            if mode & 0o077 != 0 {
                tracing::warn!(
                    folder = %folder.display(),
                    mode = format!("{mode:o}"),
                    "the backups folder is open to other users; its backups stay encrypted and 0600, \
                     but others can see their names and delete them"
                );
            }
        }
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(files::DIR_MODE);
    }
    builder
        .create(folder)
        .map_err(|e| BackupError::io("create", folder, e))
}

/// How many of this vault's backups its backups folder holds, from file names alone
/// (no reading, no decryption): for `status`.
pub(crate) fn count_of(vault: &Vault) -> rusqlite::Result<u32> {
    let configured: Option<String> = vault
        .conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [SETTING], |r| {
            r.get(0)
        })
        .optional()?;
    let folder = configured.map_or_else(|| vault.dir.path().join("backups"), PathBuf::from);
    Ok(u32::try_from(count_backups(&folder, vault.id())).unwrap_or(u32::MAX))
}

/// How many backups of `vault_id` the folder holds, from file names alone (no reading).
fn count_backups(folder: &Path, vault_id: &str) -> u64 {
    let prefix = format!("ironkeep-{vault_id}-");
    std::fs::read_dir(folder).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with(&prefix) && (name.ends_with(".age") || name.ends_with(".age.asc"))
            })
            .count() as u64
    })
}

/// One file in the backups folder.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupListing {
    /// The file.
    pub path: String,
    /// When it was made (from the name, else the file's modification time), RFC 3339.
    pub created_at: String,
    /// Its size in bytes (f64-safe).
    pub bytes: u64,
    /// Recipient count from the age header (0 for a passphrase backup).
    pub recipients: u32,
    /// Whether it is a passphrase backup.
    pub passphrase: bool,
    /// Whether it is one of this vault's automatic backups.
    pub automatic: bool,
    /// The schema version, when the vault's own identities could read it.
    pub schema_version: Option<u32>,
}

impl Vault {
    /// The backups folder (configured, or `<data dir>/backups`).
    pub fn backups_folder(&self) -> Result<PathBuf, BackupError> {
        backups_dir(self)
    }

    /// Sets the backups folder (an absolute path), or back to the default with `None`.
    pub fn set_backups_folder(&self, folder: Option<&Path>) -> Result<(), BackupError> {
        match folder {
            Some(path) => {
                let text = path
                    .to_str()
                    .filter(|t| path.is_absolute() && t.len() <= MAX_PATH_LEN)
                    .ok_or_else(|| {
                        BackupError::io(
                            "use",
                            path,
                            std::io::Error::new(
                                std::io::ErrorKind::InvalidInput,
                                "the backups folder must be an absolute UTF-8 path",
                            ),
                        )
                    })?;
                self.conn.execute(
                    "INSERT INTO vault_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (SETTING, text),
                )?;
            }
            None => {
                self.conn
                    .execute("DELETE FROM vault_meta WHERE key = ?1", [SETTING])?;
            }
        }
        Ok(())
    }

    /// Lists the backups folder, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupListing>, BackupError> {
        let folder = backups_dir(self)?;
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return Ok(Vec::new());
        };
        let mut list = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() || name.ends_with(".tmp") {
                continue;
            }
            let limit = if meta.len() > LIST_DECRYPT_LIMIT {
                HEADER_PEEK
            } else {
                LIST_DECRYPT_LIMIT
            };
            let Ok((bytes, whole)) = file::read_head(&path, limit) else {
                continue;
            };
            let Ok(header) = crypt::read_header(&bytes) else {
                continue;
            };
            let auto = auto_time(self.id(), &name);
            let created = auto
                .or_else(|| meta.modified().ok().map(DateTime::<Utc>::from))
                .map(|t| t.to_rfc3339())
                .unwrap_or_default();
            let schema_version = (!header.passphrase && whole)
                .then(|| read_backup(&bytes, &BackupKey::Kits(identity::all(&self.conn).ok()?)).ok())
                .flatten()
                .map(|image| image.manifest.schema_version);
            list.push(BackupListing {
                path: path.display().to_string(),
                created_at: created,
                bytes: meta.len(),
                recipients: header.recipients,
                passphrase: header.passphrase,
                automatic: auto.is_some(),
                schema_version,
            });
        }
        list.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        Ok(list)
    }
}

impl Vault {
    /// Every recovery identity the vault has had (active first): what opens its backups.
    pub fn recovery_kits(&self) -> Result<Vec<crate::keys::kit::RecoveryKit>, BackupError> {
        Ok(identity::all(&self.conn)?)
    }
}
