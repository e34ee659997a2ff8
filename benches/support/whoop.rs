//! For the benchmarks that sync (each includes it with `#[path]`, beside its `mod fake`): the fake WHOOP (the integration tests' server, `crate::fake`)
//! started and connected to a vault the way a user connects it: app credentials, the
//! browser's redirect, the code exchange.

use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use ironkeep::vault::{DataDir, Unlock, Vault};
use ironkeep::whoop::{self, ClientCredentials, RedirectUri, SyncOptions, SyncReport, WhoopBase};
use secrecy::SecretString;

use crate::fake::{self, CLIENT_ID, CLIENT_SECRET, Fake, History};

/// Starts the fake serving `history` and connects `vault` to it; with `quota`, the fake
/// then allows that many requests a second. Requests made while connecting are cleared.
pub fn connected(
    vault: &Vault,
    history: History,
    quota: Option<u32>,
    now: DateTime<Utc>,
) -> (Fake, WhoopBase) {
    let redirect = "http://127.0.0.1:47299/callback";
    let fake = Fake::start(history, redirect);
    let base = WhoopBase::parse(&fake.base).unwrap();
    whoop::setup(
        vault,
        &ClientCredentials {
            client_id: CLIENT_ID.into(),
            client_secret: SecretString::from(CLIENT_SECRET),
            redirect_uri: RedirectUri::parse(redirect).unwrap(),
        },
        now,
    )
    .unwrap();
    let sign_in = whoop::begin_sign_in(vault, &base).unwrap();
    let (_, location, _) = fake::http_get(sign_in.authorization_url().as_str()).unwrap();
    let code = whoop::code_from_pasted_url(&sign_in, &location.unwrap()).unwrap();
    whoop::complete_sign_in(vault, &base, &sign_in, &code, &whoop::RetryPolicy::default(), now).unwrap();
    if let Some(quota) = quota {
        fake.with(|s| {
            s.rate_limit = quota;
            s.rate_window = std::time::Duration::from_secs(1);
        });
    }
    fake.take_requests();
    (fake, base)
}

/// A new keychain vault at `dir`, opened again the way the next launch opens it.
#[allow(dead_code)] // not every benchmark that syncs makes its own vault
pub fn keychain_vault(dir: &DataDir, now: DateTime<Utc>) -> Vault {
    let (vault, _kit) =
        Vault::create(dir, None, now).expect("create a keychain vault (is a keychain running?)");
    drop(vault);
    Vault::open(dir, Unlock::Keychain, now).unwrap()
}

/// Connects `vault` to a fake serving `history` and backfills all of it as users sync; the
/// fake serves until it is dropped.
#[allow(dead_code)] // only the benchmarks that need WHOOP data in the vault
pub fn backfilled(vault: &Vault, history: History, now: DateTime<Utc>) -> (Fake, SyncReport) {
    let (fake, base) = connected(vault, history, None, now);
    let report = whoop::sync(
        vault,
        &base,
        now,
        &SyncOptions::new(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("the WHOOP backfill");
    (fake, report)
}
