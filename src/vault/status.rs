//! What the vault holds, in a form safe to show anywhere (no secrets, no health values).

use serde::Serialize;

use super::{KeyMode, Vault, VaultError, migrate};
use crate::keys::keychain::{Slot, VaultKeychain};

/// How many records of one kind the vault holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecordCount {
    /// The kind, e.g. "audit events".
    pub kind: String,
    /// How many (u32: fits every realistic count and crosses IPC as a plain number).
    pub count: u32,
}

/// A summary of an open vault.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VaultStatus {
    /// Where the vault lives.
    pub data_dir: String,
    /// The vault's public id.
    pub vault_id: String,
    /// How its key is unlocked.
    pub key_mode: KeyMode,
    /// The keychain's state, as a sentence.
    pub keychain: String,
    /// The schema version.
    pub schema_version: u32,
    /// When the vault was created, RFC 3339.
    pub created_at: String,
    /// The vault's own public `age1…` recipient.
    pub recipient: String,
    /// How many records of each kind it holds.
    pub counts: Vec<RecordCount>,
}

/// The tables counted in the status, with the label users see. Grows as features land.
const COUNTED: &[(&str, &str)] = &[
    ("audit events", "audit_log"),
    ("recovery kits", "recovery_identity"),
    ("sessions", "session"),
    ("sets", "session_set"),
    ("exercises", "exercise"),
    ("routines", "routine"),
    ("journal days", "journal_entry"),
    ("WHOOP cycles", "whoop_cycle"),
    ("WHOOP recoveries", "whoop_recovery"),
    ("WHOOP sleeps", "whoop_sleep"),
    ("WHOOP workouts", "whoop_workout"),
];

impl Vault {
    /// A summary of the vault.
    pub fn status(&self) -> Result<VaultStatus, VaultError> {
        let keychain = match self.meta.key_mode {
            KeyMode::Passphrase => "not used (passphrase mode)".to_owned(),
            KeyMode::Keychain => match VaultKeychain::new(&self.meta.vault_id).get(Slot::Current) {
                Ok(Some(_)) => "reachable, key present".to_owned(),
                Ok(None) => "reachable, but holds no key for this vault".to_owned(),
                Err(err) => err.to_string(),
            },
        };
        let counts = COUNTED
            .iter()
            .map(|(kind, table)| {
                let count: u32 = self
                    .conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                Ok(RecordCount {
                    kind: (*kind).to_owned(),
                    count,
                })
            })
            .collect::<Result<Vec<_>, VaultError>>()?;
        let mut counts = counts;
        counts.push(RecordCount {
            kind: "backups".to_owned(),
            count: crate::backup::count_of(self)?,
        });
        Ok(VaultStatus {
            data_dir: self.dir.path().display().to_string(),
            vault_id: self.meta.vault_id.clone(),
            key_mode: self.meta.key_mode,
            keychain,
            schema_version: migrate::version(&self.conn)?,
            created_at: self.meta.created_at.to_rfc3339(),
            recipient: self.recipient()?,
            counts,
        })
    }
}
