//! The exercise catalog and the user's own exercises: at least 400 lifts with slugs and
//! muscles, the spellings other apps use, names unique ignoring case, rename, merge,
//! archive, and weekly volume on primary muscles only.

use chrono::Duration;
use ironkeep::training::catalog::Catalog;
use ironkeep::training::exercises::{Equipment, ExerciseKind, Muscle};
use ironkeep::training::volume;
use ironkeep::training::{
    Exercises, ExercisesMut, NewExercise, RoutineEntry, RoutineInput, Routines, RoutinesMut, SetInput, Sets,
    SetsMut, TrainingError,
};

use super::{db, ex, kg, now, session};

fn custom(name: &str) -> NewExercise {
    NewExercise {
        name: name.to_owned(),
        kind: ExerciseKind::WeightReps,
        muscle: Some(Muscle::Chest),
        equipment: Equipment::Machine,
    }
}

#[test]
fn catalog_has_four_hundred_lifts_of_every_kind_in_every_vault() {
    let conn = db();
    let all = Exercises::new(&conn).list(false).unwrap();
    let builtin: Vec<_> = all.iter().filter(|e| e.builtin).collect();
    assert!(
        builtin.len() >= 400,
        "the catalog must hold at least 400 lifts, has {}",
        builtin.len()
    );
    assert_eq!(
        builtin.len() as u32,
        Catalog::new(&conn).len().unwrap(),
        "a fresh vault holds every catalog lift"
    );
    for kind in ExerciseKind::ALL {
        assert!(
            builtin.iter().any(|e| e.kind == *kind),
            "the catalog needs a {kind} exercise"
        );
    }
    for equipment in Equipment::ALL {
        assert!(
            builtin.iter().filter(|e| e.equipment == *equipment).count() >= 10,
            "the catalog needs many {equipment} lifts"
        );
    }
    assert!(
        builtin.iter().all(|e| e.muscle.is_some() && !e.needs_review),
        "every built-in lift has a muscle group"
    );
    let unslugged: u32 = conn
        .query_row(
            "SELECT count(*) FROM exercise WHERE builtin = 1 AND slug IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unslugged, 0, "every built-in lift has a slug");
    let squat = Catalog::new(&conn).entry("squat-barbell").unwrap().unwrap();
    assert_eq!(squat.name, "Squat (Barbell)");
    assert_eq!(squat.muscle, Muscle::Quads);
    assert!(
        squat.secondary.contains(&Muscle::Glutes) && !squat.secondary.contains(&Muscle::Quads),
        "secondary muscles are kept apart from the primary: {:?}",
        squat.secondary
    );
}

#[test]
fn strong_hevy_and_fitnotes_spellings_land_on_the_catalog_lift() {
    let conn = db();
    let catalog = Catalog::new(&conn);
    for (spelling, lift) in [
        ("Bench Press (Barbell)", "Bench Press (Barbell)"),
        ("Squat (Barbell)", "Squat (Barbell)"),
        ("Chin Up", "Chin Up"),
        (
            "Lat Pulldown - Close Grip (Cable)",
            "Lat Pulldown - Close Grip (Cable)",
        ),
        ("Triceps Pushdown", "Triceps Pushdown (Cable)"),
        ("Face Pull", "Face Pull (Cable)"),
        ("Face pull", "Face Pull (Cable)"),
        ("Flat Barbell Bench Press", "Bench Press (Barbell)"),
        ("Barbell Squat", "Squat (Barbell)"),
        ("Squat", "Squat (Barbell)"),
        ("Chin-Ups", "Chin Up"),
        ("Lateral Raise (Dumbbells)", "Lateral Raise (Dumbbell)"),
        ("dumbbell lateral raises", "Lateral Raise (Dumbbell)"),
        ("Hammer Curl (Dumbbell )", "Hammer Curl (Dumbbell)"),
        (
            "Seated Shoulder  Press (Barbell)",
            "Seated Shoulder Press (Barbell)",
        ),
        (
            "Bench Press - Close Grip (Barbell)",
            "Close Grip Bench Press (Barbell)",
        ),
        ("Snatch (Barbell)", "Snatch"),
        ("kettlebell Swings", "Kettlebell Swing"),
        ("Tricep pushdown", "Triceps Pushdown (Cable)"),
        ("Lat pulldown (close grip)", "Lat Pulldown - Close Grip (Cable)"),
        ("Squat (Smith Machine)", "Squat (Smith Machine)"),
        ("Weighted dips", "Triceps Dip"),
        ("Running (Treadmill)", "Running"),
    ] {
        let found = catalog
            .resolve(spelling)
            .unwrap()
            .unwrap_or_else(|| panic!("{spelling:?} finds no lift"));
        assert_eq!(found.name, lift, "{spelling:?}");
    }
    for unknown in ["Rope Never Ending", "Curl (Kettlebell)", "---"] {
        assert_eq!(
            catalog.resolve(unknown).unwrap(),
            None,
            "{unknown:?} is no catalog lift"
        );
    }
}

#[test]
fn weekly_volume_counts_the_primary_muscle_only() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    assert!(
        !Catalog::new(&conn)
            .entry("squat-barbell")
            .unwrap()
            .unwrap()
            .secondary
            .is_empty(),
        "the squat has secondary muscles to leave out"
    );
    let s = session(&conn, 1);
    SetsMut::new(&conn)
        .log(s, &SetInput::working(squat, kg("100"), 5))
        .unwrap();
    let weeks = volume::weekly(&conn, now() - Duration::days(14), now()).unwrap();
    let muscles: Vec<(&str, u32, f64)> = weeks
        .iter()
        .map(|w| (w.muscle.as_str(), w.sets, w.volume_kg))
        .collect();
    assert_eq!(
        muscles,
        vec![("quads", 1, 500.0)],
        "glutes and hamstrings get nothing"
    );
}

