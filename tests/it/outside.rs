//! Outside checks: stock tools read our files, so there is no lock-in — and stock tools
//! without the key read nothing.

use std::process::Command;

use crate::harness::{Sandbox, keychain_key};

/// The Python with `sqlcipher3-binary`: `IRONKEEP_TEST_PYTHON`, else `python3`.
fn python() -> String {
    std::env::var("IRONKEEP_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

#[test]
fn python_sqlcipher_reads_the_vault_with_the_keychain_key() {
    let sb = Sandbox::new();
    sb.init();
    let key = keychain_key(&sb.vault_id()).expect("secret-tool finds the key");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/outside/read_vault.py");
    let db = sb.data().join("vault.db");
    let out = Command::new(python())
        .arg(script)
        .arg(&db)
        .arg(&key)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python sqlcipher3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!(
            "schema_version={} first_event=vault_created cipher_version=4.",
            ironkeep::vault::migrate::LATEST
        )),
        "{stdout}"
    );

    let plain = Command::new("sqlite3")
        .arg(&db)
        .arg("SELECT count(*) FROM sqlite_master")
        .output()
        .expect("sqlite3 runs");
    assert!(
        !plain.status.success(),
        "stock sqlite3 without the key must not read the vault"
    );
    assert!(String::from_utf8_lossy(&plain.stderr).contains("not a database"));
}
