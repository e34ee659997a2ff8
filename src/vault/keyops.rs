//! Changing key material without ever leaving the vault unopenable.
//!
//! Key rotation writes the new key everywhere it will be looked for *before* the database
//! is re-encrypted, and promotes it afterwards:
//!
//! 1. the new key wrapped to the kit (and passphrase) as `*.age.next` files;
//! 2. the new key in the keychain's *pending* slot;
//! 3. `PRAGMA rekey`;
//! 4. the new key in the keychain's *current* slot;
//! 5. the `.next` files renamed over the old ones, the pending slot emptied.
//!
//! Opening tries the current slot, then the pending one; recovery tries `key.kit.age`, then
//! `key.kit.age.next`. So after a crash at any instant some stored key opens the database,
//! and the next open ([`settle`]) finishes or discards the half-done rotation.

use std::path::Path;

use chrono::{DateTime, Utc};
use secrecy::SecretString;

use super::audit::{self, AuditEvent};
use super::{Access, DataDir, KeyMode, Unlock, Vault, VaultError, db, files, identity, write_file};
use crate::keys::keychain::{Slot, VaultKeychain};
use crate::keys::kit::{KitError, RecoveryKit};
use crate::keys::{DbKey, passphrase};

/// The steps of a key rotation, for crash-safety tests that stop after one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RotationStep {
    /// The new key is wrapped into `.next` files.
    WrappedNext,
    /// The new key is in the keychain's pending slot.
    PendingStored,
    /// The database is re-encrypted under the new key.
    Rekeyed,
    /// The keychain's current slot holds the new key.
    CurrentStored,
    /// Everything is promoted; the rotation is complete.
    Done,
}

impl Vault {
    /// Re-encrypts the database under a fresh random key. Needs exclusive access; in
    /// passphrase mode, the passphrase (to wrap the new key).
    pub fn rotate_key(&mut self, pass: Option<&SecretString>, now: DateTime<Utc>) -> Result<(), VaultError> {
        self.rotate_key_until(pass, RotationStep::Done, now)
    }

    /// Runs a key rotation and stops right after `last`, as if the process had died there.
    /// Exists so that crash safety can be tested from outside the crate; use
    /// [`Vault::rotate_key`] otherwise.
    pub fn rotate_key_until(
        &mut self,
        pass: Option<&SecretString>,
        last: RotationStep,
        now: DateTime<Utc>,
    ) -> Result<(), VaultError> {
        if self.access != Access::Exclusive {
            return Err(VaultError::Busy(
                "key rotation needs the vault to itself; open it exclusively".to_owned(),
            ));
        }
        let pass = match (self.meta.key_mode, pass) {
            (KeyMode::Passphrase, None) => return Err(VaultError::PassphraseRequired),
            (KeyMode::Passphrase, Some(p)) => Some(p),
            (KeyMode::Keychain, _) => None,
        };
        let keychain = VaultKeychain::new(&self.meta.vault_id);
        let kit = identity::active(&self.conn)?;
        let new_key = DbKey::generate()?;
        let kit_next = files::sibling(&self.dir.kit_wrapped_key(), ".next");
        let pass_next = files::sibling(&self.dir.passphrase_wrapped_key(), ".next");

        write_file(&kit_next, &kit.wrap(&new_key)?)?;
        if let Some(p) = pass {
            write_file(&pass_next, &passphrase::wrap(&new_key, p)?)?;
        }
        if last == RotationStep::WrappedNext {
            return Ok(());
        }
        if pass.is_none() {
            keychain.set(Slot::Pending, &new_key.to_hex())?;
        }
        if last == RotationStep::PendingStored {
            return Ok(());
        }
        db::rekey(&self.conn, &new_key)?;
        self.key = new_key;
        if last == RotationStep::Rekeyed {
            return Ok(());
        }
        if pass.is_none() {
            keychain.set(Slot::Current, &self.key.to_hex())?;
        }
        if last == RotationStep::CurrentStored {
            return Ok(());
        }
        promote(&kit_next, &self.dir.kit_wrapped_key())?;
        if pass.is_some() {
            promote(&pass_next, &self.dir.passphrase_wrapped_key())?;
        } else {
            keychain.delete(Slot::Pending)?;
        }
        audit::record(&self.conn, now, &AuditEvent::KeyRotated)?;
        tracing::info!(vault_id = %self.meta.vault_id, "database key rotated");
        Ok(())
    }

    /// Makes a new recovery kit, saves it to `kit_out` (0600, never overwriting) and wraps
    /// the key to it. Backups made before still need the old kit.
    pub fn rotate_kit(&mut self, kit_out: &Path, now: DateTime<Utc>) -> Result<RecoveryKit, VaultError> {
        let kit = RecoveryKit::generate();
        kit.save(kit_out, &self.meta.vault_id, now)?;
        self.take_kit(&kit, now)?;
        Ok(kit)
    }

    /// Makes `kit` the vault's recovery kit: the key is wrapped to it and it becomes the
    /// active identity (the previous one is kept, retired, for older backups). Used by a
    /// kit rotation, and by a sync member taking the kit another member rotated to.
    pub(crate) fn take_kit(&self, kit: &RecoveryKit, now: DateTime<Utc>) -> Result<(), VaultError> {
        let next = files::sibling(&self.dir.kit_wrapped_key(), ".next");
        write_file(&next, &kit.wrap(&self.key)?)?;
        let _turn = self.turn.take();
        let tx = self.conn.unchecked_transaction()?;
        identity::activate(&tx, kit, now)?;
        audit::record(
            &tx,
            now,
            &AuditEvent::KitRotated {
                recipient: kit.recipient(),
            },
        )?;
        tx.commit()?;
        promote(&next, &self.dir.kit_wrapped_key())?;
        tracing::info!(vault_id = %self.meta.vault_id, "recovery kit rotated");
        Ok(())
    }

