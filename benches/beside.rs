//! What a lifter waits for while long work runs: the latency of the reads and the write
//! the app uses most (log a set, the first History page, Today's reads), with nothing
//! running and while each kind of long work runs, as the desktop app runs them through
//! `VaultRoles` — a throttled WHOOP backfill, an import (committed in batches) and backups
//! on handles of their own. Only the probes that started while the work ran count; a
//! backup lasts a fraction of a second, so backups run back to back for a few seconds.
//! Printed side by side with the idle figures, measured again once the import has grown
//! the vault; BENCHMARKS.md ("Beside long work") records them.
//!
//! Run under a real keychain: `scripts/with-keychain.sh cargo bench --bench beside`.

#[path = "support/whoop.rs"]
mod connect;
#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)]
mod fake;
mod support;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
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
use ironkeep::vault::{DataDir, VaultRoles};
use ironkeep::whoop::{self, SyncOptions};

/// How long the backups run back to back.
const BACKUPS_FOR: Duration = Duration::from_secs(3);

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

/// One probe's run: when it started, and how long it took.
#[derive(Clone, Copy)]
struct Sample {
    at: Instant,
    took: Duration,
}

/// Where the probe logs its sets: every 25 sets (a workout's worth, as in the generated
/// history; the first History page and Today read the newest sessions whole) it
/// starts a new one (untimed).
struct Target {
    session: AtomicU32,
    sets: AtomicU32,
    squat: u32,
}

impl Target {
    fn session(&self, roles: &VaultRoles) -> u32 {
        if self.sets.fetch_add(1, Ordering::SeqCst) >= 25 {
            let writer = roles.writer();
            let now = Utc::now();
            let started = SessionsMut::new(writer.conn())
                .start(&started_now(now), now)
                .unwrap();
            self.session.store(started.session.id, Ordering::SeqCst);
            self.sets.store(1, Ordering::SeqCst);
        }
        self.session.load(Ordering::SeqCst)
    }
}

