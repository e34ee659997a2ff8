//! Devices over real vaults (keychain, SQLCipher) sharing one folder: a new device joins
//! from the newest snapshot and the logs after it; a snapshot only a kit holder wrote is
//! restored; snapshots are written daily and each writer keeps only its newest; a removed
//! device's later files are ignored and it stops; a restore on a member keeps its device
//! and catches up with the family; a member's backup restored elsewhere is not that member.

use chrono::{DateTime, Duration, Utc};
use ironkeep::backup::BackupKey;
use ironkeep::sync::{self, SyncError};
use ironkeep::training::{SetInput, SetsMut};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};
use rusqlite::Connection;

use crate::backup::backup;
use crate::harness::{Sandbox, now};
use crate::training::{ex, kg, session};

/// A member's vault in its own sandbox, and the family's kit file.
fn member(sb: &Sandbox) -> (Vault, std::path::PathBuf) {
    let kit = sb.init();
    let vault = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    (vault, kit)
}

fn log(conn: &Connection, kilos: &str, reps: u32) {
    let id = session(conn, 0);
    SetsMut::new(conn)
        .log(
            id,
            &SetInput::working(ex(conn, "Squat (Barbell)"), kg(kilos), reps),
        )
        .unwrap();
}

/// Every set as (kg × 1000, reps), in a stable order.
fn sets(conn: &Connection) -> Vec<(i64, i64)> {
    conn.prepare("SELECT weight_milli, reps FROM session_set ORDER BY weight_milli, reps")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn snapshots(folder: &std::path::Path) -> Vec<String> {
    let root = folder.join("ironkeep-sync");
    let family = std::fs::read_dir(&root).unwrap().next().unwrap().unwrap().path();
    let mut names: Vec<String> = std::fs::read_dir(family.join("snapshot"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn join(sb: &Sandbox, folder: &std::path::Path, kit: &std::path::Path, at: DateTime<Utc>) -> Vault {
    let kit = RecoveryKit::read(kit).unwrap();
    let joined = sync::join(&sb.dir(), folder, &kit, None, "desktop", at).unwrap();
    assert_eq!(joined.report.sent, Some(1), "the new device announces itself");
    Vault::open(&sb.dir(), Unlock::Keychain, at).unwrap()
}

#[test]
fn a_new_device_joins_from_the_snapshot_and_the_logs_after_it() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path();
    let (a, kit) = member(&a_sb);
    log(a.conn(), "100", 5);
    sync::start(a.conn(), folder, "laptop", now()).unwrap();
    let first = sync::run(&a, now()).unwrap();
    assert!(first.snapshot.is_some(), "the first run writes a snapshot");
    // Logged after the snapshot: reaches the new device through the log.
    log(a.conn(), "105", 3);
    assert!(sync::has_work(a.conn(), now()).unwrap(), "a set to send");
    let second = sync::run(&a, now() + Duration::minutes(5)).unwrap();
    assert_eq!((second.sent, second.snapshot.as_deref()), (Some(2), None));
    assert!(!sync::has_work(a.conn(), now() + Duration::minutes(6)).unwrap());

    let b = join(&b_sb, folder, &kit, now() + Duration::minutes(10));
    assert_eq!(sets(b.conn()), [(100_000, 5), (105_000, 3)]);
    let status = sync::status(b.conn()).unwrap();
    assert!(status.on);
    assert_ne!(
        status.device,
        sync::status(a.conn()).unwrap().device,
        "its own id"
    );
    assert_eq!(status.family, sync::status(a.conn()).unwrap().family);
    assert_eq!(
        b.recipient().unwrap(),
        RecoveryKit::read(&kit).unwrap().recipient(),
        "the family's kit is the new vault's kit"
    );

    // Both ways from now on, and each knows the other by name.
    log(b.conn(), "110", 2);
    sync::run(&b, now() + Duration::minutes(11)).unwrap();
    assert!(
        sync::has_work(a.conn(), now() + Duration::minutes(11)).unwrap(),
        "b's files wait"
    );
    let back = sync::run(&a, now() + Duration::minutes(12)).unwrap();
    assert_eq!(back.files_read, 2);
    assert_eq!(sets(a.conn()), sets(b.conn()));
    let names: Vec<(String, bool)> = sync::devices(a.conn())
        .unwrap()
        .into_iter()
        .map(|d| (d.name, d.this_device))
        .collect();
    assert_eq!(names, [("laptop".into(), true), ("desktop".into(), false)]);
}

#[test]
fn only_a_snapshot_a_kit_holder_wrote_is_restored_and_a_refused_join_leaves_no_vault() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path();
    let (a, kit) = member(&a_sb);
    log(a.conn(), "100", 5);
    sync::start(a.conn(), folder, "laptop", now()).unwrap();
    let snapshot = sync::run(&a, now()).unwrap().snapshot.unwrap();
    // Someone with only the public recipient replaces the snapshot with a vault of theirs.
    let forger_sb = Sandbox::new();
    let (mut forger, _) = member(&forger_sb);
    let forged = a_sb.path("forged.age");
    crate::backup::seed(&forger, "Forged Lift");
    backup(&mut forger, &forged, &[a.recipient().unwrap()], false);
    std::fs::copy(&forged, &snapshot).unwrap();

    let err = sync::join(
        &b_sb.dir(),
        folder,
        &RecoveryKit::read(&kit).unwrap(),
        None,
        "desktop",
        now(),
    )
    .unwrap_err();
    assert!(matches!(err, SyncError::NoSnapshot { .. }), "{err}");
    assert!(err.to_string().contains("MAC"), "{err}");
    assert!(!b_sb.data().join("vault.json").exists(), "no vault was made");

    // Another kit opens nothing here either.
    let err = sync::join(
        &b_sb.dir(),
        folder,
        &RecoveryKit::generate(),
        None,
        "desktop",
        now(),
    )
    .unwrap_err();
    assert!(matches!(err, SyncError::NoSnapshot { .. }), "{err}");
    assert!(!b_sb.data().join("vault.json").exists());
}

#[test]
fn a_snapshot_is_written_once_a_day_and_each_writer_keeps_only_its_newest() {
    let (a_sb, shared) = (Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path();
    let (a, _kit) = member(&a_sb);
    sync::start(a.conn(), folder, "laptop", now()).unwrap();
    assert!(sync::run(&a, now()).unwrap().snapshot.is_some());
    log(a.conn(), "100", 5);
    assert!(
        sync::run(&a, now() + Duration::hours(23))
            .unwrap()
            .snapshot
            .is_none()
    );
    let before = snapshots(folder);
    assert_eq!(before.len(), 2, "a snapshot and its MAC: {before:?}");
    assert!(
        sync::run(&a, now() + Duration::hours(25))
            .unwrap()
            .snapshot
            .is_some()
    );
    let after = snapshots(folder);
    assert_eq!(after.len(), 2, "the older one is gone: {after:?}");
    assert_ne!(before, after);
}

#[test]
fn a_removed_devices_later_files_are_ignored_and_it_stops() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path();
    let (a, kit) = member(&a_sb);
    sync::start(a.conn(), folder, "laptop", now()).unwrap();
    sync::run(&a, now()).unwrap();
    let b = join(&b_sb, folder, &kit, now());
    sync::run(&a, now()).unwrap();
    let b_id = sync::status(b.conn()).unwrap().device.unwrap();

    sync::remove_device(a.conn(), &b_id, now()).unwrap();
    assert!(matches!(
        sync::remove_device(a.conn(), &sync::status(a.conn()).unwrap().device.unwrap(), now()),
        Err(sync::RemoveError::ThisDevice)
    ));
    assert!(matches!(
        sync::remove_device(a.conn(), "00112233445566778899aabbccddeeff", now()),
        Err(sync::RemoveError::Unknown(_))
    ));
    sync::run(&a, now()).unwrap();
    // b has not heard yet: it logs and sends, and a ignores it.
    log(b.conn(), "140", 1);
    sync::run(&b, now() + Duration::minutes(1)).unwrap();
    let ignored = sync::run(&a, now() + Duration::minutes(2)).unwrap();
    assert_eq!(ignored.files_read, 0);
    assert!(
        ignored.refused.iter().any(|r| r.reason.contains("removed")),
        "{:?}",
        ignored.refused
    );
    assert!(sets(a.conn()).is_empty());
    // b's last run read the removal: it stops.
    assert!(matches!(
        sync::run(&b, now() + Duration::minutes(3)),
        Err(SyncError::Removed)
    ));
}

#[test]
fn a_restore_on_a_member_keeps_its_device_and_catches_up_with_the_family() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path();
    let (mut a, kit) = member(&a_sb);
    sync::start(a.conn(), folder, "laptop", now()).unwrap();
    log(a.conn(), "100", 5);
    sync::run(&a, now()).unwrap();
    let b = join(&b_sb, folder, &kit, now());
    let file = a_sb.path("before.age");
    backup(&mut a, &file, &[], false);
    // After the backup: a set from each device, both merged on a.
    log(a.conn(), "102.5", 5);
    sync::run(&a, now() + Duration::minutes(1)).unwrap();
    log(b.conn(), "105", 5);
    sync::run(&b, now() + Duration::minutes(2)).unwrap();
    sync::run(&a, now() + Duration::minutes(3)).unwrap();
    let everything = sets(a.conn());
    assert_eq!(everything.len(), 3);
    let own = sync::status(a.conn()).unwrap();
    drop(a);

    let exclusive = Vault::open_with(&a_sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    exclusive
        .restore_backup(&std::fs::read(&file).unwrap(), key, None, now())
        .unwrap();
    let a = Vault::open(&a_sb.dir(), Unlock::Keychain, now()).unwrap();
    assert_eq!(sets(a.conn()).len(), 1, "the backup's contents");
    let restored = sync::status(a.conn()).unwrap();
    assert_eq!((restored.device, restored.family), (own.device, own.family));
    assert_eq!(
        restored.devices[0].last_file, own.devices[0].last_file,
        "its sequence is kept"
    );

    sync::run(&a, now() + Duration::minutes(4)).unwrap();
    assert_eq!(
        sets(a.conn()),
        everything,
        "caught up with the family, its own later set too"
    );
    log(a.conn(), "107.5", 1);
    let next = sync::run(&a, now() + Duration::minutes(5)).unwrap();
    assert_eq!(next.sent, Some(own.devices[0].last_file + 1), "numbering goes on");
    sync::run(&b, now() + Duration::minutes(6)).unwrap();
    assert_eq!(sets(b.conn()), sets(a.conn()));
}

#[test]
fn a_members_backup_restored_on_a_new_machine_does_not_make_it_that_member() {
    let (a_sb, c_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let (mut a, kit) = member(&a_sb);
    sync::start(a.conn(), shared.path(), "laptop", now()).unwrap();
    log(a.conn(), "100", 5);
    sync::run(&a, now()).unwrap();
    let file = a_sb.path("a.age");
    backup(&mut a, &file, &[], false);

    let (c, _) = member(&c_sb);
    drop(c);
    let c = Vault::open_with(&c_sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    c.restore_into_new_vault(&std::fs::read(&file).unwrap(), key, None, now())
        .unwrap();
    let c = Vault::open(&c_sb.dir(), Unlock::Keychain, now()).unwrap();
    assert_eq!(sets(c.conn()), [(100_000, 5)], "the data came");
    assert!(
        !sync::status(c.conn()).unwrap().on,
        "but not a's place in the family"
    );
    assert!(matches!(sync::run(&c, now()), Err(SyncError::Off)));
}

#[test]
fn whoop_stays_on_the_device_that_connected_it_and_the_others_say_where() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let (a, kit) = member(&a_sb);
    crate::backup::seed(&a, "Whoop Holder Lift");
    sync::start(a.conn(), shared.path(), "laptop", now()).unwrap();
    sync::run(&a, now()).unwrap();
    assert_eq!(sync::whoop_elsewhere(a.conn()).unwrap(), None);
    let b = join(&b_sb, shared.path(), &kit, now());
    let tokens: i64 = b
        .conn()
        .query_row(
            "SELECT count(*) FROM whoop_account WHERE access_token IS NOT NULL OR refresh_token IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tokens, 0, "tokens never travel");
    assert_eq!(
        sync::whoop_elsewhere(b.conn()).unwrap().as_deref(),
        Some("laptop")
    );
    let status = ironkeep::whoop::status(&b).unwrap();
    assert_eq!(status.connected_on.as_deref(), Some("laptop"));
    assert!(status.next_step.unwrap().contains("connected on laptop"));
    let base = ironkeep::whoop::WhoopBase::parse("http://127.0.0.1:9").unwrap();
    let err = ironkeep::whoop::begin_sign_in(&b, &base).unwrap_err();
    assert_eq!(err.code(), "whoop_connected_elsewhere", "{err}");
    // The WHOOP records came with the snapshot, as any other row.
    let cycles: i64 = b
        .conn()
        .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cycles, 1);
}

#[test]
fn a_rotated_kit_is_carried_to_the_others_and_files_to_the_old_kit_still_read() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let (mut a, kit) = member(&a_sb);
    sync::start(a.conn(), shared.path(), "laptop", now()).unwrap();
    sync::run(&a, now()).unwrap();
    let b = join(&b_sb, shared.path(), &kit, now());
    let new_kit_file = a_sb.path("new-kit.txt");
    let new_kit = a.rotate_kit(&new_kit_file, now()).unwrap();

    log(a.conn(), "120", 1);
    sync::run(&a, now() + Duration::minutes(1)).unwrap();
    log(b.conn(), "80", 8);
    let lagging = sync::run(&b, now() + Duration::minutes(2)).unwrap();
    assert!(
        lagging
            .refused
            .iter()
            .any(|r| r.reason.contains("sync adopt-kit")),
        "b is told to take the new kit: {:?}",
        lagging.refused
    );
    let read = sync::run(&a, now() + Duration::minutes(3)).unwrap();
    assert_eq!(read.files_read, 1, "a still reads b's file to the old kit");
    assert_eq!(sets(a.conn()).len(), 2);

    let err = sync::adopt_kit(&b, &RecoveryKit::generate(), now()).unwrap_err();
    assert!(matches!(err, SyncError::KitOpensNothing), "{err}");
    sync::adopt_kit(&b, &RecoveryKit::read(&new_kit_file).unwrap(), now()).unwrap();
    sync::run(&b, now() + Duration::minutes(4)).unwrap();
    assert_eq!(sets(b.conn()), sets(a.conn()));
    assert_eq!(sets(b.conn()).len(), 2);
    assert_eq!(b.recipient().unwrap(), new_kit.recipient());
    drop(b);
    // The new kit alone now recovers b's vault (its key is wrapped to it).
    Vault::recover(
        &b_sb.dir(),
        &RecoveryKit::read(&new_kit_file).unwrap(),
        None,
        now(),
    )
    .unwrap();
}

#[test]
fn a_wiped_member_tells_the_family_it_left() {
    let (a_sb, b_sb, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let (a, kit) = member(&a_sb);
    sync::start(a.conn(), shared.path(), "laptop", now()).unwrap();
    sync::run(&a, now()).unwrap();
    let b = join(&b_sb, shared.path(), &kit, now());
    log(b.conn(), "90", 3);
    drop(b);
    let b = Vault::open_with(&b_sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let report = b.wipe(false, now() + Duration::minutes(1)).unwrap();
    assert!(report.left_sync_family);
    assert!(
        !b_sb.data().join(sync::LOCK_FILE).exists(),
        "no sync.lock left behind"
    );
    sync::run(&a, now() + Duration::minutes(2)).unwrap();
    let desktop = sync::devices(a.conn())
        .unwrap()
        .into_iter()
        .find(|d| d.name == "desktop")
        .unwrap();
    assert!(desktop.removed_at.is_some(), "the family knows it left");
    assert_eq!(
        sets(a.conn()),
        [(90_000, 3)],
        "what it logged before leaving arrived"
    );
}
