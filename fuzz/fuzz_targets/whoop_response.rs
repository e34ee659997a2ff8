//! Fuzzes parsing of WHOOP API responses: whatever arrives over the network is untrusted.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ironkeep::whoop::parse_any(data);
});
