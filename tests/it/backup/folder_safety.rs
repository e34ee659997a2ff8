//! The backups folder is shared ground (synced from other machines, writable by others):
//! a file name cannot stop automatic backups, an entry that is not a regular file is
//! never read, and a folder the user chose keeps its mode (issue 14, items 6, 11, 9).

use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use chrono::TimeDelta;
use ironkeep::backup::{BackupError, MAX_FILE_BYTES, read_backup_file};
use ironkeep::vault::Access;
use ironkeep::{Unlock, Vault};

use super::{backup, vault};
use crate::harness::{Sandbox, mode, now};

/// The name of an automatic backup of `vault` made at `at`.
fn auto_name(vault: &Vault, at: chrono::DateTime<chrono::Utc>) -> String {
    format!("ironkeep-{}-auto-{}.age", vault.id(), at.format("%Y%m%dT%H%M%SZ"))
}

/// A vault, its backups folder (created), and the bytes of a real backup of it.
fn vault_and_folder(sb: &Sandbox) -> (Vault, std::path::PathBuf, Vec<u8>) {
    let (mut v, _) = vault(sb);
    let real = sb.path("real.age");
    backup(&mut v, &real, &[], false);
    let folder = v.backups_folder().unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    (v, folder, std::fs::read(real).unwrap())
}

#[test]
fn only_valid_backups_from_the_past_make_automatic_backups_look_fresh() {
    let sb = Sandbox::new();
    let (mut v, folder, real) = vault_and_folder(&sb);
    std::fs::write(folder.join(auto_name(&v, now() - TimeDelta::hours(1))), &real).unwrap();
    assert!(
        v.auto_backup(now()).unwrap().is_none(),
        "control: a real backup an hour old is fresh"
    );

    for (what, at, bytes) in [
        (
            "a real backup named a year ahead",
            now() + TimeDelta::days(365),
            real.clone(),
        ),
        (
            "junk named an hour ago",
            now() - TimeDelta::hours(1),
            b"not a backup".to_vec(),
        ),
    ] {
        let sb = Sandbox::new();
        let (mut v, folder, _) = vault_and_folder(&sb);
        std::fs::write(folder.join(auto_name(&v, at)), bytes).unwrap();
        assert!(
            v.auto_backup(now()).unwrap().is_some(),
            "{what} must not stop the automatic backup"
        );
    }
}

#[test]
fn entries_that_are_not_regular_files_are_refused_without_reading() {
    let sb = Sandbox::new();
    let (mut v, folder, _) = vault_and_folder(&sb);
    let zero = folder.join(auto_name(&v, now() - TimeDelta::hours(2)));
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = folder.join(auto_name(&v, now() - TimeDelta::hours(1)));
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let huge = folder.join("huge.age");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();

    let (tx, rx) = mpsc::channel();
    let paths = [zero.clone(), fifo.clone(), huge.clone()];
    std::thread::spawn(move || {
        for path in paths {
            tx.send((path.clone(), read_backup_file(&path))).unwrap();
        }
    });
    for _ in 0..3 {
        let (path, read) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("reading a device, a FIFO or a huge file must not hang");
        let refused = if path == huge {
            matches!(read, Err(BackupError::TooLarge { .. }))
        } else {
            matches!(read, Err(BackupError::NotAFile(_)))
        };
        assert!(refused, "{}: {read:?}", path.display());
    }
    let run = sb
        .cli(&["--json", "backup", "verify", zero.to_str().unwrap()], "")
        .fails();
    assert_eq!(run.json()["error"]["code"], "not_a_backup", "{}", run.stdout);
    assert!(
        v.auto_backup(now()).unwrap().is_some(),
        "neither entry counts as a recent automatic backup, and neither blocks"
    );
    let listed = v.list_backups().unwrap();
    assert_eq!(listed.len(), 1, "only the new real backup is listed: {listed:?}");
}

#[test]
fn a_chosen_folder_keeps_its_mode_and_a_new_one_is_private() {
    let sb = Sandbox::new();
    sb.init();
    let shared = sb.path("nas-share");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::os::unix::fs::PermissionsExt::from_mode(0o750)).unwrap();
    sb.cli(&["backup", "folder", shared.to_str().unwrap()], "").ok();
    let made = sb.cli(&["--json", "backup", "create"], "").ok().json();
    assert_eq!(mode(&shared), 0o750, "a group share stays a group share");
    assert_eq!(mode(std::path::Path::new(made["path"].as_str().unwrap())), 0o600);
    let log = std::fs::read_to_string(sb.data().join("logs/ironkeep.log")).unwrap_or_default();
    assert!(log.contains("open to other users"), "a warning instead: {log}");

    let fresh = sb.path("new/backups");
    sb.cli(&["backup", "folder", fresh.to_str().unwrap()], "").ok();
    sb.cli(&["backup", "create"], "").ok();
    assert_eq!(mode(&fresh), 0o700, "a folder Ironkeep creates is private");
    assert_eq!(mode(&sb.path("new")), 0o700, "and so are the parents it creates");
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Shared, now()).unwrap();
    assert_eq!(v.list_backups().unwrap().len(), 1);
}
