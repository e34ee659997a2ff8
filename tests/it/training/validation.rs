//! The first review's H-005 (no input validation) and M-005 (no size limits): every value
//! and every list is bounded in the core, with a typed error that names the problem.

use chrono::{Duration, TimeZone, Utc};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::routines::MAX_ENTRIES;
use ironkeep::training::sets::MAX_SETS_PER_SESSION;
use ironkeep::training::units::parse_duration;
use ironkeep::training::{
    Distance, DistanceUnit, ExercisesMut, History, NewExercise, RoutineEntry, RoutineInput, RoutinesMut, Rpe,
    SessionEdit, SessionsMut, SetInput, SetsMut, StartSession, TrainingError, Unit, Weight,
};

use super::{count, db, ex, kg, now, session};

#[test]
fn weights_are_bounded_exact_decimals() {
    for ok in ["0", "1000", "102.5", "102,5", "0.125", ".5", "2.500"] {
        assert!(Weight::parse(ok, Unit::Kg).is_ok(), "{ok} kg is a valid weight");
    }
    assert!(
        Weight::parse("2204.622", Unit::Lb).is_ok(),
        "2204.622 lb is just under 1000 kg"
    );
    for bad in [
        "-5", "1e3", "1.2345", "abc", "", "10 0", "+5", "NaN", "inf", "12345678",
    ] {
        assert!(
            matches!(
                Weight::parse(bad, Unit::Kg),
                Err(TrainingError::InvalidWeight(_) | TrainingError::WeightOutOfRange(_))
            ),
            "{bad:?} must be refused as a weight"
        );
    }
    for (text, unit) in [("1000.001", Unit::Kg), ("2204.63", Unit::Lb), ("5000", Unit::Kg)] {
        assert!(
            matches!(Weight::parse(text, unit), Err(TrainingError::WeightOutOfRange(_))),
            "{text} {unit} is over 1000 kg"
        );
    }
    assert!(
        Weight::from_milli(1_000_001, Unit::Kg).is_err(),
        "the raw constructor is bounded too"
    );
    let json: Result<Weight, _> = serde_json::from_str(r#"{"milli": 4000000, "unit": "kg"}"#);
    assert!(json.is_err(), "deserializing is bounded too (desktop input)");
}

#[test]
fn rpe_is_one_to_ten_in_half_steps() {
    assert_eq!(Rpe::parse("8.5").unwrap().halves(), 17);
    assert_eq!(Rpe::parse("10").unwrap().halves(), 20);
    assert_eq!(Rpe::parse("1").unwrap().halves(), 2);
    for bad in ["0.5", "10.5", "8.3", "0", "-1", "x", "11"] {
        assert!(
            matches!(Rpe::parse(bad), Err(TrainingError::InvalidRpe(_))),
            "RPE {bad} must be refused"
        );
    }
    assert!(
        serde_json::from_str::<Rpe>("21").is_err(),
        "deserialized RPE is bounded"
    );
}

#[test]
fn set_values_are_bounded() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let s = session(&conn, 0);
    let sets = SetsMut::new(&conn);
    let base = SetInput::working(squat, kg("100"), 5);
    let cases: Vec<(SetInput, &str)> = vec![
        (
            SetInput {
                reps: Some(1001),
                ..base.clone()
            },
            "reps",
        ),
        (
            SetInput {
                duration_s: Some(86_401),
                ..base.clone()
            },
            "duration",
        ),
        (
            SetInput {
                superset: Some(0),
                ..base.clone()
            },
            "superset",
        ),
        (
            SetInput {
                superset: Some(51),
                ..base.clone()
            },
            "superset",
        ),
        (
            SetInput {
                notes: "x".repeat(501),
                ..base.clone()
            },
            "notes",
        ),
        (
            SetInput {
                weight: None,
                reps: None,
                ..base.clone()
            },
            "empty",
        ),
    ];
    for (input, what) in cases {
        let err = sets.log(s, &input).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{what}: {err}");
    }
    assert!(
        Distance::parse("1000.001", DistanceUnit::Km).is_err(),
        "distance over 1000 km"
    );
    assert!(
        Distance::parse("700", DistanceUnit::Mi).is_err(),
        "700 miles is over 1000 km"
    );
    assert_eq!(count(&conn, "session_set"), 0, "nothing invalid was stored");
    sets.log(
        s,
        &SetInput {
            reps: Some(1000),
            ..base
        },
    )
    .expect("1000 reps is the limit, allowed");
}

