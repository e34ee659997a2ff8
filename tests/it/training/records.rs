//! Records and volume: Epley e1RM, heaviest, reps at a weight, set and session volume;
//! warm-ups and undone sets never count; records are flagged when a set is logged.

use ironkeep::training::exercises::{Equipment, ExerciseKind};
use ironkeep::training::{BodyWeights, ExercisesMut, NewExercise, Records, SetInput, SetKind, SetsMut};
use ironkeep::training::{rep_max, volume};

use super::{db, ex, kg, lb, now, session};

#[test]
fn warmups_never_count_toward_records() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let s = session(&conn, 0);
    let sets = SetsMut::new(&conn);
    let warm = sets
        .log(
            s,
            &SetInput {
                kind: SetKind::Warmup,
                ..SetInput::working(squat, kg("200"), 5)
            },
        )
        .unwrap();
    assert!(!warm.set.records.any(), "a warm-up never sets a record");
    let undone = sets
        .log(
            s,
            &SetInput {
                done: false,
                ..SetInput::working(squat, kg("180"), 5)
            },
        )
        .unwrap();
    assert!(!undone.set.records.any(), "a set not done never sets a record");
    let work = sets.log(s, &SetInput::working(squat, kg("100"), 5)).unwrap();
    assert!(
        work.set.records.heaviest && work.set.records.e1rm && work.set.records.set_volume,
        "the first counting set holds every record: {:?}",
        work.set.records
    );
    let r = Records::new(&conn).of_exercise(squat).unwrap();
    assert_eq!(
        r.heaviest.as_ref().unwrap().value,
        100.0,
        "the 200 kg warm-up does not count"
    );
    assert_eq!(r.best_set_volume.as_ref().unwrap().value, 500.0);
    assert_eq!(
        r.best_session_volume.as_ref().unwrap().value,
        500.0,
        "session volume excludes warm-ups"
    );
    assert_eq!(r.e1rm_formula, "epley", "the formula is named");
}

#[test]
fn records_are_flagged_when_logged() {
    let conn = db();
    let bench = ex(&conn, "Bench Press (Barbell)");
    let s = session(&conn, 1);
    let sets = SetsMut::new(&conn);
    sets.log(s, &SetInput::working(bench, kg("100"), 5)).unwrap();
    let lighter = sets
        .log(s, &SetInput::working(bench, kg("90"), 5))
        .unwrap()
        .set
        .records;
    assert!(
        !lighter.e1rm && !lighter.heaviest && !lighter.set_volume,
        "a lighter set sets no weight record: {lighter:?}"
    );
    assert!(lighter.reps_at_weight, "but it is the first set at 90 kg");
    let more_reps = sets
        .log(s, &SetInput::working(bench, kg("90"), 8))
        .unwrap()
        .set
        .records;
    assert!(more_reps.reps_at_weight, "8 reps beats 5 at 90 kg");
    assert!(more_reps.set_volume, "720 beats 500 set volume");
    assert!(
        !more_reps.e1rm,
        "90 x 8 (114 kg) does not beat 100 x 5 (116.7 kg)"
    );
    let same = sets
        .log(s, &SetInput::working(bench, kg("90"), 8))
        .unwrap()
        .set
        .records;
    assert!(!same.any(), "equalling a record is not a new one: {same:?}");
    let pounds = sets
        .log(s, &SetInput::working(bench, lb("225"), 1))
        .unwrap()
        .set
        .records;
    assert!(
        pounds.heaviest,
        "225 lb (102.06 kg) beats 100 kg: units compare in kg"
    );
    let many = sets
        .log(s, &SetInput::working(bench, kg("60"), 20))
        .unwrap()
        .set
        .records;
    assert!(!many.e1rm, "no e1RM past 12 reps");
    let r = Records::new(&conn).of_exercise(bench).unwrap();
    let best = r.best_e1rm.unwrap();
    assert!(
        (best.value - 100.0 * (1.0 + 5.0 / 30.0)).abs() < 1e-9,
        "best e1RM is 100 x 5 by Epley, got {}",
        best.value
    );
    assert_eq!(
        best.weight,
        Some(kg("100")),
        "records carry the weight as entered"
    );
    assert_eq!(
        r.heaviest.unwrap().weight,
        Some(lb("225")),
        "the heaviest set keeps its pounds"
    );
    let at_90 = r
        .reps_at_weight
        .iter()
        .find(|x| x.weight == Some(kg("90")))
        .expect("a rep record at 90 kg");
    assert_eq!(at_90.reps, Some(8), "most reps at 90 kg");
}

#[test]
fn best_session_volume_and_all_records() {
    let conn = db();
    let row = ex(&conn, "Bent Over Row (Barbell)");
    let sets = SetsMut::new(&conn);
    let small = session(&conn, 3);
    sets.log(small, &SetInput::working(row, kg("60"), 10)).unwrap();
    let big = session(&conn, 1);
    for _ in 0..3 {
        sets.log(big, &SetInput::working(row, kg("60"), 10)).unwrap();
    }
    let r = Records::new(&conn).of_exercise(row).unwrap();
    let best = r.best_session_volume.unwrap();
    assert_eq!(
        (best.session_id, best.value),
        (big, 1800.0),
        "three sets of 600 beat one"
    );
    let all = Records::new(&conn).all().unwrap();
    assert_eq!(all.len(), 1, "only exercises with counting sets are listed");
}

