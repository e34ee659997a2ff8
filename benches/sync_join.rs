//! Sync (issue 17): catching a new device up on ten years. Device A, a keychain vault
//! holding the generated ten-year history (3,000 sessions, 75,000 sets), turns sync on
//! and runs it once: the run writes A's first file and the family's snapshot (the whole
//! vault as a backup to the kit). A then logs 12 more workouts (25 sets each, two weeks at
//! the history's pace) through the app's write path, each followed by a sync run: 12 log
//! files after the snapshot. Device B
//! joins with the kit: `sync::join` into a new data dir (a keychain vault), which restores
//! the snapshot and merges the logs after it.
//!
//! Each run of A after the snapshot is stamped within the snapshot's day, so that no newer
//! snapshot is due and all 12 workouts stay in the logs (a family that syncs daily leaves
//! at most about a day of logs after its newest snapshot: this is the heavier case). To
//! split `join` into its parts without opening it up, it is also measured on a copy of the
//! folder holding the snapshot and no log after it, followed by the sync run that merges
//! the 12 logs once they arrive there; and its first steps alone: creating an empty keychain vault, reading the
//! snapshot (join decrypts and opens it once to learn its writer's sync state) and
//! restoring it into a new vault.
//!
//! Run: `scripts/with-keychain.sh cargo bench --bench sync_join`. Prints medians;
//! BENCHMARKS.md records the figures.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ironkeep::backup::{BackupKey, read_backup};
use ironkeep::sync::{self, family_dir};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::{SessionsMut, SetInput, SetsMut, StartSession, Unit, Weight};
use ironkeep::vault::Access;
use ironkeep::{DataDir, RecoveryKit, Unlock, Vault};

#[path = "support/mod.rs"]
mod support;

#[path = "support/replay.rs"]
mod replay;

