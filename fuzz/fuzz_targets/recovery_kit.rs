//! Fuzzes recovery-kit parsing: a kit file is user-supplied and may be anything.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ironkeep::RecoveryKit::parse(&secrecy::SecretString::from(text));
    }
});
