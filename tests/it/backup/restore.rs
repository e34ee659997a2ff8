//! Restore: crash safety at every step, what it keeps from the current vault, exclusivity,
//! retention of automatic backups.

use std::process::Command;

use chrono::TimeDelta;
use ironkeep::backup::{BackupError, BackupKey, RestoreMode, RestoreStep, Retention};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};

use super::{TOKEN, backup, has_exercise, seed, vault};
use crate::harness::{Sandbox, now};

const STEPS: [RestoreStep; 7] = [
    RestoreStep::Built,
    RestoreStep::WrappedNext,
    RestoreStep::PendingStored,
    RestoreStep::PreviousKept,
    RestoreStep::Swapped,
    RestoreStep::Promoted,
    RestoreStep::Done,
];

#[test]
fn a_crash_at_any_step_leaves_a_whole_vault() {
    for step in STEPS {
        let sb = Sandbox::new();
        let (mut v, kit) = vault(&sb);
        seed(&v, "Before Backup");
        let file = sb.path("b.age");
        backup(&mut v, &file, &[], false);
        seed(&v, "After Backup");
        drop(v);
        let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
        let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
        v.restore_backup_until(
            &std::fs::read(&file).unwrap(),
            key,
            None,
            RestoreMode::KeepKit,
            step,
            now(),
        )
        .unwrap_or_else(|e| panic!("restore until {step:?}: {e}"));
        // The process "died" here; the next open must find a whole vault.
        let v = Vault::open(&sb.dir(), Unlock::Keychain, now())
            .unwrap_or_else(|e| panic!("after a crash at {step:?} the vault must open: {e}"));
        assert!(
            has_exercise(&v, "Before Backup"),
            "{step:?}: committed data is there"
        );
        let swapped = step >= RestoreStep::Swapped;
        assert_eq!(
            has_exercise(&v, "After Backup"),
            !swapped,
            "{step:?}: the vault is either the old one or the restored one, whole"
        );
        drop(v);
        let doctor = sb.cli(&["--json", "doctor"], "").json();
        assert_eq!(
            doctor["ok"], true,
            "after a crash at {step:?} and one open, all is settled: {doctor}"
        );
        assert!(
            !sb.data().join("key.kit.age.next").exists(),
            "{step:?}: leftover .next file"
        );
        // And the kit alone still opens it, with the keychain gone.
        let id = sb.vault_id();
        for account in [format!("vault-{id}"), format!("vault-{id}-pending")] {
            let _ = Command::new("secret-tool")
                .args(["clear", "service", "ironkeep", "username", &account])
                .status();
        }
        Vault::recover(&sb.dir(), &RecoveryKit::read(&kit).unwrap(), None, now())
            .unwrap_or_else(|e| panic!("after a crash at {step:?} the kit must recover the vault: {e}"));
    }
}

#[test]
fn restore_keeps_the_current_whoop_connection_and_needs_exclusive_access() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Whoop Keep");
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    drop(v);
    let shared = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    assert!(
        matches!(
            shared.restore_backup(&std::fs::read(&file).unwrap(), key, None, now()),
            Err(BackupError::NotExclusive)
        ),
        "restore refuses a shared vault"
    );
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    let receipt = v
        .restore_backup(&std::fs::read(&file).unwrap(), key, None, now())
        .unwrap();
    assert!(
        receipt.kept_whoop_connection,
        "the current WHOOP connection is kept"
    );
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    let token: String = v
        .conn()
        .query_row("SELECT access_token FROM whoop_account", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        token, TOKEN,
        "the tokens come from the current vault, not the backup"
    );
    assert_eq!(
        v.recipient().unwrap(),
        RecoveryKit::read(&kit).unwrap().recipient()
    );
    for leftover in ["vault.db.restore", "vault.db.previous", "key.kit.age.next"] {
        assert!(!sb.data().join(leftover).exists(), "{leftover} is cleaned up");
    }
}

