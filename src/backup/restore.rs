//! `backup restore`: replace the vault with a verified backup, crash-safely.
//!
//! The backup is verified first; then the vault as it is gets kept as a backup of its own
//! (see `undo`), so the restore can be undone; then the backup is loaded into a NEW database under a fresh key beside
//! the current one (`vault.db.restore`), migrated forward, given the current vault's
//! identity, settings and WHOOP connection. The swap follows key rotation's order: the new
//! key goes into the `.next` kit-wrapped file and the keychain's pending slot BEFORE the
//! rename, the old database is kept as `vault.db.previous` until the new one opens, then
//! everything is promoted. At every instant some stored key opens whatever `vault.db` is.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use zeroize::Zeroizing;

use super::image::SECRET_TABLES;
use super::{BackupError, BackupImage, BackupKey, Manifest, read_backup};
use crate::keys::DbKey;
use crate::keys::keychain::{Slot, VaultKeychain};
use crate::keys::kit::RecoveryKit;
use crate::keys::passphrase;
use crate::vault::audit::{self, AuditEvent};
use crate::vault::{Access, KeyMode, Vault, VaultError, db, files, identity, migrate};

/// The steps of a restore, for crash-safety tests that stop after one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RestoreStep {
    /// `vault.db.restore` is complete under the new key.
    Built,
    /// The new key is wrapped into `.next` files.
    WrappedNext,
    /// The new key is in the keychain's pending slot.
    PendingStored,
    /// The old database is checkpointed, closed and linked as `vault.db.previous`.
    PreviousKept,
    /// `vault.db.restore` was renamed over `vault.db`.
    Swapped,
    /// The new key is current everywhere.
    Promoted,
    /// The new vault opened and `vault.db.previous` is gone.
    Done,
}

/// What a restore does with the vault's recovery kit, and whether it keeps an undo backup.
///
/// A kit that opens a backup is not thereby the user's: a backup can come from someone
/// else (a coach, another device's owner). Restoring over a vault in use keeps the vault's
/// own kit unless the user explicitly adopts the backup's, since whoever holds the vault's
/// kit can open the vault and read every backup made after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreMode {
    /// Over a vault in use: keep its recovery kit; write an undo backup first.
    KeepKit,
    /// Over a vault in use: the kit that opened the backup becomes the vault's kit (the
    /// vault's previous kit then opens neither the vault nor its new backups); write an
    /// undo backup first. Needs a backup opened with exactly one kit.
    AdoptKit,
    /// Into a vault created for this restore a moment ago (first run, joining a device):
    /// no undo backup; a kit that opened the backup becomes the vault's kit.
    NewVault,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreReceipt {
    /// The restored backup's manifest.
    pub manifest: Manifest,
    /// The schema version after migrating forward.
    pub schema_version: u32,
    /// Whether the current vault's WHOOP connection was kept.
    pub kept_whoop_connection: bool,
    /// The backup of the contents the restore replaced (restoring it undoes the
    /// restore); none for a vault created for this restore.
    pub undo_backup: Option<String>,
    /// Whether the vault's recovery kit changed to the one that opened the backup (the
    /// kit used before no longer opens the vault or its new backups).
    pub adopted_kit: bool,
}

impl Vault {
    /// Replaces the vault's contents with a backup, first keeping the current contents as
    /// a backup of their own (see [`RestoreReceipt::undo_backup`]). The vault keeps its
    /// recovery kit, whichever kit opened the backup. Needs exclusive access; in
    /// passphrase mode, the vault passphrase. Consumes the vault: open it again afterwards.
    pub fn restore_backup(
        self,
        bytes: &[u8],
        key: BackupKey,
        pass: Option<&SecretString>,
        now: DateTime<Utc>,
    ) -> Result<RestoreReceipt, BackupError> {
        self.restore_backup_until(bytes, key, pass, RestoreMode::KeepKit, RestoreStep::Done, now)
    }

