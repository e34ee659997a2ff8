//! `WhoopError`: everything that can stop a WHOOP sign-in, sync or disconnect.
//!
//! Messages are sentences a user can act on. None carries a token, the client secret, an
//! authorization code or a health value: the variants hold only public facts (a status
//! code, a collection name, a count), and WHOOP's response bodies are never echoed.
//! [`WhoopError::code`] is a stable code for callers that branch (`--json`, the desktop).

use crate::vault::VaultError;

/// Why a WHOOP operation failed. Data already fetched stays in the vault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WhoopError {
    /// `IRONKEEP_WHOOP_BASE_URL` (or a given base URL) is not an allowed WHOOP base.
    #[error(
        "the WHOOP base URL must be https://api.prod.whoop.com or a loopback address \
         (127.0.0.1, ::1, localhost) with no path; {0}"
    )]
    BadBaseUrl(String),
    /// A value given by the user is out of bounds or malformed.
    #[error("{0}")]
    Invalid(String),
    /// Another device of this vault's sync family holds the WHOOP connection.
    #[error(
        "WHOOP is connected on {0}, another device of this sync family; its WHOOP data reaches \
         this one through sync (to move the connection, disconnect WHOOP there first)"
    )]
    ConnectedElsewhere(String),
    /// `whoop setup` has not been run.
    #[error("WHOOP is not set up; run `ironkeep whoop setup --client-id ID` first")]
    NotSetUp,
    /// No tokens: the user has not connected, or disconnected.
    #[error("WHOOP is not connected; run `ironkeep whoop connect`")]
    NotConnected,
    /// WHOOP refused the refresh token (revoked, or already used): a new sign-in is needed.
    #[error(
        "WHOOP needs you to sign in again (access was revoked or expired); your WHOOP data is \
         kept — run `ironkeep whoop connect`"
    )]
    NeedsSignIn,
    /// The sign-in was refused or failed at WHOOP.
    #[error("the WHOOP sign-in did not complete: {0}")]
    SignIn(String),
    /// The loopback listener could not start.
    #[error("could not listen for the WHOOP sign-in on {addr}: {reason}")]
    Listener {
        /// The address.
        addr: String,
        /// Why, from the OS.
        reason: String,
    },
    /// Nobody completed the sign-in in time.
    #[error("the WHOOP sign-in timed out; run `ironkeep whoop connect` again")]
    SignInTimedOut,
    /// WHOOP could not be reached, or kept failing, after the allowed retries.
    #[error(
        "WHOOP could not be reached or kept failing while syncing {collection} ({reason}); \
         what was fetched is kept — run `ironkeep whoop sync` again to resume"
    )]
    Unavailable {
        /// The collection (or "sign-in", "disconnect").
        collection: String,
        /// A public reason: a status code or "timed out".
        reason: String,
    },
    /// WHOOP answered with something that is not what its API documents.
    #[error(
        "WHOOP sent an unexpected response for {collection} ({reason}); what was fetched is \
         kept — run `ironkeep whoop sync` again to resume"
    )]
    BadResponse {
        /// The collection.
        collection: String,
        /// What was wrong (never the body itself).
        reason: String,
    },
    /// The caller cancelled the sync.
    #[error("the WHOOP sync was cancelled; what was fetched is kept — run it again to resume")]
    Cancelled,
    /// The HTTP client could not be built.
    #[error("could not prepare the HTTPS client: {0}")]
    Client(String),
    /// Another local problem (lock file, vault).
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// WHOOP does not know this client id and secret.
    #[error(
        "WHOOP did not accept this client ID and secret; copy both again from your app at developer.whoop.com"
    )]
    WrongCredentials,
    /// Matching the synced workouts to sessions failed.
    #[error(transparent)]
    Matching(#[from] crate::matching::MatchError),
}

impl WhoopError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            WhoopError::BadBaseUrl(_) => "whoop_bad_base_url",
            WhoopError::Invalid(_) => "whoop_invalid",
            WhoopError::NotSetUp => "whoop_not_set_up",
            WhoopError::ConnectedElsewhere(_) => "whoop_connected_elsewhere",
            WhoopError::NotConnected => "whoop_not_connected",
            WhoopError::NeedsSignIn => "whoop_needs_sign_in",
            WhoopError::SignIn(_) => "whoop_sign_in_failed",
            WhoopError::Listener { .. } => "whoop_listener",
            WhoopError::SignInTimedOut => "whoop_sign_in_timed_out",
            WhoopError::Unavailable { .. } => "whoop_unavailable",
            WhoopError::BadResponse { .. } => "whoop_bad_response",
            WhoopError::Cancelled => "whoop_cancelled",
            WhoopError::Client(_) => "whoop_client",
            WhoopError::Vault(err) => err.code(),
            WhoopError::Matching(err) => err.code(),
            WhoopError::WrongCredentials => "whoop_wrong_credentials",
        }
    }

    /// Whether running the sync again may finish the job (nothing the user must fix first).
    pub fn is_resumable(&self) -> bool {
        matches!(
            self,
            WhoopError::Unavailable { .. } | WhoopError::BadResponse { .. } | WhoopError::Cancelled
        )
    }
}

impl From<rusqlite::Error> for WhoopError {
    fn from(err: rusqlite::Error) -> Self {
        WhoopError::Vault(VaultError::from(err))
    }
}
