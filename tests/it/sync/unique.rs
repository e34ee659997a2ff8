//! Two computers that filled the same unique key before they synced: both add the same
//! custom exercise and log a set on it; both write the journal for one day. Each settles it
//! alike, whatever order the files arrive in: the name stays on one row and the other is
//! renamed; the day keeps one entry and the other's words are kept in a note. Nothing
//! waits, nothing typed is lost unseen.

use chrono::NaiveDate;
use ironkeep::RecoveryKit;
use ironkeep::journal::Journal;
use ironkeep::sync::{notes, step, turn_on};
use ironkeep::training::exercises::{Equipment, ExerciseKind};
use ironkeep::training::{ExercisesMut, NewExercise, SetInput, SetsMut};
use rusqlite::Connection;

use crate::training::{db, kg, now, session};

const NOW_MS: u64 = 1_790_000_000_000;

fn device() -> Connection {
    let conn = db();
    turn_on(&conn, Some([7; 16])).unwrap();
    conn
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    conn.prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn held(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0))
        .unwrap()
}

fn zercher(conn: &Connection, kilos: &str) {
    let exercise = ExercisesMut::new(conn)
        .add(&NewExercise {
            name: "Zercher Walk".into(),
            kind: ExerciseKind::WeightReps,
            muscle: None,
            equipment: Equipment::Barbell,
        })
        .unwrap();
    SetsMut::new(conn)
        .log(session(conn, 0), &SetInput::working(exercise.id, kg(kilos), 20))
        .unwrap();
}

#[test]
fn the_same_name_added_on_two_computers_keeps_both_rows_renamed_alike() {
    for a_first in [true, false] {
        let folder = tempfile::tempdir().unwrap();
        let kit = RecoveryKit::generate();
        let (a, b) = (device(), device());
        zercher(&a, "60");
        zercher(&b, "70");
        step(&a, folder.path(), &kit, NOW_MS).unwrap();
        step(&b, folder.path(), &kit, NOW_MS + 1).unwrap();
        let (first, second) = if a_first { (&a, &b) } else { (&b, &a) };
        step(first, folder.path(), &kit, NOW_MS + 2).unwrap();
        step(second, folder.path(), &kit, NOW_MS + 3).unwrap();
        let names = "SELECT name || ' ' || hex(gid) FROM exercise WHERE builtin = 0 ORDER BY name";
        assert_eq!(rows(&a, names), rows(&b, names), "the same rows, named alike");
        let plain: Vec<String> = rows(&a, "SELECT name FROM exercise WHERE builtin = 0 ORDER BY name");
        assert_eq!(plain, ["Zercher Walk", "Zercher Walk (2)"]);
        let sets = "SELECT e.name || ' ' || s.weight_milli FROM session_set s JOIN exercise e ON e.id = s.exercise_id ORDER BY 1";
        assert_eq!(rows(&a, sets), rows(&b, sets));
        assert_eq!(rows(&a, sets).len(), 2, "both sets landed");
        assert_eq!((held(&a), held(&b)), (0, 0), "nothing waits");
        for conn in [&a, &b] {
            let said = notes(conn).unwrap();
            assert_eq!(said.len(), 1);
            assert!(said[0].text.contains("“Zercher Walk (2)”"), "{}", said[0].text);
        }
    }
}

#[test]
fn one_day_journaled_on_two_computers_keeps_one_entry_and_the_others_words_in_a_note() {
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    let day = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
    Journal::new(&a)
        .add(day, &[], Some("slept badly, laptop"), now())
        .unwrap();
    Journal::new(&b)
        .add(day, &[], Some("great sleep, desktop"), now())
        .unwrap();
    step(&a, folder.path(), &kit, NOW_MS).unwrap();
    step(&b, folder.path(), &kit, NOW_MS + 1).unwrap();
    step(&a, folder.path(), &kit, NOW_MS + 2).unwrap();
    let on = |conn: &Connection| Journal::new(conn).entry(day).unwrap().unwrap();
    assert_eq!(on(&a).note, on(&b).note, "one entry, the same on both");
    assert_eq!(on(&a).gid, on(&b).gid);
    assert_eq!((held(&a), held(&b)), (0, 0));
    let lost = if on(&a).note.contains("laptop") {
        "desktop"
    } else {
        "laptop"
    };
    for conn in [&a, &b] {
        let said = notes(conn).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].lost.as_deref().unwrap().contains(lost), "{said:?}");
    }
    // The entry that lost is gone for good: an edit of it on its computer is dropped.
    let loser = if lost == "laptop" { &a } else { &b };
    assert_eq!(rows(loser, "SELECT note FROM journal_entry"), [on(loser).note]);
}

fn edit_weight(conn: &Connection, kilos: &str, reps: u32) {
    let (id, exercise): (u32, u32) = conn
        .query_row("SELECT id, exercise_id FROM session_set", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    SetsMut::new(conn)
        .edit(id, &SetInput::working(exercise, kg(kilos), reps))
        .unwrap();
}

#[test]
fn a_field_changed_on_two_computers_at_once_keeps_the_later_and_notes_the_other() {
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    let squat = crate::training::ex(&a, "Squat (Barbell)");
    SetsMut::new(&a)
        .log(session(&a, 0), &SetInput::working(squat, kg("100"), 5))
        .unwrap();
    step(&a, folder.path(), &kit, NOW_MS).unwrap();
    step(&b, folder.path(), &kit, NOW_MS + 1).unwrap();

    // One after the other: no note.
    edit_weight(&a, "100", 6);
    step(&a, folder.path(), &kit, NOW_MS + 2).unwrap();
    step(&b, folder.path(), &kit, NOW_MS + 3).unwrap();
    edit_weight(&b, "100", 7);
    step(&b, folder.path(), &kit, NOW_MS + 4).unwrap();
    step(&a, folder.path(), &kit, NOW_MS + 5).unwrap();
    assert!(notes(&a).unwrap().is_empty() && notes(&b).unwrap().is_empty());

    // At once: the later change wins on both, and both say what was not kept.
    edit_weight(&a, "102.5", 7);
    edit_weight(&b, "105", 7);
    step(&a, folder.path(), &kit, NOW_MS + 6).unwrap();
    step(&b, folder.path(), &kit, NOW_MS + 7).unwrap();
    step(&a, folder.path(), &kit, NOW_MS + 8).unwrap();
    let weight = "SELECT weight_milli || ' ' || reps FROM session_set";
    assert_eq!(rows(&a, weight), rows(&b, weight));
    assert_eq!(rows(&a, weight), ["105000 7"], "b's change came later");
    for conn in [&a, &b] {
        let said = notes(conn).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].text.contains("A set of Squat (Barbell)")
                && said[0].text.contains("105 kg was kept")
                && said[0].text.contains("not 102.5 kg"),
            "{}",
            said[0].text
        );
    }
}