#[test]
fn durations_read_the_formats_apps_write() {
    for (text, seconds) in [
        ("1h 17m", 4620),
        ("38min", 2280),
        ("55s", 55),
        ("90", 90),
        ("1:30", 90),
        ("1:00:05", 3605),
        ("2h", 7200),
    ] {
        assert_eq!(parse_duration(text).unwrap(), seconds, "{text}");
    }
    for bad in ["", "abc", "5x", "1:75", "25h", "-5"] {
        assert!(parse_duration(bad).is_err(), "{bad:?} is not a duration");
    }
}

#[test]
fn names_notes_and_lists_are_bounded() {
    let conn = db();
    let write = ExercisesMut::new(&conn);
    let new = |name: &str| NewExercise {
        name: name.to_owned(),
        kind: ironkeep::training::ExerciseKind::WeightReps,
        muscle: None,
        equipment: ironkeep::training::Equipment::Other,
    };
    for bad in ["", "   ", &"x".repeat(81), "bad\u{0}name", "tab\u{7}bell"] {
        assert!(
            matches!(write.add(&new(bad)), Err(TrainingError::InvalidName { .. })),
            "{bad:?} must be refused as a name"
        );
    }
    write
        .add(&new(&"x".repeat(80)))
        .expect("80 characters is the limit, allowed");
    let squat = ex(&conn, "Squat (Barbell)");
    let entry = RoutineEntry {
        exercise_id: squat,
        target_sets: 3,
        reps_min: Some(5),
        reps_max: None,
        weight: None,
        rest_seconds: None,
        superset: None,
    };
    let too_many = RoutineInput {
        name: "Huge".into(),
        notes: String::new(),
        entries: vec![entry.clone(); MAX_ENTRIES + 1],
    };
    assert!(matches!(
        RoutinesMut::new(&conn).create(&too_many, now()),
        Err(TrainingError::TooMany { .. })
    ));
    for bad in [
        RoutineEntry {
            target_sets: 0,
            ..entry.clone()
        },
        RoutineEntry {
            target_sets: 21,
            ..entry.clone()
        },
        RoutineEntry {
            reps_min: Some(12),
            reps_max: Some(8),
            ..entry.clone()
        },
        RoutineEntry {
            rest_seconds: Some(3601),
            ..entry.clone()
        },
    ] {
        let input = RoutineInput {
            name: "R".into(),
            notes: String::new(),
            entries: vec![bad.clone()],
        };
        assert!(
            RoutinesMut::new(&conn).create(&input, now()).is_err(),
            "{bad:?} must be refused"
        );
    }
    let notes = RoutineInput {
        name: "R".into(),
        notes: "n".repeat(2001),
        entries: vec![],
    };
    assert!(matches!(
        RoutinesMut::new(&conn).create(&notes, now()),
        Err(TrainingError::TooLong { .. })
    ));
    let s = session(&conn, 0);
    let sets = SetsMut::new(&conn);
    for _ in 0..MAX_SETS_PER_SESSION {
        sets.log(s, &SetInput::working(squat, kg("20"), 1)).unwrap();
    }
    assert!(
        matches!(
            sets.log(s, &SetInput::working(squat, kg("20"), 1)),
            Err(TrainingError::TooMany { .. })
        ),
        "a session holds at most {MAX_SETS_PER_SESSION} sets"
    );
}

#[test]
fn dates_are_plausible_and_ordered() {
    let conn = db();
    let write = SessionsMut::new(&conn);
    let start = |at| StartSession {
        started_at: at,
        ..StartSession::default()
    };
    assert!(
        write
            .start(
                &start(Utc.with_ymd_and_hms(1969, 12, 31, 0, 0, 0).unwrap()),
                now()
            )
            .is_err(),
        "before 1970"
    );
    assert!(
        write.start(&start(now() + Duration::days(3)), now()).is_err(),
        "in the future"
    );
    let s = write.start(&start(now()), now()).unwrap().session.id;
    let err = write
        .finish(s, now() - Duration::hours(1), false, now())
        .unwrap_err();
    assert!(
        matches!(err, TrainingError::InvalidDate { .. }),
        "an end before the start: {err:?}"
    );
    let edit = SessionEdit {
        started_at: Some(now() - Duration::hours(2)),
        ended_at: Some(now() - Duration::hours(3)),
        ..SessionEdit::default()
    };
    assert!(write.edit(s, &edit, now()).is_err(), "edits keep end after start");
    let history = History::new(&conn);
    for limit in [0, 101] {
        assert!(
            history.sessions(&HistoryFilter::default(), None, limit).is_err(),
            "page size {limit} refused"
        );
    }
    for cursor in ["garbage", "2026-01-01T00:00:00Z/x", "nope/5"] {
        assert!(
            matches!(
                history.sessions(&HistoryFilter::default(), Some(cursor), 10),
                Err(TrainingError::BadCursor)
            ),
            "cursor {cursor:?} refused"
        );
    }
}