    /// [`Vault::restore_backup`], and the one kit in `key` becomes the vault's recovery
    /// kit ([`RestoreMode::AdoptKit`]): only on the user's explicit request, after a
    /// warning, with that kit saved where the user keeps it.
    pub fn restore_adopting_kit(
        self,
        bytes: &[u8],
        key: BackupKey,
        pass: Option<&SecretString>,
        now: DateTime<Utc>,
    ) -> Result<RestoreReceipt, BackupError> {
        self.restore_backup_until(bytes, key, pass, RestoreMode::AdoptKit, RestoreStep::Done, now)
    }

    /// [`Vault::restore_backup`] into a vault created for it a moment ago, which holds
    /// nothing worth an undo backup (restoring from a backup at first run); a kit that
    /// opened the backup becomes the vault's kit.
    pub fn restore_into_new_vault(
        self,
        bytes: &[u8],
        key: BackupKey,
        pass: Option<&SecretString>,
        now: DateTime<Utc>,
    ) -> Result<RestoreReceipt, BackupError> {
        self.restore_backup_until(bytes, key, pass, RestoreMode::NewVault, RestoreStep::Done, now)
    }

    /// Runs a restore and stops right after `last`, as if the process had died there.
    /// Exists so that crash safety can be tested; use [`Vault::restore_backup`] otherwise.
    pub fn restore_backup_until(
        self,
        bytes: &[u8],
        key: BackupKey,
        pass: Option<&SecretString>,
        mode: RestoreMode,
        last: RestoreStep,
        now: DateTime<Utc>,
    ) -> Result<RestoreReceipt, BackupError> {
        if self.access != Access::Exclusive {
            return Err(BackupError::NotExclusive);
        }
        if self.meta.key_mode == KeyMode::Passphrase && pass.is_none() {
            return Err(VaultError::PassphraseRequired.into());
        }
        let own = identity::active(&self.conn)?;
        let own_recipient = own.recipient();
        let kit = match (&key, mode) {
            (BackupKey::Kits(kits), RestoreMode::AdoptKit | RestoreMode::NewVault) if kits.len() == 1 => {
                RecoveryKit::parse(&kits[0].secret()).map_err(VaultError::from)?
            }
            (_, RestoreMode::AdoptKit) => return Err(BackupError::NoKitToAdopt),
            _ => own,
        };
        let adopted_kit = kit.recipient() != own_recipient;
        let image = read_backup(bytes, &key)?;
        let manifest = image.manifest.clone();
        let undo_backup = match mode {
            RestoreMode::KeepKit | RestoreMode::AdoptKit => Some(self.write_undo_backup(now)?),
            RestoreMode::NewVault => None,
        };
        let db_path = self.dir.database();
        let restore = files::sibling(&db_path, ".restore");
        remove_db_files(&restore)?;
        let new_key = DbKey::generate().map_err(VaultError::from)?;
        let built = build(&self, &restore, &new_key, &image, &kit, now);
        drop(image);
        let (schema_version, kept_whoop) = match built {
            Ok(done) => done,
            Err(err) => {
                let _ = remove_db_files(&restore);
                if let Some(path) = &undo_backup {
                    let _ = std::fs::remove_file(path);
                }
                return Err(err);
            }
        };
        let receipt = RestoreReceipt {
            manifest,
            schema_version,
            kept_whoop_connection: kept_whoop,
            undo_backup: undo_backup.map(|p| p.display().to_string()),
            adopted_kit,
        };
        if last == RestoreStep::Built {
            return Ok(receipt);
        }
        let keychain = VaultKeychain::new(&self.meta.vault_id);
        let kit_next = files::sibling(&self.dir.kit_wrapped_key(), ".next");
        let pass_next = files::sibling(&self.dir.passphrase_wrapped_key(), ".next");
        write(&kit_next, &kit.wrap(&new_key).map_err(VaultError::from)?)?;
        if let Some(p) = pass {
            write(
                &pass_next,
                &passphrase::wrap(&new_key, p).map_err(VaultError::from)?,
            )?;
        }
        if last == RestoreStep::WrappedNext {
            return Ok(receipt);
        }
        let keychain_mode = self.meta.key_mode == KeyMode::Keychain;
        if keychain_mode {
            keychain
                .set(Slot::Pending, &new_key.to_hex())
                .map_err(VaultError::from)?;
        }
        if last == RestoreStep::PendingStored {
            return Ok(receipt);
        }
        let Vault { dir, conn, _lock, .. } = self;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        conn.close().map_err(|(_, e)| BackupError::Database(e))?;
        for suffix in ["-wal", "-shm"] {
            remove(&files::sibling(&db_path, suffix))?;
        }
        let previous = files::sibling(&db_path, ".previous");
        remove(&previous)?;
        std::fs::hard_link(&db_path, &previous)
            .or_else(|_| std::fs::copy(&db_path, &previous).map(drop))
            .and_then(|()| files::sync_dir(dir.path()))
            .map_err(|e| BackupError::io("keep", &previous, e))?;
        if last == RestoreStep::PreviousKept {
            return Ok(receipt);
        }
        files::rename_durably(&restore, &db_path).map_err(|e| BackupError::io("replace", &db_path, e))?;
        if last == RestoreStep::Swapped {
            return Ok(receipt);
        }
        if keychain_mode {
            keychain
                .set(Slot::Current, &new_key.to_hex())
                .map_err(VaultError::from)?;
        }
        files::rename_durably(&kit_next, &dir.kit_wrapped_key())
            .map_err(|e| BackupError::io("replace", &kit_next, e))?;
        if pass.is_some() {
            files::rename_durably(&pass_next, &dir.passphrase_wrapped_key())
                .map_err(|e| BackupError::io("replace", &pass_next, e))?;
        } else {
            keychain.delete(Slot::Pending).map_err(VaultError::from)?;
        }
        if last == RestoreStep::Promoted {
            return Ok(receipt);
        }
        drop(db::open(&db_path, &new_key, db::Create::Existing)?);
        remove(&previous)?;
        tracing::info!(schema_version, "vault restored from a backup");
        Ok(receipt)
    }
}

