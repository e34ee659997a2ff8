//! Programs in the vault: starting a built-in copies it, today's weights come from the
//! vault's plates, a session started from the program is pre-filled and linked, and
//! finishing, editing or deleting its sessions moves the derived state.

use chrono::Duration;
use ironkeep::programs::{ExerciseLoading, Programs, Runs, Source};
use ironkeep::training::sets::{SetKind, SetsMut};
use ironkeep::training::settings::Settings;
use ironkeep::training::{Sessions, SessionsMut, Unit};

use crate::training::{db, ex, kg, lb, now};

fn tms() -> Vec<(String, ironkeep::training::Weight)> {
    [
        ("press", "40"),
        ("deadlift", "140"),
        ("bench", "70"),
        ("squat", "120"),
    ]
    .into_iter()
    .map(|(l, w)| (l.to_owned(), kg(w)))
    .collect()
}

/// Marks every set of `session` done as prescribed, then finishes it `minutes` later.
fn train_as_prescribed(conn: &rusqlite::Connection, session: u32, start: chrono::DateTime<chrono::Utc>) {
    let sets = SetsMut::new(conn);
    for set in Sessions::new(conn).detail(session).unwrap().sets {
        let mut input = set.input.clone();
        input.done = true;
        sets.edit(set.id, &input).unwrap();
    }
    SessionsMut::new(conn)
        .finish(session, start + Duration::minutes(60), false, now())
        .unwrap();
}

#[test]
fn a_week_of_five_three_one_from_the_vault() {
    let conn = db();
    let runs = Runs::new(&conn);
    let run = runs.start("5/3/1", &tms(), now() - Duration::days(30)).unwrap();
    assert_eq!(
        run.stored.source,
        Source::BuiltinCopy,
        "a built-in is copied before it runs"
    );
    assert!(runs.start("gzclp", &[], now()).is_err(), "one program at a time");

    let today = runs.today().unwrap();
    let press: Vec<f64> = today.plan.exercises[0]
        .sets
        .iter()
        .map(|s| s.weight.kg())
        .collect();
    assert_eq!(press, [25.0, 30.0, 35.0], "65/75/85 % of 40 kg, to 2.5 kg");

    // Four sessions, each started from the program and trained as prescribed.
    let mut sessions = Vec::new();
    for day in 0..4 {
        let start = now() - Duration::days(28 - 2 * day);
        let detail = runs.start_session(start, now()).unwrap();
        assert!(
            detail.sets.iter().any(|s| s.input.kind == SetKind::Warmup),
            "warm-ups first"
        );
        assert_eq!(
            detail
                .sets
                .iter()
                .filter(|s| s.input.kind == SetKind::Working)
                .count(),
            3,
            "the day's three working sets"
        );
        assert!(detail.sets.iter().all(|s| !s.input.done), "planned, not done");
        train_as_prescribed(&conn, detail.session.id, start);
        let said = runs.finished(detail.session.id).unwrap().unwrap();
        assert_eq!(
            said.next_time[0].message,
            "training max stays until the cycle ends"
        );
        sessions.push(detail.session.id);
    }
    let week2 = runs.today().unwrap();
    assert_eq!((week2.plan.week, week2.plan.day), (2, 1));
    let press: Vec<f64> = week2.plan.exercises[0]
        .sets
        .iter()
        .map(|s| s.weight.kg())
        .collect();
    assert_eq!(press, [27.5, 32.5, 35.0], "70/80/90 % of 40 kg: 28, 32, 36");

    // Deleting a session takes the lifter back to the day it was.
    SessionsMut::new(&conn).delete(sessions[3]).unwrap();
    assert_eq!(runs.today().unwrap().plan.day, 4);

    // A training max set by hand counts from then on.
    runs.set_training_max("Press", kg("50"), now()).unwrap();
    runs.set_training_max("squat-barbell", lb("300"), now()).unwrap();
    assert!(
        runs.set_training_max("curl", kg("10"), now()).is_err(),
        "not a lift of the program"
    );

    // The display unit changes the plates, never the training max.
    Settings::new(&conn).set_display_unit(Unit::Lb).unwrap();
    let today = runs.today().unwrap();
    let squat = &today.plan.exercises[0];
    assert_eq!(squat.training_max, lb("300"));
    let sets: Vec<String> = squat.sets.iter().map(|s| s.weight.to_string()).collect();
    assert_eq!(
        sets,
        ["195 lb", "225 lb", "255 lb"],
        "65/75/85 % of 300 lb, to 5 lb"
    );
    runs.stop(now()).unwrap();
    assert!(runs.today().is_err(), "nothing runs after stop");
    assert_eq!(Programs::new(&conn).list().unwrap().len(), 1);
}

