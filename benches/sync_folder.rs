//! Sync (issue 17): how much the sync folder grows per year of training, against a backup
//! of a vault holding only that year (the goal: at most twice). The year is the
//! last of the generated ten-year history (300 sessions, 7,500 sets, 60 body weights),
//! logged through the app's write path into three keychain vaults: one that runs sync
//! after each finished workout (one log file per session), one that runs it after every
//! write (the session's start, each set, its finish: the desktop app's watcher polls every
//! 2 s and runs whenever something is marked, and sets are minutes apart), and one without
//! sync, which is backed up. Every run is stamped with the time of the write before it,
//! so snapshots are written as the app writes them (when the newest is a day old); the
//! folder keeps each device's newest, reported beside the logs.
//!
//! Run: `scripts/with-keychain.sh cargo bench --bench sync_folder`. Prints sizes, ratios
//! and the median run; BENCHMARKS.md records the figures.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use ironkeep::backup::{BackupRequest, Sealing};
use ironkeep::sync::{self, Hlc, LogFile, Sealed, family_dir, write_log_file};
use ironkeep::training::generate::HistoryShape;
use ironkeep::{DataDir, RecoveryKit, Vault};
use sha2::{Digest, Sha256};

#[path = "support/mod.rs"]
mod support;

#[path = "support/replay.rs"]
mod replay;

/// Sessions in a year of the generated history's shape (3,000 in ten years).
const YEAR: usize = 300;

/// What one device's folder held after the year.
struct Folder {
    files: usize,
    log_bytes: u64,
    snapshot_bytes: u64,
    runs: Vec<Duration>,
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let mut workouts = replay::generated(HistoryShape::ten_years(
        Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap(),
    ));
    let year = workouts.split_off(workouts.len() - YEAR);
    let begun = Utc.with_ymd_and_hms(2024, 12, 1, 0, 0, 0).unwrap();
    println!(
        "one year: {YEAR} sessions, {} sets, logged through the app's write path",
        replay::sets(&year)
    );

    let per_session = synced(root, "per-session", &year, begun, |logged| {
        logged == replay::Logged::Finished
    });
    let per_set = synced(root, "per-set", &year, begun, |_| true);

    let dir = DataDir::at(root.join("plain"));
    let (mut plain, _kit) = Vault::create(&dir, None, begun).unwrap();
    for workout in &year {
        replay::log(plain.conn(), workout, |_, _| {});
    }
    let request = BackupRequest {
        sealing: Sealing::Recipients(Vec::new()),
        out: Some(root.join("year.age")),
        armor: false,
        for_coach: false,
        automatic: false,
    };
    let backup = plain
        .create_backup(&request, begun + chrono::Duration::days(400))
        .unwrap()
        .bytes;

    let (mut empty, _kit) = Vault::create(&DataDir::at(root.join("empty")), None, begun).unwrap();
    let request = BackupRequest {
        out: Some(root.join("empty.age")),
        ..request
    };
    let empty = empty.create_backup(&request, begun).unwrap().bytes;

    println!(
        "a backup of a vault holding only that year: {} (of a new, empty vault: {})",
        kb(backup),
        kb(empty)
    );
    let (overhead, age_part) = per_file_overhead();
    println!(
        "every log file carries {overhead:.0} bytes whatever its changes ({age_part:.0} of them age's), mean of 1000"
    );
    for (what, folder) in [
        ("one file per session", &per_session),
        ("one file per write (start, each set, finish)", &per_set),
    ] {
        println!(
            "{what}: {} files, logs {} = {:.2}× the backup, {:.2}× what the year adds to a backup \
             ({:.0} bytes a file); its newest snapshot {} besides; a sync run: median {:.1} ms",
            folder.files,
            kb(folder.log_bytes),
            folder.log_bytes as f64 / backup as f64,
            folder.log_bytes as f64 / (backup - empty) as f64,
            folder.log_bytes as f64 / folder.files as f64,
            kb(folder.snapshot_bytes),
            support::median(folder.runs.clone()).as_secs_f64() * 1000.0,
        );
    }
}

/// What every log file carries whatever its changes: a file of no change (its envelope:
/// family, device, number, schema, clock, the previous file's hash; the magic and the MAC;
/// age's header and tag), and age's part of it alone. Means over many files: age adds a
/// random "grease" stanza of random length to each.
fn per_file_overhead() -> (f64, f64) {
    const FILES: usize = 1000;
    let kit = RecoveryKit::generate();
    let empty = LogFile {
        family: [7; 16],
        sequence: 5000,
        schema: 12,
        previous: Some(Sha256::digest(b"the previous file").into()),
        batch: Sealed {
            device: [9; 16],
            clock: Hlc::new(1_800_000_000_000, 0),
            changes: Vec::new(),
        },
    };
    let recipient: age::x25519::Recipient = kit.recipient().parse().unwrap();
    let (mut whole, mut age_part) = (0, 0);
    for _ in 0..FILES {
        whole += write_log_file(&empty, &kit).len();
        age_part += age::encrypt(&recipient, b"").unwrap().len();
    }
    (whole as f64 / FILES as f64, age_part as f64 / FILES as f64)
}

/// Logs `year` into a new keychain vault with sync on, running sync after each write
/// `runs_after` picks; returns what the device's folder then held.
fn synced(
    root: &Path,
    name: &str,
    year: &[replay::Workout],
    begun: DateTime<Utc>,
    runs_after: impl Fn(replay::Logged) -> bool,
) -> Folder {
    let (vault, _kit) = Vault::create(&DataDir::at(root.join(name)), None, begun)
        .expect("create a keychain vault (run under scripts/with-keychain.sh)");
    let folder = root.join(format!("Sync-{name}"));
    std::fs::create_dir(&folder).unwrap();
    sync::start(vault.conn(), &folder, name, begun).unwrap();
    sync::run(&vault, begun).unwrap();
    let mut runs = Vec::new();
    for workout in year {
        replay::log(vault.conn(), workout, |logged, at| {
            if runs_after(logged) {
                let begin = Instant::now();
                let ran = sync::run(&vault, at).unwrap();
                runs.push(begin.elapsed());
                assert!(ran.sent.is_some(), "{ran:?}");
            }
        });
    }
    let clocks: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM sync_clock", [], |r| r.get(0))
        .unwrap();
    println!("{name}: the vault keeps {clocks} field clocks (sync_clock rows), which its snapshot holds");
    let (family, device) = ids(&vault);
    let family = family_dir(&folder, &family);
    let logs = files(&family.join(hex::encode(device)));
    let snapshots = files(&family.join("snapshot"));
    assert_eq!(logs.len(), runs.len() + 1, "one file per run, and the first");
    Folder {
        files: logs.len(),
        log_bytes: bytes(&logs),
        snapshot_bytes: bytes(&snapshots),
        runs,
    }
}

/// The vault's family and device.
fn ids(vault: &Vault) -> ([u8; 16], Vec<u8>) {
    let (family, device): (Vec<u8>, Vec<u8>) = vault
        .conn()
        .query_row("SELECT family, device FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    (family.try_into().unwrap(), device)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

fn bytes(files: &[PathBuf]) -> u64 {
    files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum()
}

fn kb(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.2} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{:.1} KB", bytes as f64 / 1000.0)
    }
}
