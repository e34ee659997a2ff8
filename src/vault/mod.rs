//! The vault: one SQLCipher database in an owner-only folder, opened with a key that never
//! touches the disk in plaintext.
//!
//! [`Vault::create`] makes the key and the recovery kit and stores the key in the keychain
//! (or, explicitly, under a passphrase); [`Vault::open`] finds the key, opens the database
//! and brings its schema up to date. Neither ever falls back to a plaintext key, an
//! unencrypted database, or a fresh empty vault when the key is missing.

pub mod audit;
mod datadir;
pub mod db;
pub mod doctor;
mod error;
pub mod files;
pub(crate) mod identity;
mod keyops;
pub mod lock;
pub mod migrate;
mod roles;
mod status;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use secrecy::{ExposeSecret, SecretString};

pub use datadir::{DATA_DIR_ENV, DataDir, KeyMode, Presence};
pub use error::VaultError;
pub use keyops::RotationStep;
pub use lock::Access;
pub(crate) use roles::WriterTurn;
pub use roles::{IDLE_READERS, Reader, Turn, VaultRoles, Writer};
pub use status::{RecordCount, VaultStatus};

use crate::keys::keychain::{self, Slot, VaultKeychain};
use crate::keys::kit::RecoveryKit;
use crate::keys::{DbKey, passphrase, random_hex};
use audit::AuditEvent;
use datadir::VaultMeta;
use lock::VaultLock;

/// Version of the `vault.json` layout.
const META_FORMAT: u32 = 1;

/// How to unlock a vault's key.
#[derive(Debug)]
pub enum Unlock {
    /// From the OS keychain.
    Keychain,
    /// With the passphrase of a passphrase-mode vault.
    Passphrase(SecretString),
}

/// An open vault. Holds the lock on its data directory until dropped.
#[derive(Debug)]
pub struct Vault {
    pub(crate) dir: DataDir,
    pub(crate) meta: VaultMeta,
    pub(crate) conn: Connection,
    pub(crate) key: DbKey,
    pub(crate) access: Access,
    /// Whose turn it is to write, shared with the handles made for long work.
    pub(crate) turn: WriterTurn,
    pub(crate) _lock: VaultLock,
}

impl Vault {
    /// Creates a vault in `dir`: in the keychain when `passphrase` is `None`, else wrapped
    /// with the passphrase. Returns the recovery kit, which the caller MUST hand to the user
    /// (see [`RecoveryKit::save`]). Nothing is created when the keychain is unusable or the
    /// passphrase is weak.
    pub fn create(
        dir: &DataDir,
        passphrase: Option<SecretString>,
        now: DateTime<Utc>,
    ) -> Result<(Vault, RecoveryKit), VaultError> {
        if dir.meta_file().exists() || dir.database().exists() {
            return Err(VaultError::AlreadyExists {
                path: dir.path().to_owned(),
            });
        }
        match &passphrase {
            Some(pass) => passphrase::check_strength(pass, &[], now)?,
            None => keychain::probe()?,
        }
        let created_dir = !dir.path().exists();
        files::create_private_dir(dir.path()).map_err(|e| VaultError::io("create", dir.path(), e))?;
        let result = Self::create_in(dir, passphrase, now);
        if result.is_err() {
            discard_partial(dir, created_dir);
        }
        result
    }