/// Removes what a restore that died part-way left beside the vault: a half-built or
/// never-swapped `vault.db.restore` (with its `-wal`/`-shm`) and the kept
/// `vault.db.previous`. Called by [`Vault::open_with`] once the live `vault.db` has opened
/// under a stored key and the vault lock is held (a running restore holds it
/// exclusively), so neither file can still be needed. Best effort: a file that cannot be
/// removed is logged and left for the next open. Returns how many files were removed.
pub(crate) fn clean_stale(vault: &Vault) -> usize {
    let db_path = vault.dir.database();
    let restore = files::sibling(&db_path, ".restore");
    let stale = [
        files::sibling(&restore, "-wal"),
        files::sibling(&restore, "-shm"),
        restore,
        files::sibling(&db_path, ".previous"),
    ];
    let mut removed = 0;
    for path in stale.iter().filter(|p| p.exists()) {
        match std::fs::remove_file(path) {
            Ok(()) => removed += 1,
            Err(err) => tracing::warn!(path = %path.display(), %err, "could not remove a stale restore file"),
        }
    }
    if removed > 0 {
        if let Err(err) = files::sync_dir(vault.dir.path()) {
            tracing::warn!(%err, "could not sync the data dir after cleaning");
        }
        tracing::warn!(removed, "removed files left by an interrupted restore");
    }
    removed
}

