//! The training log at scale: a generated ten-year history (3,000 sessions, 75,000 sets)
//! and the queries the UI will use, on SQLCipher (raw key, the vault's own pragmas) and on
//! an unkeyed SQLite database side by side, plus a 100,000-row Strong import.
//!
//! Run: `cargo bench --bench training` (no keychain needed: it keys the database
//! directly with a random raw key, as the vault does). Prints medians; BENCHMARKS.md
//! records the figures.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ironkeep::interchange::{self, ImportOptions, ParseOptions, Zone};
use ironkeep::keys::DbKey;
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{Exercises, History, Records, SetInput, SetsMut, Unit, Weight, volume};
use ironkeep::vault::{db, migrate};
use rusqlite::Connection;

const ROUNDS: usize = 31;

#[path = "support/mod.rs"]
mod support;
use support::median;

fn measure(op: impl FnMut()) -> Duration {
    support::measure(ROUNDS, op)
}

/// How the database is opened: exactly as the vault does (SQLCipher with a raw key, the
/// vault's pragmas), or unkeyed with the same pragmas. Each mode runs in its own process
/// so neither warms the other's caches or allocator.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Vault,
    Plain,
}

const PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA trusted_schema = OFF;
     PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

fn open(path: &Path, mode: Mode) -> Connection {
    let mut conn = match mode {
        Mode::Vault => db::open(path, &DbKey::generate().unwrap(), db::Create::New).unwrap(),
        Mode::Plain => {
            let conn = Connection::open(path).unwrap();
            conn.execute_batch(PRAGMAS).unwrap();
            conn
        }
    };
    migrate::run(&mut conn).unwrap();
    conn
}

