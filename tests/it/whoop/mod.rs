//! WHOOP: sign-in, token rotation, sync and its faults, against the fake WHOOP server.

mod auto;
mod beside;
mod browser;
mod e2e;
pub mod fake;
mod faults;
mod insights;
mod listener_limits;
mod matching;
mod openapi;
mod report;
mod security;
mod series;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ironkeep::vault::Vault;
use ironkeep::whoop::{
    self, ClientCredentials, Collection, RedirectUri, RetryPolicy, SyncOptions, WhoopBase,
};
use rusqlite::Connection;
use secrecy::SecretString;
use serde_json::Value;

use crate::harness::{Sandbox, now};
use fake::{CLIENT_ID, CLIENT_SECRET, Fake, History};

/// A retry policy with millisecond backoffs, so fault tests run fast.
pub fn tiny_policy() -> RetryPolicy {
    RetryPolicy {
        max_retries: 4,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_rate_wait: Duration::from_millis(20),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_millis(800),
    }
}

pub fn tiny_options() -> SyncOptions {
    SyncOptions {
        policy: tiny_policy(),
        ..SyncOptions::new()
    }
}

/// A free loopback port for a redirect URI (bound and released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A vault, a fake WHOOP holding `history`, and credentials set up (not yet connected).
pub struct World {
    pub sandbox: Sandbox,
    pub fake: Fake,
    pub redirect: String,
}

impl World {
    pub fn new(history: History) -> World {
        let sandbox = Sandbox::new();
        sandbox.init();
        let redirect = format!("http://127.0.0.1:{}/callback", free_port());
        let fake = Fake::start(history, &redirect);
        let world = World {
            sandbox,
            fake,
            redirect,
        };
        let vault = world.vault();
        whoop::setup(
            &vault,
            &ClientCredentials {
                client_id: CLIENT_ID.into(),
                client_secret: SecretString::from(CLIENT_SECRET),
                redirect_uri: RedirectUri::parse(&world.redirect).unwrap(),
            },
            now(),
        )
        .expect("setup stores the credentials");
        world
    }

    pub fn base(&self) -> WhoopBase {
        WhoopBase::parse(&self.fake.base).unwrap()
    }

    pub fn vault(&self) -> Vault {
        Vault::open(&self.sandbox.dir(), ironkeep::Unlock::Keychain, now()).expect("vault opens")
    }

    /// Signs in through the library: authorize at the fake, take the redirect's code.
    pub fn connect(&self, vault: &Vault) {
        let sign_in = whoop::begin_sign_in(vault, &self.base()).unwrap();
        let (status, location, _) = fake::http_get(sign_in.authorization_url().as_str()).unwrap();
        assert_eq!(status, 302, "the fake's authorize endpoint redirects");
        let code = whoop::code_from_pasted_url(&sign_in, &location.unwrap()).expect("callback accepted");
        whoop::complete_sign_in(vault, &self.base(), &sign_in, &code, &tiny_policy(), now())
            .expect("code exchanged");
    }

    pub fn sync(&self, vault: &Vault, at: DateTime<Utc>) -> Result<whoop::SyncReport, whoop::WhoopError> {
        whoop::sync(
            vault,
            &self.base(),
            at,
            &tiny_options(),
            &AtomicBool::new(false),
            &mut |_| {},
        )
    }
}

/// Asserts the vault holds exactly the fake's records, raw JSON equal value for value.
pub fn assert_matches_truth(conn: &Connection, truth: &History) {
    for (collection, records, id_key) in [
        (Collection::Cycles, &truth.cycles, "id"),
        (Collection::Recoveries, &truth.recoveries, "cycle_id"),
        (Collection::Sleeps, &truth.sleeps, "id"),
        (Collection::Workouts, &truth.workouts, "id"),
    ] {
        let table = collection.table();
        let column = if id_key == "cycle_id" { "cycle_id" } else { "id" };
        let stored: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            stored as usize,
            records.len(),
            "{table}: every record once, no duplicates, none missing"
        );
        for record in records {
            let id = &record[id_key];
            let raw: String = match id {
                Value::Number(n) => conn.query_row(
                    &format!("SELECT raw FROM {table} WHERE {column} = ?1"),
                    [n.as_i64().unwrap()],
                    |r| r.get(0),
                ),
                other => conn.query_row(
                    &format!("SELECT raw FROM {table} WHERE {column} = ?1"),
                    [other.as_str().unwrap()],
                    |r| r.get(0),
                ),
            }
            .unwrap_or_else(|e| panic!("{table} lacks record {id}: {e}"));
            let parsed: Value = serde_json::from_str(&raw).unwrap();
            assert_eq!(
                &parsed, record,
                "{table} record {id} differs from what WHOOP sent"
            );
        }
    }
    let profile: String = conn
        .query_row("SELECT raw FROM whoop_profile", [], |r| r.get(0))
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&profile).unwrap(), truth.profile);
    let body: String = conn
        .query_row("SELECT raw FROM whoop_body", [], |r| r.get(0))
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), truth.body);
}
