//! Record flags stay true: a set's flags reflect only the sets logged before it (in time
//! order), edits and deletes re-flag the later sets of the exercise, and the records cache
//! is brought up to date by every write instead of being left cold.

use ironkeep::training::records::RecordFlags;
use ironkeep::training::{Records, SessionsMut, SetInput, SetKind, Sets, SetsMut, Weight, e1rm_epley};
use rusqlite::Connection;

use super::{db, ex, kg, lb, session};

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

/// The flags `input` would get from a scan of every counting set of its exercise already
/// stored: the comparison logging made before it kept the exercise's bests, the oracle.
pub(super) fn scanned(conn: &Connection, input: &SetInput) -> RecordFlags {
    if input.kind == SetKind::Warmup || !input.done {
        return RecordFlags::default();
    }
    let kg = input.weight.map(Weight::kg);
    let reps = input.reps.unwrap_or(0);
    let (e1rm, heaviest, volume): (Option<f64>, Option<f64>, Option<f64>) = conn
        .query_row(
            "SELECT max(CASE WHEN reps = 1 THEN weight_kg WHEN reps BETWEEN 2 AND 12
                             THEN weight_kg * (1 + reps / 30.0) END),
                    max(weight_kg), max(weight_kg * reps)
             FROM session_set WHERE exercise_id = ?1 AND kind <> 'warmup' AND done = 1",
            [input.exercise_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let most: Option<u32> = conn
        .query_row(
            "SELECT max(reps) FROM session_set WHERE exercise_id = ?1 AND kind <> 'warmup' AND done = 1
               AND ((?2 IS NULL AND weight_kg IS NULL) OR abs(weight_kg - ?2) < 1e-6)",
            rusqlite::params![input.exercise_id, kg],
            |r| r.get(0),
        )
        .unwrap();
    let beats = |new: Option<f64>, old: Option<f64>| match (new, old) {
        (Some(new), Some(old)) => new > 0.0 && new > old + 1e-9,
        (Some(new), None) => new > 0.0,
        (None, _) => false,
    };
    RecordFlags {
        e1rm: beats(kg.and_then(|w| e1rm_epley(w, reps)), e1rm),
        heaviest: beats(kg, heaviest),
        reps_at_weight: reps > 0 && most.is_none_or(|old| reps > old),
        set_volume: beats(kg.map(|w| w * f64::from(reps)), volume),
    }
}

/// A set of `exercise` drawn from `seed`: kilograms or pounds (some a hair apart once
/// converted), no weight at all, no reps, 0 reps, past Epley's 12, warm-ups, undone.
fn drawn(exercise: u32, seed: u32) -> SetInput {
    let weight = match seed % 7 {
        0 => None,
        1 | 2 => Some(lb(&format!("{}.5", 130 + (seed >> 3) % 60))),
        3 => Some(kg(["100", "100.001", "99.999", "0"][(seed >> 3) as usize % 4])),
        _ => Some(kg(&format!("{}", 60 + (seed >> 3) % 50))),
    };
    let mut input = SetInput::working(exercise, kg("1"), 0);
    input.weight = weight;
    input.reps = match (seed >> 9) % 9 {
        0 => None,
        1 => Some(0),
        2 => Some(13 + (seed >> 13) % 5),
        n => Some(n - 2),
    };
    if input.weight.is_none() && input.reps.is_none() {
        input.reps = Some(1 + (seed >> 13) % 10);
    }
    if (seed >> 17).is_multiple_of(6) {
        input.kind = SetKind::Warmup;
    } else if (seed >> 17) % 6 == 1 {
        input.done = false;
    }
    input
}

#[test]
fn a_set_is_flagged_as_a_scan_of_every_set_before_it_would_flag_it() {
    let conn = db();
    let sets = SetsMut::new(&conn);
    let (squat, pull_up) = (ex(&conn, "Squat (Barbell)"), ex(&conn, "Pull Up"));
    let mut seed = 11u32;
    let mut next = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        seed >> 4
    };
    let mut logged = Vec::new();
    for day in (0..40).rev() {
        let today = session(&conn, day + 1);
        for _ in 0..8 {
            let exercise = if next() % 3 == 0 { pull_up } else { squat };
            let input = drawn(exercise, next());
            let expected = scanned(&conn, &input);
            let set = sets.log(today, &input).unwrap().set;
            assert_eq!(
                set.records, expected,
                "{input:?} logged on day {day} is flagged as a scan of the sets before it would flag it"
            );
            logged.push(set.id);
            // Now and then an earlier set changes: edited, deleted, or an older session
            // gains a set; the next sets must still compare with exactly what is stored.
            match next() % 12 {
                0 => {
                    let earlier = logged[next() as usize % logged.len()];
                    sets.edit(earlier, &drawn(exercise, next())).unwrap();
                }
                1 if logged.len() > 1 => {
                    let earlier = logged.swap_remove(next() as usize % logged.len());
                    sets.delete(earlier).unwrap();
                }
                2 => {
                    let older = session(&conn, 60 + i64::from(next() % 30));
                    sets.log(older, &drawn(exercise, next())).unwrap();
                }
                _ => {}
            }
        }
    }
    let flagged = logged
        .iter()
        .filter(|&&id| Sets::new(&conn).get(id).is_ok_and(|s| s.records.any()))
        .count();
    assert!(
        flagged > 10 && flagged < logged.len(),
        "the draw sets some records and misses others ({flagged} of {})",
        logged.len()
    );
}
