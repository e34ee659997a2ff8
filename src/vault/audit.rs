//! The audit log: security events, kept inside the encrypted vault.
//!
//! Each row says what happened and when — vault created, unlock attempts with a wrong key,
//! keys rotated or recovered, the kit exported — and never carries a key, token, secret or
//! health value: events are a closed enum whose details are counts and public facts.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::VaultError;

/// A security event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditEvent {
    /// The vault was created.
    VaultCreated,
    /// Unlock attempts with a wrong key or passphrase happened since the last open.
    WrongKeyAttempts {
        /// How many.
        count: u64,
    },
    /// The database key was rotated.
    KeyRotated,
    /// The keychain entry (or passphrase) was restored from the recovery kit.
    KeyRecovered,
    /// A new recovery kit replaced the old one.
    KitRotated {
        /// The new public recipient.
        recipient: String,
    },
    /// The recovery kit was written to a file again.
    KitExported,
    /// File modes had drifted and were put back to owner-only.
    ModesRepaired {
        /// How many paths.
        count: usize,
    },
    /// WHOOP app credentials were stored (the secret itself is never recorded).
    WhoopSetUp,
    /// A WHOOP account was connected (sign-in completed, tokens stored in the vault).
    WhoopConnected,
    /// WHOOP was disconnected: access revoked at WHOOP (when reachable), tokens wiped.
    WhoopDisconnected {
        /// Whether WHOOP confirmed the revocation.
        revoked: bool,
        /// Whether the WHOOP data was deleted too.
        forgot_data: bool,
    },
    /// WHOOP refused the refresh token; the connection needs a new sign-in.
    WhoopSignInLost,
    /// An encrypted backup was written.
    BackupCreated {
        /// How many age recipients can read it (0 for a passphrase backup).
        recipients: usize,
    },
    /// The vault was replaced by the contents of a backup.
    BackupRestored,
}

impl AuditEvent {
    fn name(&self) -> &'static str {
        match self {
            AuditEvent::VaultCreated => "vault_created",
            AuditEvent::WrongKeyAttempts { .. } => "wrong_key_attempts",
            AuditEvent::KeyRotated => "key_rotated",
            AuditEvent::KeyRecovered => "key_recovered",
            AuditEvent::KitRotated { .. } => "kit_rotated",
            AuditEvent::KitExported => "kit_exported",
            AuditEvent::ModesRepaired { .. } => "modes_repaired",
            AuditEvent::WhoopSetUp => "whoop_set_up",
            AuditEvent::WhoopConnected => "whoop_connected",
            AuditEvent::WhoopDisconnected { .. } => "whoop_disconnected",
            AuditEvent::WhoopSignInLost => "whoop_sign_in_lost",
            AuditEvent::BackupCreated { .. } => "backup_created",
            AuditEvent::BackupRestored => "backup_restored",
        }
    }

    fn detail(&self) -> String {
        match self {
            AuditEvent::WrongKeyAttempts { count } => format!("{count} failed unlock attempt(s)"),
            AuditEvent::KitRotated { recipient } => format!("new recipient {recipient}"),
            AuditEvent::ModesRepaired { count } => format!("{count} path(s) set back to owner-only"),
            AuditEvent::BackupCreated { recipients } => format!("{recipients} recipient(s)"),
            AuditEvent::WhoopDisconnected { revoked, forgot_data } => format!(
                "access {} at WHOOP; tokens wiped{}",
                if *revoked { "revoked" } else { "already invalid" },
                if *forgot_data { "; WHOOP data deleted" } else { "" }
            ),
            _ => String::new(),
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditEntry {
    /// When, RFC 3339.
    pub at: String,
    /// The event's name.
    pub event: String,
    /// Public details.
    pub detail: String,
}

/// Appends an event.
pub fn record(conn: &Connection, now: DateTime<Utc>, event: &AuditEvent) -> Result<(), VaultError> {
    conn.execute(
        "INSERT INTO audit_log (at, event, detail) VALUES (?1, ?2, ?3)",
        (now.to_rfc3339(), event.name(), event.detail()),
    )?;
    Ok(())
}

/// The newest `limit` events, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>, VaultError> {
    let mut stmt = conn.prepare("SELECT at, event, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], |row| {
        Ok(AuditEntry {
            at: row.get(0)?,
            event: row.get(1)?,
            detail: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
