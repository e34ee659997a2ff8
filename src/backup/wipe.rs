//! `wipe`: erase the vault (GDPR Art. 17) by crypto-shredding.
//!
//! The database files and every wrapped-key file are deleted and the keychain entries
//! removed, so no stored key is left to open any copy of the database. Backups in the
//! backups folder are deleted only when asked; copies elsewhere (a coach's, a synced
//! folder's) stay readable with the recovery kit, and the report says so.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{BackupError, folder};
use crate::keys::keychain::{Slot, VaultKeychain};
use crate::vault::{Access, KeyMode, Vault, VaultError, files};

/// What a wipe removed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WipeReport {
    /// The vault that was erased.
    pub vault_id: String,
    /// Files deleted from the data directory.
    pub files_deleted: u32,
    /// Backups deleted from the backups folder.
    pub backups_deleted: u32,
    /// Whether WHOOP tokens were in the vault (they are gone with it; sign-in access at
    /// WHOOP lapses when the tokens expire, or revoke it in WHOOP's settings).
    pub had_whoop_connection: bool,
    /// Whether the vault synced and its family was told this computer left (its later
    /// files, if any appeared, are ignored).
    pub left_sync_family: bool,
    /// A plain statement of what a wipe cannot reach.
    pub remaining_copies: String,
}

impl Vault {
    /// Erases the vault: database, wrapped keys, keychain entries, logs; this vault's
    /// backups in the backups folder too with `include_backups`. Needs exclusive access.
    pub fn wipe(self, include_backups: bool, now: DateTime<Utc>) -> Result<WipeReport, BackupError> {
        if self.access != Access::Exclusive {
            return Err(BackupError::NotExclusive);
        }
        let left_sync_family = crate::sync::farewell(&self, now);
        let backups = folder::backups_dir(&self)?;
        let had_whoop = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'whoop_account'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .ok()
            .filter(|n| *n > 0)
            .and_then(|_| {
                self.conn
                    .query_row(
                        "SELECT count(*) FROM whoop_account WHERE access_token IS NOT NULL",
                        [],
                        |r| r.get::<_, i64>(0),
                    )
                    .ok()
            })
            .is_some_and(|n| n > 0);
        let Vault {
            dir,
            meta,
            conn,
            _lock,
            ..
        } = self;
        conn.close().map_err(|(_, e)| BackupError::Database(e))?;
        let keychain = VaultKeychain::new(&meta.vault_id);
        for slot in [Slot::Pending, Slot::Current] {
            match keychain.delete(slot) {
                Ok(()) => {}
                // A passphrase vault never stores its key in the keychain, so a keychain
                // that cannot be reached holds nothing of it: the wipe goes on.
                Err(err) if meta.key_mode == KeyMode::Passphrase => {
                    tracing::debug!(%err, "keychain not reachable; a passphrase vault keeps nothing there");
                }
                Err(err) => return Err(VaultError::from(err).into()),
            }
        }
        let db = dir.database();
        let mut targets = vec![dir.meta_file()];
        for base in [
            db.clone(),
            files::sibling(&db, ".restore"),
            files::sibling(&db, ".previous"),
        ] {
            targets.extend(["", "-wal", "-shm"].iter().map(|s| files::sibling(&base, s)));
        }
        for base in [dir.kit_wrapped_key(), dir.passphrase_wrapped_key()] {
            targets.extend(["", ".next", ".tmp"].iter().map(|s| files::sibling(&base, s)));
        }
        targets.push(dir.failed_unlocks());
        targets.push(dir.path().join(crate::sync::LOCK_FILE));
        let mut files_deleted = 0;
        for path in &targets {
            match std::fs::remove_file(path) {
                Ok(()) => files_deleted += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(BackupError::io("delete", path, e)),
            }
        }
        let _ = std::fs::remove_dir_all(dir.logs());
        let mut backups_deleted = 0;
        if include_backups && let Ok(entries) = std::fs::read_dir(&backups) {
            let prefix = format!("ironkeep-{}-", meta.vault_id);
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    std::fs::remove_file(entry.path())
                        .map_err(|e| BackupError::io("delete", &entry.path(), e))?;
                    backups_deleted += 1;
                }
            }
        }
        let _ = std::fs::remove_file(dir.lock_file());
        drop(_lock);
        let _ = files::sync_dir(dir.path());
        tracing::info!(vault_id = %meta.vault_id, files_deleted, backups_deleted, "vault wiped");
        Ok(WipeReport {
            vault_id: meta.vault_id,
            files_deleted,
            backups_deleted,
            had_whoop_connection: had_whoop,
            left_sync_family,
            remaining_copies: "Copies of backups kept elsewhere (a coach's, a synced folder, a USB stick) \
                               were not touched and stay readable with the recovery kit; delete them and \
                               destroy the kit to finish erasing."
                .to_owned(),
        })
    }
}
