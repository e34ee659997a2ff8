//! Automatic backups (opt-out) after `session finish`, the `status` count of backups,
//! one open vault making several backups (the shared in-memory image), and the cleaning
//! of files an interrupted restore left behind.

use std::path::{Path, PathBuf};

use chrono::{TimeDelta, Utc};
use ironkeep::backup::{BackupError, BackupKey, RestoreMode, RestoreStep, auto_backup_for, read_backup};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};

use super::{backup, has_exercise, rows, seed, vault};
use crate::harness::{Sandbox, clear_keychain, now};

/// This vault's automatic backups in its default backups folder, sorted.
fn autos(sb: &Sandbox) -> Vec<PathBuf> {
    let prefix = format!("ironkeep-{}-auto-", sb.vault_id());
    let mut found: Vec<PathBuf> = std::fs::read_dir(sb.data().join("backups"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(&prefix))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Renames every automatic backup as if it had been made two days ago (or earlier).
fn age_autos(sb: &Sandbox) {
    for (i, path) in autos(sb).iter().enumerate() {
        let made = Utc::now() - TimeDelta::days(2) - TimeDelta::minutes(i as i64);
        let name = format!(
            "ironkeep-{}-auto-{}.age",
            sb.vault_id(),
            made.format("%Y%m%dT%H%M%SZ")
        );
        std::fs::rename(path, path.with_file_name(name)).unwrap();
    }
}

/// Starts, logs one set in and finishes a session through the CLI; returns its stderr.
fn finish_a_session(sb: &Sandbox) -> String {
    sb.cli(&["session", "start"], "").ok();
    sb.cli(&["session", "log", "-e", "Plank", "--duration", "1m"], "")
        .ok();
    sb.cli(&["session", "finish"], "").ok().errors()
}

#[test]
fn session_finish_makes_an_automatic_backup_when_due_and_enabled() {
    let sb = Sandbox::new();
    sb.init();
    let said = finish_a_session(&sb);
    assert_eq!(autos(&sb).len(), 1, "no backup existed: one is made ({said})");
    assert!(
        said.contains("Automatic backup written"),
        "the user is told: {said}"
    );
    let said = finish_a_session(&sb);
    assert_eq!(autos(&sb).len(), 1, "the newest is fresh: no second backup");
    assert!(!said.contains("Automatic backup"), "nothing to say: {said}");
    age_autos(&sb);
    finish_a_session(&sb);
    assert_eq!(autos(&sb).len(), 2, "the newest was two days old: a new one");

    let off = sb.cli(&["--json", "backup", "auto", "--disable"], "").ok().json();
    assert_eq!(off["enabled"], false, "{off}");
    std::fs::remove_file(&autos(&sb)[1]).unwrap();
    age_autos(&sb);
    finish_a_session(&sb);
    sb.cli(&["backup", "auto"], "").ok();
    assert_eq!(
        autos(&sb).len(),
        1,
        "turned off: neither finish nor the timer backs up"
    );
    let on = sb.cli(&["--json", "backup", "auto", "--enable"], "").ok().json();
    assert_eq!(on["enabled"], true, "{on}");
    assert!(on["created"].is_object(), "turned on and due: one is made: {on}");
    assert_eq!(autos(&sb).len(), 2);
}

#[test]
fn a_failed_automatic_backup_never_fails_the_finish() {
    let sb = Sandbox::new();
    sb.init();
    // A file where the backups folder should be: the backup cannot be written.
    std::fs::write(sb.data().join("backups"), b"not a folder").unwrap();
    let said = finish_a_session(&sb);
    assert!(
        said.contains("the automatic backup failed"),
        "the problem is reported: {said}"
    );
    let list = sb
        .cli(&["--json", "session", "list", "--limit", "1"], "")
        .ok()
        .json();
    assert!(
        list.to_string().contains("ended_at"),
        "the session was finished: {list}"
    );
}

#[test]
fn the_core_check_respects_the_setting_and_needs_a_vault_connection() {
    let sb = Sandbox::new();
    let (mut v, _) = vault(&sb);
    v.set_auto_backups(false).unwrap();
    assert!(!v.auto_backups_enabled().unwrap());
    assert!(v.auto_backup(now()).unwrap().is_none(), "off: no backup");
    assert!(
        auto_backup_for(v.conn(), now()).unwrap().is_none(),
        "off for the connection check too"
    );
    v.set_auto_backups(true).unwrap();
    assert!(
        auto_backup_for(v.conn(), now()).unwrap().is_some(),
        "on and none yet: the connection check makes one"
    );
    assert!(
        v.auto_backup(now() + TimeDelta::hours(1)).unwrap().is_none(),
        "fresh"
    );
    let other = rusqlite::Connection::open_in_memory().unwrap();
    assert!(
        matches!(auto_backup_for(&other, now()), Err(BackupError::NotAVault)),
        "a connection that is not a vault's is refused"
    );
}

#[test]
fn one_open_vault_makes_successive_backups_of_its_current_rows() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    let key = || BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    let first = sb.path("1.age");
    backup(&mut v, &first, &[], false);
    seed(&v, "Added Between");
    let second = sb.path("2.age");
    backup(&mut v, &second, &[], false);
    let one = read_backup(&std::fs::read(&first).unwrap(), &key()).unwrap();
    let two = read_backup(&std::fs::read(&second).unwrap(), &key()).unwrap();
    assert_eq!(
        rows(two.conn(), "exercise"),
        rows(one.conn(), "exercise") + 1,
        "the second image is built afresh, not the first one's leftovers"
    );
    assert_eq!(
        rows(v.conn(), "exercise"),
        rows(two.conn(), "exercise"),
        "the second backup holds the vault as it is"
    );
}

#[test]
fn status_counts_this_vaults_backups_by_name() {
    let sb = Sandbox::new();
    sb.init();
    let count = |sb: &Sandbox| {
        let status = sb.cli(&["--json", "status"], "").ok().json();
        status["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "backups")
            .unwrap_or_else(|| panic!("status counts backups: {status}"))["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(&sb), 0);
    sb.cli(&["backup", "create"], "").ok();
    sb.cli(&["backup", "auto"], "").ok();
    let folder = sb.data().join("backups");
    std::fs::write(folder.join("ironkeep-othervault-20261101T000000Z.age"), b"x").unwrap();
    std::fs::write(folder.join("notes.txt"), b"x").unwrap();
    assert_eq!(
        count(&sb),
        2,
        "a manual and an automatic backup; others' files are not counted"
    );
}

/// Leftovers an interrupted restore can leave beside `vault.db`.
fn leftovers(data: &Path) -> Vec<&'static str> {
    ["vault.db.restore", "vault.db.previous"]
        .into_iter()
        .filter(|name| data.join(name).exists())
        .collect()
}

#[test]
fn the_next_open_removes_an_interrupted_restores_files() {
    for step in [
        RestoreStep::Built,
        RestoreStep::PreviousKept,
        RestoreStep::Swapped,
    ] {
        let sb = Sandbox::new();
        let (mut v, kit) = vault(&sb);
        seed(&v, "Kept");
        let file = sb.path("b.age");
        backup(&mut v, &file, &[], false);
        let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
        v.restore_backup_until(
            &std::fs::read(&file).unwrap(),
            key,
            None,
            RestoreMode::KeepKit,
            step,
            now(),
        )
        .unwrap();
        assert!(
            !leftovers(&sb.data()).is_empty(),
            "{step:?}: the interrupted restore left files (or this test proves nothing)"
        );
        let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
        assert_eq!(
            leftovers(&sb.data()),
            Vec::<&str>::new(),
            "{step:?}: the open removed them"
        );
        assert!(has_exercise(&v, "Kept"), "{step:?}: the live vault is whole");
    }
}

#[test]
fn leftovers_stay_while_the_live_vault_does_not_open() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    v.restore_backup_until(
        &std::fs::read(&file).unwrap(),
        key,
        None,
        RestoreMode::KeepKit,
        RestoreStep::PreviousKept,
        now(),
    )
    .unwrap();
    clear_keychain(&sb.vault_id());
    assert!(
        Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Shared, now()).is_err(),
        "without its key the vault does not open"
    );
    assert_eq!(
        leftovers(&sb.data()),
        vec!["vault.db.restore", "vault.db.previous"],
        "nothing is removed while the live vault cannot be opened"
    );
}
