//! Sealing: the marks become changes that name rows and references by the identity every
//! device shares, carry exactly the marked fields with the values as stored, stamp them
//! with a clock that never goes back, and leave no mark behind.

use ironkeep::sync::{Cell, ChangeKind, Hlc, seal};
use ironkeep::training::{
    Equipment, ExerciseKind, ExercisesMut, NewExercise, SessionsMut, SetInput, SetsMut,
};
use rusqlite::Connection;

use crate::training::{db, ex, kg, lb, now, session};

const NOW_MS: u64 = 1_790_000_000_000;

fn capturing() -> Connection {
    let conn = db();
    conn.execute("INSERT INTO sync_state (id) VALUES (1)", [])
        .unwrap();
    conn
}

fn gid(conn: &Connection, table: &str, id: u32) -> Cell {
    Cell::Blob(
        conn.query_row(&format!("SELECT gid FROM {table} WHERE id = ?1"), [id], |r| {
            r.get(0)
        })
        .unwrap(),
    )
}

fn marks(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM sync_dirty", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn nothing_is_sealed_while_sync_is_off() {
    let conn = db();
    session(&conn, 0);
    assert_eq!(seal(&conn, NOW_MS).unwrap(), None);
}

#[test]
fn a_logged_set_is_sent_whole_with_its_session_and_exercise_named_as_every_device_names_them() {
    let conn = capturing();
    let id = session(&conn, 0);
    let squat = ex(&conn, "Squat (Barbell)");
    let logged = SetsMut::new(&conn)
        .log(id, &SetInput::working(squat, lb("225"), 5))
        .unwrap();
    let sealed = seal(&conn, NOW_MS).unwrap().expect("two rows were marked");
    assert_eq!(sealed.clock, Hlc::new(NOW_MS, 0));
    assert_eq!(marks(&conn), 0, "the marks are cleared");
    let tables: Vec<&str> = sealed.changes.iter().map(|c| c.table.as_str()).collect();
    assert_eq!(tables, ["session", "session_set"], "the parent first");
    let set = &sealed.changes[1];
    assert_eq!(set.kind, ChangeKind::Created);
    assert_eq!(set.row, gid(&conn, "session_set", logged.set.id));
    assert_eq!(set.fields["session_id"], [gid(&conn, "session", id)]);
    assert_eq!(
        set.fields["exercise_id"],
        [Cell::Text("squat-barbell".into())],
        "a catalog lift is named by its slug"
    );
    assert_eq!(
        set.fields["weight"],
        [
            Cell::Int(225_000),
            Cell::Text("lb".into()),
            Cell::Real(225.0 * 0.453_592_37)
        ],
        "the weight as typed, with its unit"
    );
    assert!(
        !set.fields.contains_key("record_flags"),
        "record flags stay on the device"
    );
    assert_eq!(set.fields.len(), 13, "every field of a new row");
    assert_eq!(seal(&conn, NOW_MS).unwrap(), None, "nothing more to send");
}

#[test]
fn an_edit_sends_only_the_fields_it_changed_and_a_delete_a_tombstone() {
    let conn = capturing();
    let id = session(&conn, 0);
    let squat = ex(&conn, "Squat (Barbell)");
    let sets = SetsMut::new(&conn);
    let logged = sets.log(id, &SetInput::working(squat, kg("100"), 5)).unwrap();
    let first = seal(&conn, NOW_MS).unwrap().unwrap();

    let mut input = SetInput::working(squat, kg("100"), 6);
    input.notes = "belt".into();
    sets.edit(logged.set.id, &input).unwrap();
    // The wall clock went back a minute: the clock does not.
    let edited = seal(&conn, NOW_MS - 60_000).unwrap().unwrap();
    assert!(edited.clock > first.clock);
    assert_eq!(edited.changes.len(), 1);
    let change = &edited.changes[0];
    assert_eq!(change.kind, ChangeKind::Updated);
    let fields: Vec<&str> = change.fields.keys().map(String::as_str).collect();
    assert_eq!(fields, ["notes", "reps"]);
    assert_eq!(change.fields["reps"], [Cell::Int(6)]);

    let row = gid(&conn, "session_set", logged.set.id);
    sets.delete(logged.set.id).unwrap();
    let deleted = seal(&conn, NOW_MS).unwrap().unwrap();
    assert_eq!(deleted.changes.len(), 1);
    assert_eq!(deleted.changes[0].kind, ChangeKind::Deleted);
    assert_eq!(deleted.changes[0].row, row);
    assert!(deleted.changes[0].fields.is_empty());
    let clocks: i64 = conn
        .query_row(
            "SELECT count(*) FROM sync_clock WHERE tbl = 'session_set' AND row = ?1 AND field IN ('+', 'notes', 'reps', '-')",
            [match &row {
                Cell::Blob(b) => b.clone(),
                _ => unreachable!(),
            }],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(clocks, 4, "each field's clock is kept for merging");
    SessionsMut::new(&conn).finish(id, now(), false, now()).unwrap();
}

#[test]
fn a_row_made_and_removed_between_two_seals_is_never_sent() {
    let conn = capturing();
    let id = session(&conn, 0);
    seal(&conn, NOW_MS).unwrap();
    let sets = SetsMut::new(&conn);
    let logged = sets
        .log(id, &SetInput::working(ex(&conn, "Squat (Barbell)"), kg("60"), 8))
        .unwrap();
    sets.delete(logged.set.id).unwrap();
    assert_eq!(seal(&conn, NOW_MS).unwrap(), None);
    assert_eq!(marks(&conn), 0);
}

#[test]
fn the_users_own_exercise_is_named_by_its_global_id() {
    let conn = capturing();
    let own = ExercisesMut::new(&conn)
        .add(&NewExercise {
            name: "Zercher Carry".into(),
            kind: ExerciseKind::WeightReps,
            muscle: None,
            equipment: Equipment::Other,
        })
        .unwrap();
    let sealed = seal(&conn, NOW_MS).unwrap().unwrap();
    assert_eq!(sealed.changes[0].row, gid(&conn, "exercise", own.id));
    assert_eq!(
        sealed.changes[0].fields["name"],
        [
            Cell::Text("Zercher Carry".into()),
            Cell::Text("zercher carry".into())
        ]
    );
}