#[test]
fn weekly_volume_per_muscle_excludes_warmups_and_loads_bodyweight() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let pullup = ex(&conn, "Pull Up");
    let odd = ExercisesMut::new(&conn)
        .add_for_review(&NewExercise {
            name: "Imported Mystery Lift".into(),
            kind: ExerciseKind::WeightReps,
            muscle: None,
            equipment: Equipment::Other,
        })
        .unwrap();
    BodyWeights::new(&conn)
        .log(now() - chrono::Duration::days(30), kg("80"), false, now())
        .unwrap();
    let s = session(&conn, 0);
    let sets = SetsMut::new(&conn);
    sets.log(s, &SetInput::working(squat, kg("100"), 5)).unwrap();
    sets.log(
        s,
        &SetInput {
            kind: SetKind::Warmup,
            ..SetInput::working(squat, kg("60"), 5)
        },
    )
    .unwrap();
    sets.log(
        s,
        &SetInput {
            weight: None,
            ..SetInput::working(pullup, kg("0"), 10)
        },
    )
    .unwrap();
    sets.log(s, &SetInput::working(pullup, kg("10"), 5)).unwrap();
    sets.log(s, &SetInput::working(odd.id, kg("10"), 10)).unwrap();
    let weeks = volume::weekly(
        &conn,
        now() - chrono::Duration::days(7),
        now() + chrono::Duration::days(1),
    )
    .unwrap();
    let get = |m: &str| {
        weeks
            .iter()
            .find(|w| w.muscle == m)
            .unwrap_or_else(|| panic!("{m} in {weeks:?}"))
    };
    assert_eq!(
        (get("quads").sets, get("quads").volume_kg),
        (1, 500.0),
        "the warm-up is excluded"
    );
    assert_eq!(
        get("back").volume_kg,
        80.0 * 10.0 + 90.0 * 5.0,
        "pull-ups load body weight plus added weight"
    );
    assert_eq!(
        get("unassigned").volume_kg,
        100.0,
        "unreviewed imports show as unassigned, not missing"
    );
    assert_eq!(get("quads").week, "2026-10-26", "weeks start on Monday");
}

#[test]
fn progress_is_one_point_per_session_without_warmups() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let sets = SetsMut::new(&conn);
    for (days_ago, weight) in [(14, "100"), (7, "105"), (0, "110")] {
        let s = session(&conn, days_ago);
        sets.log(
            s,
            &SetInput {
                kind: SetKind::Warmup,
                ..SetInput::working(squat, kg("200"), 1)
            },
        )
        .unwrap();
        sets.log(s, &SetInput::working(squat, kg(weight), 5)).unwrap();
    }
    let from = ironkeep::training::stamp(now() - chrono::Duration::days(30));
    let to = ironkeep::training::stamp(now() + chrono::Duration::days(1));
    let points = Records::new(&conn).progress(squat, &from, &to).unwrap();
    let tops: Vec<Option<f64>> = points.iter().map(|p| p.top_weight_kg).collect();
    assert_eq!(
        tops,
        [Some(100.0), Some(105.0), Some(110.0)],
        "oldest first, warm-ups excluded"
    );
    assert!((points[2].best_e1rm_kg.unwrap() - 110.0 * (1.0 + 5.0 / 30.0)).abs() < 1e-9);
}

