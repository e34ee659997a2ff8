//! WHOOP sync throughput against the fake WHOOP server (no latency, a rate limit high
//! enough not to bind): a 10-year backfill, its request count against the minimum the
//! page size allows, and an incremental sync with nothing new.
//!
//! Run under a real keychain: `scripts/with-keychain.sh cargo bench --bench whoop_sync`.
//! BENCHMARKS.md records the figures.

#[path = "support/whoop.rs"]
mod connect;
#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)]
mod fake;

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::{Duration, Utc};
use ironkeep::vault::DataDir;
use ironkeep::whoop::{self, SyncOptions};

use fake::History;

fn main() {
    backfill(3650, None);
    // The pacing: a 1-year backfill under a quota of 10 requests per second, advertised
    // only through the X-RateLimit-* headers.
    backfill(365, Some(10));
}

/// Backfills `days` of history; with `quota`, the fake allows that many requests a second.
fn backfill(days: u32, quota: Option<u32>) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();
    let dir = DataDir::at(tmp.path().join("vault"));
    let vault = connect::keychain_vault(&dir, now);

    // 10 years: 3,650 cycles and recoveries, 4,562 sleeps (naps included), 2,190 workouts.
    let history = History::generate(days, now, 6);
    let (fake, base) = connect::connected(&vault, history.clone(), quota, now);

    let cancel = AtomicBool::new(false);
    let started = Instant::now();
    let report =
        whoop::sync(&vault, &base, now, &SyncOptions::new(), &cancel, &mut |_| {}).expect("backfill");
    let elapsed = started.elapsed();
    let records = history.total_timed();
    let requests = fake.take_requests().len();
    let throttled = fake.with(|s| s.throttled);
    let pages = |n: usize| n.div_ceil(25).max(1);
    let minimum = 2
        + pages(history.cycles.len())
        + pages(history.recoveries.len())
        + pages(history.sleeps.len())
        + pages(history.workouts.len());

    let started = Instant::now();
    whoop::sync(
        &vault,
        &base,
        now + Duration::minutes(10),
        &SyncOptions::new(),
        &cancel,
        &mut |_| {},
    )
    .expect("incremental");
    let incremental = started.elapsed();
    let incremental_requests = fake.take_requests().len();

    println!(
        "records: {records} (cycles {}, recoveries {}, sleeps {}, workouts {})",
        history.cycles.len(),
        history.recoveries.len(),
        history.sleeps.len(),
        history.workouts.len()
    );
    println!(
        "backfill: {:.3} s, {:.0} records/s, {requests} requests (minimum {minimum}), reported {}",
        elapsed.as_secs_f64(),
        records as f64 / elapsed.as_secs_f64(),
        report.requests
    );
    println!(
        "incremental with nothing new: {:.1} ms, {incremental_requests} requests (6 collections)",
        incremental.as_secs_f64() * 1000.0
    );
    if let Some(quota) = quota {
        let forced = (minimum as u32).div_ceil(quota) - 1;
        println!(
            "paced at {quota}/s: {:.2} s for {requests} requests (the quota forces at least {forced} s), {} answered 429",
            elapsed.as_secs_f64(),
            throttled
        );
    }
    assert_eq!(
        requests, minimum,
        "the backfill must cost exactly the minimum number of requests"
    );
}