/// Probes every 20 ms while `running` holds (at least `min` rounds), per probe.
fn probe_while(roles: &VaultRoles, target: &Target, running: &AtomicBool, min: usize) -> Vec<Vec<Sample>> {
    let mut samples = vec![Vec::new(); PROBES.len()];
    let mut round = 0;
    while round < min || running.load(Ordering::SeqCst) {
        let session = target.session(roles);
        for (i, (_, probe)) in PROBES.iter().enumerate() {
            let at = Instant::now();
            probe(roles, session, target.squat);
            samples[i].push(Sample {
                at,
                took: at.elapsed(),
            });
        }
        round += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    samples
}

/// A session started now, as the app starts one (`StartSession::default()` would start
/// it in 1970, before the whole history, so every set logged into it would be logged
/// into the past and re-flag the exercise's history).
fn started_now(now: chrono::DateTime<Utc>) -> StartSession {
    StartSession {
        started_at: now,
        ..StartSession::default()
    }
}

fn percentile(samples: &[Duration], p: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// Seconds, two decimals.
fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();
    let dir = DataDir::at(tmp.path().join("vault"));
    let vault = connect::keychain_vault(&dir, now);
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let (sessions, sets) = generate::history(vault.conn(), HistoryShape::ten_years(start)).unwrap();
    println!("vault: {sessions} sessions, {sets} sets (ten years)");

    // WHOOP: connected to the fake, three years to backfill at 10 requests a second.
    let (_fake, base) = connect::connected(&vault, fake::History::generate(3 * 365, now, 6), Some(10), now);

    // The lift the probe logs: the squat, which the import also brings; for a control,
    // `IRONKEEP_BESIDE_LIFT="Leg Press (Machine)"`, a lift the import does not touch.
    let lift = std::env::var("IRONKEEP_BESIDE_LIFT").unwrap_or_else(|_| "Squat (Barbell)".to_owned());
    let squat = Exercises::new(vault.conn()).by_name(&lift).unwrap().id;
    println!("the probe logs its sets to {lift}");
    let session = SessionsMut::new(vault.conn())
        .start(&started_now(now), now)
        .unwrap()
        .session
        .id;
    let roles = VaultRoles::new(vault);
    let ids = Target {
        session: AtomicU32::new(session),
        sets: AtomicU32::new(0),
        squat,
    };
    let running = AtomicBool::new(false);

    // Each row: what ran, how long it ran, and the samples taken while it ran; a row of
    // nothing is the idle figure the rows after it are compared with.
    let mut rows: Vec<(String, Option<Duration>, Vec<Vec<Duration>>)> = Vec::new();
    let idle = |rows: &mut Vec<_>, name: &str| {
        let samples = probe_while(&roles, &ids, &running, 60);
        let took = samples
            .iter()
            .map(|s| s.iter().map(|s| s.took).collect())
            .collect();
        rows.push((name.to_owned(), None, took));
    };
    idle(&mut rows, "nothing");

    // Runs `work` beside the probes; keeps the samples that started before it ended.
    let scenario = |name: String, work: &(dyn Fn() + Sync)| {
        running.store(true, Ordering::SeqCst);
        let started = Instant::now();
        let ended = std::sync::OnceLock::new();
        let samples = std::thread::scope(|scope| {
            scope.spawn(|| {
                work();
                let _ = ended.set(Instant::now());
                running.store(false, Ordering::SeqCst);
            });
            probe_while(&roles, &ids, &running, 1)
        });
        let ended = *ended.get().expect("the work ended");
        let during = samples
            .iter()
            .map(|s| s.iter().filter(|s| s.at < ended).map(|s| s.took).collect())
            .collect();
        (name, Some(ended - started), during)
    };
    rows.push(scenario(
        "a throttled WHOOP backfill (3 years, 10 requests/s)".to_owned(),
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
        "a 100,000-row import (in batches, on a handle of its own)".to_owned(),
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
    // The vault now holds the import too: the backups are compared with this idle.
    idle(&mut rows, "nothing (the vault now holds the import too)");
    // One backup takes a fraction of a second: they run back to back for a few seconds,
    // so that enough probes fall inside them.
    let out = tmp.path().join("bench-backup.age");
    let backups = std::sync::atomic::AtomicUsize::new(0);
    let row = scenario("backups of the vault, back to back".to_owned(), &|| {
        let started = Instant::now();
        while started.elapsed() < BACKUPS_FOR {
            let mut long = roles.for_long_work().unwrap();
            let request = BackupRequest {
                sealing: Sealing::Recipients(Vec::new()),
                out: Some(out.clone()),
                armor: false,
                for_coach: false,
                automatic: false,
            };
            long.create_backup(&request, Utc::now()).unwrap();
            std::fs::remove_file(&out).unwrap();
            backups.fetch_add(1, Ordering::SeqCst);
        }
    });
    let made = backups.load(Ordering::SeqCst);
    let each = row.1.unwrap_or_default() / u32::try_from(made).unwrap_or(1).max(1);
    rows.push((
        format!(
            "{made} backups of the vault, back to back ({} s each)",
            secs(each)
        ),
        row.1,
        row.2,
    ));

    println!("| while | it took | command | n | p50 ms | p95 ms | max ms | p95 ÷ idle p95 |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut baseline = 0;
    for (row, (name, took, samples)) in rows.iter().enumerate() {
        if took.is_none() {
            baseline = row;
        }
        for (i, (probe, _)) in PROBES.iter().enumerate() {
            let p95 = percentile(&samples[i], 0.95);
            let idle95 = percentile(&rows[baseline].2[i], 0.95);
            println!(
                "| {} | {} | {probe} | {} | {} | {} | {} | {:.2}× |",
                if i == 0 { name.as_str() } else { "" },
                match took {
                    Some(took) if i == 0 => format!("{} s", secs(*took)),
                    _ => "—".to_owned(),
                },
                samples[i].len(),
                ms(percentile(&samples[i], 0.5)),
                ms(p95),
                ms(*samples[i].iter().max().unwrap()),
                p95.as_secs_f64() / idle95.as_secs_f64(),
            );
        }
    }
}