#[test]
fn cached_records_follow_every_change() {
    let conn = db();
    let bench = ex(&conn, "Bench Press (Barbell)");
    let sets = SetsMut::new(&conn);
    let s = session(&conn, 2);
    let first = sets.log(s, &SetInput::working(bench, kg("100"), 5)).unwrap();
    let heaviest = |conn: &rusqlite::Connection| {
        Records::new(conn)
            .of_exercise(bench)
            .unwrap()
            .heaviest
            .map(|r| r.value)
    };
    assert_eq!(heaviest(&conn), Some(100.0));
    let cached: u32 = conn
        .query_row("SELECT count(*) FROM exercise_record", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cached, 1, "records are cached after the first read");
    let top = sets.log(s, &SetInput::working(bench, kg("110"), 3)).unwrap();
    assert_eq!(heaviest(&conn), Some(110.0), "a new set drops the cached entry");
    sets.edit(top.set.id, &SetInput::working(bench, kg("105"), 3))
        .unwrap();
    assert_eq!(heaviest(&conn), Some(105.0), "an edit drops it");
    sets.delete(top.set.id).unwrap();
    assert_eq!(heaviest(&conn), Some(100.0), "a delete drops it");
    ExercisesMut::new(&conn).rename(bench, "Bench").unwrap();
    assert_eq!(
        Records::new(&conn).of_exercise(bench).unwrap().exercise,
        "Bench",
        "a rename drops it"
    );
    let other = session(&conn, 5);
    let tie = sets.log(other, &SetInput::working(bench, kg("100"), 5)).unwrap();
    let holder = |conn: &rusqlite::Connection| {
        Records::new(conn)
            .of_exercise(bench)
            .unwrap()
            .heaviest
            .unwrap()
            .set_id
    };
    assert_eq!(
        holder(&conn),
        Some(tie.set.id),
        "on a tie the earlier session holds the record"
    );
    ironkeep::training::SessionsMut::new(&conn)
        .edit(
            other,
            &ironkeep::training::SessionEdit {
                started_at: Some(now()),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        holder(&conn),
        Some(first.set.id),
        "moving a session in time drops the cache too"
    );
}

#[test]
fn bodyweight_progress_loads_body_weight_and_counts_reps() {
    let conn = db();
    let pullup = ex(&conn, "Pull Up");
    let sets = SetsMut::new(&conn);
    // Imports carry "0" for a bodyweight set's weight; logged sets carry none or the
    // added weight.
    let early = session(&conn, 14);
    sets.log(early, &SetInput::working(pullup, kg("0"), 7)).unwrap();
    BodyWeights::new(&conn)
        .log(now() - chrono::Duration::days(10), kg("80.5"), false, now())
        .unwrap();
    let late = session(&conn, 0);
    sets.log(
        late,
        &SetInput {
            weight: None,
            ..SetInput::working(pullup, kg("0"), 9)
        },
    )
    .unwrap();
    sets.log(late, &SetInput::working(pullup, kg("10"), 5)).unwrap();
    let from = ironkeep::training::stamp(now() - chrono::Duration::days(30));
    let to = ironkeep::training::stamp(now() + chrono::Duration::days(1));
    let points = Records::new(&conn).progress(pullup, &from, &to).unwrap();
    assert_eq!(points.len(), 2);
    assert_eq!(
        (
            points[0].top_weight_kg,
            points[0].best_e1rm_kg,
            points[0].top_reps
        ),
        (None, None, Some(7)),
        "before any body weight the load is unknown, never 0 kg; the reps still chart"
    );
    assert_eq!(
        points[1].top_weight_kg,
        Some(90.5),
        "the load is the body weight plus the added weight"
    );
    assert_eq!(points[1].top_reps, Some(9));
    let e1rm = points[1].best_e1rm_kg.unwrap();
    assert!(
        (e1rm - 90.5 * (1.0 + 5.0 / 30.0)).abs() < 1e-9,
        "the e1RM counts the body weight: {e1rm}"
    );
    assert!((points[1].volume_kg - (80.5 * 9.0 + 90.5 * 5.0)).abs() < 1e-9);
}

#[test]
fn rep_maxes_hold_the_heaviest_weight_for_at_least_each_rep_count() {
    let conn = db();
    let bench = ex(&conn, "Bench Press (Barbell)");
    let sets = SetsMut::new(&conn);
    let old = session(&conn, 9);
    sets.log(old, &SetInput::working(bench, kg("100"), 5)).unwrap();
    sets.log(old, &SetInput::working(bench, kg("90"), 8)).unwrap();
    let new = session(&conn, 2);
    // Float noise from an import and a pound set competing in derived kilograms.
    sets.log(new, &SetInput::working(bench, kg("102.499"), 3))
        .unwrap();
    sets.log(new, &SetInput::working(bench, lb("265"), 1)).unwrap();
    sets.log(new, &SetInput::working(bench, kg("60"), 15)).unwrap();
    sets.log(
        new,
        &SetInput {
            kind: SetKind::Warmup,
            ..SetInput::working(bench, kg("140"), 4)
        },
    )
    .unwrap();
    let maxes = rep_max::of_exercise(&conn, bench).unwrap();
    let table: Vec<(u32, String, u32)> = maxes
        .iter()
        .map(|m| (m.reps, m.weight.to_string(), m.set_reps))
        .collect();
    assert_eq!(
        table,
        [
            (1, "265 lb".to_owned(), 1),
            (2, "102.499 kg".to_owned(), 3),
            (3, "102.499 kg".to_owned(), 3),
            (4, "100 kg".to_owned(), 5),
            (5, "100 kg".to_owned(), 5),
            (6, "90 kg".to_owned(), 8),
            (7, "90 kg".to_owned(), 8),
            (8, "90 kg".to_owned(), 8),
            (9, "60 kg".to_owned(), 15),
            (10, "60 kg".to_owned(), 15),
            (11, "60 kg".to_owned(), 15),
            (12, "60 kg".to_owned(), 15),
        ],
        "each row is the heaviest weight lifted for at least that many reps, as typed; warm-ups never count"
    );
    assert!((maxes[3].e1rm_kg.unwrap() - 100.0 * (1.0 + 5.0 / 30.0)).abs() < 1e-9);
    assert_eq!(maxes[8].e1rm_kg, None, "no estimate past 12 reps");
    assert_eq!(
        (maxes[0].session_id, maxes[5].session_id),
        (new, old),
        "each row names its session"
    );
}
