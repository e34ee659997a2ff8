//! Access tokens on demand, with refreshes serialized across threads and processes.
//!
//! WHOOP's refresh tokens are single-use and rotate: two refreshes racing with the same
//! token would leave one of them holding a dead token. So a refresh takes an exclusive
//! lock on `whoop.lock` in the data directory, re-reads the tokens (someone may just have
//! refreshed), and commits the new pair in a `BEGIN IMMEDIATE` transaction before anyone
//! uses it. `invalid_grant` marks the connection as needing sign-in; the data stays.

use std::fs::File;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};
use secrecy::{ExposeSecret, SecretString};

use super::WhoopError;
use super::account::{self, ConnectionState};
use super::http::Transport;
use super::oauth::{self, TokenAnswer};
use crate::vault::audit::{self, AuditEvent};
use crate::vault::{Vault, VaultError, files};

/// The lock file that serializes token refreshes.
pub const LOCK_FILE: &str = "whoop.lock";

/// Hands out a usable access token, refreshing when needed.
#[derive(Debug)]
pub(crate) struct Auth {
    now: DateTime<Utc>,
    started: std::time::Instant,
    current: Option<SecretString>,
    usable_until: Option<DateTime<Utc>>,
}

impl Auth {
    /// `now` is the caller's clock; it advances with monotonic time during long syncs.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            now,
            started: std::time::Instant::now(),
            current: None,
            usable_until: None,
        }
    }

    /// The caller's `now` plus the time elapsed since.
    pub fn now(&self) -> DateTime<Utc> {
        self.now + chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default()
    }

    /// A usable access token: the stored one while it is fresh, else a refreshed one.
    pub fn token(
        &mut self,
        vault: &Vault,
        transport: &mut Transport,
        cancel: &AtomicBool,
    ) -> Result<SecretString, WhoopError> {
        let now = self.now();
        if let (Some(token), Some(until)) = (&self.current, self.usable_until)
            && until > now
        {
            return Ok(token.clone());
        }
        let stored = account::tokens(vault.conn())?.ok_or_else(|| not_connected(vault.conn()))?;
        if stored.usable_until > now {
            self.usable_until = Some(stored.usable_until);
            self.current = Some(stored.access.clone());
            return Ok(stored.access);
        }
        self.refresh(vault, transport, None, cancel)
    }

    /// Refreshes after WHOOP refused `stale` (a 401): unless someone already replaced it.
    pub fn refresh_after_401(
        &mut self,
        vault: &Vault,
        transport: &mut Transport,
        stale: &SecretString,
        cancel: &AtomicBool,
    ) -> Result<SecretString, WhoopError> {
        self.current = None;
        self.refresh(vault, transport, Some(stale), cancel)
    }

    fn refresh(
        &mut self,
        vault: &Vault,
        transport: &mut Transport,
        stale: Option<&SecretString>,
        cancel: &AtomicBool,
    ) -> Result<SecretString, WhoopError> {
        let _lock = RefreshLock::acquire(vault)?;
        let now = self.now();
        let stored = account::tokens(vault.conn())?.ok_or_else(|| not_connected(vault.conn()))?;
        let replaced = stale.is_some_and(|s| s.expose_secret() != stored.access.expose_secret());
        if (stale.is_none() || replaced) && stored.usable_until > now {
            // Another thread or process refreshed while we waited for the lock.
            self.usable_until = Some(stored.usable_until);
            self.current = Some(stored.access.clone());
            return Ok(stored.access);
        }
        let Some(refresh_token) = stored.refresh else {
            mark_needs_sign_in(vault.conn(), now)?;
            return Err(WhoopError::NeedsSignIn);
        };
        let creds = account::credentials(vault.conn())?;
        match oauth::refresh(transport, &creds, &refresh_token, cancel)? {
            TokenAnswer::Granted(grant) => {
                let _turn = vault.writer_turn();
                let tx = rusqlite::Transaction::new_unchecked(vault.conn(), TransactionBehavior::Immediate)?;
                account::store_tokens(&tx, &grant, now)?;
                tx.commit()?;
                tracing::info!("WHOOP access token refreshed");
                self.usable_until = Some(grant.usable_until(now));
                self.current = Some(grant.access.clone());
                Ok(grant.access)
            }
            TokenAnswer::InvalidGrant => {
                mark_needs_sign_in(vault.conn(), now)?;
                Err(WhoopError::NeedsSignIn)
            }
            // The app's secret was changed or the app deleted at WHOOP: new credentials are needed.
            TokenAnswer::InvalidClient => Err(WhoopError::WrongCredentials),
            TokenAnswer::Refused(why) => Err(WhoopError::Unavailable {
                collection: "token refresh".into(),
                reason: why,
            }),
        }
    }
}