    fn create_in(
        dir: &DataDir,
        passphrase: Option<SecretString>,
        now: DateTime<Utc>,
    ) -> Result<(Vault, RecoveryKit), VaultError> {
        let lock = VaultLock::acquire(dir, Access::Exclusive)?;
        let meta = VaultMeta {
            format: META_FORMAT,
            vault_id: random_hex(12)?,
            key_mode: if passphrase.is_some() {
                KeyMode::Passphrase
            } else {
                KeyMode::Keychain
            },
            created_at: now,
        };
        let key = DbKey::generate()?;
        let kit = RecoveryKit::generate();
        match &passphrase {
            None => VaultKeychain::new(&meta.vault_id).set(Slot::Current, &key.to_hex())?,
            Some(pass) => write_file(&dir.passphrase_wrapped_key(), &passphrase::wrap(&key, pass)?)?,
        }
        write_file(&dir.kit_wrapped_key(), &kit.wrap(&key)?)?;
        let mut conn = db::open(&dir.database(), &key, db::Create::New)?;
        migrate::run(&mut conn)?;
        let tx = conn.transaction()?;
        identity::activate(&tx, &kit, now)?;
        tx.execute(
            "INSERT INTO vault_meta (key, value) VALUES ('vault_id', ?1), ('created_at', ?2)",
            (&meta.vault_id, now.to_rfc3339()),
        )?;
        audit::record(&tx, now, &AuditEvent::VaultCreated)?;
        tx.commit()?;
        dir.write_meta(&meta)?;
        drop(lock);
        let lock = VaultLock::acquire(dir, Access::Shared)?;
        tracing::info!(vault_id = %meta.vault_id, mode = %meta.key_mode, "vault created");
        let vault = Vault {
            dir: dir.clone(),
            meta,
            conn,
            key,
            access: Access::Shared,
            turn: WriterTurn::default(),
            _lock: lock,
        };
        Ok((vault, kit))
    }

    /// Opens the vault in `dir` for ordinary use (shared with other processes).
    pub fn open(dir: &DataDir, unlock: Unlock, now: DateTime<Utc>) -> Result<Vault, VaultError> {
        Self::open_with(dir, unlock, Access::Shared, now)
    }

    /// Opens the vault with the given access; `Exclusive` refuses while anyone else has it.
    pub fn open_with(
        dir: &DataDir,
        unlock: Unlock,
        access: Access,
        now: DateTime<Utc>,
    ) -> Result<Vault, VaultError> {
        let meta = dir.read_meta()?;
        let lock = VaultLock::acquire(dir, access)?;
        let drift = files::mode_drift(dir.path()).map_err(|e| VaultError::io("inspect", dir.path(), e))?;
        let (candidates, pending) = candidate_keys(dir, &meta, &unlock)?;
        let (mut conn, key) = match try_keys(dir, candidates)? {
            Some(found) => found,
            None => {
                note_failed_unlock(dir);
                tracing::warn!(vault_id = %meta.vault_id, "unlock refused: wrong key");
                return Err(match unlock {
                    Unlock::Passphrase(_) => VaultError::WrongPassphrase,
                    Unlock::Keychain => VaultError::WrongKey,
                });
            }
        };
        migrate::run(&mut conn)?;
        let mut vault = Vault {
            dir: dir.clone(),
            meta,
            conn,
            key,
            access,
            turn: WriterTurn::default(),
            _lock: lock,
        };
        keyops::settle(&mut vault, &unlock, pending.as_ref())?;
        // The live vault.db opened: leftovers of an interrupted restore are not needed.
        crate::backup::clean_stale(&vault);
        // An import whose process died mid-way leaves nothing behind (if that fails, the
        // run stays marked running and the next open tries again).
        if let Err(err) = crate::interchange::runs::settle(&vault) {
            tracing::warn!(error = %err, "an interrupted import could not be removed yet");
        }
        if !drift.is_empty() {
            files::repair(&drift).map_err(|e| VaultError::io("repair modes in", dir.path(), e))?;
            tracing::warn!(
                count = drift.len(),
                "file modes had drifted; set back to owner-only"
            );
            audit::record(
                &vault.conn,
                now,
                &AuditEvent::ModesRepaired { count: drift.len() },
            )?;
        }
        if let Some(count) = take_failed_unlocks(dir) {
            audit::record(&vault.conn, now, &AuditEvent::WrongKeyAttempts { count })?;
        }
        Ok(vault)
    }

