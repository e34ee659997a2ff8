//! The WHOOP account row: the user's own app credentials, the OAuth tokens and the
//! connection state, all inside the encrypted vault.
//!
//! This is the only module that reads or writes those secrets. They come out of the
//! database straight into `secrecy` types; the client secret is never returned to a
//! caller outside the core (status says only that it is configured).

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use url::{Host, Url};

use super::WhoopError;

/// The redirect URI users register at WHOOP unless they choose another.
pub const DEFAULT_REDIRECT_URI: &str = "http://127.0.0.1:47235/callback";

/// Where WHOOP sends the browser after sign-in: a loopback `http` address (served by the
/// one-shot listener) or an `https` page (the user pastes the redirected URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectUri(Url);

impl RedirectUri {
    /// Validates a redirect URI: `http` only to a loopback IP or `localhost` (the code never
    /// leaves the machine), otherwise `https`; no credentials or fragment; at most 500 bytes.
    pub fn parse(text: &str) -> Result<Self, WhoopError> {
        let bad = |why: &str| WhoopError::Invalid(format!("the redirect URI {why}"));
        if text.is_empty() || text.len() > 500 {
            return Err(bad("must be 1 to 500 characters"));
        }
        let url = Url::parse(text).map_err(|_| bad("is not a URL"))?;
        if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
            return Err(bad("must not carry credentials or a fragment"));
        }
        match url.scheme() {
            "https" if url.host().is_some() => Ok(Self(url)),
            "http" if is_loopback(&url) => Ok(Self(url)),
            "http" => Err(bad(
                "may use plain http only for a loopback address (127.0.0.1, ::1, localhost)",
            )),
            _ => Err(bad("must use https, or http to a loopback address")),
        }
    }

    /// Whether the one-shot loopback listener can receive this redirect.
    pub fn is_loopback(&self) -> bool {
        self.0.scheme() == "http" && is_loopback(&self.0)
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.0
    }

    /// The URI exactly as registered.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// The user's WHOOP app credentials.
#[derive(Debug)]
pub struct ClientCredentials {
    /// The app's client id (public, but shown only as "configured").
    pub client_id: String,
    /// The app's client secret.
    pub client_secret: SecretString,
    /// The registered redirect URI.
    pub redirect_uri: RedirectUri,
}

/// Whether Ironkeep can talk to WHOOP for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ConnectionState {
    /// `whoop setup` has not been run.
    NotSetUp,
    /// Credentials are stored but no sign-in happened (or the user disconnected).
    NotConnected,
    /// Tokens are stored.
    Connected,
    /// WHOOP refused the refresh token; the data stays, a new sign-in is needed.
    NeedsSignIn,
}

/// The stored tokens.
#[derive(Debug)]
pub(crate) struct StoredTokens {
    pub access: SecretString,
    pub refresh: Option<SecretString>,
    /// When the access token stops being usable (already less a safety margin).
    pub usable_until: DateTime<Utc>,
}

/// A token endpoint's answer, parsed.
#[derive(Debug)]
pub(crate) struct TokenGrant {
    pub access: SecretString,
    pub refresh: Option<SecretString>,
    pub expires_in: i64,
    pub scope: Option<String>,
}

impl TokenGrant {
    /// When to stop using the access token: its lifetime less a margin (half the lifetime
    /// for very short ones, 60 seconds otherwise).
    pub fn usable_until(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let life = self.expires_in.clamp(0, 366 * 24 * 3600);
        now + Duration::seconds(life - (life / 2).min(60))
    }
}

