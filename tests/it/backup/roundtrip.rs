//! Round trips for each sealing, what a backup leaves out, and file modes.

use ironkeep::backup::{BackupError, BackupKey, BackupRequest, Sealing, read_backup};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};
use secrecy::SecretString;

use super::{CLIENT_SECRET, TOKEN, backup, has_exercise, rows, seed, tool, vault};
use crate::harness::{STRONG, Sandbox, mode, now};

/// Restores `file` into the sandbox's vault and reopens it.
fn restore(sb: &Sandbox, bytes: &[u8], key: BackupKey) -> Vault {
    let vault = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    vault.restore_backup(bytes, key, None, now()).expect("restore");
    Vault::open(&sb.dir(), Unlock::Keychain, now()).expect("the restored vault opens")
}

#[test]
fn round_trip_to_own_recipient() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Own Press");
    let file = sb.path("own.age");
    let receipt = backup(&mut v, &file, &[], false);
    assert_eq!(receipt.recipients, 1, "only the vault's own recipient");
    v.conn()
        .execute("DELETE FROM exercise WHERE name = 'Own Press'", [])
        .unwrap();
    drop(v);
    let bytes = std::fs::read(&file).unwrap();
    let v = restore(
        &sb,
        &bytes,
        BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]),
    );
    assert!(
        has_exercise(&v, "Own Press"),
        "the restored vault must hold the backed-up exercise"
    );
    assert_eq!(
        rows(v.conn(), "whoop_cycle"),
        1,
        "WHOOP records travel in backups"
    );
}

#[test]
fn round_trip_with_coach_recipient_and_armor() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Coach Row");
    let coach = RecoveryKit::generate();
    let file = sb.path("coach.age.asc");
    let request = BackupRequest {
        sealing: Sealing::Recipients(vec![coach.recipient()]),
        out: Some(file.clone()),
        armor: true,
        for_coach: true,
        automatic: false,
    };
    let receipt = v.create_backup(&request, now()).unwrap();
    assert_eq!(receipt.recipients, 2, "own recipient plus the coach");
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
        "armored output"
    );
    let header = ironkeep::backup::read_header(&bytes).unwrap();
    assert_eq!(
        header.recipients, 2,
        "the header shows two recipients without decrypting"
    );
    let image = read_backup(&bytes, &BackupKey::Kits(vec![coach])).expect("the coach opens it");
    assert_eq!(
        rows(image.conn(), "audit_log"),
        0,
        "a coach backup has no audit log"
    );
    assert!(image.manifest.for_coach);
    drop(v);
    let v = restore(
        &sb,
        &bytes,
        BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]),
    );
    assert!(
        has_exercise(&v, "Coach Row"),
        "the athlete restores the coach backup with the own kit"
    );
}

#[test]
fn round_trip_with_passphrase() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Phrase Curl");
    let file = sb.path("pass.age");
    let request = BackupRequest {
        sealing: Sealing::Passphrase(SecretString::from(STRONG)),
        out: Some(file.clone()),
        armor: false,
        for_coach: false,
        automatic: false,
    };
    assert_eq!(v.create_backup(&request, now()).unwrap().recipients, 0);
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        matches!(
            read_backup(&bytes, &BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()])),
            Err(BackupError::NeedsPassphrase)
        ),
        "a passphrase backup is not encrypted to the kit"
    );
    assert!(
        matches!(
            read_backup(
                &bytes,
                &BackupKey::Passphrase(SecretString::from("wrong horse battery staple x"))
            ),
            Err(BackupError::WrongPassphrase)
        ),
        "a wrong passphrase is a clear error"
    );
    v.conn()
        .execute("DELETE FROM exercise WHERE name = 'Phrase Curl'", [])
        .unwrap();
    drop(v);
    let v = restore(&sb, &bytes, BackupKey::Passphrase(SecretString::from(STRONG)));
    assert!(has_exercise(&v, "Phrase Curl"));
    let weak = BackupRequest {
        sealing: Sealing::Passphrase(SecretString::from("password")),
        out: Some(sb.path("weak.age")),
        armor: false,
        for_coach: false,
        automatic: false,
    };
    let mut v = v;
    assert!(
        matches!(v.create_backup(&weak, now()), Err(BackupError::WeakPassphrase(_))),
        "a weak passphrase is refused"
    );
    assert!(
        !sb.path("weak.age").exists(),
        "nothing written for a refused backup"
    );
}