    /// The data directory.
    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    /// The vault's id (public; namespaces its keychain entries).
    pub fn id(&self) -> &str {
        &self.meta.vault_id
    }

    /// How the key is unlocked.
    pub fn key_mode(&self) -> KeyMode {
        self.meta.key_mode
    }

    /// The open connection, for the other areas of the core.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The newest audit events, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<audit::AuditEntry>, VaultError> {
        audit::recent(&self.conn, limit)
    }
}

/// The keys that might open the database, in the order to try them.
/// Also returns the keychain's pending slot as read, so [`keyops::settle`] can finish or
/// discard a rotation without asking the keychain a second time.
fn candidate_keys(
    dir: &DataDir,
    meta: &VaultMeta,
    unlock: &Unlock,
) -> Result<(Vec<DbKey>, Option<SecretString>), VaultError> {
    match (meta.key_mode, unlock) {
        (KeyMode::Keychain, _) => {
            let keychain = VaultKeychain::new(&meta.vault_id);
            let (current, pending) = (keychain.get(Slot::Current)?, keychain.get(Slot::Pending)?);
            if current.is_none() && pending.is_none() {
                return Err(VaultError::KeyMissing {
                    vault_id: meta.vault_id.clone(),
                });
            }
            let keys = current
                .iter()
                .chain(&pending)
                .map(|hex| Ok(DbKey::from_hex(hex.expose_secret())?))
                .collect::<Result<_, VaultError>>()?;
            Ok((keys, pending))
        }
        (KeyMode::Passphrase, Unlock::Keychain) => Err(VaultError::PassphraseRequired),
        (KeyMode::Passphrase, Unlock::Passphrase(pass)) => {
            let path = dir.passphrase_wrapped_key();
            let keys: Vec<DbKey> = [path.clone(), files::sibling(&path, ".next")]
                .iter()
                .filter_map(|file| std::fs::read(file).ok())
                .filter_map(|wrapped| passphrase::unwrap(&wrapped, pass).ok())
                .collect();
            if keys.is_empty() {
                note_failed_unlock(dir);
                return Err(VaultError::WrongPassphrase);
            }
            Ok((keys, None))
        }
    }
}

/// Opens the database with the first key that works.
fn try_keys(dir: &DataDir, keys: Vec<DbKey>) -> Result<Option<(Connection, DbKey)>, VaultError> {
    for key in keys {
        match db::open(&dir.database(), &key, db::Create::Existing) {
            Ok(conn) => return Ok(Some((conn, key))),
            Err(VaultError::WrongKey) => continue,
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}

/// Writes a key file atomically with mode 0600.
fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), VaultError> {
    files::write_atomic(path, bytes).map_err(|e| VaultError::io("write", path, e))
}

/// Counts a failed unlock in a small file (the database cannot be written without the key);
/// the next successful open moves the count into the audit log.
fn note_failed_unlock(dir: &DataDir) {
    let path = dir.failed_unlocks();
    let count = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
        .unwrap_or(0);
    let _ = files::write_atomic(&path, format!("{}\n", count + 1).as_bytes());
}

fn take_failed_unlocks(dir: &DataDir) -> Option<u64> {
    let path = dir.failed_unlocks();
    let count = std::fs::read_to_string(&path).ok()?.trim().parse::<u64>().ok();
    let _ = std::fs::remove_file(&path);
    count
}

/// Removes what a failed `create` left, so a retry starts clean.
fn discard_partial(dir: &DataDir, remove_dir: bool) {
    let db = dir.database();
    for path in [
        files::sibling(&db, "-wal"),
        files::sibling(&db, "-shm"),
        db,
        dir.kit_wrapped_key(),
        dir.passphrase_wrapped_key(),
        dir.lock_file(),
    ] {
        let _ = std::fs::remove_file(path);
    }
    if remove_dir {
        let _ = std::fs::remove_dir_all(dir.logs());
        let _ = std::fs::remove_dir(dir.path());
    }
}
