//! WHOOP: sign-in (loopback redirect, `state`, PKCE), rotating tokens kept only in the
//! vault, and a resumable sync of every v2 collection into local tables.
//!
//! Everything here is synchronous over the vault's connection and takes `now` from the
//! caller. All WHOOP URLs derive from one validated [`WhoopBase`]; secrets stay in
//! `secrecy` types and never reach a log, an error or an output; every byte WHOOP sends
//! is parsed as untrusted input ([`models::parse_any`] is the fuzzing entry point).

pub mod account;
pub mod auto;
mod base;
mod browser;
mod connect;
mod error;
pub mod http;
pub mod listener;
pub mod models;
pub mod oauth;
pub mod series;
mod status;
pub mod store;
pub mod sync;
mod tokens;
mod window;

pub use account::{ClientCredentials, ConnectionState, DEFAULT_REDIRECT_URI, RedirectUri};
pub use auto::AutoSync;
pub use base::{BASE_URL_ENV, PRODUCTION, SCOPES, WhoopBase};
pub use browser::{BrowserHandoff, open_in_browser};
pub use connect::{
    Disconnected, begin_sign_in, check_credentials, code_from_pasted_url, complete_sign_in, disconnect,
    redirect_uri, setup,
};
pub use error::WhoopError;
pub use http::{RetryPolicy, USER_AGENT};
pub use listener::LoopbackListener;
pub use models::{Collection, parse_any};
pub use oauth::{CredentialCheck, SignIn};
pub use series::{LatestDay, WhoopSeries, cycle_day, latest_day, series};
pub use status::{CollectionStatus, WhoopStatus, raw_records, status};
pub use sync::{CollectionReport, Progress, SyncOptions, SyncReport, sync};
pub use tokens::LOCK_FILE;