#[test]
fn a_lift_without_a_training_max_starts_from_its_best_e1rm() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let session = crate::training::session(&conn, 3);
    ironkeep::training::SetsMut::new(&conn)
        .log(
            session,
            &ironkeep::training::SetInput::working(squat, kg("120"), 5),
        )
        .unwrap();
    let runs = Runs::new(&conn);
    let mut maxes = tms();
    maxes.retain(|(lift, _)| lift != "squat");
    let run = runs.start("5/3/1", &maxes, now()).unwrap();
    // Epley: 120 × (1 + 5/30) = 140; 5/3/1's training max is 90 % of it: 126.
    assert_eq!(run.maxes["squat"], kg("126"));
    runs.stop(now()).unwrap();
    let refused = runs.start("gzclp", &[], now()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no training max for \"bench-t1\"; set one with `ironkeep program tm`",
        "no log for the bench: a training max is needed"
    );
}

#[test]
fn a_lifts_maximum_and_increment_bound_its_prescriptions() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let curl = ex(&conn, "Bicep Curl (Dumbbell)");
    ExerciseLoading {
        increment: None,
        max: Some(kg("100")),
    }
    .set(&conn, squat)
    .unwrap();
    ExerciseLoading {
        increment: Some(kg("1")),
        max: None,
    }
    .set(&conn, curl)
    .unwrap();
    assert!(
        ExerciseLoading {
            increment: Some(kg("0")),
            max: None
        }
        .set(&conn, curl)
        .is_err(),
        "an increment of nothing"
    );
    let runs = Runs::new(&conn);
    let maxes: Vec<(String, ironkeep::training::Weight)> = vec![
        ("squat".into(), kg("160")),
        ("bench".into(), kg("80")),
        ("row".into(), kg("60")),
        ("press".into(), kg("50")),
        ("deadlift".into(), kg("180")),
    ];
    runs.start("linear beginner 3×5", &maxes, now()).unwrap();
    let today = runs.today().unwrap();
    assert_eq!(
        today.plan.exercises[0].sets[0].weight,
        kg("100"),
        "160 kg capped at the squat's 100 kg"
    );

    let hypertrophy = ironkeep::programs::builtin::find("hypertrophy-double")
        .unwrap()
        .unwrap()
        .program;
    let loadings = ironkeep::programs::run::loadings(&conn, &hypertrophy).unwrap();
    assert_eq!(
        loadings["bicep-curl"].round_kg(21.3),
        kg("21"),
        "the curl's own 1 kg increment"
    );
    assert_eq!(
        loadings["lateral-raise"].round_kg(21.3),
        kg("22.5"),
        "the default 2.5 kg: 21.3 is nearer 22.5 than 20"
    );
}

#[test]
fn an_edit_of_a_copy_sets_increments_in_the_users_unit_and_maximums_all_or_nothing() {
    let conn = db();
    let programs = Programs::new(&conn);
    let copy = programs.copy("5/3/1", "My 5/3/1", now()).unwrap();
    assert_eq!(copy.source, Source::BuiltinCopy);
    assert!(copy.author_verified(), "an unchanged copy of a built-in");
    assert_eq!(copy.program.increment("press", Unit::Lb).unwrap(), lb("5"));

    // An increment out of bounds: refused, and the maximum given beside it is not kept.
    let squat = ex(&conn, "Squat (Barbell)");
    let refused = programs.edit(
        copy.id,
        "Mine",
        &[("press".into(), kg("500"))],
        &[("squat".into(), Some(kg("100")))],
        now(),
    );
    assert!(refused.is_err());
    assert_eq!(
        ExerciseLoading::of(&conn, squat).unwrap().max,
        None,
        "nothing kept"
    );
    assert_eq!(programs.get(copy.id).unwrap(), copy, "nothing changed");
    // A maximum below the bar: refused, and the rename and increment beside it are undone.
    let refused = programs.edit(
        copy.id,
        "Mine",
        &[("press".into(), kg("1.25"))],
        &[("squat".into(), Some(kg("10")))],
        now(),
    );
    assert!(refused.is_err());
    assert_eq!(programs.get(copy.id).unwrap(), copy, "nothing changed");

    let renamed = programs.edit(copy.id, "Renamed", &[], &[], now()).unwrap();
    assert_eq!(
        renamed.source,
        Source::BuiltinCopy,
        "a renamed copy is still the built-in's"
    );
    let edited = programs
        .edit(
            copy.id,
            "Mine",
            &[("press".into(), kg("1.25"))],
            &[("squat".into(), Some(kg("100")))],
            now(),
        )
        .unwrap();
    assert_eq!(edited.program.name, "Mine");
    assert_eq!(edited.source, Source::Own, "an edited copy is the lifter's own");
    assert!(!edited.author_verified());
    assert_eq!(edited.program.increment("press", Unit::Kg).unwrap(), kg("1.25"));
    assert_eq!(
        edited.program.increment("press", Unit::Lb).unwrap(),
        lb("5"),
        "the other unit's amount stays as written"
    );
    assert_eq!(ExerciseLoading::of(&conn, squat).unwrap().max, Some(kg("100")));
}