#[test]
fn auto_backup_and_prune_touch_only_this_vaults_automatic_backups() {
    let sb = Sandbox::new();
    let (mut v, _) = vault(&sb);
    let folder = v.backups_folder().unwrap();
    assert!(
        v.auto_backup(now()).unwrap().is_some(),
        "the first automatic backup is made"
    );
    assert!(
        v.auto_backup(now() + TimeDelta::hours(23)).unwrap().is_none(),
        "no second backup within a day"
    );
    for day in 1..60 {
        v.auto_backup(now() + TimeDelta::days(day))
            .unwrap()
            .expect("one a day");
    }
    backup(&mut v, &folder.join("manual.age"), &[], false);
    // Another vault's automatic backup: a real backup file, so only its name sets it apart.
    std::fs::copy(
        folder.join("manual.age"),
        folder.join("ironkeep-othervault-auto-20261101T000000Z.age"),
    )
    .unwrap();
    let keep = Retention {
        daily: 7,
        weekly: 4,
        monthly: 3,
    };
    let dry = v.prune_backups(keep, true).unwrap();
    assert_eq!(
        dry.keep.len() + dry.delete.len(),
        60,
        "only this vault's 60 automatic backups are considered"
    );
    assert!(
        dry.keep.len() <= 14 && dry.keep.len() >= 7,
        "keeps about 7+4+3: {}",
        dry.keep.len()
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        62,
        "a dry run deletes nothing"
    );
    let done = v.prune_backups(keep, false).unwrap();
    assert_eq!(
        done.delete, dry.delete,
        "the dry run showed exactly what is deleted"
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        62 - done.delete.len()
    );
    assert!(
        folder.join("manual.age").exists()
            && folder
                .join("ironkeep-othervault-auto-20261101T000000Z.age")
                .exists()
    );
}

#[test]
fn a_restore_keeps_what_it_replaces_and_restoring_that_undoes_it() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Before Backup");
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    seed(&v, "After Backup");
    let folder = v.backups_folder().unwrap();
    let key = || BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);

    let refused = v.restore_backup_until(
        b"not a backup",
        key(),
        None,
        RestoreMode::KeepKit,
        RestoreStep::Done,
        now(),
    );
    assert!(refused.is_err(), "garbage is refused");
    assert!(
        std::fs::read_dir(&folder).map_or(0, |d| d.count()) == 0,
        "a refused backup writes no undo backup"
    );
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let receipt = v
        .restore_backup(&std::fs::read(&file).unwrap(), key(), None, now())
        .unwrap();
    let undo = std::path::PathBuf::from(receipt.undo_backup.expect("an undo backup"));
    assert_eq!(
        undo.parent(),
        Some(folder.as_path()),
        "it is in the backups folder"
    );
    let name = undo.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.contains("-before-restore-") && name.ends_with(".age"),
        "{name}"
    );
    assert_eq!(crate::harness::mode(&undo), 0o600);

    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    assert!(
        !has_exercise(&v, "After Backup"),
        "the restore replaced the contents"
    );
    let listed = v.list_backups().unwrap();
    assert!(
        listed
            .iter()
            .any(|b| b.path == undo.display().to_string() && !b.automatic),
        "listed as a kept (not automatic) backup: {listed:?}"
    );
    let plan = v
        .prune_backups(
            Retention {
                daily: 0,
                weekly: 0,
                monthly: 0,
            },
            true,
        )
        .unwrap();
    assert!(
        !plan.delete.iter().any(|p| p.contains("before-restore")),
        "pruning never deletes it"
    );

    // Undo, with the vault's own kits; a second restore in the same second gets its own name.
    let own = BackupKey::Kits(v.recovery_kits().unwrap());
    let again = v
        .restore_backup(&std::fs::read(&undo).unwrap(), own, None, now())
        .unwrap();
    let second = again.undo_backup.unwrap();
    assert!(
        second.ends_with("-2.age") && second != undo.display().to_string(),
        "{second}"
    );
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert!(
        has_exercise(&v, "After Backup") && has_exercise(&v, "Before Backup"),
        "restoring the undo backup brings back exactly what was replaced"
    );
}

#[test]
fn a_vault_made_for_a_restore_keeps_no_undo_backup() {
    let donor = Sandbox::new();
    let (mut d, kit) = vault(&donor);
    seed(&d, "Donor Lift");
    let file = donor.path("b.age");
    backup(&mut d, &file, &[], false);

    let sb = Sandbox::new();
    let (v, _) = vault(&sb);
    let folder = v.backups_folder().unwrap();
    let key = BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    let receipt = v
        .restore_into_new_vault(&std::fs::read(&file).unwrap(), key, None, now())
        .unwrap();
    assert_eq!(receipt.undo_backup, None);
    assert_eq!(
        std::fs::read_dir(&folder).map_or(0, |d| d.count()),
        0,
        "no file in the backups folder"
    );
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert!(has_exercise(&v, "Donor Lift"));
}