fn run(dir: &Path, mode: Mode) -> Vec<(&'static str, Duration)> {
    if std::env::var("IRONKEEP_BENCH_ONLY").as_deref() == Ok("import") {
        return import_rows(dir, mode);
    }
    let conn = open(&dir.join("history.db"), mode);
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let t = Instant::now();
    let (sessions, sets) = generate::history(&conn, HistoryShape::ten_years(start)).unwrap();
    let generated = t.elapsed();
    assert_eq!((sessions, sets), (3000, 75_000));
    let history = History::new(&conn);
    let squat = Exercises::new(&conn).by_name("Squat (Barbell)").unwrap().id;
    let all = HistoryFilter::default();
    let by_squat = HistoryFilter {
        exercise_id: Some(squat),
        ..HistoryFilter::default()
    };
    let mut cursor = None;
    for _ in 0..75 {
        cursor = history.sessions(&all, cursor.as_deref(), 20).unwrap().next;
    }
    let records = Records::new(&conn);
    let (from, to) = ("2016-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    let last = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut rows = vec![("generate 10 years (3,000 sessions, 75,000 sets)", generated)];
    rows.push((
        "history: first page of 20",
        measure(|| drop(history.sessions(&all, None, 20).unwrap())),
    ));
    rows.push((
        "history: page 76 of 20 (keyset cursor)",
        measure(|| drop(history.sessions(&all, cursor.as_deref(), 20).unwrap())),
    ));
    rows.push((
        "history: sessions with squats, page of 20",
        measure(|| drop(history.sessions(&by_squat, None, 20).unwrap())),
    ));
    rows.push((
        "per-exercise history: squat, page of 20",
        measure(|| drop(history.exercise(squat, None, 20).unwrap())),
    ));
    rows.push((
        "session detail (25 sets)",
        measure(|| drop(ironkeep::training::Sessions::new(&conn).detail(1500).unwrap())),
    ));
    rows.push((
        "records: one exercise (cached)",
        measure(|| drop(records.of_exercise(squat).unwrap())),
    ));
    rows.push((
        "records: all exercises (cached)",
        measure(|| drop(records.all().unwrap())),
    ));
    let forget = || {
        conn.execute("DELETE FROM exercise_record", []).unwrap();
    };
    rows.push((
        "records: one exercise, cache dropped first",
        measure(|| {
            forget();
            drop(records.of_exercise(squat).unwrap())
        }),
    ));
    rows.push((
        "records: all exercises, cache dropped first",
        measure(|| {
            forget();
            drop(records.all().unwrap())
        }),
    ));
    rows.push((
        "progress: squat e1RM over 10 years",
        measure(|| drop(records.progress(squat, from, to).unwrap())),
    ));
    rows.push((
        "weekly volume per muscle: last 12 weeks",
        measure(|| drop(volume::weekly(&conn, last - chrono::Duration::weeks(12), last).unwrap())),
    ));
    rows.push((
        "weekly volume per muscle: last year",
        measure(|| drop(volume::weekly(&conn, last - chrono::Duration::weeks(52), last).unwrap())),
    ));
    let session = 3000;
    let sets_mut = SetsMut::new(&conn);
    let weight = Weight::parse("100", Unit::Kg).unwrap();
    rows.push((
        "log one set (validate, flag records, write)",
        measure(|| {
            drop(
                sets_mut
                    .log(session, &SetInput::working(squat, weight, 5))
                    .unwrap(),
            )
        }),
    ));

    rows.push((
        "records: all exercises, first read after logging a set",
        median(
            (0..ROUNDS)
                .map(|_| {
                    drop(
                        sets_mut
                            .log(session, &SetInput::working(squat, weight, 5))
                            .unwrap(),
                    );
                    let t = Instant::now();
                    drop(records.all().unwrap());
                    t.elapsed()
                })
                .collect(),
        ),
    ));
    rows.extend(import_rows(dir, mode));
    rows
}

/// The 100,000-row Strong import, three times into fresh databases, and the first read of
/// every record after it. `IRONKEEP_BENCH_ONLY=import` runs just this (for profiling).
fn import_rows(dir: &Path, mode: Mode) -> Vec<(&'static str, Duration)> {
    let mut rows = Vec::new();
    let csv = support::strong_csv(100_000);
    let mut imports = Vec::new();
    let mut first_reads = Vec::new();
    for round in 0..3 {
        let conn = open(&dir.join(format!("import-{round}.db")), mode);
        let t = Instant::now();
        let parsed = interchange::parse(&csv, &ParseOptions::default()).unwrap();
        let options = ImportOptions {
            zone: Zone::parse("UTC").unwrap(),
            skip_invalid: false,
            dry_run: false,
        };
        let report = interchange::import(&conn, &parsed, options, Utc::now()).unwrap();
        imports.push(t.elapsed());
        assert_eq!(report.sets_added, 100_000);
        let t = Instant::now();
        let all = Records::new(&conn).all().unwrap();
        first_reads.push(t.elapsed());
        assert_eq!(all.len(), 5);
    }
    rows.push(("import a 100,000-row Strong CSV (median of 3)", median(imports)));
    rows.push((
        "records: all exercises, first read after that import (median of 3)",
        median(first_reads),
    ));
    rows
}

fn main() {
    if let Ok(mode) = std::env::var("IRONKEEP_BENCH_MODE") {
        let mode = match mode.as_str() {
            "vault" => Mode::Vault,
            _ => Mode::Plain,
        };
        let tmp = tempfile::tempdir().expect("temp dir");
        for (name, took) in run(tmp.path(), mode) {
            println!("{name}\t{}", took.as_nanos());
        }
        return;
    }
    let measure_mode = |mode: &str| -> Vec<(String, Duration)> {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .env("IRONKEEP_BENCH_MODE", mode)
            .output()
            .expect("run a benchmark mode");
        assert!(
            out.status.success(),
            "{mode}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(n, t)| (n.to_owned(), Duration::from_nanos(t.parse().unwrap())))
            .collect()
    };
    let vault = measure_mode("vault");
    let plain = measure_mode("plain");
    println!(
        "{:<50} {:>12} {:>12} {:>7}",
        "operation (median of 31 unless noted)", "SQLCipher", "unkeyed", "ratio"
    );
    for ((name, v), (_, p)) in vault.iter().zip(&plain) {
        println!(
            "{name:<50} {v:>12.2?} {p:>12.2?} {:>6.2}x",
            v.as_secs_f64() / p.as_secs_f64()
        );
    }
}
