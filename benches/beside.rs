//! What a lifter waits for while long work runs: the latency of the reads and the write
//! the app uses most (log a set, the first History page, Today's reads), with nothing
//! running and while each kind of long work runs, as the desktop app runs them through
//! `VaultRoles` — a throttled WHOOP backfill, an import (committed in batches) and a backup
//! on handles of their own. Printed side by side with the idle
//! figures; BENCHMARKS.md ("Beside long work") records them.
//!
//! Run under a real keychain: `scripts/with-keychain.sh cargo bench --bench beside`.

#[path = "support/whoop.rs"]
mod connect;
#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)]
mod fake;
mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, TimeZone, Utc};
use ironkeep::backup::{BackupRequest, Sealing};
use ironkeep::interchange::{self, ImportOptions, ParseOptions, Zone};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{
    Exercises, History, Routines, Sessions, SessionsMut, SetInput, SetsMut, StartSession, Unit, Weight,
    volume,
};
use ironkeep::vault::{DataDir, Unlock, Vault, VaultRoles};
use ironkeep::whoop::{self, SyncOptions};

/// A probe: one of the app's most used commands.
type Probe = fn(&VaultRoles, u32, u32);

fn log_set(roles: &VaultRoles, session: u32, squat: u32) {
    let writer = roles.writer();
    SetsMut::new(writer.conn())
        .log(
            session,
            &SetInput::working(squat, Weight::parse("100", Unit::Kg).unwrap(), 5),
        )
        .unwrap();
}

fn history_page(roles: &VaultRoles, _: u32, _: u32) {
    let reader = roles.reader().unwrap();
    History::new(&reader)
        .sessions(&HistoryFilter::default(), None, 50)
        .unwrap();
}

fn today(roles: &VaultRoles, _: u32, _: u32) {
    let reader = roles.reader().unwrap();
    let now = Utc::now();
    Sessions::new(&reader).in_progress().unwrap();
    History::new(&reader)
        .sessions(&HistoryFilter::default(), None, 5)
        .unwrap();
    volume::weekly(&reader, now - Days::days(7), now).unwrap();
    Routines::new(&reader).list().unwrap();
}

const PROBES: [(&str, Probe); 3] = [
    ("log a set", log_set),
    ("first History page", history_page),
    ("Today", today),
];

/// Probes every `GAP` while `running` holds (at least `min` rounds), per probe.
fn probe_while(roles: &VaultRoles, ids: (u32, u32), running: &AtomicBool, min: usize) -> Vec<Vec<Duration>> {
    let mut samples = vec![Vec::new(); PROBES.len()];
    let mut round = 0;
    while round < min || running.load(Ordering::SeqCst) {
        for (i, (_, probe)) in PROBES.iter().enumerate() {
            let t = Instant::now();
            probe(roles, ids.0, ids.1);
            samples[i].push(t.elapsed());
        }
        round += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    samples
}

fn percentile(samples: &[Duration], p: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();
    let dir = DataDir::at(tmp.path().join("vault"));
    let (vault, _kit) =
        Vault::create(&dir, None, now).expect("create a keychain vault (is a keychain running?)");
    drop(vault);
    let vault = Vault::open(&dir, Unlock::Keychain, now).unwrap();
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let (sessions, sets) = generate::history(vault.conn(), HistoryShape::ten_years(start)).unwrap();
    println!("vault: {sessions} sessions, {sets} sets (ten years)");

    // WHOOP: connected to the fake, three years to backfill at 10 requests a second.
    let (_fake, base) = connect::connected(&vault, fake::History::generate(3 * 365, now, 6), Some(10), now);

    let squat = Exercises::new(vault.conn())
        .by_name("Squat (Barbell)")
        .unwrap()
        .id;
    let session = SessionsMut::new(vault.conn())
        .start(&StartSession::default(), now)
        .unwrap()
        .session
        .id;
    let roles = VaultRoles::new(vault);
    let ids = (session, squat);
    let running = AtomicBool::new(false);

    let idle = probe_while(&roles, ids, &running, 60);
    let mut rows = vec![("nothing", Duration::ZERO, idle.clone())];

    let scenario = |name: &'static str, work: &(dyn Fn() + Sync)| {
        running.store(true, Ordering::SeqCst);
        let t = Instant::now();
        let samples = std::thread::scope(|scope| {
            scope.spawn(|| {
                work();
                running.store(false, Ordering::SeqCst);
            });
            // A session of its own per scenario: one holds at most 500 sets.
            let session = SessionsMut::new(roles.writer().conn())
                .start(&StartSession::default(), Utc::now())
                .unwrap()
                .session
                .id;
            probe_while(&roles, (session, ids.1), &running, 5)
        });
        (name, t.elapsed(), samples)
    };
    rows.push(scenario(
        "a throttled WHOOP backfill (3 years, 10 requests/s)",
        &|| {
            let long = roles.for_long_work().unwrap();
            whoop::sync(
                &long,
                &base,
                Utc::now(),
                &SyncOptions::new(),
                &AtomicBool::new(false),
                &mut |_| {},
            )
            .unwrap();
        },
    ));
    let csv = support::strong_csv(100_000);
    rows.push(scenario(
        "a 100,000-row import (in batches, on a handle of its own)",
        &|| {
            let parsed = interchange::parse(&csv, &ParseOptions::default()).unwrap();
            let options = ImportOptions {
                zone: Zone::parse("UTC").unwrap(),
                skip_invalid: false,
                dry_run: false,
            };
            let long = roles.for_long_work().unwrap();
            interchange::import_into(
                &long,
                &parsed,
                options,
                Utc::now(),
                &mut |_| {},
                &AtomicBool::new(false),
            )
            .unwrap();
        },
    ));
    let out = tmp.path().join("bench-backup.age");
    rows.push(scenario("a backup of the ten-year vault", &|| {
        let mut long = roles.for_long_work().unwrap();
        let request = BackupRequest {
            sealing: Sealing::Recipients(Vec::new()),
            out: Some(out.clone()),
            armor: false,
            for_coach: false,
            automatic: false,
        };
        long.create_backup(&request, Utc::now()).unwrap();
    }));

    println!("| while | took | command | n | p50 ms | p95 ms | max ms | p95 / idle p95 |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, took, samples) in &rows {
        for (i, (probe, _)) in PROBES.iter().enumerate() {
            let p95 = percentile(&samples[i], 0.95);
            let idle95 = percentile(&idle[i], 0.95);
            println!(
                "| {name} | {:.1} s | {probe} | {} | {} | {} | {} | {:.2}× |",
                took.as_secs_f64(),
                samples[i].len(),
                ms(percentile(&samples[i], 0.5)),
                ms(p95),
                ms(*samples[i].iter().max().unwrap()),
                p95.as_secs_f64() / idle95.as_secs_f64(),
            );
        }
    }
}
