//! Opening the vault: a raw 32-byte key from the keychain against SQLCipher's own
//! passphrase KDF (PBKDF2-HMAC-SHA512, 256,000 iterations), on the same database.
//!
//! Run under a real keychain: `scripts/with-keychain.sh cargo bench --bench open`.
//! Prints the median of each over `ROUNDS` opens; BENCHMARKS.md records the figures.

use std::time::Duration;

use chrono::Utc;
use ironkeep::vault::{DataDir, Unlock, Vault};
use rusqlite::Connection;
use secrecy::SecretString;

const ROUNDS: usize = 31;

#[path = "support/mod.rs"]
mod support;

fn measure(op: impl FnMut()) -> Duration {
    support::measure(ROUNDS, op)
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();

    let dir = DataDir::at(tmp.path().join("keychain"));
    let (vault, _kit) =
        Vault::create(&dir, None, now).expect("create a keychain vault (is a keychain running?)");
    drop(vault);
    let keychain_open = measure(|| {
        let vault = Vault::open(&dir, Unlock::Keychain, now).expect("open");
        vault.status().expect("first query");
    });

    // The same schema under SQLCipher's passphrase KDF (its default settings).
    let kdf_path = tmp.path().join("kdf.db");
    {
        let conn = Connection::open(&kdf_path).unwrap();
        conn.execute_batch("PRAGMA key = 'correct horse battery staple';")
            .unwrap();
        conn.execute_batch(include_str!("../migrations/0001_vault.sql"))
            .unwrap();
    }
    let kdf_open = measure(|| {
        let conn = Connection::open(&kdf_path).unwrap();
        conn.execute_batch("PRAGMA key = 'correct horse battery staple';")
            .unwrap();
        let _: i64 = conn
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
    });

    // Ironkeep's own passphrase mode: an age scrypt unwrap, then the raw key.
    let pass_dir = DataDir::at(tmp.path().join("passphrase"));
    let pass = "plank orbit velvet cactus meadow";
    drop(Vault::create(&pass_dir, Some(SecretString::from(pass)), now).expect("create a passphrase vault"));
    let passphrase_open = measure(|| {
        let vault = Vault::open(&pass_dir, Unlock::Passphrase(SecretString::from(pass)), now).expect("open");
        vault.status().expect("first query");
    });

    println!("median of {ROUNDS} opens (open + key + first query):");
    println!("  raw key from the keychain       {:>10.2?}", keychain_open);
    println!("  SQLCipher passphrase KDF        {:>10.2?}", kdf_open);
    println!("  age scrypt passphrase mode      {:>10.2?}", passphrase_open);
    println!(
        "  KDF / raw key ratio             {:>10.1}x",
        kdf_open.as_secs_f64() / keychain_open.as_secs_f64()
    );
}
