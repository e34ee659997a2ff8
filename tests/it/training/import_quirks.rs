//! Real exports import whole: float noise, decimals in whole-number columns, workouts left
//! running, empty planned sets, more header spellings; an imported session is never the
//! workout in progress; problems are reported grouped by kind.

use ironkeep::interchange::{
    self, ColumnChoice, ColumnMap, ImportError, ImportOptions, ImportReport, ParseOptions, Zone,
};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{History, Sessions, Unit};
use rusqlite::Connection;

use super::interchange::fixture;
use super::{count, db, now, session};

fn options() -> ImportOptions {
    ImportOptions {
        zone: Zone::parse("UTC").unwrap(),
        skip_invalid: false,
        dry_run: false,
    }
}

fn import_bytes(conn: &Connection, bytes: &[u8], unit: Option<Unit>) -> ImportReport {
    let parsed = interchange::parse(
        bytes,
        &ParseOptions {
            unit,
            ..ParseOptions::default()
        },
    )
    .unwrap();
    interchange::import(conn, &parsed, options(), now()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_imported_session_without_an_end_is_never_the_workout_in_progress() {
    let conn = db();
    import_bytes(&conn, &fixture("fitnotes_new.csv"), None);
    let zero = b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
        2024-03-04 18:02:11,Push,0s,Bench Press (Barbell),1,100,5,0,0,,,\n";
    import_bytes(&conn, zero, Some(Unit::Kg));
    let open: u32 = conn
        .query_row("SELECT count(*) FROM session WHERE ended_at IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(open, 3, "FitNotes dates and a zero duration give no end");
    let sessions = Sessions::new(&conn);
    assert_eq!(
        sessions.in_progress().unwrap(),
        None,
        "the logger must not resume an imported workout"
    );
    let page = History::new(&conn)
        .sessions(&HistoryFilter::default(), None, 20)
        .unwrap();
    assert!(
        page.items.iter().all(|s| !s.in_progress),
        "history and Today show imported sessions as ended, end unknown"
    );

    let live = session(&conn, 0);
    let current = sessions
        .in_progress()
        .unwrap()
        .expect("a session started here is in progress");
    assert_eq!(current.id, live);
    assert!(current.in_progress && sessions.get(1).is_ok_and(|s| !s.in_progress));
    assert_eq!(count(&conn, "session"), 4);
}

/// (exercise, weight milli, unit, reps, seconds, distance milli) of every set, in order.
type Facts = (
    String,
    Option<u32>,
    Option<String>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
);

fn sets(conn: &Connection) -> Vec<Facts> {
    conn.prepare(
        "SELECT e.name, s.weight_milli, s.weight_unit, s.reps, s.duration_s, s.distance_milli
         FROM session_set s JOIN session x ON x.id = s.session_id JOIN exercise e ON e.id = s.exercise_id
         ORDER BY x.started_at, s.position",
    )
    .unwrap()
    .query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// (sets added, empty sets skipped, sessions added, sessions with unknown end, non-set rows).
fn counts(report: &ImportReport) -> (u64, u64, u64, u64, u64) {
    (
        report.sets_added,
        report.empty_sets_skipped,
        report.sessions_added,
        report.sessions_end_unknown,
        report.non_set_rows_skipped,
    )
}

fn weights(conn: &Connection) -> Vec<(u32, String)> {
    sets(conn)
        .into_iter()
        .filter_map(|s| Some((s.1?, s.2?)))
        .collect()
}

#[test]
fn strong_classic_float_noise_decimals_a_workout_left_running_and_empty_sets() {
    let conn = db();
    let report = import_bytes(&conn, &fixture("strong_classic_quirks.csv"), Some(Unit::Kg));
    assert_eq!(counts(&report), (6, 2, 2, 1, 1), "{report:?}");
    assert_eq!(
        weights(&conn),
        [
            (75_000, "kg".into()),
            (75_000, "kg".into()),
            (125_000, "kg".into()),
            (102_500, "kg".into())
        ],
        "74.99999999999999 is 75, 125.00000000000001 is 125, 102.5 stays 102.5"
    );
    let all = sets(&conn);
    assert_eq!(all[0].3, Some(6), "6.0 reps are six");
    assert_eq!(
        all[2],
        ("Plank".into(), None, None, None, Some(600), None),
        "600.0 seconds"
    );
    assert_eq!(all[5].5, Some(1000), "a distance of 1.0");
    let legs: (String, Option<String>) = conn
        .query_row(
            "SELECT started_at, ended_at FROM session WHERE name = 'Legs'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        legs,
        ("2023-01-11T07:30:00Z".into(), None),
        "40h 10m: the start is kept, the end is unknown"
    );
    assert_eq!(Sessions::new(&conn).in_progress().unwrap(), None);
}

#[test]
fn strong_semicolon_and_2025_quoted_layouts_import_their_quirks() {
    let conn = db();
    let report = import_bytes(&conn, &fixture("strong_semicolon_quirks.csv"), None);
    assert_eq!(
        counts(&report),
        (4, 1, 2, 1, 0),
        "24h 45m left running: {report:?}"
    );
    assert_eq!(
        weights(&conn),
        [
            (140_000, "kg".into()),
            (25_000, "lb".into()),
            (33_333, "kg".into())
        ],
        "noise goes, 33.333 stays exactly"
    );
    assert_eq!(sets(&conn)[1].3, Some(8));

    let conn = db();
    let report = import_bytes(&conn, &fixture("strong_2025_quirks.csv"), None);
    assert_eq!(counts(&report), (3, 1, 2, 1, 0), "{report:?}");
    assert_eq!(weights(&conn), [(75_000, "kg".into()), (102_500, "kg".into())]);
    let all = sets(&conn);
    assert_eq!(
        (all[1].4, all[1].5),
        (Some(600), Some(1_000_000)),
        "1000.0 m and 600.0 s"
    );
    let end: Option<String> = conn
        .query_row(
            "SELECT ended_at FROM session WHERE started_at LIKE '2025-03-03%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        end.as_deref(),
        Some("2025-03-03T10:00:00Z"),
        "Duration (sec) 3600.0 is an hour"
    );
}

#[test]
fn german_and_french_wordings_import_with_their_quirks() {
    let conn = db();
    let report = import_bytes(&conn, &fixture("strong_german_wording.csv"), Some(Unit::Kg));
    assert_eq!(counts(&report), (3, 1, 2, 1, 0), "{report:?}");
    assert_eq!(
        weights(&conn),
        [
            (82_500, "kg".into()),
            (75_000, "kg".into()),
            (100_000, "kg".into())
        ]
    );
    assert_eq!(sets(&conn)[0].3, Some(8), "Wiederh. are reps");
    let end: Option<String> = conn
        .query_row(
            "SELECT ended_at FROM session WHERE name = 'Oberkörper'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(end.as_deref(), Some("2023-04-03T18:38:00Z"), "Dauer 1h 38min");

    let conn = db();
    let report = import_bytes(&conn, &fixture("strong_french_crlf.csv"), Some(Unit::Kg));
    assert_eq!(counts(&report), (2, 1, 1, 0, 0), "{report:?}");
    assert_eq!(weights(&conn), [(60_000, "kg".into()), (100_000, "kg".into())]);
    let note: String = conn
        .query_row(
            "SELECT notes FROM session_set WHERE weight_milli = 100000",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "bon, solide", "no stray carriage return, quoted comma kept");
}

#[test]
fn hevy_and_fitnotes_import_their_quirks() {
    let conn = db();
    let report = import_bytes(&conn, &fixture("hevy_quirks.csv"), None);
    assert_eq!(counts(&report), (2, 1, 1, 0, 0), "{report:?}");
    let all = sets(&conn);
    assert_eq!((all[0].1, all[0].3), (Some(75_000), Some(6)));
    assert_eq!((all[1].4, all[1].5), (Some(600), Some(1000)), "600.0 s, 1.0 km");

    let conn = db();
    let report = import_bytes(&conn, &fixture("fitnotes_quirks.csv"), None);
    assert_eq!(
        counts(&report),
        (3, 1, 1, 1, 0),
        "FitNotes has no end: {report:?}"
    );
    assert_eq!(weights(&conn), [(75_000, "kg".into()), (75_000, "kg".into())]);
    assert_eq!(sets(&conn)[2].4, Some(600));
}

#[test]
fn a_weight_with_more_than_three_real_decimals_is_a_grouped_problem_never_rounded() {
    let mut text = String::from(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n",
    );
    for set in 1..=12 {
        text.push_str(&format!(
            "2024-05-01 17:30:00;Pull;Deadlift (Barbell);{set};33.3333;kg;5;;;;0;;\n"
        ));
    }
    for set in 13..=15 {
        text.push_str(&format!(
            "2024-05-01 17:30:00;Pull;Deadlift (Barbell);{set};140;kg;abc{set};;;;0;;\n"
        ));
    }
    text.push_str("2024-05-01 17:30:00;Pull;Deadlift (Barbell);16;140;kg;5;;;;0;;\n");
    let parsed = interchange::parse(text.as_bytes(), &ParseOptions::default()).unwrap();
    let conn = db();
    let err = interchange::import(&conn, &parsed, options(), now()).unwrap_err();
    let message = err.to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "a heading and one line per kind: {message}");
    assert_eq!(
        lines[1],
        "12 rows: the weight 33.3333 has more than 3 decimals and is not float noise; Ironkeep will not round it (lines 2, 3, 4, 5, 6, …)"
    );
    assert_eq!(
        lines[2],
        "3 rows: unreadable reps, e.g. \"abc13\" is not a number of reps (lines 14, 15, 16)"
    );
    assert_eq!(count(&conn, "session_set"), 0, "nothing written");
    let report = interchange::import(
        &conn,
        &parsed,
        ImportOptions {
            skip_invalid: true,
            dry_run: true,
            ..options()
        },
        now(),
    )
    .unwrap();
    assert_eq!((report.invalid_rows_skipped, report.problems.len()), (15, 2));
    assert_eq!(
        report.problems[0].lines,
        [2, 3, 4, 5, 6],
        "the first five lines only"
    );
    assert_eq!(count(&conn, "session_set"), 0, "the dry run writes nothing");
}

#[test]
fn a_file_first_imported_with_skip_invalid_reimports_without_duplicates() {
    let header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n";
    let rows = [
        ("1", "75", "5", false),
        ("2", "74.99999999999999", "5", true),
        ("3", "80", "5", false),
        ("4", "80", "5", false),
        ("5", "80", "5.000000000000001", true),
        ("6", "60", "10", false),
    ];
    // The same content as a row imported then, under the number that row had.
    let squats = [
        ("1", "100", false),
        ("2", "99.99999999999999", true),
        ("3", "100", false),
    ];
    let file = |with_refused: bool| {
        let mut text = String::from(header);
        for (order, weight, reps, refused_before) in rows {
            if with_refused || !refused_before {
                text.push_str(&format!(
                    "2024-01-08 18:00:00,Push,1h,Bench Press (Barbell),{order},{weight},{reps},0,0,,,\n"
                ));
            }
        }
        for (order, weight, refused_before) in squats {
            if with_refused || !refused_before {
                text.push_str(&format!(
                    "2024-01-08 18:00:00,Push,1h,Squat (Barbell),{order},{weight},5,0,0,,,\n"
                ));
            }
        }
        text
    };
    // What earlier versions imported with --skip-invalid: every row but those they refused,
    // numbered without them.
    let conn = db();
    let first = import_bytes(&conn, file(false).as_bytes(), Some(Unit::Kg));
    assert_eq!(first.sets_added, 6);
    let mut newer = file(true);
    newer.push_str("2024-01-10 18:00:00,Pull,1h,Deadlift (Barbell),1,140,5,0,0,,,\n");
    let again = import_bytes(&conn, newer.as_bytes(), Some(Unit::Kg));
    assert_eq!(
        (again.sets_added, again.sets_already_present, again.sessions_added),
        (4, 6, 1),
        "only the three rows refused then and the new workout's set are added"
    );
    assert_eq!(count(&conn, "session_set"), 10);
    let third = import_bytes(&conn, newer.as_bytes(), Some(Unit::Kg));
    assert_eq!(
        (third.sets_added, third.sets_already_present),
        (0, 10),
        "and again: nothing"
    );
}

#[test]
fn an_unknown_wording_is_recognised_by_its_values_and_mapped_by_hand() {
    let bytes = fixture("strong_unknown_wording.csv");
    let err = interchange::parse(&bytes, &ParseOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("weight, reps, distance or seconds"),
        "no dead end without the measures: {err}"
    );
    let preview = interchange::preview(&bytes, 2, &ColumnMap::default()).unwrap();
    let fields: Vec<(&str, Option<&str>, bool)> = preview
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field.as_deref(), c.guessed))
        .collect();
    assert_eq!(
        &fields[..6],
        [
            ("Fecha", Some("date"), true),
            ("Nombre del entrenamiento", None, false),
            ("Duración", Some("duration"), true),
            ("Nombre del ejercicio", Some("exercise"), true),
            ("Orden de la serie", Some("set_order"), true),
            ("Peso", None, false),
        ],
        "dates, durations, set orders and the exercise are recognised by what they hold"
    );
    assert_eq!(
        preview.columns[5].values,
        ["40.0", "74.99999999999999"],
        "the first values"
    );

    let map = ColumnMap(
        ["Peso=weight", "7=reps", "nombre del entrenamiento=workout"]
            .iter()
            .map(|m| ColumnChoice::parse(m).unwrap())
            .collect(),
    );
    let parsed = interchange::parse(
        &bytes,
        &ParseOptions {
            unit: Some(Unit::Kg),
            columns: map,
            ..ParseOptions::default()
        },
    )
    .unwrap();
    let conn = db();
    let report = interchange::import(&conn, &parsed, options(), now()).unwrap();
    assert_eq!(counts(&report), (3, 1, 1, 0, 0), "{report:?}");
    assert_eq!(
        weights(&conn),
        [
            (40_000, "kg".into()),
            (75_000, "kg".into()),
            (50_000, "kg".into())
        ]
    );
    assert_eq!(sets(&conn)[1].3, Some(6));
    let name: String = conn
        .query_row("SELECT name FROM session", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Empuje", "the mapped workout name");
    assert!(ColumnChoice::parse("Peso=weigth").is_err() && ColumnChoice::parse("Peso").is_err());
    let missing = ColumnMap(vec![ColumnChoice::parse("Gewicht=weight").unwrap()]);
    assert!(matches!(
        interchange::preview(&bytes, 2, &missing),
        Err(ImportError::BadMap(_))
    ));
}

#[test]
fn the_cli_groups_problems_maps_columns_and_previews_files() {
    let sb = crate::harness::Sandbox::new();
    sb.init();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/training/fixtures");
    let bad = sb.path("bad.csv");
    let mut text = String::from(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n",
    );
    for set in 1..=400 {
        text.push_str(&format!(
            "2024-05-01 17:30:00;Pull;Deadlift (Barbell);{set};abc;kg;5;;;;0;;\n"
        ));
    }
    std::fs::write(&bad, text).unwrap();
    let refused = sb
        .cli(&["import", bad.to_str().unwrap(), "--dry-run"], "")
        .fails();
    assert_eq!(
        refused.stderr.trim_end(),
        "error: 400 row(s) could not be imported, nothing was written (use --skip-invalid to import the rest):\n  \
         400 rows: \"abc\" is not a weight (lines 2, 3, 4, 5, 6, …)",
        "one line per kind, not one per row"
    );

    let unknown = dir.join("strong_unknown_wording.csv");
    let unknown = unknown.to_str().unwrap();
    let shown = sb.cli(&["import", unknown, "--preview"], "").ok().stdout;
    assert!(
        shown.contains("Fecha")
            && shown.contains("date (guessed from the values)")
            && shown.contains("? (not read; --map it)"),
        "{shown}"
    );
    sb.cli(&["import", unknown, "--unit", "kg", "--tz", "UTC"], "")
        .fails();
    let report = sb
        .cli(
            &[
                "--json",
                "import",
                unknown,
                "--unit",
                "kg",
                "--tz",
                "UTC",
                "--map",
                "Peso=weight",
                "--map",
                "Repeticiones=reps",
            ],
            "",
        )
        .ok()
        .json();
    assert_eq!(
        (
            report["sets_added"].as_u64(),
            report["empty_sets_skipped"].as_u64()
        ),
        (Some(3), Some(1))
    );
    let typo = sb.cli(&["import", unknown, "--map", "Peso=wieght"], "").fails();
    assert!(typo.stderr.contains("is not a field"), "{}", typo.stderr);

    let quirks = dir.join("strong_classic_quirks.csv");
    let human = sb
        .cli(
            &["import", quirks.to_str().unwrap(), "--unit", "kg", "--tz", "UTC"],
            "",
        )
        .ok()
        .stdout;
    assert!(
        human.contains("6 set(s) added in 2 new session(s)")
            && human.contains("2 empty set(s) skipped")
            && human.contains("1 session(s) with no end in the file (end unknown)"),
        "{human}"
    );
    let finish = sb.cli(&["session", "finish"], "").fails();
    assert!(
        finish.stderr.contains("no session is in progress"),
        "an imported workout is not resumed by the CLI: {}",
        finish.stderr
    );
}
