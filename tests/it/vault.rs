//! The vault at rest: encrypted, owner-only, refusing wrong and missing keys.

use ironkeep::keys::DbKey;
use ironkeep::keys::keychain::{Slot, VaultKeychain};
use ironkeep::vault::{Access, Unlock, Vault, VaultError};

use crate::harness::{Sandbox, clear_keychain, keychain_key, kit_identity, mode, now};

#[test]
fn database_file_is_not_plaintext() {
    let sb = Sandbox::new();
    let kit = sb.init();
    let id = sb.vault_id();
    // Keep the vault open so the WAL and SHM files exist and get checked too.
    let vault = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    vault.conn().execute_batch("CREATE TEMP TABLE t(x); INSERT INTO audit_log (at, event) VALUES ('x', 'marker_event_squat_140kg');").unwrap();
    let key = keychain_key(&id).unwrap();
    let db = std::fs::read(sb.data().join("vault.db")).unwrap();
    assert!(
        !db.starts_with(b"SQLite format 3"),
        "the database must not be a plaintext SQLite file"
    );
    let files = sb.files();
    assert!(
        files.iter().any(|(p, _)| p.ends_with("vault.db-wal")),
        "the WAL must be checked as well"
    );
    let identity = kit_identity(&kit);
    let known = [
        "CREATE TABLE",
        "audit_log",
        "recovery_identity",
        "vault_created",
        "marker_event_squat_140kg",
        "AGE-SECRET-KEY-1",
        &identity,
        &key,
    ];
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for needle in known {
            assert!(
                !text.contains(needle),
                "{} contains plaintext {needle:?}",
                path.display()
            );
        }
    }
    drop(vault);
}

#[test]
fn wrong_key_is_refused_and_changes_nothing() {
    let sb = Sandbox::new();
    let kit = sb.init();
    let id = sb.vault_id();
    let keychain = VaultKeychain::new(&id);
    keychain
        .set(Slot::Current, &DbKey::generate().unwrap().to_hex())
        .unwrap();
    let before = sb.files();
    let err = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap_err();
    assert!(matches!(err, VaultError::WrongKey), "got {err:?}");
    assert!(
        err.to_string().contains("does not open this vault"),
        "the message says what happened: {err}"
    );
    let after = sb.files();
    let unchanged = |files: &[(std::path::PathBuf, Vec<u8>)]| {
        files
            .iter()
            .filter(|(p, _)| !p.ends_with("failed-unlocks"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        unchanged(&before),
        unchanged(&after),
        "a refused open must not change the vault's files"
    );
    // The CLI says the same on one line, and the kit still recovers the vault.
    let run = sb.cli(&["status"], "").fails();
    assert!(
        run.errors().contains("does not open this vault"),
        "{}",
        run.stderr
    );
    sb.cli(&["key", "recover", "--kit", kit.to_str().unwrap()], "")
        .ok();
    sb.cli(&["status"], "").ok();
}

#[cfg(unix)]
#[test]
fn files_are_owner_only() {
    let sb = Sandbox::new();
    sb.init();
    sb.cli_env(&["key", "rotate"], "", &[("IRONKEEP_LOG", "debug")])
        .ok();
    let vault = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    vault
        .conn()
        .execute("INSERT INTO audit_log (at, event) VALUES ('x', 'y')", [])
        .unwrap();
    assert_eq!(mode(&sb.data()), 0o700, "the data dir must be 0700");
    assert_eq!(mode(&sb.data().join("logs")), 0o700, "the logs dir must be 0700");
    let files: Vec<_> = sb.files().into_iter().map(|(p, _)| p).collect();
    for expected in [
        "vault.db",
        "vault.db-wal",
        "vault.db-shm",
        "key.kit.age",
        "vault.json",
        "ironkeep.lock",
        "ironkeep.log",
    ] {
        assert!(
            files.iter().any(|p| p.ends_with(expected)),
            "{expected} should exist; files: {files:?}"
        );
    }
    for path in &files {
        assert_eq!(mode(path), 0o600, "{} must be 0600", path.display());
    }
    drop(vault);
}

#[cfg(unix)]
#[test]
fn doctor_reports_mode_drift() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    sb.init();
    sb.cli(&["doctor"], "").ok();
    let db = sb.data().join("vault.db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = sb.cli(&["--json", "doctor"], "").fails();
    let report = run.json();
    assert_eq!(report["ok"], false);
    let modes = &report["checks"][0];
    assert_eq!(modes["name"], "file modes");
    assert_eq!(modes["ok"], false);
    assert!(
        modes["detail"].as_str().unwrap().contains("vault.db is 644"),
        "{modes}"
    );
    assert_eq!(mode(&db), 0o600, "opening the vault puts the mode back");
    let events = sb.cli(&["--json", "audit"], "").ok().json();
    assert!(
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "modes_repaired")
    );
    sb.cli(&["doctor"], "").ok();
}

#[test]
fn keys_are_random_per_vault() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    a.init();
    b.init();
    let (ida, idb) = (a.vault_id(), b.vault_id());
    assert_ne!(ida, idb, "each vault gets its own id");
    let (ka, kb) = (keychain_key(&ida).unwrap(), keychain_key(&idb).unwrap());
    assert_ne!(ka, kb, "two vaults must never share a key");
    for key in [&ka, &kb] {
        assert_eq!(key.len(), 64);
        assert!(
            key.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
            "lowercase hex: {key}"
        );
    }
}

#[test]
fn missing_key_is_refused_not_recreated() {
    let sb = Sandbox::new();
    sb.init();
    let id = sb.vault_id();
    let before = sb.files();
    clear_keychain(&id);
    let run = sb.cli(&["--json", "status"], "").fails();
    assert_eq!(run.json()["error"]["code"], "key_missing");
    assert!(
        run.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("key recover --kit")
    );
    assert_eq!(
        sb.files(),
        before,
        "a missing key must not create or change anything"
    );
    assert!(keychain_key(&id).is_none(), "no new key may be invented");
    let run = sb
        .cli(&["init", "--kit-out", sb.path("kit2.txt").to_str().unwrap()], "")
        .fails();
    assert!(
        run.errors().contains("already holds an Ironkeep vault"),
        "{}",
        run.stderr
    );
}

#[test]
fn newer_schema_is_refused() {
    let sb = Sandbox::new();
    sb.init();
    let vault = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    vault.conn().pragma_update(None, "user_version", 99).unwrap();
    drop(vault);
    let err = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap_err();
    assert!(
        matches!(err, VaultError::NewerSchema { found: 99, .. }),
        "got {err:?}"
    );
    let run = sb.cli(&["status"], "").fails();
    assert!(
        run.errors().contains("newer than this Ironkeep understands"),
        "{}",
        run.stderr
    );
    let version: u32 = {
        let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now());
        assert!(v.is_err(), "the refusal must be stable across attempts");
        99
    };
    assert_eq!(version, 99);
}
