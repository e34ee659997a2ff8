//! Setting up, connecting and disconnecting a WHOOP account: the steps a user takes, each
//! one call into the core, each leaving an audit event.
//!
//! `setup` stores the user's own app credentials; `begin_sign_in` + a callback (from the
//! loopback listener or a pasted URL) + `complete_sign_in` store the first token pair;
//! `disconnect` revokes access at WHOOP and wipes the tokens, optionally the data too.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;
use secrecy::SecretString;
use serde::Serialize;

use super::account::{self, ClientCredentials};
use super::http::{RetryPolicy, Transport};
use super::oauth::{Callback, CredentialCheck, SignIn};
use super::{WhoopBase, WhoopError, store, tokens};
use crate::vault::Vault;
use crate::vault::audit::{self, AuditEvent};

/// Stores the user's WHOOP app credentials (replacing earlier ones).
pub fn setup(vault: &Vault, creds: &ClientCredentials, now: DateTime<Utc>) -> Result<(), WhoopError> {
    let tx = rusqlite::Transaction::new_unchecked(vault.conn(), TransactionBehavior::Immediate)?;
    account::save_credentials(&tx, creds, now)?;
    audit::record(&tx, now, &AuditEvent::WhoopSetUp)?;
    tx.commit()?;
    tracing::info!("WHOOP app credentials stored");
    Ok(())
}

/// Checks app credentials at WHOOP's token endpoint before they are stored and anyone is
/// sent to sign in (see [`super::oauth::CredentialCheck`]): a wrong id or secret is
/// [`WhoopError::WrongCredentials`] now rather than a failed redirect later.
pub fn check_credentials(
    creds: &ClientCredentials,
    base: &WhoopBase,
    policy: &RetryPolicy,
) -> Result<CredentialCheck, WhoopError> {
    let mut transport = Transport::new(base.clone(), policy.clone())?;
    super::oauth::check_credentials(&mut transport, creds, &AtomicBool::new(false))
}

/// The stored redirect URI, validated (for binding the listener).
pub fn redirect_uri(vault: &Vault) -> Result<account::RedirectUri, WhoopError> {
    Ok(account::credentials(vault.conn())?.redirect_uri)
}

/// Starts a sign-in: a fresh state and PKCE pair, and the authorization URL.
pub fn begin_sign_in(vault: &Vault, base: &WhoopBase) -> Result<SignIn, WhoopError> {
    refuse_if_held_elsewhere(vault.conn())?;
    let creds = account::credentials(vault.conn())?;
    SignIn::begin(base.authorize(), &creds)
}

/// Checks a redirected URL pasted by the user (same checks as the listener) and returns
/// the code it carries.
pub fn code_from_pasted_url(sign_in: &SignIn, pasted: &str) -> Result<SecretString, WhoopError> {
    if pasted.len() > 8192 {
        return Err(WhoopError::SignIn("the pasted URL is too long".into()));
    }
    match sign_in.check(pasted.trim()) {
        Callback::Accepted(code) => Ok(code),
        Callback::Refused(why) => Err(WhoopError::SignIn(why.into())),
    }
}

/// Exchanges the code for tokens and stores them; the account is then connected.
pub fn complete_sign_in(
    vault: &Vault,
    base: &WhoopBase,
    sign_in: &SignIn,
    code: &SecretString,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    refuse_if_held_elsewhere(vault.conn())?;
    let creds = account::credentials(vault.conn())?;
    let mut transport = Transport::new(base.clone(), policy.clone())?;
    let grant = sign_in.exchange(&mut transport, &creds, code, &AtomicBool::new(false))?;
    let tx = rusqlite::Transaction::new_unchecked(vault.conn(), TransactionBehavior::Immediate)?;
    account::store_tokens(&tx, &grant, now)?;
    crate::sync::hold_whoop(&tx, true)?;
    audit::record(&tx, now, &AuditEvent::WhoopConnected)?;
    tx.commit()?;
    tracing::info!("WHOOP connected");
    Ok(())
}

/// Only one device of a sync family connects to WHOOP (docs/sync.md, "WHOOP").
fn refuse_if_held_elsewhere(conn: &rusqlite::Connection) -> Result<(), WhoopError> {
    match crate::sync::whoop_elsewhere(conn)? {
        Some(device) => Err(WhoopError::ConnectedElsewhere(device)),
        None => Ok(()),
    }
}

/// What `disconnect` did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Disconnected {
    /// WHOOP confirmed the revocation (false: the tokens were already dead or absent).
    pub revoked: bool,
    /// The WHOOP data was deleted too.
    pub forgot_data: bool,
}

/// Revokes access at WHOOP and wipes the tokens; with `forget_data`, deletes every WHOOP
/// record and the sync state as well (the app credentials stay).
pub fn disconnect(
    vault: &Vault,
    base: &WhoopBase,
    policy: &RetryPolicy,
    forget_data: bool,
    now: DateTime<Utc>,
) -> Result<Disconnected, WhoopError> {
    if account::state(vault.conn())? == account::ConnectionState::NotSetUp {
        return Err(WhoopError::NotSetUp);
    }
    let mut transport = Transport::new(base.clone(), policy.clone())?;
    let revoked = tokens::revoke(vault, &mut transport, now, &AtomicBool::new(false))?;
    let tx = rusqlite::Transaction::new_unchecked(vault.conn(), TransactionBehavior::Immediate)?;
    if forget_data {
        store::forget_all(&tx)?;
    }
    crate::sync::hold_whoop(&tx, false)?;
    audit::record(
        &tx,
        now,
        &AuditEvent::WhoopDisconnected {
            revoked,
            forgot_data: forget_data,
        },
    )?;
    tx.commit()?;
    tracing::info!(revoked, forget_data, "WHOOP disconnected");
    Ok(Disconnected {
        revoked,
        forgot_data: forget_data,
    })
}
