//! Key rotation, recovery from the kit, passphrase mode, the keychain's failure modes, and
//! the one-writer lock.

use std::process::Command;

use ironkeep::RecoveryKit;
use ironkeep::vault::{Access, RotationStep, Unlock, Vault, VaultError};
use secrecy::SecretString;

use crate::harness::{STRONG, Sandbox, clear_keychain, keychain_key, now, run};

#[test]
fn rotate_then_reopen() {
    let sb = Sandbox::new();
    sb.init();
    let id = sb.vault_id();
    let before = keychain_key(&id).unwrap();
    sb.cli(&["key", "rotate"], "").ok();
    let after = keychain_key(&id).unwrap();
    assert_ne!(before, after, "rotation must store a new key");
    let status = sb.cli(&["--json", "status"], "").ok().json();
    assert_eq!(status["vault_id"], id.as_str());
    sb.cli(&["doctor"], "").ok();
    // The old key no longer opens the database.
    let old = SecretString::from(before);
    ironkeep::keys::keychain::VaultKeychain::new(&id)
        .set(ironkeep::keys::keychain::Slot::Current, &old)
        .unwrap();
    assert!(matches!(
        Vault::open(&sb.dir(), Unlock::Keychain, now()),
        Err(VaultError::WrongKey)
    ));
}

#[test]
fn rotation_survives_a_crash_at_every_step() {
    let steps = [
        RotationStep::WrappedNext,
        RotationStep::PendingStored,
        RotationStep::Rekeyed,
        RotationStep::CurrentStored,
    ];
    for step in steps {
        // From the keychain: reopening after the "crash" works and finishes the rotation.
        let sb = Sandbox::new();
        sb.init();
        let mut vault = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
        vault.rotate_key_until(None, step, now()).unwrap();
        drop(vault);
        Vault::open(&sb.dir(), Unlock::Keychain, now())
            .unwrap_or_else(|e| panic!("after a crash at {step:?} the keychain must open the vault: {e}"));
        let doctor = sb.cli(&["--json", "doctor"], "").json();
        assert_eq!(
            doctor["ok"], true,
            "after a crash at {step:?} and one open, everything is settled: {doctor}"
        );
        assert!(
            !sb.data().join("key.kit.age.next").exists(),
            "{step:?}: leftover .next file"
        );

        // From the kit alone, with the keychain gone.
        let sb = Sandbox::new();
        let kit_path = sb.init();
        let id = sb.vault_id();
        let mut vault = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
        vault.rotate_key_until(None, step, now()).unwrap();
        drop(vault);
        clear_keychain(&id);
        let _ = Command::new("secret-tool")
            .args([
                "clear",
                "service",
                "ironkeep",
                "username",
                &format!("vault-{id}-pending"),
            ])
            .status();
        let kit = RecoveryKit::read(&kit_path).unwrap();
        Vault::recover(&sb.dir(), &kit, None, now())
            .unwrap_or_else(|e| panic!("after a crash at {step:?} the kit must recover the vault: {e}"));
        Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    }
}

#[test]
fn recover_from_kit_after_keychain_entry_deleted() {
    let sb = Sandbox::new();
    let kit = sb.init();
    let id = sb.vault_id();
    let key = keychain_key(&id).unwrap();
    clear_keychain(&id);
    sb.cli(&["status"], "").fails();
    let wrong_kit = sb.path("other-kit.txt");
    RecoveryKit::generate().save(&wrong_kit, "other", now()).unwrap();
    let run = sb
        .cli(
            &["--json", "key", "recover", "--kit", wrong_kit.to_str().unwrap()],
            "",
        )
        .fails();
    assert_eq!(
        run.json()["error"]["code"],
        "kit",
        "another vault's kit is refused: {}",
        run.stdout
    );
    sb.cli(&["key", "recover", "--kit", kit.to_str().unwrap()], "")
        .ok();
    assert_eq!(
        keychain_key(&id).unwrap(),
        key,
        "the recovered entry is the vault's key"
    );
    sb.cli(&["status"], "").ok();
}

#[test]
fn no_keychain_is_a_clear_error_and_creates_nothing() {
    let sb = Sandbox::new();
    let kit = sb.path("kit.txt");
    let run = sb
        .cli_env(
            &["init", "--kit-out", kit.to_str().unwrap()],
            "",
            &[(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/ironkeep-test-bus",
            )],
        )
        .fails();
    let message = run.errors();
    assert!(message.contains("no OS keychain is available"), "{message}");
    assert!(
        message.contains("init --passphrase"),
        "the way out is named: {message}"
    );
    assert_eq!(message.lines().count(), 1, "one line: {message}");
    assert!(!sb.data().exists(), "no data dir may be created");
    assert!(!kit.exists(), "no kit may be written");
}