/// Builds `restore` under `new_key` from the verified image; returns the final schema
/// version and whether a WHOOP connection was carried over.
fn build(
    vault: &Vault,
    restore: &std::path::Path,
    new_key: &DbKey,
    image: &BackupImage,
    kit: &RecoveryKit,
    now: DateTime<Utc>,
) -> Result<(u32, bool), BackupError> {
    // Export from the verified image's own (plain, defensive) connection into the new
    // keyed file: an image deserialized beside a keyed database would inherit its key.
    drop(files::create_private(restore).map_err(|e| BackupError::io("create", restore, e))?);
    let new_literal = Zeroizing::new(format!("x'{}'", new_key.to_hex().expose_secret()));
    // The verified image is query-only for its readers; the export writes only `restore`.
    image.conn.execute_batch("PRAGMA query_only = OFF;")?;
    image.conn.execute(
        "ATTACH DATABASE ?1 AS restore KEY ?2",
        (restore.display().to_string(), new_literal.as_str()),
    )?;
    let exported = image
        .conn
        .query_row("SELECT sqlcipher_export('restore')", [], |_| Ok(()));
    image.conn.execute_batch("DETACH DATABASE restore;")?;
    exported?;
    let mut conn = db::open(restore, new_key, db::Create::Existing)?;
    conn.execute_batch("DROP TABLE main.backup_manifest;")?;
    conn.pragma_update(None, "user_version", image.manifest.schema_version)?;
    let schema_version = migrate::run(&mut conn)?;
    let old_key = Zeroizing::new(format!("x'{}'", vault.key.to_hex().expose_secret()));
    conn.execute(
        "ATTACH DATABASE ?1 AS old KEY ?2",
        (vault.dir.database().display().to_string(), old_key.as_str()),
    )?;
    let tx = conn.transaction()?;
    tx.execute_batch(
        "DELETE FROM main.vault_meta WHERE key <> 'schema_version';
         INSERT INTO main.vault_meta (key, value) SELECT key, value FROM old.vault_meta WHERE key <> 'schema_version';
         DELETE FROM main.recovery_identity;
         INSERT INTO main.recovery_identity SELECT * FROM old.recovery_identity;",
    )?;
    let mut kept_whoop = false;
    for table in SECRET_TABLES.iter().filter(|t| **t != "recovery_identity") {
        if exists(&tx, "main", table)? && exists(&tx, "old", table)? {
            tx.execute_batch(&format!(
                "DELETE FROM main.{table}; INSERT INTO main.{table} SELECT * FROM old.{table};"
            ))?;
            kept_whoop |= tx.query_row(&format!("SELECT count(*) FROM main.{table}"), [], |r| {
                r.get::<_, i64>(0)
            })? > 0;
        }
    }
    let active = identity::active(&tx)?;
    if active.recipient() != kit.recipient() {
        let at = now.to_rfc3339();
        tx.execute(
            "UPDATE recovery_identity SET retired_at = ?1 WHERE retired_at IS NULL",
            [&at],
        )?;
        let revived = tx.execute(
            "UPDATE recovery_identity SET retired_at = NULL WHERE recipient = ?1",
            [kit.recipient()],
        )?;
        if revived == 0 {
            identity::activate(&tx, kit, now)?;
        }
    }
    crate::sync::carry_over(&tx)?;
    audit::record(&tx, now, &AuditEvent::BackupRestored)?;
    tx.commit()?;
    conn.execute_batch("DETACH DATABASE old; PRAGMA wal_checkpoint(TRUNCATE);")?;
    conn.close().map_err(|(_, e)| BackupError::Database(e))?;
    std::fs::File::open(restore)
        .and_then(|f| f.sync_all())
        .map_err(|e| BackupError::io("sync", restore, e))?;
    Ok((schema_version, kept_whoop))
}

fn exists(conn: &Connection, schema: &str, table: &str) -> Result<bool, BackupError> {
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?1"),
        [table],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), BackupError> {
    files::write_atomic(path, bytes).map_err(|e| BackupError::io("write", path, e))
}

fn remove(path: &std::path::Path) -> Result<(), BackupError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(BackupError::io("remove", path, e)),
        _ => Ok(()),
    }
}

fn remove_db_files(path: &std::path::Path) -> Result<(), BackupError> {
    remove(path)?;
    remove(&files::sibling(path, "-wal"))?;
    remove(&files::sibling(path, "-shm"))
}
