//! The automatic WHOOP sync at app start: on by default, due once the person has synced
//! by hand and the last sync is older than a number of hours (6 unless changed). The setting lives in the vault's
//! `vault_meta` table, so it travels with the vault and its backups.
//!
//! [`due`] answers without touching the network; [`sync_if_due`] syncs when it says so. A vault that is not connected is never due: an automatic sync must
//! not turn into a sign-in prompt.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::WhoopError;
use super::account::{self, ConnectionState};
use super::models::Collection;

/// The `vault_meta` key: `off`, or the age in hours after which a sync is due.
const SETTING: &str = "whoop_auto_sync_hours";

/// The default age of the last sync after which the app syncs at start.
pub const DEFAULT_HOURS: u32 = 6;

/// The longest age that can be chosen: a month.
pub const MAX_HOURS: u32 = 24 * 31;

/// Whether the app syncs WHOOP at start, and after how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AutoSync {
    /// Whether the automatic sync is on.
    pub enabled: bool,
    /// A sync is due once the last one is this many hours old (1 to 744).
    pub hours: u32,
}

impl Default for AutoSync {
    fn default() -> Self {
        Self {
            enabled: true,
            hours: DEFAULT_HOURS,
        }
    }
}

/// The stored setting (the default until changed).
pub fn setting(conn: &Connection) -> Result<AutoSync, WhoopError> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [SETTING], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(match value.as_deref() {
        None => AutoSync::default(),
        Some("off") => AutoSync {
            enabled: false,
            hours: DEFAULT_HOURS,
        },
        Some(text) => AutoSync {
            enabled: true,
            hours: text
                .parse::<u32>()
                .ok()
                .filter(|h| (1..=MAX_HOURS).contains(h))
                .unwrap_or(DEFAULT_HOURS),
        },
    })
}

/// Changes the setting. A disabled setting forgets its hours.
pub fn set_setting(conn: &Connection, auto: AutoSync) -> Result<AutoSync, WhoopError> {
    if !(1..=MAX_HOURS).contains(&auto.hours) {
        return Err(WhoopError::Invalid(format!(
            "the automatic sync interval must be 1 to {MAX_HOURS} hours"
        )));
    }
    let value = if auto.enabled {
        auto.hours.to_string()
    } else {
        "off".to_owned()
    };
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SETTING, value.as_str()],
    )?;
    setting(conn)
}

/// When the collections last synced: `None` before the first sync; otherwise the oldest
/// collection's time, or `Some(None)` when some collection has never finished one (a first
/// sync that stopped early).
pub fn last_sync(conn: &Connection) -> Result<Option<Option<DateTime<Utc>>>, WhoopError> {
    let mut times = Vec::new();
    for collection in Collection::ALL {
        let at: Option<Option<String>> = conn
            .query_row(
                "SELECT last_sync_at FROM whoop_sync_state WHERE collection = ?1",
                [collection.name()],
                |r| r.get(0),
            )
            .optional()?;
        times.push(
            at.flatten()
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc)),
        );
    }
    if times.iter().all(Option::is_none) {
        return Ok(None);
    }
    Ok(Some(
        times
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .and_then(|t| t.into_iter().min()),
    ))
}

/// Whether an automatic sync is due at `now`: the setting is on, WHOOP is connected, the
/// person has synced before (the first sync, a long backfill, runs by hand with progress),
/// and the last sync stopped early or is at least the chosen number of hours old.
pub fn due(conn: &Connection, now: DateTime<Utc>) -> Result<bool, WhoopError> {
    let auto = setting(conn)?;
    if !auto.enabled || account::state(conn)? != ConnectionState::Connected {
        return Ok(false);
    }
    Ok(match last_sync(conn)? {
        None => false,
        Some(None) => true,
        Some(Some(at)) => now - at >= Duration::hours(i64::from(auto.hours)),
    })
}

/// Syncs when [`due`] says so; `None` when no sync was due. Progress and cancelling work
/// as in [`super::sync()`].
pub fn sync_if_due(
    vault: &crate::vault::Vault,
    base: &super::WhoopBase,
    now: DateTime<Utc>,
    options: &super::SyncOptions,
    cancel: &std::sync::atomic::AtomicBool,
    progress: &mut dyn FnMut(&super::Progress),
) -> Result<Option<super::SyncReport>, WhoopError> {
    if !due(vault.conn(), now)? {
        return Ok(None);
    }
    tracing::info!("automatic WHOOP sync is due");
    super::sync(vault, base, now, options, cancel, progress).map(Some)
}
