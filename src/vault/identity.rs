//! The recovery identity kept inside the vault.
//!
//! The active identity lets the app re-export the kit and (later) verify and restore its
//! own backups; retired identities are kept because backups made before a kit rotation
//! were encrypted to them.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use secrecy::{ExposeSecret, SecretString};

use super::VaultError;
use crate::keys::kit::{KitError, RecoveryKit};

/// The active recovery identity.
pub fn active(conn: &Connection) -> Result<RecoveryKit, VaultError> {
    let secret: Option<String> = conn
        .query_row(
            "SELECT identity FROM recovery_identity WHERE retired_at IS NULL",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let secret = secret.map(SecretString::from).ok_or(KitError::NotAKit)?;
    Ok(RecoveryKit::parse(&secret)?)
}

/// Makes `kit` the active identity, retiring the previous one.
pub fn activate(conn: &Connection, kit: &RecoveryKit, now: DateTime<Utc>) -> Result<(), VaultError> {
    let at = now.to_rfc3339();
    conn.execute(
        "UPDATE recovery_identity SET retired_at = ?1 WHERE retired_at IS NULL",
        [&at],
    )?;
    conn.execute(
        "INSERT INTO recovery_identity (identity, recipient, created_at) VALUES (?1, ?2, ?3)",
        (kit.secret().expose_secret(), kit.recipient(), &at),
    )?;
    Ok(())
}

/// Every identity the vault has had, the active one first (older backups need retired ones).
pub fn all(conn: &Connection) -> Result<Vec<RecoveryKit>, VaultError> {
    let mut stmt =
        conn.prepare("SELECT identity FROM recovery_identity ORDER BY retired_at IS NOT NULL, id DESC")?;
    let secrets = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    secrets
        .into_iter()
        .map(|s| Ok(RecoveryKit::parse(&SecretString::from(s))?))
        .collect()
}