    /// Writes the active recovery kit to a new file (0600, never overwriting).
    pub fn export_kit(&self, out: &Path, now: DateTime<Utc>) -> Result<(), VaultError> {
        identity::active(&self.conn)?.save(out, &self.meta.vault_id, now)?;
        audit::record(&self.conn, now, &AuditEvent::KitExported)?;
        Ok(())
    }

    /// The vault's own public `age1…` recipient (safe to share).
    pub fn recipient(&self) -> Result<String, VaultError> {
        Ok(identity::active(&self.conn)?.recipient())
    }

    /// Restores the key from the recovery kit: into the keychain, or in passphrase mode
    /// under `new_passphrase`. Takes the vault exclusively.
    pub fn recover(
        dir: &DataDir,
        kit: &RecoveryKit,
        new_passphrase: Option<SecretString>,
        now: DateTime<Utc>,
    ) -> Result<Vault, VaultError> {
        let meta = dir.read_meta()?;
        let lock = super::VaultLock::acquire(dir, Access::Exclusive)?;
        let wrapped = dir.kit_wrapped_key();
        let found = [wrapped.clone(), files::sibling(&wrapped, ".next")]
            .iter()
            .filter_map(|file| std::fs::read(file).ok())
            .filter_map(|bytes| kit.unwrap(&bytes).ok())
            .find_map(|key| {
                db::open(&dir.database(), &key, db::Create::Existing)
                    .ok()
                    .map(|conn| (conn, key))
            });
        let (mut conn, key) = found.ok_or(KitError::WrongKit)?;
        super::migrate::run(&mut conn)?;
        let unlock = match meta.key_mode {
            KeyMode::Keychain => {
                let keychain = VaultKeychain::new(&meta.vault_id);
                keychain.set(Slot::Current, &key.to_hex())?;
                keychain.delete(Slot::Pending)?;
                Unlock::Keychain
            }
            KeyMode::Passphrase => {
                let pass = new_passphrase.ok_or(VaultError::PassphraseRequired)?;
                passphrase::check_strength(&pass, &[&meta.vault_id], now)?;
                write_file(&dir.passphrase_wrapped_key(), &passphrase::wrap(&key, &pass)?)?;
                let _ = std::fs::remove_file(files::sibling(&dir.passphrase_wrapped_key(), ".next"));
                Unlock::Passphrase(pass)
            }
        };
        let mut vault = Vault {
            dir: dir.clone(),
            meta,
            conn,
            key,
            access: Access::Exclusive,
            turn: super::WriterTurn::default(),
            _lock: lock,
        };
        settle(&mut vault, &unlock, None)?;
        audit::record(&vault.conn, now, &AuditEvent::KeyRecovered)?;
        tracing::info!(vault_id = %vault.meta.vault_id, "key recovered from the kit");
        Ok(vault)
    }
}

/// Finishes or discards a rotation a crash interrupted, now that the working key is known.
/// `pending` is the keychain's pending slot as the caller read it while unlocking.
pub(super) fn settle(
    vault: &mut Vault,
    unlock: &Unlock,
    pending: Option<&SecretString>,
) -> Result<(), VaultError> {
    let kit = identity::active(&vault.conn)?;
    let kit_next = files::sibling(&vault.dir.kit_wrapped_key(), ".next");
    settle_file(&kit_next, &vault.dir.kit_wrapped_key(), |bytes| {
        kit.unwrap(bytes).is_ok_and(|k| k.same_as(&vault.key))
    })?;
    match (vault.meta.key_mode, unlock) {
        (KeyMode::Keychain, _) => {
            if let Some(pending) = pending {
                let keychain = VaultKeychain::new(&vault.meta.vault_id);
                let pending_opens = DbKey::from_hex(secrecy::ExposeSecret::expose_secret(pending))
                    .is_ok_and(|k| k.same_as(&vault.key));
                if pending_opens {
                    keychain.set(Slot::Current, pending)?;
                }
                keychain.delete(Slot::Pending)?;
            }
        }
        (KeyMode::Passphrase, Unlock::Passphrase(pass)) => {
            let next = files::sibling(&vault.dir.passphrase_wrapped_key(), ".next");
            settle_file(&next, &vault.dir.passphrase_wrapped_key(), |bytes| {
                passphrase::unwrap(bytes, pass).is_ok_and(|k| k.same_as(&vault.key))
            })?;
        }
        (KeyMode::Passphrase, Unlock::Keychain) => {}
    }
    Ok(())
}

/// Promotes `next` over `current` if it holds the working key, else deletes it.
fn settle_file(
    next: &Path,
    current: &Path,
    holds_working_key: impl Fn(&[u8]) -> bool,
) -> Result<(), VaultError> {
    let Ok(bytes) = std::fs::read(next) else {
        return Ok(());
    };
    if holds_working_key(&bytes) {
        promote(next, current)
    } else {
        std::fs::remove_file(next).map_err(|e| VaultError::io("remove", next, e))
    }
}

fn promote(next: &Path, current: &Path) -> Result<(), VaultError> {
    files::rename_durably(next, current).map_err(|e| VaultError::io("replace", current, e))
}
