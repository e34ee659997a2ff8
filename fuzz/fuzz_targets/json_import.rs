//! Fuzzes the JSON import: an exported file may have been edited or crafted by anyone.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ironkeep::interchange::json::parse(data);
});
