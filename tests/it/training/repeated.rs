//! Routines from repeated workouts: after an import, the workout names that come back
//! (Strong's "Upper A", "Lower A"…) are offered as routines, each built from its most
//! recent session; names that already have a routine, or that came up too rarely, are not.

use chrono::{Duration, FixedOffset};
use ironkeep::interchange::{self, ImportOptions, ParseOptions, Zone};
use ironkeep::training::repeated::{RepeatedWorkouts, routine_from_session};
use ironkeep::training::{
    RoutineInput, RoutinesMut, SessionsMut, SetInput, SetKind, SetsMut, StartSession, TrainingError,
};
use rusqlite::Connection;

use super::{db, ex, kg, now};

/// What a test compares of a routine entry: exercise, sets, reps min and max, weight.
type EntryFacts = (u32, u32, Option<u32>, Option<u32>, Option<String>);

/// A finished session named `name`, `days_ago` days back, with these (exercise, weight, reps) working sets.
fn workout(conn: &Connection, name: &str, days_ago: i64, sets: &[(u32, &str, u32)]) -> u32 {
    let write = SessionsMut::new(conn);
    let started = now() - Duration::days(days_ago);
    let id = write
        .start(
            &StartSession {
                name: Some(name.into()),
                started_at: started,
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id;
    let log = SetsMut::new(conn);
    for &(exercise, weight, reps) in sets {
        log.log(id, &SetInput::working(exercise, kg(weight), reps))
            .unwrap();
    }
    write
        .finish(id, started + Duration::hours(1), false, now())
        .unwrap();
    id
}

#[test]
fn names_seen_three_times_without_a_routine_are_offered_newest_first() {
    let conn = db();
    let (squat, bench) = (ex(&conn, "Squat (Barbell)"), ex(&conn, "Bench Press (Barbell)"));
    for days in [30, 20] {
        workout(&conn, "Upper A", days, &[(bench, "60", 8)]);
    }
    // Spelled as real exports do: another case, extra spaces.
    workout(&conn, " upper  a", 10, &[(bench, "62.5", 8)]);
    for days in [25, 15, 5] {
        workout(&conn, "Lower A", days, &[(squat, "100", 5)]);
    }
    for days in [24, 14] {
        workout(&conn, "Arms", days, &[(bench, "40", 12)]);
    }
    for days in [23, 13, 3] {
        workout(&conn, "Push", days, &[(bench, "70", 5)]);
    }
    RoutinesMut::new(&conn)
        .create(
            &RoutineInput {
                name: "PUSH".into(),
                ..RoutineInput::default()
            },
            now(),
        )
        .unwrap();

    let offered = RepeatedWorkouts::new(&conn).without_routine(3).unwrap();
    let seen: Vec<(&str, u32)> = offered.iter().map(|w| (w.name.as_str(), w.sessions)).collect();
    assert_eq!(
        seen,
        [("Lower A", 3), ("upper a", 3)],
        "newest first, as last written"
    );
}

#[test]
fn a_routine_is_built_from_the_most_recent_session_in_its_order() {
    let conn = db();
    let (squat, bench) = (ex(&conn, "Squat (Barbell)"), ex(&conn, "Bench Press (Barbell)"));
    let latest = workout(
        &conn,
        "Lower A",
        2,
        &[
            (squat, "100", 5),
            (squat, "100", 5),
            (squat, "105", 3),
            (bench, "60", 10),
        ],
    );
    // A warm-up is not a planned set.
    SetsMut::new(&conn)
        .log(
            latest,
            &SetInput {
                kind: SetKind::Warmup,
                ..SetInput::working(bench, kg("20"), 10)
            },
        )
        .unwrap();
    let routine = routine_from_session(&conn, latest, now()).unwrap();
    assert_eq!(routine.name, "Lower A");
    let entries: Vec<EntryFacts> = routine
        .entries
        .iter()
        .map(|e| {
            (
                e.exercise_id,
                e.target_sets,
                e.reps_min,
                e.reps_max,
                e.weight.map(|w| w.to_string()),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (squat, 3, Some(3), Some(5), Some("100 kg".into())),
            (bench, 1, Some(10), None, Some("60 kg".into())),
        ]
    );
    // Once is enough: the name is taken now, and nothing else changes.
    let again = routine_from_session(&conn, latest, now());
    assert!(matches!(again, Err(TrainingError::NameTaken { .. })), "{again:?}");
}

#[test]
fn workouts_a_strong_export_brought_in_count_though_their_end_is_unknown() {
    let conn = db();
    // Strong's semicolon export without a duration column: the sessions' end is unknown.
    let mut csv = String::from(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n",
    );
    for day in ["24", "26", "28"] {
        csv.push_str(&format!(
            "2024-11-{day} 07:00:00;Lower A;Squat (Barbell);1;90.00000000001;kg;5.0;;;;0;;\n"
        ));
    }
    let parsed = interchange::parse(csv.as_bytes(), &ParseOptions::default()).unwrap();
    let options = ImportOptions {
        zone: Zone::Fixed(FixedOffset::east_opt(0).unwrap()),
        skip_invalid: false,
        dry_run: false,
    };
    interchange::import(&conn, &parsed, options, now()).unwrap();
    // A workout in progress under the same name is not one more time it was done.
    SessionsMut::new(&conn)
        .start(
            &StartSession {
                name: Some("Lower A".into()),
                started_at: now(),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap();
    let offered = RepeatedWorkouts::new(&conn).without_routine(3).unwrap();
    let seen: Vec<(&str, u32)> = offered.iter().map(|w| (w.name.as_str(), w.sessions)).collect();
    assert_eq!(seen, [("Lower A", 3)]);
    let routine = routine_from_session(&conn, offered[0].latest_session_id, now()).unwrap();
    let weight = routine.entries[0].weight.map(|w| w.to_string());
    assert_eq!(
        weight.as_deref(),
        Some("90 kg"),
        "float noise in the export is not planned"
    );
}
