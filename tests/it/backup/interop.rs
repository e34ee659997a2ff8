//! No lock-in: the stock `age` and `sqlite3` tools read our backups, and an image the
//! `age` CLI encrypted restores in Ironkeep. Plus the golden fixtures per schema version.

use ironkeep::backup::{BackupKey, read_backup};
use ironkeep::vault::Access;
use ironkeep::vault::migrate::LATEST;
use ironkeep::{RecoveryKit, Unlock, Vault};

use super::{backup, has_exercise, seed, tool, vault};
use crate::harness::{Sandbox, now};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/backup/fixtures");

#[test]
fn stock_age_and_sqlite3_read_a_backup() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Interop Deadlift");
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    let image = sb.path("x.sqlite");
    tool(
        "age",
        &[
            "-d",
            "-i",
            kit.to_str().unwrap(),
            "-o",
            image.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    let out = tool(
        "sqlite3",
        &[
            image.to_str().unwrap(),
            "SELECT name FROM exercise WHERE name = 'Interop Deadlift';",
        ],
    );
    assert_eq!(
        String::from_utf8_lossy(&out).trim(),
        "Interop Deadlift",
        "sqlite3 reads the decrypted image"
    );
    let version = tool(
        "sqlite3",
        &[
            image.to_str().unwrap(),
            "SELECT value FROM backup_manifest WHERE name = 'schema_version';",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&version).trim(), LATEST.to_string());
}

#[test]
fn an_image_encrypted_by_the_age_cli_restores() {
    let sb = Sandbox::new();
    let (mut v, kit) = vault(&sb);
    seed(&v, "Cli Clean");
    let recipient = v.recipient().unwrap();
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    v.conn()
        .execute("DELETE FROM exercise WHERE name = 'Cli Clean'", [])
        .unwrap();
    drop(v);
    let plain = sb.path("x.sqlite");
    let kit_s = kit.to_str().unwrap();
    tool(
        "age",
        &[
            "-d",
            "-i",
            kit_s,
            "-o",
            plain.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    let by_cli = sb.path("cli.age");
    tool(
        "age",
        &[
            "-a",
            "-r",
            &recipient,
            "-o",
            by_cli.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let key = BackupKey::Kits(v.recovery_kits().unwrap());
    v.restore_backup(&std::fs::read(&by_cli).unwrap(), key, None, now())
        .expect("an age-CLI file restores");
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert!(
        has_exercise(&v, "Cli Clean"),
        "the restored vault holds the backed-up data"
    );
}

/// Writes the golden fixture for the current schema version (run with
/// `IRONKEEP_UPDATE_SNAPSHOTS=1`); otherwise checks that one exists for every version
/// and that each still restores.
#[test]
fn golden_fixtures_restore() {
    let fixture_kit = RecoveryKit::read(&std::path::Path::new(FIXTURES).join("kit-fixture.txt")).unwrap();
    let current = std::path::Path::new(FIXTURES).join(format!("backup-v{LATEST}.age"));
    if std::env::var_os("IRONKEEP_UPDATE_SNAPSHOTS").is_some() && !current.exists() {
        let sb = Sandbox::new();
        let (mut v, _) = vault(&sb);
        seed(&v, "Golden Press");
        backup(&mut v, &current, &[fixture_kit.recipient()], false);
    }
    for version in 1..=LATEST {
        let path = std::path::Path::new(FIXTURES).join(format!("backup-v{version}.age"));
        if !path.exists() {
            assert!(
                version < LATEST,
                "commit a golden backup fixture for schema version {LATEST}: {path:?}"
            );
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let kit = RecoveryKit::read(&std::path::Path::new(FIXTURES).join("kit-fixture.txt")).unwrap();
        let image = read_backup(&bytes, &BackupKey::Kits(vec![kit])).expect("the fixture verifies");
        assert_eq!(
            image.manifest.schema_version, version,
            "{path:?} is at its schema version"
        );
        let sb = Sandbox::new();
        let (v, _) = vault(&sb);
        let kit = RecoveryKit::read(&std::path::Path::new(FIXTURES).join("kit-fixture.txt")).unwrap();
        let receipt = v
            .restore_into_new_vault(&bytes, BackupKey::Kits(vec![kit]), None, now())
            .unwrap_or_else(|e| panic!("{path:?} must keep restoring: {e}"));
        assert_eq!(
            receipt.schema_version, LATEST,
            "restored fixtures are migrated forward"
        );
        let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
        assert!(
            has_exercise(&v, "Golden Press"),
            "{path:?}: the fixture's data is back"
        );
        assert_eq!(
            v.recipient().unwrap(),
            fixture_kit.recipient(),
            "the kit used becomes the kit of a vault made for the restore"
        );
    }
}
