//! Fuzzes the CSV importer: Strong, Hevy and FitNotes exports are files users bring from elsewhere.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ironkeep::interchange::parse_untrusted(data);
});
