//! The family's devices as this device knows them. Each device adds its own row to
//! `sync_device` when it turns sync on or joins, and the row travels like any synced row,
//! so every member learns the others' names. Removing a device is a change of that row too:
//! it names the last of the device's files the family keeps, and every member ignores the
//! files after it (the removed device still holds the kit: rotate it next).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// One device of the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Device {
    /// Its id (32 hex digits), which names its directory in the sync folder.
    pub id: String,
    /// What the person calls it.
    pub name: String,
    /// When it joined (RFC 3339).
    pub joined_at: String,
    /// When it was removed, if it was.
    pub removed_at: Option<String>,
    /// Whether it is this device.
    pub this_device: bool,
    /// The last of its files this device has merged (for this device: the last it wrote).
    pub last_file: u32,
    /// Whether it holds the family's WHOOP connection.
    pub whoop: bool,
}

/// What a merge settled by itself that the person should know (two computers added one
/// name, or filled one slot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncNote {
    /// Its number, to dismiss it.
    pub id: u32,
    /// When the merge settled it (RFC 3339).
    pub at: String,
    /// `renamed` or `replaced`.
    pub kind: String,
    /// What happened, for the person.
    pub text: String,
    /// The row not kept, its columns as they were (JSON), when one was replaced.
    pub lost: Option<String>,
}

/// The notes not yet dismissed, newest first.
pub fn notes(conn: &Connection) -> rusqlite::Result<Vec<SyncNote>> {
    conn.prepare("SELECT id, at, kind, text, lost FROM sync_note ORDER BY id DESC")?
        .query_map([], |r| {
            Ok(SyncNote {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                text: r.get(3)?,
                lost: r.get(4)?,
            })
        })?
        .collect()
}

/// Why a device could not be removed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoveError {
    /// Sync is not turned on for this vault.
    #[error("sync is not turned on for this vault")]
    Off,
    /// No device of the family has that id.
    #[error("no device of this family has the id {0} (see `ironkeep sync devices`)")]
    Unknown(String),
    /// A device cannot remove itself.
    #[error("this is this device: remove it from another member of the family")]
    ThisDevice,
    /// The vault could not be read or written.
    #[error("the vault could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),
}

impl RemoveError {
    /// A stable code for `--json` and the app.
    pub fn code(&self) -> &'static str {
        match self {
            RemoveError::Off => "sync_off",
            RemoveError::Unknown(_) => "not_found",
            RemoveError::ThisDevice => "invalid_input",
            RemoveError::Database(_) => "database",
        }
    }
}

/// What this computer is called when the person names it nothing: its host name.
pub fn computer_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this computer".to_owned())
}

/// Adds this device's own row (the name it goes by); captured and sent like any change.
pub(crate) fn announce(
    conn: &Connection,
    device: &[u8; 16],
    name: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let name: String = name.trim().chars().take(100).collect();
    let name = if name.is_empty() {
        "this computer".to_owned()
    } else {
        name
    };
    conn.execute(
        "INSERT INTO sync_device (gid, name, joined_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (gid) DO UPDATE SET name = excluded.name",
        params![&device[..], name, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Every device this one knows: itself first, then the others by name.
pub fn devices(conn: &Connection) -> rusqlite::Result<Vec<Device>> {
    let Some((own, sequence)) = conn
        .query_row("SELECT device, sequence FROM sync_state", [], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?))
        })
        .optional()?
    else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare(
        "SELECT d.gid, d.name, d.joined_at, d.removed_at, coalesce(c.sequence, 0), d.whoop
         FROM sync_device d LEFT JOIN sync_cursor c ON c.device = d.gid
         ORDER BY d.gid <> ?1, d.name, d.gid",
    )?;
    stmt.query_map([&own], |r| {
        let gid: Vec<u8> = r.get(0)?;
        let this_device = gid == own;
        let read: i64 = r.get(4)?;
        Ok(Device {
            id: hex::encode(&gid),
            name: r.get(1)?,
            joined_at: r.get(2)?,
            removed_at: r.get(3)?,
            this_device,
            last_file: u32::try_from(if this_device { sequence } else { read }).unwrap_or(u32::MAX),
            whoop: r.get(5)?,
        })
    })?
    .collect()
}

/// Removes the device `id` from the family: the files it wrote after the last one this
/// device has read are ignored by every member from now on.
pub fn remove(conn: &Connection, id: &str, now: DateTime<Utc>) -> Result<(), RemoveError> {
    let own: Vec<u8> = conn
        .query_row("SELECT device FROM sync_state", [], |r| r.get(0))
        .optional()?
        .ok_or(RemoveError::Off)?;
    let unknown = || RemoveError::Unknown(id.chars().take(40).collect());
    let mut gid = [0u8; 16];
    hex::decode_to_slice(id.trim(), &mut gid).map_err(|_| unknown())?;
    if gid[..] == own[..] {
        return Err(RemoveError::ThisDevice);
    }
    let read: Option<i64> = conn
        .query_row(
            "SELECT sequence FROM sync_cursor WHERE device = ?1",
            [&gid[..]],
            |r| r.get(0),
        )
        .optional()?;
    let changed = conn.execute(
        "UPDATE sync_device SET removed_at = ?2, last_kept = ?3 WHERE gid = ?1 AND removed_at IS NULL",
        params![&gid[..], now.to_rfc3339(), read.unwrap_or(0)],
    )?;
    let known: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_device WHERE gid = ?1)",
        [&gid[..]],
        |r| r.get(0),
    )?;
    if changed == 0 && !known {
        return Err(unknown());
    }
    Ok(())
}

/// The device of the family, other than this one, that holds the WHOOP connection: its
/// name. Removed devices hold nothing.
pub fn whoop_elsewhere(conn: &Connection) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT d.name FROM sync_device d, sync_state s
         WHERE d.whoop = 1 AND d.removed_at IS NULL AND d.gid <> s.device",
        [],
        |r| r.get(0),
    )
    .optional()
}

/// Records that this device holds the family's WHOOP connection, or no longer does
/// (nothing while sync is off). Connecting here takes it from no one: the caller first
/// checks [`whoop_elsewhere`].
pub(crate) fn hold_whoop(conn: &Connection, holds: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sync_device SET whoop = ?1 WHERE gid = (SELECT device FROM sync_state) AND whoop <> ?1",
        [i64::from(holds)],
    )?;
    Ok(())
}

/// The last file of `device` the family keeps reading, when it was removed.
pub(crate) fn last_kept(conn: &Connection, device: &[u8; 16]) -> rusqlite::Result<Option<u64>> {
    let kept: Option<Option<i64>> = conn
        .query_row(
            "SELECT last_kept FROM sync_device WHERE gid = ?1",
            [&device[..]],
            |r| r.get(0),
        )
        .optional()?;
    Ok(kept.flatten().map(|n| u64::try_from(n).unwrap_or(0)))
}