#[test]
fn locked_keychain_is_a_clear_error_not_a_hang() {
    // Its own D-Bus session and keyring, so locking it cannot disturb other tests.
    let sb = Sandbox::new();
    let xdg = sb.path("xdg");
    std::fs::create_dir_all(&xdg).unwrap();
    let bin = env!("CARGO_BIN_EXE_ironkeep");
    let data = sb.data();
    let script = format!(
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
         {bin} --data-dir {d} init --kit-out {k} >/dev/null || exit 90; \
         dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
           org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null || exit 91; \
         {bin} --json --data-dir {d} status",
        d = data.display(),
        k = sb.path("kit.txt").display()
    );
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", "sh", "-c", &script]).env("XDG_DATA_HOME", &xdg);
    let out = run(cmd, "");
    assert_eq!(
        out.code,
        Some(1),
        "status must fail on a locked keychain: {} {}",
        out.stdout,
        out.stderr
    );
    let json = out.json();
    assert_eq!(json["error"]["code"], "keychain_locked", "{json}");
}

#[test]
fn weak_passphrase_is_refused() {
    let sb = Sandbox::new();
    let kit = sb.path("kit.txt");
    for weak in [
        "password123",
        "ironkeep2026",
        "qwertyuiop",
        "Squat2024!",
        "gymrat4life",
        "Deadlift#2024",
    ] {
        let run = sb
            .cli(
                &[
                    "--json",
                    "init",
                    "--passphrase",
                    "--kit-out",
                    kit.to_str().unwrap(),
                ],
                &format!("{weak}\n"),
            )
            .fails();
        assert_eq!(
            run.json()["error"]["code"],
            "weak_passphrase",
            "{weak}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains(weak), "the passphrase must not be echoed");
        assert!(
            !sb.data().exists() && !kit.exists(),
            "nothing may be created for a weak passphrase"
        );
    }
}

#[test]
fn passphrase_mode_needs_the_passphrase() {
    let sb = Sandbox::new();
    let kit = sb.path("kit.txt");
    sb.cli(
        &["init", "--passphrase", "--kit-out", kit.to_str().unwrap()],
        &format!("{STRONG}\n"),
    )
    .ok();
    let id = sb.vault_id();
    assert!(
        keychain_key(&id).is_none(),
        "passphrase mode must not touch the keychain"
    );
    let status = sb.cli(&["--json", "status"], &format!("{STRONG}\n")).ok().json();
    assert_eq!(status["key_mode"], "passphrase");
    let wrong = sb
        .cli(&["--json", "status"], "plank orbit velvet cactus meadoW\n")
        .fails();
    assert_eq!(wrong.json()["error"]["code"], "wrong_key");
    let none = sb.cli(&["status"], "").fails();
    assert!(none.errors().contains("no passphrase"), "{}", none.stderr);
    // Rotation in passphrase mode re-wraps the new key under the same passphrase.
    sb.cli(&["key", "rotate"], &format!("{STRONG}\n")).ok();
    sb.cli(&["doctor"], &format!("{STRONG}\n")).ok();
    // The kit recovers a forgotten passphrase, under a new one.
    let fresh = "granite lantern oboe tundra pepper";
    sb.cli(
        &["key", "recover", "--kit", kit.to_str().unwrap()],
        &format!("{fresh}\n"),
    )
    .ok();
    sb.cli(&["status"], &format!("{fresh}\n")).ok();
    sb.cli(&["status"], &format!("{STRONG}\n")).fails();
}

#[test]
fn exclusive_operations_refuse_while_vault_is_open_elsewhere() {
    let sb = Sandbox::new();
    sb.init();
    let held = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    let run = sb.cli(&["--json", "key", "rotate"], "").fails();
    assert_eq!(run.json()["error"]["code"], "vault_busy");
    assert!(
        run.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("open in another")
    );
    sb.cli(&["status"], "").ok();
    drop(held);
    let exclusive = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    let run = sb.cli(&["--json", "status"], "").fails();
    assert_eq!(
        run.json()["error"]["code"],
        "vault_busy",
        "ordinary use waits for an exclusive operation"
    );
    drop(exclusive);
    sb.cli(&["key", "rotate"], "").ok();
}
