//! Warm-ups in one action and sets moved within their exercise: the ramp a working weight
//! gets (bar, then 40 %, 60 %, 80 %, rounded down to what the plates load), warm-ups
//! placed before the exercise's working sets, last time's warm-ups kept apart from its
//! working sets, and a set that moves only among its own exercise's sets.

use ironkeep::training::plates::PlateSet;
use ironkeep::training::warmup::ramp;
use ironkeep::training::{Sessions, SetInput, SetKind, SetsMut, TrainingError, Weight};
use rusqlite::Connection;

use super::{db, ex, kg, lb, session};

/// The ramp as "weight×reps" texts.
fn steps(working: Weight, plates: &PlateSet) -> Vec<String> {
    ramp(working, plates)
        .unwrap()
        .iter()
        .map(|s| format!("{}×{}", s.weight, s.reps))
        .collect()
}

#[test]
fn a_ramp_goes_from_the_bar_to_80_percent_in_loadable_steps() {
    let kg_plates = PlateSet::standard_kg();
    assert_eq!(
        steps(kg("100"), &kg_plates),
        ["20 kg×10", "40 kg×5", "60 kg×3", "80 kg×2"]
    );
    // 41, 61.5 and 82 are rounded down to what 2.5 kg steps load.
    assert_eq!(
        steps(kg("102.5"), &kg_plates),
        ["20 kg×10", "40 kg×5", "60 kg×3", "80 kg×2"]
    );
    // Float noise in a typed weight does not make a step vanish or repeat.
    assert_eq!(
        steps(kg("50.001"), &kg_plates),
        ["20 kg×10", "30 kg×3", "40 kg×2"]
    );
    assert_eq!(
        steps(lb("225"), &PlateSet::standard_lb()),
        ["45 lb×10", "90 lb×5", "135 lb×3", "180 lb×2"]
    );
    // A dumbbell lighter than the bar still ramps, in the plates' steps.
    assert_eq!(steps(kg("16"), &kg_plates), ["5 kg×5", "7.5 kg×3", "12.5 kg×2"]);
}

#[test]
fn a_ramp_is_refused_for_a_weight_too_light_or_in_the_other_unit() {
    let kg_plates = PlateSet::standard_kg();
    assert!(matches!(
        ramp(kg("2.5"), &kg_plates),
        Err(TrainingError::Refused(_))
    ));
    assert!(matches!(
        ramp(lb("225"), &kg_plates),
        Err(TrainingError::Refused(_))
    ));
}

/// The session's sets as (exercise, kind, weight, done), in stored order.
fn sets(conn: &Connection, id: u32) -> Vec<(u32, SetKind, String, bool)> {
    Sessions::new(conn)
        .detail(id)
        .unwrap()
        .sets
        .iter()
        .map(|s| {
            let weight = s.input.weight.map(|w| w.to_string()).unwrap_or_default();
            (s.input.exercise_id, s.input.kind, weight, s.input.done)
        })
        .collect()
}

fn planned(exercise: u32, weight: &str) -> SetInput {
    SetInput {
        done: false,
        ..SetInput::working(exercise, kg(weight), 5)
    }
}

#[test]
fn warm_ups_go_before_the_working_sets_of_their_exercise_once() {
    let conn = db();
    let (squat, bench) = (ex(&conn, "Squat (Barbell)"), ex(&conn, "Bench Press (Barbell)"));
    let id = session(&conn, 0);
    let log = SetsMut::new(&conn);
    log.log(id, &planned(squat, "100")).unwrap();
    log.log(id, &planned(bench, "60")).unwrap();
    log.log(id, &planned(bench, "60")).unwrap();

    let added = log
        .add_warmups(id, bench, kg("60"), &PlateSet::standard_kg())
        .unwrap();
    assert_eq!(
        added.len(),
        4,
        "the bar, then 24, 36 and 48 kg rounded down to 2.5 kg steps"
    );
    let after = sets(&conn, id);
    let warm = |w: &str| (bench, SetKind::Warmup, w.to_owned(), false);
    let work = |e: u32, w: &str| (e, SetKind::Working, w.to_owned(), false);
    assert_eq!(
        after,
        [
            work(squat, "100 kg"),
            warm("20 kg"),
            warm("22.5 kg"),
            warm("35 kg"),
            warm("47.5 kg"),
            work(bench, "60 kg"),
            work(bench, "60 kg"),
        ]
    );

    // A second time is refused and changes nothing.
    let again = log.add_warmups(id, bench, kg("60"), &PlateSet::standard_kg());
    assert!(matches!(again, Err(TrainingError::Refused(_))), "{again:?}");
    assert_eq!(sets(&conn, id), after);
}

#[test]
fn a_set_moves_only_among_its_own_exercises_sets() {
    let conn = db();
    let (squat, bench) = (ex(&conn, "Squat (Barbell)"), ex(&conn, "Bench Press (Barbell)"));
    let id = session(&conn, 0);
    let log = SetsMut::new(&conn);
    let s1 = log.log(id, &planned(squat, "100")).unwrap().set.id;
    let b1 = log.log(id, &planned(bench, "60")).unwrap().set.id;
    let s2 = log.log(id, &planned(squat, "110")).unwrap().set.id;
    let ids = |conn: &Connection| -> Vec<u32> {
        Sessions::new(conn)
            .detail(id)
            .unwrap()
            .sets
            .iter()
            .map(|s| s.id)
            .collect()
    };

    // The second squat set moves up past the bench set, to before the first squat set.
    log.move_set(s2, true).unwrap();
    assert_eq!(ids(&conn), [s2, b1, s1]);
    // The first set of an exercise cannot move up, the last not down; nothing changes.
    assert!(matches!(log.move_set(s2, true), Err(TrainingError::Refused(_))));
    assert!(matches!(log.move_set(b1, false), Err(TrainingError::Refused(_))));
    assert_eq!(ids(&conn), [s2, b1, s1]);
    log.move_set(s2, false).unwrap();
    assert_eq!(ids(&conn), [s1, b1, s2]);
}

#[test]
fn last_time_keeps_its_warm_ups_beside_its_working_sets() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let before = session(&conn, 3);
    let log = SetsMut::new(&conn);
    log.log(
        before,
        &SetInput {
            kind: SetKind::Warmup,
            ..SetInput::working(squat, kg("20"), 10)
        },
    )
    .unwrap();
    log.log(before, &SetInput::working(squat, kg("100"), 5)).unwrap();
    let today = Sessions::new(&conn).get(session(&conn, 0)).unwrap();
    let last = Sessions::new(&conn)
        .last_performance(squat, &today.started_at)
        .unwrap();
    let kinds: Vec<SetKind> = last.iter().map(|s| s.input.kind).collect();
    assert_eq!(kinds, [SetKind::Warmup, SetKind::Working]);
}
