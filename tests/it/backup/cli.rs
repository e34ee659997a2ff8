//! The `backup` and `wipe` commands, end to end through the binary.

use super::tool;
use crate::harness::{Sandbox, mode};

#[test]
fn cli_create_list_verify_restore() {
    let sb = Sandbox::new();
    let kit = sb.init();
    let coach = sb.path("coach.txt");
    tool("age-keygen", &["-o", coach.to_str().unwrap()]);
    let coach_recipient = String::from_utf8(tool("age-keygen", &["-y", coach.to_str().unwrap()])).unwrap();
    let made = sb
        .cli(
            &[
                "--json",
                "backup",
                "create",
                "--recipient",
                coach_recipient.trim(),
                "--for-coach",
            ],
            "",
        )
        .ok()
        .json();
    assert_eq!(made["recipients"], 2, "{made}");
    let path = made["path"].as_str().unwrap().to_owned();
    assert_eq!(mode(std::path::Path::new(&path)), 0o600);
    let list = sb.cli(&["--json", "backup", "list"], "").ok().json();
    assert_eq!(list["backups"].as_array().unwrap().len(), 1, "{list}");
    let verified = sb.cli(&["--json", "backup", "verify", &path], "").ok().json();
    assert_eq!(verified["ok"], true);
    let opened = sb
        .cli(
            &[
                "--json",
                "backup",
                "open",
                &path,
                "--kit",
                coach.to_str().unwrap(),
            ],
            "",
        )
        .ok()
        .json();
    assert_eq!(opened["manifest"]["for_coach"], true, "{opened}");
    let restored = sb
        .cli(
            &[
                "--json",
                "backup",
                "restore",
                &path,
                "--kit",
                kit.to_str().unwrap(),
            ],
            "",
        )
        .ok()
        .json();
    assert!(restored["schema_version"].as_u64().is_some(), "{restored}");
    sb.cli(&["status"], "").ok();
    let junk = sb.path("junk.age");
    std::fs::write(&junk, b"not a backup").unwrap();
    let run = sb
        .cli(&["--json", "backup", "verify", junk.to_str().unwrap()], "")
        .fails();
    assert_eq!(
        run.json()["error"]["code"],
        "not_a_backup",
        "a clear code for a wrong file type"
    );
    let mixed = sb.cli(
        &[
            "backup",
            "create",
            "--passphrase",
            "--recipient",
            coach_recipient.trim(),
        ],
        "",
    );
    assert!(
        mixed.fails().errors().contains("age forbids mixing"),
        "mixing is refused"
    );
}

#[test]
fn cli_wipe_needs_typed_confirmation_and_erases() {
    let sb = Sandbox::new();
    sb.init();
    let id = sb.vault_id();
    let made = sb.cli(&["--json", "backup", "create"], "").ok().json();
    let backup = std::path::PathBuf::from(made["path"].as_str().unwrap());
    let run = sb.cli(&["wipe"], "yes\n").fails();
    assert!(
        run.errors().contains("did not match"),
        "a wrong confirmation erases nothing"
    );
    assert!(sb.data().join("vault.db").exists());
    let run = sb.cli(&["wipe", "--backups"], &format!("wipe {id}\n")).ok();
    assert!(
        run.stdout.contains("stay readable with the recovery kit"),
        "{}",
        run.stdout
    );
    assert!(!sb.data().join("vault.db").exists(), "the database is gone");
    assert!(!sb.data().join("key.kit.age").exists(), "the wrapped key is gone");
    assert!(!backup.exists(), "--backups deletes this vault's backups");
    assert!(
        crate::harness::keychain_key(&id).is_none(),
        "the keychain entry is gone"
    );
}

#[test]
fn cli_wipe_of_a_passphrase_vault_needs_no_keychain() {
    // A passphrase vault on a machine without a keychain: nothing of it is in a keychain,
    // so erasing it must not depend on reaching one.
    let sb = Sandbox::new();
    let no_bus = [(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/ironkeep-test-bus",
    )];
    let kit = sb.path("kit.txt");
    let pass = format!("{}\n", crate::harness::STRONG);
    sb.cli_env(
        &["init", "--passphrase", "--kit-out", kit.to_str().unwrap()],
        &pass,
        &no_bus,
    )
    .ok();
    assert!(sb.data().join("vault.db").exists());
    sb.cli_env(&["wipe", "--yes"], &pass, &no_bus).ok();
    assert!(!sb.data().join("vault.db").exists(), "the database is gone");
    assert!(
        !sb.data().join("key.passphrase.age").exists(),
        "the wrapped key is gone"
    );
}