const ROUNDS: usize = 7;
const WORKOUTS_AFTER: u32 = 12;

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 2, 2, 20, 0, 0).unwrap();
    let (a, kit) = Vault::create(&DataDir::at(root.join("a")), None, t0)
        .expect("create a keychain vault (run under scripts/with-keychain.sh)");
    let (sessions, sets) = generate::history(a.conn(), HistoryShape::ten_years(start)).unwrap();
    flag_records(a.conn(), start);
    println!("device A holds {sessions} sessions, {sets} sets");

    let folder = root.join("Sync");
    std::fs::create_dir(&folder).unwrap();
    let device = sync::start(a.conn(), &folder, "laptop", t0).unwrap();
    let begin = Instant::now();
    let first = sync::run(&a, t0).unwrap();
    let first_in = begin.elapsed();
    let snapshot = first.snapshot.expect("the first run writes a snapshot");
    let snapshot_bytes = std::fs::metadata(&snapshot).unwrap().len();

    // Two weeks of workouts after the generated history, each sent by a run.
    let mut shape = HistoryShape::ten_years(t0 + chrono::Duration::hours(12));
    shape.sessions = WORKOUTS_AFTER;
    let workouts = replay::generated(shape);
    let mut runs = 0;
    for workout in &workouts {
        replay::log(a.conn(), workout, |logged, _| {
            if logged == replay::Logged::Finished {
                runs += 1;
                let at = t0 + chrono::Duration::minutes(runs);
                let ran = sync::run(&a, at).unwrap();
                assert!(ran.sent.is_some() && ran.snapshot.is_none(), "{ran:?}");
            }
        });
    }
    let family: Vec<u8> = a
        .conn()
        .query_row("SELECT family FROM sync_state", [], |r| r.get(0))
        .unwrap();
    let family: [u8; 16] = family.try_into().unwrap();
    let log_dir = family_dir(&folder, &family).join(hex::encode(device));
    let logs: Vec<_> = std::fs::read_dir(&log_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let after_bytes: u64 = logs
        .iter()
        .filter(|p| p.file_name().unwrap() != "00000001.age")
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    assert_eq!(logs.len(), 1 + workouts.len(), "one file per run");

    // The same folder without the logs after the snapshot.
    let bare = root.join("Sync-snapshot-only");
    copy_tree(&folder, &bare);
    let bare_log_dir = family_dir(&bare, &family).join(hex::encode(device));
    for path in std::fs::read_dir(&bare_log_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
    {
        if path.file_name().unwrap() != "00000001.age" {
            std::fs::remove_file(path).unwrap();
        }
    }

    let joined_at = t0 + chrono::Duration::hours(20);
    let (mut create, mut read, mut restore) = (vec![], vec![], vec![]);
    let (mut bare_join, mut merge, mut full_join) = (vec![], vec![], vec![]);
    let bytes = std::fs::read(&snapshot).unwrap();
    for round in 0..ROUNDS {
        // An empty keychain vault, as join makes first.
        let dir = DataDir::at(root.join(format!("empty-{round}")));
        let begin = Instant::now();
        drop(Vault::create(&dir, None, joined_at).unwrap());
        create.push(begin.elapsed());

        // The snapshot decrypted, checked and opened, as join does first to read its
        // writer's sync state.
        let begin = Instant::now();
        let image = read_backup(&bytes, &BackupKey::Kits(vec![copy(&kit)])).unwrap();
        read.push(begin.elapsed());
        drop(image);

        // The snapshot restored into a new vault (the restore alone).
        let dir = DataDir::at(root.join(format!("restored-{round}")));
        drop(Vault::create(&dir, None, joined_at).unwrap());
        let vault = Vault::open_with(&dir, Unlock::Keychain, Access::Exclusive, joined_at).unwrap();
        let begin = Instant::now();
        vault
            .restore_into_new_vault(&bytes, BackupKey::Kits(vec![copy(&kit)]), None, joined_at)
            .unwrap();
        restore.push(begin.elapsed());

        // Each join writes its device's first file: each round joins a copy of the folder.
        let (bare_copy, full_copy) = (
            root.join(format!("bare-folder-{round}")),
            root.join(format!("folder-{round}")),
        );
        copy_tree(&bare, &bare_copy);
        copy_tree(&folder, &full_copy);
        let dir = DataDir::at(root.join(format!("bare-{round}")));
        let begin = Instant::now();
        let joined = sync::join(&dir, &bare_copy, &kit, None, "desktop", joined_at).unwrap();
        bare_join.push(begin.elapsed());
        assert_eq!((joined.report.files_read, joined.report.sent), (0, Some(1)));
        assert_eq!(count_sets(&dir, joined_at), u64::from(sets));
        // The logs after the snapshot arrive now: the run that merges them, alone.
        let bare_copy_logs = family_dir(&bare_copy, &family).join(hex::encode(device));
        for log in logs.iter().filter(|p| p.file_name().unwrap() != "00000001.age") {
            std::fs::copy(log, bare_copy_logs.join(log.file_name().unwrap())).unwrap();
        }
        let vault = Vault::open(&dir, Unlock::Keychain, joined_at).unwrap();
        let begin = Instant::now();
        let ran = sync::run(&vault, joined_at + chrono::Duration::minutes(1)).unwrap();
        merge.push(begin.elapsed());
        assert_eq!(ran.files_read, WORKOUTS_AFTER);
        drop(vault);

        let dir = DataDir::at(root.join(format!("b-{round}")));
        let begin = Instant::now();
        let joined = sync::join(&dir, &full_copy, &kit, None, "desktop", joined_at).unwrap();
        full_join.push(begin.elapsed());
        assert_eq!(joined.report.files_read, WORKOUTS_AFTER);
        assert!(joined.report.refused.is_empty());
        assert_eq!(
            count_sets(&dir, joined_at),
            u64::from(sets) + replay::sets(&workouts) as u64
        );
    }

    println!(
        "A's first sync run (its first file, then the snapshot): {:.2} s",
        first_in.as_secs_f64()
    );
    println!("the snapshot: {} ({snapshot_bytes} bytes)", mb(snapshot_bytes));
    println!(
        "the {WORKOUTS_AFTER} log files after it: {after_bytes} bytes ({:.0} bytes a workout)",
        after_bytes as f64 / f64::from(WORKOUTS_AFTER)
    );
    println!("medians of {ROUNDS}, each into a new data dir:");
    let line = |what: &str, samples: &[Duration]| {
        println!(
            "  {what}: median {:.2} s (all: {})",
            secs(support::median(samples.to_vec())),
            samples
                .iter()
                .map(|d| format!("{:.2}", secs(*d)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    line("create an empty keychain vault", &create);
    line("read the snapshot (decrypt, check, open as an image)", &read);
    line(
        "restore the snapshot into a new vault (the restore alone)",
        &restore,
    );
    line("join from the snapshot, no log after it", &bare_join);
    line(
        &format!("then a sync run merging the {WORKOUTS_AFTER} logs after it, alone"),
        &merge,
    );
    line(
        &format!("join from the snapshot plus {WORKOUTS_AFTER} logs (the figure)"),
        &full_join,
    );
}

/// Gives the generated history the record flags a logged one has (the generator leaves
/// them unset, and a merge re-flags the exercises it touches: without this the first merge
/// into a new device would flag a decade at once, which no real vault asks of it).
/// Deleting a session re-flags the later sets of its exercises, so: a session before the
/// history with one set of every exercise the history uses, deleted again. Done before
/// sync is on, so nothing of it travels.
fn flag_records(conn: &rusqlite::Connection, start: chrono::DateTime<Utc>) {
    let before = start - chrono::Duration::days(1);
    let session = SessionsMut::new(conn)
        .start(
            &StartSession {
                started_at: before,
                ..StartSession::default()
            },
            before,
        )
        .unwrap()
        .session
        .id;
    let used: Vec<u32> = conn
        .prepare("SELECT DISTINCT exercise_id FROM session_set")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for exercise in used {
        SetsMut::new(conn)
            .log(
                session,
                &SetInput::working(exercise, Weight::from_milli(20_000, Unit::Kg).unwrap(), 1),
            )
            .unwrap();
    }
    SessionsMut::new(conn).delete(session).unwrap();
    let flagged: i64 = conn
        .query_row(
            "SELECT count(*) FROM session_set WHERE record_flags <> 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(flagged > 0, "the history holds records");
}

fn count_sets(dir: &DataDir, now: chrono::DateTime<Utc>) -> u64 {
    let vault = Vault::open(dir, Unlock::Keychain, now).unwrap();
    vault
        .conn()
        .query_row("SELECT count(*) FROM session_set", [], |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap())
        .unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn copy(kit: &RecoveryKit) -> RecoveryKit {
    RecoveryKit::parse(&kit.secret()).unwrap()
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1_000_000.0)
}
