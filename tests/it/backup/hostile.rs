//! Damaged and hostile backups: each a clear error, and nothing in the vault changes.

use ironkeep::backup::{BackupError, BackupKey, read_backup};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};

use super::{backup, seed, snapshot, tool, vault};
use crate::harness::{Sandbox, now};

/// Tries to restore `bytes`; asserts the error and that the data dir is byte-identical.
pub(super) fn refused(
    sb: &Sandbox,
    bytes: &[u8],
    key: BackupKey,
    what: &str,
    check: fn(&BackupError) -> bool,
) {
    let before = snapshot(sb);
    let vault = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let err = vault.restore_backup(bytes, key, None, now()).expect_err(what);
    assert!(check(&err), "{what}: unexpected error {err:?}");
    assert!(
        !err.to_string().is_empty() && err.to_string().len() < 300,
        "{what}: one clear sentence"
    );
    assert_eq!(snapshot(sb), before, "{what}: the vault must be left untouched");
}

pub(super) fn own_key(kit: &std::path::Path) -> BackupKey {
    BackupKey::Kits(vec![RecoveryKit::read(kit).unwrap()])
}

#[test]
fn damaged_or_foreign_files_are_refused() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Damage Dip");
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    drop(v);
    let good = std::fs::read(&file).unwrap();

    refused(
        &sb,
        &good,
        BackupKey::Kits(vec![RecoveryKit::generate()]),
        "wrong identity",
        |e| matches!(e, BackupError::WrongKey),
    );
    refused(&sb, &good[..good.len() - 200], own_key(&kit), "truncated", |e| {
        matches!(e, BackupError::Damaged)
    });
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    refused(&sb, &flipped, own_key(&kit), "flipped byte", |e| {
        matches!(e, BackupError::Damaged)
    });
    refused(
        &sb,
        b"PK\x03\x04 this is a zip file",
        own_key(&kit),
        "wrong file type",
        |e| matches!(e, BackupError::NotABackup),
    );
    let plain_db = std::fs::read(sb.data().join("vault.db")).unwrap();
    refused(&sb, &plain_db, own_key(&kit), "a database file", |e| {
        matches!(e, BackupError::NotABackup)
    });
    let mut huge_header = b"age-encryption.org/v1\n".to_vec();
    huge_header.extend(std::iter::repeat_n(b"-> X25519 AAAA\n".as_slice(), 100_000).flatten());
    refused(&sb, &huge_header, own_key(&kit), "a huge header", |e| {
        matches!(e, BackupError::Damaged | BackupError::NotABackup)
    });
    Vault::open(&sb.dir(), Unlock::Keychain, now()).expect("the vault still opens");
}

#[test]
fn a_header_with_more_than_64_recipients_is_refused() {
    // A valid backup for this vault, but encrypted to 64 strangers as well: its header
    // holds 65 stanzas (each an X25519 unwrap to try), one over the cap.
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Crowded Curl");
    let own = v.recipient().unwrap();
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    drop(v);
    let image = sb.path("image.sqlite");
    std::fs::write(
        &image,
        tool(
            "age",
            &["-d", "-i", kit.to_str().unwrap(), file.to_str().unwrap()],
        ),
    )
    .unwrap();
    let strangers: Vec<String> = (0..64).map(|_| RecoveryKit::generate().recipient()).collect();
    let crowded = sb.path("crowded.age");
    let mut args = vec!["-o", crowded.to_str().unwrap(), "-r", own.as_str()];
    for stranger in &strangers {
        args.extend(["-r", stranger.as_str()]);
    }
    args.push(image.to_str().unwrap());
    tool("age", &args);
    let bytes = std::fs::read(&crowded).unwrap();
    refused(&sb, &bytes, own_key(&kit), "65 recipients", |e| {
        matches!(e, BackupError::Damaged)
    });
}

#[test]
fn hostile_images_are_refused() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Hostile Hack Squat");
    let recipient = v.recipient().unwrap();
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    drop(v);
    let kit_s = kit.to_str().unwrap();
    let cases = [
        ("an extra table", "CREATE TABLE evil (x);", "unexpected table"),
        (
            "a trigger",
            "CREATE TRIGGER evil AFTER INSERT ON exercise BEGIN DELETE FROM exercise; END;",
            "unexpected trigger",
        ),
        (
            "a view",
            "CREATE VIEW evil AS SELECT * FROM exercise;",
            "unexpected view",
        ),
        ("a dropped index", "DROP INDEX audit_log_at;", "missing index"),
        (
            "a tampered count",
            "UPDATE backup_manifest SET value = '99' WHERE kind = 'count' AND name = 'exercise';",
            "manifest",
        ),
        (
            "a newer schema",
            "CREATE TABLE future (x); UPDATE vault_meta SET value = '999' WHERE key = 'schema_version'; \
             UPDATE backup_manifest SET value = '999' WHERE name = 'schema_version';",
            "newer",
        ),
    ];
    for (what, sql, expect) in cases {
        let image = sb.path("image.sqlite");
        let _ = std::fs::remove_file(&image);
        let plain = tool("age", &["-d", "-i", kit_s, file.to_str().unwrap()]);
        std::fs::write(&image, plain).unwrap();
        tool("sqlite3", &[image.to_str().unwrap(), sql]);
        let evil = sb.path("evil.age");
        let _ = std::fs::remove_file(&evil);
        tool(
            "age",
            &[
                "-r",
                &recipient,
                "-o",
                evil.to_str().unwrap(),
                image.to_str().unwrap(),
            ],
        );
        let bytes = std::fs::read(&evil).unwrap();
        let err = read_backup(&bytes, &own_key(&kit)).expect_err(what);
        assert!(
            err.to_string().contains(expect),
            "{what}: the error should say `{expect}`, got: {err}"
        );
        refused(&sb, &bytes, own_key(&kit), what, |e| {
            matches!(
                e,
                BackupError::UnknownSchema(_)
                    | BackupError::ManifestMismatch(_)
                    | BackupError::NewerSchema { .. }
            )
        });
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// The fuzz entry point never panics on arbitrary input, with or without an age header.
    #[test]
    fn read_backup_never_panics(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4096), header in proptest::prelude::any::<bool>()) {
        let mut bytes = if header { b"age-encryption.org/v1\n-> X25519 ".to_vec() } else { Vec::new() };
        bytes.extend(body);
        let result = read_backup(&bytes, &BackupKey::Kits(vec![RecoveryKit::generate()]));
        proptest::prop_assert!(result.is_err(), "random bytes are never a valid backup");
    }
}
