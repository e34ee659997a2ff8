//! Whose recovery kit a restored vault has: a kit that opens a backup (someone else's, a
//! coach's) does not become the vault's kit unless the user adopts it explicitly.

use ironkeep::backup::{BackupError, BackupKey};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};

use super::{backup, has_exercise, seed, vault};
use crate::harness::{STRONG, Sandbox, mode, now};

/// A backup made by someone else's vault, encrypted to their kit only; returns (file, their kit).
fn someone_elses_backup(other: &Sandbox) -> (std::path::PathBuf, std::path::PathBuf) {
    let (mut v, kit) = vault(other);
    seed(&v, "Their Press");
    let file = other.path("theirs.age");
    backup(&mut v, &file, &[], false);
    (file, kit)
}

/// Whether `age -d -i kit file` decrypts.
fn age_opens(kit: &std::path::Path, file: &str) -> bool {
    std::process::Command::new("age")
        .args(["-d", "-i", kit.to_str().unwrap(), file])
        .output()
        .expect("age must be installed")
        .status
        .success()
}

#[test]
fn restoring_with_another_kit_keeps_the_vaults_own_kit() {
    let other = Sandbox::new();
    let (file, their_kit) = someone_elses_backup(&other);
    let sb = Sandbox::new();
    let my_kit = sb.init();
    let restored = sb
        .cli(
            &[
                "--json",
                "backup",
                "restore",
                file.to_str().unwrap(),
                "--kit",
                their_kit.to_str().unwrap(),
            ],
            "",
        )
        .ok()
        .json();
    assert_eq!(restored["adopted_kit"], false, "{restored}");
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert!(
        has_exercise(&v, "Their Press"),
        "the backup's contents are restored"
    );
    drop(v);
    sb.cli(&["key", "recover", "--kit", my_kit.to_str().unwrap()], "")
        .ok();
    let refused = sb
        .cli(&["key", "recover", "--kit", their_kit.to_str().unwrap()], "")
        .fails();
    assert!(
        refused.errors().contains("does not belong to this vault"),
        "the other kit opens nothing here: {}",
        refused.errors()
    );
    let made = sb.cli(&["--json", "backup", "create"], "").ok().json();
    let path = made["path"].as_str().unwrap();
    assert!(age_opens(&my_kit, path), "my own kit reads my new backups");
    assert!(
        !age_opens(&their_kit, path),
        "whoever sent the backup cannot read my new backups"
    );
}

#[test]
fn adopting_the_backups_kit_is_explicit_warned_and_saves_the_kit() {
    let other = Sandbox::new();
    let (file, their_kit) = someone_elses_backup(&other);
    let sb = Sandbox::new();
    let my_kit = sb.init();
    let args = [
        "backup",
        "restore",
        file.to_str().unwrap(),
        "--kit",
        their_kit.to_str().unwrap(),
        "--adopt-kit",
    ];
    sb.cli(&args, "").fails();
    let saved = sb.path("adopted-kit.txt");
    let run = sb
        .cli(
            &[&["--json"], &args[..], &["--kit-out", saved.to_str().unwrap()]].concat(),
            "",
        )
        .ok();
    assert_eq!(run.json()["adopted_kit"], true, "{}", run.stdout);
    assert!(
        run.errors().contains("warning:") && run.errors().contains("no longer open"),
        "adopting warns: {}",
        run.errors()
    );
    assert_eq!(mode(&saved), 0o600, "the adopted kit is saved privately");
    sb.cli(&["key", "recover", "--kit", saved.to_str().unwrap()], "")
        .ok();
    sb.cli(&["key", "recover", "--kit", my_kit.to_str().unwrap()], "")
        .fails();
    let made = sb.cli(&["--json", "backup", "create"], "").ok().json();
    assert!(age_opens(&saved, made["path"].as_str().unwrap()));
}

#[test]
fn only_a_backup_opened_with_one_kit_has_a_kit_to_adopt() {
    let sb = Sandbox::new();
    let (mut v, _) = vault(&sb);
    let request = ironkeep::backup::BackupRequest {
        sealing: ironkeep::backup::Sealing::Passphrase(STRONG.to_owned().into()),
        out: Some(sb.path("p.age")),
        armor: false,
        for_coach: false,
        automatic: false,
    };
    v.create_backup(&request, now()).unwrap();
    let recipient = v.recipient().unwrap();
    let refused = v.restore_adopting_kit(
        &std::fs::read(sb.path("p.age")).unwrap(),
        BackupKey::Passphrase(STRONG.to_owned().into()),
        None,
        now(),
    );
    assert!(matches!(refused, Err(BackupError::NoKitToAdopt)), "{refused:?}");
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    assert_eq!(v.recipient().unwrap(), recipient, "nothing changed");
}

#[test]
fn a_vault_made_for_a_restore_adopts_the_kit_that_opened_the_backup() {
    let other = Sandbox::new();
    let (file, their_kit) = someone_elses_backup(&other);
    let sb = Sandbox::new();
    let (v, _) = vault(&sb);
    let kit = RecoveryKit::read(&their_kit).unwrap();
    let recipient = kit.recipient();
    let receipt = v
        .restore_into_new_vault(
            &std::fs::read(&file).unwrap(),
            BackupKey::Kits(vec![kit]),
            None,
            now(),
        )
        .unwrap();
    assert!(receipt.adopted_kit);
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert_eq!(
        v.recipient().unwrap(),
        recipient,
        "first run keeps the backup's kit"
    );
}
