//! Moving exercises inside a session: their sets are renumbered in one transaction, each
//! exercise's sets and each superset group stay together and in their order, and a bad
//! order is refused without changing anything.

use ironkeep::training::{Sessions, SessionsMut, SetInput, SetsMut, TrainingError};
use rusqlite::Connection;

use super::{db, ex, kg, session};

/// The session's sets as (exercise, set id), in stored order, with their positions.
fn order(conn: &Connection, id: u32) -> (Vec<(u32, u32)>, Vec<u32>) {
    let sets = Sessions::new(conn).detail(id).unwrap().sets;
    (
        sets.iter().map(|s| (s.input.exercise_id, s.id)).collect(),
        sets.iter().map(|s| s.position).collect(),
    )
}

fn log(conn: &Connection, session: u32, exercise: u32, weight: &str, superset: Option<u8>) -> u32 {
    SetsMut::new(conn)
        .log(
            session,
            &SetInput {
                superset,
                ..SetInput::working(exercise, kg(weight), 5)
            },
        )
        .unwrap()
        .set
        .id
}

#[test]
fn moving_an_exercise_renumbers_its_sets_and_keeps_their_order_and_records() {
    let conn = db();
    let (squat, bench, row) = (
        ex(&conn, "Squat (Barbell)"),
        ex(&conn, "Bench Press (Barbell)"),
        ex(&conn, "Bent Over Row (Barbell)"),
    );
    let s = session(&conn, 0);
    let s1 = log(&conn, s, squat, "100", None);
    let b1 = log(&conn, s, bench, "60", None);
    let s2 = log(&conn, s, squat, "110", None);
    let r1 = log(&conn, s, row, "70", None);
    let b2 = log(&conn, s, bench, "65", None);
    // A gap in the positions (a deleted set) is closed by the renumbering.
    let gone = log(&conn, s, row, "72.5", None);
    SetsMut::new(&conn).delete(gone).unwrap();
    let flags_before: Vec<_> = Sessions::new(&conn)
        .detail(s)
        .unwrap()
        .sets
        .iter()
        .map(|x| (x.id, x.records))
        .collect();

    let detail = SessionsMut::new(&conn)
        .reorder_exercises(s, &[row, bench, squat])
        .unwrap();
    assert_eq!(
        detail.sets.iter().map(|x| x.id).collect::<Vec<_>>(),
        [r1, b1, b2, s1, s2],
        "each exercise's sets follow the new order, in their own order"
    );
    assert_eq!(
        order(&conn, s),
        (
            vec![(row, r1), (bench, b1), (bench, b2), (squat, s1), (squat, s2)],
            vec![0, 1, 2, 3, 4]
        ),
        "stored positions run from 0 without gaps"
    );
    let mut flags_after: Vec<_> = detail.sets.iter().map(|x| (x.id, x.records)).collect();
    flags_after.sort_by_key(|(id, _)| *id);
    assert_eq!(flags_after, flags_before, "no record flag changes");

    // Moving back is exact: the first order returns.
    SessionsMut::new(&conn)
        .reorder_exercises(s, &[squat, bench, row])
        .unwrap();
    assert_eq!(
        order(&conn, s).0,
        [(squat, s1), (squat, s2), (bench, b1), (bench, b2), (row, r1)]
    );
}

#[test]
fn a_superset_group_moves_as_one_and_stays_interleaved() {
    let conn = db();
    let (curl, push, squat) = (
        ex(&conn, "Bicep Curl (Dumbbell)"),
        ex(&conn, "Triceps Pushdown (Cable)"),
        ex(&conn, "Squat (Barbell)"),
    );
    let s = session(&conn, 0);
    let c1 = log(&conn, s, curl, "15", Some(1));
    let p1 = log(&conn, s, push, "30", Some(1));
    let c2 = log(&conn, s, curl, "15", Some(1));
    let p2 = log(&conn, s, push, "30", Some(1));
    let q1 = log(&conn, s, squat, "100", None);

    // Squat first: the group follows whole, alternating as performed.
    SessionsMut::new(&conn)
        .reorder_exercises(s, &[squat, push, curl])
        .unwrap();
    assert_eq!(
        order(&conn, s).0,
        [(squat, q1), (curl, c1), (push, p1), (curl, c2), (push, p2)]
    );
    // Naming squat between the group's exercises cannot split the group: it goes where
    // the group's first-named exercise is.
    SessionsMut::new(&conn)
        .reorder_exercises(s, &[curl, squat, push])
        .unwrap();
    assert_eq!(
        order(&conn, s).0,
        [(curl, c1), (push, p1), (curl, c2), (push, p2), (squat, q1)]
    );
}

#[test]
fn a_bad_order_is_refused_and_changes_nothing() {
    let conn = db();
    let (squat, bench, row) = (
        ex(&conn, "Squat (Barbell)"),
        ex(&conn, "Bench Press (Barbell)"),
        ex(&conn, "Bent Over Row (Barbell)"),
    );
    let s = session(&conn, 0);
    log(&conn, s, squat, "100", None);
    log(&conn, s, bench, "60", None);
    log(&conn, s, squat, "105", None);
    let before = order(&conn, s);
    let write = SessionsMut::new(&conn);

    assert!(matches!(
        write.reorder_exercises(s + 100, &[bench, squat]),
        Err(TrainingError::NotFound { what: "session", .. })
    ));
    for (bad, why) in [
        (vec![bench], "an exercise is missing"),
        (vec![bench, squat, row], "an exercise not in the session"),
        (vec![bench, squat, bench], "a duplicate"),
        (vec![bench, bench], "a duplicate standing in for a missing one"),
        (vec![], "an empty order"),
    ] {
        let refused = write.reorder_exercises(s, &bad);
        assert!(
            matches!(refused, Err(TrainingError::Refused(_))),
            "{why}: {refused:?}"
        );
        assert_eq!(refused.unwrap_err().code(), "refused");
        assert_eq!(order(&conn, s), before, "{why}: nothing changed");
    }
    // An empty session takes the empty order and stays empty.
    let empty = session(&conn, 1);
    assert!(write.reorder_exercises(empty, &[]).unwrap().sets.is_empty());
    assert!(write.reorder_exercises(empty, &[squat]).is_err());
}
