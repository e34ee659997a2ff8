//! The fault matrix: every fault ends with complete data or a resumable error that loses
//! nothing; token rotation and expiry; refreshes serialized across threads.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::Duration as Span;
use ironkeep::whoop::{self, ConnectionState, WhoopError};

use super::fake::{Faults, History};
use super::{World, assert_matches_truth, tiny_options};
use crate::harness::now;

fn world(days: u32) -> (World, ironkeep::Vault) {
    let world = World::new(History::generate(days, now(), 4));
    let vault = world.vault();
    world.connect(&vault);
    (world, vault)
}

fn complete_despite(faults: Faults) {
    let (world, vault) = world(45);
    let label = format!("{faults:?}");
    world.fake.with(|s| s.faults = faults);
    world
        .sync(&vault, now())
        .unwrap_or_else(|e| panic!("sync should survive {label}: {e}"));
    assert_matches_truth(vault.conn(), &world.fake.with(|s| s.data.clone()));
}

#[test]
fn a_429_burst_is_waited_out() {
    complete_despite(Faults {
        burst_429: 3,
        ..Faults::default()
    });
}

#[test]
fn server_errors_are_retried() {
    complete_despite(Faults {
        server_errors: 3,
        ..Faults::default()
    });
}

#[test]
fn slow_responses_time_out_and_are_retried() {
    complete_despite(Faults {
        slow: 2,
        slow_for: Duration::from_millis(1200),
        ..Faults::default()
    });
}

#[test]
fn truncated_and_malformed_json_are_retried() {
    complete_despite(Faults {
        truncated: 2,
        malformed: 2,
        ..Faults::default()
    });
}

#[test]
fn token_expiry_mid_sync_refreshes_once_and_finishes() {
    let (world, vault) = world(120);
    world.fake.with(|s| s.faults.expire_tokens_after = Some(5));
    world
        .sync(&vault, now())
        .expect("a 401 mid-sync refreshes and goes on");
    assert_eq!(
        world.fake.with(|s| s.refreshes),
        1,
        "exactly one refresh for one expiry"
    );
    assert_matches_truth(vault.conn(), &world.fake.with(|s| s.data.clone()));
}

#[test]
fn short_lived_access_tokens_are_refreshed_before_use() {
    let world = World::new(History::generate(20, now(), 4));
    world.fake.with(|s| s.access_lifetime = 1);
    let vault = world.vault();
    world.connect(&vault);
    // The stored expiry is in the caller's clock; a sync a minute later must refresh first.
    world
        .sync(&vault, now() + Span::minutes(1))
        .expect("sync refreshes the expired token");
    let (refreshes, reuse) = world.fake.with(|s| (s.refreshes, s.refresh_reuse_attempts));
    assert!(refreshes >= 1, "the expired access token was refreshed");
    assert_eq!(reuse, 0, "no refresh token was ever used twice");
}

#[test]
fn giving_up_is_resumable_and_loses_nothing() {
    let (world, vault) = world(200);
    // WHOOP goes down after the newest page of each timed collection, profile, body and
    // four pages of older cycles.
    world.fake.with(|s| s.faults.down_after = Some(10));
    let err = world
        .sync(&vault, now())
        .expect_err("a server that stays down makes the sync give up");
    assert!(
        matches!(err, WhoopError::Unavailable { .. }),
        "a clear error: {err}"
    );
    assert!(err.is_resumable(), "the error is resumable");
    assert!(
        err.to_string().contains("run `ironkeep whoop sync` again"),
        "it says how to resume: {err}"
    );
    let kept: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
        .unwrap();
    let newest_from = now() - chrono::Duration::days(3);
    let newest = world.fake.with(|s| {
        s.data
            .cycles
            .iter()
            .filter(|c| {
                chrono::DateTime::parse_from_rfc3339(c["start"].as_str().unwrap()).unwrap() >= newest_from
            })
            .count() as i64
    });
    assert!(newest >= 1, "the newest three days hold a cycle");
    assert_eq!(
        kept,
        100 + newest,
        "the newest cycles and the four pages fetched before the failure are kept"
    );
    let status = whoop::status(&vault).unwrap();
    assert!(
        status.next_step.unwrap().contains("resume"),
        "status says to resume"
    );

    world.fake.with(|s| s.faults.down = false);
    world.fake.take_requests();
    world
        .sync(&vault, now() + Span::minutes(2))
        .expect("the resumed sync completes");
    assert_matches_truth(vault.conn(), &world.fake.with(|s| s.data.clone()));
    let cycle_pages = world
        .fake
        .take_requests()
        .iter()
        .filter(|r| r.ends_with("/v2/cycle"))
        .count();
    // The uncovered older cycles (+1 sharing the boundary time) and one trailing page.
    let uncovered = 200 - 100 - newest as usize + 1;
    assert_eq!(
        cycle_pages,
        uncovered.div_ceil(25) + 1,
        "resuming reads only what was not covered, not all 8 pages again"
    );
}

#[test]
fn cancelling_keeps_what_was_fetched() {
    let (world, vault) = world(100);
    let cancel = AtomicBool::new(false);
    let err = whoop::sync(&vault, &world.base(), now(), &tiny_options(), &cancel, &mut |p| {
        if p.fetched >= 25 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    })
    .expect_err("cancelled");
    assert!(matches!(err, WhoopError::Cancelled), "{err}");
    let kept: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
        .unwrap();
    assert!(kept >= 25, "fetched pages stay ({kept})");
    world.sync(&vault, now()).unwrap();
    assert_matches_truth(vault.conn(), &world.fake.with(|s| s.data.clone()));
}

