//! For the benchmarks that sync (each includes it with `#[path]`, beside its `mod fake`): the fake WHOOP (the integration tests' server, `crate::fake`)
//! started and connected to a vault the way a user connects it: app credentials, the
//! browser's redirect, the code exchange.

use chrono::{DateTime, Utc};
use ironkeep::vault::Vault;
use ironkeep::whoop::{self, ClientCredentials, RedirectUri, WhoopBase};
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
