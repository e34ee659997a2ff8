//! Import and export: Strong (comma/semicolon, with/without units, quoted, German), Hevy
//! (kg/lb, km/miles, set types, supersets), FitNotes (new/old layouts); dedup on
//! re-import; problem rows reported in full; dry runs; JSON and CSV round trips.

use chrono::{FixedOffset, TimeZone, Utc};
use ironkeep::interchange::{
    self, Format, ImportError, ImportOptions, ImportReport, ParseOptions, Zone, csv_out, json,
};
use ironkeep::training::{Exercises, SetKind, Unit};
use proptest::prelude::*;
use rusqlite::Connection;

use super::{count, db, kg, lb, now, stored_sets};

/// The bytes of a file in `fixtures/`.
pub(super) fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/training/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn utc() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(0).unwrap())
}

fn options() -> ImportOptions {
    ImportOptions {
        zone: utc(),
        skip_invalid: false,
        dry_run: false,
    }
}

fn import(conn: &Connection, name: &str, unit: Option<Unit>) -> ImportReport {
    let parsed = interchange::parse(
        &fixture(name),
        &ParseOptions {
            unit,
            ..ParseOptions::default()
        },
    )
    .unwrap();
    interchange::import(conn, &parsed, options(), now()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn strong_without_units_needs_a_unit_and_guesses_pounds() {
    let err =
        interchange::parse(&fixture("strong_classic_no_units.csv"), &ParseOptions::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::UnitNeeded { suggestion: Unit::Lb }),
        "45/135/225 suggest lb, got {err:?}"
    );
    let conn = db();
    let report = import(&conn, "strong_classic_no_units.csv", Some(Unit::Lb));
    assert_eq!(report.format, "strong");
    assert_eq!(
        (
            report.sets_added,
            report.sessions_added,
            report.non_set_rows_skipped
        ),
        (8, 2, 1),
        "the rest timer is skipped"
    );
    let all = stored_sets(&conn);
    assert_eq!(all[0].4, "warmup", "W is a warm-up");
    assert_eq!(all[3].4, "drop", "D is a drop set");
    assert_eq!(
        (all[1].1, all[1].2.as_deref()),
        (Some(135_000), Some("lb")),
        "weights keep the file's unit"
    );
    assert_eq!(all[2].5, Some(17), "RPE 8.5 kept");
    assert_eq!(all[7].6, Some(55), "a timed set keeps its seconds");
    let ends: Vec<(String, String)> = conn
        .prepare("SELECT started_at, ended_at FROM session ORDER BY started_at")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        ends[0],
        ("2024-03-04T18:02:11Z".into(), "2024-03-04T19:19:11Z".into()),
        "duration 1h 17m"
    );
    assert_eq!(ends[1].1, "2024-03-06T07:53:00Z", "duration 38min");
    let note: String = conn
        .query_row("SELECT notes FROM session WHERE name = 'Morning Legs'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(note, "Felt good", "workout notes kept");
}

#[test]
fn strong_semicolon_quoted_decimal_comma_and_german_headers() {
    let conn = db();
    let report = import(&conn, "strong_semicolon_units.csv", None);
    assert_eq!(report.sets_added, 4);
    let all = stored_sets(&conn);
    assert_eq!(
        (all[1].1, all[1].2.as_deref()),
        (Some(142_500), Some("kg")),
        "142,5 kg read exactly"
    );
    let distance: (u32, String) = conn
        .query_row(
            "SELECT distance_milli, distance_unit FROM session_set WHERE distance_milli IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(distance, (5000, "km".into()));
    let note: String = conn
        .query_row("SELECT notes FROM session_set WHERE rpe_half = 18", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(note, "belt; straps", "a quoted delimiter stays inside its field");

    let conn = db();
    let report = import(&conn, "strong_german.csv", None);
    assert_eq!(
        (report.sets_added, report.non_set_rows_skipped),
        (2, 1),
        "German headers, Pausen-Timer skipped"
    );
    assert_eq!(
        report.exercises_created,
        ["Kniebeuge (Langhantel)"],
        "unknown names become custom exercises"
    );
    let created = Exercises::new(&conn).by_name("Kniebeuge (Langhantel)").unwrap();
    assert!(
        created.needs_review && created.muscle.is_none(),
        "marked for the user to review"
    );
}

#[test]
fn hevy_units_set_types_supersets_and_float_noise() {
    let conn = db();
    let report = import(&conn, "hevy_kg.csv", None);
    assert_eq!(
        (report.format.as_str(), report.sets_added, report.sessions_added),
        ("hevy", 6, 2)
    );
    let all = stored_sets(&conn);
    let kinds: Vec<&str> = all.iter().map(|s| s.4.as_str()).collect();
    assert_eq!(
        kinds,
        ["warmup", "working", "working", "drop", "failure", "working"]
    );
    assert_eq!(all[1].1, Some(102_058), "Hevy's converted kg rounded to the gram");
    let groups: Vec<Option<u8>> = conn
        .prepare("SELECT superset FROM session_set ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(groups[2], groups[3], "curl and pushdown share a superset");
    assert!(groups[2].is_some() && groups[0].is_none());
    let notes: String = conn
        .query_row("SELECT notes FROM session WHERE name = 'Upper A'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(notes, "deload week");

    let conn = db();
    import(&conn, "hevy_lbs.csv", None);
    let all = stored_sets(&conn);
    assert_eq!(
        (all[0].1, all[0].2.as_deref()),
        (Some(225_000), Some("lb")),
        "weight_lbs stays in lb"
    );
    let mi: String = conn
        .query_row(
            "SELECT distance_unit FROM session_set WHERE distance_milli = 1500",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mi, "mi", "distance_miles stays in miles");
}

#[test]
fn fitnotes_identical_rows_stay_distinct_and_names_map_to_the_catalog() {
    let conn = db();
    let report = import(&conn, "fitnotes_new.csv", None);
    assert_eq!(report.format, "fitnotes");
    assert_eq!(
        (report.sets_added, report.sessions_added),
        (5, 2),
        "rows grouped by date; 3x5 stays three sets"
    );
    assert_eq!(report.exercises_created, ["Treadmill Run"]);
    let bench = Exercises::new(&conn).by_name("Bench Press (Barbell)").unwrap().id;
    let on_bench: u32 = conn
        .query_row(
            "SELECT count(*) FROM session_set WHERE exercise_id = ?1",
            [bench],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        on_bench, 4,
        "Flat Barbell Bench Press maps onto the catalog's bench press"
    );
    let treadmill = Exercises::new(&conn).by_name("Treadmill Run").unwrap();
    assert_eq!(
        treadmill.kind.as_str(),
        "cardio",
        "a row with distance makes a cardio exercise"
    );

    let again = import(&conn, "fitnotes_new.csv", None);
    assert_eq!(
        (again.sets_added, again.sets_already_present, again.sessions_added),
        (0, 5, 0),
        "re-import adds nothing"
    );

    let conn = db();
    import(&conn, "fitnotes_old.csv", None);
    assert_eq!(stored_sets(&conn)[1].1, Some(235_000));
    assert_eq!(
        stored_sets(&conn)[1].2.as_deref(),
        Some("lb"),
        "the older layout's Weight (lbs)"
    );
}

#[test]
fn reimporting_a_newer_cumulative_export_adds_only_what_is_new() {
    let conn = db();
    import(&conn, "strong_semicolon_units.csv", None);
    let mut newer = fixture("strong_semicolon_units.csv");
    newer.extend_from_slice(b"\"2024-05-03 17:30:00\";\"Push\";\"Bench Press (Barbell)\";\"1\";\"100\";\"kg\";\"5\";\"\";\"\";\"\";\"0\";\"\";\"\";\"40m\"\n");
    let parsed = interchange::parse(&newer, &ParseOptions::default()).unwrap();
    let report = interchange::import(&conn, &parsed, options(), now()).unwrap();
    assert_eq!(
        (
            report.sets_added,
            report.sets_already_present,
            report.sessions_added
        ),
        (1, 4, 1)
    );
    assert_eq!(count(&conn, "session_set"), 5);
}

#[test]
fn problem_rows_are_reported_in_full_and_nothing_is_written() {
    let conn = db();
    let parsed = interchange::parse(&fixture("strong_bad_rows.csv"), &ParseOptions::default()).unwrap();
    let err = interchange::import(&conn, &parsed, options(), now()).unwrap_err();
    let ImportError::BadRows(problems) = &err else {
        panic!("expected bad rows, got {err:?}")
    };
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7], "every bad line, by number: {problems:?}");
    assert!(
        err.to_string().contains("(line 3)") && err.to_string().contains("(line 7)"),
        "{err}"
    );
    assert_eq!(err.to_string().lines().count(), 6, "one line per kind: {err}");
    assert_eq!(count(&conn, "session_set"), 0, "nothing written");
    let skip = ImportOptions {
        skip_invalid: true,
        ..options()
    };
    let report = interchange::import(&conn, &parsed, skip, now()).unwrap();
    assert_eq!(
        (report.sets_added, report.invalid_rows_skipped),
        (2, 5),
        "--skip-invalid imports the rest"
    );
}

#[test]
fn dry_run_writes_nothing_and_zones_apply() {
    let conn = db();
    let parsed = interchange::parse(&fixture("hevy_kg.csv"), &ParseOptions::default()).unwrap();
    let report = interchange::import(
        &conn,
        &parsed,
        ImportOptions {
            dry_run: true,
            ..options()
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        report.sets_added, 6,
        "the dry run reports exactly what would happen"
    );
    assert_eq!(
        (count(&conn, "session_set"), count(&conn, "session")),
        (0, 0),
        "and writes nothing"
    );
    let plus2 = ImportOptions {
        zone: Zone::parse("+02:00").unwrap(),
        ..options()
    };
    interchange::import(&conn, &parsed, plus2, now()).unwrap();
    let start: String = conn
        .query_row("SELECT min(started_at) FROM session", [], |r| r.get(0))
        .unwrap();
    assert_eq!(start, "2024-07-26T05:45:00Z", "07:45 at +02:00 is 05:45 UTC");
    assert!(Zone::parse("Mars/Olympus").is_none() && Zone::parse("+15:00").is_none());
}

#[test]
fn json_export_import_export_is_lossless() {
    let conn = db();
    import(&conn, "strong_classic_no_units.csv", Some(Unit::Lb));
    import(&conn, "hevy_kg.csv", None);
    import(&conn, "strong_german.csv", None);
    let custom = Exercises::new(&conn)
        .by_name("Kniebeuge (Langhantel)")
        .unwrap()
        .id;
    let squat = Exercises::new(&conn).by_name("Squat (Barbell)").unwrap().id;
    ironkeep::training::ExercisesMut::new(&conn)
        .merge(custom, squat)
        .unwrap();
    ironkeep::training::BodyWeights::new(&conn)
        .log(now(), kg("81.3"), false, now())
        .unwrap();
    ironkeep::training::settings::Settings::new(&conn)
        .set_display_unit(Unit::Lb)
        .unwrap();
    ironkeep::training::RoutinesMut::new(&conn)
        .create(
            &ironkeep::training::RoutineInput {
                name: "Day A".into(),
                notes: "top set then back-offs".into(),
                entries: vec![ironkeep::training::RoutineEntry {
                    exercise_id: squat,
                    target_sets: 3,
                    reps_min: Some(3),
                    reps_max: Some(5),
                    weight: Some(lb("315")),
                    rest_seconds: Some(240),
                    superset: None,
                }],
            },
            now(),
        )
        .unwrap();
    let first = json::export(&conn).unwrap();
    let text = serde_json::to_vec(&first).unwrap();
    let fresh = db();
    let report = json::import(&fresh, &json::parse(&text).unwrap(), false, now()).unwrap();
    assert_eq!(report.sets_added, count(&conn, "session_set") as u64);
    let second = json::export(&fresh).unwrap();
    assert_eq!(
        second, first,
        "import -> export -> import -> export must be identical"
    );
    let again = json::import(&fresh, &first, false, now()).unwrap();
    assert_eq!(
        (again.sets_added, again.sessions_added),
        (0, 0),
        "importing the same export twice adds nothing"
    );
    assert!(json::parse(b"{\"format\":\"other\"}").is_err());
}

#[test]
fn csv_export_is_strong_semicolon_with_units_and_reimports() {
    let conn = db();
    import(&conn, "strong_classic_no_units.csv", Some(Unit::Lb));
    import(&conn, "strong_semicolon_units.csv", None);
    let mut out = Vec::new();
    let written = csv_out::export(&conn, utc(), &mut out).unwrap();
    assert_eq!(written, 12);
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        text.starts_with("Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Weight Unit;Reps"),
        "{text}"
    );
    let fresh = db();
    let parsed = interchange::parse(&out, &ParseOptions::default()).unwrap();
    assert_eq!(parsed.format, Format::Strong);
    interchange::import(&fresh, &parsed, options(), now()).unwrap();
    assert_eq!(
        stored_sets(&fresh),
        stored_sets(&conn),
        "weights, units, reps, kinds, RPE and seconds survive CSV"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn the_csv_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = interchange::parse_untrusted(&bytes);
    }

    #[test]
    fn the_parser_survives_mangled_real_files(cut in 0usize..400, junk in "[;,\"\\n0-9a-zA-Z ]{0,40}") {
        let mut bytes = fixture("hevy_kg.csv");
        let cut = cut.min(bytes.len());
        bytes.splice(cut..cut, junk.bytes());
        let _ = interchange::parse_untrusted(&bytes);
    }
}

#[test]
fn sizes_are_capped() {
    let err = interchange::parse(
        &vec![b'a'; interchange::MAX_FILE_BYTES + 1],
        &ParseOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err:?}");
    let long = format!(
        "Date,Exercise,Category,Weight,Weight Unit,Reps\n2024-01-01,{},Chest,1,kg,1\n",
        "x".repeat(5000)
    );
    let parsed = interchange::parse(long.as_bytes(), &ParseOptions::default()).unwrap();
    assert_eq!(parsed.problems.len(), 1, "an over-long field is a problem row");
    let when = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let _ = when;
    let _ = SetKind::Working;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Random sessions of random sets survive JSON export -> import -> export unchanged.
    #[test]
    fn json_round_trips_any_log(
        sets in proptest::collection::vec(
            (0u32..=1_000_000, any::<bool>(), proptest::option::of(0u32..=1000), proptest::option::of(2u8..=20), 0usize..4, any::<bool>()),
            1..40,
        ),
        notes in "[a-zA-Z0-9 ,;\"\n]{0,60}",
    ) {
        let conn = db();
        let bench = ironkeep::training::Exercises::new(&conn).by_name("Bench Press (Barbell)").unwrap().id;
        let s = super::session(&conn, 1);
        let kinds = [SetKind::Warmup, SetKind::Working, SetKind::Drop, SetKind::Failure];
        for (milli, pounds, reps, rpe, kind, done) in sets {
            let unit = if pounds { Unit::Lb } else { Unit::Kg };
            let Ok(weight) = ironkeep::training::Weight::from_milli(milli, unit) else { continue };
            let input = ironkeep::training::SetInput {
                rpe: rpe.map(|h| ironkeep::training::Rpe::from_halves(h).unwrap()),
                kind: kinds[kind],
                done,
                notes: notes.clone(),
                reps,
                ..ironkeep::training::SetInput::working(bench, weight, 0)
            };
            ironkeep::training::SetsMut::new(&conn).log(s, &input).unwrap();
        }
        let first = json::export(&conn).unwrap();
        let fresh = db();
        json::import(&fresh, &json::parse(&serde_json::to_vec(&first).unwrap()).unwrap(), false, now()).unwrap();
        prop_assert_eq!(json::export(&fresh).unwrap(), first);
    }
}

#[test]
fn overlong_names_and_notes_are_problems_not_truncations() {
    let text = format!(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Comment\n2024-01-01,{},Chest,1,kg,1,\n2024-01-01,Push Up,Chest,0,kg,10,{}\n2024-01-01,Push Up,Chest,0,kg,12,fine\n",
        "n".repeat(100),
        "c".repeat(501)
    );
    let parsed = interchange::parse(text.as_bytes(), &ParseOptions::default()).unwrap();
    assert_eq!(
        parsed.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        [3],
        "a 501-character note is a problem row"
    );
    let conn = db();
    let err = interchange::import(&conn, &parsed, options(), now()).unwrap_err();
    let ImportError::BadRows(problems) = err else {
        panic!("expected bad rows")
    };
    assert_eq!(
        problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        [2, 3],
        "a 100-character exercise name too"
    );
    assert_eq!(count(&conn, "session_set"), 0);
}

/// The UTC starts of every imported session, by workout name, oldest first.
fn starts(conn: &Connection) -> Vec<(String, String)> {
    conn.prepare("SELECT name, started_at FROM session ORDER BY started_at")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// What `strong_berlin_dst.csv` must become with `--tz Europe/Berlin`: CET (+01:00) before
/// 31 March 2024 02:00, CEST (+02:00) until 27 October 03:00; 02:30 on 31 March does not
/// exist (it moves an hour on, to 03:30 CEST) and 02:30 on 27 October happens twice (the
/// earlier, CEST, instant).
pub const BERLIN_STARTS: [(&str, &str); 5] = [
    ("Before spring", "2024-03-30T09:00:00Z"),
    ("In the gap", "2024-03-31T01:30:00Z"),
    ("After spring", "2024-03-31T08:00:00Z"),
    ("Twice", "2024-10-27T00:30:00Z"),
    ("After autumn", "2024-10-27T09:00:00Z"),
];

#[test]
fn iana_zones_follow_daylight_saving_changes() {
    let conn = db();
    let zone = Zone::parse("Europe/Berlin").expect("an IANA name is a zone");
    assert!(
        matches!(zone, Zone::Named(_)),
        "Europe/Berlin must keep its rules, not become one fixed offset"
    );
    let parsed = interchange::parse(&fixture("strong_berlin_dst.csv"), &ParseOptions::default()).unwrap();
    interchange::import(&conn, &parsed, ImportOptions { zone, ..options() }, now()).unwrap();
    let want: Vec<(String, String)> = BERLIN_STARTS
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    assert_eq!(
        starts(&conn),
        want,
        "local Berlin times must land on their UTC instants on both sides of each DST change"
    );
    assert!(
        Zone::parse("Europe/Atlantis").is_none() && Zone::parse(&"A/".repeat(100)).is_none(),
        "unknown or overlong zone names are refused"
    );
}

/// A Strong semicolon export of `rows` sets, 10 per workout, with one lift the catalog
/// does not know (so a cancelled import must not leave it behind either).
pub(crate) fn many_rows(rows: usize) -> Vec<u8> {
    let mut out = String::from(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n",
    );
    let start = Utc.with_ymd_and_hms(2020, 1, 6, 7, 0, 0).unwrap();
    for i in 0..rows {
        let at = start + chrono::Duration::days((i / 10) as i64);
        let lift = if i % 2 == 0 {
            "Squat (Barbell)"
        } else {
            "Zercher Squat"
        };
        out.push_str(&format!(
            "{};Day;{lift};{};{};kg;5;;;;0;;;1h\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            i % 10 + 1,
            60 + i % 50
        ));
    }
    out.into_bytes()
}

#[test]
fn imports_report_progress_and_can_be_cancelled_without_writing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let bytes = many_rows(3500);
    let parsed = interchange::parse(&bytes, &ParseOptions::default()).unwrap();
    let conn = db();
    let exercises_before = count(&conn, "exercise");
    let mut seen = Vec::new();
    let report = interchange::import_watched(
        &conn,
        &parsed,
        options(),
        now(),
        &mut |p| seen.push((p.rows_done, p.rows_total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(report.sets_added, 3500);
    assert!(
        seen.iter().all(|&(_, total)| total == 3500),
        "every report carries the total: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back: {seen:?}"
    );
    assert!(seen.len() >= 4, "a report at least every 1,000 rows: {seen:?}");
    assert_eq!(
        seen.last(),
        Some(&(3500, 3500)),
        "the last report says all rows are done"
    );

    let conn = db();
    let cancel = AtomicBool::new(false);
    let err = interchange::import_watched(
        &conn,
        &parsed,
        options(),
        now(),
        &mut |p| {
            if p.rows_done >= 2000 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(
        matches!(err, ImportError::Cancelled),
        "cancelling stops the import: {err:?}"
    );
    assert_eq!(
        (
            count(&conn, "session_set"),
            count(&conn, "session"),
            count(&conn, "exercise")
        ),
        (0, 0, exercises_before),
        "a cancelled import writes nothing: no sets, no sessions, no new exercises"
    );
    assert_eq!(err.code(), "cancelled");
}