#[test]
fn names_are_unique_ignoring_case_including_unicode() {
    let conn = db();
    let write = ExercisesMut::new(&conn);
    let err = write.add(&custom("  bench   PRESS (barbell) ")).unwrap_err();
    assert!(
        matches!(err, TrainingError::NameTaken { ref name, .. } if name == "Bench Press (Barbell)"),
        "a differently cased catalog name must be refused, got {err:?}"
    );
    let added = write.add(&custom("Übungsbank Drücken")).unwrap();
    assert_eq!(added.name, "Übungsbank Drücken", "the name is stored as typed");
    let err = write.add(&custom("ÜBUNGSBANK DRÜCKEN")).unwrap_err();
    assert!(
        matches!(err, TrainingError::NameTaken { .. }),
        "unicode case folding: {err:?}"
    );
    assert_eq!(
        Exercises::new(&conn).by_name("übungsbank drücken").unwrap().id,
        added.id,
        "lookups ignore case too"
    );
    let err = write.rename(added.id, "squat (BARBELL)").unwrap_err();
    assert!(
        matches!(err, TrainingError::NameTaken { .. }),
        "rename onto a taken name: {err:?}"
    );
    let renamed = write.rename(added.id, "ÜBUNGSBANK drücken").unwrap();
    assert_eq!(
        renamed.name, "ÜBUNGSBANK drücken",
        "renaming to a new casing of its own name is allowed"
    );
}

#[test]
fn merge_moves_sets_and_routine_entries_and_keeps_the_alias() {
    let conn = db();
    let write = ExercisesMut::new(&conn);
    let dup = write.add(&custom("Flat Barbell Bench Press")).unwrap();
    let bench = ex(&conn, "Bench Press (Barbell)");
    let s = session(&conn, 1);
    let logged = SetsMut::new(&conn)
        .log(s, &SetInput::working(dup.id, kg("80"), 5))
        .unwrap();
    let routine = RoutinesMut::new(&conn)
        .create(
            &RoutineInput {
                name: "Push".into(),
                notes: String::new(),
                entries: vec![RoutineEntry {
                    exercise_id: dup.id,
                    target_sets: 3,
                    reps_min: Some(5),
                    reps_max: None,
                    weight: None,
                    rest_seconds: None,
                    superset: None,
                }],
            },
            now(),
        )
        .unwrap();
    assert!(
        matches!(write.merge(bench, bench), Err(TrainingError::Refused(_))),
        "no self-merge"
    );
    let moved = write.merge(dup.id, bench).unwrap();
    assert_eq!(moved, 1, "one set moves");
    assert_eq!(
        Sets::new(&conn).get(logged.set.id).unwrap().input.exercise_id,
        bench,
        "the set now belongs to the kept lift"
    );
    assert_eq!(
        Routines::new(&conn).get(routine.id).unwrap().entries[0].exercise_id,
        bench,
        "routine entries move too"
    );
    assert_eq!(
        Exercises::new(&conn)
            .by_name("flat barbell bench press")
            .unwrap()
            .id,
        bench,
        "the merged name stays as an alias of the kept lift"
    );
    assert!(
        !Exercises::new(&conn)
            .list(true)
            .unwrap()
            .iter()
            .any(|e| e.id == dup.id),
        "merged names are not listed"
    );
    let err = SetsMut::new(&conn)
        .log(s, &SetInput::working(dup.id, kg("80"), 5))
        .unwrap_err();
    assert!(
        matches!(err, TrainingError::Merged { .. }),
        "no new sets on a merged exercise: {err:?}"
    );
}

#[test]
fn archive_hides_and_refuses_new_sets_until_undone() {
    let conn = db();
    let write = ExercisesMut::new(&conn);
    let curl = ex(&conn, "Bicep Curl (Barbell)");
    write.archive(curl, true).unwrap();
    assert!(
        !Exercises::new(&conn)
            .list(false)
            .unwrap()
            .iter()
            .any(|e| e.id == curl),
        "archived exercises are hidden"
    );
    assert!(
        Exercises::new(&conn)
            .list(true)
            .unwrap()
            .iter()
            .any(|e| e.id == curl),
        "but listed with --all"
    );
    let s = session(&conn, 0);
    let err = SetsMut::new(&conn)
        .log(s, &SetInput::working(curl, kg("30"), 10))
        .unwrap_err();
    assert!(matches!(err, TrainingError::Archived(_)), "{err:?}");
    write.archive(curl, false).unwrap();
    SetsMut::new(&conn)
        .log(s, &SetInput::working(curl, kg("30"), 10))
        .expect("unarchived exercises take sets again");
}

#[test]
fn a_hevy_history_in_hevys_own_names_leaves_nothing_to_review() {
    let conn = db();
    let report = crate::upgrade::import_hevy_history(&conn, now());
    assert_eq!(
        report.exercises_created,
        Vec::<String>::new(),
        "every Hevy name lands on a catalog lift"
    );
    let unassigned = volume::weekly(&conn, now() - Duration::days(365), now())
        .unwrap()
        .into_iter()
        .filter(|w| w.muscle == "unassigned")
        .count();
    assert_eq!(unassigned, 0, "so weekly volume has a muscle for every set");
}
