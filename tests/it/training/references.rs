//! The first review's C-003 (IDOR: a session could reference another user's exercise) and
//! H-002 (foreign references not validated). Ironkeep has one user per vault, so the rule
//! becomes: every referenced routine, exercise, session and set must exist in this vault —
//! checked by the core before writing, and enforced again by foreign keys underneath.

use ironkeep::training::{
    RoutineEntry, RoutineInput, RoutinesMut, SessionsMut, SetInput, SetsMut, StartSession, TrainingError,
};

use super::{count, db, ex, kg, now, session};

fn not_found(err: TrainingError, what: &str) {
    assert!(
        matches!(err, TrainingError::NotFound { what: w, .. } if w == what),
        "a missing {what} must be refused as not found, got {err:?}"
    );
}

#[test]
fn every_reference_must_exist_and_nothing_is_written() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let s = session(&conn, 0);
    let before = (
        count(&conn, "session"),
        count(&conn, "session_set"),
        count(&conn, "routine"),
    );

    not_found(
        SetsMut::new(&conn)
            .log(9999, &SetInput::working(squat, kg("100"), 5))
            .unwrap_err(),
        "session",
    );
    not_found(
        SetsMut::new(&conn)
            .log(s, &SetInput::working(9999, kg("100"), 5))
            .unwrap_err(),
        "exercise",
    );
    not_found(
        SessionsMut::new(&conn)
            .start(
                &StartSession {
                    started_at: now(),
                    routine_id: Some(4242),
                    ..StartSession::default()
                },
                now(),
            )
            .unwrap_err(),
        "routine",
    );
    let entry = RoutineEntry {
        exercise_id: 31337,
        target_sets: 3,
        reps_min: Some(5),
        reps_max: None,
        weight: None,
        rest_seconds: None,
        superset: None,
    };
    not_found(
        RoutinesMut::new(&conn)
            .create(
                &RoutineInput {
                    name: "Bad".into(),
                    notes: String::new(),
                    entries: vec![entry],
                },
                now(),
            )
            .unwrap_err(),
        "exercise",
    );
    not_found(
        SetsMut::new(&conn)
            .edit(777, &SetInput::working(squat, kg("1"), 1))
            .unwrap_err(),
        "set",
    );
    not_found(SetsMut::new(&conn).delete(777).unwrap_err(), "set");
    not_found(SessionsMut::new(&conn).delete(777).unwrap_err(), "session");
    not_found(RoutinesMut::new(&conn).delete(777).unwrap_err(), "routine");
    assert_eq!(
        (
            count(&conn, "session"),
            count(&conn, "session_set"),
            count(&conn, "routine")
        ),
        before,
        "refused references must write nothing"
    );
}

#[test]
fn foreign_keys_enforce_references_below_the_core() {
    let conn = db();
    let s = session(&conn, 0);
    let cases = [
        format!("INSERT INTO session_set (session_id, exercise_id, position, reps) VALUES ({s}, 99999, 0, 5)"),
        "INSERT INTO session_set (session_id, exercise_id, position, reps) VALUES (99999, 1, 0, 5)".to_owned(),
        "INSERT INTO routine_exercise (routine_id, position, exercise_id, target_sets) VALUES (99999, 0, 1, 3)".to_owned(),
        "INSERT INTO session (started_at, routine_id) VALUES ('2026-01-01T00:00:00Z', 99999)".to_owned(),
        "UPDATE exercise SET merged_into = 99999 WHERE id = 1".to_owned(),
    ];
    for sql in &cases {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(
            err.to_string().contains("FOREIGN KEY"),
            "{sql} must fail on a foreign key, got {err}"
        );
    }
    let dangling: u32 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dangling, 0, "no dangling references");
}

#[test]
fn deleting_a_session_takes_its_sets_and_a_used_exercise_cannot_vanish() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let s = session(&conn, 0);
    SetsMut::new(&conn)
        .log(s, &SetInput::working(squat, kg("100"), 5))
        .unwrap();
    let err = conn
        .execute("DELETE FROM exercise WHERE id = ?1", [squat])
        .unwrap_err();
    assert!(
        err.to_string().contains("FOREIGN KEY"),
        "an exercise with sets cannot be deleted: {err}"
    );
    SessionsMut::new(&conn).delete(s).unwrap();
    assert_eq!(
        count(&conn, "session_set"),
        0,
        "a deleted session's sets go with it"
    );
}