/// Stores (or replaces) the app credentials. Changing the client id forgets the tokens.
pub fn save_credentials(
    conn: &Connection,
    creds: &ClientCredentials,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    let id = creds.client_id.trim();
    if id.is_empty() || id.len() > 200 || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(WhoopError::Invalid(
            "the client id must be 1 to 200 characters without spaces".into(),
        ));
    }
    let secret = creds.client_secret.expose_secret();
    if secret.is_empty() || secret.len() > 500 || secret.chars().any(char::is_control) {
        return Err(WhoopError::Invalid(
            "the client secret must be 1 to 500 characters on one line".into(),
        ));
    }
    let previous: Option<String> = conn
        .query_row("SELECT client_id FROM whoop_account WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    conn.execute(
        "INSERT INTO whoop_account (id, client_id, client_secret, redirect_uri, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id,
             client_secret = excluded.client_secret, redirect_uri = excluded.redirect_uri,
             updated_at = excluded.updated_at",
        (id, secret, creds.redirect_uri.as_str(), now.to_rfc3339()),
    )?;
    if previous.is_some_and(|old| old != id) {
        clear_tokens(conn, ConnectionState::NotConnected, now)?;
    }
    Ok(())
}

/// The stored app credentials.
pub(crate) fn credentials(conn: &Connection) -> Result<ClientCredentials, WhoopError> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT client_id, client_secret, redirect_uri FROM whoop_account WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (client_id, secret, redirect) = row.ok_or(WhoopError::NotSetUp)?;
    Ok(ClientCredentials {
        client_id,
        client_secret: SecretString::from(secret),
        redirect_uri: RedirectUri::parse(&redirect)?,
    })
}

/// The stored redirect URI, if set up.
pub fn redirect_uri(conn: &Connection) -> Result<Option<String>, WhoopError> {
    Ok(conn
        .query_row("SELECT redirect_uri FROM whoop_account WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The connection state.
pub fn state(conn: &Connection) -> Result<ConnectionState, WhoopError> {
    let state: Option<String> = conn
        .query_row("SELECT state FROM whoop_account WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    Ok(match state.as_deref() {
        None => ConnectionState::NotSetUp,
        Some("connected") => ConnectionState::Connected,
        Some("needs_sign_in") => ConnectionState::NeedsSignIn,
        Some(_) => ConnectionState::NotConnected,
    })
}

/// The stored tokens, if connected.
pub(crate) fn tokens(conn: &Connection) -> Result<Option<StoredTokens>, WhoopError> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT access_token, refresh_token, access_expires_at FROM whoop_account WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((Some(access), refresh, Some(until))) = row else {
        return Ok(None);
    };
    let usable_until = DateTime::parse_from_rfc3339(&until)
        .map_err(|_| WhoopError::Invalid("the stored token expiry is not a time".into()))?
        .with_timezone(&Utc);
    Ok(Some(StoredTokens {
        access: SecretString::from(access),
        refresh: refresh.map(SecretString::from),
        usable_until,
    }))
}

/// Stores a new token pair and marks the account connected.
pub(crate) fn store_tokens(
    conn: &Connection,
    grant: &TokenGrant,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    let changed = conn.execute(
        "UPDATE whoop_account SET state = 'connected', access_token = ?1, refresh_token = ?2,
             access_expires_at = ?3, scope = COALESCE(?4, scope),
             connected_at = COALESCE(connected_at, ?5), updated_at = ?5
         WHERE id = 1",
        (
            grant.access.expose_secret(),
            grant.refresh.as_ref().map(|r| r.expose_secret()),
            grant.usable_until(now).to_rfc3339(),
            grant.scope.as_deref(),
            now.to_rfc3339(),
        ),
    )?;
    if changed == 0 {
        return Err(WhoopError::NotSetUp);
    }
    Ok(())
}

/// Forgets the tokens and sets the state (`NotConnected` or `NeedsSignIn`).
pub(crate) fn clear_tokens(
    conn: &Connection,
    to: ConnectionState,
    now: DateTime<Utc>,
) -> Result<(), WhoopError> {
    let state = match to {
        ConnectionState::NeedsSignIn => "needs_sign_in",
        _ => "not_connected",
    };
    conn.execute(
        "UPDATE whoop_account SET state = ?1, access_token = NULL, refresh_token = NULL,
             access_expires_at = NULL, connected_at = NULL, updated_at = ?2
         WHERE id = 1",
        (state, now.to_rfc3339()),
    )?;
    Ok(())
}
