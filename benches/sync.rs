//! Sync (issue 17): the cost of one workout travelling between two devices through a
//! folder. Device A logs a workout (one session, 25 sets) and runs a sync step (seal, write
//! its file); device B, holding the generated ten-year history (3,000 sessions, 75,000
//! sets), runs a sync step that reads, checks and merges it. Both are SQLCipher vaults
//! with the vault's pragmas (raw keys); the folder is a temp dir on the same disk.
//!
//! Run: `cargo bench --bench sync` (no keychain needed). Prints medians and the worst;
//! BENCHMARKS.md records the figures.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ironkeep::RecoveryKit;
use ironkeep::keys::DbKey;
use ironkeep::sync::{step, turn_on};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::sets::SetsMut;
use ironkeep::training::{Exercises, SessionsMut, SetInput, StartSession, Unit, Weight};
use ironkeep::vault::{db, migrate};
use rusqlite::Connection;

#[path = "support/mod.rs"]
mod support;

const ROUNDS: usize = 31;
const FAMILY: [u8; 16] = [3; 16];

fn vault(dir: &std::path::Path, name: &str) -> Connection {
    let mut conn = db::open(&dir.join(name), &DbKey::generate().unwrap(), db::Create::New).unwrap();
    migrate::run(&mut conn).unwrap();
    conn
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Sync");
    let kit = RecoveryKit::generate();
    let a = vault(tmp.path(), "a.db");
    let b = vault(tmp.path(), "b.db");
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let (sessions, sets) = generate::history(&b, HistoryShape::ten_years(start)).unwrap();
    turn_on(&a, Some(FAMILY)).unwrap();
    turn_on(&b, Some(FAMILY)).unwrap();
    println!("device B holds {sessions} sessions, {sets} sets");

    let lifts: Vec<u32> = [
        "Squat (Barbell)",
        "Bench Press (Barbell)",
        "Deadlift (Barbell)",
        "Overhead Press (Barbell)",
        "Pull Up",
    ]
    .iter()
    .map(|name| Exercises::new(&a).by_name(name).unwrap().id)
    .collect();
    let base_ms = 1_800_000_000_000u64;
    let (mut send, mut merge) = (Vec::new(), Vec::new());
    let mut size = 0;
    for round in 0..=ROUNDS {
        let at = Utc::now();
        let session = SessionsMut::new(&a)
            .start(
                &StartSession {
                    started_at: at,
                    ..StartSession::default()
                },
                at,
            )
            .unwrap()
            .session
            .id;
        for (i, lift) in lifts.iter().enumerate() {
            for set in 0..5 {
                let kg = Weight::parse(&format!("{}", 60 + 10 * i + 5 * set), Unit::Kg).unwrap();
                SetsMut::new(&a)
                    .log(session, &SetInput::working(*lift, kg, 5))
                    .unwrap();
            }
        }
        SessionsMut::new(&a)
            .finish(session, Utc::now(), false, Utc::now())
            .unwrap();
        let now_ms = base_ms + round as u64 * 60_000;
        let begin = Instant::now();
        let sent = step(&a, &folder, &kit, now_ms).unwrap();
        let sent_in = begin.elapsed();
        let begin = Instant::now();
        let got = step(&b, &folder, &kit, now_ms + 1).unwrap();
        let merged_in = begin.elapsed();
        assert_eq!((got.files_read, got.merged.applied), (1, 26), "{got:?}");
        assert!(got.refused.is_empty());
        if round > 0 {
            send.push(sent_in);
            merge.push(merged_in);
        }
        let file = ironkeep::sync::family_dir(&folder, &FAMILY)
            .join(hex::encode(
                a.query_row("SELECT device FROM sync_state", [], |r| r.get::<_, Vec<u8>>(0))
                    .unwrap(),
            ))
            .join(format!("{:08}.age", sent.sent.unwrap()));
        size = std::fs::metadata(file).unwrap().len();
    }
    let worst = |v: &[Duration]| v.iter().max().copied().unwrap();
    println!(
        "send one workout (seal 26 rows, write the file): median {:.1} ms, worst {:.1} ms",
        ms(support::median(send.clone())),
        ms(worst(&send))
    );
    println!(
        "merge one workout into the ten-year vault (read, check, merge, commit): median {:.1} ms, worst {:.1} ms",
        ms(support::median(merge.clone())),
        ms(worst(&merge))
    );
    println!("one workout's log file: {size} bytes");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
