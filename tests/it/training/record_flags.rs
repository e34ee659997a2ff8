//! Record flags stay true: a set's flags reflect only the sets logged before it (in time
//! order), edits and deletes re-flag the later sets of the exercise, and the records cache
//! is brought up to date by every write instead of being left cold.

use ironkeep::training::{Records, SessionsMut, SetInput, Sets, SetsMut};
use rusqlite::Connection;

use super::{db, ex, kg, session};

fn heaviest(conn: &Connection, set: u32) -> bool {
    Sets::new(conn).get(set).unwrap().records.heaviest
}

#[test]
fn a_flag_reflects_only_the_sets_logged_before_it() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let (older, newer) = (session(&conn, 5), session(&conn, 1));
    let sets = SetsMut::new(&conn);
    let recent = sets.log(newer, &SetInput::working(squat, kg("100"), 5)).unwrap();
    assert!(recent.set.records.heaviest, "the first set holds every record");
    let back = sets.log(older, &SetInput::working(squat, kg("90"), 5)).unwrap();
    assert!(
        back.set.records.heaviest && back.set.records.e1rm,
        "a set logged into an older session is compared only with what came before it, not with the later 100 kg: {:?}",
        back.set.records
    );
    assert!(
        heaviest(&conn, recent.set.id),
        "100 kg still beats the 90 kg logged before it"
    );
    let top = sets.log(older, &SetInput::working(squat, kg("120"), 5)).unwrap();
    assert!(top.set.records.heaviest, "120 kg is the heaviest so far");
    assert!(
        !heaviest(&conn, recent.set.id),
        "the later 100 kg set no longer holds the heaviest-weight record once 120 kg came before it"
    );
}

#[test]
fn editing_or_deleting_a_set_reflags_the_later_sets() {
    let conn = db();
    let bench = ex(&conn, "Bench Press (Barbell)");
    let (first, second) = (session(&conn, 3), session(&conn, 1));
    let sets = SetsMut::new(&conn);
    let early = sets.log(first, &SetInput::working(bench, kg("100"), 5)).unwrap();
    let late = sets.log(second, &SetInput::working(bench, kg("105"), 5)).unwrap();
    assert!(late.set.records.heaviest, "105 kg beats 100 kg");
    sets.edit(early.set.id, &SetInput::working(bench, kg("110"), 5))
        .unwrap();
    assert!(
        !heaviest(&conn, late.set.id),
        "after the earlier set became 110 kg the later 105 kg is no record"
    );
    assert!(heaviest(&conn, early.set.id), "the edited set holds it");
    sets.delete(early.set.id).unwrap();
    assert!(
        heaviest(&conn, late.set.id),
        "with the earlier set deleted the 105 kg set is the first and heaviest again"
    );
    let third = session(&conn, 2);
    sets.log(third, &SetInput::working(bench, kg("200"), 1)).unwrap();
    assert!(!heaviest(&conn, late.set.id), "200 kg came before it");
    SessionsMut::new(&conn).delete(third).unwrap();
    assert!(
        heaviest(&conn, late.set.id),
        "deleting the session that held the record re-flags the later set"
    );
}

/// The records of `exercise` computed from scratch, without touching the cache.
fn fresh(conn: &Connection, exercise: u32) -> ironkeep::training::ExerciseRecords {
    conn.execute_batch("SAVEPOINT fresh; DELETE FROM exercise_record;")
        .unwrap();
    let records = Records::new(conn).of_exercise(exercise).unwrap();
    conn.execute_batch("ROLLBACK TO fresh; RELEASE fresh;").unwrap();
    records
}

fn cached(conn: &Connection) -> u32 {
    conn.query_row("SELECT count(*) FROM exercise_record", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn logging_keeps_the_records_cache_warm_and_exact() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let sets = SetsMut::new(&conn);
    Records::new(&conn).of_exercise(squat).unwrap();
    let mut seed = 7u32;
    for day in (0..12).rev() {
        let s = session(&conn, day + 1);
        for _ in 0..6 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let weight = kg(&format!("{}.5", 60 + (seed >> 8) % 60));
            let reps = 1 + (seed >> 4) % 14;
            let mut input = SetInput::working(squat, weight, reps);
            if (seed >> 12).is_multiple_of(5) {
                input.kind = ironkeep::training::SetKind::Warmup;
            }
            sets.log(s, &input).unwrap();
            assert_eq!(
                cached(&conn),
                1,
                "logging a set keeps the exercise's records cached"
            );
            let kept = Records::new(&conn).of_exercise(squat).unwrap();
            assert_eq!(
                kept,
                fresh(&conn, squat),
                "the incrementally kept records equal a full recomputation (day {day})"
            );
        }
    }
}

#[test]
fn an_import_leaves_every_touched_exercise_cached() {
    let conn = db();
    let csv = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration
2024-03-01 10:00:00;A;Squat (Barbell);1;100;kg;5;;;;0;;;1h
2024-03-01 10:00:00;A;Bench Press (Barbell);1;80;kg;5;;;;0;;;1h
2024-03-03 10:00:00;B;Squat (Barbell);1;110;kg;3;;;;0;;;1h
";
    let parsed = ironkeep::interchange::parse(csv.as_bytes(), &Default::default()).unwrap();
    let options = ironkeep::interchange::ImportOptions {
        zone: ironkeep::interchange::Zone::parse("UTC").unwrap(),
        skip_invalid: false,
        dry_run: false,
    };
    ironkeep::interchange::import(&conn, &parsed, options, super::now()).unwrap();
    assert_eq!(
        cached(&conn),
        2,
        "both imported exercises have their records cached, so the first read is not cold"
    );
    for name in ["Squat (Barbell)", "Bench Press (Barbell)"] {
        let id = ex(&conn, name);
        assert_eq!(
            Records::new(&conn).of_exercise(id).unwrap(),
            fresh(&conn, id),
            "{name}: the cache an import writes equals a full recomputation"
        );
    }
}