fn not_connected(conn: &Connection) -> WhoopError {
    match account::state(conn) {
        Ok(ConnectionState::NotSetUp) => WhoopError::NotSetUp,
        Ok(ConnectionState::NeedsSignIn) => WhoopError::NeedsSignIn,
        _ => WhoopError::NotConnected,
    }
}

fn mark_needs_sign_in(conn: &Connection, now: DateTime<Utc>) -> Result<(), WhoopError> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    account::clear_tokens(&tx, ConnectionState::NeedsSignIn, now)?;
    audit::record(&tx, now, &AuditEvent::WhoopSignInLost)?;
    tx.commit()?;
    tracing::warn!("WHOOP refused the refresh token; a new sign-in is needed");
    Ok(())
}

/// An exclusive lock on `whoop.lock`; blocks until held, released on drop.
struct RefreshLock {
    _file: File,
}

impl RefreshLock {
    fn acquire(vault: &Vault) -> Result<Self, WhoopError> {
        let path = vault.dir().path().join(LOCK_FILE);
        let file = files::append_private(&path).map_err(|e| VaultError::io("open", &path, e))?;
        file.lock().map_err(|e| VaultError::io("lock", &path, e))?;
        Ok(Self { _file: file })
    }
}

/// Revokes access at WHOOP (`DELETE /developer/v2/user/access`) and forgets the tokens.
/// A 401 means WHOOP already considers the tokens dead: they are forgotten all the same.
pub(crate) fn revoke(
    vault: &Vault,
    transport: &mut Transport,
    now: DateTime<Utc>,
    cancel: &AtomicBool,
) -> Result<bool, WhoopError> {
    let mut auth = Auth::new(now);
    let token = match auth.token(vault, transport, cancel) {
        Ok(token) => Some(token),
        Err(WhoopError::NeedsSignIn | WhoopError::NotConnected) => None,
        Err(other) => return Err(other),
    };
    let mut revoked = false;
    if let Some(token) = token {
        let url = transport.base().api("/v2/user/access");
        let mut retry = 0;
        loop {
            let request = transport
                .client()
                .delete(url.clone())
                .bearer_auth(token.expose_secret());
            match transport.attempt(request, cancel)? {
                super::http::Attempt::Retry(reason, wait, _) => {
                    retry += 1;
                    transport.backoff(retry, wait, &reason, "disconnect", cancel)?;
                }
                super::http::Attempt::Done(response) => {
                    let status = response.status();
                    if status.is_success() {
                        revoked = true;
                    } else if status.as_u16() != 401 {
                        return Err(WhoopError::Unavailable {
                            collection: "disconnect".into(),
                            reason: format!("HTTP {}", status.as_u16()),
                        });
                    }
                    break;
                }
            }
        }
    }
    let tx = rusqlite::Transaction::new_unchecked(vault.conn(), TransactionBehavior::Immediate)?;
    account::clear_tokens(&tx, ConnectionState::NotConnected, now)?;
    tx.commit()?;
    Ok(revoked)
}
