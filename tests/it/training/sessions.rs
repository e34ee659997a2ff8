//! Sessions and routines: start empty or from a routine (pre-filled from the routine and
//! the last performance), log, supersets, finish, edit, delete; routine create, edit,
//! reorder, duplicate, delete.

use chrono::Duration;
use ironkeep::training::{
    RoutineEntry, RoutineInput, Routines, RoutinesMut, SessionEdit, Sessions, SessionsMut, SetInput, SetKind,
    SetsMut, StartSession, TrainingError,
};

use super::{count, db, ex, kg, now};

fn entry(exercise_id: u32, sets: u32, reps: u32, weight: Option<&str>) -> RoutineEntry {
    RoutineEntry {
        exercise_id,
        target_sets: sets,
        reps_min: Some(reps),
        reps_max: Some(reps),
        weight: weight.map(kg),
        rest_seconds: Some(180),
        superset: None,
    }
}

#[test]
fn starting_from_a_routine_prefills_from_the_last_performance() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let bench = ex(&conn, "Bench Press (Barbell)");
    let routine = RoutinesMut::new(&conn)
        .create(
            &RoutineInput {
                name: "Day A".into(),
                notes: String::new(),
                entries: vec![entry(squat, 3, 5, Some("80")), entry(bench, 2, 8, Some("50"))],
            },
            now(),
        )
        .unwrap();
    let write = SessionsMut::new(&conn);
    let earlier = write
        .start(
            &StartSession {
                started_at: now() - Duration::days(2),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id;
    let sets = SetsMut::new(&conn);
    sets.log(
        earlier,
        &SetInput {
            kind: SetKind::Warmup,
            ..SetInput::working(squat, kg("60"), 5)
        },
    )
    .unwrap();
    sets.log(earlier, &SetInput::working(squat, kg("100"), 5))
        .unwrap();
    sets.log(earlier, &SetInput::working(squat, kg("102.5"), 4))
        .unwrap();
    write
        .finish(
            earlier,
            now() - Duration::days(2) + Duration::hours(1),
            false,
            now(),
        )
        .unwrap();

    let detail = write
        .start(
            &StartSession {
                started_at: now(),
                routine_id: Some(routine.id),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        detail.session.name, "Day A",
        "the session takes the routine's name"
    );
    assert_eq!(detail.session.routine_id, Some(routine.id));
    let planned: Vec<_> = detail
        .sets
        .iter()
        .map(|s| (s.input.exercise_id, s.input.weight, s.input.reps, s.input.done))
        .collect();
    assert_eq!(
        planned,
        vec![
            (squat, Some(kg("100")), Some(5), false),
            (squat, Some(kg("102.5")), Some(4), false),
            (squat, Some(kg("102.5")), Some(4), false),
            (bench, Some(kg("50")), Some(8), false),
            (bench, Some(kg("50")), Some(8), false),
        ],
        "squat from the last working sets (not the warm-up), bench from the routine"
    );
    let finished = write
        .finish(detail.session.id, now() + Duration::hours(1), true, now())
        .unwrap();
    assert!(finished.ended_at.is_some());
    assert!(
        Sessions::new(&conn)
            .detail(detail.session.id)
            .unwrap()
            .sets
            .is_empty(),
        "undone planned sets discarded on request"
    );
}

#[test]
fn supersets_notes_edit_and_delete() {
    let conn = db();
    let curl = ex(&conn, "Bicep Curl (Dumbbell)");
    let push = ex(&conn, "Triceps Pushdown (Cable)");
    let write = SessionsMut::new(&conn);
    let s = write
        .start(
            &StartSession {
                started_at: now(),
                notes: "felt strong".into(),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id;
    let sets = SetsMut::new(&conn);
    for exercise in [curl, push, curl, push] {
        sets.log(
            s,
            &SetInput {
                superset: Some(1),
                ..SetInput::working(exercise, kg("15"), 12)
            },
        )
        .unwrap();
    }
    let detail = Sessions::new(&conn).detail(s).unwrap();
    assert_eq!(detail.session.notes, "felt strong");
    assert!(
        detail.sets.iter().all(|x| x.input.superset == Some(1)),
        "the superset group is kept"
    );
    assert_eq!(
        detail.sets.iter().map(|x| x.position).collect::<Vec<_>>(),
        [0, 1, 2, 3],
        "order is kept"
    );
    let first = detail.sets[0].id;
    let edited = sets
        .edit(
            first,
            &SetInput {
                notes: "slow eccentric".into(),
                ..SetInput::working(curl, kg("17.5"), 10)
            },
        )
        .unwrap();
    assert_eq!(
        (edited.input.weight, edited.position),
        (Some(kg("17.5")), 0),
        "edited in place"
    );
    let renamed = write
        .edit(
            s,
            &SessionEdit {
                name: Some("Arms".into()),
                ended_at: Some(now() + Duration::hours(1)),
                ..SessionEdit::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(renamed.name, "Arms");
    write.delete(s).unwrap();
    assert_eq!(
        count(&conn, "session_set"),
        0,
        "deleting a session deletes its sets"
    );
    assert!(matches!(
        Sessions::new(&conn).get(s),
        Err(TrainingError::NotFound { .. })
    ));
}

#[test]
fn routines_edit_reorder_duplicate_delete() {
    let conn = db();
    let (a, b, c) = (
        ex(&conn, "Squat (Barbell)"),
        ex(&conn, "Leg Press (Machine)"),
        ex(&conn, "Leg Extension (Machine)"),
    );
    let write = RoutinesMut::new(&conn);
    let input = RoutineInput {
        name: "Legs".into(),
        notes: "heavy".into(),
        entries: vec![entry(a, 3, 5, None), entry(b, 3, 10, None), entry(c, 2, 15, None)],
    };
    let r = write.create(&input, now()).unwrap();
    let reordered = write.reorder(r.id, &[2, 0, 1], now()).unwrap();
    assert_eq!(
        reordered
            .entries
            .iter()
            .map(|e| e.exercise_id)
            .collect::<Vec<_>>(),
        [c, a, b]
    );
    assert!(
        write.reorder(r.id, &[0, 0, 1], now()).is_err(),
        "a reorder must be a permutation"
    );
    let copy = write.duplicate(r.id, "Legs (deload)", now()).unwrap();
    assert_eq!(copy.entries, reordered.entries, "a duplicate copies the entries");
    assert!(matches!(
        write.duplicate(r.id, "LEGS", now()),
        Err(TrainingError::NameTaken { .. })
    ));
    let edited = write
        .edit(
            r.id,
            &RoutineInput {
                name: "Legs A".into(),
                notes: String::new(),
                entries: vec![entry(a, 5, 5, Some("100"))],
            },
            now(),
        )
        .unwrap();
    assert_eq!((edited.name.as_str(), edited.entries.len()), ("Legs A", 1));
    let s = SessionsMut::new(&conn)
        .start(
            &StartSession {
                started_at: now(),
                routine_id: Some(r.id),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id;
    write.delete(r.id).unwrap();
    assert_eq!(
        Sessions::new(&conn).get(s).unwrap().routine_id,
        None,
        "sessions outlive their routine"
    );
    assert_eq!(
        Sessions::new(&conn).detail(s).unwrap().sets.len(),
        5,
        "and keep their sets"
    );
    assert_eq!(
        Routines::new(&conn).list().unwrap().len(),
        1,
        "only the duplicate is left"
    );
}
