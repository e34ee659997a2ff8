//! What the WHOOP connection looks like, in a form safe to show anywhere, and the user's
//! WHOOP records exactly as WHOOP last sent them (for `export json`).
//!
//! The status never carries a token or the client secret — only whether credentials are
//! configured — nor any health value: counts, times and public messages only.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::value::RawValue;

use super::account::{self, ConnectionState};
use super::models::Collection;
use super::{WhoopError, store};
use crate::vault::Vault;

/// One collection's sync state.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CollectionStatus {
    /// The collection.
    pub collection: Collection,
    /// Records stored (u32: fits any WHOOP history and crosses IPC as a plain number).
    pub count: u32,
    /// When it last synced successfully, RFC 3339.
    pub last_sync_at: Option<String>,
    /// The oldest time fully synced, RFC 3339 (timed collections).
    pub covered_from: Option<String>,
    /// The newest time fully synced, RFC 3339 (timed collections).
    pub covered_to: Option<String>,
    /// Why the last sync of it stopped, if it did.
    pub last_error: Option<String>,
}

/// The WHOOP side of the vault.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WhoopStatus {
    /// Connection state.
    pub state: ConnectionState,
    /// Whether app credentials are stored (they are never shown).
    pub credentials: &'static str,
    /// The registered redirect URI, if set up.
    pub redirect_uri: Option<String>,
    /// The redirect URI to register in the WHOOP app: the stored one, or the default.
    pub redirect_to_register: String,
    /// The scopes to tick in the WHOOP app, space-separated.
    pub scopes: &'static str,
    /// Per-collection state.
    pub collections: Vec<CollectionStatus>,
    /// What the user should do next, if anything.
    pub next_step: Option<String>,
    /// The other device of this vault's sync family that holds the WHOOP connection: its
    /// WHOOP data reaches this one through sync (docs/sync.md, "WHOOP").
    pub connected_on: Option<String>,
}

fn ms_text(ms: Option<i64>) -> Option<String> {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .map(|t| t.to_rfc3339())
}

/// The WHOOP status of an open vault.
pub fn status(vault: &Vault) -> Result<WhoopStatus, WhoopError> {
    let conn = vault.conn();
    let state = account::state(conn)?;
    let mut collections = Vec::new();
    for collection in Collection::ALL {
        collections.push(collection_status(conn, collection)?);
    }
    let connected_on = crate::sync::whoop_elsewhere(conn)?;
    let elsewhere = connected_on
        .as_ref()
        .map(|device| format!("WHOOP is connected on {device}; its WHOOP data arrives here through sync"));
    let next_step = match state {
        _ if elsewhere.is_some() => None,
        ConnectionState::NotSetUp => Some(
            "register an app at WHOOP with the redirect URI http://127.0.0.1:47235/callback, \
             then run `ironkeep whoop setup --client-id ID` (the secret is read from standard input)",
        ),
        ConnectionState::NotConnected => Some("run `ironkeep whoop connect` to sign in to WHOOP"),
        ConnectionState::NeedsSignIn => Some("WHOOP needs a new sign-in: run `ironkeep whoop connect`"),
        ConnectionState::Connected if collections.iter().any(|c| c.last_error.is_some()) => {
            Some("the last sync stopped early: run `ironkeep whoop sync` to resume")
        }
        ConnectionState::Connected if collections.iter().all(|c| c.last_sync_at.is_none()) => {
            Some("run `ironkeep whoop sync` to fetch your WHOOP data")
        }
        ConnectionState::Connected => None,
    };
    Ok(WhoopStatus {
        state,
        credentials: if state == ConnectionState::NotSetUp {
            "not configured"
        } else {
            "configured"
        },
        redirect_to_register: account::redirect_uri(conn)?
            .unwrap_or_else(|| account::DEFAULT_REDIRECT_URI.to_owned()),
        redirect_uri: account::redirect_uri(conn)?,
        scopes: super::base::SCOPES,
        collections,
        next_step: elsewhere.or(next_step.map(str::to_owned)),
        connected_on,
    })
}

/// `covered_from_ms, covered_to_ms, last_sync_at, last_error`.
type SyncRow = (Option<i64>, Option<i64>, Option<String>, Option<String>);

fn collection_status(conn: &Connection, collection: Collection) -> Result<CollectionStatus, WhoopError> {
    let row: Option<SyncRow> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT covered_from_ms, covered_to_ms, last_sync_at, last_error
             FROM whoop_sync_state WHERE collection = ?1",
        [collection.name()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    ))?;
    let (from, to, last, error) = row.unwrap_or_default();
    Ok(CollectionStatus {
        collection,
        count: u32::try_from(store::count(conn, collection)?).unwrap_or(u32::MAX),
        last_sync_at: last,
        covered_from: ms_text(from),
        covered_to: ms_text(to),
        last_error: error,
    })
}

/// Every record of a collection as WHOOP last sent it, oldest first (for export).
pub fn raw_records(
    conn: &rusqlite::Connection,
    collection: Collection,
) -> rusqlite::Result<Vec<Box<RawValue>>> {
    let order = if collection.is_timed() { "start_ms" } else { "1" };
    let mut stmt = conn.prepare(&format!(
        "SELECT raw FROM {} ORDER BY {order}",
        collection.table()
    ))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.map(|raw| {
        RawValue::from_string(raw?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .collect()
}