#[test]
fn a_reused_refresh_token_marks_the_connection_as_needing_sign_in() {
    let (world, vault) = world(10);
    world.sync(&vault, now()).unwrap();
    // Someone else (a stale copy) used the stored refresh token: WHOOP rotated it away.
    let stored: String = vault
        .conn()
        .query_row("SELECT refresh_token FROM whoop_account", [], |r| r.get(0))
        .unwrap();
    let reuse = super::fake::http_post_refresh(&world.fake.base, &stored);
    assert_eq!(
        reuse, 200,
        "the first use of the token succeeds (outside Ironkeep)"
    );
    let err = world
        .sync(&vault, now() + Span::hours(2))
        .expect_err("the dead refresh token is refused");
    assert!(matches!(err, WhoopError::NeedsSignIn), "{err}");
    assert_eq!(whoop::status(&vault).unwrap().state, ConnectionState::NeedsSignIn);
    let kept: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 10, "the data stays");
    let tokens: Option<String> = vault
        .conn()
        .query_row("SELECT access_token FROM whoop_account", [], |r| r.get(0))
        .unwrap();
    assert!(tokens.is_none(), "dead tokens are wiped");
    world.connect(&vault);
    world
        .sync(&vault, now() + Span::hours(3))
        .expect("a new sign-in brings it back");
}

#[test]
fn concurrent_refreshes_are_serialized() {
    let (world, vault) = world(10);
    drop(vault);
    // Expire every access token now: each thread's first request will get a 401. The
    // first refresh is answered slowly (well within the client's timeout), so the other
    // threads reach their refresh while it is still in flight.
    world.fake.with(|s| {
        s.faults.expire_tokens_after = Some(0);
        s.faults.slow_refreshes = 1;
        s.faults.slow_for = Duration::from_millis(400);
    });
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let base = world.base();
            let dir = world.sandbox.dir();
            std::thread::spawn(move || {
                let vault = ironkeep::Vault::open(&dir, ironkeep::Unlock::Keychain, now()).unwrap();
                whoop::sync(
                    &vault,
                    &base,
                    now() + Span::minutes(i),
                    &tiny_options(),
                    &AtomicBool::new(false),
                    &mut |_| {},
                )
                .map(|_| ())
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap().expect("every concurrent sync succeeds");
    }
    let (refreshes, reuse) = world.fake.with(|s| (s.refreshes, s.refresh_reuse_attempts));
    assert_eq!(reuse, 0, "no refresh token was used twice");
    assert!(refreshes >= 1, "the expired token was refreshed");
    let vault = world.vault();
    assert_eq!(whoop::status(&vault).unwrap().state, ConnectionState::Connected);
}

#[test]
fn pacing_follows_the_rate_limit_headers_and_never_hits_429() {
    // A quota of 4 requests per second: the 14 requests of this sync need 3 more windows.
    let world = World::new(History::generate(60, now(), 4));
    world.fake.with(|s| {
        s.rate_limit = 4;
        s.rate_window = Duration::from_secs(1);
    });
    let vault = world.vault();
    world.connect(&vault);
    let options = ironkeep::whoop::SyncOptions {
        policy: ironkeep::whoop::RetryPolicy {
            max_rate_wait: Duration::from_secs(5),
            ..super::tiny_policy()
        },
        ..tiny_options()
    };
    let started = std::time::Instant::now();
    whoop::sync(
        &vault,
        &world.base(),
        now(),
        &options,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("paced sync completes");
    let requests = world.fake.take_requests().len();
    assert_eq!(
        world.fake.with(|s| s.throttled),
        0,
        "pacing from the headers avoids every 429"
    );
    assert!(requests > 8, "enough requests to need pacing ({requests})");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the sync waited for the quota to reset"
    );
    assert_matches_truth(vault.conn(), &world.fake.with(|s| s.data.clone()));
}

#[test]
fn a_refresh_that_may_have_arrived_is_never_sent_twice() {
    let world = World::new(History::generate(10, now(), 4));
    world.fake.with(|s| s.access_lifetime = 1);
    let vault = world.vault();
    world.connect(&vault);
    // WHOOP rotates the refresh token, but its answer arrives after the client gave up.
    world.fake.with(|s| {
        s.faults.slow_refreshes = 1;
        s.faults.slow_for = Duration::from_millis(1500);
    });
    let err = world
        .sync(&vault, now() + Span::minutes(1))
        .expect_err("the refresh timed out");
    assert!(
        matches!(err, WhoopError::Unavailable { .. }) && err.to_string().contains("try again"),
        "the sync ends with \"try again\": {err}"
    );
    let (refreshes, reuse) = world.fake.with(|s| (s.refreshes, s.refresh_reuse_attempts));
    assert_eq!(
        (refreshes, reuse),
        (1, 0),
        "the refresh grant was sent once, never resent"
    );
    assert_eq!(
        whoop::status(&vault).unwrap().state,
        ConnectionState::Connected,
        "a timeout alone never ends the connection"
    );
}
