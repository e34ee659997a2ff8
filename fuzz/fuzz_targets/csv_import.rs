//! Fuzzes the CSV importer: Strong, Hevy and FitNotes exports are files users bring from elsewhere.
//! Covers detection by header, recognition by content, a hand-made column map (derived from
//! the input's first byte) and the preview.
#![no_main]

use ironkeep::interchange::columns::FIELDS;
use ironkeep::interchange::{self, ColumnChoice, ColumnMap, ParseOptions};
use ironkeep::training::Unit;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = interchange::parse_untrusted(data);
    let _ = interchange::preview(data, 20, &ColumnMap::default());
    if let Some(&first) = data.first() {
        let map = ColumnMap(vec![ColumnChoice {
            column: (usize::from(first % 8) + 1).to_string(),
            field: FIELDS[usize::from(first) % FIELDS.len()].to_owned(),
        }]);
        let options = ParseOptions {
            unit: Some(Unit::Lb),
            columns: map,
            ..ParseOptions::default()
        };
        let _ = interchange::parse(data, &options);
    }
});