#[test]
fn backups_hold_no_secrets_and_are_owner_only() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Secret Squat");
    let receipt = v
        .create_backup(
            &BackupRequest {
                sealing: Sealing::Recipients(Vec::new()),
                out: None,
                armor: false,
                for_coach: false,
                automatic: false,
            },
            now(),
        )
        .unwrap();
    let file = std::path::PathBuf::from(&receipt.path);
    assert_eq!(mode(&file), 0o600, "a backup is owner-only");
    assert_eq!(
        mode(file.parent().unwrap()),
        0o700,
        "the backups folder is owner-only"
    );
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".age"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file is left: {leftovers:?}");
    let plain = tool("age", &["-d", "-i", kit.to_str().unwrap(), &receipt.path]);
    let identity = crate::harness::kit_identity(&kit);
    for secret in [TOKEN, CLIENT_SECRET, identity.as_str()] {
        assert!(
            !plain.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the plaintext image must not contain {secret}"
        );
    }
    let image = read_backup(
        &std::fs::read(&file).unwrap(),
        &BackupKey::Kits(v.recovery_kits().unwrap()),
    )
    .unwrap();
    assert_eq!(
        rows(image.conn(), "whoop_account"),
        0,
        "no WHOOP credentials in a backup"
    );
    assert_eq!(
        rows(image.conn(), "recovery_identity"),
        0,
        "no recovery identity in a backup"
    );
    assert!(
        rows(image.conn(), "audit_log") > 0,
        "an own backup keeps the audit log"
    );
    let listed = v.list_backups().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].schema_version, Some(ironkeep::vault::migrate::LATEST));
    assert_eq!(listed[0].recipients, 1);
}

/// Watches `folders` until `stop` and returns every new file there that ever started like
/// a plain SQLite database (files that existed before are not ours and are skipped).
fn watch(
    folders: Vec<std::path::PathBuf>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<Vec<String>> {
    let existing = |folders: &[std::path::PathBuf]| -> Vec<std::path::PathBuf> {
        folders
            .iter()
            .flat_map(|f| {
                std::fs::read_dir(f)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
            })
            .collect()
    };
    let before = existing(&folders);
    std::thread::spawn(move || {
        let mut seen: Vec<String> = Vec::new();
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            for folder in &folders {
                for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
                    if before.contains(&entry.path()) {
                        continue;
                    }
                    let mut head = [0u8; 16];
                    let read = std::fs::File::open(entry.path())
                        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
                        .unwrap_or(0);
                    let name = entry.path().display().to_string();
                    if read == 16 && &head == b"SQLite format 3\0" && !seen.contains(&name) {
                        seen.push(name);
                    }
                }
            }
        }
        seen
    })
}

#[test]
fn no_plaintext_file_appears_during_create_or_restore() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Watched Bench");
    let folder = v.backups_folder().unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = watch(
        vec![sb.data(), folder.clone(), std::env::temp_dir()],
        stop.clone(),
    );
    let mut files = Vec::new();
    for _ in 0..5 {
        let receipt = v
            .create_backup(
                &BackupRequest {
                    sealing: Sealing::Recipients(Vec::new()),
                    out: Some(folder.join(format!("watched-{}.age", files.len()))),
                    armor: false,
                    for_coach: false,
                    automatic: false,
                },
                now(),
            )
            .unwrap();
        files.push(receipt.path);
    }
    drop(v);
    for file in &files[..2] {
        let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
        v.restore_backup(
            &std::fs::read(file).unwrap(),
            BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]),
            None,
            now(),
        )
        .unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let seen = watcher.join().unwrap();
    assert!(
        seen.is_empty(),
        "a plaintext SQLite file appeared on disk: {seen:?}"
    );
}
