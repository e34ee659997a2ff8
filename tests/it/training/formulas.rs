//! CSV export never writes a live spreadsheet formula, and the JSON → CSV → import round
//! trip still keeps such names and notes exactly (issue 14, item 2).

use chrono::FixedOffset;
use ironkeep::interchange::{self, Format, ImportOptions, ParseOptions, Zone, csv_out, json};
use rusqlite::Connection;

use super::{db, now};

fn options() -> ImportOptions {
    ImportOptions {
        zone: Zone::Fixed(FixedOffset::east_opt(0).unwrap()),
        skip_invalid: false,
        dry_run: false,
    }
}

/// (workout name, workout notes, exercise name, set note) of every set, in order.
fn texts(conn: &Connection) -> Vec<(String, String, String, String)> {
    conn.prepare(
        "SELECT x.name, x.notes, e.name, s.notes
         FROM session_set s JOIN session x ON x.id = s.session_id JOIN exercise e ON e.id = s.exercise_id
         ORDER BY x.started_at, s.position",
    )
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn csv_export_writes_no_formulas_and_round_trips_them_as_text() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/training/fixtures/hevy_formulas.csv");
    let hostile = std::fs::read(path).unwrap();
    let imported = db();
    let parsed = interchange::parse(&hostile, &ParseOptions::default()).unwrap();
    interchange::import(&imported, &parsed, options(), now()).unwrap();
    let names = texts(&imported);
    assert!(
        names.iter().any(|t| t.2.starts_with("=HYPERLINK"))
            && names.iter().any(|t| t.2 == "'=already quoted by hand"),
        "a Hevy file's names are imported exactly as written: {names:?}"
    );

    // What arrives as JSON (an export from elsewhere) goes out as CSV.
    let from_json = db();
    let export = serde_json::to_vec(&json::export(&imported).unwrap()).unwrap();
    json::import(&from_json, &json::parse(&export).unwrap(), false, now()).unwrap();
    let mut csv = Vec::new();
    csv_out::export(&from_json, options().zone, &mut csv).unwrap();

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv.as_slice());
    let mut cells = 0;
    for record in reader.records() {
        for cell in &record.unwrap() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet would run {cell:?}"
            );
        }
    }
    assert!(cells > 0);
    let text = String::from_utf8(csv.clone()).unwrap();
    for inert in [
        "'=HYPERLINK",
        "'+cmd",
        "'@SUM",
        "'-2+3",
        "'=A1",
        "'@Garage Pull-up",
        "''=already",
        "''-1 on purpose",
    ] {
        assert!(
            text.contains(inert),
            "{inert} is written with its apostrophe:\n{text}"
        );
    }
    assert!(
        text.contains("\"it's - fine\"") || text.contains(";it's - fine;"),
        "ordinary text is as is:\n{text}"
    );

    let back = db();
    let parsed = interchange::parse(&csv, &ParseOptions::default()).unwrap();
    assert_eq!(parsed.format, Format::Strong);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    interchange::import(&back, &parsed, options(), now()).unwrap();
    assert_eq!(
        texts(&back),
        texts(&from_json),
        "every name and note comes back exactly, apostrophes the user typed included"
    );
}
