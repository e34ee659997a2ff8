//! Fuzzes reading a backup file: anyone can encrypt to a public recipient, so a backup is
//! untrusted input end to end. Half the runs feed raw bytes to the age layer; the other
//! half encrypt the input to a fixed test kit so the SQLite image checks behind it are
//! reached (defensive open, exact schema, integrity, manifest counts).
#![no_main]

use std::str::FromStr;
use std::sync::LazyLock;

use ironkeep::RecoveryKit;
use ironkeep::backup::{BackupKey, read_backup};
use libfuzzer_sys::fuzz_target;
use secrecy::SecretString;

const KIT: &str = include_str!("../../tests/it/backup/fixtures/kit-fixture.txt");

static KEY: LazyLock<BackupKey> = LazyLock::new(|| {
    BackupKey::Kits(vec![RecoveryKit::parse(&SecretString::from(KIT)).expect("fixture kit parses")])
});

static RECIPIENT: LazyLock<age::x25519::Recipient> = LazyLock::new(|| {
    let line = KIT.lines().find(|l| l.starts_with("AGE-SECRET-KEY-1")).expect("identity line");
    age::x25519::Identity::from_str(line).expect("identity").to_public()
});

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((flag, image)) if flag % 2 == 0 => {
            if let Ok(file) = age::encrypt(&*RECIPIENT, image) {
                let _ = read_backup(&file, &KEY);
            }
        }
        _ => {
            let _ = read_backup(data, &KEY);
        }
    }
});
