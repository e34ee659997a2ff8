//! The exercise catalog and the user's own exercises: names unique ignoring case, rename,
//! merge, archive.

use ironkeep::training::exercises::{Equipment, ExerciseKind, Muscle};
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
fn catalog_has_sixty_lifts_of_every_kind_in_every_vault() {
    let conn = db();
    let all = Exercises::new(&conn).list(false).unwrap();
    let builtin: Vec<_> = all.iter().filter(|e| e.builtin).collect();
    assert!(
        builtin.len() >= 60,
        "the catalog must hold at least 60 lifts, has {}",
        builtin.len()
    );
    for kind in ExerciseKind::ALL {
        assert!(
            builtin.iter().any(|e| e.kind == *kind),
            "the catalog needs a {kind} exercise"
        );
    }
    for equipment in [
        Equipment::Barbell,
        Equipment::Dumbbell,
        Equipment::Machine,
        Equipment::Cable,
        Equipment::Bodyweight,
    ] {
        assert!(
            builtin.iter().filter(|e| e.equipment == equipment).count() >= 3,
            "the catalog needs several {equipment} lifts"
        );
    }
    assert!(
        builtin.iter().all(|e| e.muscle.is_some() && !e.needs_review),
        "every built-in lift has a muscle group"
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
